//! Interviews, scheduled and recorded from the candidate page.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// Schedules an interview for an open application (or moves one: `interview_id`) and tells the candidate
/// (recruiters).
#[server(prefix = "/api", endpoint = "admin/schedule-interview")]
pub async fn schedule_interview(
    application_id: String,
    interview_id: Option<String>,
    #[server(flatten)] form: InterviewForm,
    back: String,
) -> Result<(), AppError> {
    use crate::backend::interviews;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let (actor, now) = (recruiter.actor(), now_ms());
    let scheduled = match (form.parse(), interview_id.filter(|i| !i.is_empty())) {
        (Err(error), _) => Err(error),
        (Ok(input), Some(id)) => interviews::reschedule(&state.db, &state.config, &id, &input, &actor, now).await,
        (Ok(input), None) => {
            interviews::schedule(&state.db, &state.config, &application_id, &input, &actor, now).await.map(|_| ())
        }
    };
    form_answer(scheduled, |()| format!("{back}?scheduled=1#interviews"), &back, &form.typed(&application_id))
}

/// Records an interview's result (recruiters).
#[server(prefix = "/api", endpoint = "admin/interview-result")]
pub async fn interview_result(interview_id: String, result: String, back: String) -> Result<(), AppError> {
    use crate::backend::interviews;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let recorded = interviews::record_result(&state.db, &interview_id, &result, &recruiter.actor(), now_ms()).await;
    form_answer(recorded, |()| format!("{back}?saved=1#interviews"), &back, &[])
}
