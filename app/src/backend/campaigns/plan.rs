//! Before a campaign goes: how many people it would mail, its steps filled in for a real candidate, a test send
//! to the recruiter's own address; then scheduling it, or cancelling it while it runs.
use super::send::render;
use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::Db;
use crate::backend::core::mail::{self, OutgoingMail};
use crate::backend::core::query::bind_params;
use crate::backend::core::ratelimit;
use crate::backend::core::state::Config;
use crate::domain::campaigns::{CampaignStatus, CampaignSummary, Preview, Step, LINK_TARGETS};
use crate::domain::segments::Rule;
use crate::domain::{AppError, Email};
use crate::i18n::{Lang, Msg};

/// Test sends one recruiter may make in an hour.
pub const TEST_SENDS_PER_HOUR: i64 = 20;

async fn rule_of(db: &Db, campaign: &CampaignSummary) -> Result<Rule, AppError> {
    let found = crate::backend::segments::get(db, &campaign.segment_id).await?;
    Ok(found.ok_or(AppError::NotFound)?.1)
}

/// (people in the campaign's segment now, of them those who may be mailed for its purpose now: consent granted,
/// not unsubscribed, not paused; the monthly cap and quiet hours are applied when each mail goes).
pub async fn audience(db: &Db, campaign: &CampaignSummary, now: i64) -> Result<(i64, i64), AppError> {
    let rule = rule_of(db, campaign).await?;
    let in_segment = crate::backend::segments::count(db, &rule, now).await?;
    let (condition, mut params) = crate::backend::segments::sql::condition(&rule, now);
    let granted = crate::backend::core::facts::granted(campaign.purpose);
    let at = params.int(now);
    let sql = format!(
        "SELECT COUNT(*) FROM candidates c WHERE {condition} AND {granted} \
         AND NOT EXISTS (SELECT 1 FROM contact_preferences p WHERE p.candidate_id = c.id \
              AND (p.unsubscribed_at IS NOT NULL OR p.pause_until > {at}))"
    );
    let may_mail: i64 = bind_params!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), params).fetch_one(db.pool()).await?;
    Ok((in_segment, may_mail))
}

/// Schedules a draft to start at `starts_at` (now, if that has passed).
pub async fn schedule(db: &Db, id: &str, starts_at: i64, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let starts_at = starts_at.max(now);
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE campaigns SET status = 'scheduled', starts_at = $1, updated_at = $2 WHERE id = $3 AND status = 'draft'",
    )
    .bind(starts_at)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        let exists = super::get(&mut tx, id).await?.is_some();
        return Err(if exists { AppError::field("campaign", Msg::ErrCampaignNotDraft) } else { AppError::NotFound });
    }
    let detail = crate::domain::format_datetime(starts_at);
    audit::record(&mut tx, actor, "campaign_scheduled", ("campaign", Some(id)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Stops a scheduled or running campaign: no one gets another step (what the outbox already holds goes out).
pub async fn cancel(db: &Db, id: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE campaigns SET status = 'cancelled', updated_at = $1 WHERE id = $2 AND status IN ('scheduled', 'running')",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Err(AppError::NotFound);
    }
    sqlx::query(
        "UPDATE campaign_enrolments SET status = 'exited', exit_reason = 'cancelled', lease_until = NULL \
         WHERE campaign_id = $1 AND status = 'active'",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "campaign_cancelled", ("campaign", Some(id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Links as a preview or test shows them: to the real pages, without a click key (nothing is counted).
fn plain_links(config: &Config) -> Vec<(&'static str, String)> {
    LINK_TARGETS.iter().map(|(field, _, path)| (*field, format!("{}{path}", config.base_url))).collect()
}

/// Every step filled in for the active candidate with this address, in their language: (their name, steps).
pub async fn preview(
    db: &Db,
    config: &Config,
    steps: &[Step],
    email: &str,
    actor: &Actor<'_>,
) -> Result<Option<Preview>, sqlx::Error> {
    let Ok(email) = Email::parse(email) else { return Ok(None) };
    let id: Option<String> = sqlx::query_scalar("SELECT id FROM candidates WHERE email = $1 AND status = 'active'")
        .bind(email.as_str())
        .fetch_optional(db.pool())
        .await?;
    let Some(id) = id else { return Ok(None) };
    let Some(person) = crate::backend::people::contact(&mut *db.pool().acquire().await?, &id).await? else {
        return Ok(None);
    };
    audit::record_alone(db, actor, "campaign_previewed", ("candidate", Some(&id)), "").await?;
    let links = plain_links(config);
    let filled = steps
        .iter()
        .map(|step| {
            let (subject, body) = render(step, person.lang(), &person.name(), &links);
            (step.position, subject, body)
        })
        .collect();
    Ok(Some((person.full_name(), filled)))
}

/// Sends every step, in `lang`, to the acting recruiter's own address (never to a candidate), marked as a test.
pub async fn test_send(
    db: &Db,
    config: &Config,
    campaign: &CampaignSummary,
    steps: &[Step],
    lang: Lang,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let user_id = actor.id.unwrap_or_default();
    let mut tx = db.begin().await?;
    if !ratelimit::allow(&mut tx, &format!("campaign-test:{user_id}"), TEST_SENDS_PER_HOUR, 3_600_000, now).await? {
        tx.commit().await?;
        return Err(AppError::RateLimited);
    }
    let (email, display_name): (String, String) =
        sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1").bind(user_id).fetch_one(&mut *tx).await?;
    let links = plain_links(config);
    for step in steps {
        let (subject, body_text) = render(step, lang, &display_name, &links);
        let test = OutgoingMail {
            to: &email,
            candidate_id: None,
            kind: "campaign_test",
            lang,
            subject: format!("[{}] {subject}", Msg::CampaignTestMark.text(lang)),
            body_text,
            consent_purpose: None,
        };
        mail::enqueue(&mut tx, &test, &config.mail_domain(), now).await?;
    }
    audit::record(&mut tx, actor, "campaign_test_sent", ("campaign", Some(&campaign.id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the campaign can still be drafted (the page shows its forms only then).
pub fn editable(campaign: &CampaignSummary) -> bool {
    campaign.status == CampaignStatus::Draft
}
