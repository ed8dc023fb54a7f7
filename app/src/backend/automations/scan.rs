//! One pass of the automations: each switched-on row is leased (one server at a time), looks at what happened
//! between where its last pass stopped and now, and acts for each person once (`claim_run`'s key). Mail goes
//! through the outbox with the same checks as everything else: optional mail only to people who may be contacted.
use super::{claim_run, finish_run, get};
use crate::backend::core::audit::Actor;
use crate::backend::core::db::Db;
use crate::backend::core::mail::{self, OutgoingMail};
use crate::backend::core::query::bind_params;
use crate::backend::core::state::Config;
use crate::backend::people::contact;
use crate::domain::automations::{job_matches, next_morning, Automation, AutomationKind};
use crate::domain::{company_zone, months_after, AppError, ConsentPurpose, TemplateKind};
use crate::i18n::{Lang, Msg};

const LEASE_MS: i64 = 5 * 60_000;
/// A pass looks at what happened up to this long ago, not up to now: a write stamped just before the pass but
/// committed after it (or by a server whose clock is a little behind) is then still seen by the next pass.
pub const MARGIN_MS: i64 = 10_000;
const HOUR_MS: i64 = 3_600_000;

/// Runs every switched-on automation that no other server is running; returns how many people were acted for.
pub async fn work(db: &Db, config: &Config, now: i64) -> Result<u64, sqlx::Error> {
    let mut acted = 0;
    let quiet = config.quiet_hours.until(now, &company_zone()).is_some();
    for kind in AutomationKind::ALL {
        // an invitation is optional mail: none at night; the window waits, so the morning's pass invites
        // everyone the night's openings and anniversaries found
        if quiet && kind.waits_out_quiet_hours() {
            continue;
        }
        let leased = sqlx::query(
            "UPDATE automations SET lease_until = $1 WHERE id = $2 AND enabled = 1 AND (lease_until IS NULL OR lease_until <= $3)",
        )
        .bind(now + LEASE_MS)
        .bind(kind.as_str())
        .bind(now)
        .execute(db.pool())
        .await?
        .rows_affected();
        if leased != 1 {
            continue;
        }
        let Some(automation) = get(&mut *db.pool().acquire().await?, *kind).await? else { continue };
        let from: i64 = sqlx::query_scalar("SELECT scanned_until FROM automations WHERE id = $1")
            .bind(kind.as_str())
            .fetch_one(db.pool())
            .await?;
        let until = (now - MARGIN_MS).max(from);
        let pass = Pass { db, config, automation: &automation, from, until, now };
        let result = match kind {
            AutomationKind::JobOpened => jobs_opened(pass).await,
            AutomationKind::RejectionRevisit => rejections(pass).await,
            AutomationKind::EventAttended | AutomationKind::EventNoShow => events(pass).await,
            AutomationKind::ResultMail => results(pass).await,
            // queued when the interview is scheduled (`interviews`), listed and switched here
            AutomationKind::InterviewReminder => Ok((0, until)),
        };
        // the next pass starts where this one stopped; a pass that failed is done again
        let position = result.as_ref().map_or(from, |(_, position)| *position);
        sqlx::query("UPDATE automations SET lease_until = NULL, scanned_until = $1 WHERE id = $2")
            .bind(position)
            .bind(kind.as_str())
            .execute(db.pool())
            .await?;
        acted += result?.0;
    }
    Ok(acted)
}

/// One automation's pass: what happened after `from` and up to `until` is acted on at `now`.
#[derive(Clone, Copy)]
struct Pass<'a> {
    db: &'a Db,
    config: &'a Config,
    automation: &'a Automation,
    from: i64,
    until: i64,
    now: i64,
}

/// Whether the person meets the automation's condition (its segment, evaluated now); no condition: everyone.
async fn meets(db: &Db, automation: &Automation, candidate_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let Some(segment) = &automation.segment_id else { return Ok(true) };
    let Some((_, rule)) = crate::backend::segments::get(db, segment).await? else { return Ok(false) };
    let (condition, mut params) = crate::backend::segments::sql::condition(&rule, now);
    let p = params.text(candidate_id);
    let sql = format!("SELECT COUNT(*) FROM candidates c WHERE c.id = {p} AND {condition}");
    let found: i64 = bind_params!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), params).fetch_one(db.pool()).await?;
    Ok(found > 0)
}

