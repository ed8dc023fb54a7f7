//! The rows of an uploaded CSV, staged only while their import needs them (they are personal data), and how a
//! row becomes a candidate — the same code for the dry run, which writes nothing, and the import.
use crate::backend::core::db::Db;
use crate::backend::suppression::{self, Secret};
use crate::backend::tags;
use crate::domain::{check_row, Email, ImportField, ImportProblem, ImportReport, PhoneNumber};
use crate::i18n::Msg;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// One line of the file: its number in the file (1 is the header) and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StagedRow {
    pub line: usize,
    pub cells: Vec<String>,
}

const INSERT_CHUNK: usize = 200;

/// Keeps the file's data rows for the mapping and the worker.
pub async fn stage(
    conn: &mut AnyConnection,
    import_id: &str,
    rows: &[(usize, Vec<String>)],
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(INSERT_CHUNK) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("($1, ${}, ${})", 2 * i + 2, 2 * i + 3)).collect();
        let sql = format!("INSERT INTO import_rows (import_id, line, cells) VALUES {}", values.join(", "));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(import_id);
        for (line, cells) in chunk {
            let cells = serde_json::to_string(cells).unwrap_or_else(|_| "[]".into());
            query = query.bind(i64::try_from(*line).unwrap_or(i64::MAX)).bind(cells);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Up to `limit` staged rows after line `after` (from the start with 0), in file order.
pub async fn after(
    conn: &mut AnyConnection,
    import_id: &str,
    after: usize,
    limit: usize,
) -> Result<Vec<StagedRow>, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT line, cells FROM import_rows WHERE import_id = $1 AND line > $2 ORDER BY line LIMIT $3")
            .bind(import_id)
            .bind(i64::try_from(after).unwrap_or(i64::MAX))
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(line, cells)| StagedRow { line: line as usize, cells: cells_of(&cells) }).collect())
}

fn cells_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

pub async fn count(conn: &mut AnyConnection, import_id: &str) -> Result<usize, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM import_rows WHERE import_id = $1")
        .bind(import_id)
        .fetch_one(conn)
        .await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Forgets the rows a batch has done (through line `last`), or with `None` every row of the import.
