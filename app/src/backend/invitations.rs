//! Re-application invitations: a recruiter invites a candidate to a job; the candidate accepts (a new application
//! linked to the invitation), declines (with an optional reason) or asks to be reminded later.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::mail::{self, OutgoingMail};
use super::core::state::Config;
use super::people::{Contact, CONTACT_COLUMNS};
use crate::domain::{AppError, ConsentPurpose, Invitation, InvitationStatus, Stage, TemplateKind};
use crate::i18n::{Lang, Msg};

pub const SNOOZE_MS: i64 = 14 * 86_400_000;
const MAX_REASON_CHARS: usize = 500;

/// Invites a candidate to an open job. Refused, with a reason a recruiter can read, when the candidate has not
/// agreed to job news and invitations (or asked not to be contacted now), or is already invited to that job.
pub async fn invite(
    db: &Db,
    config: &Config,
    candidate_id: &str,
    job_id: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
    let person = super::people::contact(&mut *db.pool().acquire().await?, candidate_id).await?;
    let Contact { email, family_name: family, given_name: given, language, .. } = person.ok_or(AppError::NotFound)?;
    let job: Option<(String, String)> =
        sqlx::query_as("SELECT title_ja, title_en FROM jobs WHERE id = $1 AND status = 'open'")
            .bind(job_id)
            .fetch_optional(db.pool())
            .await?;
    let (title_ja, title_en) = job.ok_or_else(|| AppError::field("job_id", Msg::ErrJobNotOpen))?;
    if !super::preferences::may_contact(db, candidate_id, ConsentPurpose::JobNews, now).await? {
        return Err(AppError::field("candidate", Msg::ErrNoInvitationConsent));
    }
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE candidate_id = $1 AND job_id = $2 AND status IN ('sent', 'snoozed')",
    )
    .bind(candidate_id)
    .bind(job_id)
    .fetch_one(db.pool())
    .await?;
    if open > 0 {
        return Err(AppError::field("job_id", Msg::ErrAlreadyInvited));
    }
    let lang = Lang::parse(&language).unwrap_or_default();
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO invitations (id, candidate_id, job_id, status, created_by, created_at) VALUES ($1, $2, $3, 'sent', $4, $5)",
    )
    .bind(&id)
    .bind(candidate_id)
    .bind(job_id)
    .bind(actor.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let title = if lang == Lang::En { title_en } else { title_ja };
    let name = lang.person_name(&family, &given);
    let link = format!("{}/portal/invitations/{id}", config.base_url);
    let values = [("name", name.as_str()), ("job_title", title.as_str()), ("invitation_link", link.as_str())];
    let (subject, body_text) = super::templates::compose(&mut tx, TemplateKind::Invitation, lang, &values).await?;
    let invitation = OutgoingMail {
        to: &email,
        candidate_id: Some(candidate_id),
        kind: "invitation",
        lang,
        subject,
        body_text,
        consent_purpose: Some(ConsentPurpose::JobNews),
    };
    mail::enqueue_optional(&mut tx, &invitation, config, now).await?;
    sqlx::query("UPDATE candidates SET last_contact_at = $1 WHERE id = $2")
        .bind(now)
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        "invited",
        ("candidate", Some(candidate_id)),
        &format!("invitation {id} job {job_id}"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    job_id: String,
    title_ja: String,
    title_en: String,
    department: String,
    location: String,
    description_ja: String,
    description_en: String,
    job_status: String,
    status: String,
    remind_at: Option<i64>,
    created_at: i64,
    application_id: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.job_id, j.title_ja, j.title_en, j.department, j.location, j.description_ja, \
     j.description_en, j.status AS job_status, i.status, i.remind_at, i.created_at, \
     (SELECT a.id FROM applications a WHERE a.invitation_id = i.id) AS application_id \
     FROM invitations i JOIN jobs j ON j.id = i.job_id";

fn to_invitation(r: Row, lang: Lang) -> Invitation {
    Invitation {
        id: r.id,
        job_id: r.job_id,
        job_title: if lang == Lang::En { r.title_en } else { r.title_ja },
        department: r.department,
        location: r.location,
        description: if lang == Lang::En { r.description_en } else { r.description_ja },
        job_open: r.job_status == "open",
        status: InvitationStatus::parse(&r.status).unwrap_or(InvitationStatus::Expired),
        remind_at: r.remind_at,
        created_at: r.created_at,
        application_id: r.application_id,
    }
}

/// A candidate's invitations, newest first.
pub async fn for_candidate(db: &Db, candidate_id: &str, lang: Lang) -> Result<Vec<Invitation>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE i.candidate_id = $1 ORDER BY i.created_at DESC, i.id DESC");
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(candidate_id).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(|r| to_invitation(r, lang)).collect())
}

