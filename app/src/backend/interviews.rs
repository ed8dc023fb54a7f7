//! Interviews: scheduling one mails the candidate and queues a reminder for 24 hours before it; moving the
//! interview moves the reminder (it is an outbox row with a Message-ID derived from the interview).
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::mail::{self, OutgoingMail};
use super::core::state::Config;
use super::templates::{self, interview_values};
use crate::domain::automations::AutomationKind;
use crate::domain::{AppError, Interview, InterviewInput, TemplateKind};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;

pub const REMINDER_BEFORE_MS: i64 = 24 * 3_600_000;

/// The Message-ID of an interview's reminder, so that it can be found and moved.
pub fn reminder_message_id(interview_id: &str, domain: &str) -> String {
    format!("<reminder-{interview_id}@{domain}>")
}

struct Details {
    candidate_id: String,
    email: String,
    name: String,
    lang: Lang,
    job_title: String,
}

async fn details(conn: &mut AnyConnection, application_id: &str) -> Result<Details, AppError> {
    type Row = (String, String, String, String, String, String, String, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT c.id, c.email, c.family_name, c.given_name, c.language, j.title_ja, j.title_en, a.outcome \
         FROM applications a JOIN candidates c ON c.id = a.candidate_id JOIN jobs j ON j.id = a.job_id \
         WHERE a.id = $1 AND c.status = 'active'",
    )
    .bind(application_id)
    .fetch_optional(conn)
    .await?;
    let (candidate_id, email, family, given, language, title_ja, title_en, outcome) = row.ok_or(AppError::NotFound)?;
    if outcome.is_some() {
        return Err(AppError::field("starts_at", Msg::ErrApplicationClosed));
    }
    let lang = Lang::parse(&language).unwrap_or_default();
    Ok(Details {
        candidate_id,
        email,
        name: lang.person_name(&family, &given),
        lang,
        job_title: if lang == Lang::En { title_en } else { title_ja },
    })
}

/// The interview's mail of one kind (notice, moved, reminder) in the candidate's language.
async fn compose(
    conn: &mut AnyConnection,
    kind: TemplateKind,
    d: &Details,
    input: &InterviewInput,
) -> Result<(String, String), sqlx::Error> {
    let (time, place) =
        interview_values(input.starts_at, input.ends_at, input.location.as_deref(), input.meeting_url.as_deref());
    let values = [
        ("name", d.name.as_str()),
        ("job_title", d.job_title.as_str()),
        ("interview_time", time.as_str()),
        ("interview_place", place.as_str()),
    ];
    templates::compose(conn, kind, d.lang, &values).await
}

