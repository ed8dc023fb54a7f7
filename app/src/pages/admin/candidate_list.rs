//! The candidate list (`/admin/candidates`): filters in the URL, pages by key, actions on a selection, saved
//! views and the CSV export.
use crate::api::candidate_list::{list_candidates, BulkCandidates, DeleteView, SaveView};
use crate::components::forms::{use_form_error, use_kept_value, Field, FormAlert};
use crate::components::i18n::{format_date, stage_label, t};
use crate::components::labels::{consent_filter_label, sort_label, source_label};
use crate::domain::*;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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

/// The filter keys only links from the analytics reports set: kept in the form as hidden fields (the list's URL
/// keeps them too).
const SCOPE_KEYS: &[&str] = &[
    "applied_from",
    "applied_to",
    "applied_via",
    "department",
    "reached",
    "reason",
    "moved_from",
    "moved_to",
    "moved_into",
    "moved_outcome",
];

#[component]
pub fn CandidatesPage() -> impl IntoView {
    let query = use_query_map();
    let pairs: Vec<(String, String)> = query.with_untracked(|q| {
        FILTER_KEYS.iter().chain(SCOPE_KEYS).filter_map(|k| q.get(k).map(|v| ((*k).to_owned(), v))).collect()
    });
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
                crate::components::errors::page_or(crate::components::loading::run(list_candidates(filter.clone(), after.clone())).await, "/admin/sign-in", move |list| view! {
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
            {(!filter.applied.is_empty()).then(|| {
                let hidden = filter.to_pairs(crate::domain::format_date).into_iter().filter(|(k, _)| SCOPE_KEYS.contains(k));
                view! {
                    <p class="muted">{t(Msg::AnalyticsScopeNote)}</p>
                    {hidden.map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
                }
            })}
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
