//! Automations (`/admin/automations`): viewers and up see them and their run history; admins switch them on and
//! off and choose their condition and delay.
use crate::domain::automations::{AutomationForm, AutomationsPage};
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "admin/automations")]
pub async fn load_automations() -> Result<AutomationsPage, AppError> {
    use crate::backend::{automations, segments};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    Ok(AutomationsPage {
        automations: automations::list(&state.db).await?,
        segments: segments::list(&state.db).await?,
        sequences: automations::sequences(&state.db).await?,
        can_edit: recruiter.role.includes(Role::Admin),
    })
}

/// Switches one automation on (`on` = "1") or off.
#[server(prefix = "/api", endpoint = "admin/switch-automation")]
pub async fn switch_automation(kind: String, on: String) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    use crate::domain::automations::AutomationKind;
    let result = match AutomationKind::parse(&kind) {
        Some(kind) => {
            crate::backend::automations::switch(&state.db, kind, on == "1", &admin.actor(), now_ms()).await?;
            Ok(())
        }
        None => Err(AppError::NotFound),
    };
    let notice = if on == "1" { "on" } else { "off" };
    form_answer(result, |_| format!("/admin/automations?{notice}=1#{kind}"), "/admin/automations", &[])
}

#[server(prefix = "/api", endpoint = "admin/save-automation")]
pub async fn save_automation(#[server(flatten)] input: AutomationForm) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let result = async {
        let settings = input.check().map_err(AppError::Validation)?;
        crate::backend::automations::save(&state.db, &settings, &admin.actor(), now_ms()).await
    }
    .await;
    let keep = [
        ("kind", input.kind.as_str()),
        ("segment_id", input.segment_id.as_str()),
        ("delay_hours", input.delay_hours.as_str()),
        ("campaign_id", input.campaign_id.as_str()),
    ];
    form_answer(result, |_| format!("/admin/automations?saved=1#{}", input.kind), "/admin/automations", &keep)
}
