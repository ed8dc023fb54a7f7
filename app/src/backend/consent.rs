//! Consent per purpose: append-only records bound to the policy version shown, the current state being
//! the latest record per (candidate, purpose, agency). Withdrawing takes effect at once.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::core::mail;
use crate::domain::{
    AppError, ConsentAction, ConsentCard, ConsentChannel, ConsentEvent, ConsentOverview, ConsentPurpose, PolicyText,
};
use crate::i18n::{Lang, Msg};
use std::collections::BTreeMap;

#[derive(sqlx::FromRow)]
struct RecordRow {
    purpose: String,
    agency_id: Option<String>,
    agency_name: Option<String>,
    action: String,
    version: i64,
    channel: String,
    at: i64,
}

async fn records(conn: &mut sqlx::AnyConnection, candidate_id: &str) -> Result<Vec<RecordRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.purpose, r.agency_id, a.name AS agency_name, r.action, p.version, r.channel, r.at \
         FROM consent_records r JOIN policy_versions p ON p.id = r.policy_version_id \
         LEFT JOIN agencies a ON a.id = r.agency_id \
         WHERE r.candidate_id = $1 ORDER BY r.at, r.id",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await
}

/// Every purpose with its current text and the candidate's state, plus the full history, newest first.
pub async fn overview(db: &Db, candidate_id: &str, lang: Lang) -> Result<ConsentOverview, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let policies = super::policies::latest_policies(&mut conn).await?;
    let rows = records(&mut conn, candidate_id).await?;
    let mut latest: BTreeMap<(String, Option<String>), &RecordRow> = BTreeMap::new();
    for row in &rows {
        latest.insert((row.purpose.clone(), row.agency_id.clone()), row);
    }
    let policy_for =
        |purpose: ConsentPurpose| policies.iter().find(|p| p.purpose == purpose.as_str()).map(|p| p.text(lang));
    let mut cards = Vec::new();
    for purpose in ConsentPurpose::ALL {
        let per_purpose: Vec<&&RecordRow> =
            latest.iter().filter(|((p, _), _)| p == purpose.as_str()).map(|(_, r)| r).collect();
        if *purpose == ConsentPurpose::AgencyReferral {
            // one card per agency the candidate has ever answered; none yet: the explanation only
            for row in per_purpose.iter().filter(|r| r.agency_id.is_some()) {
                cards.push(card(*purpose, policy_for(*purpose), Some(row)));
            }
            if !cards.iter().any(|c| c.purpose == *purpose) {
                cards.push(card(*purpose, policy_for(*purpose), None));
            }
        } else {
            let row = per_purpose.into_iter().find(|r| r.agency_id.is_none()).copied();
            cards.push(card(*purpose, policy_for(*purpose), row));
        }
    }
    let history = rows
        .iter()
        .rev()
        .filter_map(|r| {
            Some(ConsentEvent {
                purpose: ConsentPurpose::parse(&r.purpose)?,
                action: ConsentAction::parse(&r.action)?,
                version: r.version,
                channel: ConsentChannel::parse(&r.channel)?,
                agency_name: r.agency_name.clone(),
                at: r.at,
            })
        })
        .collect();
    Ok(ConsentOverview { cards, history })
}

fn card(purpose: ConsentPurpose, policy: Option<PolicyText>, row: Option<&RecordRow>) -> ConsentCard {
    ConsentCard {
        purpose,
        agency_id: row.and_then(|r| r.agency_id.clone()),
        agency_name: row.and_then(|r| r.agency_name.clone()),
        policy,
        state: row.and_then(|r| ConsentAction::parse(&r.action)),
        since: row.map(|r| r.at),
        accepted_version: row.map(|r| r.version),
    }
}

pub struct Change<'a> {
    pub candidate_id: &'a str,
    pub purpose: ConsentPurpose,
    pub agency_id: Option<&'a str>,
    pub action: ConsentAction,
    pub channel: ConsentChannel,
    pub actor: Actor<'a>,
    /// for the Message-ID of the notice an agency gets when a candidate withdraws
    pub mail_domain: &'a str,
}

