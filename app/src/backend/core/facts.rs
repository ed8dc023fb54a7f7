//! The per-person summary on `candidates` (migration 0022): the latest talent-pool and job-news answer, the last
//! rejection, the last application and the furthest stage reached. Segments, campaigns and the candidate list ask
//! these of every person at once; read from the source tables that was a join per person (a count over 100 000
//! people took 120–450 ms, `kizuna bench segments`), as columns it is an index range.
//!
//! The columns are derived, never written by hand: every writer of their sources (a consent record, an
//! application, a stage move, a merge) calls [`refresh`] in its own transaction, which recomputes all of them from
//! the sources. On PostgreSQL it first locks the person's row, so of two transactions changing the same person the
//! second recomputes after the first committed and sees both changes (a lock that does not conflict with the key
//! share a foreign key takes). Writers that change an application lock the person first ([`lock_person`]), the
//! order erasure uses too.
use sqlx::AnyConnection;

use crate::domain::ConsentPurpose;

/// The summary, recomputed for the rows the statement's WHERE selects (`candidates` unaliased).
const RECOMPUTE: &str = "UPDATE candidates SET \
    pool_consent = CASE WHEN (SELECT r.action FROM consent_records r WHERE r.candidate_id = candidates.id \
        AND r.purpose = 'talent_pool' AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1) = 'granted' \
        THEN 1 ELSE 0 END, \
    news_consent = CASE WHEN (SELECT r.action FROM consent_records r WHERE r.candidate_id = candidates.id \
        AND r.purpose = 'job_news' AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1) = 'granted' \
        THEN 1 ELSE 0 END, \
    last_rejected_at = (SELECT MAX(st.at) FROM applications a JOIN stage_transitions st ON st.application_id = a.id \
        WHERE a.candidate_id = candidates.id AND st.outcome = 'rejected'), \
    last_applied_at = (SELECT MAX(a.created_at) FROM applications a WHERE a.candidate_id = candidates.id), \
    stage_rank = (SELECT MAX(CASE a.stage WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'interview' THEN 2 \
        WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 END) FROM applications a WHERE a.candidate_id = candidates.id)";

/// Locks the person's row until the transaction ends (PostgreSQL; SQLite has one writer at a time). Writers of
/// a person's applications and consent take it before touching those rows, as erasure does, so that two of them
/// never wait for each other in a circle.
pub async fn lock_person(conn: &mut AnyConnection, candidate_id: &str) -> Result<(), sqlx::Error> {
    if conn.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT id FROM candidates WHERE id = $1 FOR NO KEY UPDATE")
            .bind(candidate_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Recomputes one person's summary from its sources, inside the writer's transaction.
pub async fn refresh(conn: &mut AnyConnection, candidate_id: &str) -> Result<(), sqlx::Error> {
    lock_person(conn, candidate_id).await?;
    let sql = format!("{RECOMPUTE} WHERE id = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(candidate_id).execute(&mut *conn).await?;
    Ok(())
}

/// [`refresh`] for the person an application belongs to.
pub async fn refresh_for_application(conn: &mut AnyConnection, application_id: &str) -> Result<(), sqlx::Error> {
    let candidate: Option<String> = sqlx::query_scalar("SELECT candidate_id FROM applications WHERE id = $1")
        .bind(application_id)
        .fetch_optional(&mut *conn)
        .await?;
    match candidate {
        Some(candidate) => refresh(conn, &candidate).await,
        None => Ok(()),
    }
}

/// Recomputes everyone's summary: after bulk writes that bypass the writers (seeding, benchmarks, test fixtures).
pub async fn refresh_all(conn: &mut AnyConnection) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(RECOMPUTE).execute(conn).await?.rows_affected())
}

/// The condition "the latest answer of `c` for the purpose is granted", for the purposes the summary holds
/// (talent pool and job news; optional mail needs nothing else). Any other purpose is never granted here.
pub fn granted(purpose: ConsentPurpose) -> &'static str {
    match purpose {
        ConsentPurpose::TalentPool => "c.pool_consent = 1",
        ConsentPurpose::JobNews => "c.news_consent = 1",
        ConsentPurpose::Selection | ConsentPurpose::AgencyReferral => "1 = 0",
    }
}
