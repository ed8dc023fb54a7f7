//! Fixed-window counters kept in the database, so that several servers share one limit.
use sqlx::AnyConnection;

/// Counts one attempt under `key`; false once more than `limit` fall in the current window.
pub async fn allow(
    conn: &mut AnyConnection,
    key: &str,
    limit: i64,
    window_ms: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let window = now / window_ms;
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (key, hits, expires_at) VALUES ($1, 1, $2) \
         ON CONFLICT (key) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
    )
    .bind(format!("{key}#{window}"))
    .bind((window + 1) * window_ms)
    .fetch_one(conn)
    .await?;
    Ok(hits <= limit)
}

pub async fn purge_expired(conn: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM rate_limits WHERE expires_at <= $1").bind(now).execute(conn).await?.rows_affected())
}

/// Forgets the attempts counted under `key` in the current window (a password that turned out right: the
/// person is no guesser, and signing in again later must not count against them).
pub async fn forgive(conn: &mut AnyConnection, key: &str, window_ms: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1")
        .bind(format!("{key}#{}", now / window_ms))
        .execute(conn)
        .await?;
    Ok(())
}
