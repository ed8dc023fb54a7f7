//! The per-person summary on `candidates` (migration 0022): the latest talent-pool and job-news answer, the last
//! rejection, the last application and the furthest stage reached; and on each application the furthest stage it
//! reached (`reached_rank`, for the cohort funnel). Segments, campaigns and the candidate list ask
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

/// A stage column as its rank (0 applied … 4 hired), in SQL.
macro_rules! rank_of {
    ($column:literal) => {
        concat!(
            "CASE ",
            $column,
            " WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'interview' THEN 2 WHEN 'offer' THEN 3 \
             WHEN 'hired' THEN 4 END"
        )
    };
}

/// The furthest stage each of a person's applications has reached (`applications.reached_rank`, migration
/// 0023): its current stage, or a later one its history went through.
const REACHED_ONE: &[&str] = &[
    concat!("UPDATE applications SET reached_rank = ", rank_of!("stage"), " WHERE candidate_id = $1"),
    concat!(
        "UPDATE applications SET reached_rank = (SELECT MAX(",
        rank_of!("st.to_stage"),
        ") FROM stage_transitions st WHERE st.application_id = applications.id) WHERE candidate_id = $1 \
         AND (SELECT MAX(",
        rank_of!("st.to_stage"),
        ") FROM stage_transitions st WHERE st.application_id = applications.id) > reached_rank"
    ),
];

/// One person's summary from its sources. The person is a constant (`$1`) in every lookup, so each is planned as
/// a range of that person's rows through their index.
const RECOMPUTE_ONE: &str = "UPDATE candidates SET \
    pool_consent = CASE WHEN (SELECT r.action FROM consent_records r WHERE r.candidate_id = $1 \
        AND r.purpose = 'talent_pool' AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1) = 'granted' \
        THEN 1 ELSE 0 END, \
    news_consent = CASE WHEN (SELECT r.action FROM consent_records r WHERE r.candidate_id = $1 \
        AND r.purpose = 'job_news' AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1) = 'granted' \
        THEN 1 ELSE 0 END, \
    last_rejected_at = (SELECT MAX(st.at) FROM applications a JOIN stage_transitions st ON st.application_id = a.id \
        WHERE a.candidate_id = $1 AND st.outcome = 'rejected'), \
    last_applied_at = (SELECT MAX(a.created_at) FROM applications a WHERE a.candidate_id = $1), \
    stage_rank = (SELECT MAX(CASE a.stage WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'interview' THEN 2 \
        WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 END) FROM applications a WHERE a.candidate_id = $1) \
    WHERE id = $1";

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
    sqlx::query(RECOMPUTE_ONE).bind(candidate_id).execute(&mut *conn).await?;
    for statement in REACHED_ONE {
        sqlx::query(*statement).bind(candidate_id).execute(&mut *conn).await?;
    }
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

/// Everyone's summary at once, as sets (one pass over each source table, grouped), not a lookup per person: the
/// per-person form, planned by PostgreSQL for tables just filled in the same transaction, took minutes at 100 000.
/// The same statements fill the columns in migration 0022.
const RECOMPUTE_ALL: &[&str] = &[
    "UPDATE candidates SET pool_consent = 0, news_consent = 0, last_rejected_at = NULL, last_applied_at = NULL, \
     stage_rank = NULL",
    "UPDATE candidates SET last_applied_at = x.last, stage_rank = x.rank FROM (SELECT candidate_id, \
     MAX(created_at) AS last, MAX(CASE stage WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'interview' THEN 2 \
     WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 END) AS rank FROM applications GROUP BY candidate_id) x \
     WHERE candidates.id = x.candidate_id",
    "UPDATE candidates SET last_rejected_at = x.at FROM (SELECT a.candidate_id, MAX(st.at) AS at FROM applications a \
     JOIN stage_transitions st ON st.application_id = a.id WHERE st.outcome = 'rejected' GROUP BY a.candidate_id) x \
     WHERE candidates.id = x.candidate_id",
    "UPDATE candidates SET pool_consent = 1 FROM (SELECT candidate_id FROM (SELECT candidate_id, action, \
     ROW_NUMBER() OVER (PARTITION BY candidate_id ORDER BY at DESC, id DESC) AS n FROM consent_records \
     WHERE purpose = 'talent_pool' AND agency_id IS NULL) latest WHERE n = 1 AND action = 'granted') x \
     WHERE candidates.id = x.candidate_id",
    "UPDATE candidates SET news_consent = 1 FROM (SELECT candidate_id FROM (SELECT candidate_id, action, \
     ROW_NUMBER() OVER (PARTITION BY candidate_id ORDER BY at DESC, id DESC) AS n FROM consent_records \
     WHERE purpose = 'job_news' AND agency_id IS NULL) latest WHERE n = 1 AND action = 'granted') x \
     WHERE candidates.id = x.candidate_id",
    concat!("UPDATE applications SET reached_rank = ", rank_of!("stage")),
    concat!(
        "UPDATE applications SET reached_rank = x.rank FROM (SELECT application_id, MAX(",
        rank_of!("to_stage"),
        ") AS rank FROM stage_transitions GROUP BY application_id) x \
         WHERE applications.id = x.application_id AND x.rank > applications.reached_rank"
    ),
    // moves written without the writer (fixtures, history) get what the writer copies from their application
    "UPDATE stage_transitions SET job_id = a.job_id, source_channel = a.source_channel, \
     reason_id = CASE WHEN stage_transitions.outcome IS NULL THEN NULL ELSE a.decline_reason_id END \
     FROM applications a WHERE a.id = stage_transitions.application_id AND stage_transitions.job_id IS NULL",
];

/// Recomputes everyone's summary: after bulk writes that bypass the writers (seeding, benchmarks, test fixtures).
pub async fn refresh_all(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    for statement in RECOMPUTE_ALL {
        sqlx::query(*statement).execute(&mut *conn).await?;
    }
    Ok(())
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
