//! The admin's audit page: who did what, newest first, a page at a time.
use super::core::csv::Sheet;
use super::core::db::Db;
use crate::domain::{format_datetime, AuditEntry};

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: String,
    at: i64,
    actor_kind: String,
    actor: Option<String>,
    action: String,
    subject_kind: String,
    subject_id: Option<String>,
    detail: String,
    ip: Option<String>,
}

impl From<EntryRow> for AuditEntry {
    fn from(r: EntryRow) -> Self {
        AuditEntry {
            id: r.id,
            at: r.at,
            actor_kind: r.actor_kind,
            actor: r.actor,
            action: r.action,
            subject_kind: r.subject_kind,
            subject_id: r.subject_id,
            detail: r.detail,
            ip: r.ip,
        }
    }
}

/// Which entries: all, or those about one subject, by one action, or by one actor's e-mail.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter<'a> {
    pub subject: Option<(&'a str, &'a str)>,
    pub action: Option<&'a str>,
    pub actor_email: Option<&'a str>,
}

/// The most rows one export holds.
pub const MAX_EXPORT_ROWS: usize = 100_000;
const EXPORT_PAGE: i64 = 1000;

/// Who did what, newest first, a page at a time before (at, id).
pub async fn list(
    db: &Db,
    filter: &Filter<'_>,
    before: Option<(i64, String)>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let (at, id) = before.unwrap_or((i64::MAX, "~".into()));
    let (subject_kind, subject_id) = filter.subject.unwrap_or(("", ""));
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT l.id, l.at, l.actor_kind, COALESCE(u.display_name, CASE WHEN l.actor_kind = 'candidate' THEN 'candidate' END) AS actor, \
         l.action, l.subject_kind, l.subject_id, l.detail, l.ip FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id \
         WHERE (l.at < $1 OR (l.at = $1 AND l.id < $2)) AND ($3 = '' OR (l.subject_kind = $3 AND l.subject_id = $4)) \
         AND ($5 = '' OR l.action = $5) AND ($6 = '' OR u.email = $6) ORDER BY l.at DESC, l.id DESC LIMIT $7",
    )
    .bind(at)
    .bind(id)
    .bind(subject_kind)
    .bind(subject_id)
    .bind(filter.action.unwrap_or(""))
    .bind(filter.actor_email.unwrap_or(""))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The entries of a filter as CSV.
pub async fn export_csv(db: &Db, filter: &Filter<'_>) -> Result<String, sqlx::Error> {
    let mut sheet = Sheet::new();
    sheet.row(&["at", "actor_kind", "actor", "action", "subject_kind", "subject_id", "detail", "ip"]);
    let mut before = None;
    let mut rows = 0;
    loop {
        let page = list(db, filter, before.clone(), EXPORT_PAGE).await?;
        for e in &page {
            sheet.row(&[
                format_datetime(e.at).as_str(),
                &e.actor_kind,
                e.actor.as_deref().unwrap_or_default(),
                &e.action,
                &e.subject_kind,
                e.subject_id.as_deref().unwrap_or_default(),
                &e.detail,
                e.ip.as_deref().unwrap_or_default(),
            ]);
        }
        rows += page.len();
        match page.last() {
            Some(last) if page.len() as i64 == EXPORT_PAGE && rows < MAX_EXPORT_ROWS => {
                before = Some((last.at, last.id.clone()))
            }
            _ => break,
        }
    }
    Ok(sheet.finish())
}
