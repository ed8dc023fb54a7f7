//! What is true of a person when a campaign step is due for them, read in the step's transaction: the facts
//! `domain::campaigns::decide` rules on.
use super::send::{Enrolment, Loaded};
use crate::backend::core::query::bind_params;
use crate::domain::campaigns::{step_due, CampaignKind, SendFacts, Step, StepAnchor};
use crate::domain::company_zone;
use sqlx::AnyConnection;

const MONTH_MS: i64 = 30 * 86_400_000;

/// What is true of the person now, read in the step's transaction.
pub async fn read(
    conn: &mut AnyConnection,
    campaign: &Loaded,
    step: &Step,
    enrolment: &Enrolment,
    active: bool,
    now: i64,
) -> Result<SendFacts, sqlx::Error> {
    let person = enrolment.candidate_id.as_str();
    let applied: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM applications WHERE candidate_id = $1 AND created_at >= $2")
            .bind(person)
            .bind(enrolment.enrolled_at)
            .fetch_one(&mut *conn)
            .await?;
    let latest: Option<String> = sqlx::query_scalar(
        "SELECT action FROM consent_records WHERE candidate_id = $1 AND purpose = $2 AND agency_id IS NULL \
         ORDER BY at DESC, id DESC LIMIT 1",
    )
    .bind(person)
    .bind(campaign.summary.purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let prefs: Option<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT unsubscribed_at, pause_until, monthly_cap FROM contact_preferences WHERE candidate_id = $1",
    )
    .bind(person)
    .fetch_optional(&mut *conn)
    .await?;
    let (unsubscribed, pause_until, monthly_cap) = prefs.unwrap_or_default();
    let recent_optional: i64 = match monthly_cap {
        Some(_) => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM mail_outbox WHERE candidate_id = $1 AND consent_purpose IS NOT NULL \
                 AND consent_purpose <> 'selection' AND status IN ('queued', 'sending', 'sent') AND created_at > $2",
            )
            .bind(person)
            .bind(now - MONTH_MS)
            .fetch_one(&mut *conn)
            .await?
        }
        None => 0,
    };
    let in_segment =
        if campaign.summary.kind == CampaignKind::Sequence && campaign.summary.exit_on_unmatch && step.position > 0 {
            let (condition, mut params) = crate::backend::segments::sql::condition(&campaign.rule, now);
            let p = params.text(person);
            let sql = format!("SELECT COUNT(*) FROM candidates c WHERE c.id = {p} AND {condition}");
            let found: i64 =
                bind_params!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), params).fetch_one(&mut *conn).await?;
            found > 0
        } else {
            true
        };
    let not_before = match step.anchor {
        StepAnchor::Previous => None,
        StepAnchor::Rejection => {
            // the last rejection, as the person's summary keeps it (`core::facts`)
            let rejected: Option<i64> = sqlx::query_scalar("SELECT last_rejected_at FROM candidates WHERE id = $1")
                .bind(person)
                .fetch_optional(&mut *conn)
                .await?
                .flatten();
            // never rejected: the step has no day (`decide` skips it)
            rejected.map(|at| step_due(at, step.delay, step.unit, &company_zone()))
        }
    };
    Ok(SendFacts {
        active,
        applied_since: applied > 0,
        consent: latest.as_deref() == Some("granted"),
        unsubscribed: unsubscribed.is_some(),
        pause_until,
        recent_optional,
        monthly_cap,
        in_segment,
        anchor_missing: step.anchor == StepAnchor::Rejection && not_before.is_none(),
        not_before,
    })
}
