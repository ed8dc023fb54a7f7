//! Campaigns (`/admin/campaigns`): a segment, a purpose and steps of wording. Drafting: here; scheduling, the
//! audience count, previews and test sends: `plan`; the worker that enrols and sends: `send`; the numbers:
//! `report`.
mod facts;
pub mod plan;
pub mod report;
pub mod send;

use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::{new_id, Db};
use crate::domain::campaigns::{
    CampaignKind, CampaignSettings, CampaignStatus, CampaignSummary, DelayUnit, Step, StepAnchor, MAX_STEPS,
};
use crate::domain::{AppError, ConsentPurpose};
use crate::i18n::Msg;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    name: String,
    kind: String,
    status: String,
    segment_id: String,
    name_ja: String,
    name_en: String,
    purpose: String,
    exit_on_unmatch: i64,
    starts_at: Option<i64>,
    sent: i64,
    created_at: i64,
}

const SUMMARY: &str = "SELECT k.id, k.name, k.kind, k.status, k.segment_id, s.name_ja, s.name_en, k.purpose, \
     k.exit_on_unmatch, k.starts_at, k.created_at, \
     (SELECT COUNT(*) FROM campaign_sends x WHERE x.campaign_id = k.id AND x.outcome = 'sent') AS sent \
     FROM campaigns k JOIN segments s ON s.id = k.segment_id";

impl From<SummaryRow> for CampaignSummary {
    fn from(r: SummaryRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            kind: CampaignKind::parse(&r.kind).unwrap_or(CampaignKind::OneOff),
            status: CampaignStatus::parse(&r.status).unwrap_or(CampaignStatus::Draft),
            segment_id: r.segment_id,
            segment_name: (r.name_ja, r.name_en),
            purpose: ConsentPurpose::parse(&r.purpose).unwrap_or(ConsentPurpose::JobNews),
            exit_on_unmatch: r.exit_on_unmatch == 1,
            starts_at: r.starts_at,
            sent: r.sent,
            created_at: r.created_at,
        }
    }
}

/// Every campaign, newest first.
pub async fn list(db: &Db) -> Result<Vec<CampaignSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY} ORDER BY k.created_at DESC, k.id DESC LIMIT 500");
    let rows: Vec<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn get(conn: &mut AnyConnection, id: &str) -> Result<Option<CampaignSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY} WHERE k.id = $1");
    let row: Option<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    Ok(row.map(Into::into))
}

#[derive(sqlx::FromRow)]
struct StepRow {
    position: i64,
    delay: i64,
    unit: String,
    anchor: String,
    subject_ja: String,
    body_ja: String,
    subject_en: String,
    body_en: String,
}

/// A campaign's steps in order.
pub async fn steps(conn: &mut AnyConnection, id: &str) -> Result<Vec<Step>, sqlx::Error> {
    let rows: Vec<StepRow> = sqlx::query_as(
        "SELECT position, delay, unit, anchor, subject_ja, body_ja, \
         subject_en, body_en FROM campaign_steps WHERE campaign_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Step {
            position: r.position,
            delay: r.delay,
            unit: DelayUnit::parse(&r.unit).unwrap_or(DelayUnit::Days),
            anchor: StepAnchor::parse(&r.anchor).unwrap_or(StepAnchor::Previous),
            subject_ja: r.subject_ja,
            body_ja: r.body_ja,
            subject_en: r.subject_en,
            body_en: r.body_en,
        })
        .collect())
}

async fn segment_exists(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM segments WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(found.is_some())
}

