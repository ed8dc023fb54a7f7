//! Segments (`/admin/segments`): saved rule trees, counted and listed at the moment of use. The SQL a rule
//! becomes: `sql`.
pub mod sql;

use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::{new_id, Db};
use crate::backend::core::query::bind_params;
use crate::domain::segments::{Rule, SegmentMember, SegmentSummary};

const SUMMARY_COLUMNS: &str = "id, name_ja, name_en, preset, updated_at";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    name_ja: String,
    name_en: String,
    preset: Option<String>,
    updated_at: i64,
}

impl From<SummaryRow> for SegmentSummary {
    fn from(r: SummaryRow) -> Self {
        Self { id: r.id, name_ja: r.name_ja, name_en: r.name_en, preset: r.preset, updated_at: r.updated_at }
    }
}

/// Every saved segment, presets first.
pub async fn list(db: &Db) -> Result<Vec<SegmentSummary>, sqlx::Error> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM segments ORDER BY preset IS NULL, name_ja, id");
    let rows: Vec<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// A segment and its rule (None when there is no such segment or its stored rule no longer reads).
pub async fn get(db: &Db, id: &str) -> Result<Option<(SegmentSummary, Rule)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct SegmentRow {
        #[sqlx(flatten)]
        summary: SummaryRow,
        rule: String,
    }
    let sql = format!("SELECT {SUMMARY_COLUMNS}, rule FROM segments WHERE id = $1");
    let row: Option<SegmentRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db.pool()).await?;
    Ok(row.and_then(|row| Rule::from_json(&row.rule).map(|rule| (row.summary.into(), rule))))
}

/// How many active candidates the rule matches now.
pub async fn count(db: &Db, rule: &Rule, now: i64) -> Result<i64, sqlx::Error> {
    let (condition, params) = sql::condition(rule, now);
    let query = format!("SELECT COUNT(*) FROM candidates c WHERE {condition}");
    bind_params!(sqlx::query_scalar(sqlx::AssertSqlSafe(query)), params).fetch_one(db.pool()).await
}

/// How the engine runs [`count`] for the rule (its query plan, one line a step), for `kizuna bench segments`.
pub async fn count_plan(db: &Db, rule: &Rule, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let (condition, params) = sql::condition(rule, now);
    let count = format!("SELECT COUNT(*) FROM candidates c WHERE {condition}");
    if db.kind() == crate::backend::core::db::DbKind::Sqlite {
        let query = format!("EXPLAIN QUERY PLAN {count}");
        let rows: Vec<(i64, i64, i64, String)> =
            bind_params!(sqlx::query_as(sqlx::AssertSqlSafe(query)), params).fetch_all(db.pool()).await?;
        return Ok(rows.into_iter().map(|r| r.3).collect());
    }
    let query = format!("EXPLAIN {count}");
    bind_params!(sqlx::query_scalar(sqlx::AssertSqlSafe(query)), params).fetch_all(db.pool()).await
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: String,
    family_name: String,
    given_name: String,
    email: String,
    created_at: i64,
}

/// The newest `limit` members after the member `after` (keyset by creation time and id).
pub async fn members(
    db: &Db,
    rule: &Rule,
    now: i64,
    after: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<SegmentMember>, sqlx::Error> {
    let (mut condition, mut params) = sql::condition(rule, now);
    if let Some((created_at, id)) = after {
        let (t, i) = (params.int(created_at), params.text(id));
        condition.push_str(&format!(" AND (c.created_at < {t} OR (c.created_at = {t} AND c.id < {i}))"));
    }
    let limit = params.int(limit);
    let query = format!(
        "SELECT c.id, c.family_name, c.given_name, c.email, c.created_at FROM candidates c WHERE {condition} \
         ORDER BY c.created_at DESC, c.id DESC LIMIT {limit}"
    );
    let rows: Vec<MemberRow> =
        bind_params!(sqlx::query_as(sqlx::AssertSqlSafe(query)), params).fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|r| SegmentMember {
            name: format!("{} {}", r.family_name, r.given_name),
            id: r.id,
            email: r.email,
            created_at: r.created_at,
        })
        .collect())
}

/// Saves a new segment; returns its id.
pub async fn create(
    db: &Db,
    names: (String, String),
    rule: &Rule,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO segments (id, name_ja, name_en, rule, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(&id)
    .bind(&names.0)
    .bind(&names.1)
    .bind(rule.to_json())
    .bind(actor.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "segment_created", ("segment", Some(&id)), &names.1, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces a segment's names and rule; false when there is no such segment.
pub async fn update(
    db: &Db,
    id: &str,
    names: (String, String),
    rule: &Rule,
    actor: &Actor<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let updated =
        sqlx::query("UPDATE segments SET name_ja = $1, name_en = $2, rule = $3, updated_at = $4 WHERE id = $5")
            .bind(&names.0)
            .bind(&names.1)
            .bind(rule.to_json())
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if updated == 1 {
        audit::record(&mut tx, actor, "segment_saved", ("segment", Some(id)), &rule.to_json(), now).await?;
    }
    tx.commit().await?;
    Ok(updated == 1)
}

/// Deletes a segment; false when there is no such segment. One a campaign mails (its report names it) or an
/// automation uses as its condition is kept.
pub async fn delete(db: &Db, id: &str, actor: &Actor<'_>, now: i64) -> Result<bool, crate::domain::AppError> {
    let mut tx = db.begin().await?;
    let used: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM campaigns WHERE segment_id = $1) + (SELECT COUNT(*) FROM automations WHERE segment_id = $1)",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if used > 0 {
        return Err(crate::domain::AppError::field("segment", crate::i18n::Msg::ErrSegmentInUse));
    }
    let deleted = sqlx::query("DELETE FROM segments WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected();
    if deleted == 1 {
        audit::record(&mut tx, actor, "segment_deleted", ("segment", Some(id)), "", now).await?;
    }
    tx.commit().await?;
    Ok(deleted == 1)
}

/// What the builder's selects offer: tag names, decline reasons and events (id, label).
pub type Choices = (Vec<String>, Vec<(String, String)>, Vec<(String, String)>);

pub async fn choices(db: &Db, english: bool) -> Result<Choices, sqlx::Error> {
    let tags: Vec<String> = sqlx::query_scalar("SELECT name FROM tags ORDER BY name").fetch_all(db.pool()).await?;
    let label = if english { "label_en" } else { "label_ja" };
    let reasons: Vec<(String, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT id, {label} FROM decline_reasons ORDER BY side, {label}")))
            .fetch_all(db.pool())
            .await?;
    let events: Vec<(String, String)> =
        sqlx::query_as("SELECT id, title FROM events ORDER BY starts_at DESC LIMIT 200").fetch_all(db.pool()).await?;
    Ok((tags, reasons, events))
}
