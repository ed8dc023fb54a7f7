//! The server side of [`Flash`]: a row per failed form, its key in a cookie (only the key's SHA-256 is stored),
//! taken (read and deleted) when that browser, in the same session, opens the page the form went back to; gone
//! after ten minutes in any case. A server
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
    let (value, max_age) = match key {
        Some(key) => (key, TTL_MS / 1000),
        None => ("", 0),
    };
    super::request::cookie_header(config, cookie_name(config), value, Some(max_age), true)
}

/// A kept value is cut at this many characters (the longest form field takes 10 000).
const MAX_VALUE_CHARS: usize = 12_000;
/// Forms one client address may keep in ten minutes (each is a row until it is read).
const STORES_PER_IP: i64 = 120;

/// The values for the page at `path` (its path only, without the query).
pub fn encode(path: &str, values: &[(&str, &str)]) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let values: Vec<(&str, String)> =
        values.iter().map(|(k, v)| (*k, v.chars().take(MAX_VALUE_CHARS).collect())).collect();
    hex::encode(serde_json::to_string(&(path, values)).unwrap_or_else(|_| "[]".into()))
}

/// Keeps the values for that page and this session (the SHA-256 of its cookie, or of nothing); returns the key
/// for the cookie, or None past the client address's limit.
pub async fn store(db: &Db, encoded: &str, session: &str, ip: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    let json = hex::decode(encoded.trim()).unwrap_or_default();
    let Ok((path, values)) = serde_json::from_slice::<(String, Vec<(String, String)>)>(&json) else { return Ok(None) };
    let mut conn = db.pool().acquire().await?;
    if !super::ratelimit::allow(
        &mut conn,
        &format!("flash:ip:{}", super::ratelimit::client_bucket(ip)),
        STORES_PER_IP,
        TTL_MS,
        now,
    )
    .await?
    {
        return Ok(None);
    }
    let key = random_token();
    let payload = serde_json::to_string(&values).unwrap_or_else(|_| "[]".into());
    sqlx::query("INSERT INTO flashes (key_hash, path, session_hash, payload, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(sha256_hex(&key))
        .bind(path)
        .bind(sha256_hex(session))
        .bind(payload)
        .bind(now + TTL_MS)
        .execute(&mut *conn)
        .await?;
    Ok(Some(key))
}

/// The values kept under this key for the page at `path` in this session, once; a key of another shape is not
/// looked up at all.
pub async fn take(db: &Db, key: &str, path: &str, session: &str, now: i64) -> Result<Option<Flash>, sqlx::Error> {
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let payload: Option<String> = sqlx::query_scalar(
        "DELETE FROM flashes WHERE key_hash = $1 AND path = $2 AND session_hash = $3 AND expires_at > $4 RETURNING payload",
    )
    .bind(sha256_hex(key))
    .bind(path)
    .bind(sha256_hex(session))
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(payload.map(|p| Flash(serde_json::from_str(&p).unwrap_or_default())))
}

pub async fn purge_expired(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM flashes WHERE expires_at <= $1").bind(now).execute(db.pool()).await?.rows_affected())
}
