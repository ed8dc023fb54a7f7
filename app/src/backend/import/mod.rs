//! CSV import: upload (UTF-8 or Shift_JIS), column mapping with a preview, a dry run that reports every bad row,
//! and the import itself, run by the worker in batches with its progress. The file's rows are staged only while
//! the import needs them (see `rows`; `legacy` adopts imports staged by an older version). Re-importing a file adds nothing: a row whose e-mail is known is
//! counted as already present, and a row whose phone number belongs to another record is reported, not added.
pub mod legacy;
pub mod rows;

use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::{new_id, Db};
use crate::backend::suppression::Secret;
use crate::backend::tags::{self, tag_list};
use crate::domain::{
    decode, parse_csv, AppError, ImportFailure, ImportField, ImportPreview, ImportReport, SourceChannel,
};
use crate::i18n::Msg;
use rows::{Seen, Target};
use sqlx::AnyConnection;

pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_IMPORT_ROWS: usize = 50_000;
/// Rows imported per transaction by the background import.
pub const BATCH_ROWS: usize = 500;
/// How long a worker owns an import before another may take it over.
const LEASE_MS: i64 = 60_000;
/// Attempts at a batch before the import stops with its reason, until a recruiter retries it.
pub const MAX_ATTEMPTS: i64 = 3;
/// The pause before a failed batch is tried again.
const RETRY_MS: i64 = 5_000;

/// An uploaded file with what the upload form said about it.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// the source channel for everyone in the file
    pub source: &'a str,
    /// tags for everyone, comma-separated
    pub tags: &'a str,
    /// the event to register everyone for, and whether as having come
    pub event: Option<(&'a str, bool)>,
}

