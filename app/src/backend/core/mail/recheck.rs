//! The last check before an optional message leaves: the person's latest choice for its purpose is still
//! "granted", they have not unsubscribed, and they are not erased. A withdrawal that lands between the moment a
//! campaign or reminder queued a message and the moment the worker delivers it therefore stops it, whatever
//! order the two transactions committed in.
use super::OutboxRow;
use crate::backend::core::db::Db;
use crate::backend::core::facts;
use crate::domain::{without_tokens, ConsentPurpose};

pub async fn still_wanted(db: &Db, row: &OutboxRow) -> Result<bool, sqlx::Error> {
    let (Some(candidate), Some(purpose)) = (&row.candidate_id, &row.consent_purpose) else { return Ok(true) };
    if purpose == "selection" {
        return Ok(true);
    }
    // an unknown purpose is never granted: the message stays
    let granted = ConsentPurpose::parse(purpose).map_or("1 = 0", facts::granted);
    let sql = format!(
        "SELECT 1 FROM candidates c WHERE c.id = $1 AND c.status = 'active' AND {granted} \
         AND NOT EXISTS (SELECT 1 FROM contact_preferences p WHERE p.candidate_id = c.id AND p.unsubscribed_at IS NOT NULL)"
    );
    let wanted: Option<i64> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(candidate).fetch_optional(db.pool()).await?;
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
