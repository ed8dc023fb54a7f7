//! CSV import: upload, map the columns with a preview, check (dry run), import; the report names every bad row.
use crate::api::events::load_events;
use crate::api::import::{load_import, RetryImport, RunImport};
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::labels::source_label;
use crate::domain::{ImportField, ImportPreview, ImportReport, SourceChannel};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ImportPage() -> impl IntoView {
    let error = use_form_error();
    view! {
        <Title text=t(Msg::ImportTitle) />
        <h1>{t(Msg::ImportTitle)}</h1>
        <p>{t(Msg::ImportIntro)}</p>
        <FormAlert error=error />
        <form method="post" action="/admin/import" enctype="multipart/form-data" class="card">
            <div class="field">
                <label for="import-file">{t(Msg::ImportFile)}</label>
                <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
            </div>
            <div class="field">
                <label for="import-source">{t(Msg::SourceLabel)}</label>
                <select id="import-source" name="source_channel">
                    {SourceChannel::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=*s == SourceChannel::Import>{t(source_label(*s))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="import-tags">{t(Msg::ImportTags)}</label>
                <input id="import-tags" name="tags" type="text" maxlength="200" />
            </div>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let events = crate::components::loading::run(load_events()).await.unwrap_or_default();
                    view! {
                        <div class="field">
                            <label for="import-event">{t(Msg::ImportEventLabel)}</label>
                            <select id="import-event" name="event_id">
                                <option value="">{t(Msg::ImportNoEvent)}</option>
                                {events.into_iter().map(|e| view! {
                                    <option value=e.id>{format!("{} ({})", e.title, format_date(e.starts_at))}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <label class="choice" for="import-attended">
                            <input id="import-attended" name="attended" type="checkbox" value="yes" />
                            <span>{t(Msg::ImportAttended)}</span>
                        </label>
                    }
                })}
            </Suspense>
            <button type="submit" class="button">{t(Msg::ImportUpload)}</button>
        </form>
    }
}

#[component]
pub fn ImportMappingPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    view! {
        <Title text=t(Msg::ImportTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_import(id.clone())).await, "/admin/sign-in", |preview| view! { <Mapping preview=preview /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Mapping(preview: ImportPreview) -> impl IntoView {
    let error = use_form_error();
    let query = use_query_map();
    let done = query.with_untracked(|q| q.get("done"));
    // the mapping chosen last time (after a check or an error), else the guess
    let chosen: Vec<ImportField> = crate::components::forms::kept_value("mapping")
        .or_else(|| query.with_untracked(|q| q.get("mapping")))
        .map(|m| m.split(',').map(|c| ImportField::parse(c).unwrap_or(ImportField::Ignore)).collect())
        .filter(|m: &Vec<ImportField>| m.len() == preview.headers.len())
        .unwrap_or(preview.mapping.clone());
    let summary = format!(
        "{} · {} · {} {} · {}: {}",
        preview.file_name,
        preview.encoding,
        preview.rows,
        t(Msg::ImportRows),
        t(Msg::SourceLabel),
        SourceChannel::parse(&preview.source_channel).map(|s| t(source_label(s))).unwrap_or_default()
    );
    let summary = match &preview.event {
        Some((title, attended)) => {
            let attended = if *attended { format!(" · {}", t(Msg::ImportAttended)) } else { String::new() };
            format!("{summary} · {}: {title}{attended}", t(Msg::ImportRegistered))
        }
        None => summary,
    };
    if let Some(failure) = preview.failure {
        return view! {
            <h1>{t(Msg::ImportTitle)}</h1>
            <p class="muted">{summary}</p>
            <FormAlert error=error />
            <section class="card" id="report" aria-labelledby="failed-heading" role="alert">
                <h2 id="failed-heading">{t(Msg::ImportFailedTitle)}</h2>
                <p>
                    {t(Msg::ImportFailedBody)}" "{t(Msg::ImportLine)}" "{failure.line}" ("{failure.attempts}") — "
                    {t(failure.message)}
                </p>
                <p>{format!("{} / {} ", preview.rows_done, preview.rows)}{t(Msg::ImportRows)}</p>
                <p class="muted">{t(Msg::ImportFailedHint)}</p>
                <form method="post" action=RetryImport::url()>
                    <input type="hidden" name="id" value=preview.id.clone() />
                    <button type="submit" class="button">{t(Msg::ImportRetry)}</button>
                </form>
            </section>
        }
        .into_any();
    }
    if preview.running {
        return view! {
            <h1>{t(Msg::ImportTitle)}</h1>
            <p class="muted">{summary}</p>
            <Progress id=preview.id.clone() done=preview.rows_done total=preview.rows />
        }
        .into_any();
    }
    if preview.finished {
        return view! {
            <h1>{t(Msg::ImportTitle)}</h1>
            <p class="muted">{summary}</p>
            <FormAlert error=error />
            <p class="muted">{t(Msg::ImportFinishedNote)}</p>
            {preview.report.map(|report| view! { <Report report=report fresh=done.is_some() /> })}
        }
        .into_any();
    }
    view! {
        <h1>{t(Msg::ImportTitle)}</h1>
        <p class="muted">{summary}</p>
        <FormAlert error=error />
        <form method="post" action=RunImport::url() class="card">
            <input type="hidden" name="id" value=preview.id.clone() />
            <h2>{t(Msg::ImportMapping)}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            {preview.headers.iter().enumerate().map(|(i, h)| {
                                let id = format!("col-{i}");
                                view! {
                                    <th scope="col">
                                        <label for=id.clone()>{h.clone()}</label>
                                        <select id=id name=format!("col[{i}]")>
                                            {ImportField::ALL.iter().map(|f| view! {
                                                <option value=f.as_str() selected=chosen.get(i) == Some(f)>{t(f.label())}</option>
                                            }).collect_view()}
                                        </select>
                                    </th>
                                }
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {preview.sample.iter().map(|row| view! {
                            <tr>{row.iter().map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="actions">
                <button type="submit" name="check" value="yes" class="button button-secondary">{t(Msg::ImportCheck)}</button>
                <button type="submit" class="button">{t(Msg::ImportRun)}</button>
            </p>
        </form>
        {preview.report.map(|report| view! { <Report report=report fresh=done.is_some() /> })}
    }
    .into_any()
}

/// A running import: a progress bar, and the page refreshes itself until it is done (no JavaScript needed). The
/// refresh names the page without a fragment: a refresh to the same URL with `#report` would only scroll.
#[component]
fn Progress(id: String, done: usize, total: usize) -> impl IntoView {
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    let refresh = format!("2;url=/admin/import/{}?done=started", crate::components::forms::url_encode(&id));
    view! {
        <Meta http_equiv="refresh" content=refresh />
        <section class="card" id="report" aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t(Msg::ImportRunningTitle)}</h2>
            <label for="import-progress">{t(Msg::ImportProgressLabel)}</label>
            <progress id="import-progress" max=total.to_string() value=done.to_string()>{format!("{percent}%")}</progress>
            <p role="status">{format!("{done} / {total} ")}{t(Msg::ImportRows)}" ("{percent}"%)"</p>
            <p class="muted">{t(Msg::ImportRunningHint)}</p>
        </section>
    }
}

#[component]
fn Report(report: ImportReport, fresh: bool) -> impl IntoView {
    let title = if report.dry_run { Msg::ImportCheckedTitle } else { Msg::ImportDoneTitle };
    view! {
        <section class="card" id="report" aria-labelledby="report-heading" role=fresh.then_some("status")>
            <h2 id="report-heading">{t(title)}</h2>
            <dl class="stats">
                <crate::components::stat::Stat label=Msg::ImportRows value=report.rows.to_string() />
                <crate::components::stat::Stat label=if report.dry_run { Msg::ImportWouldAdd } else { Msg::ImportAdded } value=report.imported.to_string() />
                <crate::components::stat::Stat label=Msg::ImportAlreadyPresent value=report.already_present.to_string() />
                <crate::components::stat::Stat label=Msg::ImportProblems value=report.problems.len().to_string() />
                {(report.registered > 0).then(|| view! { <crate::components::stat::Stat label=Msg::ImportRegistered value=report.registered.to_string() /> })}
            </dl>
            {(!report.problems.is_empty()).then(|| view! {
                <div class="table-scroll">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t(Msg::ImportLine)}</th>
                                <th scope="col">{t(Msg::ImportColumn)}</th>
                                <th scope="col">{t(Msg::ImportReason)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {report.problems.into_iter().map(|p| view! {
                                <tr>
                                    <td>{p.line}</td>
                                    <td>{ImportField::parse(&p.field).map(|f| t(f.label())).unwrap_or_default()}</td>
                                    <td>
                                        {t(p.message)}
                                        {p.existing.map(|id| view! { " " <a href=format!("/admin/candidates/{id}")>{t(Msg::ImportExisting)}</a> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}
