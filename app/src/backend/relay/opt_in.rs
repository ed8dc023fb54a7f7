//! The referral page a rejected candidate answers: which agencies they agree to be referred to, each agreement
//! a consent record and each referral a provision record (APPI Art. 27/29), all in one transaction.
use crate::backend::consent::{self, Change};
use crate::backend::core::audit::{self, Actor};
use crate::backend::core::crypto::sha256_hex;
use crate::backend::core::db::{new_id, Db};
use crate::backend::core::mail::{self, OutgoingMail};
use crate::backend::core::state::Config;
use crate::backend::core::tokens::{self, TokenState};
use crate::domain::{
    referral_reference, Agency, AppError, ConsentAction, ConsentChannel, ConsentPurpose, DataItem, RelayChoices,
    RelayLink, RelayOffer, TokenPurpose,
};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// How long the personal referral link in a rejection mail works.
pub const RELAY_LINK_TTL_MS: i64 = 30 * 86_400_000;
/// The "contact me again from" choices on the referral page, in months.
pub const CONTACT_AFTER_MONTHS: &[i64] = &[0, 3, 6, 12];
// ---------------------------------------------------------------- the referral page (candidate)

/// The latest consent action per (purpose, agency) of a candidate, with its time.
async fn consent_states(
    conn: &mut AnyConnection,
    candidate_id: &str,
) -> Result<BTreeMap<(String, String), (String, i64)>, sqlx::Error> {
    let rows: Vec<(String, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT purpose, agency_id, action, at FROM consent_records WHERE candidate_id = $1 ORDER BY at, id",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(p, a, action, at)| ((p, a.unwrap_or_default()), (action, at))).collect())
}

/// Whether the candidate currently agrees to be referred to this agency (under any policy version).
pub async fn agreed_to(db: &Db, candidate_id: &str, agency_id: &str) -> Result<bool, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let states = consent_states(&mut conn, candidate_id).await?;
    let key = (ConsentPurpose::AgencyReferral.as_str().to_owned(), agency_id.to_owned());
    Ok(states.get(&key).is_some_and(|(action, _)| action == "granted"))
}

