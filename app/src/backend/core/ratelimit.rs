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

/// The bucket a client address counts in: an IPv4 address as it is, an IPv6 address by its /64 network (what one
/// household or one server gets: counting each of its addresses apart would give it unlimited tries).
pub fn client_bucket(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipv6_counts_by_its_network() {
        use super::client_bucket;
        assert_eq!(client_bucket("2001:db8:1:2:aaaa::1"), client_bucket("2001:db8:1:2:bbbb::9"));
        assert_ne!(client_bucket("2001:db8:1:2::1"), client_bucket("2001:db8:1:3::1"));
        assert_eq!(client_bucket("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(client_bucket("192.0.2.7"), "192.0.2.7");
        assert_eq!(client_bucket("garbage"), "unknown");
    }
}
