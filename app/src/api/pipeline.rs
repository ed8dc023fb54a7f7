//! Moving applications through the pipeline (from the candidate page and a job's board): stage moves,
//! withdrawals and rejections.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// Moves an open application to another stage (recruiters). `back` is the page to return to.
#[server(prefix = "/api", endpoint = "admin/move-stage")]
pub async fn move_stage(application_id: String, stage: Choice<Stage>, back: String) -> Result<(), AppError> {
    use crate::backend::pipeline;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let moved = match stage.known("stage") {
        Ok(stage) => {
            pipeline::move_stage(&state.db, &application_id, stage, &recruiter.actor(), now_ms()).await.map(|()| stage)
        }
        Err(error) => Err(error),
    };
    form_answer(moved, |stage| format!("{back}?moved={}", stage.as_str()), &back, &[])
}

/// Records that the candidate withdrew an application, with their reason (recruiters).
#[server(prefix = "/api", endpoint = "admin/withdraw-application")]
pub async fn withdraw_application(application_id: String, reason_id: String, back: String) -> Result<(), AppError> {
    use crate::backend::pipeline;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let withdrawn = pipeline::withdraw(&state.db, &application_id, &reason_id, &recruiter.actor(), now_ms()).await;
    form_answer(withdrawn, |()| format!("{back}?withdrawn=1"), &back, &[])
}

/// Rejects an application with a reason and, when asked, the rejection mail (recruiters and admins).
#[server(prefix = "/api", endpoint = "admin/reject")]
pub async fn reject_application(
    candidate_id: String,
    application_id: String,
    reason_id: String,
    note: String,
    send_mail: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::pipeline::rejection::{self, Rejection};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}", percent_encode(&candidate_id));
    let rejection = Rejection {
        application_id: &application_id,
        reason_id: &reason_id,
        note: &note,
        send_mail: send_mail.is_some_and(|v| v == "yes"),
    };
    let rejected = rejection::reject(&state.db, &state.config, &rejection, &recruiter.actor(), now_ms()).await;
    form_answer(
        rejected,
        |()| format!("{back}?rejected=1"),
        &back,
        &[("note", &note), ("application", &application_id)],
    )
}