/// A new draft with one step of starter wording; returns its id.
pub async fn create(db: &Db, settings: &CampaignSettings, actor: &Actor<'_>, now: i64) -> Result<String, AppError> {
    let mut tx = db.begin().await?;
    if !segment_exists(&mut tx, &settings.segment_id).await? {
        return Err(AppError::field("segment_id", Msg::ErrRequired));
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO campaigns (id, name, kind, segment_id, purpose, exit_on_unmatch, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $8)",
    )
    .bind(&id)
    .bind(&settings.name)
    .bind(settings.kind.as_str())
    .bind(&settings.segment_id)
    .bind(settings.purpose.as_str())
    .bind(i64::from(settings.exit_on_unmatch))
    .bind(actor.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    insert_step(&mut tx, &id, &Step::starter(0)).await?;
    audit::record(&mut tx, actor, "campaign_created", ("campaign", Some(&id)), &settings.name, now).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_step(conn: &mut AnyConnection, id: &str, step: &Step) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO campaign_steps (campaign_id, position, delay, unit, anchor, subject_ja, body_ja, subject_en, body_en) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(step.position)
    .bind(step.delay)
    .bind(step.unit.as_str())
    .bind(step.anchor.as_str())
    .bind(&step.subject_ja)
    .bind(&step.body_ja)
    .bind(&step.subject_en)
    .bind(&step.body_en)
    .execute(conn)
    .await?;
    Ok(())
}

/// The campaign, only while it is a draft (what has been scheduled is no longer edited: its report would lie).
async fn draft(conn: &mut AnyConnection, id: &str) -> Result<CampaignSummary, AppError> {
    let campaign = get(conn, id).await?.ok_or(AppError::NotFound)?;
    if campaign.status != CampaignStatus::Draft {
        return Err(AppError::field("campaign", Msg::ErrCampaignNotDraft));
    }
    Ok(campaign)
}

/// Changes a draft's name, kind, segment and purpose.
pub async fn save_settings(
    db: &Db,
    id: &str,
    settings: &CampaignSettings,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    draft(&mut tx, id).await?;
    if !segment_exists(&mut tx, &settings.segment_id).await? {
        return Err(AppError::field("segment_id", Msg::ErrRequired));
    }
    sqlx::query(
        "UPDATE campaigns SET name = $1, kind = $2, segment_id = $3, purpose = $4, exit_on_unmatch = $5, updated_at = $6 \
         WHERE id = $7 AND status = 'draft'",
    )
    .bind(&settings.name)
    .bind(settings.kind.as_str())
    .bind(&settings.segment_id)
    .bind(settings.purpose.as_str())
    .bind(i64::from(settings.exit_on_unmatch))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if settings.kind == CampaignKind::OneOff {
        // a one-off has one step: what a sequence had after it goes
        sqlx::query("DELETE FROM campaign_steps WHERE campaign_id = $1 AND position > 0")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(&mut tx, actor, "campaign_saved", ("campaign", Some(id)), &settings.name, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Saves a draft's step.
pub async fn save_step(db: &Db, id: &str, step: &Step, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    draft(&mut tx, id).await?;
    let updated = sqlx::query(
        "UPDATE campaign_steps SET delay = $1, unit = $2, anchor = $3, subject_ja = $4, body_ja = $5, subject_en = $6, \
         body_en = $7 WHERE campaign_id = $8 AND position = $9",
    )
    .bind(step.delay)
    .bind(step.unit.as_str())
    .bind(step.anchor.as_str())
    .bind(&step.subject_ja)
    .bind(&step.body_ja)
    .bind(&step.subject_en)
    .bind(&step.body_en)
    .bind(id)
    .bind(step.position)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "campaign_step_saved", ("campaign", Some(id)), &step.position.to_string(), now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a step at the end of a draft sequence.
pub async fn add_step(db: &Db, id: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let campaign = draft(&mut tx, id).await?;
    let count = steps(&mut tx, id).await?.len();
    if campaign.kind != CampaignKind::Sequence || count >= MAX_STEPS {
        return Err(AppError::field("campaign", Msg::ErrTooManySteps));
    }
    insert_step(&mut tx, id, &Step::starter(count as i64)).await?;
    audit::record(&mut tx, actor, "campaign_step_added", ("campaign", Some(id)), &count.to_string(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a draft's step (not its only one); the steps after it move up.
pub async fn remove_step(db: &Db, id: &str, position: i64, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    draft(&mut tx, id).await?;
    if steps(&mut tx, id).await?.len() <= 1 {
        return Err(AppError::field("campaign", Msg::ErrLastStep));
    }
    let deleted = sqlx::query("DELETE FROM campaign_steps WHERE campaign_id = $1 AND position = $2")
        .bind(id)
        .bind(position)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted != 1 {
        return Err(AppError::NotFound);
    }
    sqlx::query("UPDATE campaign_steps SET position = position - 1 WHERE campaign_id = $1 AND position > $2")
        .bind(id)
        .bind(position)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, actor, "campaign_step_removed", ("campaign", Some(id)), &position.to_string(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a draft (what has been scheduled stays, with its report).
pub async fn delete(db: &Db, id: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    draft(&mut tx, id).await?;
    sqlx::query("DELETE FROM campaign_steps WHERE campaign_id = $1").bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM campaigns WHERE id = $1").bind(id).execute(&mut *tx).await?;
    audit::record(&mut tx, actor, "campaign_deleted", ("campaign", Some(id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}
