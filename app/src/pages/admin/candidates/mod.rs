//! A candidate's page for recruiters (`/admin/candidates/:id`): the record, tags, notes, the profile, and
//! below it the applications (`applications`) and the records kept about the person (`records`).
mod applications;
mod records;

use applications::{Application, Interviews};
use records::{AuditTrail, ConsentSummary, Mails, Referrals};

use crate::api::candidates::{load_candidate, AddNote, AdminSaveProfile, TagCandidate};
use crate::api::invitations::InviteCandidate;
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::labels::invitation_status_label;
use crate::components::profile_form::{kept, ProfileForm};
use crate::domain::*;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CandidatePage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let error = use_form_error();
    let invited = use_query_map().with_untracked(|q| q.get("invited").is_some());
    let rejected = use_query_map().with_untracked(|q| {
        if q.get("rejected").is_some() {
            Some(Msg::RejectedNotice)
        } else if q.get("moved").is_some() {
            Some(Msg::Moved)
        } else if q.get("withdrawn").is_some() {
            Some(Msg::WithdrawnRecorded)
        } else if q.get("merged").is_some() {
            Some(Msg::MergedNotice)
        } else {
            None
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_candidate(id)).await, "/admin/sign-in", |detail| view! { <Candidate detail=detail error=error invited=invited rejected=rejected /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Candidate(detail: CandidateDetail, error: Option<Msg>, invited: bool, rejected: Option<Msg>) -> impl IntoView {
    let summary = detail.summary;
    let candidate_id = summary.id.clone();
    let reasons = detail.reject_reasons.clone();
    let withdraw_reasons = detail.withdraw_reasons.clone();
    let open_applications: Vec<(String, String)> = detail
        .applications
        .iter()
        .filter(|a| a.outcome.is_none() && a.stage != crate::domain::Stage::Hired)
        .map(|a| (a.id.clone(), a.job_title.clone()))
        .collect();
    let kept_tag = use_kept_value("tag");
    let query = use_query_map();
    // a failed profile post comes back with what was typed (the profile form is the only one keeping family_name)
    let profile_failed = crate::components::forms::kept_value("family_name").is_some();
    let profile_saved = query.with_untracked(|q| q.get("saved").is_some());
    let profile = if profile_failed { kept(&detail.profile) } else { detail.profile.clone() };
    let kept_note = use_kept_value("note_body");
    let created = use_query_map().with_untracked(|q| q.get("created").is_some());
    view! {
        <Title text=summary.name.clone() />
        <h1>{summary.name.clone()}</h1>
        <p class="muted">{summary.email.clone()}" · "{summary.source_channel.clone()}</p>
        <p class=if detail.job_news_consent { "badge badge-ok" } else { "badge" }>
            {t(if detail.job_news_consent { Msg::JobNewsConsentYes } else { Msg::JobNewsConsentNo })}
        </p>
        <FormAlert error=error />
        {created.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::CandidateCreated)}</div> })}
        {(!detail.duplicates.is_empty()).then(|| {
            let id = candidate_id.clone();
            view! {
                <section class="card alert-warn" id="duplicates" aria-labelledby="duplicates-heading">
                    <h2 id="duplicates-heading">{t(Msg::DuplicatesTitle)}</h2>
                    <ul class="application-list">
                        {detail.duplicates.iter().map(|d| {
                            let reason = d.reason.label();
                            view! {
                                <li class="application">
                                    <a class="application-title" href=format!("/admin/candidates/{}", d.id)>{d.name.clone()}</a>
                                    <span class="muted">{d.email.clone()}" · "{t(reason)}</span>
                                    <a href=format!("/admin/candidates/{id}/merge/{}", d.id)>{t(Msg::ReviewMerge)}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
        <section id="profile" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t(Msg::ProfileTitle)}</h2>
            {profile_saved.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::ProfileSaved)}</div> })}
            <ProfileForm profile=profile action=AdminSaveProfile::url() candidate_id=candidate_id.clone() />
        </section>
        <section class="card" id="tags" aria-labelledby="tags-heading">
            <h2 id="tags-heading">{t(Msg::TagLabel)}</h2>
            <ul class="tag-list">
                {detail.tags.into_iter().map(|tag| {
                    let remove = format!("{}: {}", t(Msg::RemoveTag), tag.name);
                    view! {
                        <li>
                            <form method="post" action=TagCandidate::url() class="inline-form">
                                <input type="hidden" name="candidate_id" value=candidate_id.clone() />
                                <input type="hidden" name="tag" value=tag.name.clone() />
                                <input type="hidden" name="remove" value="yes" />
                                <span class="badge">{tag.name.clone()}</span>
                                <button type="submit" class="button-link" aria-label=remove>"×"</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form method="post" action=TagCandidate::url() class="search-row">
                <input type="hidden" name="candidate_id" value=candidate_id.clone() />
                <label for="add-tag">{t(Msg::AddTagLabel)}</label>
                <input id="add-tag" name="tag" type="text" maxlength="50" list="known-tags" required value=kept_tag />
                <datalist id="known-tags">
                    {detail.known_tags.into_iter().map(|tag| view! { <option value=tag.name></option> }).collect_view()}
                </datalist>
                <button type="submit" class="button button-secondary">{t(Msg::AddTagButton)}</button>
            </form>
        </section>
        <section class="card" id="notes" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t(Msg::NotesTitle)}</h2>
            <form method="post" action=AddNote::url()>
                <input type="hidden" name="candidate_id" value=candidate_id.clone() />
                <div class="field">
                    <label for="note-body">{t(Msg::NewNoteLabel)}</label>
                    <textarea id="note-body" name="body" rows="3" maxlength="5000" required>{kept_note}</textarea>
                </div>
                <button type="submit" class="button button-secondary">{t(Msg::AddNoteButton)}</button>
            </form>
            <ul class="stack note-list">
                {detail.notes.into_iter().map(|note| view! {
                    <li class="note">
                        <p class="muted">{note.author}" · "{crate::components::i18n::format_datetime(note.created_at)}</p>
                        <p class="note-body">{note.body}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {invited.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Invited)}</div> })}
        {rejected.map(|msg| view! { <div class="alert alert-ok" role="status">{t(msg)}</div> })}
        <section class="card" aria-labelledby="applications-heading">
            <h2 id="applications-heading">{t(Msg::ApplicationsTitle)}</h2>
            {detail.applications.is_empty().then(|| view! { <p>{t(Msg::NoApplications)}</p> })}
            <ul class="stack">
                {detail.applications.into_iter().map(|a| view! {
                    <li><Application application=a candidate_id=candidate_id.clone() reasons=reasons.clone() withdraw_reasons=withdraw_reasons.clone() /></li>
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
                        <span class="badge">{t(invitation_status_label(i.status))}</span>
                        <span class="muted">{format_date(i.created_at)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <Interviews
            interviews=detail.interviews
            open_applications=open_applications
            candidate_id=candidate_id.clone()
        />
        <ConsentSummary overview=detail.consent />
        <Mails mails=detail.mails />
        <Referrals provisions=detail.provisions />
        <AuditTrail entries=detail.audit />
    }
}
