//! Career relay: partner agencies, the referral page a rejected candidate answers, the provision records
//! (APPI Art. 29), the agency portal and the credit ledger.
use super::audit::{self, Actor};
use super::consent::{self, Change};
use super::crypto::sha256_hex;
use super::db::{new_id, Db};
use super::mail::{self, OutgoingMail};
use super::state::Config;
use super::tokens::{self, TokenState};
use crate::domain::format_date;
use crate::domain::{
    credits_earned, parse_date_jst, referral_reference, Agency, AgencyPage, AgencyReferral, AgencyUser, AppError,
    AppliedSummary, ConsentAction, ConsentChannel, ConsentPurpose, DataItem, Email, FieldError, LedgerEntry,
    LedgerKind, LedgerSummary, Outcome, ReferralStatus, RelayChoices, RelayLink, RelayOffer, RelayOverview, Stage,
    TokenPurpose, MAX_AGENCY_FIELD_CHARS,
};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;
use std::collections::{BTreeMap, HashSet};

/// How long the personal referral link in a rejection mail works.
pub const RELAY_LINK_TTL_MS: i64 = 30 * 86_400_000;
/// The "contact me again from" choices on the referral page, in months.
pub const CONTACT_AFTER_MONTHS: &[i64] = &[0, 3, 6, 12];
pub const AGENCY_PAGE: i64 = 50;

// ---------------------------------------------------------------- agencies (admin)

#[derive(sqlx::FromRow)]
struct AgencyRow {
    id: String,
    name: String,
    address: String,
    representative: String,
    contact_email: String,
    allowed_items: String,
    referrals_per_credit: i64,
    status: String,
}

impl From<AgencyRow> for Agency {
    fn from(r: AgencyRow) -> Self {
        Agency {
            id: r.id,
            name: r.name,
            address: r.address,
            representative: r.representative,
            contact_email: r.contact_email,
            items: DataItem::parse_list(&r.allowed_items),
            referrals_per_credit: r.referrals_per_credit,
            active: r.status == "active",
        }
    }
}

const AGENCY_COLUMNS: &str =
    "SELECT id, name, address, representative, contact_email, allowed_items, referrals_per_credit, status FROM agencies";

pub async fn agencies(conn: &mut AnyConnection, only_active: bool) -> Result<Vec<Agency>, sqlx::Error> {
    let filter = if only_active { " WHERE status = 'active'" } else { "" };
    let sql = format!("{AGENCY_COLUMNS}{filter} ORDER BY name, id");
    let rows: Vec<AgencyRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(conn).await?;
    Ok(rows.into_iter().map(Agency::from).collect())
}

pub async fn agency(conn: &mut AnyConnection, id: &str) -> Result<Option<Agency>, sqlx::Error> {
    let sql = format!("{AGENCY_COLUMNS} WHERE id = $1");
    let row: Option<AgencyRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    Ok(row.map(Agency::from))
}

/// What an admin typed for an agency, before it is checked.
#[derive(Clone, Debug, Default)]
pub struct AgencyInput {
    pub name: String,
    pub address: String,
    pub representative: String,
    pub contact_email: String,
    pub items: Vec<String>,
    pub referrals_per_credit: String,
    pub active: bool,
}

struct ValidAgency {
    name: String,
    address: String,
    representative: String,
    contact_email: Email,
    items: Vec<DataItem>,
    referrals_per_credit: i64,
}

