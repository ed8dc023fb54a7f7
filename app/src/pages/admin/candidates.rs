use crate::api::invitations::{load_candidate, InviteCandidate};
use crate::api::profile::AdminSaveProfile;
use crate::api::relay::RejectApplication;
use crate::api::workspace::{
    list_candidates, AddNote, BulkCandidates, DeleteView, MoveStage, SaveView, TagCandidate, WithdrawApplication,
};
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::forms::{use_kept_value, Field};
use crate::components::i18n::stage_label;
use crate::components::i18n::{format_date, t};
use crate::domain::{AdminApplication, SavedView};
use crate::domain::{
    CandidateDetail, CandidateFilter, CandidateList, ConsentFilter, ListSort, Outcome, SourceChannel, Stage,
};
use crate::i18n::Msg;
use crate::pages::portal::invitation::status_label;
use crate::pages::portal::profile::ProfileForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The filter keys a list view keeps in its URL.
const FILTER_KEYS: &[&str] = &[
    "q",
    "tag",
    "source",
    "job",
    "stage",
    "outcome",
    "consent",
    "no_contact_since",
    "created_from",
    "created_to",
    "sort",
];

#[component]
pub fn CandidatesPage() -> impl IntoView {
    let query = use_query_map();
    let pairs: Vec<(String, String)> =
        query.with_untracked(|q| FILTER_KEYS.iter().filter_map(|k| q.get(k).map(|v| ((*k).to_owned(), v))).collect());
    let filter = CandidateFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let after = query.with_untracked(|q| q.get("after"));
    let notice = query.with_untracked(|q| {
        q.get("done").map(|action| (action, q.get("count").unwrap_or_default(), q.get("refused").unwrap_or_default()))
    });
    let error = use_form_error();
    view! {
        <Title text=t(Msg::CandidatesTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let filter = filter.clone();
                let notice = notice.clone();
                crate::pages::page_or(crate::components::loading::run(list_candidates(filter.clone(), after.clone())).await, "/admin/sign-in", move |list| view! {
                    <CandidateListView list=list filter=filter notice=notice error=error />
                }.into_any())
            })}
        </Suspense>
    }
}

