//! The pipeline: applications move applied → screening → interview → offer → hired; rejected and withdrawn are
//! outcomes. Every move is recorded in the append-only stage history with its time and author.
pub mod board;
pub mod rejection;

use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::{new_id, Db};
use crate::backend::core::facts;
use crate::domain::{AppError, Stage, StageMove};
use crate::i18n::Msg;
use sqlx::AnyConnection;

/// Moves an open application to another stage.
pub async fn move_stage(db: &Db, application_id: &str, to: Stage, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let found: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT candidate_id, stage, outcome FROM applications WHERE id = $1")
            .bind(application_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (candidate_id, from, outcome) = found.ok_or(AppError::NotFound)?;
    facts::lock_person(&mut tx, &candidate_id).await?;
    if outcome.is_some() {
        return Err(AppError::field("stage", Msg::ErrApplicationClosed));
    }
    if from == to.as_str() {
        return Err(AppError::field("stage", Msg::ErrSameStage));
    }
    // the WHERE makes two recruiters moving at once record one move, not two from the same stage
    let updated = sqlx::query(
        "UPDATE applications SET stage = $1, updated_at = $2 WHERE id = $3 AND stage = $4 AND outcome IS NULL",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(application_id)
    .bind(&from)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    record_transition(&mut tx, application_id, Some(&from), to.as_str(), None, actor.id, now).await?;
    let detail = format!("application {application_id} {from} -> {}", to.as_str());
    audit::record(&mut tx, actor, "stage_moved", ("candidate", Some(&candidate_id)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Appends one move to an application's history (the append-only `stage_transitions`); an outcome (rejected,
/// withdrawn) is recorded as a move that stays on the same stage, after the application got its reason. The move
/// carries its application's job and channel and that reason (what the activity funnel counts by).
pub async fn record_transition(
    conn: &mut AnyConnection,
    application_id: &str,
    from: Option<&str>,
    to: &str,
    outcome: Option<&str>,
    actor_id: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, outcome, actor_id, at, job_id, \
           source_channel, reason_id) \
         SELECT $1, $2, $3, $4, $5, $6, $7, a.job_id, a.source_channel, \
           CASE WHEN $5 IS NULL THEN NULL ELSE a.decline_reason_id END FROM applications a WHERE a.id = $2",
    )
    .bind(new_id())
    .bind(application_id)
    .bind(from)
    .bind(to)
    .bind(outcome)
    .bind(actor_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    facts::refresh_for_application(conn, application_id).await
}

/// Records that the candidate withdrew an open application, with a candidate-side reason.
pub async fn withdraw(
    db: &Db,
    application_id: &str,
    reason_id: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let reason: Option<String> =
        sqlx::query_scalar("SELECT id FROM decline_reasons WHERE id = $1 AND side = 'candidate' AND status = 'active'")
            .bind(reason_id)
            .fetch_optional(&mut *tx)
            .await?;
    if reason.is_none() {
        return Err(AppError::field("reason_id", Msg::ErrChooseReason));
    }
    let found: Option<(String, String)> = sqlx::query_as(
        "SELECT candidate_id, stage FROM applications WHERE id = $1 AND outcome IS NULL AND stage <> 'hired'",
    )
    .bind(application_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((candidate_id, stage)) = found else { return Err(AppError::field("stage", Msg::ErrApplicationClosed)) };
    facts::lock_person(&mut tx, &candidate_id).await?;
    sqlx::query(
        "UPDATE applications SET outcome = 'withdrawn', decline_reason_id = $1, updated_at = $2 WHERE id = $3 AND outcome IS NULL",
    )
    .bind(reason_id)
    .bind(now)
    .bind(application_id)
    .execute(&mut *tx)
    .await?;
    record_transition(&mut tx, application_id, Some(&stage), &stage, Some("withdrawn"), actor.id, now).await?;
    let detail = format!("application {application_id} reason {reason_id}");
    audit::record(&mut tx, actor, "withdrawn", ("candidate", Some(&candidate_id)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Every move of an application, oldest first, with who made it.
pub async fn history(conn: &mut AnyConnection, application_id: &str) -> Result<Vec<StageMove>, sqlx::Error> {
    type MoveRow = (Option<String>, String, Option<String>, Option<String>, i64);
    let rows: Vec<MoveRow> = sqlx::query_as(
        "SELECT t.from_stage, t.to_stage, t.outcome, u.display_name, t.at FROM stage_transitions t \
         LEFT JOIN users u ON u.id = t.actor_id WHERE t.application_id = $1 ORDER BY t.at, t.id",
    )
    .bind(application_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(from, to, outcome, author, at)| StageMove {
            from: from.as_deref().and_then(Stage::parse),
            to: Stage::parse(&to).unwrap_or(Stage::Applied),
            outcome: outcome.as_deref().and_then(crate::domain::Outcome::parse),
            author,
            at,
        })
        .collect())
}