fn validate_agency(input: &AgencyInput) -> Result<ValidAgency, AppError> {
    let mut errors = Vec::new();
    let mut text = |field: &str, value: &str| {
        let value = crate::domain::normalize_text(value);
        if value.is_empty() {
            errors.push(FieldError::new(field, Msg::ErrRequired));
        } else if value.chars().count() > MAX_AGENCY_FIELD_CHARS {
            errors.push(FieldError::new(field, Msg::ErrTooLong));
        }
        value
    };
    let name = text("name", &input.name);
    let address = text("address", &input.address);
    let representative = text("representative", &input.representative);
    let contact_email = Email::parse(&input.contact_email);
    if let Err(msg) = &contact_email {
        errors.push(FieldError::new("contact_email", *msg));
    }
    let mut items = Vec::new();
    for item in &input.items {
        match DataItem::parse(item) {
            Some(item) if !items.contains(&item) => items.push(item),
            Some(_) => {}
            None => errors.push(FieldError::new("items", Msg::ErrInvalid)),
        }
    }
    if items.is_empty() {
        errors.push(FieldError::new("items", Msg::ErrChooseItems));
    }
    items.sort_by_key(|i| DataItem::ALL.iter().position(|a| a == i));
    let per_credit = match input.referrals_per_credit.trim() {
        "" => Ok(crate::domain::DEFAULT_REFERRALS_PER_CREDIT),
        value => value.parse::<i64>().ok().filter(|n| (1..=1000).contains(n)).ok_or(()),
    };
    if per_credit.is_err() {
        errors.push(FieldError::new("referrals_per_credit", Msg::ErrPerCredit));
    }
    match (contact_email, per_credit) {
        (Ok(contact_email), Ok(referrals_per_credit)) if errors.is_empty() => {
            Ok(ValidAgency { name, address, representative, contact_email, items, referrals_per_credit })
        }
        _ => Err(AppError::Validation(errors)),
    }
}

/// Creates (no id) or updates an agency. Provision records keep the details as they were; the change applies
/// to referrals made from now on.
pub async fn save_agency(
    db: &Db,
    id: Option<&str>,
    input: &AgencyInput,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
    let valid = validate_agency(input)?;
    let status = if input.active { "active" } else { "inactive" };
    let mut tx = db.begin().await?;
    let id = match id {
        Some(id) => {
            let known: Option<String> =
                sqlx::query_scalar("SELECT id FROM agencies WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
            known.ok_or(AppError::NotFound)?
        }
        None => new_id(),
    };
    sqlx::query(
        "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, referrals_per_credit, \
         status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, \
           representative = excluded.representative, contact_email = excluded.contact_email, \
           allowed_items = excluded.allowed_items, referrals_per_credit = excluded.referrals_per_credit, \
           status = excluded.status, updated_at = excluded.updated_at",
    )
    .bind(&id)
    .bind(&valid.name)
    .bind(&valid.address)
    .bind(&valid.representative)
    .bind(valid.contact_email.as_str())
    .bind(DataItem::join(&valid.items))
    .bind(valid.referrals_per_credit)
    .bind(status)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if !input.active {
        // an inactive agency loses access at once: its users' sessions end
        sqlx::query(
            "DELETE FROM sessions WHERE kind = 'agency' AND subject_id IN (SELECT id FROM users WHERE agency_id = $1)",
        )
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    }
    let detail = format!("items={} per_credit={} {status}", DataItem::join(&valid.items), valid.referrals_per_credit);
    audit::record(&mut tx, actor, "agency_saved", ("agency", Some(&id)), &detail, now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn agency_users(conn: &mut AnyConnection, agency_id: &str) -> Result<Vec<AgencyUser>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, email, display_name, password_hash FROM users \
         WHERE agency_id = $1 AND role = 'agency' AND status = 'active' ORDER BY email",
    )
    .bind(agency_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, display_name, hash)| AgencyUser { id, email, display_name, pending: hash.is_empty() })
        .collect())
}

