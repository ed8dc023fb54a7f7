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
