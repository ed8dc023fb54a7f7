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

/// A page of the outbox.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mailbox {
    /// mail goes to the embedded sink (no SMTP): the texts are shown, their links taken out
    pub sink: bool,
    pub mail: Vec<MailSummary>,
}

/// The outbox, newest first; admins only. With SMTP configured it shows subject, recipient and status only; as
/// the embedded sink's inbox it shows the texts too, but never a working link: an admin cannot act as the person
/// a sign-in, referral or set-password link was for.
#[server(prefix = "/api", endpoint = "admin/mailbox")]
pub async fn list_mail(before_at: Option<i64>, before_id: Option<String>) -> Result<Mailbox, AppError> {
    use crate::backend::{mail, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let cursor = before_at.zip(before_id);
    let sink = state.config.smtp_url.is_none();
    let mut mail = mail::list(&state.db, cursor, MAILBOX_PAGE).await?;
    for message in &mut mail {
        message.body_text = if sink { crate::domain::without_tokens(&message.body_text) } else { String::new() };
    }
    // the mailbox shows personal data (addresses, names): every view is audited
    let mut conn = state.db.pool().acquire().await?;
    let ip = client_ip();
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
    Ok(Mailbox { sink, mail })
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

/// The company's own users (admins).
#[server(prefix = "/api", endpoint = "admin/users")]
pub async fn load_users() -> Result<Vec<crate::domain::StaffUser>, AppError> {
    use crate::backend::request::*;
    use crate::domain::Role;
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    Ok(crate::backend::users::list(&state.db).await?)
}

/// Invites a colleague with a role (admins): they get a mail with a link to set their password.
#[server(prefix = "/api", endpoint = "admin/invite-user")]
pub async fn invite_user(email: String, display_name: String, role: String) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, now_ms, request::*, users};
    use crate::domain::Role;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    match users::invite(&state.db, &state.config, &email, &display_name, &role, &actor, now_ms()).await {
        Ok(_) => {
            leptos_axum::redirect("/admin/users?invited=1");
            Ok(())
        }
        Err(error) => {
            form_error(error, "/admin/users", &[("email", &email), ("display_name", &display_name), ("role", &role)])
        }
    }
}

/// Changes a colleague's account (admins): `action` is `role` (with `role`), `disable` or `enable`.
#[server(prefix = "/api", endpoint = "admin/update-user")]
pub async fn update_user(id: String, action: String, role: Option<String>) -> Result<(), AppError> {
    use crate::backend::users::{self, Change};
    use crate::backend::{audit::Actor, now_ms, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    let role = role.unwrap_or_default();
    let change = match action.as_str() {
        "role" => Change::Role(&role),
        "disable" => Change::Disable,
        "enable" => Change::Enable,
        _ => return form_error(AppError::field("action", crate::i18n::Msg::ErrInvalid), "/admin/users", &[]),
    };
    match users::change(&state.db, &id, change, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect("/admin/users?changed=1");
            Ok(())
        }
        Err(error) => form_error(error, "/admin/users", &[]),
    }
}

/// An invited colleague chooses a password and is signed in.
#[server(prefix = "/api", endpoint = "admin/set-password")]
pub async fn set_staff_password(token: String, password: String) -> Result<(), AppError> {
    use crate::backend::sessions::SessionKind;
    use crate::backend::{now_ms, request::*};
    let state = app_state()?;
    let back = format!("/admin/set-password/{}", percent_encode(&token));
    match crate::backend::users::set_password(&state.db, &token, &password, false, &client_ip(), now_ms()).await {
        Ok(user_id) => {
            start_session(&state, SessionKind::Recruiter, &user_id).await?;
            leptos_axum::redirect("/admin");
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

/// Both managed lists of decline reasons (admins: a setting).
#[server(prefix = "/api", endpoint = "admin/reasons")]
pub async fn load_reasons() -> Result<Vec<crate::domain::DeclineReason>, AppError> {
    use crate::backend::request::*;
    use crate::domain::Role;
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    Ok(crate::backend::reasons::list(&state.db).await?)
}

/// Adds a reason (`side`: company or candidate) or, with `id` and `action` retire/restore, changes one (admins).
#[server(prefix = "/api", endpoint = "admin/save-reason")]
pub async fn save_reason(
    id: Option<String>,
    action: Option<String>,
    side: Option<String>,
    label_ja: Option<String>,
    label_en: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, now_ms, reasons, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    let back = "/admin/reasons";
    let (side, label_ja, label_en) =
        (side.unwrap_or_default(), label_ja.unwrap_or_default(), label_en.unwrap_or_default());
    let result = match (id, action.as_deref()) {
        (Some(id), Some(action @ ("retire" | "restore"))) => {
            reasons::set_active(&state.db, &id, action == "restore", &actor, now_ms()).await
        }
        (None, None) => reasons::add(&state.db, &side, &label_ja, &label_en, &actor, now_ms()).await.map(|_| ()),
        _ => Err(AppError::field("action", crate::i18n::Msg::ErrInvalid)),
    };
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?saved=1"));
            Ok(())
        }
        Err(error) => form_error(error, back, &[("side", &side), ("label_ja", &label_ja), ("label_en", &label_en)]),
    }
}