/// Invites the person to the job through the invitation flow (consent checked there), once.
async fn invite(
    db: &Db,
    config: &Config,
    kind: AutomationKind,
    candidate_id: &str,
    job_id: &str,
    subject: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    if !claim_run(&mut *db.pool().acquire().await?, kind, candidate_id, subject, now).await? {
        return Ok(0);
    }
    let actor = Actor::worker_for(None);
    let (outcome, reason) =
        match crate::backend::invitations::invite(db, config, candidate_id, job_id, &actor, now).await {
            Ok(_) => ("sent", None),
            Err(AppError::Validation(errors)) => {
                let reason = match errors.first().map(|e| e.message) {
                    Some(Msg::ErrNoInvitationConsent) => "no_consent",
                    Some(Msg::ErrAlreadyInvited) => "already_invited",
                    _ => "job_closed",
                };
                ("skipped", Some(reason))
            }
            Err(AppError::NotFound) => ("skipped", Some("erased")),
            Err(other) => {
                tracing::error!(code = other.code(), "automation invitation");
                ("skipped", Some("error"))
            }
        };
    finish_run(&mut *db.pool().acquire().await?, kind, candidate_id, subject, outcome, reason).await?;
    Ok(1)
}

/// Records, once, that the automation did nothing for the person and why; 1 when this pass recorded it.
async fn skip(
    db: &Db,
    kind: AutomationKind,
    candidate_id: &str,
    subject: &str,
    reason: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    if !claim_run(&mut conn, kind, candidate_id, subject, now).await? {
        return Ok(0);
    }
    finish_run(&mut conn, kind, candidate_id, subject, "skipped", Some(reason)).await?;
    Ok(1)
}

/// Enrols the person in the sequence (its first step due after its delay from now), once; a finished sequence
/// runs again for them. The sequence's own checks (consent, preferences, quiet hours) apply at each step.
async fn join(
    db: &Db,
    kind: AutomationKind,
    sequence: &str,
    candidate_id: &str,
    subject: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !claim_run(&mut tx, kind, candidate_id, subject, now).await? {
        return Ok(0);
    }
    let first: Option<(i64, String)> = sqlx::query_as(
        "SELECT s.delay, s.unit FROM campaign_steps s JOIN campaigns k ON k.id = s.campaign_id \
         WHERE s.campaign_id = $1 AND s.position = 0 AND k.status IN ('scheduled', 'running', 'done')",
    )
    .bind(sequence)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((delay, unit)) = first else {
        finish_run(&mut tx, kind, candidate_id, subject, "skipped", Some("no_matching_job")).await?;
        tx.commit().await?;
        return Ok(1);
    };
    let unit = crate::domain::campaigns::DelayUnit::parse(&unit).unwrap_or(crate::domain::campaigns::DelayUnit::Days);
    let due = crate::domain::campaigns::step_due(now, delay, unit, &company_zone());
    let joined = sqlx::query(
        "INSERT INTO campaign_enrolments (campaign_id, candidate_id, next_step, due_at, status, enrolled_at) \
         VALUES ($1, $2, 0, $3, 'active', $4) ON CONFLICT DO NOTHING",
    )
    .bind(sequence)
    .bind(candidate_id)
    .bind(due)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("UPDATE campaigns SET status = 'running', updated_at = $1 WHERE id = $2 AND status = 'done'")
        .bind(now)
        .bind(sequence)
        .execute(&mut *tx)
        .await?;
    let (outcome, reason) =
        if joined == 1 { ("sent", Some("sequence")) } else { ("skipped", Some("already_in_sequence")) };
    finish_run(&mut tx, kind, candidate_id, subject, outcome, reason).await?;
    tx.commit().await?;
    Ok(1)
}

