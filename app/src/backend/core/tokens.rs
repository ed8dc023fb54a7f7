//! Single-use, expiring tokens for links sent by mail. Only the SHA-256 of a token is stored.
use super::crypto::{random_token, sha256_hex};
use crate::domain::TokenPurpose;
use sqlx::AnyConnection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenState {
    Valid,
    Used,
    Expired,
    Unknown,
}

impl TokenState {
    /// The word a page is told: "valid", "used", "expired" or "invalid".
    pub fn name(self) -> &'static str {
        match self {
            TokenState::Valid => "valid",
            TokenState::Used => "used",
            TokenState::Expired => "expired",
            TokenState::Unknown => "invalid",
        }
    }
}

pub async fn issue(
    conn: &mut AnyConnection,
    purpose: TokenPurpose,
    subject_id: &str,
    ttl_ms: i64,
    now: i64,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    sqlx::query("INSERT INTO tokens (hash, purpose, subject_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(sha256_hex(&token))
        .bind(purpose.as_str())
        .bind(subject_id)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(conn)
        .await?;
    Ok(token)
}

/// Marks the token used and returns its subject, or says why it cannot be used.
pub async fn consume(
    conn: &mut AnyConnection,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<Result<String, TokenState>, sqlx::Error> {
    let hash = sha256_hex(token.trim());
    let subject: Option<String> = sqlx::query_scalar(
        "UPDATE tokens SET used_at = $1 WHERE hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING subject_id",
    )
    .bind(now)
    .bind(&hash)
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    match subject {
        Some(subject) => Ok(Ok(subject)),
        None => Ok(Err(state_of(conn, purpose, &hash, now).await?)),
    }
}

/// What a token would do if used now, without using it (for the confirmation page).
pub async fn inspect(
    conn: &mut AnyConnection,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<TokenState, sqlx::Error> {
    state_of(conn, purpose, &sha256_hex(token.trim()), now).await
}

async fn state_of(
    conn: &mut AnyConnection,
    purpose: TokenPurpose,
    hash: &str,
    now: i64,
) -> Result<TokenState, sqlx::Error> {
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT expires_at, used_at FROM tokens WHERE hash = $1 AND purpose = $2")
            .bind(hash)
            .bind(purpose.as_str())
            .fetch_optional(conn)
            .await?;
    Ok(match row {
        None => TokenState::Unknown,
        Some((_, Some(_))) => TokenState::Used,
        Some((expires_at, None)) if expires_at <= now => TokenState::Expired,
        Some(_) => TokenState::Valid,
    })
}

/// Makes a used token usable again (the work it was used for failed before anything changed).
pub async fn release(db: &super::db::Db, purpose: TokenPurpose, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tokens SET used_at = NULL WHERE hash = $1 AND purpose = $2")
        .bind(sha256_hex(token.trim()))
        .bind(purpose.as_str())
        .execute(db.pool())
        .await?;
    Ok(())
}
