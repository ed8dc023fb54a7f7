//! Analytics (`/admin/analytics`): the hiring funnel by cohort or by activity, filtered by period, job,
//! department and channel; a chart, the same figures as tables, a CSV of them, and every figure a link to the
//! candidates behind it.
use crate::api::analytics::load_funnel;
use crate::components::bar_chart::{Bar, BarChart};
use crate::components::i18n::{stage_label, t};
use crate::components::labels::source_label;
use crate::domain::analytics::{FunnelReport, FunnelView, ReportFilter};
use crate::domain::{format_date, url_encode, ApplicationScope, CandidateFilter, SourceChannel, Stage};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const KEYS: [&str; 6] = ["from", "to", "job", "department", "source", "view"];

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let pairs: Vec<(String, String)> = use_query_map()
        .with_untracked(|q| KEYS.iter().filter_map(|k| q.get(k).map(|v| ((*k).to_owned(), v))).collect());
    let filter = ReportFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    view! {
        <Title text=t(Msg::AnalyticsTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let report = crate::components::loading::run(load_funnel(filter.clone())).await;
                crate::components::errors::page_or(report, "/admin/sign-in", |report| view! { <FunnelSection report=report /> }.into_any())
            })}
        </Suspense>
    }
}

/// The candidate list of the applications a figure counts.
fn drill_down(
    report: &FunnelReport,
    scope: ApplicationScope,
    stage: Option<Stage>,
    outcome: Option<crate::domain::Outcome>,
) -> String {
    let filter = &report.filter;
    CandidateFilter { job: filter.job.clone(), stage, outcome, applied: scope, ..Default::default() }.list_url()
}

/// The scope of the period and filters: applications created in it (cohort) or moved in it (activity).
fn period_scope(report: &FunnelReport) -> ApplicationScope {
    let (f, funnel) = (&report.filter, &report.funnel);
    let mut scope = ApplicationScope { via: f.source.clone(), department: f.department.clone(), ..Default::default() };
    match funnel.view {
        FunnelView::Cohort => (scope.from, scope.to) = (Some(funnel.start), Some(funnel.end - 1)),
        FunnelView::Activity => (scope.moved_from, scope.moved_to) = (Some(funnel.start), Some(funnel.end - 1)),
    }
    scope
}