/// One invitation, only if it is this candidate's.
pub async fn one(db: &Db, candidate_id: &str, id: &str, lang: Lang) -> Result<Invitation, AppError> {
    let sql = format!("{SELECT} WHERE i.id = $1 AND i.candidate_id = $2");
    let row: Option<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).bind(candidate_id).fetch_optional(db.pool()).await?;
    row.map(|r| to_invitation(r, lang)).ok_or(AppError::NotFound)
}

pub use crate::domain::InvitationAnswer as Answer;

/// Answers an open invitation. Accepting creates the application (marked as a re-application by its link to the
/// invitation) in the same transaction; answering twice changes nothing.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    db: &Db,
    config: &Config,
    candidate_id: &str,
    id: &str,
    answer: Answer,
    reason: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<bool, AppError> {
    let reason = crate::domain::normalize_text(reason);
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::field("reason", Msg::ErrTooLong));
    }
    let mut tx = db.begin().await?;
    let found: Option<(String, String, String)> = sqlx::query_as(
        "SELECT i.status, i.job_id, j.status FROM invitations i JOIN jobs j ON j.id = i.job_id WHERE i.id = $1 AND i.candidate_id = $2",
    )
    .bind(id)
    .bind(candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (status, job_id, job_status) = found.ok_or(AppError::NotFound)?;
    if status != "sent" && status != "snoozed" {
        return Ok(false);
    }
    let (new_status, remind_at) = match answer {
        Answer::Accept => {
            if job_status != "open" {
                return Err(AppError::field("job_id", Msg::ErrJobNotOpen));
            }
            let application = new_id();
            sqlx::query(
                "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, invitation_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'invitation', $5, $6, $6)",
            )
            .bind(&application)
            .bind(candidate_id)
            .bind(&job_id)
            .bind(Stage::Applied.as_str())
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let applied = Stage::Applied.as_str();
            super::pipeline::record_transition(&mut tx, &application, None, applied, None, None, now).await?;
            ("accepted", None)
        }
        Answer::Decline => ("declined", None),
        Answer::Later => ("snoozed", Some(now + SNOOZE_MS)),
    };
    // the status check above and this update race only against the same candidate; the WHERE keeps it single
    let updated = sqlx::query(
        "UPDATE invitations SET status = $1, remind_at = $2, decline_reason = $3, responded_at = $4 \
         WHERE id = $5 AND status IN ('sent', 'snoozed')",
    )
    .bind(new_status)
    .bind(remind_at)
    .bind((answer == Answer::Decline && !reason.is_empty()).then_some(reason.as_str()))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Ok(false);
    }
    // a reminder queued by an earlier "later" goes (a second "later" queues a fresh one)
    let reminder_id = format!("<invitation-reminder-{id}@{}>", config.mail_domain());
    sqlx::query("UPDATE mail_outbox SET status = 'cancelled' WHERE message_id = $1 AND status = 'queued'")
        .bind(&reminder_id)
        .execute(&mut *tx)
        .await?;
    if let (Answer::Later, Some(due)) = (answer, remind_at) {
        queue_reminder(&mut tx, config, candidate_id, id, &reminder_id, due, now).await?;
    }
    audit::record(&mut tx, actor, &format!("invitation_{new_status}"), ("candidate", Some(candidate_id)), id, now)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// The "remind me later" mail: optional (job news), due when the candidate asked, cancelled if they answer first or
/// withdraw their consent (the outbox cancels queued mail of a withdrawn purpose).
async fn queue_reminder(
    conn: &mut sqlx::AnyConnection,
    config: &Config,
    candidate_id: &str,
    invitation_id: &str,
    message_id: &str,
    due: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: Contact,
        title_ja: String,
        title_en: String,
    }
    let sql = format!(
        "SELECT {CONTACT_COLUMNS}, j.title_ja, j.title_en FROM invitations i JOIN candidates c ON c.id = i.candidate_id \
         JOIN jobs j ON j.id = i.job_id WHERE i.id = $1 AND c.status = 'active'"
    );
    let row: Option<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(invitation_id).fetch_optional(&mut *conn).await?;
    let Some(Row { person, title_ja, title_en }) = row else { return Ok(()) };
    let (lang, email) = (person.lang(), person.email.clone());
    let title = if lang == Lang::En { title_en } else { title_ja };
    let name = person.name();
    let link = format!("{}/portal/invitations/{invitation_id}", config.base_url);
    let values = [("name", name.as_str()), ("job_title", title.as_str()), ("invitation_link", link.as_str())];
    let (subject, body_text) =
        super::templates::compose(&mut *conn, TemplateKind::InvitationReminder, lang, &values).await?;
    let reminder = OutgoingMail {
        to: &email,
        candidate_id: Some(candidate_id),
        kind: "invitation_reminder",
        lang,
        subject,
        body_text,
        consent_purpose: Some(ConsentPurpose::JobNews),
    };
    mail::enqueue_optional_at(conn, &reminder, config, message_id, due, now).await
}
