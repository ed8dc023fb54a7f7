//! The relay in numbers and the credit ledger (`/admin/relay`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;
#[cfg(feature = "ssr")]
use crate::backend::relay::ledger;

#[server(prefix = "/api", endpoint = "admin/relay")]
pub async fn load_relay_overview() -> Result<RelayOverview, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(ledger::overview(&state.db, &state.config, now_ms()).await?)
}

/// Records the use of one credit for a hire (admins).
#[server(prefix = "/api", endpoint = "admin/redeem-credit")]
pub async fn redeem_credit(
    agency_id: String,
    hire_reference: String,
    redeemed_on: String,
    note: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = format!("/admin/relay/agencies/{}", percent_encode(&agency_id));
    let actor = admin.actor();
    match ledger::redeem(&state.db, &agency_id, &hire_reference, &redeemed_on, &note, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?redeemed=1#ledger"));
            Ok(())
        }
        Err(error) => form_error(
            error,
            &back,
            &[("hire_reference", &hire_reference), ("redeemed_on", &redeemed_on), ("note", &note)],
        ),
    }
}
