//! The last check before an optional message leaves: the person's latest choice for its purpose is still
//! "granted", they have not unsubscribed, and they are not erased. A withdrawal that lands between the moment a
//! campaign or reminder queued a message and the moment the worker delivers it therefore stops it, whatever
//! order the two transactions committed in.
use super::OutboxRow;
use crate::backend::core::db::Db;
use crate::domain::without_tokens;

pub async fn still_wanted(db: &Db, row: &OutboxRow) -> Result<bool, sqlx::Error> {
    let (Some(candidate), Some(purpose)) = (&row.candidate_id, &row.consent_purpose) else { return Ok(true) };
    if purpose == "selection" {
        return Ok(true);
    }
    let wanted: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM candidates c WHERE c.id = $1 AND c.status = 'active' \
         AND (SELECT r.action FROM consent_records r WHERE r.candidate_id = c.id AND r.purpose = $2 \
              AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1) = 'granted' \
         AND NOT EXISTS (SELECT 1 FROM contact_preferences p WHERE p.candidate_id = c.id AND p.unsubscribed_at IS NOT NULL)",
    )
    .bind(candidate)
    .bind(purpose)
    .fetch_optional(db.pool())
    .await?;
    Ok(wanted.is_some())
}

/// Cancels a message that is no longer wanted; its links stop being readable like a sent one's.
pub async fn withhold(db: &Db, row: &OutboxRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_outbox SET status = 'cancelled', lease_until = NULL, list_unsubscribe = NULL, body_text = $1 \
         WHERE id = $2 AND status = 'sending'",
    )
    .bind(without_tokens(&row.body_text))
    .bind(&row.id)
    .execute(db.pool())
    .await?;
    Ok(())
}
