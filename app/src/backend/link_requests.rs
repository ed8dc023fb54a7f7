//! Sign-in and sign-up requests answer at once, and the same way, for every address: the request only queues the
//! work (after its rate limits), and the worker does what depends on whether the address is known — so neither
//! the answer nor the time it takes tells anyone who is registered.
use super::core::db::{new_id, Db};
use super::core::state::AppState;
use crate::domain::{AppError, Email, SignUpForm};
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
            _ => {
                super::auth::send_sign_in_link(
                    state,
                    &email,
                    &ip,
                    Some(payload.as_str()).filter(|p| !p.is_empty()),
                    now,
                )
                .await
            }
        };
        if let Err(error) = result {
            tracing::error!(reason = error.message().code(), "a queued sign-in or sign-up request failed");
        }
        done += 1;
    }
    Ok(done)
}

/// Asks for a sign-in link: it is sent if the address belongs to an active candidate. The caller answers the same
/// either way, and the work done here is the same too.
pub async fn request_magic_link(state: &AppState, email: &Email, ip: &str, now: i64) -> Result<(), AppError> {
    request_magic_link_to(state, email, ip, None, now).await
}

/// [`request_magic_link`] with a page to land on after signing in (one of [`after_sign_in`]'s).
pub async fn request_magic_link_to(
    state: &AppState,
    email: &Email,
    ip: &str,
    next: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    super::auth::check_link_rate(state, email, ip, now).await?;
    // the same work for every address, known or not: what depends on it is the worker's
    queue(&state.db, Kind::SignIn, email, next.unwrap_or(""), ip, now).await?;
    Ok(())
}

/// Checks the form and queues it, after the same rate limits as a sign-in link.
pub async fn request_sign_up(
    state: &AppState,
    form: &SignUpForm,
    lang: Lang,
    ip: &str,
    now: i64,
) -> Result<(), AppError> {
    let (email, _) = form.validate().map_err(AppError::Validation)?;
    super::auth::check_link_rate(state, &email, ip, now).await?;
    let payload = serde_json::to_string(&(form, lang.tag())).map_err(|_| AppError::Internal)?;
    queue(&state.db, Kind::SignUp, &email, &payload, ip, now).await?;
    Ok(())
}
