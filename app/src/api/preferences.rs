//! The candidate's contact preferences (`/portal/preferences`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "portal/preferences")]
pub async fn load_preferences() -> Result<PreferencesPage, AppError> {
    use crate::backend::preferences;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    Ok(PreferencesPage {
        preferences: preferences::load(&state.db, &candidate.id).await?,
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
    use crate::backend::preferences;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let actor = candidate.actor();
    let input =
        preferences::PreferencesInput { language, topics: topics.unwrap_or_default(), monthly_cap, pause_until };
    match preferences::save(&state.db, &candidate.id, &input, &actor, now_ms()).await {
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
    use crate::backend::preferences;
    use crate::domain::ConsentChannel;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let actor = candidate.actor();
    preferences::unsubscribe_all(&state.db, &candidate.id, ConsentChannel::Portal, actor, now_ms()).await?;
    leptos_axum::redirect("/portal/preferences?saved=unsubscribed");
    Ok(())
}

#[server(prefix = "/api", endpoint = "portal/resubscribe")]
pub async fn resubscribe() -> Result<(), AppError> {
    use crate::backend::preferences;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let actor = candidate.actor();
    preferences::resubscribe(&state.db, &candidate.id, &actor, now_ms()).await?;
    leptos_axum::redirect("/portal/preferences?saved=resubscribed");
    Ok(())
}
