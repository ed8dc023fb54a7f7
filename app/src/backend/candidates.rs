//! Recruiters finding a candidate (a first search; the full list with filters comes with the workspace issue).
use super::db::Db;
use crate::domain::{CandidateDetail, CandidateSummary, JobOption};
use crate::i18n::Lang;

pub const SEARCH_LIMIT: i64 = 50;

fn summary(
    (id, family, given, email, source_channel, created_at): (String, String, String, String, String, i64),
) -> CandidateSummary {
    CandidateSummary { id, name: format!("{family} {given}"), email, source_channel, created_at }
}

/// Active candidates whose name, reading or e-mail contains the query (normalised like stored data), newest first.
pub async fn search(db: &Db, query: &str) -> Result<Vec<CandidateSummary>, sqlx::Error> {
    let needle = crate::domain::normalize_text(query).to_lowercase();
    let pattern = format!("%{}%", needle.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, family_name, given_name, email, source_channel, created_at FROM candidates WHERE status = 'active' AND ( \
           email LIKE $1 ESCAPE '\\' OR LOWER(family_name || ' ' || given_name) LIKE $1 ESCAPE '\\' \
           OR LOWER(family_name || given_name) LIKE $1 ESCAPE '\\' \
           OR COALESCE(family_name_kana, '') || ' ' || COALESCE(given_name_kana, '') LIKE $1 ESCAPE '\\') \
         ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(pattern)
    .bind(SEARCH_LIMIT)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

pub async fn detail(db: &Db, id: &str, lang: Lang, now: i64) -> Result<Option<CandidateDetail>, sqlx::Error> {
    let row: Option<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, family_name, given_name, email, source_channel, created_at FROM candidates WHERE id = $1 AND status = 'active'",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let jobs: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, title_ja, title_en FROM jobs WHERE status = 'open' ORDER BY title_ja")
            .fetch_all(db.pool())
            .await?;
    #[derive(sqlx::FromRow)]
    struct ApplicationRow {
        id: String,
        title_ja: String,
        title_en: String,
        stage: String,
        outcome: Option<String>,
        label_ja: Option<String>,
        label_en: Option<String>,
        decline_note: Option<String>,
        created_at: i64,
    }
    let rows: Vec<ApplicationRow> = sqlx::query_as(
        "SELECT a.id, j.title_ja, j.title_en, a.stage, a.outcome, r.label_ja, r.label_en, a.decline_note, a.created_at \
         FROM applications a JOIN jobs j ON j.id = a.job_id LEFT JOIN decline_reasons r ON r.id = a.decline_reason_id \
         WHERE a.candidate_id = $1 ORDER BY a.created_at DESC, a.id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let applications = rows
        .into_iter()
        .map(|r| crate::domain::AdminApplication {
            id: r.id,
            job_title: if lang == Lang::En { r.title_en } else { r.title_ja },
            stage: crate::domain::Stage::parse(&r.stage).unwrap_or(crate::domain::Stage::Applied),
            outcome: r.outcome.as_deref().and_then(crate::domain::Outcome::parse),
            reason: if lang == Lang::En { r.label_en } else { r.label_ja },
            note: r.decline_note,
            applied_at: r.created_at,
        })
        .collect();
    Ok(Some(CandidateDetail {
        applications,
        reject_reasons: super::rejection::reasons(db, "company", lang).await?,
        summary: summary(row),
        job_news_consent: super::preferences::may_contact(db, id, crate::domain::ConsentPurpose::JobNews, now).await?,
        invitations: super::invitations::for_candidate(db, id, lang).await?,
        open_jobs: jobs
            .into_iter()
            .map(|(id, ja, en)| JobOption { id, title: if lang == Lang::En { en } else { ja } })
            .collect(),
    }))
}
