//! Signing people in: candidates by magic link, recruiters by password.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::mail::{self, OutgoingMail};
use super::core::password::{burn_verification, hash_password, verify_password, MIN_PASSWORD_CHARS};
use super::core::sessions::{self, SessionKind};
use super::core::state::AppState;
use super::core::{ratelimit, tokens};
use super::templates;
use crate::domain::{AppError, Email, Role, TemplateKind, TokenPurpose};
use crate::i18n::Msg;

pub const MAGIC_LINK_TTL_MS: i64 = 15 * 60_000;
const WINDOW_MS: i64 = 15 * 60_000;
const LINKS_PER_IP: i64 = 30;
const PASSWORD_TRIES_PER_ADDRESS: i64 = 10;
const PASSWORD_TRIES_PER_IP: i64 = 50;

async fn check_rate(db: &Db, limits: &[(String, i64)], now: i64) -> Result<(), AppError> {
    let mut conn = db.pool().acquire().await?;
    let mut allowed = true;
    for (key, limit) in limits {
        allowed &= ratelimit::allow(&mut conn, key, *limit, WINDOW_MS, now).await?;
    }
    if allowed {
        Ok(())
    } else {
        Err(AppError::RateLimited)
    }
}

/// The rate-limit key of the sign-in links asked for one address: a keyed fingerprint, not the address (nor a
/// bare hash of it, which anyone could compute for a guessed address).
pub fn link_limit_key(config: &super::core::state::Config, email: &Email) -> String {
    format!("link:email:{}", config.secret.fingerprint("rate-limit", email.as_str()))
}

fn password_limit_key(config: &super::core::state::Config, email: &Email) -> String {
    format!("password:email:{}", config.secret.fingerprint("rate-limit", email.as_str()))
}

/// The limits on links mailed to one address and asked for from one client address (sign-in and sign-up alike).
pub async fn check_link_rate(state: &AppState, email: &Email, ip: &str, now: i64) -> Result<(), AppError> {
    let limits = [
        (link_limit_key(&state.config, email), state.config.links_per_address),
        (format!("link:ip:{}", ratelimit::client_bucket(ip)), LINKS_PER_IP),
    ];
    check_rate(&state.db, &limits, now).await
}

/// Where a sign-in link may lead after signing in, besides the portal's home.
pub fn after_sign_in(next: Option<&str>) -> &'static str {
    match next {
        Some("relay") => "/relay",
        _ => "/portal",
    }
}