/// The caller's saved views as links, each with a delete button, and a form that saves the current filters.
#[component]
fn SavedViews(views: Vec<SavedView>, query: String) -> impl IntoView {
    let (saved, deleted) =
        use_query_map().with_untracked(|q| (q.get("view_saved").is_some(), q.get("view_deleted").is_some()));
    let typed = use_kept_value("view_name");
    view! {
        <section class="card" aria-labelledby="views-heading">
            <h2 id="views-heading">{t(Msg::SavedViewsTitle)}</h2>
            {saved.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::ViewSaved)}</div> })}
            {deleted.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::ViewDeleted)}</div> })}
            {views.is_empty().then(|| view! { <p class="muted">{t(Msg::NoSavedViews)}</p> })}
            <ul class="saved-views">
                {views.into_iter().map(|v| {
                    let href = if v.query.is_empty() { "/admin/candidates".to_owned() } else { format!("/admin/candidates?{}", v.query) };
                    let label = format!("{} {}", t(Msg::DeleteViewButton), v.name);
                    view! {
                        <li>
                            <a href=href>{v.name.clone()}</a>
                            <form method="post" action=DeleteView::url() class="inline-form">
                                <input type="hidden" name="id" value=v.id />
                                <button type="submit" class="button-link" aria-label=label>{t(Msg::DeleteViewButton)}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form method="post" action=SaveView::url()>
                <input type="hidden" name="query" value=query />
                <Field name="name" label=Msg::SaveViewLabel value=typed />
                <button type="submit" class="button button-secondary">{t(Msg::SaveViewButton)}</button>
            </form>
        </section>
    }
}

#[component]
fn CandidateListView(
    list: CandidateList,
    filter: CandidateFilter,
    notice: Option<(String, String, String)>,
    error: Option<Msg>,
) -> impl IntoView {
    let qs = filter.query_string();
    let here = if qs.is_empty() { "/admin/candidates".to_owned() } else { format!("/admin/candidates?{qs}") };
    let csv = if qs.is_empty() { "/admin/candidates.csv".to_owned() } else { format!("/admin/candidates.csv?{qs}") };
    let next = list.next.clone().map(|after| {
        if qs.is_empty() {
            format!("/admin/candidates?after={after}")
        } else {
            format!("/admin/candidates?{qs}&after={after}")
        }
    });
    let empty = list.rows.is_empty();
    let date_value = |ms: Option<i64>| ms.map(format_date).unwrap_or_default();
    let opt = |value: &'static str, label: String, chosen: bool| view! { <option value=value selected=chosen>{label}</option> };
    let notice = notice.map(|(action, count, refused)| {
        let msg = match action.as_str() {
            "tag" => Msg::BulkTagged,
            "untag" => Msg::BulkUntagged,
            _ => Msg::BulkInvited,
        };
        let refused = refused.parse::<i64>().unwrap_or(0);
        view! {
            <div class="alert alert-ok" role="status">
                {t(msg)}": "{count}
                {(refused > 0).then(|| view! { " · "{t(Msg::BulkRefused)}": "{refused} })}
            </div>
        }
    });
    view! {
        <h1>{t(Msg::CandidatesTitle)}</h1>
        <p class="actions">
            <a class="button button-secondary" href="/admin/candidates/new">{t(Msg::NewCandidateTitle)}</a>
            <a class="button button-secondary" href="/admin/import">{t(Msg::ImportTitle)}</a>
        </p>
        <form method="get" action="/admin/candidates" role="search" class="card filters" aria-label=t(Msg::FiltersLabel)>
            <div class="field">
                <label for="q">{t(Msg::SearchLabel)}</label>
                <input id="q" name="q" type="search" value=filter.q.clone() maxlength="200" />
            </div>
            <div class="filter-grid">
                <div class="field">
                    <label for="f-tag">{t(Msg::TagLabel)}</label>
                    <select id="f-tag" name="tag">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {list.tags.iter().map(|tag| view! { <option value=tag.id.clone() selected=filter.tag.as_deref() == Some(tag.id.as_str())>{tag.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-source">{t(Msg::SourceLabel)}</label>
                    <select id="f-source" name="source">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {SourceChannel::ALL.iter().map(|s| opt(s.as_str(), t(source_label(*s)).to_owned(), filter.source == Some(*s))).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-job">{t(Msg::JobLabel)}</label>
                    <select id="f-job" name="job">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {list.jobs.iter().map(|j| view! { <option value=j.id.clone() selected=filter.job.as_deref() == Some(j.id.as_str())>{j.title.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-stage">{t(Msg::StageLabel)}</label>
                    <select id="f-stage" name="stage">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {Stage::ALL.iter().map(|s| opt(s.as_str(), t(stage_label(*s, None)).to_owned(), filter.stage == Some(*s))).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-outcome">{t(Msg::OutcomeLabel)}</label>
                    <select id="f-outcome" name="outcome">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {Outcome::ALL.iter().map(|o| opt(o.as_str(), t(stage_label(Stage::Applied, Some(*o))).to_owned(), filter.outcome == Some(*o))).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-consent">{t(Msg::ConsentFilterLabel)}</label>
                    <select id="f-consent" name="consent">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {ConsentFilter::ALL.iter().map(|c| opt(c.as_str(), t(consent_filter_label(*c)).to_owned(), filter.consent == Some(*c))).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-no-contact">{t(Msg::NoContactSinceLabel)}</label>
                    <input id="f-no-contact" name="no_contact_since" type="date" value=date_value(filter.no_contact_since) />
                </div>
                <div class="field">
                    <label for="f-from">{t(Msg::CreatedFromLabel)}</label>
                    <input id="f-from" name="created_from" type="date" value=date_value(filter.created_from) />
                </div>
                <div class="field">
                    <label for="f-to">{t(Msg::CreatedToLabel)}</label>
                    <input id="f-to" name="created_to" type="date" value=date_value(filter.created_to) />
                </div>
                <div class="field">
                    <label for="f-sort">{t(Msg::SortLabel)}</label>
                    <select id="f-sort" name="sort">
                        {ListSort::ALL.iter().map(|s| opt(s.as_str(), t(sort_label(*s)).to_owned(), filter.sort.unwrap_or(ListSort::Newest) == *s)).collect_view()}
                    </select>
                </div>
            </div>
            <p class="actions">
                <button type="submit" class="button">{t(Msg::SearchButton)}</button>
                <a href="/admin/candidates">{t(Msg::ClearFilters)}</a>
                <a href=csv download="candidates.csv">{t(Msg::ExportListCsv)}</a>
            </p>
        </form>
        <FormAlert error=error />
        {notice}
        <SavedViews views=list.views.clone() query=qs.clone() />
        {empty.then(|| view! { <p>{t(Msg::NoResults)}</p> })}
        {(!empty).then(|| view! {
            <form method="post" action=BulkCandidates::url() class="card">
                <input type="hidden" name="back" value=here.clone() />
                <div class="table-scroll">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col"><span class="visually-hidden">{t(Msg::SelectLabel)}</span></th>
                                <th scope="col">{t(Msg::NameLabel)}</th>
                                <th scope="col">{t(Msg::EmailLabel)}</th>
                                <th scope="col">{t(Msg::SourceLabel)}</th>
                                <th scope="col">{t(Msg::TagLabel)}</th>
                                <th scope="col">{t(Msg::CreatedLabel)}</th>
                                <th scope="col">{t(Msg::LastContactLabel)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.rows.into_iter().enumerate().map(|(i, c)| {
                                let select = format!("{}: {}", t(Msg::SelectLabel), c.name);
                                view! {
                                    <tr>
                                        <td><input type="checkbox" name=format!("ids[{i}]") value=c.id.clone() aria-label=select /></td>
                                        <td>
                                            <a href=format!("/admin/candidates/{}", c.id)>{c.name}</a>
                                            {c.kana.map(|k| view! { <br /><span class="muted">{k}</span> })}
                                        </td>
                                        <td>{c.email}</td>
                                        <td>{t(source_label(c.source_channel))}</td>
                                        <td>{c.tags.into_iter().map(|tag| view! { <span class="badge">{tag}</span>" " }).collect_view()}</td>
                                        <td>{format_date(c.created_at)}</td>
                                        <td>{c.last_contact_at.map(format_date).unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <fieldset class="bulk">
                    <legend>{t(Msg::BulkLegend)}</legend>
                    <div class="search-row">
                        <label for="bulk-tag">{t(Msg::TagLabel)}</label>
                        <input id="bulk-tag" name="tag" type="text" maxlength="50" list="known-tags" />
                        <datalist id="known-tags">
                            {list.tags.iter().map(|tag| view! { <option value=tag.name.clone()></option> }).collect_view()}
                        </datalist>
                        <button type="submit" name="action" value="tag" class="button button-secondary">{t(Msg::BulkTag)}</button>
                        <button type="submit" name="action" value="untag" class="button button-secondary">{t(Msg::BulkUntag)}</button>
                    </div>
                    <div class="search-row">
                        <label for="bulk-job">{t(Msg::JobLabel)}</label>
                        <select id="bulk-job" name="job_id">
                            {list.jobs.iter().map(|j| view! { <option value=j.id.clone()>{j.title.clone()}</option> }).collect_view()}
                        </select>
                        <button type="submit" name="action" value="invite" class="button button-secondary">{t(Msg::BulkInvite)}</button>
                    </div>
                    <p><button type="submit" formaction="/admin/candidates/export" class="button-link">{t(Msg::ExportSelectedCsv)}</button></p>
                </fieldset>
            </form>
        })}
        {next.map(|href| view! { <p><a class="button button-secondary" href=href>{t(Msg::NextPage)}</a></p> })}
    }
}

pub fn source_label(source: SourceChannel) -> Msg {
    match source {
        SourceChannel::Website => Msg::SourceWebsite,
        SourceChannel::JobBoard => Msg::SourceJobBoard,
        SourceChannel::Referral => Msg::SourceReferral,
        SourceChannel::InfoSession => Msg::SourceInfoSession,
        SourceChannel::Agency => Msg::SourceAgency,
        SourceChannel::Sourcing => Msg::SourceSourcing,
        SourceChannel::Import => Msg::SourceImport,
        SourceChannel::Other => Msg::SourceOther,
    }
}

fn consent_filter_label(filter: ConsentFilter) -> Msg {
    match filter {
        ConsentFilter::TalentPool => Msg::PurposeTalentPool,
        ConsentFilter::JobNews => Msg::PurposeJobNews,
        ConsentFilter::AgencyReferral => Msg::ConsentFilterReferred,
        ConsentFilter::NoneOptional => Msg::ConsentFilterNone,
    }
}

fn sort_label(sort: ListSort) -> Msg {
    match sort {
        ListSort::Newest => Msg::SortNewest,
        ListSort::Oldest => Msg::SortOldest,
        ListSort::Name => Msg::SortName,
    }
}

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
                crate::pages::page_or(crate::components::loading::run(load_candidate(id)).await, "/admin/sign-in", |detail| view! { <Candidate detail=detail error=error invited=invited rejected=rejected /> }.into_any())
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
    let profile =
        if profile_failed { crate::pages::portal::profile::kept(&detail.profile) } else { detail.profile.clone() };
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
                        <span class="badge">{t(status_label(i.status))}</span>
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

#[component]
fn Application(
    application: AdminApplication,
    candidate_id: String,
    reasons: Vec<(String, String)>,
    withdraw_reasons: Vec<(String, String)>,
) -> impl IntoView {
    let AdminApplication { id, job_title, stage, outcome, reason, note, applied_at, history } = application;
    let open = outcome.is_none() && stage != crate::domain::Stage::Hired;
    let kept_for_this = use_kept_value("application") == id;
    let kept_note = if kept_for_this { use_kept_value("note") } else { String::new() };
    let reason_id = format!("reason-{id}");
    let note_id = format!("note-{id}");
    let mail_id = format!("mail-{id}");
    let move_id = format!("move-{id}");
    let withdraw_id = format!("withdraw-{id}");
    let heading = job_title.clone();
    let back = format!("/admin/candidates/{candidate_id}");
    view! {
        <div class="application">
            <span class="application-title">{job_title}</span>
            <span class="badge">{t(stage_label(stage, outcome))}</span>
            <span class="muted">{format_date(applied_at)}</span>
            {reason.map(|r| view! { <p class="muted">{t(Msg::RejectReasonLabel)}": "{r}</p> })}
            {note.map(|n| view! { <p class="muted">{t(Msg::InternalNoteLabel)}": "{n}</p> })}
        </div>
        <details class="policy">
            <summary>{t(Msg::StageHistory)}" ("{heading.clone()}")"</summary>
            <ol class="history">
                {history.into_iter().map(|m| view! {
                    <li>
                        {crate::components::i18n::format_datetime(m.at)}" · "
                        {m.from.map(|f| format!("{} → ", t(stage_label(f, None))))}
                        {t(stage_label(m.to, m.outcome))}
                        {m.author.map(|a| format!(" · {a}"))}
                    </li>
                }).collect_view()}
            </ol>
        </details>
        {open.then(|| view! {
            <form method="post" action=MoveStage::url() class="search-row">
                <input type="hidden" name="application_id" value=id.clone() />
                <input type="hidden" name="back" value=back.clone() />
                <label for=move_id.clone()>{t(Msg::MoveTo)}" ("{heading.clone()}")"</label>
                <select id=move_id.clone() name="stage">
                    {crate::domain::Stage::ALL.iter().filter(|s| **s != stage).map(|s| view! {
                        <option value=s.as_str()>{t(stage_label(*s, None))}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button button-secondary">{t(Msg::MoveButton)}</button>
            </form>
            <details class="policy">
                <summary>{t(Msg::RejectHeading)}" ("{heading.clone()}")"</summary>
                <form method="post" action=RejectApplication::url()>
                    <input type="hidden" name="candidate_id" value=candidate_id.clone() />
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
            <details class="policy">
                <summary>{t(Msg::WithdrawHeading)}" ("{heading.clone()}")"</summary>
                <form method="post" action=WithdrawApplication::url() class="search-row">
                    <input type="hidden" name="application_id" value=id.clone() />
                    <input type="hidden" name="back" value=back.clone() />
                    <label for=withdraw_id.clone()>{t(Msg::RejectReasonLabel)}</label>
                    <select id=withdraw_id.clone() name="reason_id" required>
                        <option value="">{t(Msg::ChooseReason)}</option>
                        {withdraw_reasons.into_iter().map(|(rid, label)| view! { <option value=rid>{label}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="button button-secondary">{t(Msg::WithdrawRecordButton)}</button>
                </form>
            </details>
        })}
    }
}

#[component]
fn ConsentSummary(overview: crate::domain::ConsentOverview) -> impl IntoView {
    use crate::domain::ConsentAction;
    use crate::pages::portal::consent::purpose_title;
    view! {
        <section class="card" id="consents" aria-labelledby="consents-heading">
            <h2 id="consents-heading">{t(Msg::NavConsent)}</h2>
            <ul class="application-list">
                {overview.cards.into_iter().map(|card| {
                    let title = match &card.agency_name {
                        Some(agency) => format!("{}: {agency}", t(purpose_title(card.purpose))),
                        None => t(purpose_title(card.purpose)).to_owned(),
                    };
                    let state = match card.state {
                        Some(ConsentAction::Granted) => Msg::StateGranted,
                        Some(ConsentAction::Withdrawn) => Msg::StateWithdrawn,
                        None => Msg::StateNone,
                    };
                    view! {
                        <li class="application">
                            <span class="application-title">{title}</span>
                            <span class=if card.state == Some(ConsentAction::Granted) { "badge badge-ok" } else { "badge" }>{t(state)}</span>
                            {card.since.map(|at| view! { <span class="muted">{format_date(at)}</span> })}
                            {card.accepted_version.map(|v| view! { <span class="muted">"v"{v}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <details class="policy">
                <summary>{t(Msg::HistoryTitle)}</summary>
                <ol class="history">
                    {overview.history.into_iter().map(|e| view! {
                        <li>
                            {crate::components::i18n::format_datetime(e.at)}" · "{t(purpose_title(e.purpose))}
                            {e.agency_name.map(|a| format!(" ({a})"))}" · "
                            {t(if e.action == ConsentAction::Granted { Msg::ActionGranted } else { Msg::ActionWithdrawn })}
                            " · v"{e.version}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        </section>
    }
}

#[component]
fn Mails(mails: Vec<crate::domain::MailSummary>) -> impl IntoView {
    view! {
        <section class="card" id="mails" aria-labelledby="mails-heading">
            <h2 id="mails-heading">{t(Msg::MailsSentTitle)}</h2>
            {mails.is_empty().then(|| view! { <p>{t(Msg::NoMails)}</p> })}
            <ul class="application-list">
                {mails.into_iter().map(|m| view! {
                    <li class="application">
                        <span class="application-title">{m.subject}</span>
                        <span class="badge">{m.status.as_str()}</span>
                        <span class="muted">{m.kind}" · "{crate::components::i18n::format_datetime(m.created_at)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Referrals(provisions: Vec<crate::domain::Provision>) -> impl IntoView {
    view! {
        <section class="card" id="referrals" aria-labelledby="referrals-heading">
            <h2 id="referrals-heading">{t(Msg::ProvisionsHeading)}</h2>
            {provisions.is_empty().then(|| view! { <p>{t(Msg::NoReferrals)}</p> })}
            <ul class="application-list">
                {provisions.into_iter().map(|p| view! {
                    <li class="application">
                        <span class="application-title">{p.agency_name}</span>
                        <span class="badge">{match p.withdrawn_at { Some(_) => t(Msg::StateWithdrawn), None => t(p.status.label()) }}</span>
                        <span class="muted">{p.reference}" · "{format_date(p.provided_at)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn AuditTrail(entries: Vec<crate::domain::AuditEntry>) -> impl IntoView {
    view! {
        <section class="card" id="audit" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t(Msg::AuditTitle)}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColWhen)}</th>
                            <th scope="col">{t(Msg::ColActor)}</th>
                            <th scope="col">{t(Msg::ColAction)}</th>
                            <th scope="col">{t(Msg::ColDetail)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {entries.into_iter().map(|e| view! {
                            <tr>
                                <td>{crate::components::i18n::format_datetime(e.at)}</td>
                                <td>{e.actor.unwrap_or(e.actor_kind)}</td>
                                <td>{e.action}</td>
                                <td>{e.detail}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Interviews(
    interviews: Vec<crate::domain::Interview>,
    open_applications: Vec<(String, String)>,
    candidate_id: String,
) -> impl IntoView {
    use crate::api::workspace::{InterviewResult, ScheduleInterview};
    use crate::components::i18n::format_datetime;
    let back = format!("/admin/candidates/{candidate_id}");
    let scheduled = use_query_map().with_untracked(|q| q.get("scheduled").is_some());
    let kept = |name: &str| use_kept_value(name);
    view! {
        <section class="card" id="interviews" aria-labelledby="interviews-heading">
            <h2 id="interviews-heading">{t(Msg::InterviewsTitle)}</h2>
            {scheduled.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::InterviewScheduled)}</div> })}
            {interviews.is_empty().then(|| view! { <p>{t(Msg::NoInterviews)}</p> })}
            <ul class="stack note-list">
                {interviews.into_iter().map(|iv| {
                    let place = iv.meeting_url.clone().or(iv.location.clone()).unwrap_or_default();
                    let result_id = format!("result-{}", iv.id);
                    let back = back.clone();
                    view! {
                        <li class="note">
                            <p>
                                <strong>{iv.job_title.clone()}</strong>" · "{format_datetime(iv.starts_at)}" – "
                                {format_datetime(iv.ends_at)[11..].to_owned()}" · "{place}
                                {(!iv.interviewers.is_empty()).then(|| format!(" · {}", iv.interviewers))}
                            </p>
                            {iv.result.clone().map(|r| view! { <p class="note-body">{t(Msg::InterviewResult)}": "{r}</p> })}
                            {iv.result.is_none().then(|| view! {
                                <details class="policy">
                                    <summary>{t(Msg::RescheduleButton)}</summary>
                                    <InterviewForm application_id=iv.application_id.clone() interview_id=Some(iv.id.clone()) back=back.clone() />
                                </details>
                                <form method="post" action=InterviewResult::url()>
                                    <input type="hidden" name="interview_id" value=iv.id.clone() />
                                    <input type="hidden" name="back" value=back.clone() />
                                    <div class="field">
                                        <label for=result_id.clone()>{t(Msg::InterviewResult)}</label>
                                        <textarea id=result_id.clone() name="result" rows="2" maxlength="2000" required></textarea>
                                    </div>
                                    <button type="submit" class="button button-secondary">{t(Msg::RecordResult)}</button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!open_applications.is_empty()).then(|| view! {
                <h3>{t(Msg::ScheduleInterview)}</h3>
                <form method="post" action=ScheduleInterview::url()>
                    <input type="hidden" name="back" value=back.clone() />
                    <div class="field">
                        <label for="iv-application">{t(Msg::JobLabel)}</label>
                        <select id="iv-application" name="application_id">
                            {open_applications.into_iter().map(|(id, title)| {
                                let chosen = kept("iv_for") == id;
                                view! { <option value=id selected=chosen>{title}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <InterviewFields prefix="iv" />
                    <button type="submit" class="button">{t(Msg::ScheduleButton)}</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn InterviewForm(application_id: String, interview_id: Option<String>, back: String) -> impl IntoView {
    use crate::api::workspace::ScheduleInterview;
    let prefix = format!("iv-{}", interview_id.clone().unwrap_or_default());
    view! {
        <form method="post" action=ScheduleInterview::url()>
            <input type="hidden" name="back" value=back />
            <input type="hidden" name="application_id" value=application_id />
            {interview_id.map(|id| view! { <input type="hidden" name="interview_id" value=id /> })}
            <InterviewFields prefix=prefix />
            <button type="submit" class="button button-secondary">{t(Msg::RescheduleButton)}</button>
        </form>
    }
}

/// Date, time, length, place or meeting URL, interviewers; what a failed post typed is kept.
#[component]
fn InterviewFields(#[prop(into)] prefix: String) -> impl IntoView {
    let field = |name: &'static str, label: Msg, kind: &'static str, required: bool| {
        let id = format!("{prefix}-{name}");
        let value = use_kept_value(&format!("iv_{name}"));
        let value = if value.is_empty() && name == "minutes" { "60".to_owned() } else { value };
        view! {
            <div class="field">
                <label for=id.clone()>{t(label)}</label>
                <input id=id name=name type=kind value=value required=required />
            </div>
        }
    };
    view! {
        <div class="field-row">
            {field("date", Msg::InterviewDate, "date", true)}
            {field("time", Msg::InterviewTime, "time", true)}
            {field("minutes", Msg::InterviewMinutes, "number", true)}
        </div>
        {field("location", Msg::InterviewPlace, "text", false)}
        {field("meeting_url", Msg::MeetingUrl, "url", false)}
        {field("interviewers", Msg::Interviewers, "text", false)}
    }
}
