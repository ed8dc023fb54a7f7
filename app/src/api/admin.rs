use crate::domain::{AppError, DashboardStats, MailSummary};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/dashboard")]
pub async fn load_dashboard() -> Result<DashboardStats, AppError> {
    use crate::backend::{request::*, stats};
    use crate::domain::Role;
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(stats::dashboard(&state.db).await?)
}

pub const MAILBOX_PAGE: i64 = 50;

/// The outbox, newest first; admins only (it holds other people's sign-in links).
#[server(prefix = "/api", endpoint = "admin/mailbox")]
pub async fn list_mail(before_at: Option<i64>, before_id: Option<String>) -> Result<Vec<MailSummary>, AppError> {
    use crate::backend::{mail, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let cursor = before_at.zip(before_id);
    let mail = mail::list(&state.db, cursor, MAILBOX_PAGE).await?;
    // the mailbox shows personal data (addresses, names): every view is audited
    let mut conn = state.db.pool().acquire().await?;
    let ip = client_ip(&state.config);
    let actor = crate::backend::audit::Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    crate::backend::audit::record(
        &mut conn,
        &actor,
        "viewed",
        ("mailbox", None),
        &format!("{} messages", mail.len()),
        crate::backend::now_ms(),
    )
    .await?;
    Ok(mail)
}

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
    use crate::backend::{audit, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    let some = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let (action, actor, kind, id) = (some(&action), some(&actor), some(&subject_kind), some(&subject_id));
    let query = audit::Query {
        subject: kind.as_deref().zip(id.as_deref()),
        action: action.as_deref(),
        actor_email: actor.as_deref().map(|a| a.trim()),
        before: before_at.zip(before_id),
        limit: AUDIT_PAGE,
    };
    Ok(audit::list(&state.db, &query).await?)
}