/// Invites a person of an agency: an account without a password and a mail with a link to set one.
pub async fn invite_agency_user(
    db: &Db,
    config: &Config,
    agency_id: &str,
    email: &str,
    display_name: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<String, AppError> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let display_name = crate::domain::normalize_text(display_name);
    if display_name.is_empty() {
        return Err(AppError::field("display_name", Msg::ErrRequired));
    }
    if display_name.chars().count() > MAX_AGENCY_FIELD_CHARS {
        return Err(AppError::field("display_name", Msg::ErrTooLong));
    }
    let mut tx = db.begin().await?;
    let agency = agency(&mut tx, agency_id).await?.ok_or(AppError::NotFound)?;
    let existing: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, role, agency_id FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let user_id = match existing {
        // an account of another kind, or of another agency, is never taken over
        Some((_, role, other)) if role != "agency" || other.as_deref() != Some(agency_id) => {
            return Err(AppError::field("email", Msg::ErrEmailTaken));
        }
        Some((id, _, _)) => {
            sqlx::query("UPDATE users SET display_name = $1, status = 'active', updated_at = $2 WHERE id = $3")
                .bind(&display_name)
                .bind(now)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            let id = new_id();
            sqlx::query(
                "INSERT INTO users (id, email, display_name, password_hash, role, agency_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, '', 'agency', $4, $5, $5)",
            )
            .bind(&id)
            .bind(email.as_str())
            .bind(&display_name)
            .bind(agency_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            id
        }
    };
    let link = super::users::password_link(&mut tx, config, "agency", &user_id, now).await?;
    let intro = |lang| Msg::MailAgencyInviteBody.text(lang).replace("{agency}", &agency.name);
    let invitation = OutgoingMail {
        to: email.as_str(),
        candidate_id: None,
        kind: "agency_invitation",
        lang: Lang::Ja,
        subject: bilingual(Msg::MailAgencyInviteSubject),
        body_text: super::users::invitation_text(&display_name, [&intro(Lang::Ja), &intro(Lang::En)], &link),
        consent_purpose: None,
    };
    mail::enqueue(&mut tx, &invitation, &config.mail_domain(), now).await?;
    audit::record(&mut tx, actor, "agency_user_invited", ("agency", Some(agency_id)), email.as_str(), now).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// A subject in Japanese and English, for mail to people whose language is not known.
pub(super) fn bilingual(msg: Msg) -> String {
    format!("{} / {}", msg.text(Lang::Ja), msg.text(Lang::En))
}

/// Ends an agency user's access: the account is disabled and its sessions end.
pub async fn remove_agency_user(
    db: &Db,
    agency_id: &str,
    user_id: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE users SET status = 'disabled', updated_at = $1 WHERE id = $2 AND agency_id = $3 AND role = 'agency'",
    )
    .bind(now)
    .bind(user_id)
    .bind(agency_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    sqlx::query("DELETE FROM sessions WHERE subject_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM tokens WHERE subject_id = $1").bind(user_id).execute(&mut *tx).await?;
    audit::record(&mut tx, actor, "agency_user_removed", ("agency", Some(agency_id)), user_id, now).await?;
    tx.commit().await?;
    Ok(())
}

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
    let offers = agencies(&mut conn, true)
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
    let person: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT email, family_name, given_name, language FROM candidates WHERE id = $1 AND status = 'active'",
    )
    .bind(&candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, family, given, language)) = person else { return Err(Refusal::Link("invalid")) };
    let lang = Lang::parse(&language).unwrap_or_default();
    let offered = agencies(&mut tx, true).await?;
    let mut chosen: Vec<&Agency> = Vec::new();
    for id in answers.agencies.iter().filter(|id| !id.is_empty()) {
        let agency = offered.iter().find(|a| &a.id == id).ok_or(AppError::field("agency", Msg::ErrInvalid))?;
        if !chosen.iter().any(|a| a.id == agency.id) {
            chosen.push(agency);
        }
    }
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(ip) };
    let domain = config.mail_domain();
    let change = |purpose, agency_id| Change {
        candidate_id: &candidate_id,
        purpose,
        agency_id,
        action: ConsentAction::Granted,
        channel,
        actor: Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(ip) },
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
        subject: format!("{} ({reference})", bilingual(Msg::MailAgencyReferralSubject)),
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

