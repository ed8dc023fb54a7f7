//! Sign-in and sign-up requests answer at once, and the same way, for every address: the request only queues the
//! work (after its rate limits), and the worker does what depends on whether the address is known — so neither
//! the answer nor the time it takes tells anyone who is registered.
use super::audit::{self, Actor};
use super::db::{new_id, Db};
use super::mail::{self, OutgoingMail};
use super::state::AppState;
use super::tokens;
use crate::domain::{AppError, Email, TemplateKind, TokenPurpose};
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    SignIn,
    SignUp,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignUp => "sign_up",
        }
    }
}

/// Requests the worker takes per pass.
const BATCH: i64 = 50;

/// Requests waiting at most: beyond them a flood (from many addresses) is refused rather than delaying everyone's
/// sign-in mail.
const MAX_WAITING: i64 = 5_000;

/// Queues a request; `payload` is where a sign-in leads (`relay`) or the sign-up form's contents.
pub async fn queue(db: &Db, kind: Kind, email: &Email, payload: &str, ip: &str, now: i64) -> Result<(), AppError> {
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM link_requests").fetch_one(db.pool()).await?;
    if waiting >= MAX_WAITING {
        return Err(AppError::RateLimited);
    }
    sqlx::query("INSERT INTO link_requests (id, kind, email, payload, ip, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(new_id())
        .bind(kind.as_str())
        .bind(email.as_str())
        .bind(payload)
        .bind(ip)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Does the waiting requests, oldest first; returns how many. Each is deleted as it is taken, so that two
/// servers never do one twice (a server lost meanwhile loses that request: the person asks again).
pub async fn work(state: &AppState, now: i64) -> Result<usize, AppError> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM link_requests ORDER BY created_at, id LIMIT $1")
        .bind(BATCH)
        .fetch_all(state.db.pool())
        .await?;
    let mut done = 0;
    for id in ids {
        let taken: Option<(String, String, String, Option<String>)> =
            sqlx::query_as("DELETE FROM link_requests WHERE id = $1 RETURNING kind, email, payload, ip")
                .bind(&id)
                .fetch_optional(state.db.pool())
                .await?;
        let Some((kind, email, payload, ip)) = taken else { continue };
        let Ok(email) = Email::parse(&email) else { continue };
        let ip = ip.unwrap_or_default();
        let result = match kind.as_str() {
            "sign_up" => super::signup::requested(state, &email, &payload, &ip, now).await,
            _ => send_sign_in_link(state, &email, &ip, Some(payload.as_str()).filter(|p| !p.is_empty()), now).await,
        };
        if let Err(error) = result {
            tracing::error!(reason = error.message().code(), "a queued sign-in or sign-up request failed");
        }
        done += 1;
    }
    Ok(done)
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
    let lock = if state.db.kind() == super::db::DbKind::Postgres { " FOR UPDATE" } else { "" };
    let sql = format!(
        "SELECT id, family_name, given_name, language FROM candidates WHERE email = $1 AND status = 'active'{lock}"
    );
    let candidate: Option<(String, String, String, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(email.as_str()).fetch_optional(&mut *tx).await?;
    let Some((candidate_id, family, given, language)) = candidate else {
        tx.commit().await?;
        return Ok(());
    };
    let lang = Lang::parse(&language).unwrap_or_default();
    let token =
        tokens::issue(&mut tx, TokenPurpose::SignIn, &candidate_id, super::auth::MAGIC_LINK_TTL_MS, now).await?;
    let next = match next {
        Some(next) if super::auth::after_sign_in(Some(next)) != "/portal" => format!("?next={next}"),
        _ => String::new(),
    };
    let link = format!("{}/portal/sign-in/link/{token}{next}", state.config.base_url);
    let name = lang.person_name(&family, &given);
    let values = [("name", name.as_str()), ("sign_in_link", link.as_str())];
    let (subject, body_text) = super::templates::compose(&mut tx, TemplateKind::SignIn, lang, &values).await?;
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
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(ip) };
    audit::record(&mut tx, &actor, "sign_in_link_requested", ("candidate", Some(&candidate_id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}
