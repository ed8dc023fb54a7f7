use crate::api::policies::{load_policies, PublishPolicy};
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::labels::purpose_title;
use crate::domain::{ConsentPurpose, PolicyVersion, MAX_POLICY_CHARS};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let error = use_form_error();
    let published = use_query_map().with_untracked(|q| q.get("published")).is_some();
    let kept = (use_kept_value("purpose"), use_kept_value("text_ja"), use_kept_value("text_en"));
    view! {
        <Title text=t(Msg::PoliciesTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_policies()).await, "/admin/sign-in", |versions| {
                        view! {
                            <h1>{t(Msg::PoliciesTitle)}</h1>
                            <p class="lead">{t(Msg::PoliciesIntro)}</p>
                            {published.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::PublishedOk)}</div> })}
                            <FormAlert error=error />
                            {ConsentPurpose::ALL
                                .iter()
                                .map(|purpose| {
                                    let mine: Vec<PolicyVersion> = versions.iter().filter(|v| v.purpose == *purpose).cloned().collect();
                                    let kept = (kept.0 == purpose.as_str()).then(|| (kept.1.clone(), kept.2.clone()));
                                    view! { <PurposePolicies purpose=*purpose versions=mine kept=kept /> }
                                })
                                .collect_view()}
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}

#[component]
fn PurposePolicies(
    purpose: ConsentPurpose,
    versions: Vec<PolicyVersion>,
    kept: Option<(String, String)>,
) -> impl IntoView {
    let current = versions.first().cloned();
    let (text_ja, text_en) =
        kept.unwrap_or_else(|| current.as_ref().map(|c| (c.text_ja.clone(), c.text_en.clone())).unwrap_or_default());
    let id = purpose.as_str();
    view! {
        <section class="card" aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{t(purpose_title(purpose))}</h2>
            {current
                .map(|c| {
                    view! {
                        <p class="muted">
                            {t(Msg::PolicyVersionLabel)}" "{c.version}" · "{t(Msg::PublishedAtLabel)}" "{format_date(c.published_at)}
                        </p>
                    }
                })}
            <details>
                <summary>{t(Msg::PublishNewVersion)}</summary>
                <form method="post" action=PublishPolicy::url() class="stack">
                    <input type="hidden" name="purpose" value=id />
                    <div class="field">
                        <label for=format!("{id}-ja")>{t(Msg::TextJaLabel)}</label>
                        <textarea id=format!("{id}-ja") name="text_ja" rows="5" required maxlength=MAX_POLICY_CHARS.to_string()>{text_ja}</textarea>
                    </div>
                    <div class="field">
                        <label for=format!("{id}-en")>{t(Msg::TextEnLabel)}</label>
                        <textarea id=format!("{id}-en") name="text_en" rows="5" required maxlength=MAX_POLICY_CHARS.to_string()>{text_en}</textarea>
                    </div>
                    <button type="submit" class="button">{t(Msg::PublishButton)}</button>
                </form>
            </details>
        </section>
    }
}
