//! Adding a candidate by hand (`/admin/candidates/new`), with duplicate detection before anything is written.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;
#[cfg(feature = "ssr")]
use crate::i18n::Msg;

/// The records that may be the same person as the one being added (recruiters), for the form to show after the
/// add was held back. Every field is optional: the form's kept values.
#[server(prefix = "/api", endpoint = "admin/new-candidate-matches")]
pub async fn new_candidate_matches(#[server(flatten)] input: NewCandidate) -> Result<Vec<DuplicateMatch>, AppError> {
    use crate::backend::{candidates, core::audit};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let input = NewCandidate { source_channel: "other".into(), tags: String::new(), ..input };
    let matches = candidates::matches_for(&state.db, &input).await?;
    if !matches.is_empty() {
        let mut conn = state.db.pool().acquire().await?;
        for m in &matches {
            let subject = ("candidate", Some(m.id.as_str()));
            audit::record(&mut conn, &recruiter.actor(), "viewed", subject, "duplicate check", now_ms()).await?;
        }
    }
    Ok(matches)
}

/// Adds a candidate by hand (recruiters): the portal's rules, then duplicate detection — the same e-mail is
/// refused, other possible duplicates are shown and need `confirm` before the person is added.
#[server(prefix = "/api", endpoint = "admin/create-candidate")]
pub async fn create_candidate(#[server(flatten)] input: NewCandidate, confirm: Option<String>) -> Result<(), AppError> {
    use crate::backend::candidates::{create, Created};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let mut input = input;
    // the form does not ask where the person would like to work; nothing else may set it here
    input.profile.desired_locations.clear();
    let created = create(&state.db, &state.config.secret, &input, confirm.is_some(), &recruiter.actor(), now_ms())
        .await
        .and_then(|created| match created {
            Created::Added(id) => Ok(id),
            Created::PossibleDuplicates(_) => Err(AppError::field("duplicates", Msg::ErrPossibleDuplicates)),
        });
    let next = |id: String| format!("/admin/candidates/{}?created=1", percent_encode(&id));
    form_answer(created, next, "/admin/candidates/new", &input.typed())
}
