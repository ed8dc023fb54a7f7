//! Reading the outbox: the admin mailbox and one candidate's mail, as summaries.
use crate::backend::core::db::Db;
use crate::domain::{MailStatus, MailSummary};

/// The admin mailbox: newest first, keyset-paginated by (created_at, id).
pub async fn list(db: &Db, before: Option<(i64, String)>, limit: i64) -> Result<Vec<MailSummary>, sqlx::Error> {
    let (at, id) = before.unwrap_or((i64::MAX, String::new()));
    let rows: Vec<MailRow> = sqlx::query_as(
        "SELECT id, message_id, recipient, subject, kind, status, attempts, created_at, body_text FROM mail_outbox \
         WHERE created_at < $1 OR (created_at = $1 AND id < $2) ORDER BY created_at DESC, id DESC LIMIT $3",
    )
    .bind(at)
    .bind(if id.is_empty() { "~".to_owned() } else { id })
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(MailRow::summary).collect())
}

/// Every message to one candidate, newest first, without the text (it may hold their sign-in link).
pub async fn for_candidate(db: &Db, candidate_id: &str, limit: i64) -> Result<Vec<MailSummary>, sqlx::Error> {
    let rows: Vec<MailRow> = sqlx::query_as(
        "SELECT id, message_id, recipient, subject, kind, status, attempts, created_at, '' AS body_text FROM mail_outbox \
         WHERE candidate_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(candidate_id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(MailRow::summary).collect())
}

#[derive(sqlx::FromRow)]
struct MailRow {
    id: String,
    message_id: String,
    recipient: String,
    subject: String,
    kind: String,
    status: String,
    attempts: i64,
    created_at: i64,
    body_text: String,
}

impl MailRow {
    fn summary(self) -> MailSummary {
        MailSummary {
            status: MailStatus::parse(&self.status).unwrap_or(MailStatus::Failed),
            id: self.id,
            message_id: self.message_id,
            recipient: self.recipient,
            subject: self.subject,
            kind: self.kind,
            attempts: self.attempts,
            created_at: self.created_at,
            body_text: self.body_text,
        }
    }
}
