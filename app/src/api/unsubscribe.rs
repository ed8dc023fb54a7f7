//! The one-click unsubscribe link's confirmation page (`/unsubscribe/:token`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// Whether an unsubscribe link can still be used (for its confirmation page; signing in is not needed).
#[server(prefix = "/api", endpoint = "unsubscribe-state")]
pub async fn unsubscribe_link_state(token: String) -> Result<bool, AppError> {
    use crate::backend::core::tokens;
    let state = app_state()?;
    let mut conn = state.db.pool().acquire().await?;
    let found = tokens::inspect(&mut conn, crate::domain::TokenPurpose::Unsubscribe, &token, now_ms()).await?;
    Ok(found == tokens::TokenState::Valid)
}
