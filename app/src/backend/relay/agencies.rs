//! Partner agencies as admins manage them: their details (what a recipient must be identifiable by), what
//! each may receive, and their users.
use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::{new_id, Db};
use crate::backend::core::mail::{self, OutgoingMail};
use crate::backend::core::state::Config;
use crate::domain::{Agency, AgencyUser, AppError, DataItem, Email, FieldError, MAX_AGENCY_FIELD_CHARS};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;

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

pub use crate::domain::AgencyInput;

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
    let link = crate::backend::users::password_link(&mut tx, config, "agency", &user_id, now).await?;
    let intro = |lang| Msg::MailAgencyInviteBody.text(lang).replace("{agency}", &agency.name);
    let invitation = OutgoingMail {
        to: email.as_str(),
        candidate_id: None,
        kind: "agency_invitation",
        lang: Lang::Ja,
        subject: mail::bilingual(Msg::MailAgencyInviteSubject),
        body_text: crate::backend::users::invitation_text(&display_name, [&intro(Lang::Ja), &intro(Lang::En)], &link),
        consent_purpose: None,
    };
    mail::enqueue(&mut tx, &invitation, &config.mail_domain(), now).await?;
    audit::record(&mut tx, actor, "agency_user_invited", ("agency", Some(agency_id)), email.as_str(), now).await?;
    tx.commit().await?;
    Ok(user_id)
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