/// Ends agencies' access to a candidate's referrals (one agency, or all) from this moment, and tells each agency
/// to delete what it received. The provision records stay: the law says to keep them.
pub async fn withdraw_referrals(
    conn: &mut AnyConnection,
    candidate_id: &str,
    agency_id: Option<&str>,
    mail_domain: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let open: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT r.id, a.name, a.contact_email FROM referrals r JOIN agencies a ON a.id = r.agency_id \
         WHERE r.candidate_id = $1 AND r.withdrawn_at IS NULL AND ($2 = '' OR r.agency_id = $2)",
    )
    .bind(candidate_id)
    .bind(agency_id.unwrap_or(""))
    .fetch_all(&mut *conn)
    .await?;
    for (referral, agency_name, contact) in &open {
        sqlx::query("UPDATE referrals SET withdrawn_at = $1, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(referral)
            .execute(&mut *conn)
            .await?;
        let reference = referral_reference(referral);
        let notice = OutgoingMail {
            to: contact,
            candidate_id: None,
            kind: "agency_withdrawal",
            lang: Lang::Ja,
            subject: format!("{} ({reference})", bilingual(Msg::MailAgencyWithdrawnSubject)),
            body_text: format!(
                "{}\n{}\n\n{reference}\n\n-- \nKizuna\n",
                Msg::MailAgencyWithdrawnBody.text(Lang::Ja).replace("{agency}", agency_name),
                Msg::MailAgencyWithdrawnBody.text(Lang::En).replace("{agency}", agency_name),
            ),
            consent_purpose: None,
        };
        mail::enqueue(&mut *conn, &notice, mail_domain, now).await?;
    }
    Ok(open.len())
}

// ---------------------------------------------------------------- the agency portal

/// The agency an agency user belongs to.
/// The agency of an active agency user, while the agency itself is active (an inactive one has no access).
pub async fn agency_of_user(db: &Db, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT u.agency_id FROM users u JOIN agencies a ON a.id = u.agency_id \
         WHERE u.id = $1 AND u.role = 'agency' AND u.status = 'active' AND a.status = 'active'",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await
    .map(Option::flatten)
}

#[derive(sqlx::FromRow)]
struct ReferralRow {
    id: String,
    candidate_id: String,
    items: String,
    provided_at: i64,
    status: String,
    withdrawn_at: Option<i64>,
    family_name: String,
    given_name: String,
    family_name_kana: Option<String>,
    given_name_kana: Option<String>,
    email: String,
    phone: Option<String>,
    skills: String,
    desired_roles: String,
    candidate_status: String,
}

const REFERRAL_SELECT: &str = "SELECT r.id, r.candidate_id, r.items, r.provided_at, r.status, r.withdrawn_at, \
     c.family_name, c.given_name, c.family_name_kana, c.given_name_kana, c.email, c.phone, c.skills, c.desired_roles, \
     c.status AS candidate_status FROM referrals r JOIN candidates c ON c.id = r.candidate_id";

/// An agency's referrals, newest first, a page at a time (`before` is the last (provided_at, id) seen). Each shows
/// only the items the candidate agreed to; a withdrawn one shows nothing but its reference and dates.
pub async fn agency_referrals(
    db: &Db,
    agency_id: &str,
    before: Option<(i64, String)>,
    lang: Lang,
) -> Result<Vec<AgencyReferral>, sqlx::Error> {
    let (at, id) = before.unwrap_or((i64::MAX, String::new()));
    let sql = format!(
        "{REFERRAL_SELECT} WHERE r.agency_id = $1 AND (r.provided_at < $2 OR (r.provided_at = $2 AND r.id < $3)) \
         ORDER BY r.provided_at DESC, r.id DESC LIMIT $4"
    );
    let rows: Vec<ReferralRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(agency_id)
        .bind(at)
        .bind(id)
        .bind(AGENCY_PAGE)
        .fetch_all(db.pool())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(agency_view(db, row, lang).await?);
    }
    Ok(out)
}

/// One referral of this agency; another agency's is not found.
pub async fn agency_referral(
    db: &Db,
    agency_id: &str,
    referral_id: &str,
    lang: Lang,
) -> Result<Option<AgencyReferral>, sqlx::Error> {
    let sql = format!("{REFERRAL_SELECT} WHERE r.id = $1 AND r.agency_id = $2");
    let row: Option<ReferralRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(referral_id).bind(agency_id).fetch_optional(db.pool()).await?;
    match row {
        Some(row) => Ok(Some(agency_view(db, row, lang).await?)),
        None => Ok(None),
    }
}

