//! The campaign worker. Each pass starts the campaigns that are due (enrolling who is in the segment then, in
//! one statement), then leases a batch of due enrolments and gives each person their step in a transaction of
//! its own: the facts are read, `domain::campaigns::decide` rules, and the outcome row (keyed by campaign, step
//! and person), the outbox message and the enrolment's next step commit together. A worker that dies leaves
//! leases that lapse; the key makes a second try, or a second server, a no-op.
use crate::backend::core::crypto::{random_token, sha256_hex};
use crate::backend::core::db::{Db, DbKind};
use crate::backend::core::mail::{self, OutgoingMail};
use crate::backend::core::query::bind_params;
use crate::backend::core::state::Config;
use crate::domain::campaigns::{
    decide, step_due, CampaignSummary, Decision, SkipReason, Step, StepAnchor, LINK_TARGETS,
};
use crate::domain::segments::Rule;
use crate::domain::{company_zone, render_template};
use crate::i18n::Lang;
use sqlx::AnyConnection;
use std::collections::HashMap;

pub const LEASE_MS: i64 = 2 * 60_000;
pub const BATCH: i64 = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkReport {
    pub enrolled: u64,
    pub sent: u64,
    pub skipped: u64,
    pub waiting: u64,
}

/// One pass: start what is due, then send one batch within the installation's rate.
pub async fn work(db: &Db, config: &Config, now: i64) -> Result<WorkReport, sqlx::Error> {
    let mut report = WorkReport { enrolled: launch_due(db, now).await?, ..WorkReport::default() };
    let sent_last_minute: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM campaign_sends WHERE outcome = 'sent' AND at > $1")
            .bind(now - 60_000)
            .fetch_one(db.pool())
            .await?;
    let budget = (config.send_rate - sent_last_minute).min(BATCH);
    if budget > 0 {
        let mut campaigns: HashMap<String, Option<Loaded>> = HashMap::new();
        for enrolment in claim(db, now, budget).await? {
            if !campaigns.contains_key(&enrolment.campaign_id) {
                let loaded = load(&mut *db.pool().acquire().await?, &enrolment.campaign_id).await?;
                campaigns.insert(enrolment.campaign_id.clone(), loaded);
            }
            let Some(Some(campaign)) = campaigns.get(&enrolment.campaign_id) else { continue };
            match give_step(db, config, campaign, &enrolment, now).await? {
                Decision::Send => report.sent += 1,
                Decision::Skip(_) => report.skipped += 1,
                Decision::Wait(_) => report.waiting += 1,
            }
        }
    }
    sqlx::query(
        "UPDATE campaigns SET status = 'done', updated_at = $1 WHERE status = 'running' AND NOT EXISTS \
         (SELECT 1 FROM campaign_enrolments e WHERE e.campaign_id = campaigns.id AND e.status = 'active')",
    )
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(report)
}