/// Records a grant or a withdrawal under the current policy version. Returns false when it would change
/// nothing (a double submit): granting what is granted under the current version, withdrawing what is not granted.
pub async fn change(db: &Db, change: &Change<'_>, now: i64) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let changed = change_in(&mut tx, change, now).await?;
    tx.commit().await?;
    Ok(changed.is_some())
}

/// [`change`] inside the caller's transaction; returns the new consent record's id, or None when nothing changed.
/// Withdrawing consent for an agency ends that agency's access to the candidate's referrals at once and tells
/// the agency to delete what it holds.
pub async fn change_in(
    conn: &mut sqlx::AnyConnection,
    change: &Change<'_>,
    now: i64,
) -> Result<Option<String>, AppError> {
    if change.purpose == ConsentPurpose::AgencyReferral && change.agency_id.is_none() {
        return Err(AppError::field("agency_id", Msg::ErrRequired));
    }
    if change.purpose != ConsentPurpose::AgencyReferral && change.agency_id.is_some() {
        return Err(AppError::field("agency_id", Msg::ErrInvalid));
    }
    let policy: Option<(String, i64)> =
        sqlx::query_as("SELECT id, version FROM policy_versions WHERE purpose = $1 ORDER BY version DESC LIMIT 1")
            .bind(change.purpose.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let Some((policy_id, version)) = policy else { return Err(AppError::NotFound) };
    if let Some(agency) = change.agency_id {
        let known: Option<String> =
            sqlx::query_scalar("SELECT id FROM agencies WHERE id = $1").bind(agency).fetch_optional(&mut *conn).await?;
        if known.is_none() {
            return Err(AppError::NotFound);
        }
    }
    let current: Option<(String, i64)> = sqlx::query_as(
        "SELECT r.action, p.version FROM consent_records r JOIN policy_versions p ON p.id = r.policy_version_id \
         WHERE r.candidate_id = $1 AND r.purpose = $2 AND COALESCE(r.agency_id, '') = $3 ORDER BY r.at DESC, r.id DESC LIMIT 1",
    )
    .bind(change.candidate_id)
    .bind(change.purpose.as_str())
    .bind(change.agency_id.unwrap_or(""))
    .fetch_optional(&mut *conn)
    .await?;
    let unchanged = match (change.action, &current) {
        (ConsentAction::Granted, Some((action, v))) => action == "granted" && *v == version,
        (ConsentAction::Withdrawn, Some((action, _))) => action == "withdrawn",
        (ConsentAction::Withdrawn, None) => true,
        (ConsentAction::Granted, None) => false,
    };
    if unchanged {
        return Ok(None);
    }
    crate::backend::core::facts::lock_person(&mut *conn, change.candidate_id).await?;
    let record_id = new_id();
    sqlx::query(
        "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, agency_id, action, channel, actor_kind, actor_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&record_id)
    .bind(change.candidate_id)
    .bind(change.purpose.as_str())
    .bind(&policy_id)
    .bind(change.agency_id)
    .bind(change.action.as_str())
    .bind(change.channel.as_str())
    .bind(change.actor.kind.as_str())
    .bind(change.actor.id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    crate::backend::core::facts::refresh(&mut *conn, change.candidate_id).await?;
    if change.action == ConsentAction::Withdrawn {
        mail::cancel_for_purpose(&mut *conn, change.candidate_id, change.purpose).await?;
        if let Some(agency) = change.agency_id {
            super::relay::withdrawal::withdraw_referrals(
                &mut *conn,
                change.candidate_id,
                Some(agency),
                change.mail_domain,
                now,
            )
            .await?;
        }
    }
    let detail = format!(
        "{} v{version}{}",
        change.purpose.as_str(),
        change.agency_id.map(|a| format!(" agency {a}")).unwrap_or_default()
    );
    let action = if change.action == ConsentAction::Granted { "consent_granted" } else { "consent_withdrawn" };
    audit::record(&mut *conn, &change.actor, action, ("candidate", Some(change.candidate_id)), &detail, now).await?;
    Ok(Some(record_id))
}
