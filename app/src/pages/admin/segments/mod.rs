//! Segments: the list with the presets and a form for a new one; the builder of one segment is `builder`.
pub mod builder;

use crate::api::segments::{load_segments, CreateSegment};
use crate::components::forms::{use_form_error, use_kept_value, Field, FormAlert};
use crate::components::i18n::{format_date, t, use_lang};
use crate::domain::segments::SegmentSummary;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A segment's name in the page's language.
pub fn segment_name(segment: &SegmentSummary) -> String {
    if use_lang() == Lang::En {
        segment.name_en.clone()
    } else {
        segment.name_ja.clone()
    }
}

#[component]
pub fn SegmentsPage() -> impl IntoView {
    let deleted = use_query_map().with_untracked(|q| q.get("deleted").is_some());
    view! {
        <Title text=t(Msg::SegmentsTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_segments()).await, "/admin/sign-in", move |segments| view! {
                    <h1>{t(Msg::SegmentsTitle)}</h1>
                    <p><a href="/admin">{t(Msg::DashboardTitle)}</a></p>
                    {deleted.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::SegmentDeleted)}</div> })}
                    <p>{t(Msg::SegmentsIntro)}</p>
                    <div class="table-scroll card">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::SegmentsTitle)}</th>
                                    <th scope="col">{t(Msg::ColUpdated)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {segments.into_iter().map(|segment| view! {
                                    <tr>
                                        <td>
                                            <a href=format!("/admin/segments/{}", segment.id)>{segment_name(&segment)}</a>
                                            {segment.preset.is_some().then(|| view! { " " <span class="badge">{t(Msg::SegmentPresetBadge)}</span> })}
                                        </td>
                                        <td>{(segment.updated_at > 0).then(|| format_date(segment.updated_at))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <NewSegmentForm />
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn NewSegmentForm() -> impl IntoView {
    let error = use_form_error();
    view! {
        <section class="card" aria-labelledby="new-segment">
            <h2 id="new-segment">{t(Msg::NewSegment)}</h2>
            <FormAlert error=error />
            <form method="post" action=CreateSegment::url()>
                <Field name="name_ja" label=Msg::SegmentNameJa value=use_kept_value("name_ja") />
                <Field name="name_en" label=Msg::SegmentNameEn value=use_kept_value("name_en") />
                <button type="submit" class="button">{t(Msg::CreateSegmentButton)}</button>
            </form>
        </section>
    }
}
