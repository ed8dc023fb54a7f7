//! CSV import: upload (UTF-8 or Shift_JIS), column mapping with a preview, a dry run that reports every bad row,
//! and the import itself, run by the worker in batches with its progress. Re-importing a file adds nothing: a row
//! whose e-mail is known is counted as already present, and a row whose phone number belongs to another record is
//! reported, not added.
use super::audit::{self, Actor};
use super::db::{new_id, Db};
use super::tags::{self, tag_list};
use crate::domain::{
    check_row, decode, parse_csv, AppError, ImportField, ImportPreview, ImportProblem, ImportReport, SourceChannel,
};
use crate::i18n::Msg;
use sqlx::AnyConnection;

pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_IMPORT_ROWS: usize = 50_000;

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

/// Keeps an uploaded file for its mapping; refuses what is not a CSV with a header and at least one row.
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
    let rows = parse_csv(&text).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    if rows.len() < 2 {
        return Err(AppError::field("file", Msg::ErrCsvInvalid));
    }
    if rows.len() > MAX_IMPORT_ROWS + 1 {
        return Err(AppError::field("file", Msg::ErrTooManyRows));
    }
    let id = new_id();
    let mut tx = db.begin().await?;
    let event = event.filter(|(id, _)| !id.is_empty());
    if let Some((event_id, _)) = event {
        let known: Option<String> =
            sqlx::query_scalar("SELECT id FROM events WHERE id = $1").bind(event_id).fetch_optional(&mut *tx).await?;
        known.ok_or_else(|| AppError::field("event_id", Msg::ErrInvalid))?;
    }
    sqlx::query(
        "INSERT INTO imports (id, file_name, encoding, content, source_channel, tags, created_by, created_at, \
           event_id, mark_attended) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(file_name.chars().take(200).collect::<String>())
    .bind(encoding)
    .bind(&text)
    .bind(source.as_str())
    .bind(tags.join(","))
    .bind(actor.id)
    .bind(now)
    .bind(event.map(|(id, _)| id))
    .bind(i64::from(event.is_some_and(|(_, attended)| attended)))
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "import_uploaded", ("import", Some(&id)), &format!("{} rows", rows.len() - 1), now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Stored {
    file_name: String,
    encoding: String,
    content: String,
    source_channel: String,
    tags: String,
    report: Option<String>,
    status: String,
    mapping: Option<String>,
    rows_done: i64,
    run_by: Option<String>,
    event_id: Option<String>,
    event_title: Option<String>,
    mark_attended: i64,
}

impl Stored {
    fn event(&self) -> Option<(&str, bool)> {
        self.event_id.as_deref().map(|id| (id, self.mark_attended != 0))
    }
}

async fn load(conn: &mut AnyConnection, id: &str) -> Result<Stored, AppError> {
    let row: Option<Stored> = sqlx::query_as(
        "SELECT i.file_name, i.encoding, i.content, i.source_channel, i.tags, i.report, i.status, i.mapping, \
           i.rows_done, i.run_by, i.event_id, e.title AS event_title, i.mark_attended \
         FROM imports i LEFT JOIN events e ON e.id = i.event_id WHERE i.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.ok_or(AppError::NotFound)
}

/// The file's header, a guessed mapping (or the one it runs with), the first rows, the last report and progress.
pub async fn preview(db: &Db, id: &str) -> Result<ImportPreview, AppError> {
    let mut conn = db.pool().acquire().await?;
    let stored = load(&mut conn, id).await?;
    let rows = parse_csv(&stored.content).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    let headers = rows.first().map(|r| r.1.clone()).unwrap_or_default();
    let mapping = match &stored.mapping {
        Some(m) => parse_mapping(m),
        None => headers.iter().map(|h| ImportField::guess(h)).collect(),
    };
    Ok(ImportPreview {
        id: id.to_owned(),
        file_name: stored.file_name,
        encoding: stored.encoding,
        mapping,
        sample: rows.iter().skip(1).take(5).map(|r| r.1.clone()).collect(),
        rows: rows.len().saturating_sub(1),
        headers,
        source_channel: stored.source_channel,
        tags: stored.tags,
        report: stored.report.and_then(|r| serde_json::from_str(&r).ok()),
        running: matches!(stored.status.as_str(), "queued" | "running"),
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

/// Rows imported per transaction by the background import.
pub const BATCH_ROWS: usize = 500;
/// How long a worker owns an import before another may take it over.
const LEASE_MS: i64 = 60_000;

/// Checks every row with the mapping (a dry run): the same code as the import, in a transaction that is rolled
/// back, so what it reports is exactly what the import would do.
pub async fn check(db: &Db, id: &str, mapping: &[ImportField], now: i64) -> Result<ImportReport, AppError> {
    check_mapping(mapping)?;
    let mut conn = db.pool().acquire().await?;
    let stored = load(&mut conn, id).await?;
    drop(conn);
    if matches!(stored.status.as_str(), "queued" | "running") {
        return Err(AppError::field("file", Msg::ErrImportRunning));
    }
    let rows = parse_csv(&stored.content).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    let mut report = ImportReport { dry_run: true, rows: rows.len().saturating_sub(1), ..Default::default() };
    let mut tx = db.begin().await?;
    let tag_ids = tags::ids(&mut tx, &tag_list(&stored.tags)?, now).await?;
    let target = Target { source_channel: &stored.source_channel, tag_ids: &tag_ids, event: stored.event() };
    import_rows(&mut tx, &rows[1..], mapping, &target, &mut report, now).await?;
    tx.rollback().await?;
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    sqlx::query("UPDATE imports SET report = $1 WHERE id = $2").bind(&json).bind(id).execute(db.pool()).await?;
    Ok(report)
}

/// Starts the import with the mapping: the worker then imports it in batches of [`BATCH_ROWS`], each one
/// transaction with its progress, so the page can show a progress bar and a stopped server loses no whole batch.
/// Starting a finished import again is allowed (it adds nothing that is there); a running one is refused.
pub async fn start(db: &Db, id: &str, mapping: &[ImportField], actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    check_mapping(mapping)?;
    let mut tx = db.begin().await?;
    let stored = load(&mut tx, id).await?;
    let rows = parse_csv(&stored.content).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    let total = rows.len().saturating_sub(1);
    let report = ImportReport { dry_run: false, rows: total, ..Default::default() };
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    let mapping_text = mapping.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(",");
    let started = sqlx::query(
        "UPDATE imports SET status = 'queued', mapping = $1, rows_total = $2, rows_done = 0, report = $3, \
         lease_until = NULL, run_by = $4, imported_at = NULL WHERE id = $5 AND status IN ('uploaded', 'done')",
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

/// Does one batch of the oldest waiting import, if any (the worker calls this until it returns false). The batch
/// and its progress are one transaction; the lease (taken for the batch, released with its commit) keeps two
/// servers from doing the same batch — a server that stops mid-batch leaves the lease to lapse, and its batch,
/// rolled back, is done again by the next — and a batch whose progress moved meanwhile is rolled back.
pub async fn work(db: &Db, now: i64) -> Result<bool, AppError> {
    let waiting: Option<String> = sqlx::query_scalar(
        "SELECT id FROM imports WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until <= $1) \
         ORDER BY created_at, id LIMIT 1",
    )
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    let Some(id) = waiting else { return Ok(false) };
    let claimed = sqlx::query(
        "UPDATE imports SET status = 'running', lease_until = $1 WHERE id = $2 \
         AND status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until <= $3)",
    )
    .bind(now + LEASE_MS)
    .bind(&id)
    .bind(now)
    .execute(db.pool())
    .await?;
    if claimed.rows_affected() != 1 {
        // another server took it
        return Ok(true);
    }
    let mut tx = db.begin().await?;
    let stored = load(&mut tx, &id).await?;
    let rows = parse_csv(&stored.content).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    let mapping = parse_mapping(stored.mapping.as_deref().unwrap_or_default());
    let mut report: ImportReport =
        stored.report.as_deref().and_then(|r| serde_json::from_str(r).ok()).unwrap_or_default();
    let done = usize::try_from(stored.rows_done).unwrap_or(0);
    let data = &rows[1..];
    let end = (done + BATCH_ROWS).min(data.len());
    let tag_ids = tags::ids(&mut tx, &tag_list(&stored.tags)?, now).await?;
    let target = Target { source_channel: &stored.source_channel, tag_ids: &tag_ids, event: stored.event() };
    import_rows(&mut tx, &data[done.min(end)..end], &mapping, &target, &mut report, now).await?;
    let finished = end >= data.len();
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    let moved = sqlx::query(
        "UPDATE imports SET rows_done = $1, report = $2, status = $3, lease_until = NULL, imported_at = $4 \
         WHERE id = $5 AND rows_done = $6",
    )
    .bind(i64::try_from(end).unwrap_or(i64::MAX))
    .bind(&json)
    .bind(if finished { "done" } else { "running" })
    .bind(finished.then_some(now))
    .bind(&id)
    .bind(stored.rows_done)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(true);
    }
    if finished {
        let detail = format!(
            "imported {} already {} problems {}",
            report.imported,
            report.already_present,
            report.problems.len()
        );
        let actor = Actor { kind: "user", id: stored.run_by.as_deref(), ip: None };
        audit::record(&mut tx, &actor, "imported", ("import", Some(&id)), &detail, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Imports rows (line number and cells) into the report: a bad row is named with its field and reason, a known
/// e-mail counted as already present, another record's phone reported as a possible duplicate; the rest added.
/// What the file's rows become: their source channel, tags, and the event they are registered for.
struct Target<'a> {
    source_channel: &'a str,
    tag_ids: &'a [String],
    /// the event, and whether to mark them as having come
    event: Option<(&'a str, bool)>,
}

/// Registers a candidate for the import's event (attended, when the file says who came); already registered
/// attendees keep what they had, gaining attendance.
async fn register(
    conn: &mut AnyConnection,
    event: Option<(&str, bool)>,
    candidate: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let Some((event_id, attended)) = event else { return Ok(false) };
    sqlx::query(
        "INSERT INTO event_attendees (event_id, candidate_id, registered_at, attended_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (event_id, candidate_id) DO UPDATE SET attended_at = COALESCE(event_attendees.attended_at, excluded.attended_at)",
    )
    .bind(event_id)
    .bind(candidate)
    .bind(now)
    .bind(attended.then_some(now))
    .execute(conn)
    .await?;
    Ok(true)
}

async fn import_rows(
    conn: &mut AnyConnection,
    rows: &[(usize, Vec<String>)],
    mapping: &[ImportField],
    target: &Target<'_>,
    report: &mut ImportReport,
    now: i64,
) -> Result<(), AppError> {
    for (line, cells) in rows {
        let row = match check_row(cells, mapping) {
            Ok(row) => row,
            Err(problem) => {
                report.problems.push(ImportProblem {
                    line: *line,
                    field: problem.field,
                    message: problem.message,
                    existing: None,
                });
                continue;
            }
        };
        let known: Option<String> = sqlx::query_scalar("SELECT id FROM candidates WHERE email = $1")
            .bind(row.email.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(known) = known {
            report.already_present += 1;
            if register(&mut *conn, target.event, &known, now).await? {
                report.registered += 1;
            }
            continue;
        }
        if let Some(phone) = &row.profile.phone {
            let same: Option<String> =
                sqlx::query_scalar("SELECT id FROM candidates WHERE phone = $1 AND status = 'active' LIMIT 1")
                    .bind(phone.as_str())
                    .fetch_optional(&mut *conn)
                    .await?;
            if let Some(existing) = same {
                report.problems.push(ImportProblem {
                    line: *line,
                    field: "phone".into(),
                    message: Msg::ErrPossibleDuplicate,
                    existing: Some(existing),
                });
                continue;
            }
        }
        let candidate = super::candidates::insert(
            &mut *conn,
            &row.email,
            &row.profile,
            row.birth_date.as_deref(),
            target.source_channel,
            now,
        )
        .await?;
        if register(&mut *conn, target.event, &candidate, now).await? {
            report.registered += 1;
        }
        tags::attach(&mut *conn, &candidate, target.tag_ids, now).await?;
        report.imported += 1;
    }
    Ok(())
}
