use crate::api::invitations::{load_candidate, search_candidates, InviteCandidate};
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::{format_date, t};
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
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::pages::page_or(load_candidate(id).await, "/admin/sign-in", |detail| view! { <Candidate detail=detail error=error invited=invited /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Candidate(detail: CandidateDetail, error: Option<Msg>, invited: bool) -> impl IntoView {
    let summary = detail.summary;
    view! {
        <Title text=summary.name.clone() />
        <h1>{summary.name.clone()}</h1>
        <p class="muted">{summary.email.clone()}" · "{summary.source_channel.clone()}</p>
        <p class=if detail.job_news_consent { "badge badge-ok" } else { "badge" }>
            {t(if detail.job_news_consent { Msg::JobNewsConsentYes } else { Msg::JobNewsConsentNo })}
        </p>
        <FormAlert error=error />
        {invited.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Invited)}</div> })}
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