async fn queue(
    conn: &mut AnyConnection,
    config: &Config,
    d: &Details,
    interview_id: &str,
    input: &InterviewInput,
    kind: TemplateKind,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (subject, body_text) = compose(&mut *conn, kind, d, input).await?;
    let notice = OutgoingMail {
        to: &d.email,
        candidate_id: Some(&d.candidate_id),
        kind: "interview",
        lang: d.lang,
        subject,
        body_text,
        consent_purpose: None,
    };
    mail::enqueue(&mut *conn, &notice, &config.mail_domain(), now).await?;
    // the reminder: queued now, due 24 hours before; one per interview (its Message-ID says which)
    let domain = config.mail_domain();
    let message_id = reminder_message_id(interview_id, &domain);
    let due = input.starts_at - REMINDER_BEFORE_MS;
    let existing: Option<String> =
        sqlx::query_scalar("SELECT id FROM mail_outbox WHERE message_id = $1 AND status = 'queued'")
            .bind(&message_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (reminder_subject, text) = compose(&mut *conn, TemplateKind::InterviewReminder, d, input).await?;
    // the reminder is an automation an admin can switch off (`/admin/automations`)
    let reminders = super::automations::enabled(&mut *conn, AutomationKind::InterviewReminder).await?;
    match existing {
        _ if !reminders => {}
        Some(id) => {
            sqlx::query("UPDATE mail_outbox SET next_attempt_at = $1, subject = $2, body_text = $3 WHERE id = $4")
                .bind(due)
                .bind(&reminder_subject)
                .bind(&text)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        None if due > now => {
            let reminder = OutgoingMail {
                to: &d.email,
                candidate_id: Some(&d.candidate_id),
                kind: "interview_reminder",
                lang: d.lang,
                subject: reminder_subject,
                body_text: text,
                consent_purpose: None,
            };
            mail::enqueue_at(&mut *conn, &reminder, &message_id, due, now).await?;
            let kind = AutomationKind::InterviewReminder;
            if super::automations::claim_run(&mut *conn, kind, &d.candidate_id, interview_id, now).await? {
                super::automations::finish_run(&mut *conn, kind, &d.candidate_id, interview_id, "sent", None).await?;
            }
        }
        // less than a day ahead: the notice itself is the reminder
        None => {}
    }
    Ok(())
}

/// Schedules an interview for an open application: the interview, a mail to the candidate, and the reminder.
pub async fn schedule(
    db: &Db,
    config: &Config,
    application_id: &str,
    input: &InterviewInput,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
    input.check(now)?;
    let mut tx = db.begin().await?;
    let d = details(&mut tx, application_id).await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO interviews (id, application_id, starts_at, ends_at, location, meeting_url, interviewers, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(&id)
    .bind(application_id)
    .bind(input.starts_at)
    .bind(input.ends_at)
    .bind(input.location.as_deref())
    .bind(input.meeting_url.as_deref())
    .bind(&input.interviewers)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    queue(&mut tx, config, &d, &id, input, TemplateKind::Interview, now).await?;
    audit::record(&mut tx, actor, "interview_scheduled", ("candidate", Some(&d.candidate_id)), &id, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves an interview: the candidate is told, and the reminder moves with it.
pub async fn reschedule(
    db: &Db,
    config: &Config,
    interview_id: &str,
    input: &InterviewInput,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    input.check(now)?;
    let mut tx = db.begin().await?;
    let application: Option<String> =
        sqlx::query_scalar("SELECT application_id FROM interviews WHERE id = $1 AND result IS NULL")
            .bind(interview_id)
            .fetch_optional(&mut *tx)
            .await?;
    let application = application.ok_or(AppError::NotFound)?;
    let d = details(&mut tx, &application).await?;
    sqlx::query(
        "UPDATE interviews SET starts_at = $1, ends_at = $2, location = $3, meeting_url = $4, interviewers = $5, updated_at = $6 \
         WHERE id = $7",
    )
    .bind(input.starts_at)
    .bind(input.ends_at)
    .bind(input.location.as_deref())
    .bind(input.meeting_url.as_deref())
    .bind(&input.interviewers)
    .bind(now)
    .bind(interview_id)
    .execute(&mut *tx)
    .await?;
    queue(&mut tx, config, &d, interview_id, input, TemplateKind::InterviewMoved, now).await?;
    audit::record(&mut tx, actor, "interview_moved", ("candidate", Some(&d.candidate_id)), interview_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Records how an interview went (internal; the candidate hears the decision separately).
pub async fn record_result(
    db: &Db,
    interview_id: &str,
    result: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let result = result.replace("\r\n", "\n").trim().to_owned();
    if result.is_empty() {
        return Err(AppError::field("result", Msg::ErrRequired));
    }
    if result.chars().count() > 2000 {
        return Err(AppError::field("result", Msg::ErrTooLong));
    }
    let mut tx = db.begin().await?;
    let candidate: Option<String> = sqlx::query_scalar(
        "SELECT a.candidate_id FROM interviews i JOIN applications a ON a.id = i.application_id WHERE i.id = $1",
    )
    .bind(interview_id)
    .fetch_optional(&mut *tx)
    .await?;
    let candidate = candidate.ok_or(AppError::NotFound)?;
    sqlx::query("UPDATE interviews SET result = $1, updated_at = $2 WHERE id = $3")
        .bind(&result)
        .bind(now)
        .bind(interview_id)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, actor, "interview_result", ("candidate", Some(&candidate)), interview_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A candidate's interviews, newest first.
pub async fn for_candidate(
    conn: &mut AnyConnection,
    candidate_id: &str,
    lang: Lang,
) -> Result<Vec<Interview>, sqlx::Error> {
    type Row = (String, String, String, String, i64, i64, Option<String>, Option<String>, String, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT i.id, i.application_id, j.title_ja, j.title_en, i.starts_at, i.ends_at, i.location, i.meeting_url, \
         i.interviewers, i.result FROM interviews i JOIN applications a ON a.id = i.application_id \
         JOIN jobs j ON j.id = a.job_id WHERE a.candidate_id = $1 ORDER BY i.starts_at DESC, i.id",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, application_id, ja, en, starts_at, ends_at, location, meeting_url, interviewers, result)| {
            Interview {
                id,
                application_id,
                job_title: if lang == Lang::En { en } else { ja },
                starts_at,
                ends_at,
                location,
                meeting_url,
                interviewers,
                result,
            }
        })
        .collect())
}