/// Starts the scheduled campaigns whose time has come: everyone the segment matches now is enrolled, their first
/// step due after its delay. Returns how many people were enrolled.
pub async fn launch_due(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let due: Vec<(String, i64)> = sqlx::query_as(
        "SELECT id, starts_at FROM campaigns WHERE status = 'scheduled' AND starts_at <= $1 ORDER BY starts_at LIMIT 10",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut enrolled = 0;
    for (id, starts_at) in due {
        let mut tx = db.begin().await?;
        let claimed = sqlx::query(
            "UPDATE campaigns SET status = 'running', updated_at = $1 WHERE id = $2 AND status = 'scheduled'",
        )
        .bind(now)
        .bind(&id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let Some(campaign) = load(&mut tx, &id).await? else { continue };
        if claimed != 1 {
            continue;
        }
        let first = &campaign.steps[0];
        let due_at = match first.anchor {
            StepAnchor::Previous => step_due(starts_at, first.delay, first.unit, &company_zone()),
            StepAnchor::Rejection => starts_at,
        };
        let (condition, mut params) = crate::backend::segments::sql::condition(&campaign.rule, now);
        let (c, d, n) = (params.text(id.as_str()), params.int(due_at), params.int(now));
        let sql = format!(
            "INSERT INTO campaign_enrolments (campaign_id, candidate_id, next_step, due_at, status, enrolled_at) \
             SELECT {c}, c.id, 0, {d}, 'active', {n} FROM candidates c WHERE {condition} ON CONFLICT DO NOTHING"
        );
        enrolled +=
            bind_params!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
    }
    Ok(enrolled)
}

/// A campaign as the worker needs it.
pub struct Loaded {
    pub summary: CampaignSummary,
    pub steps: Vec<Step>,
    pub rule: Rule,
}

async fn load(conn: &mut AnyConnection, id: &str) -> Result<Option<Loaded>, sqlx::Error> {
    let Some(summary) = super::get(&mut *conn, id).await? else { return Ok(None) };
    let rule: Option<String> = sqlx::query_scalar("SELECT rule FROM segments WHERE id = $1")
        .bind(&summary.segment_id)
        .fetch_optional(&mut *conn)
        .await?;
    let steps = super::steps(&mut *conn, id).await?;
    Ok(match rule.as_deref().and_then(Rule::from_json) {
        Some(rule) if !steps.is_empty() => Some(Loaded { summary, steps, rule }),
        _ => None,
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Enrolment {
    pub campaign_id: String,
    pub candidate_id: String,
    pub next_step: i64,
    pub enrolled_at: i64,
}

/// Leases up to `limit` due enrolments of running campaigns (lapsed leases included).
pub async fn claim(db: &Db, now: i64, limit: i64) -> Result<Vec<Enrolment>, sqlx::Error> {
    let lock = if db.kind() == DbKind::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE campaign_enrolments SET lease_until = $1 WHERE (campaign_id, candidate_id) IN \
         (SELECT campaign_id, candidate_id FROM campaign_enrolments WHERE status = 'active' AND due_at <= $2 \
          AND (lease_until IS NULL OR lease_until <= $2) ORDER BY due_at LIMIT $3 {lock}) \
         RETURNING campaign_id, candidate_id, next_step, enrolled_at"
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now + LEASE_MS).bind(now).bind(limit).fetch_all(db.pool()).await
}

/// Gives one person their due step, in one transaction.
pub async fn give_step(
    db: &Db,
    config: &Config,
    campaign: &Loaded,
    enrolment: &Enrolment,
    now: i64,
) -> Result<Decision, sqlx::Error> {
    let (id, person) = (enrolment.campaign_id.as_str(), enrolment.candidate_id.as_str());
    let mut tx = db.begin().await?;
    // still this person's due step of a running campaign (a cancel, an erasure or another worker may have come
    // first); the update also takes the row's write lock, so a cancel waits for this step to commit
    let current = sqlx::query(
        "UPDATE campaign_enrolments SET lease_until = lease_until WHERE campaign_id = $1 AND candidate_id = $2 \
         AND status = 'active' AND next_step = $3 \
         AND EXISTS (SELECT 1 FROM campaigns k WHERE k.id = $1 AND k.status = 'running')",
    )
    .bind(id)
    .bind(person)
    .bind(enrolment.next_step)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if current != 1 {
        return Ok(Decision::Skip(SkipReason::Cancelled));
    }
    if db.kind() == DbKind::Postgres {
        // an erasure locks the person first: it waits for this step, or this step sees the tombstone
        sqlx::query("SELECT id FROM candidates WHERE id = $1 FOR UPDATE").bind(person).execute(&mut *tx).await?;
    }
    let Some(step) = campaign.steps.iter().find(|s| s.position == enrolment.next_step) else {
        finish(&mut tx, enrolment, "done", None).await?;
        tx.commit().await?;
        return Ok(Decision::Skip(SkipReason::Cancelled));
    };
    let contact = crate::backend::people::contact(&mut tx, person).await?;
    let facts = super::facts::read(&mut tx, campaign, step, enrolment, contact.is_some(), now).await?;
    let decision = decide(&facts, now, config.quiet_hours, &company_zone());
    let decision = match (decision, contact) {
        (Decision::Wait(at), _) => {
            sqlx::query(
                "UPDATE campaign_enrolments SET due_at = $1, lease_until = NULL WHERE campaign_id = $2 AND candidate_id = $3",
            )
            .bind(at)
            .bind(id)
            .bind(person)
            .execute(&mut *tx)
            .await?;
            decision
        }
        (Decision::Skip(reason), _) => skip(&mut tx, campaign, enrolment, step, reason, now).await?,
        (Decision::Send, None) => skip(&mut tx, campaign, enrolment, step, SkipReason::Erased, now).await?,
        (Decision::Send, Some(contact)) => {
            let key = random_token();
            if record(&mut tx, enrolment, step, "sent", None, Some(&sha256_hex(&key)), now).await? {
                let links: Vec<(&str, String)> = LINK_TARGETS
                    .iter()
                    .map(|(field, target, _)| (*field, format!("{}/go/{key}/{target}", config.base_url)))
                    .collect();
                let (subject, body_text) = render(step, contact.lang(), &contact.name(), &links);
                let message = OutgoingMail {
                    to: &contact.email,
                    candidate_id: Some(person),
                    kind: "campaign",
                    lang: contact.lang(),
                    subject,
                    body_text,
                    consent_purpose: Some(campaign.summary.purpose),
                };
                let message_id = mail::enqueue_optional(&mut tx, &message, config, now).await?;
                sqlx::query(
                    "UPDATE campaign_sends SET message_id = $1 WHERE campaign_id = $2 AND position = $3 AND candidate_id = $4",
                )
                .bind(&message_id)
                .bind(id)
                .bind(step.position)
                .bind(person)
                .execute(&mut *tx)
                .await?;
            }
            advance(&mut tx, campaign, enrolment, now).await?;
            decision
        }
    };
    tx.commit().await?;
    Ok(decision)
}

/// Records a skipped step; the person leaves the sequence unless only this step was skipped (the cap).
async fn skip(
    conn: &mut AnyConnection,
    campaign: &Loaded,
    enrolment: &Enrolment,
    step: &Step,
    reason: SkipReason,
    now: i64,
) -> Result<Decision, sqlx::Error> {
    record(&mut *conn, enrolment, step, "skipped", Some(reason), None, now).await?;
    if reason.exits() {
        finish(conn, enrolment, "exited", Some(reason)).await?;
    } else {
        advance(conn, campaign, enrolment, now).await?;
    }
    Ok(Decision::Skip(reason))
}

/// Writes the step's outcome for the person; false when it was already written (another worker, a retry).
async fn record(
    conn: &mut AnyConnection,
    enrolment: &Enrolment,
    step: &Step,
    outcome: &str,
    reason: Option<SkipReason>,
    click_key: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO campaign_sends (campaign_id, position, candidate_id, outcome, reason, click_key, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(&enrolment.campaign_id)
    .bind(step.position)
    .bind(&enrolment.candidate_id)
    .bind(outcome)
    .bind(reason.map(|r| r.as_str()))
    .bind(click_key)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The next step becomes due (its delay counted from now), or the person is done.
async fn advance(
    conn: &mut AnyConnection,
    campaign: &Loaded,
    enrolment: &Enrolment,
    now: i64,
) -> Result<(), sqlx::Error> {
    let next = campaign.steps.iter().find(|s| s.position == enrolment.next_step + 1);
    let Some(next) = next else { return finish(conn, enrolment, "done", None).await };
    let due = match next.anchor {
        StepAnchor::Previous => step_due(now, next.delay, next.unit, &company_zone()),
        StepAnchor::Rejection => now,
    };
    sqlx::query(
        "UPDATE campaign_enrolments SET next_step = $1, due_at = $2, lease_until = NULL \
         WHERE campaign_id = $3 AND candidate_id = $4 AND next_step = $5",
    )
    .bind(next.position)
    .bind(due)
    .bind(&enrolment.campaign_id)
    .bind(&enrolment.candidate_id)
    .bind(enrolment.next_step)
    .execute(conn)
    .await?;
    Ok(())
}

async fn finish(
    conn: &mut AnyConnection,
    enrolment: &Enrolment,
    status: &str,
    reason: Option<SkipReason>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE campaign_enrolments SET status = $1, exit_reason = $2, lease_until = NULL \
         WHERE campaign_id = $3 AND candidate_id = $4 AND status = 'active'",
    )
    .bind(status)
    .bind(reason.map(|r| r.as_str()))
    .bind(&enrolment.campaign_id)
    .bind(&enrolment.candidate_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A step's subject and text for a person: their name, and each link as `links` gives it.
pub fn render(step: &Step, lang: Lang, name: &str, links: &[(&str, String)]) -> (String, String) {
    let mut values: Vec<(&str, &str)> = vec![("name", name)];
    values.extend(links.iter().map(|(field, url)| (*field, url.as_str())));
    let subject = render_template(step.subject(lang), &values);
    let body = format!("{}{}", render_template(step.body(lang), &values), crate::backend::templates::FOOTER);
    (subject, body)
}
