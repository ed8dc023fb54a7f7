//! The company's own users (admins, recruiters, viewers): invited by an admin with a link to set a password, given
//! a role, disabled and enabled again. No admin demotes or disables themselves, so there is always an active admin.
use super::audit::{self, Actor};
use super::db::{new_id, Db};
use super::mail::{self, OutgoingMail};
use super::relay::PASSWORD_SETUP_TTL_MS;
use super::state::Config;
use super::tokens;
use crate::domain::{normalize_text, AppError, Email, Role, StaffUser, TokenPurpose};
use crate::i18n::{Lang, Msg};

const MAX_NAME_CHARS: usize = 100;

pub async fn list(db: &Db) -> Result<Vec<StaffUser>, sqlx::Error> {
    type Row = (String, String, String, String, String, String, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, email, display_name, role, status, password_hash, created_at FROM users \
         WHERE role <> 'agency' ORDER BY display_name, id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, display_name, role, status, hash, created_at)| StaffUser {
            id,
            email,
            display_name,
            role: Role::parse(&role).unwrap_or(Role::Viewer),
            active: status == "active",
            invited: hash.is_empty(),
            created_at,
        })
        .collect())
}

fn staff_role(role: &str) -> Result<Role, AppError> {
    match Role::parse(role) {
        Some(role @ (Role::Viewer | Role::Recruiter | Role::Admin)) => Ok(role),
        _ => Err(AppError::field("role", Msg::ErrInvalid)),
    }
}

/// Invites a colleague: an account without a password, and a mail with a single-use link (7 days) to set one.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    db: &Db,
    config: &Config,
    email: &str,
    display_name: &str,
    role: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(email).map_err(|m| errors.push(crate::domain::FieldError::new("email", m))).ok();
    let display_name = normalize_text(display_name);
    if display_name.is_empty() {
        errors.push(crate::domain::FieldError::new("display_name", Msg::ErrRequired));
    } else if display_name.chars().count() > MAX_NAME_CHARS {
        errors.push(crate::domain::FieldError::new("display_name", Msg::ErrTooLong));
    }
    let role = staff_role(role).map_err(|e| errors.push(crate::domain::FieldError::new("role", e.message()))).ok();
    let (Some(email), Some(role)) = (email, role) else { return Err(AppError::Validation(errors)) };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = db.begin().await?;
    let existing: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    if existing.is_some() {
        return Err(AppError::field("email", Msg::ErrEmailTaken));
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, role, created_at, updated_at) \
         VALUES ($1, $2, $3, '', $4, $5, $5)",
    )
    .bind(&id)
    .bind(email.as_str())
    .bind(&display_name)
    .bind(role.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let token = tokens::issue(&mut tx, TokenPurpose::PasswordSetup, &id, PASSWORD_SETUP_TTL_MS, now).await?;
    let link = format!("{}/admin/set-password/{token}", config.base_url);
    let body_text = format!(
        "{display_name} 様 / Dear {display_name},\n\n{}\n{}\n\n{link}\n\n{}\n{}\n\n-- \nKizuna\n",
        Msg::MailStaffInviteBody.text(Lang::Ja),
        Msg::MailStaffInviteBody.text(Lang::En),
        Msg::MailAgencyInviteExpiry.text(Lang::Ja),
        Msg::MailAgencyInviteExpiry.text(Lang::En),
    );
    let mail = OutgoingMail {
        to: email.as_str(),
        candidate_id: None,
        kind: "staff_invitation",
        lang: Lang::Ja,
        subject: format!(
            "{} / {}",
            Msg::MailStaffInviteSubject.text(Lang::Ja),
            Msg::MailStaffInviteSubject.text(Lang::En)
        ),
        body_text,
        consent_purpose: None,
    };
    mail::enqueue(&mut tx, &mail, &config.mail_domain(), now).await?;
    audit::record(&mut tx, actor, "user_invited", ("user", Some(&id)), role.as_str(), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// What an admin does to a colleague's account.
pub enum Change<'a> {
    Role(&'a str),
    Disable,
    Enable,
}

/// Changes a colleague's role, or disables (ending their sessions) or enables their account. An admin cannot do
/// this to themselves, so the admin doing it is always left: there is always an active admin.
pub async fn change(db: &Db, user_id: &str, change: Change<'_>, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    if actor.id == Some(user_id) {
        return Err(AppError::field("user", Msg::ErrNotYourself));
    }
    let mut tx = db.begin().await?;
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND role <> 'agency'")
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
    found.ok_or(AppError::NotFound)?;
    if let Change::Role(role) = &change {
        staff_role(role)?;
    }
    let (sql, value, action) = match change {
        Change::Role(role) => ("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3", role, "user_role_changed"),
        Change::Disable => ("UPDATE users SET status = $1, updated_at = $2 WHERE id = $3", "disabled", "user_disabled"),
        Change::Enable => ("UPDATE users SET status = $1, updated_at = $2 WHERE id = $3", "active", "user_enabled"),
    };
    sqlx::query(sql).bind(value).bind(now).bind(user_id).execute(&mut *tx).await?;
    // a new role or a disabled account takes effect now: their sessions end
    sqlx::query("DELETE FROM sessions WHERE kind = 'recruiter' AND subject_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, actor, action, ("user", Some(user_id)), value, now).await?;
    tx.commit().await?;
    Ok(())
}
