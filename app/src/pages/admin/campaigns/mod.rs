//! Campaigns: the list and a form for a new one; one campaign (its steps, schedule and report) is `detail`.
pub mod detail;
mod report;
mod steps;

use crate::api::campaigns::{load_campaigns, CreateCampaign};
use crate::components::forms::{use_field_error, use_form_error, use_kept_value, Field, FormAlert};
use crate::components::i18n::{format_datetime, t, use_lang};
use crate::components::labels::purpose_title;
use crate::domain::campaigns::{CampaignKind, CampaignSummary, CAMPAIGN_PURPOSES};
use crate::domain::segments::SegmentSummary;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub fn kind_label(kind: CampaignKind) -> Msg {
    match kind {
        CampaignKind::OneOff => Msg::CampaignOneOff,
        CampaignKind::Sequence => Msg::CampaignSequence,
    }
}

/// A segment's name in the page's language.
pub fn name_in(names: &(String, String)) -> String {
    if use_lang() == Lang::En {
        names.1.clone()
    } else {
        names.0.clone()
    }
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let deleted = use_query_map().with_untracked(|q| q.get("deleted").is_some());
    view! {
        <Title text=t(Msg::CampaignsTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_campaigns()).await, "/admin/sign-in", move |(campaigns, segments, can_edit)| view! {
                    <h1>{t(Msg::CampaignsTitle)}</h1>
                    <p><a href="/admin">{t(Msg::DashboardTitle)}</a></p>
                    {deleted.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::CampaignDeleted)}</div> })}
                    <p>{t(Msg::CampaignsIntro)}</p>
                    <CampaignTable campaigns=campaigns />
                    {can_edit.then(|| view! { <NewCampaignForm segments=segments /> })}
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CampaignTable(campaigns: Vec<CampaignSummary>) -> impl IntoView {
    view! {
        <div class="table-scroll card">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::CampaignName)}</th>
                        <th scope="col">{t(Msg::ColKind)}</th>
                        <th scope="col">{t(Msg::CampaignSegment)}</th>
                        <th scope="col">{t(Msg::ColStatus)}</th>
                        <th scope="col">{t(Msg::CampaignStartsAt)}</th>
                        <th scope="col" class="num">{t(Msg::ColSent)}</th>
                    </tr>
                </thead>
                <tbody>
                    {campaigns.into_iter().map(|c| view! {
                        <tr>
                            <td><a href=format!("/admin/campaigns/{}", c.id)>{c.name.clone()}</a></td>
                            <td>{t(kind_label(c.kind))}</td>
                            <td>{name_in(&c.segment_name)}</td>
                            <td><span class="badge">{t(c.status.label())}</span></td>
                            <td>{c.starts_at.map(format_datetime)}</td>
                            <td class="num">{c.sent}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The settings every campaign has; the new-campaign form and a draft's settings form share them.
#[component]
pub fn SettingsFields(
    segments: Vec<SegmentSummary>,
    name: String,
    kind: String,
    segment_id: String,
    purpose: String,
    exit_on_unmatch: bool,
) -> impl IntoView {
    let lang = use_lang();
    let kind_error = use_field_error("kind");
    let segment_error = use_field_error("segment_id");
    let purpose_error = use_field_error("purpose");
    view! {
        <Field name="name" label=Msg::CampaignName value=name />
        <fieldset class="field">
            <legend>{t(Msg::CampaignKindLabel)}</legend>
            {CampaignKind::ALL.iter().map(|k| {
                let id = format!("kind-{}", k.as_str());
                view! {
                    <label for=id.clone() class="choice">
                        <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=kind == k.as_str() required=true />
                        {t(kind_label(*k))}
                    </label>
                }
            }).collect_view()}
            {kind_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
        </fieldset>
        <div class="field">
            <label for="segment_id">{t(Msg::CampaignSegment)}</label>
            <select id="segment_id" name="segment_id" aria-invalid=segment_error.map(|_| "true")>
                {segments.into_iter().map(|s| {
                    let label = if lang == Lang::En { s.name_en.clone() } else { s.name_ja.clone() };
                    view! { <option value=s.id.clone() selected=s.id == segment_id>{label}</option> }
                }).collect_view()}
            </select>
            {segment_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
        </div>
        <div class="field">
            <label for="purpose">{t(Msg::CampaignPurpose)}</label>
            <select id="purpose" name="purpose" aria-invalid=purpose_error.map(|_| "true")>
                {CAMPAIGN_PURPOSES.iter().map(|p| view! {
                    <option value=p.as_str() selected=purpose == p.as_str()>{t(purpose_title(*p))}</option>
                }).collect_view()}
            </select>
            {purpose_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
        </div>
        <div class="field">
            <label for="exit_on_unmatch" class="choice">
                <input type="checkbox" id="exit_on_unmatch" name="exit_on_unmatch" value="1" checked=exit_on_unmatch />
                {t(Msg::CampaignExitOnUnmatch)}
            </label>
        </div>
    }
}

#[component]
fn NewCampaignForm(segments: Vec<SegmentSummary>) -> impl IntoView {
    let error = use_form_error();
    let kind = Some(use_kept_value("kind")).filter(|k| !k.is_empty()).unwrap_or_else(|| "one_off".into());
    view! {
        <section class="card" aria-labelledby="new-campaign">
            <h2 id="new-campaign">{t(Msg::NewCampaign)}</h2>
            <FormAlert error=error />
            <form method="post" action=CreateCampaign::url()>
                <SettingsFields
                    segments=segments
                    name=use_kept_value("name")
                    kind=kind
                    segment_id=use_kept_value("segment_id")
                    purpose=use_kept_value("purpose")
                    exit_on_unmatch=true
                />
                <button type="submit" class="button">{t(Msg::CreateCampaignButton)}</button>
            </form>
        </section>
    }
}
