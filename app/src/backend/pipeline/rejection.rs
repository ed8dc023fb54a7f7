//! Rejecting an application with a reason, and the rejection mail (with the personal referral link).
use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::Db;
use crate::backend::core::mail::{self, OutgoingMail};
use crate::backend::core::state::Config;
use crate::backend::core::tokens;
use crate::backend::relay::opt_in::RELAY_LINK_TTL_MS;
use crate::domain::{AppError, TemplateKind, TokenPurpose};
use crate::i18n::{Lang, Msg};

pub const MAX_NOTE_CHARS: usize = 1000;

/// The active reasons of one side ("company" or "candidate"), as (id, label).
pub async fn reasons(db: &Db, side: &str, lang: Lang) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, label_ja, label_en FROM decline_reasons WHERE side = $1 AND status = 'active' ORDER BY created_at, id",
    )
    .bind(side)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id, ja, en)| (id, if lang == Lang::En { en } else { ja })).collect())
}

/// A recruiter's rejection of one application.
#[derive(Clone, Copy, Debug)]
pub struct Rejection<'a> {
    pub application_id: &'a str,
    /// a company-side reason of the managed list
    pub reason_id: &'a str,
    pub note: &'a str,
    /// whether the rejection mail (with the referral link) goes out
    pub send_mail: bool,
}

/// Rejects an open application with a company-side reason and an internal note; records the move, and queues the
/// rejection mail (in the candidate's language, from the template, with a personal referral link) when asked.
#[allow(clippy::too_many_arguments)]
pub async fn reject(
    db: &Db,
    config: &Config,
    rejection: &Rejection<'_>,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let Rejection { application_id, reason_id, note, send_mail } = *rejection;
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::field("note", Msg::ErrTooLong));
    }
    let mut tx = db.begin().await?;
    let reason: Option<String> =
        sqlx::query_scalar("SELECT id FROM decline_reasons WHERE id = $1 AND side = 'company' AND status = 'active'")
            .bind(reason_id)
            .fetch_optional(&mut *tx)
            .await?;
    if reason.is_none() {
        return Err(AppError::field("reason_id", Msg::ErrChooseReason));
    }
    #[derive(sqlx::FromRow)]
    struct Found {
        candidate_id: String,
        stage: String,
        outcome: Option<String>,
        status: String,
        email: String,
        family_name: String,
        given_name: String,
        language: String,
        title_ja: String,
        title_en: String,
    }
    let found: Option<Found> = sqlx::query_as(
        "SELECT a.candidate_id, a.stage, a.outcome, c.status, c.email, c.family_name, c.given_name, c.language, \
         j.title_ja, j.title_en FROM applications a JOIN candidates c ON c.id = a.candidate_id \
         JOIN jobs j ON j.id = a.job_id WHERE a.id = $1",
    )
    .bind(application_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Found {
        candidate_id,
        stage,
        outcome,
        status,
        email,
        family_name: family,
        given_name: given,
        language,
        title_ja,
        title_en,
    } = found.ok_or(AppError::NotFound)?;
    if outcome.is_some() || stage == "hired" {
        return Err(AppError::field("application", Msg::ErrApplicationClosed));
    }
    crate::backend::core::facts::lock_person(&mut tx, &candidate_id).await?;
    let updated = sqlx::query(
        "UPDATE applications SET outcome = 'rejected', decline_reason_id = $1, decline_note = $2, updated_at = $3 \
         WHERE id = $4 AND outcome IS NULL",
    )
    .bind(reason_id)
    .bind((!note.is_empty()).then_some(note))
    .bind(now)
    .bind(application_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::field("application", Msg::ErrApplicationClosed));
    }
    crate::backend::pipeline::record_transition(
        &mut tx,
        application_id,
        Some(&stage),
        &stage,
        Some("rejected"),
        actor.id,
        now,
    )
    .await?;
    let mailed = send_mail && status == "active";
    if mailed {
        let lang = Lang::parse(&language).unwrap_or_default();
        let token = tokens::issue(&mut tx, TokenPurpose::Relay, &candidate_id, RELAY_LINK_TTL_MS, now).await?;
        let name = lang.person_name(&family, &given);
        let link = format!("{}/relay/{token}", config.base_url);
        let title = if lang == Lang::En { title_en } else { title_ja };
        let values = [("name", name.as_str()), ("job_title", title.as_str()), ("relay_link", link.as_str())];
        let (subject, body_text) =
            crate::backend::templates::compose(&mut tx, TemplateKind::Rejection, lang, &values).await?;
        let rejection = OutgoingMail {
            to: &email,
            candidate_id: Some(&candidate_id),
            kind: "rejection",
            lang,
            subject,
            body_text,
            consent_purpose: None,
        };
        mail::enqueue(&mut tx, &rejection, &config.mail_domain(), now).await?;
        sqlx::query("UPDATE candidates SET last_contact_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&candidate_id)
            .execute(&mut *tx)
            .await?;
    }
    let detail = format!("application {application_id} reason {reason_id} mail={mailed}");
    audit::record(&mut tx, actor, "rejected", ("candidate", Some(&candidate_id)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}
