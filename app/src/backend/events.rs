//! Events (info sessions, 説明会): attendees added by hand (by e-mail) or through the import, marked as attended,
//! and a follow-up mail from the template to those who came — optional mail, so only to those who may be contacted,
//! and once per person.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::mail::{self, OutgoingMail};
use super::core::state::Config;
use super::people::{Contact, CONTACT_COLUMNS};
use crate::domain::{AppError, ConsentPurpose, Email, EventAttendee, EventSummary, NewEvent, TemplateKind};
use crate::i18n::{Lang, Msg};

pub async fn list(db: &Db) -> Result<Vec<EventSummary>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        title: String,
        starts_at: i64,
        location: String,
        registered: i64,
        attended: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT e.id, e.title, e.starts_at, e.location, \
         (SELECT COUNT(*) FROM event_attendees a WHERE a.event_id = e.id) AS registered, \
         (SELECT COUNT(*) FROM event_attendees a WHERE a.event_id = e.id AND a.attended_at IS NOT NULL) AS attended \
         FROM events e ORDER BY e.starts_at DESC, e.id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EventSummary {
            id: r.id,
            title: r.title,
            starts_at: r.starts_at,
            location: r.location,
            registered: r.registered,
            attended: r.attended,
        })
        .collect())
}

pub async fn one(db: &Db, id: &str) -> Result<Option<(EventSummary, Vec<EventAttendee>)>, sqlx::Error> {
    let Some(summary) = list(db).await?.into_iter().find(|e| e.id == id) else { return Ok(None) };
    type Row = (String, String, String, String, i64, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.family_name, c.given_name, c.email, a.registered_at, a.attended_at, a.followed_up_at \
         FROM event_attendees a JOIN candidates c ON c.id = a.candidate_id \
         WHERE a.event_id = $1 AND c.status = 'active' ORDER BY a.registered_at, c.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let attendees = rows
        .into_iter()
        .map(|(candidate_id, family, given, email, registered_at, attended_at, followed_up_at)| EventAttendee {
            candidate_id,
            name: format!("{family} {given}"),
            email,
            registered_at,
            attended_at,
            followed_up_at,
        })
        .collect();
    Ok(Some((summary, attendees)))
}

/// Creates an event on a day and time in Japan.
pub async fn create(db: &Db, event: &NewEvent, actor: &Actor<'_>, now: i64) -> Result<String, AppError> {
    let title = crate::domain::normalize_text(&event.title);
    let location = crate::domain::normalize_text(&event.location);
    let mut errors = Vec::new();
    for (field, value) in [("title", &title), ("location", &location)] {
        if value.is_empty() {
            errors.push(crate::domain::FieldError::new(field, Msg::ErrRequired));
        } else if value.chars().count() > 200 {
            errors.push(crate::domain::FieldError::new(field, Msg::ErrTooLong));
        }
    }
    // the interview form's rules for a day and a time
    let when = crate::domain::InterviewInput::parse(&event.date, &event.time, "60", &location, "", "");
    let starts_at = match when {
        Ok(when) => Some(when.starts_at),
        Err(AppError::Validation(fields)) => {
            errors.extend(fields.into_iter().filter(|f| f.field == "date" || f.field == "time"));
            None
        }
        Err(error) => return Err(error),
    };
    let Some(starts_at) = starts_at.filter(|_| errors.is_empty()) else { return Err(AppError::Validation(errors)) };
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO events (id, title, starts_at, location, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(&title)
        .bind(starts_at)
        .bind(&location)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, actor, "event_created", ("event", Some(&id)), &title, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Registers a known candidate (by e-mail) for an event; registering twice changes nothing.
pub async fn add_attendee(db: &Db, event_id: &str, email: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let mut tx = db.begin().await?;
    let event: Option<String> =
        sqlx::query_scalar("SELECT id FROM events WHERE id = $1").bind(event_id).fetch_optional(&mut *tx).await?;
    event.ok_or(AppError::NotFound)?;
    let candidate: Option<String> =
        sqlx::query_scalar("SELECT id FROM candidates WHERE email = $1 AND status = 'active'")
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let candidate = candidate.ok_or_else(|| AppError::field("email", Msg::ErrUnknownCandidate))?;
    sqlx::query(
        "INSERT INTO event_attendees (event_id, candidate_id, registered_at) VALUES ($1, $2, $3) \
         ON CONFLICT (event_id, candidate_id) DO NOTHING",
    )
    .bind(event_id)
    .bind(&candidate)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "event_registered", ("candidate", Some(&candidate)), event_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks an attendee as having come (or not).
pub async fn set_attended(
    db: &Db,
    event_id: &str,
    candidate_id: &str,
    attended: bool,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let updated = sqlx::query("UPDATE event_attendees SET attended_at = $1 WHERE event_id = $2 AND candidate_id = $3")
        .bind(attended.then_some(now))
        .bind(event_id)
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    let action = if attended { "event_attended" } else { "event_not_attended" };
    audit::record(&mut tx, actor, action, ("candidate", Some(candidate_id)), event_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends the follow-up mail (from the template) to everyone who came and has not had it yet, when they may be
/// contacted (job news agreed, not paused or unsubscribed). Returns (sent, skipped).
pub async fn follow_up(
    db: &Db,
    config: &Config,
    event_id: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(usize, usize), AppError> {
    let title: Option<String> =
        sqlx::query_scalar("SELECT title FROM events WHERE id = $1").bind(event_id).fetch_optional(db.pool()).await?;
    let title = title.ok_or(AppError::NotFound)?;
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM event_attendees a JOIN candidates c ON c.id = a.candidate_id \
         WHERE a.event_id = $1 AND a.attended_at IS NOT NULL AND a.followed_up_at IS NULL AND c.status = 'active'"
    );
    let pending: Vec<Contact> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(db.pool()).await?;
    let (mut sent, mut skipped) = (0, 0);
    for Contact { id: candidate, email, family_name: family, given_name: given, language } in pending {
        if !super::preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now).await? {
            skipped += 1;
            continue;
        }
        let lang = Lang::parse(&language).unwrap_or_default();
        let mut tx = db.begin().await?;
        let name = lang.person_name(&family, &given);
        let values = [("name", name.as_str()), ("event_title", title.as_str())];
        let (subject, body_text) =
            super::templates::compose(&mut tx, TemplateKind::EventFollowUp, lang, &values).await?;
        let mail = OutgoingMail {
            to: &email,
            candidate_id: Some(&candidate),
            kind: "event_follow_up",
            lang,
            subject,
            body_text,
            consent_purpose: Some(ConsentPurpose::JobNews),
        };
        mail::enqueue_optional(&mut tx, &mail, config, now).await?;
        sqlx::query("UPDATE event_attendees SET followed_up_at = $1 WHERE event_id = $2 AND candidate_id = $3")
            .bind(now)
            .bind(event_id)
            .bind(&candidate)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE candidates SET last_contact_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&candidate)
            .execute(&mut *tx)
            .await?;
        audit::record(&mut tx, actor, "event_followed_up", ("candidate", Some(&candidate)), event_id, now).await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok((sent, skipped))
}
