use crate::domain::{AppError, PreferencesPage};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "portal/preferences")]
pub async fn load_preferences() -> Result<PreferencesPage, AppError> {
    use crate::backend::{preferences, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    Ok(PreferencesPage {
        preferences: preferences::load(&state.db, &candidate_id).await?,
        topics: preferences::topic_choices(&state.db).await?,
    })
}

/// Saves language, topics, monthly cap and "contact me again after" in one go.
#[server(prefix = "/api", endpoint = "portal/save-preferences")]
pub async fn save_preferences(
    language: String,
    topics: Option<Vec<String>>,
    monthly_cap: String,
    pause_until: String,
) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, now_ms, preferences, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let ip = client_ip();
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    let input =
        preferences::PreferencesInput { language, topics: topics.unwrap_or_default(), monthly_cap, pause_until };
    match preferences::save(&state.db, &candidate_id, &input, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect("/portal/preferences?saved=preferences");
            Ok(())
        }
        Err(error) => form_error(
            error,
            "/portal/preferences",
            &[("monthly_cap", &input.monthly_cap), ("pause_until", &input.pause_until)],
        ),
    }
}

/// One click: stop everything optional.
#[server(prefix = "/api", endpoint = "portal/unsubscribe")]
pub async fn unsubscribe_everything() -> Result<(), AppError> {
    use crate::backend::{audit::Actor, now_ms, preferences, request::*};
    use crate::domain::ConsentChannel;
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let ip = client_ip();
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    preferences::unsubscribe_all(&state.db, &candidate_id, ConsentChannel::Portal, actor, now_ms()).await?;
    leptos_axum::redirect("/portal/preferences?saved=unsubscribed");
    Ok(())
}

#[server(prefix = "/api", endpoint = "portal/resubscribe")]
pub async fn resubscribe() -> Result<(), AppError> {
    use crate::backend::{audit::Actor, now_ms, preferences, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let ip = client_ip();
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    preferences::resubscribe(&state.db, &candidate_id, &actor, now_ms()).await?;
    leptos_axum::redirect("/portal/preferences?saved=resubscribed");
    Ok(())
}

/// Whether an unsubscribe link can still be used (for its confirmation page; signing in is not needed).
#[server(prefix = "/api", endpoint = "unsubscribe-state")]
pub async fn unsubscribe_link_state(token: String) -> Result<bool, AppError> {
    use crate::backend::{now_ms, request::*, tokens};
    let state = app_state()?;
    let mut conn = state.db.pool().acquire().await?;
    let found = tokens::inspect(&mut conn, crate::domain::TokenPurpose::Unsubscribe, &token, now_ms()).await?;
    Ok(found == tokens::TokenState::Valid)
}
