//! Jobs as recruiters manage them.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use crate::domain::{AppError, Job, JobInput, JobOption, MAX_JOB_DESCRIPTION_CHARS};
use crate::i18n::Lang;
use sqlx::AnyConnection;

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
         description_en, created_at, updated_at, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, \
           CASE WHEN $7 = 'open' THEN $10 ELSE NULL END) \
         ON CONFLICT (id) DO UPDATE SET title_ja = excluded.title_ja, title_en = excluded.title_en, \
           department = excluded.department, location = excluded.location, employment_type = excluded.employment_type, \
           opened_at = CASE WHEN jobs.status <> 'open' AND excluded.status = 'open' THEN excluded.updated_at \
             ELSE jobs.opened_at END, \
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

#[derive(sqlx::FromRow)]
struct TitleRow {
    id: String,
    title_ja: String,
    title_en: String,
}

/// Jobs to choose from, titled in `lang`: all of them (open first), or only the open ones.
pub async fn options(conn: &mut AnyConnection, only_open: bool, lang: Lang) -> Result<Vec<JobOption>, sqlx::Error> {
    let sql = if only_open {
        "SELECT id, title_ja, title_en FROM jobs WHERE status = 'open' ORDER BY title_ja, id"
    } else {
        "SELECT id, title_ja, title_en FROM jobs ORDER BY status DESC, title_ja, id"
    };
    let rows: Vec<TitleRow> = sqlx::query_as(sql).fetch_all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|r| JobOption { id: r.id, title: if lang == Lang::En { r.title_en } else { r.title_ja } })
        .collect())
}