/// What the referral page offers this candidate: every active agency and what each would receive.
pub async fn choices(db: &Db, candidate_id: &str, lang: Lang) -> Result<RelayChoices, AppError> {
    let mut conn = db.pool().acquire().await?;
    let person: Option<(String, String)> =
        sqlx::query_as("SELECT family_name, given_name FROM candidates WHERE id = $1 AND status = 'active'")
            .bind(candidate_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (family, given) = person.ok_or(AppError::NotFound)?;
    let states = consent_states(&mut conn, candidate_id).await?;
    let granted = |purpose: ConsentPurpose, agency: &str| {
        states
            .get(&(purpose.as_str().to_owned(), agency.to_owned()))
            .filter(|(action, _)| action == "granted")
            .map(|(_, at)| *at)
    };
    let offers = super::agencies::agencies(&mut conn, true)
        .await?
        .into_iter()
        .map(|agency| RelayOffer { agreed_at: granted(ConsentPurpose::AgencyReferral, &agency.id), agency })
        .collect();
    let policy: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT version, text_ja, text_en FROM policy_versions WHERE purpose = 'agency_referral' ORDER BY version DESC LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    let (policy_version, text_ja, text_en) = policy.ok_or(AppError::NotFound)?;
    Ok(RelayChoices {
        candidate_name: lang.person_name(&family, &given),
        offers,
        policy_text: if lang == Lang::En { text_en } else { text_ja },
        policy_version,
        talent_pool: granted(ConsentPurpose::TalentPool, "").is_some(),
        job_news: granted(ConsentPurpose::JobNews, "").is_some(),
    })
}

/// What opening a personal referral link shows, without using it up.
pub async fn link(db: &Db, token: &str, signed_in: Option<&str>, lang: Lang, now: i64) -> Result<RelayLink, AppError> {
    let mut conn = db.pool().acquire().await?;
    let state = tokens::inspect(&mut conn, TokenPurpose::Relay, token, now).await?;
    let subject = token_subject(&mut conn, token).await?;
    drop(conn);
    if let (Some(me), Some(owner)) = (signed_in, subject.as_deref()) {
        if me != owner {
            return Ok(RelayLink::OtherPerson);
        }
    }
    match (state, subject) {
        (TokenState::Valid, Some(owner)) => match choices(db, &owner, lang).await {
            Ok(choices) => Ok(RelayLink::Open(choices)),
            Err(AppError::NotFound) => Ok(RelayLink::Problem("invalid".into())),
            Err(error) => Err(error),
        },
        (TokenState::Used, _) => Ok(RelayLink::Problem("used".into())),
        (TokenState::Expired, _) => Ok(RelayLink::Problem("expired".into())),
        _ => Ok(RelayLink::Problem("invalid".into())),
    }
}

async fn token_subject(conn: &mut AnyConnection, token: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT subject_id FROM tokens WHERE hash = $1 AND purpose = $2")
        .bind(sha256_hex(token.trim()))
        .bind(TokenPurpose::Relay.as_str())
        .fetch_optional(conn)
        .await
}

/// Who answers the referral page: the holder of a personal link, or a signed-in candidate.
pub enum Caller<'a> {
    Link { token: &'a str, signed_in: Option<&'a str> },
    Candidate(&'a str),
}

/// What the candidate chose. Nothing is pre-chosen: an empty answer agrees to nothing.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    pub agencies: Vec<String>,
    pub talent_pool: bool,
    pub job_news: bool,
    pub contact_after_months: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Submitted {
    Saved {
        candidate_id: String,
        referred: usize,
    },
    /// the link was used already, by this same person: nothing changed
    AlreadyAnswered {
        candidate_id: String,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// "used", "expired" or "invalid"
    Link(&'static str),
    OtherPerson,
    Error(AppError),
}

impl From<sqlx::Error> for Refusal {
    fn from(error: sqlx::Error) -> Self {
        Refusal::Error(error.into())
    }
}

impl From<AppError> for Refusal {
    fn from(error: AppError) -> Self {
        Refusal::Error(error)
    }
}

/// Records the candidate's answers in one transaction: a consent record per agency chosen (bound to the current
/// policy version), a provision record per agency resting on it, a notice to each agency, the talent-pool and
/// contact choices, and a confirmation mail. Nothing is written when anything fails; a second submit changes
/// nothing.
pub async fn submit(
    db: &Db,
    config: &Config,
    caller: Caller<'_>,
    answers: &Answers,
    ip: &str,
    now: i64,
) -> Result<Submitted, Refusal> {
    if !CONTACT_AFTER_MONTHS.contains(&answers.contact_after_months) {
        return Err(AppError::field("contact_after", Msg::ErrInvalid).into());
    }
    let mut tx = db.begin().await?;
    let (candidate_id, channel) = match caller {
        Caller::Candidate(id) => (id.to_owned(), ConsentChannel::Portal),
        Caller::Link { token, signed_in } => {
            let owner = token_subject(&mut tx, token).await?;
            if let (Some(me), Some(owner)) = (signed_in, owner.as_deref()) {
                if me != owner {
                    return Err(Refusal::OtherPerson);
                }
            }
            match tokens::consume(&mut tx, TokenPurpose::Relay, token, now).await? {
                Ok(owner) => (owner, ConsentChannel::MailLink),
                Err(TokenState::Used) if signed_in.is_some() && signed_in == owner.as_deref() => {
                    return Ok(Submitted::AlreadyAnswered { candidate_id: owner.unwrap_or_default() });
                }
                Err(TokenState::Used) => return Err(Refusal::Link("used")),
                Err(TokenState::Expired) => return Err(Refusal::Link("expired")),
                Err(_) => return Err(Refusal::Link("invalid")),
            }
        }
    };
    let person = crate::backend::people::contact(&mut tx, &candidate_id).await?;
    let Some(crate::backend::people::Contact { email, family_name: family, given_name: given, language, .. }) = person
    else {
        return Err(Refusal::Link("invalid"));
    };
    let lang = Lang::parse(&language).unwrap_or_default();
    let offered = super::agencies::agencies(&mut tx, true).await?;
    let mut chosen: Vec<&Agency> = Vec::new();
    for id in answers.agencies.iter().filter(|id| !id.is_empty()) {
        let agency = offered.iter().find(|a| &a.id == id).ok_or(AppError::field("agency", Msg::ErrInvalid))?;
        if !chosen.iter().any(|a| a.id == agency.id) {
            chosen.push(agency);
        }
    }
    let actor = Actor::candidate(&candidate_id, ip);
    let domain = config.mail_domain();
    let change = |purpose, agency_id| Change {
        candidate_id: &candidate_id,
        purpose,
        agency_id,
        action: ConsentAction::Granted,
        channel,
        actor: Actor::candidate(&candidate_id, ip),
        mail_domain: &domain,
    };
    let name = format!("{family} {given}");
    let mut referred = Vec::new();
    for agency in &chosen {
        let Some(record) =
            consent::change_in(&mut tx, &change(ConsentPurpose::AgencyReferral, Some(&agency.id)), now).await?
        else {
            continue; // agreed already under this version: nothing new is provided
        };
        let referral = new_id();
        sqlx::query(
            "INSERT INTO referrals (id, candidate_id, agency_id, consent_record_id, items, name_snapshot, provided_at, \
             status, updated_at, agency_name_snapshot, agency_address_snapshot, agency_representative_snapshot) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'referred', $7, $8, $9, $10)",
        )
        .bind(&referral)
        .bind(&candidate_id)
        .bind(&agency.id)
        .bind(&record)
        .bind(DataItem::join(&agency.items))
        .bind(&name)
        .bind(now)
        .bind(&agency.name)
        .bind(&agency.address)
        .bind(&agency.representative)
        .execute(&mut *tx)
        .await?;
        notify_agency(&mut tx, config, agency, &referral, now).await?;
        audit::record(&mut tx, &actor, "referred", ("candidate", Some(&candidate_id)), &agency.id, now).await?;
        referred.push(*agency);
    }
    let mut stayed = Vec::new();
    for (ticked, purpose) in
        [(answers.talent_pool, ConsentPurpose::TalentPool), (answers.job_news, ConsentPurpose::JobNews)]
    {
        if ticked && consent::change_in(&mut tx, &change(purpose, None), now).await?.is_some() {
            stayed.push(purpose);
        }
    }
    if answers.job_news && answers.contact_after_months > 0 {
        let until = crate::domain::months_after(now, answers.contact_after_months);
        sqlx::query(
            "INSERT INTO contact_preferences (candidate_id, pause_until, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (candidate_id) DO UPDATE SET pause_until = excluded.pause_until, updated_at = excluded.updated_at",
        )
        .bind(&candidate_id)
        .bind(until)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    if !referred.is_empty() || !stayed.is_empty() {
        let confirmation = confirmation_mail(config, &email, &candidate_id, &family, &given, lang, &referred, &stayed);
        mail::enqueue(&mut tx, &confirmation, &domain, now).await?;
    }
    let detail = format!("referred={} stayed={}", referred.len(), stayed.len());
    audit::record(&mut tx, &actor, "relay_answered", ("candidate", Some(&candidate_id)), &detail, now).await?;
    tx.commit().await?;
    Ok(Submitted::Saved { candidate_id, referred: referred.len() })
}

#[allow(clippy::too_many_arguments)]
fn confirmation_mail<'a>(
    config: &Config,
    email: &'a str,
    candidate_id: &'a str,
    family: &str,
    given: &str,
    lang: Lang,
    referred: &[&Agency],
    stayed: &[ConsentPurpose],
) -> OutgoingMail<'a> {
    let mut body = format!(
        "{}{}{}\n\n{}\n",
        Msg::MailGreetingPrefix.text(lang),
        lang.person_name(family, given),
        Msg::MailGreetingSuffix.text(lang),
        Msg::MailRelayConfirmBody.text(lang),
    );
    for agency in referred {
        let items: Vec<&str> = agency.items.iter().map(|i| i.label().text(lang)).collect();
        body.push_str(&format!(
            "\n- {} ({}, {})\n  {}{}\n",
            agency.name,
            agency.address,
            agency.representative,
            Msg::ColItems.text(lang),
            format_args!(": {}", items.join(", ")),
        ));
    }
    for purpose in stayed {
        let label = match purpose {
            ConsentPurpose::TalentPool => Msg::PurposeTalentPool,
            _ => Msg::PurposeJobNews,
        };
        body.push_str(&format!("\n- {}\n", label.text(lang)));
    }
    body.push_str(&format!(
        "\n{}\n{}/portal/consent\n\n-- \nKizuna\n",
        Msg::MailRelayConfirmWithdraw.text(lang),
        config.base_url
    ));
    OutgoingMail {
        to: email,
        candidate_id: Some(candidate_id),
        kind: "relay_confirmation",
        lang,
        subject: Msg::MailRelayConfirmSubject.text(lang).to_owned(),
        body_text: body,
        consent_purpose: None,
    }
}

/// Tells an agency that a candidate was referred to it. The mail names no one: the details are in the portal.
async fn notify_agency(
    conn: &mut AnyConnection,
    config: &Config,
    agency: &Agency,
    referral_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let reference = referral_reference(referral_id);
    let notice = OutgoingMail {
        to: &agency.contact_email,
        candidate_id: None,
        kind: "agency_referral",
        lang: Lang::Ja,
        subject: format!("{} ({reference})", mail::bilingual(Msg::MailAgencyReferralSubject)),
        body_text: format!(
            "{}\n{}\n\n{reference}\n{}/agency\n\n-- \nKizuna\n",
            Msg::MailAgencyReferralBody.text(Lang::Ja).replace("{agency}", &agency.name),
            Msg::MailAgencyReferralBody.text(Lang::En).replace("{agency}", &agency.name),
            config.base_url,
        ),
        consent_purpose: None,
    };
    mail::enqueue(conn, &notice, &config.mail_domain(), now).await?;
    Ok(())
}
