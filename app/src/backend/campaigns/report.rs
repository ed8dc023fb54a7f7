//! What a campaign did, per step: everyone the step reached, skipped by reason, sent, failed, clicked,
//! unsubscribed, and applied within 30 days of the mail (attributed to the campaign). And the click redirect.
use crate::backend::core::crypto::sha256_hex;
use crate::backend::core::db::{new_id, Db};
use crate::domain::campaigns::{CampaignReport, SkipReason, StepReport, LINK_TARGETS};

const ATTRIBUTION_MS: i64 = 30 * 86_400_000;

pub async fn report(db: &Db, id: &str) -> Result<CampaignReport, sqlx::Error> {
    let (enrolled, waiting): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0) \
         FROM campaign_enrolments WHERE campaign_id = $1",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await?;
    let outcomes: Vec<(i64, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT position, outcome, reason, COUNT(*) FROM campaign_sends WHERE campaign_id = $1 \
         GROUP BY position, outcome, reason ORDER BY position",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let followed: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.position, \
           COALESCE(SUM(CASE WHEN m.status = 'failed' THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM campaign_clicks k WHERE k.campaign_id = s.campaign_id \
             AND k.position = s.position AND k.candidate_id = s.candidate_id) THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN p.unsubscribed_at >= s.at THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = s.candidate_id \
             AND a.created_at >= s.at AND a.created_at <= s.at + $2) THEN 1 ELSE 0 END), 0) \
         FROM campaign_sends s LEFT JOIN mail_outbox m ON m.message_id = s.message_id \
         LEFT JOIN contact_preferences p ON p.candidate_id = s.candidate_id \
         WHERE s.campaign_id = $1 AND s.outcome = 'sent' GROUP BY s.position",
    )
    .bind(id)
    .bind(ATTRIBUTION_MS)
    .fetch_all(db.pool())
    .await?;
    let applied: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT s.candidate_id) FROM campaign_sends s WHERE s.campaign_id = $1 AND s.outcome = 'sent' \
         AND EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = s.candidate_id \
           AND a.created_at >= s.at AND a.created_at <= s.at + $2)",
    )
    .bind(id)
    .bind(ATTRIBUTION_MS)
    .fetch_one(db.pool())
    .await?;
    let mut steps: Vec<StepReport> = Vec::new();
    for (position, outcome, reason, count) in outcomes {
        if steps.last().is_none_or(|s| s.position != position) {
            steps.push(StepReport { position, ..StepReport::default() });
        }
        let step = steps.last_mut().expect("pushed above");
        step.eligible += count;
        match (outcome.as_str(), reason.as_deref().and_then(SkipReason::parse)) {
            ("sent", _) => step.sent += count,
            (_, Some(reason)) => step.skipped.push((reason, count)),
            _ => {}
        }
    }
    for (position, failed, clicked, unsubscribed, applied) in followed {
        if let Some(step) = steps.iter_mut().find(|s| s.position == position) {
            step.failed = failed;
            step.clicked = clicked;
            step.unsubscribed = unsubscribed;
            step.applied = applied;
        }
    }
    Ok(CampaignReport { enrolled, waiting, steps, applied })
}

/// Records that a sent mail's link to `target` was followed (nothing, for a key that is no sent mail's).
pub async fn click(db: &Db, key: &str, target: &str, now: i64) -> Result<(), sqlx::Error> {
    if key.len() != 64
        || !key.bytes().all(|b| b.is_ascii_hexdigit())
        || !LINK_TARGETS.iter().any(|(_, t, _)| *t == target)
    {
        return Ok(());
    }
    let send: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT campaign_id, position, candidate_id FROM campaign_sends WHERE click_key = $1 AND outcome = 'sent'",
    )
    .bind(sha256_hex(&key.to_ascii_lowercase()))
    .fetch_optional(db.pool())
    .await?;
    if let Some((campaign, position, candidate)) = send {
        sqlx::query(
            "INSERT INTO campaign_clicks (id, campaign_id, position, candidate_id, target, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new_id())
        .bind(campaign)
        .bind(position)
        .bind(candidate)
        .bind(target)
        .bind(now)
        .execute(db.pool())
        .await?;
    }
    Ok(())
}