async fn agency_view(db: &Db, r: ReferralRow, lang: Lang) -> Result<AgencyReferral, sqlx::Error> {
    let items = DataItem::parse_list(&r.items);
    let visible = r.withdrawn_at.is_none() && r.candidate_status == "active";
    let has = |item: DataItem| visible && items.contains(&item);
    let resume_file = if has(DataItem::Resume) {
        sqlx::query_scalar(
            "SELECT file_name FROM resumes WHERE candidate_id = $1 ORDER BY uploaded_at DESC, id DESC LIMIT 1",
        )
        .bind(&r.candidate_id)
        .fetch_optional(db.pool())
        .await?
    } else {
        None
    };
    let applications = if has(DataItem::ApplicationSummary) {
        let rows: Vec<(String, String, String, Option<String>, i64)> = sqlx::query_as(
            "SELECT j.title_ja, j.title_en, a.stage, a.outcome, a.created_at FROM applications a \
             JOIN jobs j ON j.id = a.job_id WHERE a.candidate_id = $1 ORDER BY a.created_at DESC",
        )
        .bind(&r.candidate_id)
        .fetch_all(db.pool())
        .await?;
        Some(
            rows.into_iter()
                .map(|(ja, en, stage, outcome, applied_at)| AppliedSummary {
                    job_title: if lang == Lang::En { en } else { ja },
                    stage: Stage::parse(&stage).unwrap_or(Stage::Applied),
                    outcome: outcome.as_deref().and_then(Outcome::parse),
                    applied_at,
                })
                .collect(),
        )
    } else {
        None
    };
    let kana = match (&r.family_name_kana, &r.given_name_kana) {
        (Some(f), Some(g)) => Some(format!("{f} {g}")),
        _ => None,
    };
    Ok(AgencyReferral {
        reference: referral_reference(&r.id),
        id: r.id,
        provided_at: r.provided_at,
        status: ReferralStatus::parse(&r.status).unwrap_or(ReferralStatus::Referred),
        withdrawn_at: r.withdrawn_at,
        name: has(DataItem::Names).then(|| format!("{} {}", r.family_name, r.given_name)),
        kana: if has(DataItem::Names) { kana } else { None },
        email: has(DataItem::Email).then_some(r.email),
        phone: if has(DataItem::Phone) { r.phone } else { None },
        skills: has(DataItem::Skills)
            .then(|| r.skills.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()),
        desired_roles: has(DataItem::DesiredRoles).then_some(r.desired_roles),
        resume_file,
        applications,
        items,
    })
}

