#![allow(clippy::too_many_arguments)] // the profile form posts nine fields to one server function
use crate::domain::{AppError, Profile, StoredResume};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "portal/profile")]
pub async fn load_profile() -> Result<Profile, AppError> {
    use crate::backend::{profile, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    Ok(profile::load(&state.db, &candidate_id).await?)
}

#[server(prefix = "/api", endpoint = "portal/save-profile")]
pub async fn save_profile(
    family_name: String,
    given_name: String,
    family_name_kana: String,
    given_name_kana: String,
    phone: String,
    location: String,
    skills: String,
    desired_roles: String,
    desired_locations: String,
) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let input = Profile::from_form(
        family_name,
        given_name,
        family_name_kana,
        given_name_kana,
        phone,
        location,
        skills,
        desired_roles,
        desired_locations,
    );
    let ip = client_ip();
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    save_and_answer(&candidate_id, &input, &actor, "/portal/profile", "/portal/profile?saved=1").await
}

/// Saves a profile posted from a form and answers as forms do: back with `saved`, or back with the field errors and
/// everything that was typed.
#[cfg(feature = "ssr")]
async fn save_and_answer(
    candidate_id: &str,
    input: &Profile,
    actor: &crate::backend::audit::Actor<'_>,
    back: &str,
    saved: &str,
) -> Result<(), AppError> {
    use crate::backend::{now_ms, profile, request::*};
    let state = app_state()?;
    match profile::save(&state.db, candidate_id, input, actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(saved);
            Ok(())
        }
        Err(error) => form_error(
            error,
            back,
            &[
                ("family_name", &input.family_name),
                ("given_name", &input.given_name),
                ("family_name_kana", &input.family_name_kana),
                ("given_name_kana", &input.given_name_kana),
                ("phone", &input.phone),
                ("location", &input.location),
                ("skills", &input.skills),
                ("desired_roles", &input.desired_roles),
                ("desired_locations", &input.desired_locations),
            ],
        ),
    }
}

#[server(prefix = "/api", endpoint = "portal/resumes")]
pub async fn load_resumes() -> Result<Vec<StoredResume>, AppError> {
    use crate::backend::{request::*, resumes};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    Ok(resumes::list(&state.db, &candidate_id).await?)
}

/// A recruiter corrects a candidate's profile, with the same rules as the portal (recruiters and admins).
#[server(prefix = "/api", endpoint = "admin/save-profile")]
pub async fn admin_save_profile(
    candidate_id: String,
    family_name: String,
    given_name: String,
    family_name_kana: String,
    given_name_kana: String,
    phone: String,
    location: String,
    skills: String,
    desired_roles: String,
    desired_locations: String,
) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}", percent_encode(&candidate_id));
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM candidates WHERE id = $1 AND status = 'active'")
        .bind(&candidate_id)
        .fetch_optional(state.db.pool())
        .await?;
    if exists.is_none() {
        return Err(status(AppError::NotFound));
    }
    let input = Profile::from_form(
        family_name,
        given_name,
        family_name_kana,
        given_name_kana,
        phone,
        location,
        skills,
        desired_roles,
        desired_locations,
    );
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    save_and_answer(&candidate_id, &input, &actor, &back, &format!("{back}?saved=1#profile")).await
}
