//! Imports uploaded before rows were staged kept the whole decoded file in `imports.content`. The first time such an
//! import is opened or worked on, its rows not yet imported move to the staging table and the file is dropped.
use super::rows;
use crate::backend::core::db::Db;
use crate::domain::{parse_csv, AppError};
use crate::i18n::Msg;

pub async fn adopt(db: &Db, id: &str) -> Result<(), AppError> {
    let legacy: Option<(String, i64)> =
        sqlx::query_as("SELECT content, rows_done FROM imports WHERE id = $1 AND content <> ''")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    let Some((content, rows_done)) = legacy else { return Ok(()) };
    let mut rows = parse_csv(&content).map_err(|_| AppError::field("file", Msg::ErrCsvInvalid))?;
    if rows.is_empty() {
        return Err(AppError::field("file", Msg::ErrCsvInvalid));
    }
    let headers = serde_json::to_string(&rows.remove(0).1).map_err(|_| AppError::Internal)?;
    let done = usize::try_from(rows_done).unwrap_or(0).min(rows.len());
    let mut tx = db.begin().await?;
    let claimed = sqlx::query("UPDATE imports SET content = '', headers = $1 WHERE id = $2 AND content <> ''")
        .bind(&headers)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() == 1 {
        rows::stage(&mut tx, id, &rows[done..]).await?;
        tx.commit().await?;
    }
    Ok(())
}