/// The agency reports what became of a referral. Refused once the candidate withdrew.
pub async fn set_status(
    db: &Db,
    agency_id: &str,
    referral_id: &str,
    status: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let status = ReferralStatus::parse(status)
        .filter(|s| *s != ReferralStatus::Referred)
        .ok_or_else(|| AppError::field("status", Msg::ErrInvalid))?;
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE referrals SET status = $1, updated_at = $2 WHERE id = $3 AND agency_id = $4 AND withdrawn_at IS NULL",
    )
    .bind(status.as_str())
    .bind(now)
    .bind(referral_id)
    .bind(agency_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "referral_status", ("referral", Some(referral_id)), status.as_str(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// The latest résumé of a referred candidate, if the agency may have it now: its own referral, résumé agreed,
/// not withdrawn. Returns (résumé id, candidate id).
pub async fn resume_for_agency(
    db: &Db,
    agency_id: &str,
    referral_id: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let referral: Option<(String, String)> = sqlx::query_as(
        "SELECT r.candidate_id, r.items FROM referrals r JOIN candidates c ON c.id = r.candidate_id \
         WHERE r.id = $1 AND r.agency_id = $2 AND r.withdrawn_at IS NULL AND c.status = 'active'",
    )
    .bind(referral_id)
    .bind(agency_id)
    .fetch_optional(db.pool())
    .await?;
    let Some((candidate_id, items)) = referral else { return Ok(None) };
    if !DataItem::parse_list(&items).contains(&DataItem::Resume) {
        return Ok(None);
    }
    let resume: Option<String> =
        sqlx::query_scalar("SELECT id FROM resumes WHERE candidate_id = $1 ORDER BY uploaded_at DESC, id DESC LIMIT 1")
            .bind(&candidate_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(resume.map(|id| (id, candidate_id)))
}

// ---------------------------------------------------------------- the credit ledger (admin)

/// Every agency's credits. A person referred to the same agency twice counts once.
pub async fn ledger_summaries(db: &Db) -> Result<Vec<LedgerSummary>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let all = agencies(&mut conn, false).await?;
    let referred: Vec<(String, i64)> =
        sqlx::query_as("SELECT agency_id, COUNT(DISTINCT candidate_id) FROM referrals GROUP BY agency_id")
            .fetch_all(&mut *conn)
            .await?;
    let redeemed: Vec<(String, i64)> =
        sqlx::query_as("SELECT agency_id, COUNT(*) FROM credit_redemptions GROUP BY agency_id")
            .fetch_all(&mut *conn)
            .await?;
    let statuses: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT agency_id, status, COUNT(*) FROM referrals GROUP BY agency_id, status")
            .fetch_all(&mut *conn)
            .await?;
    let count = |rows: &[(String, i64)], id: &str| rows.iter().find(|(a, _)| a == id).map(|(_, n)| *n).unwrap_or(0);
    Ok(all
        .into_iter()
        .map(|agency| {
            let referrals = count(&referred, &agency.id);
            let with_status = |wanted: &[&str]| {
                statuses.iter().filter(|(a, s, _)| *a == agency.id && wanted.contains(&s.as_str())).map(|r| r.2).sum()
            };
            LedgerSummary {
                referrals,
                referrals_per_credit: agency.referrals_per_credit,
                earned: credits_earned(referrals, agency.referrals_per_credit),
                redeemed: count(&redeemed, &agency.id),
                registered: with_status(&["registered", "placed"]),
                placed: with_status(&["placed"]),
                agency_id: agency.id,
                agency_name: agency.name,
                active: agency.active,
            }
        })
        .collect())
}

/// One agency's details, users, credits and full history, newest first.
pub async fn agency_page(db: &Db, agency_id: &str) -> Result<Option<AgencyPage>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let Some(agency) = agency(&mut conn, agency_id).await? else { return Ok(None) };
    let users = agency_users(&mut conn, agency_id).await?;
    drop(conn);
    let ledger = ledger_summaries(db).await?.into_iter().find(|l| l.agency_id == agency_id);
    let Some(ledger) = ledger else { return Ok(None) };
    let history = history(db, agency_id).await?;
    Ok(Some(AgencyPage { agency, users, ledger, history }))
}

pub async fn history(db: &Db, agency_id: &str) -> Result<Vec<LedgerEntry>, sqlx::Error> {
    let referrals: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, candidate_id, provided_at, withdrawn_at FROM referrals WHERE agency_id = $1 ORDER BY provided_at, id",
    )
    .bind(agency_id)
    .fetch_all(db.pool())
    .await?;
    let redemptions: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT hire_reference, note, redeemed_at FROM credit_redemptions WHERE agency_id = $1 ORDER BY redeemed_at, id",
    )
    .bind(agency_id)
    .fetch_all(db.pool())
    .await?;
    let mut seen = HashSet::new();
    let mut entries: Vec<LedgerEntry> = referrals
        .into_iter()
        .map(|(id, candidate, at, withdrawn_at)| LedgerEntry {
            at,
            kind: LedgerKind::Referral,
            reference: referral_reference(&id),
            note: withdrawn_at.map(|w| format!("withdrawn {}", format_date(w))).unwrap_or_default(),
            counted: seen.insert(candidate),
        })
        .chain(redemptions.into_iter().map(|(reference, note, at)| LedgerEntry {
            at,
            kind: LedgerKind::Redemption,
            reference,
            note,
            counted: true,
        }))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(entries)
}

