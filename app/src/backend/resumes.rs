//! Résumés: PDF or DOCX up to 10 MB, the type decided by the content (not the name or the browser's word),
//! stored under the data folder with their SHA-256; only the candidate (and later recruiters) may read them.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::state::Config;
use crate::domain::{AppError, StoredResume};
use crate::i18n::Msg;
use sha2::{Digest, Sha256};

pub const MAX_RESUME_BYTES: usize = 10 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeKind {
    Pdf,
    Docx,
}

impl ResumeKind {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Docx => "docx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }

    /// Sniffs the bytes: a PDF header, or a ZIP that holds a Word document.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            return Some(Self::Pdf);
        }
        let zip = bytes.starts_with(b"PK\x03\x04");
        let word = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        if zip && word(b"[Content_Types].xml") && word(b"word/document.xml") {
            return Some(Self::Docx);
        }
        None
    }

    fn parse(value: &str) -> Option<Self> {
        match value {
            "pdf" => Some(Self::Pdf),
            "docx" => Some(Self::Docx),
            _ => None,
        }
    }
}

fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control() && !"<>:\"|?*".contains(*c)).take(120).collect();
    if cleaned.trim().is_empty() {
        "resume".into()
    } else {
        cleaned
    }
}

/// Résumés kept per candidate: an upload beyond them deletes the oldest.
pub const KEPT_RESUMES: usize = 5;
/// Uploads one candidate may make in an hour (each costs disk and a hash).
const UPLOADS_PER_HOUR: i64 = 10;
const HOUR_MS: i64 = 3_600_000;

fn path_of(config: &Config, id: &str, extension: &str) -> std::path::PathBuf {
    config.data_dir.join("resumes").join(format!("{id}.{extension}"))
}

/// Stores a new résumé for the candidate (the newest one is the current one); only the latest
/// [`KEPT_RESUMES`] are kept, the older files deleted.
pub async fn store(
    db: &Db,
    config: &Config,
    candidate_id: &str,
    file_name: &str,
    bytes: &[u8],
    actor: &Actor<'_>,
    now: i64,
) -> Result<StoredResume, AppError> {
    let mut conn = db.pool().acquire().await?;
    let key = format!("resume:{candidate_id}");
    let allowed = super::core::ratelimit::allow(&mut conn, &key, UPLOADS_PER_HOUR, HOUR_MS, now).await?;
    drop(conn);
    if !allowed {
        return Err(AppError::RateLimited);
    }
    if bytes.is_empty() {
        return Err(AppError::field("resume", Msg::ErrRequired));
    }
    if bytes.len() > MAX_RESUME_BYTES {
        return Err(AppError::field("resume", Msg::ErrFileTooLarge));
    }
    let kind = ResumeKind::sniff(bytes).ok_or_else(|| AppError::field("resume", Msg::ErrFileType))?;
    let id = new_id();
    let internal = |e: std::io::Error| {
        tracing::error!(%e, "writing a résumé");
        AppError::Internal
    };
    tokio::fs::create_dir_all(config.data_dir.join("resumes")).await.map_err(internal)?;
    let path = path_of(config, &id, kind.extension());
    tokio::fs::write(&path, bytes).await.map_err(internal)?;
    let file_name = clean_file_name(file_name);
    let recorded = record(db, candidate_id, &id, &file_name, kind, bytes, actor, now).await;
    let pruned = match recorded {
        Ok(pruned) => pruned,
        Err(error) => {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(error);
        }
    };
    for (old, extension) in pruned {
        remove(&path_of(config, &old, &extension)).await;
    }
    Ok(StoredResume { id, file_name, size: bytes.len() as i64, uploaded_at: now })
}

/// The new résumé's row, and the rows of those now beyond the latest [`KEPT_RESUMES`] deleted; returns the
/// files to delete.
#[allow(clippy::too_many_arguments)]
async fn record(
    db: &Db,
    candidate_id: &str,
    id: &str,
    file_name: &str,
    kind: ResumeKind,
    bytes: &[u8],
    actor: &Actor<'_>,
    now: i64,
) -> Result<Vec<(String, String)>, AppError> {
    let mut tx = db.begin().await?;
    // only for a candidate still there: one erased while the file was on its way gets no row (and no file)
    let inserted = sqlx::query(
        "INSERT INTO resumes (id, candidate_id, file_name, kind, size, sha256, uploaded_at) \
         SELECT $1, id, $3, $4, $5, $6, $7 FROM candidates WHERE id = $2 AND status = 'active'",
    )
    .bind(id)
    .bind(candidate_id)
    .bind(file_name)
    .bind(kind.extension())
    .bind(bytes.len() as i64)
    .bind(hex::encode(Sha256::digest(bytes)))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        return Err(AppError::Unauthorized);
    }
    let older: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, kind FROM resumes WHERE candidate_id = $1 ORDER BY uploaded_at DESC, id DESC LIMIT 1000 OFFSET $2",
    )
    .bind(candidate_id)
    .bind(KEPT_RESUMES as i64)
    .fetch_all(&mut *tx)
    .await?;
    for (old, _) in &older {
        sqlx::query("DELETE FROM resumes WHERE id = $1").bind(old).execute(&mut *tx).await?;
    }
    audit::record(&mut tx, actor, "resume_uploaded", ("candidate", Some(candidate_id)), kind.extension(), now).await?;
    tx.commit().await?;
    Ok(older)
}

