//! Résumés: PDF or DOCX up to 10 MB, the type decided by the content (not the name or the browser's word),
//! stored under the data folder with their SHA-256; only the candidate (and later recruiters) may read them.
use super::audit::{self, Actor};
use super::db::{new_id, Db};
use super::state::Config;
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

/// Stores a new résumé for the candidate (the newest one is the current one).
pub async fn store(
    db: &Db,
    config: &Config,
    candidate_id: &str,
    file_name: &str,
    bytes: &[u8],
    actor: &Actor<'_>,
    now: i64,
) -> Result<StoredResume, AppError> {
    if bytes.is_empty() {
        return Err(AppError::field("resume", Msg::ErrRequired));
    }
    if bytes.len() > MAX_RESUME_BYTES {
        return Err(AppError::field("resume", Msg::ErrFileTooLarge));
    }
    let kind = ResumeKind::sniff(bytes).ok_or_else(|| AppError::field("resume", Msg::ErrFileType))?;
    let id = new_id();
    let dir = config.data_dir.join("resumes");
    tokio::fs::create_dir_all(&dir).await.map_err(|e| {
        tracing::error!(%e, "creating the résumé folder");
        AppError::Internal
    })?;
    let path = dir.join(format!("{id}.{}", kind.extension()));
    tokio::fs::write(&path, bytes).await.map_err(|e| {
        tracing::error!(%e, "writing a résumé");
        AppError::Internal
    })?;
    let file_name = clean_file_name(file_name);
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO resumes (id, candidate_id, file_name, kind, size, sha256, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(candidate_id)
    .bind(&file_name)
    .bind(kind.extension())
    .bind(bytes.len() as i64)
    .bind(hex::encode(Sha256::digest(bytes)))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "resume_uploaded", ("candidate", Some(candidate_id)), kind.extension(), now).await?;
    tx.commit().await?;
    Ok(StoredResume { id, file_name, size: bytes.len() as i64, uploaded_at: now })
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

/// Removes every résumé file of a candidate (erasure).
pub async fn delete_all(db: &Db, config: &Config, candidate_id: &str) -> Result<(), sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, kind FROM resumes WHERE candidate_id = $1")
        .bind(candidate_id)
        .fetch_all(db.pool())
        .await?;
    for (id, kind) in rows {
        let _ = tokio::fs::remove_file(config.data_dir.join("resumes").join(format!("{id}.{kind}"))).await;
    }
    sqlx::query("DELETE FROM resumes WHERE candidate_id = $1").bind(candidate_id).execute(db.pool()).await?;
    Ok(())
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
