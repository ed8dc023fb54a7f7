//! Saved views of the candidate list: a name and the list's query, private to the recruiter who saved them.
use crate::backend::core::db::{new_id, Db};
use crate::domain::{normalize_text, AppError, CandidateFilter, SavedView, MAX_SAVED_VIEWS, MAX_VIEW_NAME_CHARS};
use crate::i18n::Msg;
use sqlx::AnyConnection;

/// The caller's views, by name.
pub async fn list(conn: &mut AnyConnection, user_id: &str) -> Result<Vec<SavedView>, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, name, query FROM saved_views WHERE user_id = $1 ORDER BY name, id")
            .bind(user_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id, name, query)| SavedView { id, name, query }).collect())
}

/// Saves the list's query under a name; the query is read as a filter and written back in canonical form, so
/// nothing but filters is kept. Saving under a name the caller already uses replaces that view.
pub async fn save(db: &Db, user_id: &str, name: &str, query: &str, now: i64) -> Result<SavedView, AppError> {
    let name = normalize_text(name);
    if name.is_empty() {
        return Err(AppError::field("name", Msg::ErrRequired));
    }
    if name.chars().count() > MAX_VIEW_NAME_CHARS {
        return Err(AppError::field("name", Msg::ErrTooLong));
    }
    let query = CandidateFilter::from_query(query).query_string();
    let mut tx = db.begin().await?;
    let existing: Option<String> = sqlx::query_scalar("SELECT id FROM saved_views WHERE user_id = $1 AND name = $2")
        .bind(user_id)
        .bind(&name)
        .fetch_optional(&mut *tx)
        .await?;
    let id = match existing {
        Some(id) => {
            sqlx::query("UPDATE saved_views SET query = $1, updated_at = $2 WHERE id = $3")
                .bind(&query)
                .bind(now)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM saved_views WHERE user_id = $1")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await?;
            if count >= MAX_SAVED_VIEWS {
                return Err(AppError::field("name", Msg::ErrTooManyViews));
            }
            let id = new_id();
            sqlx::query(
                "INSERT INTO saved_views (id, user_id, name, query, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(&id)
            .bind(user_id)
            .bind(&name)
            .bind(&query)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            id
        }
    };
    tx.commit().await?;
    Ok(SavedView { id, name, query })
}

/// Deletes one of the caller's views; someone else's is not found.
pub async fn delete(db: &Db, user_id: &str, id: &str) -> Result<(), AppError> {
    let deleted = sqlx::query("DELETE FROM saved_views WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
