//! Signing up in the portal. The form's contents wait (24 hours) for the person to confirm their address from a
//! mail; confirming shows the name and asks each optional purpose (unticked), makes them a candidate with exactly
//! the consents ticked there, signs them in, and — since only the mailbox's holder can confirm — lifts the
//! fingerprints an earlier erasure of theirs left. An address that is already a
//! candidate's gets a sign-in link instead, and the form answers the same either way.
use super::consent::{self, Change};
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::mail::{self, OutgoingMail};
use super::core::state::AppState;
use super::core::tokens::{self, TokenState};
use crate::domain::{
    AppError, ConsentAction, ConsentChannel, ConsentPurpose, Email, SignUpForm, SignUpLink, TemplateKind, TokenPurpose,
};
use crate::i18n::Lang;

pub const SIGN_UP_TTL_MS: i64 = 24 * 3_600_000;

/// The worker's part: a sign-in link for a known address, else the mail that confirms the sign-up.
pub async fn requested(state: &AppState, email: &Email, payload: &str, ip: &str, now: i64) -> Result<(), AppError> {
    let (form, lang): (SignUpForm, String) = serde_json::from_str(payload).map_err(|_| AppError::Internal)?;
    let lang = Lang::parse(&lang).unwrap_or_default();
    let known: Option<String> = sqlx::query_scalar("SELECT id FROM candidates WHERE email = $1 AND status = 'active'")
        .bind(email.as_str())
        .fetch_optional(state.db.pool())
        .await?;
    if known.is_some() {
        return super::auth::send_sign_in_link(state, email, ip, None, now).await;
    }
    let (_, profile) = form.validate().map_err(AppError::Validation)?;
    let id = new_id();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO signups (id, email, payload, language, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(email.as_str())
    .bind(payload)
    .bind(lang.tag())
    .bind(now)
    .bind(now + SIGN_UP_TTL_MS)
    .execute(&mut *tx)
    .await?;
    let token = tokens::issue(&mut tx, TokenPurpose::SignUp, &id, SIGN_UP_TTL_MS, now).await?;
    let link = format!("{}/portal/sign-up/confirm/{token}", state.config.base_url);
    let name = lang.person_name(profile.family_name.as_str(), profile.given_name.as_str());
    let values = [("name", name.as_str()), ("sign_up_link", link.as_str())];
    let (subject, body_text) = super::templates::compose(&mut tx, TemplateKind::SignUp, lang, &values).await?;
    let mail = OutgoingMail {
        to: email.as_str(),
        candidate_id: None,
        kind: "sign_up",
        lang,
        subject,
        body_text,
        consent_purpose: None,
    };
    mail::enqueue(&mut tx, &mail, &state.config.mail_domain(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// What a sign-up link would do now, without using it, with the name it would register and the texts of the
/// optional purposes the confirmation page asks about.
pub async fn link(db: &Db, token: &str, lang: Lang, now: i64) -> Result<SignUpLink, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let state = tokens::inspect(&mut conn, TokenPurpose::SignUp, token, now).await?.name();
    let mut link =
        SignUpLink { state: state.into(), name: String::new(), talent_pool: String::new(), job_news: String::new() };
    if state != "valid" {
        return Ok(link);
    }
    let payload: Option<String> = sqlx::query_scalar(
        "SELECT s.payload FROM signups s JOIN tokens t ON t.subject_id = s.id WHERE t.hash = $1 AND t.purpose = 'sign_up'",
    )
    .bind(super::core::crypto::sha256_hex(token.trim()))
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((form, _)) = payload.and_then(|p| serde_json::from_str::<(SignUpForm, String)>(&p).ok()) {
        link.name = lang.person_name(form.family_name.trim(), form.given_name.trim());
    }
    let column = if lang == Lang::En { "text_en" } else { "text_ja" };
    for (purpose, text) in [("talent_pool", &mut link.talent_pool), ("job_news", &mut link.job_news)] {
        let sql = format!("SELECT {column} FROM policy_versions WHERE purpose = $1 ORDER BY version DESC LIMIT 1");
        let found: Option<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(purpose).fetch_optional(&mut *conn).await?;
        *text = found.unwrap_or_default();
    }
    Ok(link)
}

/// Completes a sign-up with its link and the purposes (talent pool, job news) ticked on its page: the new
/// candidate's id (or the existing one's, if the address became a candidate meanwhile), for the session the
/// caller then starts.
pub async fn confirm(
    state: &AppState,
    token: &str,
    (talent_pool, job_news): (bool, bool),
    ip: &str,
    now: i64,
) -> Result<String, TokenState> {
    let internal = |error: AppError| {
        tracing::error!(reason = error.message().code(), "completing a sign-up");
        TokenState::Unknown
    };
    let mut tx = state.db.begin().await.map_err(|e| internal(e.into()))?;
    let id = tokens::consume(&mut tx, TokenPurpose::SignUp, token, now).await.map_err(|e| internal(e.into()))??;
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT email, payload, language FROM signups WHERE id = $1")
            .bind(&id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|e| internal(e.into()))?;
    let (email, payload, language) = row.ok_or(TokenState::Unknown)?;
    let (form, _): (SignUpForm, String) = serde_json::from_str(&payload).map_err(|_| TokenState::Unknown)?;
    let (email_parsed, profile) = form.validate().map_err(|_| TokenState::Unknown)?;
    let existing: Option<String> =
        sqlx::query_scalar("SELECT id FROM candidates WHERE email = $1 AND status = 'active'")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|e| internal(e.into()))?;
    let candidate = match existing {
        Some(candidate) => candidate,
        None => {
            let candidate = super::candidates::insert(&mut tx, &email_parsed, &profile, None, "website", now)
                .await
                .map_err(|e| internal(e.into()))?;
            sqlx::query("UPDATE candidates SET language = $1 WHERE id = $2")
                .bind(Lang::parse(&language).unwrap_or_default().tag())
                .bind(&candidate)
                .execute(&mut *tx)
                .await
                .map_err(|e| internal(e.into()))?;
            let ticked = [(ConsentPurpose::TalentPool, talent_pool), (ConsentPurpose::JobNews, job_news)];
            for (purpose, _) in ticked.into_iter().filter(|(_, yes)| *yes) {
                let change = Change {
                    candidate_id: &candidate,
                    purpose,
                    agency_id: None,
                    action: ConsentAction::Granted,
                    channel: ConsentChannel::Portal,
                    actor: Actor::candidate(&candidate, ip),
                    mail_domain: &state.config.mail_domain(),
                };
                consent::change_in(&mut tx, &change, now).await.map_err(internal)?;
            }
            candidate
        }
    };
    // the person themselves is back: an erasure's fingerprint of this address no longer applies
    super::suppression::lift(&mut tx, &state.config.secret, &email_parsed).await.map_err(|e| internal(e.into()))?;
    sqlx::query("DELETE FROM signups WHERE id = $1 OR email = $2")
        .bind(&id)
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(|e| internal(e.into()))?;
    let actor = Actor::candidate(&candidate, ip);
    audit::record(&mut tx, &actor, "signed_up", ("candidate", Some(&candidate)), "", now)
        .await
        .map_err(|e| internal(e.into()))?;
    tx.commit().await.map_err(|e| internal(e.into()))?;
    Ok(candidate)
}

/// Sign-ups nobody confirmed in time, and waiting forms of flash, go.
pub async fn purge_expired(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM signups WHERE expires_at <= $1").bind(now).execute(db.pool()).await?.rows_affected())
}
