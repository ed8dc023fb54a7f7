//! My data (`/portal/data`): what Kizuna holds about the signed-in candidate, its export, and erasure.
use crate::domain::{AppError, MyData};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "portal/my-data")]
pub async fn load_my_data() -> Result<MyData, AppError> {
    use crate::backend::{core::audit, mydata};
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let data = mydata::summary(&state.db, &candidate.id).await?;
    audit::record_alone(&state.db, &candidate.actor(), "viewed", ("candidate", Some(&candidate.id)), "my data").await?;
    Ok(data)
}

/// Everything Kizuna holds about the signed-in candidate, as a JSON download (a GET: it changes nothing).
#[server(prefix = "/api", endpoint = "portal/export.json", input = GetUrl)]
pub async fn export_my_data() -> Result<serde_json::Value, AppError> {
    use crate::backend::{core::audit, mydata};
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let data = mydata::export(&state.db, &candidate.id, now_ms()).await?;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(
            http::header::CONTENT_DISPOSITION,
            http::HeaderValue::from_static("attachment; filename=\"kizuna-my-data.json\""),
        );
    }
    audit::record_alone(&state.db, &candidate.actor(), "exported", ("candidate", Some(&candidate.id)), "json").await?;
    Ok(data)
}

/// Erases the signed-in candidate after an explicit confirmation.
#[server(prefix = "/api", endpoint = "portal/erase")]
pub async fn erase_me(confirm: Option<String>) -> Result<(), AppError> {
    use crate::backend::{core::request::clear_session_cookie, erasure};
    use crate::i18n::Msg;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    if confirm.as_deref() != Some("yes") {
        return form_error(AppError::field("confirm", Msg::ErrConfirmErase), "/portal/data", &[]);
    }
    erasure::erase(&state.db, &state.config, &candidate.id, &candidate.actor(), now_ms()).await?;
    clear_session_cookie(&state.config);
    leptos_axum::redirect("/portal/erased");
    Ok(())
}
