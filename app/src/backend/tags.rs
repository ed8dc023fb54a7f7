//! Tags on candidates: one tag however it is spelled (a key per tag), added and removed one by one or for a
//! selection.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use crate::domain::{AppError, Tag, MAX_TAG_CHARS};
use crate::i18n::Msg;
use sqlx::AnyConnection;

pub async fn all_tags(conn: &mut AnyConnection) -> Result<Vec<Tag>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, name FROM tags ORDER BY name").fetch_all(conn).await?;
    Ok(rows.into_iter().map(|(id, name)| Tag { id, name }).collect())
}

/// A comma-separated list of tags (、 too), each cleaned, each once: `a, a` and `A,a` are one tag, spelled as
/// first written.
pub fn tag_list(tags: &str) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.split([',', '、']).filter(|t| !t.trim().is_empty()) {
        let tag = clean_tag(tag)?;
        if !out.iter().any(|t| tag_key(t) == tag_key(&tag)) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// What makes two spellings one tag: the clean name, lower-cased.
pub fn tag_key(clean: &str) -> String {
    clean.to_lowercase()
}

/// A tag name as stored: NFKC, trimmed, one line, not empty, not too long.
pub fn clean_tag(name: &str) -> Result<String, AppError> {
    let name = crate::domain::normalize_text(name);
    if name.is_empty() {
        Err(AppError::field("tag", Msg::ErrRequired))
    } else if name.chars().count() > MAX_TAG_CHARS || name.contains(',') {
        Err(AppError::field("tag", if name.contains(',') { Msg::ErrInvalid } else { Msg::ErrTooLong }))
    } else {
        Ok(name)
    }
}

/// The id of a tag by its (clean) name, creating it if it is new.
async fn tag_id(conn: &mut AnyConnection, name: &str, now: i64) -> Result<String, sqlx::Error> {
    let key = tag_key(name);
    sqlx::query("INSERT INTO tags (id, name, key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(new_id())
        .bind(name)
        .bind(&key)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar("SELECT id FROM tags WHERE key = $1").bind(&key).fetch_one(conn).await
}

/// The ids of these (clean) tags, creating the ones that are new.
pub async fn ids(conn: &mut AnyConnection, names: &[String], now: i64) -> Result<Vec<String>, sqlx::Error> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        ids.push(tag_id(&mut *conn, name, now).await?);
    }
    Ok(ids)
}

/// Puts tags on a candidate who has none yet (one just added).
pub async fn attach(
    conn: &mut AnyConnection,
    candidate_id: &str,
    tag_ids: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    for tag_id in tag_ids {
        sqlx::query(
            "INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (candidate_id, tag_id) DO NOTHING",
        )
        .bind(candidate_id)
        .bind(tag_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Adds (or with `remove`, takes away) tags — one, or a comma-separated list — on many candidates at once;
/// returns how many candidates changed.
pub async fn set_tag(
    db: &Db,
    candidate_ids: &[String],
    tags: &str,
    remove: bool,
    actor: &Actor<'_>,
    now: i64,
) -> Result<u64, AppError> {
    let names = tag_list(tags)?;
    if names.is_empty() {
        return Err(AppError::field("tag", Msg::ErrRequired));
    }
    if candidate_ids.is_empty() {
        return Err(AppError::field("ids", Msg::ErrChooseCandidates));
    }
    let mut tx = db.begin().await?;
    let mut changed = std::collections::HashSet::new();
    for name in &names {
        let tag_id = tag_id(&mut tx, name, now).await?;
        for id in candidate_ids {
            if tag_one(&mut tx, id, &tag_id, name, remove, actor, now).await? {
                changed.insert(id);
            }
        }
    }
    tx.commit().await?;
    Ok(changed.len() as u64)
}

async fn tag_one(
    tx: &mut AnyConnection,
    id: &str,
    tag_id: &str,
    name: &str,
    remove: bool,
    actor: &Actor<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let affected = if remove {
        sqlx::query("DELETE FROM candidate_tags WHERE candidate_id = $1 AND tag_id = $2")
            .bind(id)
            .bind(tag_id)
            .execute(&mut *tx)
            .await?
    } else {
        sqlx::query(
            "INSERT INTO candidate_tags (candidate_id, tag_id, created_at) \
                 SELECT id, $2, $3 FROM candidates WHERE id = $1 AND status = 'active' \
                 ON CONFLICT (candidate_id, tag_id) DO NOTHING",
        )
        .bind(id)
        .bind(tag_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
    };
    if affected.rows_affected() > 0 {
        let action = if remove { "untagged" } else { "tagged" };
        audit::record(&mut *tx, actor, action, ("candidate", Some(id)), name, now).await?;
    }
    Ok(affected.rows_affected() > 0)
}

pub async fn tags_of(conn: &mut AnyConnection, candidate_id: &str) -> Result<Vec<Tag>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.id, t.name FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.candidate_id = $1 ORDER BY t.name",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id, name)| Tag { id, name }).collect())
}
