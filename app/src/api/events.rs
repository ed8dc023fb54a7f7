//! Events (`/admin/events`): information sessions, their attendees and the follow-up mail.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventPage {
    pub event: EventSummary,
    pub attendees: Vec<EventAttendee>,
}

#[server(prefix = "/api", endpoint = "admin/events")]
pub async fn load_events() -> Result<Vec<EventSummary>, AppError> {
    use crate::backend::events;
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(events::list(&state.db).await?)
}

#[server(prefix = "/api", endpoint = "admin/event")]
pub async fn load_event(id: String) -> Result<EventPage, AppError> {
    use crate::backend::events;
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    let (event, attendees) = events::one(&state.db, &id).await?.ok_or_else(|| status(AppError::NotFound))?;
    Ok(EventPage { event, attendees })
}

#[server(prefix = "/api", endpoint = "admin/create-event")]
pub async fn create_event(#[server(flatten)] event: NewEvent) -> Result<(), AppError> {
    use crate::backend::events;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let created = events::create(&state.db, &event, &recruiter.actor(), now_ms()).await;
    form_answer(created, |id| format!("/admin/events/{}", percent_encode(&id)), "/admin/events", &event.typed())
}

/// Registers someone by e-mail, marks attendance or sends the follow-up.
#[server(prefix = "/api", endpoint = "admin/event-action")]
pub async fn event_action(
    event_id: String,
    action: Choice<EventCommand>,
    email: Option<String>,
    candidate_id: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::events;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/events/{}", percent_encode(&event_id));
    let (actor, now) = (recruiter.actor(), now_ms());
    let email = email.unwrap_or_default();
    let candidate = candidate_id.unwrap_or_default();
    let done = match action.known("action") {
        Ok(EventCommand::Add) => {
            events::add_attendee(&state.db, &event_id, &email, &actor, now).await.map(|_| "added".into())
        }
        Ok(action @ (EventCommand::Attended | EventCommand::Absent)) => {
            let attended = action == EventCommand::Attended;
            events::set_attended(&state.db, &event_id, &candidate, attended, &actor, now).await.map(|_| "saved".into())
        }
        Ok(EventCommand::FollowUp) => events::follow_up(&state.db, &state.config, &event_id, &actor, now)
            .await
            .map(|(sent, skipped)| format!("followed&sent={sent}&skipped={skipped}")),
        Err(error) => Err(error),
    };
    form_answer(done, |done: String| format!("{back}?done={done}"), &back, &[("email", &email)])
}