#[component]
fn FunnelSection(report: FunnelReport) -> impl IntoView {
    let filter = report.filter.clone();
    let funnel = report.funnel.clone();
    let query = filter
        .to_pairs(format_date)
        .into_iter()
        .map(|(k, v)| format!("{k}={}", url_encode(&v)))
        .collect::<Vec<_>>()
        .join("&");
    let csv = format!("/admin/analytics/funnel.csv?{query}");
    let cohort = funnel.view == FunnelView::Cohort;
    let count_label = if cohort { Msg::ColApplications } else { Msg::ColMoves };
    let period = format!("{} – {}", format_date(funnel.start), format_date(funnel.end - 1));
    let bars = funnel
        .stages
        .iter()
        .map(|s| Bar {
            label: t(stage_label(s.stage, None)).to_owned(),
            value: s.count,
            note: s.pass_through.map(|p| format!("{p}%")).unwrap_or_default(),
        })
        .collect();
    let desc = format!(
        "{}: {}. {}",
        t(Msg::PeriodShown),
        period,
        funnel
            .stages
            .iter()
            .map(|s| format!("{} {}", t(stage_label(s.stage, None)), s.count))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let stage_rows = funnel
        .stages
        .iter()
        .map(|s| {
            let mut scope = period_scope(&report);
            if cohort {
                scope.reached = Some(s.stage)
            } else {
                scope.moved_into = Some(s.stage)
            }
            let href = drill_down(&report, scope, None, None);
            view! {
                <tr>
                    <th scope="row">{t(stage_label(s.stage, None))}</th>
                    <td class="num"><a href=href>{s.count}</a></td>
                    <td class="num">{s.pass_through.map(|p| format!("{p}%")).unwrap_or_else(|| "–".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let drop_rows = funnel
        .drop_offs
        .iter()
        .map(|d| {
            let reason = Some(d.reason_id.clone().unwrap_or_else(|| crate::domain::NO_REASON.to_owned()));
            let mut scope = ApplicationScope { reason, ..period_scope(&report) };
            if !cohort {
                // the ending itself happened in the period, not just any move of the application
                scope.moved_outcome = Some(d.outcome);
            }
            let href = drill_down(&report, scope, Some(d.stage), Some(d.outcome));
            let reason = if d.reason.is_empty() { t(Msg::NoReasonGiven).to_owned() } else { d.reason.clone() };
            view! {
                <tr>
                    <td>{t(stage_label(d.stage, None))}</td>
                    <td>{t(stage_label(d.stage, Some(d.outcome)))}</td>
                    <td>{reason}</td>
                    <td class="num"><a href=href>{d.count}</a></td>
                </tr>
            }
        })
        .collect_view();
    let no_drops = funnel.drop_offs.is_empty();
    view! {
        <h1>{t(Msg::AnalyticsTitle)}</h1>
        <FilterForm report=report.clone() csv=csv />
        <section aria-labelledby="funnel-heading">
            <h2 id="funnel-heading">{t(Msg::FunnelHeading)}</h2>
            <p>{t(Msg::PeriodShown)}": "{period}</p>
            <p class="muted">{t(if cohort { Msg::FunnelCohortNote } else { Msg::FunnelActivityNote })}</p>
            <BarChart id="funnel-chart" title=t(Msg::FunnelChartTitle).to_owned() desc=desc bars=bars />
            <p class="muted">{t(Msg::DrillDownNote)}</p>
            <div class="table-scroll card">
                <table>
                    <caption>{t(Msg::FunnelHeading)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Msg::ColStage)}</th>
                        <th scope="col" class="num">{t(count_label)}</th>
                        <th scope="col" class="num">{t(Msg::ColPassThrough)}</th>
                    </tr></thead>
                    <tbody>{stage_rows}</tbody>
                </table>
            </div>
            <h3>{t(Msg::DropOffHeading)}</h3>
            {no_drops.then(|| view! { <p class="muted">{t(Msg::NoDropOffs)}</p> })}
            {(!no_drops).then(|| view! {
                <div class="table-scroll card">
                    <table>
                        <caption>{t(Msg::DropOffHeading)}</caption>
                        <thead><tr>
                            <th scope="col">{t(Msg::ColEndedAt)}</th>
                            <th scope="col">{t(Msg::OutcomeLabel)}</th>
                            <th scope="col">{t(Msg::ColReason)}</th>
                            <th scope="col" class="num">{t(count_label)}</th>
                        </tr></thead>
                        <tbody>{drop_rows}</tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// The report filters: a plain GET form, so it works before (and without) any script.
#[component]
fn FilterForm(report: FunnelReport, csv: String) -> impl IntoView {
    let f = report.filter.clone();
    let date = |ms: Option<i64>| ms.map(format_date).unwrap_or_default();
    let view_now = f.view();
    view! {
        <form method="get" action="/admin/analytics" class="card filters" role="search" aria-label=t(Msg::FiltersLabel)>
            <div class="filter-grid">
                <div class="field">
                    <label for="a-from">{t(Msg::PeriodFrom)}</label>
                    <input id="a-from" name="from" type="date" value=date(f.from) />
                </div>
                <div class="field">
                    <label for="a-to">{t(Msg::PeriodTo)}</label>
                    <input id="a-to" name="to" type="date" value=date(f.to) />
                </div>
                <div class="field">
                    <label for="a-job">{t(Msg::JobLabel)}</label>
                    <select id="a-job" name="job">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {report.jobs.iter().map(|j| view! { <option value=j.id.clone() selected=f.job.as_deref() == Some(j.id.as_str())>{j.title.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="a-department">{t(Msg::DepartmentLabel)}</label>
                    <select id="a-department" name="department">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {report.departments.iter().map(|d| view! { <option value=d.clone() selected=f.department.as_deref() == Some(d.as_str())>{d.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="a-source">{t(Msg::SourceLabel)}</label>
                    <select id="a-source" name="source">
                        <option value="">{t(Msg::AnyLabel)}</option>
                        {SourceChannel::ALL.iter().map(|s| view! { <option value=s.as_str() selected=f.source.as_deref() == Some(s.as_str())>{t(source_label(*s))}</option> }).collect_view()}
                        <option value="invitation" selected=f.source.as_deref() == Some("invitation")>{t(Msg::SourceInvitationApplied)}</option>
                    </select>
                </div>
            </div>
            <fieldset class="plain">
                <legend>{t(Msg::FunnelViewLabel)}</legend>
                <div class="choices">
                {[(FunnelView::Cohort, Msg::FunnelCohort), (FunnelView::Activity, Msg::FunnelActivity)].into_iter().map(|(v, label)| {
                    let id = format!("a-view-{}", v.as_str());
                    view! {
                        <label for=id.clone() class="choice">
                            <input id=id.clone() type="radio" name="view" value=v.as_str() checked=view_now == v />
                            " "{t(label)}
                        </label>
                    }
                }).collect_view()}
                </div>
            </fieldset>
            <p class="actions">
                <button type="submit" class="button">{t(Msg::ApplyFilters)}</button>
                <a href="/admin/analytics">{t(Msg::ClearFilters)}</a>
                <a href=csv download="funnel.csv">{t(Msg::DownloadCsv)}</a>
            </p>
        </form>
    }
}
