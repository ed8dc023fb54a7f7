//! The audit log (`/admin/audit`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

pub const AUDIT_PAGE: i64 = 100;

/// The audit log, newest first, filtered by action, by who (a user's e-mail) or by subject (admins).
#[server(prefix = "/api", endpoint = "admin/audit")]
pub async fn load_audit(
    action: Option<String>,
    actor: Option<String>,
    subject_kind: Option<String>,
    subject_id: Option<String>,
    before_at: Option<i64>,
    before_id: Option<String>,
) -> Result<Vec<crate::domain::AuditEntry>, AppError> {
    use crate::backend::audit;
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    let some = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let (action, actor, kind, id) = (some(&action), some(&actor), some(&subject_kind), some(&subject_id));
    let filter = audit::Filter {
        subject: kind.as_deref().zip(id.as_deref()),
        action: action.as_deref(),
        actor_email: actor.as_deref(),
    };
    Ok(audit::list(&state.db, &filter, before_at.zip(before_id), AUDIT_PAGE).await?)
}
