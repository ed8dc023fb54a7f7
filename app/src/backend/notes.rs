//! Recruiters' notes on a candidate.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use crate::domain::{AppError, Note, MAX_NOTE_CHARS};
use crate::i18n::Msg;
use sqlx::AnyConnection;

pub async fn notes(conn: &mut AnyConnection, candidate_id: &str) -> Result<Vec<Note>, sqlx::Error> {
    let rows: Vec<(String, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT n.id, u.display_name, n.body, n.created_at FROM notes n LEFT JOIN users u ON u.id = n.author_id \
         WHERE n.candidate_id = $1 ORDER BY n.created_at DESC, n.id DESC",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, author, body, created_at)| Note { id, author: author.unwrap_or_default(), body, created_at })
        .collect())
}

/// Adds a note by the signed-in recruiter.
pub async fn add_note(db: &Db, candidate_id: &str, body: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let body = body.replace("\r\n", "\n").trim().to_owned();
    if body.is_empty() {
        return Err(AppError::field("body", Msg::ErrRequired));
    }
    if body.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::field("body", Msg::ErrTooLong));
    }
    let mut tx = db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO notes (id, candidate_id, author_id, body, created_at) \
         SELECT $1, id, $3, $4, $5 FROM candidates WHERE id = $2 AND status = 'active'",
    )
    .bind(new_id())
    .bind(candidate_id)
    .bind(actor.id)
    .bind(&body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "note_added", ("candidate", Some(candidate_id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}