async fn remove(path: &std::path::Path) {
    match tokio::fs::remove_file(path).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        // the housekeeping sweep deletes it later (a file without its row)
        Err(e) => tracing::error!(%e, "deleting a résumé file"),
    }
}

pub async fn list(db: &Db, candidate_id: &str) -> Result<Vec<StoredResume>, sqlx::Error> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, file_name, size, uploaded_at FROM resumes WHERE candidate_id = $1 ORDER BY uploaded_at DESC, id DESC",
    )
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, file_name, size, uploaded_at)| StoredResume { id, file_name, size, uploaded_at })
        .collect())
}

/// The file of one of the candidate's own résumés; another candidate's id is simply not found.
pub async fn open(
    db: &Db,
    config: &Config,
    candidate_id: &str,
    id: &str,
) -> Result<(ResumeKind, String, Vec<u8>), AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT kind, file_name FROM resumes WHERE id = $1 AND candidate_id = $2")
            .bind(id)
            .bind(candidate_id)
            .fetch_optional(db.pool())
            .await?;
    let (kind, file_name) = row.ok_or(AppError::NotFound)?;
    let kind = ResumeKind::parse(&kind).ok_or(AppError::Internal)?;
    let bytes = tokio::fs::read(config.data_dir.join("resumes").join(format!("{id}.{}", kind.extension())))
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok((kind, file_name, bytes))
}

/// Deletes every résumé row of a candidate (erasure, inside its transaction); returns their files, for
/// [`remove_files`] once the transaction is committed.
pub async fn take_all(
    conn: &mut sqlx::AnyConnection,
    config: &Config,
    candidate_id: &str,
) -> Result<Vec<std::path::PathBuf>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, kind FROM resumes WHERE candidate_id = $1")
        .bind(candidate_id)
        .fetch_all(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM resumes WHERE candidate_id = $1").bind(candidate_id).execute(&mut *conn).await?;
    Ok(rows.into_iter().map(|(id, kind)| path_of(config, &id, &kind)).collect())
}

pub async fn remove_files(paths: &[std::path::PathBuf]) {
    for path in paths {
        remove(path).await;
    }
}

/// Deletes résumé files that have no row (a deletion that failed, an upload whose row was never written), once
/// they are an hour old; returns how many.
pub async fn sweep_orphans(db: &Db, config: &Config) -> Result<usize, sqlx::Error> {
    let dir = config.data_dir.join("resumes");
    let Ok(mut entries) = tokio::fs::read_dir(&dir).await else { return Ok(0) };
    let mut swept = 0;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((id, _)) = name.split_once('.') else { continue };
        let old = entry.metadata().await.ok().and_then(|m| m.modified().ok()).and_then(|m| m.elapsed().ok());
        if old.is_none_or(|age| age.as_secs() < 3600) {
            continue;
        }
        let known: Option<String> =
            sqlx::query_scalar("SELECT id FROM resumes WHERE id = $1").bind(id).fetch_optional(db.pool()).await?;
        if known.is_none() {
            remove(&entry.path()).await;
            swept += 1;
        }
    }
    Ok(swept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(ResumeKind::sniff(b"%PDF-1.7\n..."), Some(ResumeKind::Pdf));
        let docx = [b"PK\x03\x04".as_slice(), b"....[Content_Types].xml....word/document.xml...."].concat();
        assert_eq!(ResumeKind::sniff(&docx), Some(ResumeKind::Docx));
        assert_eq!(ResumeKind::sniff(b"PK\x03\x04 just a zip"), None);
        assert_eq!(ResumeKind::sniff(b"<html>%PDF-"), None);
        assert_eq!(ResumeKind::sniff(b"MZ\x90\x00"), None);
    }

    #[test]
    fn file_names_lose_paths_and_odd_characters() {
        assert_eq!(clean_file_name("C:\\Users\\x\\履歴書.pdf"), "履歴書.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a<b>.pdf"), "ab.pdf");
        assert_eq!(clean_file_name(""), "resume");
    }
}