/// Records the use of one credit for a hire. Refused when the agency has no credit left.
pub async fn redeem(
    db: &Db,
    agency_id: &str,
    hire_reference: &str,
    date: &str,
    note: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let hire_reference = crate::domain::normalize_text(hire_reference);
    let note = crate::domain::normalize_text(note);
    let mut errors = Vec::new();
    if hire_reference.is_empty() {
        errors.push(FieldError::new("hire_reference", Msg::ErrRequired));
    } else if hire_reference.chars().count() > MAX_AGENCY_FIELD_CHARS {
        errors.push(FieldError::new("hire_reference", Msg::ErrTooLong));
    }
    if note.chars().count() > 1000 {
        errors.push(FieldError::new("note", Msg::ErrTooLong));
    }
    let at = match date.trim() {
        "" => Some(now),
        value => parse_date_jst(value).filter(|at| *at <= now),
    };
    if at.is_none() {
        errors.push(FieldError::new("redeemed_on", Msg::ErrDateInvalid));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = db.begin().await?;
    // take the agency's row first, so that two admins cannot spend the same credit at once
    let locked = sqlx::query("UPDATE agencies SET updated_at = updated_at WHERE id = $1")
        .bind(agency_id)
        .execute(&mut *tx)
        .await?;
    if locked.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    let per_credit: i64 = sqlx::query_scalar("SELECT referrals_per_credit FROM agencies WHERE id = $1")
        .bind(agency_id)
        .fetch_one(&mut *tx)
        .await?;
    let referrals: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT candidate_id) FROM referrals WHERE agency_id = $1")
        .bind(agency_id)
        .fetch_one(&mut *tx)
        .await?;
    let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM credit_redemptions WHERE agency_id = $1")
        .bind(agency_id)
        .fetch_one(&mut *tx)
        .await?;
    if credits_earned(referrals, per_credit) - used <= 0 {
        return Err(AppError::field("hire_reference", Msg::ErrNoCredits));
    }
    sqlx::query(
        "INSERT INTO credit_redemptions (id, agency_id, hire_reference, note, actor_id, redeemed_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(agency_id)
    .bind(&hire_reference)
    .bind(&note)
    .bind(actor.id)
    .bind(at.unwrap_or(now))
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "credit_redeemed", ("agency", Some(agency_id)), &hire_reference, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The relay in numbers, for recruiters.
pub async fn overview(db: &Db, config: &Config, now: i64) -> Result<RelayOverview, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let (rejection_mails, rejected_candidates): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT candidate_id) FROM mail_outbox WHERE kind = 'rejection' AND status <> 'cancelled'",
    )
    .fetch_one(&mut *conn)
    .await?;
    let opted_in: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT candidate_id) FROM referrals WHERE candidate_id IN \
         (SELECT candidate_id FROM mail_outbox WHERE kind = 'rejection' AND status <> 'cancelled')",
    )
    .fetch_one(&mut *conn)
    .await?;
    let month_start = parse_date_jst(&format!("{}-01", &format_date(now)[..7])).unwrap_or(now);
    let referrals_this_month: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM referrals WHERE provided_at >= $1")
        .bind(month_start)
        .fetch_one(&mut *conn)
        .await?;
    drop(conn);
    let agencies = ledger_summaries(db).await?;
    Ok(RelayOverview {
        company_url: format!("{}/relay", config.base_url),
        rejection_mails,
        rejected_candidates,
        opted_in,
        referrals_this_month,
        credits_earned: agencies.iter().map(|a| a.earned).sum(),
        credits_left: agencies.iter().map(|a| a.balance()).sum(),
        registered: agencies.iter().map(|a| a.registered).sum(),
        placed: agencies.iter().map(|a| a.placed).sum(),
        agencies,
    })
}

/// An agency's ledger as CSV (UTF-8 with a byte-order mark, so that Excel reads the Japanese correctly).
pub async fn ledger_csv(db: &Db, agency_id: &str) -> Result<Option<String>, sqlx::Error> {
    let Some(page) = agency_page(db, agency_id).await? else { return Ok(None) };
    let mut out = String::from("\u{feff}");
    out.push_str(&super::csv::row(&["date", "kind", "reference", "counts_towards_credit", "note"]));
    for entry in page.history {
        out.push_str(&super::csv::row(&[
            &format_date(entry.at),
            entry.kind.as_str(),
            &entry.reference,
            if entry.counted { "yes" } else { "no" },
            &entry.note,
        ]));
    }
    let l = &page.ledger;
    out.push_str(&super::csv::row(&[]));
    for (label, value) in [
        ("referrals", l.referrals),
        ("referrals_per_credit", l.referrals_per_credit),
        ("credits_earned", l.earned),
        ("credits_redeemed", l.redeemed),
        ("balance", l.balance()),
    ] {
        out.push_str(&super::csv::row(&[label, &value.to_string()]));
    }
    Ok(Some(out))
}