/// Jobs opened since the last pass: people in the condition whose desired roles or skills match get invited.
async fn jobs_opened(pass: Pass<'_>) -> Result<(u64, i64), sqlx::Error> {
    let Pass { db, config, automation, from, until, now } = pass;
    let jobs: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, title_ja, title_en, department FROM jobs WHERE status = 'open' AND opened_at > $1 AND opened_at <= $2",
    )
    .bind(from)
    .bind(until)
    .fetch_all(db.pool())
    .await?;
    let mut acted = 0;
    for (job_id, title_ja, title_en, department) in jobs {
        let (condition, params) = match &automation.segment_id {
            Some(segment) => match crate::backend::segments::get(db, segment).await? {
                Some((_, rule)) => crate::backend::segments::sql::condition(&rule, now),
                None => continue,
            },
            None => ("c.status = 'active'".to_owned(), Default::default()),
        };
        let sql = format!("SELECT c.id, c.desired_roles, c.skills FROM candidates c WHERE {condition}");
        let people: Vec<(String, String, String)> =
            bind_params!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), params).fetch_all(db.pool()).await?;
        let job = [title_ja.as_str(), title_en.as_str(), department.as_str()];
        for (candidate, roles, skills) in people {
            if job_matches(&job, &roles, &skills) {
                acted += invite(db, config, automation.kind, &candidate, &job_id, &job_id, now).await?;
            }
        }
    }
    Ok((acted, until))
}

/// Rejections that turned six months old since the last pass: an invitation to the newest matching open job.
async fn rejections(pass: Pass<'_>) -> Result<(u64, i64), sqlx::Error> {
    let Pass { db, config, automation, from, until, now } = pass;
    let rejected: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT t.id, a.candidate_id, c.desired_roles, c.skills FROM stage_transitions t \
         JOIN applications a ON a.id = t.application_id JOIN candidates c ON c.id = a.candidate_id \
         WHERE t.outcome = 'rejected' AND t.at > $1 AND t.at <= $2 AND c.status = 'active'",
    )
    .bind(months_after(from, -6))
    .bind(months_after(until, -6))
    .fetch_all(db.pool())
    .await?;
    let jobs: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, title_ja, title_en, department FROM jobs WHERE status = 'open' ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    let mut acted = 0;
    for (transition, candidate, roles, skills) in rejected {
        if !meets(db, automation, &candidate, now).await? {
            continue;
        }
        let matching = jobs.iter().find(|(_, ja, en, dept)| job_matches(&[ja, en, dept], &roles, &skills));
        match matching {
            Some((job_id, ..)) => {
                acted += invite(db, config, automation.kind, &candidate, job_id, &transition, now).await?
            }
            None => match &automation.campaign_id {
                Some(sequence) => acted += join(db, automation.kind, sequence, &candidate, &transition, now).await?,
                None => acted += skip(db, automation.kind, &candidate, &transition, "no_matching_job", now).await?,
            },
        }
    }
    Ok((acted, until))
}

/// Events whose next morning came since the last pass: those who came (or, for the no-show row, who signed up
/// and did not) get the follow-up, if they may be contacted.
async fn events(pass: Pass<'_>) -> Result<(u64, i64), sqlx::Error> {
    let Pass { db, config, automation, from, until, now } = pass;
    let zone = company_zone();
    let candidates: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, title, starts_at FROM events WHERE starts_at > $1 AND starts_at <= $2")
            .bind(from - 3 * 24 * HOUR_MS)
            .bind(until)
            .fetch_all(db.pool())
            .await?;
    let came = automation.kind == AutomationKind::EventAttended;
    let template = if came { TemplateKind::EventFollowUp } else { TemplateKind::EventNoShow };
    let mut acted = 0;
    for (event, title, starts_at) in candidates {
        let morning = next_morning(starts_at, &zone);
        if morning <= from || morning > until {
            continue;
        }
        // a recruiter who already sent the follow-up by hand is not doubled
        let filter = if came { "attended_at IS NOT NULL AND followed_up_at IS NULL" } else { "attended_at IS NULL" };
        let people: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT candidate_id FROM event_attendees WHERE event_id = $1 AND {filter}"
        )))
        .bind(&event)
        .fetch_all(db.pool())
        .await?;
        for candidate in people {
            if meets(db, automation, &candidate, now).await? {
                let mail = Mail { template, purpose: Some(ConsentPurpose::JobNews), extra: ("event_title", &title) };
                acted += send(db, config, automation.kind, &candidate, &event, &mail, now).await?;
            }
        }
    }
    Ok((acted, until))
}

