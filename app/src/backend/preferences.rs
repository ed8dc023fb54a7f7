//! Contact preferences and the one-click unsubscribe; `may_contact` is the check every optional mail passes.
use super::consent::{self, Change};
use super::core::audit::{self, Actor};
use super::core::db::Db;
use crate::domain::{
    AppError, ConsentAction, ConsentChannel, ConsentPurpose, ContactPreferences, FieldError, Topic, MONTHLY_CAPS,
};
use crate::i18n::{Lang, Msg};

pub async fn load(db: &Db, candidate_id: &str) -> Result<ContactPreferences, sqlx::Error> {
    let language: String = sqlx::query_scalar("SELECT language FROM candidates WHERE id = $1")
        .bind(candidate_id)
        .fetch_one(db.pool())
        .await?;
    type Row = (String, Option<i64>, Option<i64>, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT topics, monthly_cap, pause_until, unsubscribed_at FROM contact_preferences WHERE candidate_id = $1",
    )
    .bind(candidate_id)
    .fetch_optional(db.pool())
    .await?;
    let (topics, monthly_cap, pause_until, unsubscribed_at) = row.unwrap_or_default();
    Ok(ContactPreferences {
        language: Lang::parse(&language).unwrap_or_default(),
        topics: topics.split('\n').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        monthly_cap,
        pause_until,
        unsubscribed_at,
    })
}

/// The departments and locations the company hires in, as topics to choose from.
pub async fn topic_choices(db: &Db) -> Result<Vec<Topic>, sqlx::Error> {
    let departments: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT department FROM jobs ORDER BY department").fetch_all(db.pool()).await?;
    let locations: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT location FROM jobs ORDER BY location").fetch_all(db.pool()).await?;
    Ok(departments
        .into_iter()
        .map(|d| Topic { key: format!("department:{d}"), label: d })
        .chain(locations.into_iter().map(|l| Topic { key: format!("location:{l}"), label: l }))
        .collect())
}

pub struct PreferencesInput {
    pub language: String,
    pub topics: Vec<String>,
    pub monthly_cap: String,
    pub pause_until: String,
}

/// Validates everything first, then saves in one transaction; nothing is half written.
pub async fn save(
    db: &Db,
    candidate_id: &str,
    input: &PreferencesInput,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let language = Lang::parse(&input.language);
    if language.is_none() {
        errors.push(FieldError::new("language", Msg::ErrInvalid));
    }
    let choices = topic_choices(db).await?;
    let mut topics: Vec<String> = input.topics.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    topics.sort();
    topics.dedup();
    if topics.iter().any(|t| !choices.iter().any(|c| &c.key == t)) {
        errors.push(FieldError::new("topics", Msg::ErrInvalid));
    }
    let monthly_cap = match input.monthly_cap.trim() {
        "" => None,
        value => match value.parse::<i64>() {
            Ok(n) if MONTHLY_CAPS.contains(&n) => Some(n),
            _ => {
                errors.push(FieldError::new("monthly_cap", Msg::ErrInvalid));
                None
            }
        },
    };
    let pause_until = match input.pause_until.trim() {
        "" => None,
        value => match crate::domain::parse_date(value) {
            Some(at) if at > now && at <= crate::domain::months_after(now, 36) => Some(at),
            Some(_) => {
                errors.push(FieldError::new("pause_until", Msg::ErrDateRange));
                None
            }
            None => {
                errors.push(FieldError::new("pause_until", Msg::ErrDateInvalid));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO contact_preferences (candidate_id, topics, monthly_cap, pause_until, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (candidate_id) DO UPDATE SET topics = excluded.topics, monthly_cap = excluded.monthly_cap, \
           pause_until = excluded.pause_until, updated_at = excluded.updated_at",
    )
    .bind(candidate_id)
    .bind(topics.join("\n"))
    .bind(monthly_cap)
    .bind(pause_until)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE candidates SET language = $1, updated_at = $2 WHERE id = $3")
        .bind(language.unwrap_or_default().tag())
        .bind(now)
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    let detail = format!(
        "language={} topics={} cap={:?} pause_until={:?}",
        language.unwrap_or_default().tag(),
        topics.len(),
        monthly_cap,
        pause_until
    );
    audit::record(&mut tx, actor, "preferences_changed", ("candidate", Some(candidate_id)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Stops everything optional at once: marks the candidate unsubscribed, withdraws job news and cancels queued
/// optional mail. Transactional mail (sign-in links, the selection itself) still goes out.
pub async fn unsubscribe_all(
    db: &Db,
    candidate_id: &str,
    channel: ConsentChannel,
    actor: Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO contact_preferences (candidate_id, unsubscribed_at, updated_at) VALUES ($1, $2, $2) \
         ON CONFLICT (candidate_id) DO UPDATE SET \
           unsubscribed_at = COALESCE(contact_preferences.unsubscribed_at, excluded.unsubscribed_at), updated_at = excluded.updated_at",
    )
    .bind(candidate_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE mail_outbox SET status = 'cancelled' WHERE candidate_id = $1 AND status = 'queued' \
         AND consent_purpose IS NOT NULL AND consent_purpose <> 'selection'",
    )
    .bind(candidate_id)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, &actor, "unsubscribed", ("candidate", Some(candidate_id)), channel.as_str(), now).await?;
    tx.commit().await?;
    let change = Change {
        candidate_id,
        purpose: ConsentPurpose::JobNews,
        agency_id: None,
        action: ConsentAction::Withdrawn,
        channel,
        actor,
        // job news only: no agency is told anything
        mail_domain: "",
    };
    consent::change(db, &change, now).await?;
    Ok(())
}

pub async fn resubscribe(db: &Db, candidate_id: &str, actor: &Actor<'_>, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE contact_preferences SET unsubscribed_at = NULL, updated_at = $1 WHERE candidate_id = $2")
        .bind(now)
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, actor, "resubscribed", ("candidate", Some(candidate_id)), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether optional mail for `purpose` may be sent now: consent granted, not unsubscribed, not paused,
/// and under the monthly cap (counting optional mail queued or sent in the last 30 days).
pub async fn may_contact(db: &Db, candidate_id: &str, purpose: ConsentPurpose, now: i64) -> Result<bool, sqlx::Error> {
    let latest: Option<String> = sqlx::query_scalar(
        "SELECT action FROM consent_records WHERE candidate_id = $1 AND purpose = $2 AND agency_id IS NULL \
         ORDER BY at DESC, id DESC LIMIT 1",
    )
    .bind(candidate_id)
    .bind(purpose.as_str())
    .fetch_optional(db.pool())
    .await?;
    if latest.as_deref() != Some("granted") {
        return Ok(false);
    }
    let prefs = load(db, candidate_id).await?;
    if prefs.unsubscribed_at.is_some() || prefs.pause_until.is_some_and(|until| until > now) {
        return Ok(false);
    }
    if let Some(cap) = prefs.monthly_cap {
        let recent: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM mail_outbox WHERE candidate_id = $1 AND consent_purpose IS NOT NULL \
             AND consent_purpose <> 'selection' AND status IN ('queued', 'sending', 'sent') AND created_at > $2",
        )
        .bind(candidate_id)
        .bind(now - 30 * 86_400_000)
        .fetch_one(db.pool())
        .await?;
        if recent >= cap {
            return Ok(false);
        }
    }
    Ok(true)
}
