//! Jobs and the pipeline: applications move applied → screening → interview → offer → hired; rejected and
//! withdrawn are outcomes. Every move is recorded with its time and author.
use super::audit::{self, Actor};
use super::db::{new_id, Db};
use crate::domain::{AppError, Job, JobInput, PipelineCard, Stage, StageMove, MAX_JOB_DESCRIPTION_CHARS};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;

/// Moves an open application to another stage.
pub async fn move_stage(db: &Db, application_id: &str, to: Stage, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let found: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT candidate_id, stage, outcome FROM applications WHERE id = $1")
            .bind(application_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (candidate_id, from, outcome) = found.ok_or(AppError::NotFound)?;
    if outcome.is_some() {
        return Err(AppError::field("stage", Msg::ErrApplicationClosed));
    }
    if from == to.as_str() {
        return Err(AppError::field("stage", Msg::ErrSameStage));
    }
    // the WHERE makes two recruiters moving at once record one move, not two from the same stage
    let updated = sqlx::query(
        "UPDATE applications SET stage = $1, updated_at = $2 WHERE id = $3 AND stage = $4 AND outcome IS NULL",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(application_id)
    .bind(&from)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    record_transition(&mut tx, application_id, Some(&from), to.as_str(), None, actor.id, now).await?;
    let detail = format!("application {application_id} {from} -> {}", to.as_str());
    audit::record(&mut tx, actor, "stage_moved", ("candidate", Some(&candidate_id)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Appends one move to an application's history (the append-only `stage_transitions`); an outcome (rejected,
/// withdrawn) is recorded as a move that stays on the same stage.
pub async fn record_transition(
    conn: &mut AnyConnection,
    application_id: &str,
    from: Option<&str>,
    to: &str,
    outcome: Option<&str>,
    actor_id: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, outcome, actor_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(application_id)
    .bind(from)
    .bind(to)
    .bind(outcome)
    .bind(actor_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records that the candidate withdrew an open application, with a candidate-side reason.
pub async fn withdraw(
    db: &Db,
    application_id: &str,
    reason_id: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let reason: Option<String> =
        sqlx::query_scalar("SELECT id FROM decline_reasons WHERE id = $1 AND side = 'candidate' AND status = 'active'")
            .bind(reason_id)
            .fetch_optional(&mut *tx)
            .await?;
    if reason.is_none() {
        return Err(AppError::field("reason_id", Msg::ErrChooseReason));
    }
    let found: Option<(String, String)> = sqlx::query_as(
        "SELECT candidate_id, stage FROM applications WHERE id = $1 AND outcome IS NULL AND stage <> 'hired'",
    )
    .bind(application_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((candidate_id, stage)) = found else { return Err(AppError::field("stage", Msg::ErrApplicationClosed)) };
    sqlx::query(
        "UPDATE applications SET outcome = 'withdrawn', decline_reason_id = $1, updated_at = $2 WHERE id = $3 AND outcome IS NULL",
    )
    .bind(reason_id)
    .bind(now)
    .bind(application_id)
    .execute(&mut *tx)
    .await?;
    record_transition(&mut tx, application_id, Some(&stage), &stage, Some("withdrawn"), actor.id, now).await?;
    let detail = format!("application {application_id} reason {reason_id}");
    audit::record(&mut tx, actor, "withdrawn", ("candidate", Some(&candidate_id)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Every move of an application, oldest first, with who made it.
pub async fn history(conn: &mut AnyConnection, application_id: &str) -> Result<Vec<StageMove>, sqlx::Error> {
    type MoveRow = (Option<String>, String, Option<String>, Option<String>, i64);
    let rows: Vec<MoveRow> = sqlx::query_as(
        "SELECT t.from_stage, t.to_stage, t.outcome, u.display_name, t.at FROM stage_transitions t \
         LEFT JOIN users u ON u.id = t.actor_id WHERE t.application_id = $1 ORDER BY t.at, t.id",
    )
    .bind(application_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(from, to, outcome, author, at)| StageMove {
            from: from.as_deref().and_then(Stage::parse),
            to: Stage::parse(&to).unwrap_or(Stage::Applied),
            outcome: outcome.as_deref().and_then(crate::domain::Outcome::parse),
            author,
            at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: String,
    title_ja: String,
    title_en: String,
    department: String,
    location: String,
    employment_type: String,
    status: String,
    description_ja: String,
    description_en: String,
    applications: i64,
}

impl From<JobRow> for Job {
    fn from(r: JobRow) -> Self {
        Job {
            id: r.id,
            title_ja: r.title_ja,
            title_en: r.title_en,
            department: r.department,
            location: r.location,
            employment_type: r.employment_type,
            open: r.status == "open",
            description_ja: r.description_ja,
            description_en: r.description_en,
            applications: r.applications,
        }
    }
}

const JOB_SELECT: &str = "SELECT j.id, j.title_ja, j.title_en, j.department, j.location, j.employment_type, j.status, \
     j.description_ja, j.description_en, (SELECT COUNT(*) FROM applications a WHERE a.job_id = j.id) AS applications \
     FROM jobs j";

pub async fn jobs(db: &Db) -> Result<Vec<Job>, sqlx::Error> {
    let sql = format!("{JOB_SELECT} ORDER BY j.status DESC, j.title_ja, j.id");
    let rows: Vec<JobRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(Job::from).collect())
}

pub async fn job(db: &Db, id: &str) -> Result<Option<Job>, sqlx::Error> {
    let sql = format!("{JOB_SELECT} WHERE j.id = $1");
    let row: Option<JobRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db.pool()).await?;
    Ok(row.map(Job::from))
}

/// Creates (no id) or updates a job, after the same checks for both.
pub async fn save_job(
    db: &Db,
    id: Option<&str>,
    input: &JobInput,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
    let valid = input.validate(MAX_JOB_DESCRIPTION_CHARS)?;
    let mut tx = db.begin().await?;
    let id = match id {
        Some(id) => {
            let known: Option<String> =
                sqlx::query_scalar("SELECT id FROM jobs WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
            known.ok_or(AppError::NotFound)?
        }
        None => new_id(),
    };
    sqlx::query(
        "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, description_ja, \
         description_en, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
         ON CONFLICT (id) DO UPDATE SET title_ja = excluded.title_ja, title_en = excluded.title_en, \
           department = excluded.department, location = excluded.location, employment_type = excluded.employment_type, \
           status = excluded.status, description_ja = excluded.description_ja, description_en = excluded.description_en, \
           updated_at = excluded.updated_at",
    )
    .bind(&id)
    .bind(&valid.title_ja)
    .bind(&valid.title_en)
    .bind(&valid.department)
    .bind(&valid.location)
    .bind(&valid.employment_type)
    .bind(if valid.open { "open" } else { "closed" })
    .bind(&valid.description_ja)
    .bind(&valid.description_en)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "job_saved", ("job", Some(&id)), if valid.open { "open" } else { "closed" }, now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The open applications of a job, by stage, for the pipeline board.
pub async fn board(db: &Db, job_id: &str, lang: Lang) -> Result<Vec<PipelineCard>, sqlx::Error> {
    let _ = lang;
    let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT a.id, a.candidate_id, c.family_name, c.given_name, a.stage, a.updated_at FROM applications a \
         JOIN candidates c ON c.id = a.candidate_id \
         WHERE a.job_id = $1 AND a.outcome IS NULL AND c.status = 'active' ORDER BY a.updated_at DESC, a.id",
    )
    .bind(job_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, candidate_id, family, given, stage, since)| PipelineCard {
            application_id: id,
            candidate_id,
            name: format!("{family} {given}"),
            stage: Stage::parse(&stage).unwrap_or(Stage::Applied),
            since,
        })
        .collect())
}
