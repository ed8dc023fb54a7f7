//! Policy texts: one version per purpose at a time, both languages, published by admins. A consent record names
//! the version the person saw.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use crate::domain::{AppError, ConsentPurpose, PolicyText, PolicyVersion, MAX_POLICY_CHARS};
use crate::i18n::{Lang, Msg};

#[derive(sqlx::FromRow)]
pub(crate) struct PolicyRow {
    pub(crate) id: String,
    pub(crate) purpose: String,
    pub(crate) version: i64,
    pub(crate) text_ja: String,
    pub(crate) text_en: String,
    pub(crate) published_at: i64,
}

impl PolicyRow {
    pub(crate) fn text(&self, lang: Lang) -> PolicyText {
        PolicyText {
            purpose: ConsentPurpose::parse(&self.purpose).unwrap_or(ConsentPurpose::Selection),
            version: self.version,
            text: if lang == Lang::En { self.text_en.clone() } else { self.text_ja.clone() },
            published_at: self.published_at,
        }
    }
}

pub(crate) async fn latest_policies(conn: &mut sqlx::AnyConnection) -> Result<Vec<PolicyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, purpose, version, text_ja, text_en, published_at FROM policy_versions p \
         WHERE version = (SELECT MAX(version) FROM policy_versions q WHERE q.purpose = p.purpose)",
    )
    .fetch_all(conn)
    .await
}

/// Every version of every purpose, newest first (admin).
pub async fn policy_versions(db: &Db) -> Result<Vec<PolicyVersion>, sqlx::Error> {
    let rows: Vec<PolicyRow> = sqlx::query_as(
        "SELECT id, purpose, version, text_ja, text_en, published_at FROM policy_versions ORDER BY purpose, version DESC",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let _ = &r.id;
            Some(PolicyVersion {
                purpose: ConsentPurpose::parse(&r.purpose)?,
                version: r.version,
                text_ja: r.text_ja,
                text_en: r.text_en,
                published_at: r.published_at,
            })
        })
        .collect())
}

/// Publishes the next version of a purpose's policy text. Earlier consents stay bound to their version.
pub async fn publish(
    db: &Db,
    purpose: ConsentPurpose,
    text_ja: &str,
    text_en: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<i64, AppError> {
    let text_ja = text_ja.trim();
    let text_en = text_en.trim();
    let mut errors = Vec::new();
    for (field, text) in [("text_ja", text_ja), ("text_en", text_en)] {
        if text.is_empty() {
            errors.push(crate::domain::FieldError::new(field, Msg::ErrRequired));
        } else if text.chars().count() > MAX_POLICY_CHARS {
            errors.push(crate::domain::FieldError::new(field, Msg::ErrTooLong));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = db.begin().await?;
    let current: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM policy_versions WHERE purpose = $1")
        .bind(purpose.as_str())
        .fetch_one(&mut *tx)
        .await?;
    let version = current.unwrap_or(0) + 1;
    sqlx::query("INSERT INTO policy_versions (id, purpose, version, text_ja, text_en, published_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(new_id())
        .bind(purpose.as_str())
        .bind(version)
        .bind(text_ja)
        .bind(text_en)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| if e.as_database_error().is_some_and(|d| d.is_unique_violation()) { AppError::Conflict } else { e.into() })?;
    audit::record(
        &mut tx,
        actor,
        "policy_published",
        ("policy", None),
        &format!("{} v{version}", purpose.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}
