//! A job's pipeline board: its open applications by stage.
use crate::backend::core::db::Db;
use crate::domain::{PipelineCard, Stage};

#[derive(sqlx::FromRow)]
struct CardRow {
    id: String,
    candidate_id: String,
    family_name: String,
    given_name: String,
    stage: String,
    updated_at: i64,
}

/// The open applications of a job, newest move first, for the pipeline board.
pub async fn board(db: &Db, job_id: &str) -> Result<Vec<PipelineCard>, sqlx::Error> {
    let rows: Vec<CardRow> = sqlx::query_as(
        "SELECT a.id, a.candidate_id, c.family_name, c.given_name, a.stage, a.updated_at FROM applications a \
         JOIN candidates c ON c.id = a.candidate_id \
         WHERE a.job_id = $1 AND a.outcome IS NULL AND c.status = 'active' ORDER BY a.updated_at DESC, a.id",
    )
    .bind(job_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PipelineCard {
            name: format!("{} {}", r.family_name, r.given_name),
            application_id: r.id,
            candidate_id: r.candidate_id,
            stage: Stage::parse(&r.stage).unwrap_or(Stage::Applied),
            since: r.updated_at,
        })
        .collect())
}
