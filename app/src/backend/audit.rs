//! The append-only audit log: who did what to whom, and when.
use super::db::new_id;
use sqlx::AnyConnection;

pub struct Actor<'a> {
    pub kind: &'a str,
    pub id: Option<&'a str>,
    pub ip: Option<&'a str>,
}

pub async fn record(
    conn: &mut AnyConnection,
    actor: &Actor<'_>,
    action: &str,
    subject: (&str, Option<&str>),
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, actor_kind, actor_id, action, subject_kind, subject_id, detail, ip, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(actor.kind)
    .bind(actor.id)
    .bind(action)
    .bind(subject.0)
    .bind(subject.1)
    .bind(detail)
    .bind(actor.ip)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

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

impl From<EntryRow> for crate::domain::AuditEntry {
    fn from(r: EntryRow) -> Self {
        crate::domain::AuditEntry {
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

/// Who did what, newest first: all entries, or those about one subject, or by one action, or by one actor's
/// e-mail; a page at a time before (at, id).
pub struct Query<'a> {
    pub subject: Option<(&'a str, &'a str)>,
    pub action: Option<&'a str>,
    pub actor_email: Option<&'a str>,
    pub before: Option<(i64, String)>,
    pub limit: i64,
}

pub async fn list(db: &super::db::Db, query: &Query<'_>) -> Result<Vec<crate::domain::AuditEntry>, sqlx::Error> {
    let (at, id) = query.before.clone().unwrap_or((i64::MAX, "~".into()));
    let (subject_kind, subject_id) = query.subject.unwrap_or(("", ""));
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
    .bind(query.action.unwrap_or(""))
    .bind(query.actor_email.unwrap_or(""))
    .bind(query.limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}
