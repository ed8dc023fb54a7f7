//! The company's own users (admins, recruiters, viewers): invited by an admin with a link to set a password, given
//! a role, disabled and enabled again. No admin demotes or disables themselves, so there is always an active admin.
//! Setting a password from an invitation's link works the same for them and for agency users.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::mail::{self, OutgoingMail};
use super::core::state::Config;
use super::core::tokens::{self, TokenState};
use crate::domain::{normalize_text, AppError, Email, FieldError, Role, StaffUser, TokenPurpose};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;

const MAX_NAME_CHARS: usize = 100;
/// How long an invitation's link to set a password works.
pub const PASSWORD_SETUP_TTL_MS: i64 = 7 * 86_400_000;

/// A single-use link to set a password (`area` is where the form is: `agency` or `admin`).
pub(super) async fn password_link(
    conn: &mut AnyConnection,
    config: &Config,
    area: &str,
    user_id: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let token = tokens::issue(conn, TokenPurpose::PasswordSetup, user_id, PASSWORD_SETUP_TTL_MS, now).await?;
    Ok(format!("{}/{area}/set-password/{token}", config.base_url))
}

/// The text of an invitation to set a password, in Japanese and English (the person's language is not known yet).
pub(super) fn invitation_text(name: &str, intro: [&str; 2], link: &str) -> String {
    format!(
        "{name} 様 / Dear {name},\n\n{}\n{}\n\n{link}\n\n{}\n{}\n\n-- \nKizuna\n",
        intro[0],
        intro[1],
        Msg::MailAgencyInviteExpiry.text(Lang::Ja),
        Msg::MailAgencyInviteExpiry.text(Lang::En),
    )
}

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
    let email = Email::parse(email).map_err(|m| errors.push(FieldError::new("email", m))).ok();
    let display_name = normalize_text(display_name);
    if display_name.is_empty() {
        errors.push(FieldError::new("display_name", Msg::ErrRequired));
    } else if display_name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new("display_name", Msg::ErrTooLong));
    }
    let role = staff_role(role).map_err(|e| errors.push(FieldError::new("role", e.message()))).ok();
    let (Some(email), Some(role), true) = (email, role, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
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
    let link = password_link(&mut tx, config, "admin", &id, now).await?;
    let intro = [Msg::MailStaffInviteBody.text(Lang::Ja), Msg::MailStaffInviteBody.text(Lang::En)];
    let mail = OutgoingMail {
        to: email.as_str(),
        candidate_id: None,
        kind: "staff_invitation",
        lang: Lang::Ja,
        subject: super::core::mail::bilingual(Msg::MailStaffInviteSubject),
        body_text: invitation_text(&display_name, intro, &link),
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

/// Whether a password-setup link can be used now.
pub async fn setup_link_state(db: &Db, token: &str, now: i64) -> Result<TokenState, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    tokens::inspect(&mut conn, TokenPurpose::PasswordSetup, token, now).await
}

/// Password-setup attempts one address may make in 15 minutes (each costs an argon2 hash).
const SETUPS_PER_IP: i64 = 20;
const SETUP_WINDOW_MS: i64 = 15 * 60_000;

/// Sets an invited user's password with the link from their mail (an agency's user, or with `agency` false one of
/// the company's own); returns the user id. A link of the other kind of account does not work. The link is
/// checked before any hashing, attempts are limited per address, and every other session of the account ends.
pub async fn set_password(
    db: &Db,
    token: &str,
    password: &str,
    agency: bool,
    ip: &str,
    now: i64,
) -> Result<String, AppError> {
    let mut conn = db.pool().acquire().await?;
    let allowed = super::core::ratelimit::allow(
        &mut conn,
        &format!("setup:ip:{}", super::core::ratelimit::client_bucket(ip)),
        SETUPS_PER_IP,
        SETUP_WINDOW_MS,
        now,
    )
    .await?;
    let state = tokens::inspect(&mut conn, TokenPurpose::PasswordSetup, token, now).await?;
    drop(conn);
    if !allowed {
        return Err(AppError::RateLimited);
    }
    link_problem(state)?;
    if password.chars().count() < super::core::password::MIN_PASSWORD_CHARS {
        return Err(AppError::field("password", Msg::ErrPasswordTooShort));
    }
    let owned = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || super::core::password::hash_password(&owned))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|_| AppError::Internal)?;
    let mut tx = db.begin().await?;
    let user_id = match tokens::consume(&mut tx, TokenPurpose::PasswordSetup, token, now).await? {
        Ok(user_id) => user_id,
        Err(state) => return Err(link_problem(state).err().unwrap_or(AppError::field("token", Msg::LinkInvalidTitle))),
    };
    let kind = if agency { "role = 'agency'" } else { "role <> 'agency'" };
    let sql =
        format!("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3 AND {kind} AND status = 'active'");
    let updated = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(hash).bind(now).bind(&user_id).execute(&mut *tx).await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::field("token", Msg::LinkInvalidTitle));
    }
    sqlx::query("DELETE FROM sessions WHERE kind IN ('recruiter', 'agency') AND subject_id = $1")
        .bind(&user_id)
        .execute(&mut *tx)
        .await?;
    let actor = Actor::user(&user_id, ip);
    let detail = if agency { "agency invitation" } else { "invitation" };
    audit::record(&mut tx, &actor, "password_set", ("user", Some(&user_id)), detail, now).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Why a password link cannot be used, as the form says it.
fn link_problem(state: TokenState) -> Result<(), AppError> {
    match state {
        TokenState::Valid => Ok(()),
        TokenState::Expired => Err(AppError::field("token", Msg::LinkExpiredTitle)),
        TokenState::Used => Err(AppError::field("token", Msg::LinkUsedTitle)),
        TokenState::Unknown => Err(AppError::field("token", Msg::LinkInvalidTitle)),
    }
}
