//! Jobs (`/admin/jobs`) and a job's pipeline board.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "admin/jobs")]
pub async fn load_jobs() -> Result<Vec<Job>, AppError> {
    use crate::backend::jobs;
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(jobs::jobs(&state.db).await?)
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JobPage {
    pub job: Job,
    pub board: Vec<PipelineCard>,
}

/// A job and its pipeline board (viewers and up).
#[server(prefix = "/api", endpoint = "admin/job")]
pub async fn load_job(id: String) -> Result<JobPage, AppError> {
    use crate::backend::{jobs, pipeline::board};
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    let job = jobs::job(&state.db, &id).await?.ok_or_else(|| status(AppError::NotFound))?;
    let board = board::board(&state.db, &id).await?;
    Ok(JobPage { job, board })
}

/// Creates (empty id) or updates a job (recruiters).
#[server(prefix = "/api", endpoint = "admin/save-job")]
pub async fn save_job(id: Option<String>, job: JobInput, open: Option<String>) -> Result<(), AppError> {
    use crate::backend::jobs;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let id = id.filter(|i| !i.is_empty());
    let back = match &id {
        Some(id) => format!("/admin/jobs/{}", percent_encode(id)),
        None => "/admin/jobs/new".to_owned(),
    };
    let job = JobInput { open: open.is_some_and(|v| v == "yes"), ..job };
    let saved = jobs::save_job(&state.db, id.as_deref(), &job, &recruiter.actor(), now_ms()).await;
    form_answer(saved, |id| format!("/admin/jobs/{}?saved=1", percent_encode(&id)), &back, &job.typed())
}
