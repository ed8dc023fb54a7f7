//! The managed lists of decline reasons, company-side (why we rejected) and candidate-side (why they withdrew):
//! admins add reasons and retire them; a retired reason is no longer offered but stays on the applications that
//! used it, so that history and statistics keep their meaning.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use crate::domain::{normalize_text, AppError, DeclineReason, FieldError};
use crate::i18n::Msg;

const MAX_LABEL_CHARS: usize = 100;

/// Every reason of both sides, with how many applications use it.
pub async fn list(db: &Db) -> Result<Vec<DeclineReason>, sqlx::Error> {
    type Row = (String, String, String, String, String, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT r.id, r.side, r.label_ja, r.label_en, r.status, \
           (SELECT COUNT(*) FROM applications a WHERE a.decline_reason_id = r.id) \
         FROM decline_reasons r ORDER BY r.side, r.status, r.created_at, r.id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, side, label_ja, label_en, status, uses)| DeclineReason {
            id,
            company_side: side == "company",
            label_ja,
            label_en,
            active: status == "active",
            uses,
        })
        .collect())
}

/// Adds a reason to one side's list, with its label in both languages.
pub async fn add(
    db: &Db,
    side: &str,
    label_ja: &str,
    label_en: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
    let mut errors = Vec::new();
    if !matches!(side, "company" | "candidate") {
        errors.push(FieldError::new("side", Msg::ErrInvalid));
    }
    let mut label = |field: &str, value: &str| {
        let value = normalize_text(value);
        if value.is_empty() {
            errors.push(FieldError::new(field, Msg::ErrRequired));
        } else if value.chars().count() > MAX_LABEL_CHARS {
            errors.push(FieldError::new(field, Msg::ErrTooLong));
        }
        value
    };
    let (label_ja, label_en) = (label("label_ja", label_ja), label("label_en", label_en));
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = db.begin().await?;
    let same: Option<String> =
        sqlx::query_scalar("SELECT id FROM decline_reasons WHERE side = $1 AND label_ja = $2 AND status = 'active'")
            .bind(side)
            .bind(&label_ja)
            .fetch_optional(&mut *tx)
            .await?;
    if same.is_some() {
        return Err(AppError::field("label_ja", Msg::ErrReasonExists));
    }
    let id = new_id();
    sqlx::query("INSERT INTO decline_reasons (id, side, label_ja, label_en, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(side)
        .bind(&label_ja)
        .bind(&label_en)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, actor, "reason_added", ("decline_reason", Some(&id)), &label_ja, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Retires a reason (no longer offered) or brings it back.
pub async fn set_active(db: &Db, id: &str, active: bool, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let status = if active { "active" } else { "retired" };
    let updated = sqlx::query("UPDATE decline_reasons SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, &format!("reason_{status}"), ("decline_reason", Some(id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}