/// Moves to a later stage whose delay ran out since the last pass: the result mail, if the application is still
/// there. This row's position is kept in the time of the moves (switched on at T: moves after T), so a longer or
/// shorter delay neither repeats nor skips any.
async fn results(pass: Pass<'_>) -> Result<(u64, i64), sqlx::Error> {
    let Pass { db, config, automation, from, until, now } = pass;
    let delay = automation.delay_hours * HOUR_MS;
    #[derive(sqlx::FromRow)]
    struct Move {
        id: String,
        candidate_id: String,
        to_stage: String,
        stage: String,
        outcome: Option<String>,
        title_ja: String,
        title_en: String,
    }
    let moves: Vec<Move> = sqlx::query_as(
        "SELECT t.id, a.candidate_id, t.to_stage, a.stage, a.outcome, j.title_ja, j.title_en FROM stage_transitions t \
         JOIN applications a ON a.id = t.application_id JOIN jobs j ON j.id = a.job_id \
         WHERE t.at > $1 AND t.at <= $2 AND t.outcome IS NULL AND t.from_stage IS NOT NULL \
         AND t.to_stage <> t.from_stage AND t.to_stage IN ('screening', 'interview', 'offer')",
    )
    .bind(from)
    .bind(until - delay)
    .fetch_all(db.pool())
    .await?;
    let mut acted = 0;
    for Move { id: transition, candidate_id: candidate, to_stage, stage, outcome, title_ja, title_en } in moves {
        if stage != to_stage || outcome.is_some() {
            acted += skip(db, automation.kind, &candidate, &transition, "changed", now).await?;
            continue;
        }
        let template = if to_stage == "offer" { TemplateKind::Offer } else { TemplateKind::StagePassed };
        let lang = contact(&mut *db.pool().acquire().await?, &candidate).await?.map(|c| c.lang()).unwrap_or_default();
        let title = if lang == Lang::En { title_en } else { title_ja };
        let mail = Mail { template, purpose: None, extra: ("job_title", &title) };
        acted += send(db, config, automation.kind, &candidate, &transition, &mail, now).await?;
    }
    Ok((acted, from.max(until - delay)))
}

struct Mail<'a> {
    template: TemplateKind,
    /// the consent an optional mail needs (None: part of the selection the person applied for)
    purpose: Option<ConsentPurpose>,
    extra: (&'a str, &'a str),
}

/// Queues a mail from a template for the person, once: the run's claim and the message commit together.
async fn send(
    db: &Db,
    config: &Config,
    kind: AutomationKind,
    candidate_id: &str,
    subject: &str,
    mail: &Mail<'_>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    if let Some(purpose) = mail.purpose {
        if !crate::backend::preferences::may_contact(db, candidate_id, purpose, now).await? {
            return skip(db, kind, candidate_id, subject, "no_consent", now).await;
        }
    }
    let mut tx = db.begin().await?;
    if !claim_run(&mut tx, kind, candidate_id, subject, now).await? {
        return Ok(0);
    }
    let Some(person) = contact(&mut tx, candidate_id).await? else {
        finish_run(&mut tx, kind, candidate_id, subject, "skipped", Some("erased")).await?;
        tx.commit().await?;
        return Ok(1);
    };
    let name = person.name();
    let values = [("name", name.as_str()), mail.extra];
    let (subject_line, body_text) =
        crate::backend::templates::compose(&mut tx, mail.template, person.lang(), &values).await?;
    let outgoing = OutgoingMail {
        to: &person.email,
        candidate_id: Some(candidate_id),
        kind: mail.template.as_str(),
        lang: person.lang(),
        subject: subject_line,
        body_text,
        consent_purpose: mail.purpose,
    };
    match mail.purpose {
        Some(_) => mail::enqueue_optional(&mut tx, &outgoing, config, now).await?,
        None => mail::enqueue(&mut tx, &outgoing, &config.mail_domain(), now).await?,
    };
    if kind == AutomationKind::EventAttended {
        sqlx::query("UPDATE event_attendees SET followed_up_at = $1 WHERE event_id = $2 AND candidate_id = $3")
            .bind(now)
            .bind(subject)
            .bind(candidate_id)
            .execute(&mut *tx)
            .await?;
    }
    finish_run(&mut tx, kind, candidate_id, subject, "sent", None).await?;
    tx.commit().await?;
    Ok(1)
}
