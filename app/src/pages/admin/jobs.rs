//! Jobs and their pipeline board.
use crate::api::jobs::{load_job, load_jobs, JobPage, SaveJob};
use crate::api::pipeline::MoveStage;
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::{format_date, stage_label, t};
use crate::domain::{EmploymentType, Job, Stage};
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn employment_label(kind: EmploymentType) -> Msg {
    match kind {
        EmploymentType::FullTime => Msg::EmploymentFullTime,
        EmploymentType::PartTime => Msg::EmploymentPartTime,
        EmploymentType::Contract => Msg::EmploymentContract,
        EmploymentType::Internship => Msg::EmploymentInternship,
        EmploymentType::NewGraduate => Msg::EmploymentNewGraduate,
    }
}

#[component]
pub fn JobsPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::JobsTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_jobs()).await, "/admin/sign-in", |jobs| view! {
                    <h1>{t(Msg::JobsTitle)}</h1>
                    <p><a class="button" href="/admin/jobs/new">{t(Msg::NewJob)}</a></p>
                    <div class="table-scroll card">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::JobLabel)}</th>
                                    <th scope="col">{t(Msg::DepartmentLabel)}</th>
                                    <th scope="col">{t(Msg::JobLocationLabel)}</th>
                                    <th scope="col">{t(Msg::EmploymentTypeLabel)}</th>
                                    <th scope="col">{t(Msg::JobOpenLabel)}</th>
                                    <th scope="col">{t(Msg::ColApplications)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {jobs.into_iter().map(|job| {
                                    let title = if crate::components::i18n::use_lang() == Lang::En { job.title_en.clone() } else { job.title_ja.clone() };
                                    view! {
                                        <tr>
                                            <td><a href=format!("/admin/jobs/{}", job.id)>{title}</a></td>
                                            <td>{job.department}</td>
                                            <td>{job.location}</td>
                                            <td>{EmploymentType::parse(&job.employment_type).map(|k| t(employment_label(k))).unwrap_or_default()}</td>
                                            <td>{t(if job.open { Msg::JobOpenLabel } else { Msg::JobClosedLabel })}</td>
                                            <td>{job.applications}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
pub fn NewJobPage() -> impl IntoView {
    let blank = Job {
        id: String::new(),
        title_ja: String::new(),
        title_en: String::new(),
        department: String::new(),
        location: String::new(),
        employment_type: EmploymentType::FullTime.as_str().to_owned(),
        open: true,
        description_ja: String::new(),
        description_en: String::new(),
        applications: 0,
    };
    view! {
        <Title text=t(Msg::NewJob) />
        <h1>{t(Msg::NewJob)}</h1>
        <p><a href="/admin/jobs">{t(Msg::JobsTitle)}</a></p>
        <JobForm job=blank />
    }
}

#[component]
pub fn JobAdminPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_job(id.clone())).await, "/admin/sign-in", |page| view! { <JobView page=page /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn JobView(page: JobPage) -> impl IntoView {
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        if q.get("saved").is_some() {
            Some(Msg::Saved)
        } else if q.get("moved").is_some() {
            Some(Msg::Moved)
        } else {
            None
        }
    });
    let JobPage { job, board } = page;
    let title =
        if crate::components::i18n::use_lang() == Lang::En { job.title_en.clone() } else { job.title_ja.clone() };
    let back = format!("/admin/jobs/{}", job.id);
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p><a href="/admin/jobs">{t(Msg::JobsTitle)}</a></p>
        {notice.map(|msg| view! { <div class="alert alert-ok" role="status">{t(msg)}</div> })}
        <section aria-labelledby="pipeline-heading">
            <h2 id="pipeline-heading">{t(Msg::PipelineTitle)}</h2>
            <div class="board">
                {Stage::ALL.iter().map(|stage| {
                    let cards: Vec<_> = board.iter().filter(|c| c.stage == *stage).cloned().collect();
                    let heading_id = format!("stage-{}", stage.as_str());
                    let back = back.clone();
                    view! {
                        <section class="card board-column" aria-labelledby=heading_id.clone()>
                            <h3 id=heading_id.clone()>{t(stage_label(*stage, None))}" ("{cards.len()}")"</h3>
                            {cards.is_empty().then(|| view! { <p class="muted">{t(Msg::PipelineEmpty)}</p> })}
                            <ul class="stack">
                                {cards.into_iter().map(|card| {
                                    let select_id = format!("move-{}", card.application_id);
                                    view! {
                                        <li class="board-card">
                                            <a href=format!("/admin/candidates/{}", card.candidate_id)>{card.name.clone()}</a>
                                            <span class="muted">" "{format_date(card.since)}</span>
                                            <form method="post" action=MoveStage::url() class="search-row">
                                                <input type="hidden" name="application_id" value=card.application_id.clone() />
                                                <input type="hidden" name="back" value=back.clone() />
                                                <label class="visually-hidden" for=select_id.clone()>{t(Msg::MoveTo)}": "{card.name}</label>
                                                <select id=select_id.clone() name="stage">
                                                    {Stage::ALL.iter().filter(|s| **s != card.stage).map(|s| view! {
                                                        <option value=s.as_str()>{t(stage_label(*s, None))}</option>
                                                    }).collect_view()}
                                                </select>
                                                <button type="submit" class="button button-secondary">{t(Msg::MoveButton)}</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </div>
        </section>
        <JobForm job=job />
    }
}

#[component]
fn JobForm(job: Job) -> impl IntoView {
    let error = use_form_error();
    let kept = |name: &str, stored: &str| {
        if crate::components::forms::has_kept_values() {
            use_kept_value(name)
        } else {
            stored.to_owned()
        }
    };
    let title_ja = kept("title_ja", &job.title_ja);
    let title_en = kept("title_en", &job.title_en);
    let department = kept("department", &job.department);
    let location = kept("location", &job.location);
    let employment = kept("employment_type", &job.employment_type);
    let description_ja = kept("description_ja", &job.description_ja);
    let description_en = kept("description_en", &job.description_en);
    let line = |id: &'static str, label: Msg, value: String| {
        view! {
            <div class="field">
                <label for=id>{t(label)}</label>
                <input id=id name=format!("job[{id}]") type="text" required maxlength="200" value=value />
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="job-form">
            <h2 id="job-form">{t(Msg::JobDetailsHeading)}</h2>
            <FormAlert error=error />
            <form method="post" action=SaveJob::url()>
                <input type="hidden" name="id" value=job.id.clone() />
                {line("title_ja", Msg::JobTitleJa, title_ja)}
                {line("title_en", Msg::JobTitleEn, title_en)}
                {line("department", Msg::DepartmentLabel, department)}
                {line("location", Msg::JobLocationLabel, location)}
                <div class="field">
                    <label for="employment_type">{t(Msg::EmploymentTypeLabel)}</label>
                    <select id="employment_type" name="job[employment_type]">
                        {EmploymentType::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected=employment == k.as_str()>{t(employment_label(*k))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="description_ja">{t(Msg::DescriptionJa)}</label>
                    <textarea id="description_ja" name="job[description_ja]" rows="6">{description_ja}</textarea>
                </div>
                <div class="field">
                    <label for="description_en">{t(Msg::DescriptionEn)}</label>
                    <textarea id="description_en" name="job[description_en]" rows="6">{description_en}</textarea>
                </div>
                <label class="choice">
                    <input type="checkbox" name="open" value="yes" checked=job.open />
                    <span>{t(Msg::JobOpenLabel)}</span>
                </label>
                <p><button type="submit" class="button">{t(Msg::SaveButton)}</button></p>
            </form>
        </section>
    }
}