pub async fn forget(conn: &mut AnyConnection, import_id: &str, last: Option<usize>) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM import_rows WHERE import_id = $1 AND line <= $2")
        .bind(import_id)
        .bind(last.map_or(i64::MAX, |l| i64::try_from(l).unwrap_or(i64::MAX)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes every staged row in which a cell is one of this person's e-mail addresses or phone numbers (they are
/// being erased); an import already started counts one row fewer. Returns how many rows went.
pub async fn forget_people(
    conn: &mut AnyConnection,
    emails: &[Email],
    phones: &[PhoneNumber],
) -> Result<u64, sqlx::Error> {
    let rows: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT import_id, line, cells FROM import_rows").fetch_all(&mut *conn).await?;
    let theirs = |cell: &String| {
        Email::parse(cell).is_ok_and(|e| emails.contains(&e))
            || PhoneNumber::parse(cell).is_ok_and(|c| phones.contains(&c))
    };
    let mut forgotten = 0;
    for (import_id, line, cells) in rows {
        if !cells_of(&cells).iter().any(theirs) {
            continue;
        }
        sqlx::query("DELETE FROM import_rows WHERE import_id = $1 AND line = $2")
            .bind(&import_id)
            .bind(line)
            .execute(&mut *conn)
            .await?;
        sqlx::query("UPDATE imports SET rows_total = rows_total - 1 WHERE id = $1 AND status IN ('queued', 'running')")
            .bind(&import_id)
            .execute(&mut *conn)
            .await?;
        forgotten += 1;
    }
    Ok(forgotten)
}

/// Deletes the imports left unfinished since before `cutoff`, rows and all; returns how many.
pub async fn purge_abandoned(db: &Db, cutoff: i64) -> Result<u64, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM imports WHERE status <> 'done' AND created_at < $1")
        .bind(cutoff)
        .fetch_all(db.pool())
        .await?;
    for id in &ids {
        let mut tx = db.begin().await?;
        forget(&mut tx, id, None).await?;
        sqlx::query("DELETE FROM imports WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
    }
    Ok(ids.len() as u64)
}

/// What the file's rows become: their source channel, tags, and the event they are registered for.
pub struct Target<'a> {
    pub source_channel: &'a str,
    pub tag_ids: &'a [String],
    /// the event, and whether to mark them as having come
    pub event: Option<(&'a str, bool)>,
    pub secret: &'a Secret,
    /// false for a dry run: say what importing would do, write nothing
    pub write: bool,
}

/// Addresses and phone numbers a dry run would have added so far (it writes nothing, so the database cannot
/// tell it about an earlier row of the same file); the records they would be, if added for real.
#[derive(Default)]
pub struct Seen {
    emails: HashMap<String, Option<String>>,
    phones: HashMap<String, Option<String>>,
}

/// Imports rows into the report (or for a dry run, only says what importing them would do): a bad row is
/// named with its field and reason, a person erased at their request is not added back, a known e-mail is
/// counted as already present, another record's phone reported as a possible duplicate; the rest added.
pub async fn apply(
    conn: &mut AnyConnection,
    rows: &[StagedRow],
    mapping: &[ImportField],
    target: &Target<'_>,
    report: &mut ImportReport,
    seen: &mut Seen,
    now: i64,
) -> Result<(), sqlx::Error> {
    let write = target.write;
    let problem = |line: usize, field: &str, message: Msg, existing: Option<String>| ImportProblem {
        line,
        field: field.to_owned(),
        message,
        existing,
    };
    for StagedRow { line, cells } in rows {
        let row = match check_row(cells, mapping) {
            Ok(row) => row,
            Err(error) => {
                report.problems.push(problem(*line, &error.field, error.message, None));
                continue;
            }
        };
        let phone = row.profile.phone.as_ref();
        let known: Option<String> = match seen.emails.get(row.email.as_str()) {
            Some(id) => id.clone().or_else(|| Some(String::new())),
            None => {
                sqlx::query_scalar("SELECT id FROM candidates WHERE email = $1")
                    .bind(row.email.as_str())
                    .fetch_optional(&mut *conn)
                    .await?
            }
        };
        // looked at after the address: an erasure committing in between has changed both at once
        if known.is_none() && suppression::is_suppressed(&mut *conn, target.secret, &row.email, phone).await? {
            report.problems.push(problem(*line, "email", Msg::ErrErasedByRequest, None));
            continue;
        }
        if let Some(known) = known {
            report.already_present += 1;
            if register(&mut *conn, target.event, &known, write, now).await? {
                report.registered += 1;
            }
            continue;
        }
        if let Some(phone) = phone {
            let same: Option<Option<String>> = match seen.phones.get(phone.as_str()) {
                Some(id) => Some(id.clone()),
                None => sqlx::query_scalar("SELECT id FROM candidates WHERE phone = $1 AND status = 'active' LIMIT 1")
                    .bind(phone.as_str())
                    .fetch_optional(&mut *conn)
                    .await?
                    .map(Some),
            };
            if let Some(existing) = same {
                report.problems.push(problem(*line, "phone", Msg::ErrPossibleDuplicate, existing));
                continue;
            }
        }
        let candidate = if write {
            let birth_date = row.birth_date.as_deref();
            let id = crate::backend::candidates::insert(
                &mut *conn,
                &row.email,
                &row.profile,
                birth_date,
                target.source_channel,
                now,
            )
            .await?;
            tags::attach(&mut *conn, &id, target.tag_ids, now).await?;
            Some(id)
        } else {
            None
        };
        seen.emails.insert(row.email.as_str().to_owned(), candidate.clone());
        if let Some(phone) = phone {
            seen.phones.insert(phone.as_str().to_owned(), candidate.clone());
        }
        if register(&mut *conn, target.event, candidate.as_deref().unwrap_or_default(), write, now).await? {
            report.registered += 1;
        }
        report.imported += 1;
    }
    Ok(())
}

/// Registers a candidate for the import's event (attended, when the file says who came); already registered
/// attendees keep what they had, gaining attendance. Whether they are (or, without `write`, would be) registered.
async fn register(
    conn: &mut AnyConnection,
    event: Option<(&str, bool)>,
    candidate: &str,
    write: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let Some((event_id, attended)) = event else { return Ok(false) };
    if write {
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
    }
    Ok(true)
}
