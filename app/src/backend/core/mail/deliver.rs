//! Delivery: the worker leases a batch of due messages and sends them, several at a time. One SMTP connection
//! delivers far fewer than a thousand messages a minute (each message waits for the server's reply to its
//! final dot), so a batch goes out over up to `CONCURRENCY` connections at once, kept open between messages by
//! the transport's pool. Every message is still checked, sent and marked on its own, and no task holds a
//! pooled database connection while it waits for the mail server.
use super::{recheck, remove_sink_file, Mailer, OutboxRow, MAX_ATTEMPTS};
use crate::backend::core::db::{now_ms, Db, DbKind};
use crate::domain::{without_address, without_tokens};
use futures_util::stream::{self, StreamExt};

const LEASE_MS: i64 = 5 * 60_000;
const BATCH: i64 = 64;
/// Messages in flight at once (and SMTP connections kept open), per worker.
pub const CONCURRENCY: usize = 8;

/// Leases up to a batch of due messages (queued and due, or sending with a lapsed lease).
pub async fn claim(db: &Db, now: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let lock = match db.kind() {
        DbKind::Postgres => "FOR UPDATE SKIP LOCKED",
        DbKind::Sqlite => "",
    };
    let sql = format!(
        "UPDATE mail_outbox SET status = 'sending', lease_until = $1, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM mail_outbox \
           WHERE (status = 'queued' AND next_attempt_at <= $2) OR (status = 'sending' AND lease_until <= $2) \
           ORDER BY next_attempt_at LIMIT $3 {lock}) \
         RETURNING id, message_id, recipient, subject, body_text, attempts, list_unsubscribe, scrub_after_send, \
           candidate_id, consent_purpose"
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now + LEASE_MS).bind(now).bind(BATCH).fetch_all(db.pool()).await
}

