//! The agency portal (`/agency`): an agency's referrals and the status it reports, and an agency user's
//! set-password page.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;
#[cfg(feature = "ssr")]
use crate::backend::relay::{agencies, agency_portal};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgencyPortal {
    pub agency_name: String,
    pub referrals: Vec<AgencyReferral>,
    /// the cursor of the next page, if there is one
    pub next: Option<(i64, String)>,
}

#[server(prefix = "/api", endpoint = "agency/referrals")]
pub async fn load_agency_portal(before_at: Option<i64>, before_id: Option<String>) -> Result<AgencyPortal, AppError> {
    let state = app_state()?;
    let user = require_agency(&state).await?;
    let mut conn = state.db.pool().acquire().await?;
    let agency = agencies::agency(&mut conn, &user.agency_id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    let referrals =
        agency_portal::agency_referrals(&state.db, &user.agency_id, before_at.zip(before_id), request_lang()).await?;
    let next = (referrals.len() as i64 == agency_portal::AGENCY_PAGE)
        .then(|| referrals.last().map(|r| (r.provided_at, r.id.clone())))
        .flatten();
    let shown = referrals.iter().filter(|r| r.withdrawn_at.is_none()).count();
    let mut conn = state.db.pool().acquire().await?;
    let actor = user.actor();
    let detail = format!("{shown} referrals shown");
    crate::backend::core::audit::record(
        &mut conn,
        &actor,
        "viewed",
        ("agency", Some(&user.agency_id)),
        &detail,
        now_ms(),
    )
    .await?;
    Ok(AgencyPortal { agency_name: agency.name, referrals, next })
}

/// One referral of the caller's agency (another agency's is not found).
#[server(prefix = "/api", endpoint = "agency/referral")]
pub async fn load_agency_referral(id: String) -> Result<AgencyReferral, AppError> {
    let state = app_state()?;
    let user = require_agency(&state).await?;
    let referral = agency_portal::agency_referral(&state.db, &user.agency_id, &id, request_lang())
        .await?
        .ok_or_else(|| status(AppError::NotFound))?;
    let mut conn = state.db.pool().acquire().await?;
    let actor = user.actor();
    crate::backend::core::audit::record(&mut conn, &actor, "viewed", ("referral", Some(&id)), "", now_ms()).await?;
    Ok(referral)
}

/// The agency reports a referral registered, placed or declined.
#[server(prefix = "/api", endpoint = "agency/referral-status")]
pub async fn set_referral_status(id: String, status: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_agency(&state).await?;
    let actor = user.actor();
    match agency_portal::set_status(&state.db, &user.agency_id, &id, &status, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/agency?saved={}#r-{}", percent_encode(&status), percent_encode(&id)));
            Ok(())
        }
        Err(error) => form_error(error, "/agency", &[]),
    }
}

/// Whether a password link (an agency user's or a colleague's) can be used: "valid", "used", "expired" or
/// "invalid".
#[server(prefix = "/api", endpoint = "agency/setup-state")]
pub async fn agency_setup_state(token: String) -> Result<String, AppError> {
    let state = app_state()?;
    Ok(crate::backend::users::setup_link_state(&state.db, &token, now_ms()).await?.name().to_owned())
}

/// An invited agency user chooses a password and is signed in.
#[server(prefix = "/api", endpoint = "agency/set-password")]
pub async fn set_agency_password(token: String, password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let back = format!("/agency/set-password/{}", percent_encode(&token));
    match crate::backend::users::set_password(&state.db, &token, &password, true, &client_ip(), now_ms()).await {
        Ok(user_id) => {
            start_session(&state, crate::backend::core::sessions::SessionKind::Agency, &user_id).await?;
            leptos_axum::redirect("/agency");
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}
