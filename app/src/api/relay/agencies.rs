//! Partner agencies as admins manage them (`/admin/relay/agencies/*`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;
#[cfg(feature = "ssr")]
use crate::backend::relay::{agencies, ledger};

/// One agency: details, users, credits and history (admins).
#[server(prefix = "/api", endpoint = "admin/agency")]
pub async fn load_agency(id: String) -> Result<AgencyPage, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    ledger::agency_page(&state.db, &id).await?.ok_or_else(|| status(AppError::NotFound))
}

/// Creates (empty id) or updates a partner agency (admins).
#[server(prefix = "/api", endpoint = "admin/save-agency")]
pub async fn save_agency(
    id: Option<String>,
    #[server(flatten)] agency: AgencyInput,
    items: Option<Vec<String>>,
    active: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let id = id.filter(|i| !i.is_empty());
    let back = match &id {
        Some(id) => format!("/admin/relay/agencies/{}", percent_encode(id)),
        None => "/admin/relay/agencies/new".to_owned(),
    };
    let agency = AgencyInput { items: items.unwrap_or_default(), active: active.is_some_and(|v| v == "yes"), ..agency };
    let saved = agencies::save_agency(&state.db, id.as_deref(), &agency, &admin.actor(), now_ms()).await;
    let next = |id: String| format!("/admin/relay/agencies/{}?saved=1", percent_encode(&id));
    form_answer(saved, next, &back, &agency.typed())
}

#[server(prefix = "/api", endpoint = "admin/invite-agency-user")]
pub async fn invite_agency_user(agency_id: String, email: String, display_name: String) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = format!("/admin/relay/agencies/{}", percent_encode(&agency_id));
    let actor = admin.actor();
    match agencies::invite_agency_user(&state.db, &state.config, &agency_id, &email, &display_name, &actor, now_ms())
        .await
    {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}?invited=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("user_email", &email), ("display_name", &display_name)]),
    }
}

#[server(prefix = "/api", endpoint = "admin/remove-agency-user")]
pub async fn remove_agency_user(agency_id: String, user_id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = format!("/admin/relay/agencies/{}", percent_encode(&agency_id));
    let actor = admin.actor();
    match agencies::remove_agency_user(&state.db, &agency_id, &user_id, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?removed=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}