/// Stages an uploaded file's rows for their mapping; refuses what is not a CSV with a header and at least one row.
pub async fn store(db: &Db, upload: &Upload<'_>, actor: &Actor<'_>, now: i64) -> Result<String, AppError> {
    let Upload { file_name, bytes, source, tags, event } = *upload;
    if bytes.is_empty() {
        return Err(AppError::field("file", Msg::ErrRequired));
    }
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(AppError::field("file", Msg::ErrFileTooLarge));
    }
    let source = SourceChannel::parse(source).ok_or_else(|| AppError::field("source_channel", Msg::ErrInvalid))?;
    let tags = tag_list(tags)?;
    let (text, encoding) = decode(bytes);
    let mut rows = parse_csv(&text).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    if rows.len() < 2 {
        return Err(AppError::field("file", Msg::ErrCsvInvalid));
    }
    if rows.len() > MAX_IMPORT_ROWS + 1 {
        return Err(AppError::field("file", Msg::ErrTooManyRows));
    }
    let headers = serde_json::to_string(&rows.remove(0).1).map_err(|_| AppError::Internal)?;
    let id = new_id();
    let mut tx = db.begin().await?;
    let event = event.filter(|(id, _)| !id.is_empty());
    if let Some((event_id, _)) = event {
        let known: Option<String> =
            sqlx::query_scalar("SELECT id FROM events WHERE id = $1").bind(event_id).fetch_optional(&mut *tx).await?;
        known.ok_or_else(|| AppError::field("event_id", Msg::ErrInvalid))?;
    }
    sqlx::query(
        "INSERT INTO imports (id, file_name, encoding, content, headers, source_channel, tags, created_by, \
           created_at, event_id, mark_attended) VALUES ($1, $2, $3, '', $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(file_name.chars().take(200).collect::<String>())
    .bind(encoding)
    .bind(&headers)
    .bind(source.as_str())
    .bind(tags.join(","))
    .bind(actor.id)
    .bind(now)
    .bind(event.map(|(id, _)| id))
    .bind(i64::from(event.is_some_and(|(_, attended)| attended)))
    .execute(&mut *tx)
    .await?;
    rows::stage(&mut tx, &id, &rows).await?;
    audit::record(&mut tx, actor, "import_uploaded", ("import", Some(&id)), &format!("{} rows", rows.len()), now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Stored {
    file_name: String,
    encoding: String,
    headers: String,
    source_channel: String,
    tags: String,
    report: Option<String>,
    status: String,
    mapping: Option<String>,
    rows_total: i64,
    rows_done: i64,
    run_by: Option<String>,
    event_id: Option<String>,
    event_title: Option<String>,
    mark_attended: i64,
    attempts: i64,
    failed_at: Option<i64>,
    failure: Option<String>,
    failed_line: Option<i64>,
}

impl Stored {
    fn event(&self) -> Option<(&str, bool)> {
        self.event_id.as_deref().map(|id| (id, self.mark_attended != 0))
    }

    fn report(&self) -> Option<ImportReport> {
        self.report.as_deref().and_then(|r| serde_json::from_str(r).ok())
    }

    fn running(&self) -> bool {
        matches!(self.status.as_str(), "queued" | "running")
    }

    /// Refuses to check or start an import that is running or finished.
    fn must_be_waiting(&self) -> Result<(), AppError> {
        match self.status.as_str() {
            "uploaded" => Ok(()),
            "done" => Err(AppError::field("file", Msg::ErrImportFinished)),
            _ => Err(AppError::field("file", Msg::ErrImportRunning)),
        }
    }
}

async fn load(conn: &mut AnyConnection, id: &str) -> Result<Stored, AppError> {
    let row: Option<Stored> = sqlx::query_as(
        "SELECT i.file_name, i.encoding, i.headers, i.source_channel, i.tags, i.report, i.status, i.mapping, \
           i.rows_total, i.rows_done, i.run_by, i.event_id, e.title AS event_title, i.mark_attended, i.attempts, \
           i.failed_at, i.failure, i.failed_line \
         FROM imports i LEFT JOIN events e ON e.id = i.event_id WHERE i.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.ok_or(AppError::NotFound)
}

/// The file's header, a guessed mapping (or the one it runs with), the first rows, the last report and progress.
pub async fn preview(db: &Db, id: &str) -> Result<ImportPreview, AppError> {
    legacy::adopt(db, id).await?;
    let mut conn = db.pool().acquire().await?;
    let stored = load(&mut conn, id).await?;
    let headers: Vec<String> = serde_json::from_str(&stored.headers).unwrap_or_default();
    let mapping = match &stored.mapping {
        Some(m) => parse_mapping(m),
        None => headers.iter().map(|h| ImportField::guess(h)).collect(),
    };
    let sample = rows::after(&mut conn, id, 0, 5).await?;
    let waiting = rows::count(&mut conn, id).await?;
    let report = stored.report();
    let rows = match stored.status.as_str() {
        "uploaded" => waiting,
        "done" => report.as_ref().map_or(0, |r| r.rows),
        _ => usize::try_from(stored.rows_total).unwrap_or(0),
    };
    let failure = stored.failed_at.map(|_| ImportFailure {
        line: stored.failed_line.map_or(0, |l| l as usize),
        message: stored.failure.as_deref().and_then(Msg::from_code).unwrap_or(Msg::ErrInternal),
        attempts: stored.attempts,
    });
    Ok(ImportPreview {
        id: id.to_owned(),
        running: stored.running() && failure.is_none(),
        finished: stored.status == "done",
        failure,
        file_name: stored.file_name,
        encoding: stored.encoding,
        mapping,
        sample: sample.into_iter().map(|r| r.cells).collect(),
        rows,
        headers,
        source_channel: stored.source_channel,
        tags: stored.tags,
        report,
        event: stored.event_title.map(|title| (title, stored.mark_attended != 0)),
        rows_done: usize::try_from(stored.rows_done).unwrap_or(0),
    })
}

fn parse_mapping(text: &str) -> Vec<ImportField> {
    text.split(',').map(|c| ImportField::parse(c).unwrap_or(ImportField::Ignore)).collect()
}

fn check_mapping(mapping: &[ImportField]) -> Result<(), AppError> {
    let has = |f: ImportField| mapping.contains(&f);
    if !has(ImportField::Email)
        || !(has(ImportField::FullName) || (has(ImportField::FamilyName) && has(ImportField::GivenName)))
    {
        return Err(AppError::field("mapping", Msg::ErrImportMapping));
    }
    Ok(())
}

/// Checks every row with the mapping (a dry run): the same code as the import, writing nothing — it reads, page
/// by page, and remembers what it would have added — so what it reports is exactly what the import would do.
pub async fn check(
    db: &Db,
    secret: &Secret,
    id: &str,
    mapping: &[ImportField],
    now: i64,
) -> Result<ImportReport, AppError> {
    check_mapping(mapping)?;
    legacy::adopt(db, id).await?;
    let mut conn = db.pool().acquire().await?;
    let stored = load(&mut conn, id).await?;
    stored.must_be_waiting()?;
    let mut report = ImportReport { dry_run: true, rows: rows::count(&mut conn, id).await?, ..Default::default() };
    let target =
        Target { source_channel: &stored.source_channel, tag_ids: &[], event: stored.event(), secret, write: false };
    let (mut seen, mut last) = (Seen::default(), 0);
    loop {
        let rows = rows::after(&mut conn, id, last, BATCH_ROWS).await?;
        let Some(end) = rows.last().map(|r| r.line) else { break };
        rows::apply(&mut conn, &rows, mapping, &target, &mut report, &mut seen, now).await?;
        last = end;
    }
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    sqlx::query("UPDATE imports SET report = $1 WHERE id = $2").bind(&json).bind(id).execute(&mut *conn).await?;
    Ok(report)
}

/// Starts the import with the mapping: the worker then imports it in batches of [`BATCH_ROWS`], each one
/// transaction with its progress, so the page can show a progress bar and a stopped server loses no whole batch.
/// A running or finished import is refused (its rows are gone once it is done: upload the file again).
pub async fn start(db: &Db, id: &str, mapping: &[ImportField], actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    check_mapping(mapping)?;
    legacy::adopt(db, id).await?;
    let mut tx = db.begin().await?;
    let stored = load(&mut tx, id).await?;
    stored.must_be_waiting()?;
    let total = rows::count(&mut tx, id).await?;
    let report = ImportReport { dry_run: false, rows: total, ..Default::default() };
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    let mapping_text = mapping.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(",");
    let started = sqlx::query(
        "UPDATE imports SET status = 'queued', mapping = $1, rows_total = $2, rows_done = 0, report = $3, \
         lease_until = NULL, run_by = $4, imported_at = NULL, attempts = 0, failed_at = NULL, failure = NULL \
         WHERE id = $5 AND status = 'uploaded'",
    )
    .bind(&mapping_text)
    .bind(i64::try_from(total).unwrap_or(i64::MAX))
    .bind(&json)
    .bind(actor.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if started.rows_affected() != 1 {
        return Err(AppError::field("file", Msg::ErrImportRunning));
    }
    audit::record(&mut tx, actor, "import_started", ("import", Some(id)), &format!("{total} rows"), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Lets the worker try an import that stopped after failing batches again (after a fix).
pub async fn retry(db: &Db, id: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let retried = sqlx::query(
        "UPDATE imports SET failed_at = NULL, attempts = 0, failure = NULL, failed_line = NULL, lease_until = NULL \
         WHERE id = $1 AND failed_at IS NOT NULL AND status IN ('queued', 'running')",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if retried.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "import_retried", ("import", Some(id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Does one batch of the oldest waiting import, if any (the worker calls this until it returns false). The batch,
/// the deletion of the rows it did and its progress are one transaction; the lease (taken for the batch) keeps two
/// servers from doing the same batch — a server that stops mid-batch leaves the lease to lapse, and its batch,
/// rolled back, is done again by the next. A batch that fails is tried [`MAX_ATTEMPTS`] times, then the import
/// stops with the reason on its page.
pub async fn work(db: &Db, secret: &Secret, now: i64) -> Result<bool, AppError> {
    let waiting: Option<String> = sqlx::query_scalar(
        "SELECT id FROM imports WHERE status IN ('queued', 'running') AND failed_at IS NULL \
         AND (lease_until IS NULL OR lease_until <= $1) ORDER BY created_at, id LIMIT 1",
    )
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    let Some(id) = waiting else { return Ok(false) };
    legacy::adopt(db, &id).await?;
    let lease = now + LEASE_MS;
    let claimed = sqlx::query(
        "UPDATE imports SET status = 'running', lease_until = $1 WHERE id = $2 AND failed_at IS NULL \
         AND status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until <= $3)",
    )
    .bind(lease)
    .bind(&id)
    .bind(now)
    .execute(db.pool())
    .await?;
    if claimed.rows_affected() != 1 {
        // another server took it
        return Ok(true);
    }
    if let Err(error) = batch(db, secret, &id, lease, now).await {
        failed(db, &id, &error, now).await?;
    }
    Ok(true)
}

async fn batch(db: &Db, secret: &Secret, id: &str, lease: i64, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let stored = load(&mut tx, id).await?;
    let rows = rows::after(&mut tx, id, 0, BATCH_ROWS).await?;
    let mapping = parse_mapping(stored.mapping.as_deref().unwrap_or_default());
    let mut report = stored.report().unwrap_or_default();
    let tag_ids = tags::ids(&mut tx, &tag_list(&stored.tags)?, now).await?;
    let event = stored.event();
    let target = Target { source_channel: &stored.source_channel, tag_ids: &tag_ids, event, secret, write: true };
    rows::apply(&mut tx, &rows, &mapping, &target, &mut report, &mut Seen::default(), now).await?;
    rows::forget(&mut tx, id, Some(rows.last().map_or(0, |r| r.line))).await?;
    let finished = rows::count(&mut tx, id).await? == 0;
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    let moved = sqlx::query(
        "UPDATE imports SET rows_done = rows_done + $1, report = $2, status = $3, lease_until = NULL, attempts = 0, \
           imported_at = $4 WHERE id = $5 AND lease_until = $6",
    )
    .bind(i64::try_from(rows.len()).unwrap_or(i64::MAX))
    .bind(&json)
    .bind(if finished { "done" } else { "running" })
    .bind(finished.then_some(now))
    .bind(id)
    .bind(lease)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        // the lease lapsed and another server has the import now
        tx.rollback().await?;
        return Ok(());
    }
    if finished {
        let detail = format!(
            "imported {} already {} problems {}",
            report.imported,
            report.already_present,
            report.problems.len()
        );
        let actor = Actor::worker_for(stored.run_by.as_deref());
        audit::record(&mut tx, &actor, "imported", ("import", Some(id)), &detail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Counts a failed attempt at the next batch, with its reason and first line; after [`MAX_ATTEMPTS`] the import
/// stops (its page says why) until it is retried.
async fn failed(db: &Db, id: &str, error: &AppError, now: i64) -> Result<(), sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let line = rows::after(&mut conn, id, 0, 1).await?.first().map(|r| r.line as i64);
    tracing::warn!(import = id, line, reason = error.message().code(), "an import batch failed");
    sqlx::query(
        "UPDATE imports SET attempts = attempts + 1, failure = $1, failed_line = $2, lease_until = $3, \
           failed_at = CASE WHEN attempts + 1 >= $4 THEN $5 ELSE NULL END WHERE id = $6",
    )
    .bind(error.message().code())
    .bind(line)
    .bind(now + RETRY_MS)
    .bind(MAX_ATTEMPTS)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
