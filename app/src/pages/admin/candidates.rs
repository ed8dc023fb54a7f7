use crate::api::invitations::{load_candidate, search_candidates, InviteCandidate};
use crate::api::relay::RejectApplication;
use crate::components::forms::use_kept_value;
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::stage_label;
use crate::components::i18n::{format_date, t};
use crate::domain::AdminApplication;
use crate::domain::CandidateDetail;
use crate::i18n::Msg;
use crate::pages::portal::invitation::status_label;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CandidatesPage() -> impl IntoView {
    let q = use_query_map().with_untracked(|q| q.get("q")).unwrap_or_default();
    view! {
        <Title text=t(Msg::CandidatesTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::pages::page_or(search_candidates(q.clone()).await, "/admin/sign-in", |found| view! {
                        <h1>{t(Msg::CandidatesTitle)}</h1>
                        <form method="get" action="/admin/candidates" role="search" class="search-row">
                            <label for="q">{t(Msg::SearchLabel)}</label>
                            <input id="q" name="q" type="search" value=q.clone() />
                            <button type="submit" class="button">{t(Msg::SearchButton)}</button>
                        </form>
                        {(!q.trim().is_empty() && found.is_empty()).then(|| view! { <p>{t(Msg::NoResults)}</p> })}
                        <ul class="application-list">
                            {found.into_iter().map(|c| view! {
                                <li class="application">
                                    <a class="application-title" href=format!("/admin/candidates/{}", c.id)>{c.name}</a>
                                    <span class="muted">{c.email}" · "{c.source_channel}" · "{format_date(c.created_at)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any())
            })}
        </Suspense>
    }
}

#[component]
pub fn CandidatePage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let error = use_form_error();
    let invited = use_query_map().with_untracked(|q| q.get("invited").is_some());
    let rejected = use_query_map().with_untracked(|q| q.get("rejected").is_some());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::pages::page_or(load_candidate(id).await, "/admin/sign-in", |detail| view! { <Candidate detail=detail error=error invited=invited rejected=rejected /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Candidate(detail: CandidateDetail, error: Option<Msg>, invited: bool, rejected: bool) -> impl IntoView {
    let summary = detail.summary;
    let candidate_id = summary.id.clone();
    let reasons = detail.reject_reasons.clone();
    view! {
        <Title text=summary.name.clone() />
        <h1>{summary.name.clone()}</h1>
        <p class="muted">{summary.email.clone()}" · "{summary.source_channel.clone()}</p>
        <p class=if detail.job_news_consent { "badge badge-ok" } else { "badge" }>
            {t(if detail.job_news_consent { Msg::JobNewsConsentYes } else { Msg::JobNewsConsentNo })}
        </p>
        <FormAlert error=error />
        {invited.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Invited)}</div> })}
        {rejected.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::RejectedNotice)}</div> })}
        <section class="card" aria-labelledby="applications-heading">
            <h2 id="applications-heading">{t(Msg::ApplicationsTitle)}</h2>
            {detail.applications.is_empty().then(|| view! { <p>{t(Msg::NoApplications)}</p> })}
            <ul class="stack">
                {detail.applications.into_iter().map(|a| view! {
                    <li><Application application=a candidate_id=candidate_id.clone() reasons=reasons.clone() /></li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t(Msg::InviteHeading)}</h2>
            <form method="post" action=InviteCandidate::url()>
                <input type="hidden" name="candidate_id" value=summary.id.clone() />
                <div class="field">
                    <label for="job_id">{t(Msg::JobLabel)}</label>
                    <select id="job_id" name="job_id" required>
                        {detail.open_jobs.into_iter().map(|j| view! { <option value=j.id>{j.title}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t(Msg::InviteButton)}</button>
            </form>
            <ul class="application-list">
                {detail.invitations.into_iter().map(|i| view! {
                    <li class="application">
                        <span class="application-title">{i.job_title}</span>
                        <span class="badge">{t(status_label(i.status))}</span>
                        <span class="muted">{format_date(i.created_at)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Application(application: AdminApplication, candidate_id: String, reasons: Vec<(String, String)>) -> impl IntoView {
    let AdminApplication { id, job_title, stage, outcome, reason, note, applied_at } = application;
    let open = outcome.is_none() && stage != crate::domain::Stage::Hired;
    let kept_for_this = use_kept_value("application") == id;
    let kept_note = if kept_for_this { use_kept_value("note") } else { String::new() };
    let reason_id = format!("reason-{id}");
    let note_id = format!("note-{id}");
    let mail_id = format!("mail-{id}");
    let heading = job_title.clone();
    view! {
        <div class="application">
            <span class="application-title">{job_title}</span>
            <span class="badge">{t(stage_label(stage, outcome))}</span>
            <span class="muted">{format_date(applied_at)}</span>
            {reason.map(|r| view! { <p class="muted">{t(Msg::RejectReasonLabel)}": "{r}</p> })}
            {note.map(|n| view! { <p class="muted">{t(Msg::InternalNoteLabel)}": "{n}</p> })}
        </div>
        {open.then(|| view! {
            <details class="policy">
                <summary>{t(Msg::RejectHeading)}" ("{heading}")"</summary>
                <form method="post" action=RejectApplication::url()>
                    <input type="hidden" name="candidate_id" value=candidate_id />
                    <input type="hidden" name="application_id" value=id.clone() />
                    <div class="field">
                        <label for=reason_id.clone()>{t(Msg::RejectReasonLabel)}</label>
                        <select id=reason_id.clone() name="reason_id" required>
                            <option value="">{t(Msg::ChooseReason)}</option>
                            {reasons.into_iter().map(|(rid, label)| view! { <option value=rid>{label}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=note_id.clone()>{t(Msg::InternalNoteLabel)}</label>
                        <textarea id=note_id.clone() name="note" rows="3" maxlength="1000">{kept_note}</textarea>
                    </div>
                    <label class="choice" for=mail_id.clone()>
                        <input type="checkbox" id=mail_id.clone() name="send_mail" value="yes" checked />
                        <span>{t(Msg::SendRejectionMail)}</span>
                    </label>
                    <p><button type="submit" class="button button-danger">{t(Msg::RejectButton)}</button></p>
                </form>
            </details>
        })}
    }
}
