//! Erasure at the person's request. The candidate row stays as a tombstone so that applications, stage history
//! and statistics keep their references; consent records stay (they prove what was agreed and hold no personal
//! data); provision records keep the name snapshot the law requires for three years. Every other column that
//! holds something of the person is cleared or its row deleted — under every address and phone number they were
//! known by, merged records' included — their rows leave any import still waiting, their files go, and keyed
//! fingerprints keep them from being added back unawares. Sessions end; a confirmation goes to the address one
//! last time and is scrubbed once sent.
use super::core::audit::{self, Actor, ActorKind};
use super::core::db::{Db, DbKind};
use super::core::mail::{self, OutgoingMail};
use super::core::state::Config;
use crate::domain::{AppError, Email, PhoneNumber};
use crate::i18n::{Lang, Msg};

pub async fn erase(db: &Db, config: &Config, candidate_id: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    // an import uploaded before rows were staged holds its whole file in one column: stage it, so that its rows
    // can be forgotten like any other's
    let legacy: Vec<String> =
        sqlx::query_scalar("SELECT id FROM imports WHERE content <> ''").fetch_all(db.pool()).await?;
    for id in legacy {
        super::import::legacy::adopt(db, &id).await?;
    }
    let mut tx = db.begin().await?;
    // PostgreSQL: the row is locked, so a worker sending this person a link waits for the erasure, then sees it
    let lock = if db.kind() == DbKind::Postgres { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT email, phone, language FROM candidates WHERE id = $1 AND status = 'active'{lock}");
    let found: Option<(String, Option<String>, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(candidate_id).fetch_optional(&mut *tx).await?;
    let Some((email, phone, language)) = found else { return Err(AppError::NotFound) };
    let lang = Lang::parse(&language).unwrap_or_default();
    let merged: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT merged_id, email, phone FROM merged_identities WHERE candidate_id = $1")
            .bind(candidate_id)
            .fetch_all(&mut *tx)
            .await?;
    let mut addresses = vec![email.clone()];
    let mut phones: Vec<String> = phone.into_iter().collect();
    let mut ids = vec![candidate_id.to_owned()];
    for (id, address, number) in merged {
        ids.push(id);
        addresses.push(address);
        phones.extend(number);
    }
    addresses.dedup();
    let emails: Vec<Email> = addresses.iter().filter_map(|a| Email::parse(a).ok()).collect();
    let phones: Vec<PhoneNumber> = phones.iter().map(|p| PhoneNumber::from_stored(p)).collect();
    let mut mail_ids: Vec<String> = sqlx::query_scalar("SELECT id FROM mail_outbox WHERE candidate_id = $1")
        .bind(candidate_id)
        .fetch_all(&mut *tx)
        .await?;
    for address in &addresses {
        let to: Vec<String> = sqlx::query_scalar("SELECT id FROM mail_outbox WHERE recipient = $1")
            .bind(address)
            .fetch_all(&mut *tx)
            .await?;
        mail_ids.extend(to);
    }
    // agencies lose access and are told to delete what they hold, before the name is gone
    super::relay::withdrawal::withdraw_referrals(&mut tx, candidate_id, None, &config.mail_domain(), now).await?;
    sqlx::query(TOMBSTONE).bind(candidate_id).bind(now).execute(&mut *tx).await?;
    for sql in BY_CANDIDATE {
        sqlx::query(*sql).bind(candidate_id).execute(&mut *tx).await?;
    }
    // a record merged into this one is known to the audit log only by the merge's own entry
    for id in &ids[1..] {
        sqlx::query(AUDIT_ABOUT).bind(id).execute(&mut *tx).await?;
    }
    for address in &addresses {
        for sql in BY_ADDRESS {
            sqlx::query(*sql).bind(address).execute(&mut *tx).await?;
        }
    }
    for email in &emails {
        sqlx::query("DELETE FROM rate_limits WHERE key LIKE $1")
            .bind(format!("{}#%", super::auth::link_limit_key(config, email)))
            .execute(&mut *tx)
            .await?;
    }
    super::import::rows::forget_people(&mut tx, &emails, &phones).await?;
    super::suppression::suppress(&mut tx, &config.secret, &emails, &phones, candidate_id, now).await?;
    sqlx::query("DELETE FROM merged_identities WHERE candidate_id = $1").bind(candidate_id).execute(&mut *tx).await?;
    let resume_files = super::resumes::take_all(&mut tx, config, candidate_id).await?;
    let confirmation = OutgoingMail {
        to: &email,
        candidate_id: None,
        kind: "erasure_confirmation",
        lang,
        subject: Msg::MailErasedSubject.text(lang).to_owned(),
        body_text: format!("{}\n\n-- \nKizuna\n", Msg::MailErasedBody.text(lang)),
        consent_purpose: None,
    };
    mail::enqueue_scrubbed(&mut tx, &confirmation, &config.mail_domain(), now).await?;
    // the erasure's own entry keeps no address either: the person's request came from it
    let actor = if actor.kind == ActorKind::Candidate { actor.without_ip() } else { *actor };
    audit::record(&mut tx, &actor, "erased", ("candidate", Some(candidate_id)), "", now).await?;
    tx.commit().await?;
    super::resumes::remove_files(&resume_files).await;
    for id in mail_ids {
        mail::remove_sink_file(&config.data_dir, &id).await;
    }
    db.checkpoint().await;
    Ok(())
}

/// The candidate row becomes a tombstone (`$1` the candidate, `$2` now). A test fills every column of every table
/// for one person and scans the database and the data folder afterwards.
const TOMBSTONE: &str = "UPDATE candidates SET email = 'erased-' || id || '@erased.invalid', family_name = '', \
     given_name = '', family_name_kana = NULL, given_name_kana = NULL, phone = NULL, birth_date = NULL, location = NULL, \
     skills = '', desired_roles = '', desired_locations = '', status = 'erased', updated_at = $2 WHERE id = $1";

/// What erasure clears or deletes about the candidate `$1`.
const BY_CANDIDATE: &[&str] = &[
    "DELETE FROM notes WHERE candidate_id = $1",
    "DELETE FROM candidate_tags WHERE candidate_id = $1",
    "DELETE FROM contact_preferences WHERE candidate_id = $1",
    "DELETE FROM event_attendees WHERE candidate_id = $1",
    "UPDATE invitations SET decline_reason = NULL WHERE candidate_id = $1",
    "UPDATE applications SET decline_note = NULL WHERE candidate_id = $1",
    "UPDATE interviews SET location = NULL, meeting_url = NULL, interviewers = '', result = NULL \
     WHERE application_id IN (SELECT id FROM applications WHERE candidate_id = $1)",
    "UPDATE mail_outbox SET recipient = 'erased', subject = '', body_text = '', list_unsubscribe = NULL, \
     last_error = NULL, status = CASE WHEN status IN ('queued', 'sending') THEN 'cancelled' ELSE status END \
     WHERE candidate_id = $1",
    // what campaigns did stays counted (who it was is only the tombstone's id); nothing more is sent
    "UPDATE campaign_enrolments SET status = 'exited', exit_reason = 'erased', lease_until = NULL \
     WHERE candidate_id = $1 AND status = 'active'",
    "DELETE FROM sessions WHERE kind = 'candidate' AND subject_id = $1",
    "DELETE FROM tokens WHERE subject_id = $1",
    AUDIT_ABOUT,
];

/// What they did and what was done to them stays provable; where from, and any detail, do not.
const AUDIT_ABOUT: &str = "UPDATE audit_log SET ip = NULL, detail = '' \
     WHERE (subject_kind = 'candidate' AND subject_id = $1) OR (actor_kind = 'candidate' AND actor_id = $1)";

/// What erasure clears or deletes under each address `$1` the person was known by.
const BY_ADDRESS: &[&str] = &[
    "UPDATE mail_outbox SET recipient = 'erased', subject = '', body_text = '', list_unsubscribe = NULL, \
     last_error = NULL, status = CASE WHEN status IN ('queued', 'sending') THEN 'cancelled' ELSE status END \
     WHERE recipient = $1",
    "DELETE FROM link_requests WHERE email = $1",
    "DELETE FROM signups WHERE email = $1",
];