/// Marks a delivered message sent and scrubs its stored copy: the body loses its tokens (its links stop being
/// readable from the database), the one-click unsubscribe URL goes, and a message meant to be forgotten loses
/// its recipient and text. False when the message was cancelled meanwhile (the person was erased while it was on
/// its way): then it is left as the erasure left it.
pub async fn mark_sent(db: &Db, row: &OutboxRow, now: i64) -> Result<bool, sqlx::Error> {
    let marked = sqlx::query(
        "UPDATE mail_outbox SET status = 'sent', sent_at = $1, lease_until = NULL, last_error = NULL, \
           list_unsubscribe = NULL, \
           recipient = CASE WHEN scrub_after_send = 1 THEN 'erased' ELSE recipient END, \
           subject = $4, body_text = CASE WHEN scrub_after_send = 1 THEN '' ELSE $2 END \
         WHERE id = $3 AND status = 'sending'",
    )
    .bind(now)
    .bind(without_tokens(&row.body_text))
    .bind(&row.id)
    .bind(without_tokens(&row.subject))
    .execute(db.pool())
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// Puts a failed message back in the queue with exponential backoff, or gives up after MAX_ATTEMPTS (and then
/// scrubs it as if sent: its links must not stay readable either). The error is kept without the address.
pub async fn mark_failed(db: &Db, row: &OutboxRow, error: &str, now: i64) -> Result<(), sqlx::Error> {
    let status = if row.attempts >= MAX_ATTEMPTS { "failed" } else { "queued" };
    let error: String = without_address(error, &row.recipient).chars().take(500).collect();
    sqlx::query(
        "UPDATE mail_outbox SET status = $1, next_attempt_at = $2, lease_until = NULL, last_error = $3, \
           body_text = CASE WHEN $1 = 'failed' THEN (CASE WHEN scrub_after_send = 1 THEN '' ELSE $4 END) ELSE body_text END, \
           recipient = CASE WHEN $1 = 'failed' AND scrub_after_send = 1 THEN 'erased' ELSE recipient END, \
           list_unsubscribe = CASE WHEN $1 = 'failed' THEN NULL ELSE list_unsubscribe END \
         WHERE id = $5 AND status = 'sending'",
    )
    .bind(status)
    .bind(now + backoff_ms(row.attempts))
    .bind(error)
    .bind(without_tokens(&row.body_text))
    .bind(&row.id)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub fn backoff_ms(attempts: i64) -> i64 {
    let exponent = attempts.clamp(1, 8) - 1;
    (30_000 * (1i64 << exponent)).min(3_600_000)
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub failed: usize,
    /// optional mail whose person withdrew the purpose, unsubscribed or was erased after it was queued
    pub withheld: usize,
}

/// What became of one leased message.
enum Outcome {
    Sent,
    Failed,
    Withheld,
    /// its lease lapsed while it waited in the batch and another worker has it now
    Taken,
}

/// Moves the lease of a message this worker still holds `by_ms` further on: false when it no longer holds it (the
/// lease lapsed and another worker claimed the message, which counted one more attempt).
pub async fn extend_lease(db: &Db, row: &OutboxRow, by_ms: i64) -> Result<bool, sqlx::Error> {
    let extended = sqlx::query(
        "UPDATE mail_outbox SET lease_until = lease_until + $1 WHERE id = $2 AND status = 'sending' AND attempts = $3",
    )
    .bind(by_ms)
    .bind(&row.id)
    .bind(row.attempts)
    .execute(db.pool())
    .await?;
    Ok(extended.rows_affected() == 1)
}

/// One pass of the worker: leases a batch and delivers it, up to `CONCURRENCY` messages at a time.
pub async fn deliver_due(db: &Db, mailer: &Mailer, now: i64) -> Result<DeliveryReport, sqlx::Error> {
    let rows = claim(db, now).await?;
    let claimed = std::time::Instant::now();
    let mut outcomes =
        stream::iter(rows).map(|row| deliver_one(db, mailer, row, claimed)).buffer_unordered(CONCURRENCY);
    let mut report = DeliveryReport::default();
    let mut first_error = None;
    while let Some(outcome) = outcomes.next().await {
        match outcome {
            Ok(Outcome::Sent) => report.sent += 1,
            Ok(Outcome::Failed) => report.failed += 1,
            Ok(Outcome::Withheld) => report.withheld += 1,
            Ok(Outcome::Taken) => {}
            // the others in flight finish and are marked; a row left leased is retried when its lease lapses
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

async fn deliver_one(
    db: &Db,
    mailer: &Mailer,
    row: OutboxRow,
    claimed: std::time::Instant,
) -> Result<Outcome, sqlx::Error> {
    // a message that waited long in its batch (a slow mail server) renews its lease before it goes, so that no
    // other worker sends it meanwhile; if the lease already went to another worker, it is theirs
    let waited = i64::try_from(claimed.elapsed().as_millis()).unwrap_or(i64::MAX / 2);
    if waited > LEASE_MS / 4 && !extend_lease(db, &row, waited).await? {
        return Ok(Outcome::Taken);
    }
    if !recheck::still_wanted(db, &row).await? {
        recheck::withhold(db, &row).await?;
        return Ok(Outcome::Withheld);
    }
    match mailer.send(&row).await {
        Ok(()) => {
            if !mark_sent(db, &row, now_ms()).await? {
                // erased while on its way: what the sink wrote goes too
                remove_sink_file(&mailer.data_dir, &row.id).await;
            }
            Ok(Outcome::Sent)
        }
        Err(error) => {
            let error = without_address(&error, &row.recipient);
            tracing::warn!(message_id = %row.message_id, attempts = row.attempts, %error, "mail delivery failed");
            mark_failed(db, &row, &error, now_ms()).await?;
            Ok(Outcome::Failed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff_ms(1), 30_000);
        assert_eq!(backoff_ms(2), 60_000);
        assert_eq!(backoff_ms(3), 120_000);
        assert_eq!(backoff_ms(20), 3_600_000);
    }
}
