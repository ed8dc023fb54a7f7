//! Analytics reports, computed when asked from the records (no cached figures to go stale): the funnel in its
//! two views. Erased people count like everyone else (their tombstones keep their applications and stage
//! history); the reports hold only counts, never who.
//!
//! - **Cohort**: one grouped pass over the applications created in the period, read from the index
//!   `applications_cohort` alone (migration 0023): each application's furthest stage (`reached_rank`, kept by
//!   the writers of stage moves), its current stage, outcome and reason.
//! - **Activity**: one grouped pass over the stage moves made in the period, read from the index
//!   `stage_transitions_activity` alone: each move carries its application's job and channel and the reason
//!   given with an outcome (copied when the move is written), so no move looks its application up.
mod export;

pub use export::funnel_csv;

use crate::backend::core::db::Db;
use crate::backend::core::query::{bind_params, Params};
use crate::domain::analytics::{DropOff, Funnel, FunnelView, ReportFilter};
use crate::domain::{Outcome, Stage};
use crate::i18n::Lang;
use std::collections::HashMap;

/// The conditions every report applies (job, department, channel) on the rows of `table`, an application or a
/// stage move (which carries its application's job and channel). The candidate list's links from a report use
/// the same conditions, so a list shows the people its figure counts.
pub(crate) fn application_conditions(
    table: &str,
    job: Option<&str>,
    department: Option<&str>,
    source: Option<&str>,
    params: &mut Params,
) -> Vec<String> {
    let mut clauses = Vec::new();
    if let Some(job) = job {
        clauses.push(format!("{table}.job_id = {}", params.text(job)));
    }
    if let Some(department) = department {
        clauses.push(format!(
            "{table}.job_id IN (SELECT j.id FROM jobs j WHERE j.department = {})",
            params.text(department)
        ));
    }
    if let Some(source) = source {
        clauses.push(format!("{table}.source_channel = {}", params.text(source)));
    }
    clauses
}

/// A count of the rows of `table` (`name alias`) whose `time` falls in the period and that match the filter,
/// grouped by `columns` (the count comes last).
fn grouped(
    table: &str,
    time: &str,
    columns: &str,
    filter: &ReportFilter,
    (start, end): (i64, i64),
) -> (String, Params) {
    let mut params = Params::default();
    let (s, e) = (params.int(start), params.int(end));
    let alias = table.rsplit(' ').next().unwrap_or(table);
    let mut clauses = vec![format!("{time} >= {s} AND {time} < {e}")];
    let (job, department, source) = (filter.job.as_deref(), filter.department.as_deref(), filter.source.as_deref());
    clauses.extend(application_conditions(alias, job, department, source, &mut params));
    let sql = format!("SELECT {columns}, COUNT(*) FROM {table} WHERE {} GROUP BY {columns}", clauses.join(" AND "));
    (sql, params)
}

type CohortRow = (i64, String, Option<String>, Option<String>, i64);
type ActivityRow = (String, Option<String>, Option<String>, Option<String>, i64);

/// The funnel for the filter's view and period.
pub async fn funnel(db: &Db, filter: &ReportFilter, now: i64, lang: Lang) -> Result<Funnel, sqlx::Error> {
    let (start, end) = filter.period(now);
    let view = filter.view();
    let mut counts = [0i64; 5];
    // (stage ended at, outcome, reason) → applications
    let mut ended: HashMap<(Stage, Outcome, Option<String>), i64> = HashMap::new();
    match view {
        FunnelView::Cohort => {
            let columns = "a.reached_rank, a.stage, a.outcome, a.decline_reason_id";
            let (sql, params) = grouped("applications a", "a.created_at", columns, filter, (start, end));
            let rows: Vec<CohortRow> =
                bind_params!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), params).fetch_all(db.pool()).await?;
            for (rank, stage, outcome, reason, n) in rows {
                for count in counts.iter_mut().take(rank.clamp(0, 4) as usize + 1) {
                    *count += n;
                }
                if let (Some(stage), Some(outcome)) =
                    (Stage::parse(&stage), outcome.as_deref().and_then(Outcome::parse))
                {
                    *ended.entry((stage, outcome, reason)).or_default() += n;
                }
            }
        }
        FunnelView::Activity => {
            let columns = "st.to_stage, st.from_stage, st.outcome, st.reason_id";
            let (sql, params) = grouped("stage_transitions st", "st.at", columns, filter, (start, end));
            let rows: Vec<ActivityRow> =
                bind_params!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), params).fetch_all(db.pool()).await?;
            for (stage, from, outcome, reason, n) in rows {
                let Some(stage) = Stage::parse(&stage) else { continue };
                // a row is a move into its stage unless it only records an outcome where the application stood
                if from.as_deref() != Some(stage.as_str()) {
                    counts[crate::domain::analytics::stage_rank(stage) as usize] += n;
                }
                if let Some(outcome) = outcome.as_deref().and_then(Outcome::parse) {
                    *ended.entry((stage, outcome, reason)).or_default() += n;
                }
            }
        }
    }
    let labels = reason_labels(db, lang).await?;
    let mut drop_offs: Vec<DropOff> = ended
        .into_iter()
        .map(|((stage, outcome, reason_id), count)| DropOff {
            stage,
            outcome,
            reason: reason_id.as_ref().and_then(|id| labels.get(id).cloned()).unwrap_or_default(),
            reason_id,
            count,
        })
        .collect();
    drop_offs.sort_by(|a, b| {
        (crate::domain::analytics::stage_rank(a.stage), a.outcome.as_str(), b.count, &a.reason).cmp(&(
            crate::domain::analytics::stage_rank(b.stage),
            b.outcome.as_str(),
            a.count,
            &b.reason,
        ))
    });
    Ok(Funnel { view, start, end, stages: Funnel::stages_from(counts), drop_offs })
}

/// Every decline reason's label in `lang` (retired ones too: old applications still name them).
async fn reason_labels(db: &Db, lang: Lang) -> Result<HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, label_ja, label_en FROM decline_reasons").fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(|(id, ja, en)| (id, if lang == Lang::En { en } else { ja })).collect())
}

/// The departments jobs are in, for the filter (sorted).
pub async fn departments(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT department FROM jobs ORDER BY department").fetch_all(db.pool()).await
}
