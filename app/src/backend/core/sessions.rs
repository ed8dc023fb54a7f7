//! Server-side sessions: the cookie holds a random id, the database its SHA-256.
use super::crypto::{random_token, sha256_hex};
use super::db::Db;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Recruiter,
    Candidate,
    Agency,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recruiter => "recruiter",
            Self::Candidate => "candidate",
            Self::Agency => "agency",
        }
    }

    fn parse(value: &str) -> Option<Self> {
        [Self::Recruiter, Self::Candidate, Self::Agency].into_iter().find(|k| k.as_str() == value)
    }

    /// (idle timeout, absolute lifetime) in milliseconds.
    pub fn timeouts(self) -> (i64, i64) {
        match self {
            Self::Recruiter | Self::Agency => (8 * HOUR, 7 * 24 * HOUR),
            Self::Candidate => (HOUR, 24 * HOUR),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub kind: SessionKind,
    pub subject_id: String,
}

pub async fn create(db: &Db, kind: SessionKind, subject_id: &str, now: i64) -> Result<String, sqlx::Error> {
    let id = random_token();
    let (_, absolute) = kind.timeouts();
    sqlx::query(
        "INSERT INTO sessions (id_hash, kind, subject_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(sha256_hex(&id))
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(now)
    .bind(now + absolute)
    .execute(db.pool())
    .await?;
    Ok(id)
}

/// The live session for a cookie value; touches it at most once a minute.
pub async fn lookup(db: &Db, id: &str, now: i64) -> Result<Option<Session>, sqlx::Error> {
    let hash = sha256_hex(id);
    let row: Option<(String, String, i64, i64)> =
        sqlx::query_as("SELECT kind, subject_id, last_seen_at, expires_at FROM sessions WHERE id_hash = $1")
            .bind(&hash)
            .fetch_optional(db.pool())
            .await?;
    let Some((kind, subject_id, last_seen_at, expires_at)) = row else {
        return Ok(None);
    };
    let Some(kind) = SessionKind::parse(&kind) else {
        return Ok(None);
    };
    let (idle, _) = kind.timeouts();
    if expires_at <= now || last_seen_at + idle <= now {
        delete(db, id).await?;
        return Ok(None);
    }
    if now - last_seen_at > MINUTE && first_touch_in_a_minute(&hash, now) {
        // one request per session and minute writes; the others read on (SQLite has one writer)
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $1")
            .bind(now)
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(Session { kind, subject_id }))
}

/// Sessions this process touched within the last minute, so that a burst of page views of one session (a
/// browser loading a page and its parts, a reload) writes once.
static TOUCHED: LazyLock<Mutex<HashMap<String, i64>>> = LazyLock::new(Default::default);

fn first_touch_in_a_minute(hash: &str, now: i64) -> bool {
    let mut touched = TOUCHED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if touched.get(hash).is_some_and(|at| (now - at).abs() < MINUTE) {
        return false;
    }
    if touched.len() >= 100_000 {
        touched.retain(|_, at| (now - *at).abs() < MINUTE);
    }
    touched.insert(hash.to_owned(), now);
    true
}

pub async fn delete(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(sha256_hex(id)).execute(db.pool()).await?;
    Ok(())
}

pub async fn purge_expired(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(db.pool()).await?.rows_affected())
}
