use crate::domain::{AppError, MyData};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/api", endpoint = "portal/my-data")]
pub async fn load_my_data() -> Result<MyData, AppError> {
    use crate::backend::{audit, mydata, now_ms, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let data = mydata::summary(&state.db, &candidate_id).await?;
    let mut conn = state.db.pool().acquire().await?;
    let ip = client_ip();
    let actor = audit::Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    audit::record(&mut conn, &actor, "viewed", ("candidate", Some(&candidate_id)), "my data", now_ms()).await?;
    Ok(data)
}

/// Everything Kizuna holds about the signed-in candidate, as a JSON download (a GET: it changes nothing).
#[server(prefix = "/api", endpoint = "portal/export.json", input = GetUrl)]
pub async fn export_my_data() -> Result<serde_json::Value, AppError> {
    use crate::backend::{audit, mydata, now_ms, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let now = now_ms();
    let data = mydata::export(&state.db, &candidate_id, now).await?;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(
            http::header::CONTENT_DISPOSITION,
            http::HeaderValue::from_static("attachment; filename=\"kizuna-my-data.json\""),
        );
    }
    let mut conn = state.db.pool().acquire().await?;
    let ip = client_ip();
    let actor = audit::Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    audit::record(&mut conn, &actor, "exported", ("candidate", Some(&candidate_id)), "json", now).await?;
    Ok(data)
}

/// Erases the signed-in candidate after an explicit confirmation.
#[server(prefix = "/api", endpoint = "portal/erase")]
pub async fn erase_me(confirm: Option<String>) -> Result<(), AppError> {
    use crate::backend::{audit, now_ms, request::*};
    use crate::i18n::Msg;
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    if confirm.as_deref() != Some("yes") {
        return form_error(AppError::field("confirm", Msg::ErrConfirmErase), "/portal/data", &[]);
    }
    let ip = client_ip();
    let actor = audit::Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    crate::backend::erasure::erase(&state.db, &state.config, &candidate_id, &actor, now_ms()).await?;
    clear_session_cookie(&state.config);
    leptos_axum::redirect("/portal/erased");
    Ok(())
}
