//! CSV import: upload (UTF-8 or Shift_JIS), column mapping with a preview, a dry run that reports every bad row,
//! and the import itself in one transaction. Re-importing a file adds nothing: a row whose e-mail is known is
//! counted as already present, and a row whose phone number belongs to another record is reported, not added.
use super::audit::{self, Actor};
use super::db::{new_id, Db};
use super::tags::{tag_id, tag_list};
use crate::domain::{
    check_row, decode, parse_csv, AppError, ImportField, ImportPreview, ImportProblem, ImportReport, SourceChannel,
};
use crate::i18n::Msg;

pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_IMPORT_ROWS: usize = 50_000;

/// Keeps an uploaded file for its mapping; refuses what is not a CSV with a header and at least one row.
pub async fn store(
    db: &Db,
    file_name: &str,
    bytes: &[u8],
    source: &str,
    tags: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
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
    sqlx::query(
        "INSERT INTO imports (id, file_name, encoding, content, source_channel, tags, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(file_name.chars().take(200).collect::<String>())
    .bind(encoding)
    .bind(&text)
    .bind(source.as_str())
    .bind(tags.join(","))
    .bind(actor.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "import_uploaded", ("import", Some(&id)), &format!("{} rows", rows.len() - 1), now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

struct Stored {
    file_name: String,
    encoding: String,
    content: String,
    source_channel: String,
    tags: String,
    report: Option<String>,
}

async fn load(db: &Db, id: &str) -> Result<Stored, AppError> {
    let row: Option<(String, String, String, String, String, Option<String>)> =
        sqlx::query_as("SELECT file_name, encoding, content, source_channel, tags, report FROM imports WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    let (file_name, encoding, content, source_channel, tags, report) = row.ok_or(AppError::NotFound)?;
    Ok(Stored { file_name, encoding, content, source_channel, tags, report })
}

/// The file's header, a guessed mapping, the first rows and the last report.
pub async fn preview(db: &Db, id: &str) -> Result<ImportPreview, AppError> {
    let stored = load(db, id).await?;
    let rows = parse_csv(&stored.content).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    let headers = rows.first().map(|r| r.1.clone()).unwrap_or_default();
    Ok(ImportPreview {
        id: id.to_owned(),
        file_name: stored.file_name,
        encoding: stored.encoding,
        mapping: headers.iter().map(|h| ImportField::guess(h)).collect(),
        sample: rows.iter().skip(1).take(5).map(|r| r.1.clone()).collect(),
        rows: rows.len().saturating_sub(1),
        headers,
        source_channel: stored.source_channel,
        tags: stored.tags,
        report: stored.report.and_then(|r| serde_json::from_str(&r).ok()),
    })
}

/// Checks (dry run) or imports every row with the mapping. The same code runs both; a dry run's transaction is
/// rolled back, so what it reports is exactly what the import would do.
pub async fn run(
    db: &Db,
    id: &str,
    mapping: &[ImportField],
    dry_run: bool,
    actor: &Actor<'_>,
    now: i64,
) -> Result<ImportReport, AppError> {
    let stored = load(db, id).await?;
    let rows = parse_csv(&stored.content).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    let has = |f: ImportField| mapping.contains(&f);
    if !has(ImportField::Email)
        || !(has(ImportField::FullName) || (has(ImportField::FamilyName) && has(ImportField::GivenName)))
    {
        return Err(AppError::field("mapping", Msg::ErrImportMapping));
    }
    let tags = tag_list(&stored.tags)?;
    let mut report = ImportReport { dry_run, rows: rows.len().saturating_sub(1), ..Default::default() };
    let mut tx = db.begin().await?;
    let mut tag_ids = Vec::new();
    for tag in &tags {
        tag_ids.push(tag_id(&mut tx, tag, now).await?);
    }
    for (line, cells) in rows.iter().skip(1) {
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
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_some() {
            report.already_present += 1;
            continue;
        }
        if let Some(phone) = &row.profile.phone {
            let same: Option<String> =
                sqlx::query_scalar("SELECT id FROM candidates WHERE phone = $1 AND status = 'active' LIMIT 1")
                    .bind(phone.as_str())
                    .fetch_optional(&mut *tx)
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
            &mut tx,
            &row.email,
            &row.profile,
            row.birth_date.as_deref(),
            &stored.source_channel,
            now,
        )
        .await?;
        for tag_id in &tag_ids {
            sqlx::query("INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, $2, $3)")
                .bind(&candidate)
                .bind(tag_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        report.imported += 1;
    }
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    if dry_run {
        tx.rollback().await?;
        sqlx::query("UPDATE imports SET report = $1 WHERE id = $2").bind(&json).bind(id).execute(db.pool()).await?;
    } else {
        sqlx::query("UPDATE imports SET report = $1, imported_at = $2 WHERE id = $3")
            .bind(&json)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let detail = format!(
            "imported {} already {} problems {}",
            report.imported,
            report.already_present,
            report.problems.len()
        );
        audit::record(&mut tx, actor, "imported", ("import", Some(id)), &detail, now).await?;
        tx.commit().await?;
    }
    Ok(report)
}
