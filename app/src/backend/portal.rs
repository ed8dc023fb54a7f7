//! What the portal reads, always scoped by the signed-in candidate's id.
use super::core::db::Db;
use crate::domain::{ApplicationSummary, CandidateStatus, Outcome, Stage};
use crate::i18n::Lang;

pub async fn applications(db: &Db, candidate_id: &str, lang: Lang) -> Result<Vec<ApplicationSummary>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        title_ja: String,
        title_en: String,
        stage: String,
        outcome: Option<String>,
        created_at: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, j.title_ja, j.title_en, a.stage, a.outcome, a.created_at FROM applications a \
         JOIN jobs j ON j.id = a.job_id WHERE a.candidate_id = $1 ORDER BY a.created_at DESC, a.id DESC",
    )
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ApplicationSummary {
            job_title: if lang == Lang::En { r.title_en } else { r.title_ja },
            status: CandidateStatus::of(
                Stage::parse(&r.stage).unwrap_or(Stage::Applied),
                r.outcome.as_deref().and_then(Outcome::parse),
            ),
            id: r.id,
            applied_at: r.created_at,
        })
        .collect())
}

/// The candidate's name as the portal greets them.
pub async fn display_name(db: &Db, candidate_id: &str) -> Result<String, sqlx::Error> {
    let (family, given): (String, String) =
        sqlx::query_as("SELECT family_name, given_name FROM candidates WHERE id = $1")
            .bind(candidate_id)
            .fetch_one(db.pool())
            .await?;
    Ok(format!("{family} {given}"))
}
