//! Comparing two records that may be the same person, and merging them.
use crate::api::invitations::load_candidate;
use crate::api::workspace::MergeCandidates;
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::t;
use crate::domain::CandidateDetail;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MergePage() -> impl IntoView {
    let params = use_params_map();
    let keep = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let other = params.with_untracked(|p| p.get("other")).unwrap_or_default();
    let error = use_form_error();
    view! {
        <Title text=t(Msg::MergeTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let both = match (crate::components::loading::run(load_candidate(keep.clone())).await, crate::components::loading::run(load_candidate(other.clone())).await) {
                    (Ok(a), Ok(b)) => Ok((a, b)),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                };
                crate::pages::page_or(both, "/admin/sign-in", |(kept, gone)| view! {
                    <h1>{t(Msg::MergeTitle)}</h1>
                    <p>{t(Msg::MergeExplain)}</p>
                    <FormAlert error=error />
                    <div class="board">
                        <Side title=Msg::MergeKeep detail=kept.clone() />
                        <Side title=Msg::MergeRemove detail=gone.clone() />
                    </div>
                    <form method="post" action=MergeCandidates::url() class="card">
                        <input type="hidden" name="keep" value=kept.summary.id.clone() />
                        <input type="hidden" name="other" value=gone.summary.id.clone() />
                        <label class="choice">
                            <input type="checkbox" name="confirm" value="yes" required />
                            <span>{t(Msg::MergeConfirmLabel)}</span>
                        </label>
                        <p><button type="submit" class="button button-danger">{t(Msg::MergeButton)}</button></p>
                    </form>
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Side(title: Msg, detail: CandidateDetail) -> impl IntoView {
    let p = detail.profile;
    let heading = format!("{}: {}", t(title), detail.summary.name);
    let heading_id = format!("side-{}", detail.summary.id);
    view! {
        <section class="card" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{heading}</h2>
            <dl class="facts">
                <dt>{t(Msg::EmailLabel)}</dt><dd>{detail.summary.email}</dd>
                <dt>{t(Msg::KanaLabel)}</dt><dd>{format!("{} {}", p.family_name_kana, p.given_name_kana)}</dd>
                <dt>{t(Msg::PhoneLabel)}</dt><dd>{p.phone}</dd>
                <dt>{t(Msg::LocationLabel)}</dt><dd>{p.location}</dd>
                <dt>{t(Msg::SkillsLabel)}</dt><dd>{p.skills}</dd>
                <dt>{t(Msg::ApplicationsTitle)}</dt><dd>{detail.applications.len()}</dd>
                <dt>{t(Msg::NotesTitle)}</dt><dd>{detail.notes.len()}</dd>
                <dt>{t(Msg::MailsSentTitle)}</dt><dd>{detail.mails.len()}</dd>
                <dt>{t(Msg::NavConsent)}</dt><dd>{detail.consent.history.len()}</dd>
            </dl>
        </section>
    }
}
