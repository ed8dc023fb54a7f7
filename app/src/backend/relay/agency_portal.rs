//! The agency portal: an agency's referrals, showing only what the candidate agreed to, and the status the
//! agency reports.
use crate::backend::core::audit::{self, Actor};
use crate::backend::core::db::Db;
use crate::domain::{
    referral_reference, AgencyReferral, AppError, AppliedSummary, DataItem, Outcome, ReferralStatus, Stage,
};
use crate::i18n::{Lang, Msg};

pub const AGENCY_PAGE: i64 = 50;

// ---------------------------------------------------------------- the agency portal

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
