//! A candidate's page for recruiters (`/admin/candidates/:id`): the record, tags, notes and profile corrections.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// Everything the candidate page shows (viewers and up); every view is audited.
#[server(prefix = "/api", endpoint = "admin/candidate")]
pub async fn load_candidate(id: String) -> Result<CandidateDetail, AppError> {
    use crate::backend::{candidates, core::audit};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    let detail = candidates::detail(&state.db, &id, request_lang(), now_ms())
        .await?
        .ok_or_else(|| status(AppError::NotFound))?;
    audit::record_alone(&state.db, &recruiter.actor(), "viewed", ("candidate", Some(&id)), "candidate page").await?;
    Ok(detail)
}

/// Adds or removes one tag on one candidate (from the candidate page).
#[server(prefix = "/api", endpoint = "admin/candidate-tag")]
pub async fn tag_candidate(candidate_id: String, tag: String, remove: Option<String>) -> Result<(), AppError> {
    use crate::backend::tags;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = candidate_url(&candidate_id);
    let ids = [candidate_id];
    let tagged = tags::set_tag(&state.db, &ids, &tag, remove.is_some(), &recruiter.actor(), now_ms()).await;
    form_answer(tagged, |_| format!("{back}#tags"), &back, &[("tag", &tag)])
}

/// Adds a note to a candidate, signed by the recruiter.
#[server(prefix = "/api", endpoint = "admin/candidate-note")]
pub async fn add_note(candidate_id: String, body: String) -> Result<(), AppError> {
    use crate::backend::notes;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = candidate_url(&candidate_id);
    let added = notes::add_note(&state.db, &candidate_id, &body, &recruiter.actor(), now_ms()).await;
    form_answer(added, |()| format!("{back}#notes"), &back, &[("note_body", &body)])
}

/// A recruiter corrects a candidate's profile, with the same rules as the portal (recruiters and admins).
#[server(prefix = "/api", endpoint = "admin/save-profile")]
pub async fn admin_save_profile(candidate_id: String, #[server(flatten)] profile: Profile) -> Result<(), AppError> {
    use crate::backend::{candidates, profile as profiles};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    if !candidates::is_active(&state.db, &candidate_id).await? {
        return Err(status(AppError::NotFound));
    }
    let back = candidate_url(&candidate_id);
    let saved = profiles::save(&state.db, &candidate_id, &profile, &recruiter.actor(), now_ms()).await;
    form_answer(saved, |()| format!("{back}?saved=1#profile"), &back, &profile.typed())
}

#[cfg(feature = "ssr")]
fn candidate_url(id: &str) -> String {
    format!("/admin/candidates/{}", percent_encode(id))
}
