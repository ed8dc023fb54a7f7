//! The candidate's profile and résumés (`/portal/profile`). The upload itself is a plain handler
//! (`server/src/handlers/resumes.rs`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "portal/profile")]
pub async fn load_profile() -> Result<Profile, AppError> {
    use crate::backend::profile;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    Ok(profile::load(&state.db, &candidate.id).await?)
}

/// Saves the signed-in candidate's profile: back with `saved`, or back with the field errors and what was typed.
#[server(prefix = "/api", endpoint = "portal/save-profile")]
pub async fn save_profile(#[server(flatten)] profile: Profile) -> Result<(), AppError> {
    use crate::backend::profile as profiles;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let saved = profiles::save(&state.db, &candidate.id, &profile, &candidate.actor(), now_ms()).await;
    form_answer(saved, |()| "/portal/profile?saved=1".into(), "/portal/profile", &profile.typed())
}

#[server(prefix = "/api", endpoint = "portal/resumes")]
pub async fn load_resumes() -> Result<Vec<StoredResume>, AppError> {
    use crate::backend::resumes;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    Ok(resumes::list(&state.db, &candidate.id).await?)
}
