//! The audit log for admins: who did what to whom, filtered and paged.
use crate::api::audit::{load_audit, AUDIT_PAGE};
use crate::components::forms::url_encode;
use crate::components::i18n::{format_datetime, t};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const KEYS: [&str; 4] = ["action", "actor", "subject_kind", "subject_id"];

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let values: Vec<String> = query.with_untracked(|q| KEYS.iter().map(|k| q.get(k).unwrap_or_default()).collect());
    let before_at = query.with_untracked(|q| q.get("before_at")).and_then(|v| v.parse::<i64>().ok());
    let before_id = query.with_untracked(|q| q.get("before_id"));
    let opt = |i: usize| Some(values[i].clone()).filter(|v| !v.is_empty());
    let (action, actor, kind, id) = (opt(0), opt(1), opt(2), opt(3));
    let filters = KEYS
        .iter()
        .zip(values.iter())
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    view! {
        <Title text=t(Msg::AuditTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let entries = crate::components::loading::run(load_audit(action.clone(), actor.clone(), kind.clone(), id.clone(), before_at, before_id.clone())).await;
                let values = values.clone();
                let filters = filters.clone();
                crate::components::errors::page_or(entries, "/admin/sign-in", move |entries| {
                    let older = (entries.len() as i64 == AUDIT_PAGE)
                        .then(|| entries.last().map(|e| format!("/admin/audit?{filters}&before_at={}&before_id={}", e.at, e.id)))
                        .flatten();
                    let csv = format!("/admin/audit.csv?{filters}");
                    view! {
                        <h1>{t(Msg::AuditTitle)}</h1>
                        <form method="get" action="/admin/audit" class="card filters" role="search" aria-label=t(Msg::FiltersLabel)>
                            <div class="filter-grid">
                                {[(0, Msg::ColAction), (1, Msg::AuditActorEmail), (2, Msg::AuditSubjectKind), (3, Msg::AuditSubjectId)].into_iter().map(|(i, label)| {
                                    let name = KEYS[i];
                                    let id = format!("audit-{name}");
                                    view! {
                                        <div class="field">
                                            <label for=id.clone()>{t(label)}</label>
                                            <input id=id name=name type="text" value=values[i].clone() />
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                            <p class="actions">
                                <button type="submit" class="button">{t(Msg::SearchButton)}</button>
                                <a href="/admin/audit">{t(Msg::ClearFilters)}</a>
                                <a href=csv download="audit.csv">{t(Msg::DownloadCsv)}</a>
                            </p>
                        </form>
                        <div class="table-scroll card">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColWhen)}</th>
                                        <th scope="col">{t(Msg::ColActor)}</th>
                                        <th scope="col">{t(Msg::ColAction)}</th>
                                        <th scope="col">{t(Msg::AuditSubjectKind)}</th>
                                        <th scope="col">{t(Msg::ColDetail)}</th>
                                        <th scope="col">"IP"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {entries.into_iter().map(|e| {
                                        let subject = match (&e.subject_kind[..], &e.subject_id) {
                                            ("candidate", Some(id)) => view! { <a href=format!("/admin/candidates/{id}")>{format!("candidate {id}")}</a> }.into_any(),
                                            (kind, Some(id)) => view! { <span>{format!("{kind} {id}")}</span> }.into_any(),
                                            (kind, None) => view! { <span>{kind.to_owned()}</span> }.into_any(),
                                        };
                                        view! {
                                            <tr>
                                                <td>{format_datetime(e.at)}</td>
                                                <td>{e.actor.unwrap_or(e.actor_kind)}</td>
                                                <td>{e.action}</td>
                                                <td>{subject}</td>
                                                <td>{e.detail}</td>
                                                <td>{e.ip.unwrap_or_default()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {older.map(|href| view! { <p><a class="button button-secondary" href=href>{t(Msg::OlderEntries)}</a></p> })}
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
