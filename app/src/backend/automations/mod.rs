//! Automations (`/admin/automations`): the built-in rows, switched on and off by admins, with their run history.
//! What each one does when the worker passes: `scan`.
pub mod scan;

use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::{new_id, Db};
use crate::domain::automations::{Automation, AutomationKind, AutomationRun, AutomationSettings, RUNS_SHOWN};
use crate::domain::AppError;
use crate::i18n::Msg;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    enabled: i64,
    segment_id: Option<String>,
    delay_hours: i64,
    campaign_id: Option<String>,
    updated_at: i64,
}

fn to_automation(r: Row) -> Option<Automation> {
    Some(Automation {
        kind: AutomationKind::parse(&r.id)?,
        enabled: r.enabled == 1,
        segment_id: r.segment_id,
        delay_hours: r.delay_hours,
        campaign_id: r.campaign_id,
        updated_at: r.updated_at,
    })
}

/// Every automation in the order of `AutomationKind::ALL`, each with its newest runs.
pub async fn list(db: &Db) -> Result<Vec<(Automation, Vec<AutomationRun>)>, sqlx::Error> {
    let rows: Vec<Row> =
        sqlx::query_as("SELECT id, enabled, segment_id, delay_hours, campaign_id, updated_at FROM automations")
            .fetch_all(db.pool())
            .await?;
    let mut found: Vec<Automation> = rows.into_iter().filter_map(to_automation).collect();
    found.sort_by_key(|a| AutomationKind::ALL.iter().position(|k| *k == a.kind));
    let mut out = Vec::with_capacity(found.len());
    for automation in found {
        let runs = runs(db, automation.kind).await?;
        out.push((automation, runs));
    }
    Ok(out)
}

async fn runs(db: &Db, kind: AutomationKind) -> Result<Vec<AutomationRun>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct RunRow {
        at: i64,
        candidate_id: Option<String>,
        family_name: Option<String>,
        given_name: Option<String>,
        outcome: String,
        reason: Option<String>,
    }
    let rows: Vec<RunRow> = sqlx::query_as(
        "SELECT r.at, r.candidate_id, c.family_name, c.given_name, r.outcome, r.reason FROM automation_runs r \
         LEFT JOIN candidates c ON c.id = r.candidate_id WHERE r.automation_id = $1 ORDER BY r.at DESC, r.id DESC LIMIT $2",
    )
    .bind(kind.as_str())
    .bind(RUNS_SHOWN)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AutomationRun {
            at: r.at,
            candidate_id: r.candidate_id,
            candidate_name: format!("{} {}", r.family_name.unwrap_or_default(), r.given_name.unwrap_or_default())
                .trim()
                .to_owned(),
            outcome: r.outcome,
            reason: r.reason,
        })
        .collect())
}

/// One automation's settings, whether it is on and where its next pass starts.
pub async fn get(conn: &mut AnyConnection, kind: AutomationKind) -> Result<Option<Automation>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, enabled, segment_id, delay_hours, campaign_id, updated_at FROM automations WHERE id = $1",
    )
    .bind(kind.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(to_automation))
}

/// Whether an automation is switched on.
pub async fn enabled(conn: &mut AnyConnection, kind: AutomationKind) -> Result<bool, sqlx::Error> {
    Ok(get(conn, kind).await?.is_some_and(|a| a.enabled))
}

/// Switches an automation on (from now: what happened before is not acted on) or off. Switching the interview
/// reminder off also cancels the reminders already queued.
pub async fn switch(db: &Db, kind: AutomationKind, on: bool, actor: &Actor<'_>, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE automations SET enabled = $1, scanned_until = CASE WHEN $1 = 1 AND enabled = 0 THEN $2 ELSE scanned_until END, \
         updated_by = $3, updated_at = $2 WHERE id = $4",
    )
    .bind(i64::from(on))
    .bind(now)
    .bind(actor.id)
    .bind(kind.as_str())
    .execute(&mut *tx)
    .await?;
    if kind == AutomationKind::InterviewReminder && !on {
        sqlx::query(
            "UPDATE mail_outbox SET status = 'cancelled' WHERE kind = 'interview_reminder' AND status = 'queued'",
        )
        .execute(&mut *tx)
        .await?;
    }
    let action = if on { "automation_on" } else { "automation_off" };
    audit::record(&mut tx, actor, action, ("automation", Some(kind.as_str())), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes an automation's condition, delay and sequence.
pub async fn save(db: &Db, settings: &AutomationSettings, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if let Some(segment) = &settings.segment_id {
        let found: Option<String> =
            sqlx::query_scalar("SELECT id FROM segments WHERE id = $1").bind(segment).fetch_optional(&mut *tx).await?;
        if found.is_none() {
            return Err(AppError::field("segment_id", Msg::ErrRequired));
        }
    }
    if let Some(campaign) = &settings.campaign_id {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT id FROM campaigns WHERE id = $1 AND kind = 'sequence' AND status IN ('scheduled', 'running', 'done')",
        )
        .bind(campaign)
        .fetch_optional(&mut *tx)
        .await?;
        if found.is_none() {
            return Err(AppError::field("campaign_id", Msg::ErrRequired));
        }
    }
    sqlx::query(
        "UPDATE automations SET segment_id = $1, delay_hours = $2, campaign_id = $3, updated_by = $4, updated_at = $5 \
         WHERE id = $6",
    )
    .bind(&settings.segment_id)
    .bind(settings.delay_hours)
    .bind(&settings.campaign_id)
    .bind(actor.id)
    .bind(now)
    .bind(settings.kind.as_str())
    .execute(&mut *tx)
    .await?;
    let detail = format!(
        "segment {} delay {} sequence {}",
        settings.segment_id.as_deref().unwrap_or("-"),
        settings.delay_hours,
        settings.campaign_id.as_deref().unwrap_or("-")
    );
    audit::record(&mut tx, actor, "automation_saved", ("automation", Some(settings.kind.as_str())), &detail, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Sequences a person may be sent into (scheduled, running or finished: joining wakes a finished one): (id, name).
pub async fn sequences(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM campaigns WHERE kind = 'sequence' AND status IN ('scheduled', 'running', 'done') \
         ORDER BY created_at DESC, id DESC LIMIT 200",
    )
    .fetch_all(db.pool())
    .await
}

/// Claims the run of `kind` for a person and subject: false when it was claimed before (once per key, across
/// retries and servers).
pub async fn claim_run(
    conn: &mut AnyConnection,
    kind: AutomationKind,
    candidate_id: &str,
    subject: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO automation_runs (id, automation_id, candidate_id, subject_ref, outcome, at) \
         VALUES ($1, $2, $3, $4, 'started', $5) ON CONFLICT DO NOTHING",
    )
    .bind(new_id())
    .bind(kind.as_str())
    .bind(candidate_id)
    .bind(subject)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// What the claimed run did: `sent`, or `skipped` with a reason.
pub async fn finish_run(
    conn: &mut AnyConnection,
    kind: AutomationKind,
    candidate_id: &str,
    subject: &str,
    outcome: &str,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE automation_runs SET outcome = $1, reason = $2 WHERE automation_id = $3 AND candidate_id = $4 AND subject_ref = $5",
    )
    .bind(outcome)
    .bind(reason)
    .bind(kind.as_str())
    .bind(candidate_id)
    .bind(subject)
    .execute(conn)
    .await?;
    Ok(())
}