/// Uses a sign-in link; on success returns the new session id for the cookie.
pub async fn sign_in_with_link(
    state: &AppState,
    token: &str,
    ip: &str,
    now: i64,
) -> Result<String, tokens::TokenState> {
    let internal = |_| tokens::TokenState::Unknown;
    let mut tx = state.db.begin().await.map_err(internal)?;
    let candidate_id = tokens::consume(&mut tx, TokenPurpose::SignIn, token, now).await.map_err(internal)??;
    let active: Option<String> = sqlx::query_scalar("SELECT id FROM candidates WHERE id = $1 AND status = 'active'")
        .bind(&candidate_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(internal)?;
    if active.is_none() {
        return Err(tokens::TokenState::Unknown);
    }
    let actor = Actor::candidate(&candidate_id, ip);
    audit::record(&mut tx, &actor, "signed_in", ("candidate", Some(&candidate_id)), "magic_link", now)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    sessions::create(&state.db, SessionKind::Candidate, &candidate_id, now).await.map_err(internal)
}

/// Checks a recruiter's password; on success returns the new session id for the cookie.
pub async fn recruiter_sign_in(
    state: &AppState,
    email: &Email,
    password: &str,
    ip: &str,
    now: i64,
) -> Result<(String, SessionKind), AppError> {
    check_rate(
        &state.db,
        &[
            (password_limit_key(&state.config, email), PASSWORD_TRIES_PER_ADDRESS),
            (format!("password:ip:{}", ratelimit::client_bucket(ip)), PASSWORD_TRIES_PER_IP),
        ],
        now,
    )
    .await?;
    let user: Option<(String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.password_hash, u.role FROM users u LEFT JOIN agencies a ON a.id = u.agency_id \
             WHERE u.email = $1 AND u.status = 'active' AND (u.role <> 'agency' OR a.status = 'active')",
    )
    .bind(email.as_str())
    .fetch_optional(state.db.pool())
    .await?;
    let password = password.to_owned();
    let account = user.as_ref().map(|(id, _, _)| id.clone());
    let verified = match user {
        Some((id, hash, role)) => {
            let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await.unwrap_or(false);
            ok.then_some((id, role))
        }
        None => {
            let _ = tokio::task::spawn_blocking(move || burn_verification(&password)).await;
            None
        }
    };
    let mut conn = state.db.pool().acquire().await?;
    let Some((user_id, role)) = verified else {
        let actor = Actor::anonymous(ip);
        // the account tried, when there is one; a typed address that is no account's is not kept (a candidate may
        // have typed theirs here)
        let detail = if account.is_some() { "wrong password" } else { "unknown address" };
        audit::record(&mut conn, &actor, "sign_in_failed", ("user", account.as_deref()), detail, now).await?;
        return Err(AppError::field("password", Msg::ErrInvalidCredentials));
    };
    let address_key = password_limit_key(&state.config, email);
    ratelimit::forgive(&mut conn, &address_key, WINDOW_MS, now).await?;
    let kind = if role == Role::Agency.as_str() { SessionKind::Agency } else { SessionKind::Recruiter };
    let actor = Actor::user(&user_id, ip);
    audit::record(&mut conn, &actor, "signed_in", ("user", Some(&user_id)), "password", now).await?;
    drop(conn);
    Ok((sessions::create(&state.db, kind, &user_id, now).await?, kind))
}

/// Creates or resets a recruiter account (used by `kizuna create-admin` and the demo seed).
pub async fn upsert_user(
    db: &Db,
    email: &Email,
    display_name: &str,
    password: &str,
    role: Role,
    now: i64,
) -> Result<String, AppError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::field("password", Msg::ErrPasswordTooShort));
    }
    let password = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|_| AppError::Internal)?;
    let id: String = sqlx::query_scalar(
        "INSERT INTO users (id, email, display_name, password_hash, role, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, \
           display_name = excluded.display_name, status = 'active', updated_at = excluded.updated_at \
         RETURNING id",
    )
    .bind(new_id())
    .bind(email.as_str())
    .bind(display_name)
    .bind(hash)
    .bind(role.as_str())
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    // a reset password ends every session the account had
    sqlx::query("DELETE FROM sessions WHERE kind IN ('recruiter', 'agency') AND subject_id = $1")
        .bind(&id)
        .execute(db.pool())
        .await?;
    Ok(id)
}

/// Sends a sign-in link if the address belongs to an active candidate (leading to `next` after signing in).
pub async fn send_sign_in_link(
    state: &AppState,
    email: &Email,
    ip: &str,
    next: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    // PostgreSQL: locked, so an erasure of this person either waits for this mail (and then scrubs it) or is seen
    let postgres = state.db.kind() == super::core::db::DbKind::Postgres;
    let Some(person) = super::people::contact_by_email_locked(&mut tx, postgres, email.as_str()).await? else {
        tx.commit().await?;
        return Ok(());
    };
    let (candidate_id, lang) = (person.id.clone(), person.lang());
    let token = tokens::issue(&mut tx, TokenPurpose::SignIn, &candidate_id, MAGIC_LINK_TTL_MS, now).await?;
    let next = match next {
        Some(next) if after_sign_in(Some(next)) != "/portal" => format!("?next={next}"),
        _ => String::new(),
    };
    let link = format!("{}/portal/sign-in/link/{token}{next}", state.config.base_url);
    let name = person.name();
    let values = [("name", name.as_str()), ("sign_in_link", link.as_str())];
    let (subject, body_text) = templates::compose(&mut tx, TemplateKind::SignIn, lang, &values).await?;
    let mail = OutgoingMail {
        to: email.as_str(),
        candidate_id: Some(&candidate_id),
        kind: "sign_in",
        lang,
        subject,
        body_text,
        consent_purpose: None,
    };
    mail::enqueue(&mut tx, &mail, &state.config.mail_domain(), now).await?;
    let actor = Actor::candidate(&candidate_id, ip);
    audit::record(&mut tx, &actor, "sign_in_link_requested", ("candidate", Some(&candidate_id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}
