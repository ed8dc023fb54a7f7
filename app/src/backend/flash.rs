//! The server side of [`Flash`]: a row per failed form, its key in a cookie (only the key's SHA-256 is stored),
//! taken (read and deleted) by the next page that browser opens, gone after ten minutes in any case. A server
//! function asks for one with an internal response header; the server's middleware stores it and sets the cookie.
use super::crypto::{random_token, sha256_hex};
use super::db::Db;
use super::state::Config;
use crate::domain::Flash;

/// The internal response header carrying values to keep (hex-encoded JSON); the middleware removes it.
pub const KEEP_HEADER: &str = "x-kizuna-keep";
const TTL_MS: i64 = 10 * 60_000;

pub fn cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies {
        "__Host-kizuna_flash"
    } else {
        "kizuna_flash"
    }
}

/// The `Set-Cookie` value that hands a flash to the browser (or with `None`, takes it back).
pub fn cookie(config: &Config, key: Option<&str>) -> String {
    let secure = if config.secure_cookies { "; Secure" } else { "" };
    match key {
        Some(key) => format!("{}={key}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax{secure}", cookie_name(config)),
        None => format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}", cookie_name(config)),
    }
}

pub fn encode(values: &[(&str, &str)]) -> String {
    hex::encode(serde_json::to_string(values).unwrap_or_else(|_| "[]".into()))
}

/// Keeps the values; returns the key for the cookie.
pub async fn store(db: &Db, encoded: &str, now: i64) -> Result<String, sqlx::Error> {
    let key = random_token();
    let json = hex::decode(encoded.trim()).unwrap_or_default();
    let flash: Vec<(String, String)> = serde_json::from_slice(&json).unwrap_or_default();
    let payload = serde_json::to_string(&flash).unwrap_or_else(|_| "[]".into());
    sqlx::query("INSERT INTO flashes (key_hash, payload, expires_at) VALUES ($1, $2, $3)")
        .bind(sha256_hex(&key))
        .bind(payload)
        .bind(now + TTL_MS)
        .execute(db.pool())
        .await?;
    Ok(key)
}

/// The values kept under this key, once.
pub async fn take(db: &Db, key: &str, now: i64) -> Result<Option<Flash>, sqlx::Error> {
    let payload: Option<String> =
        sqlx::query_scalar("DELETE FROM flashes WHERE key_hash = $1 AND expires_at > $2 RETURNING payload")
            .bind(sha256_hex(key))
            .bind(now)
            .fetch_optional(db.pool())
            .await?;
    Ok(payload.map(|p| Flash(serde_json::from_str(&p).unwrap_or_default())))
}

pub async fn purge_expired(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM flashes WHERE expires_at <= $1").bind(now).execute(db.pool()).await?.rows_affected())
}
