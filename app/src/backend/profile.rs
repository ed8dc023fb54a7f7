//! The candidate's own profile, read and changed through the portal with the same rules as everywhere else.
use super::core::audit::{self, Actor};
use super::core::db::Db;
use crate::domain::{AppError, Profile};

#[derive(sqlx::FromRow)]
struct ProfileRow {
    email: String,
    family_name: String,
    given_name: String,
    family_name_kana: Option<String>,
    given_name_kana: Option<String>,
    phone: Option<String>,
    location: Option<String>,
    skills: String,
    desired_roles: String,
    desired_locations: String,
}

const PROFILE_COLUMNS: &str = "email, family_name, given_name, family_name_kana, given_name_kana, phone, location, \
     skills, desired_roles, desired_locations";

pub async fn load(db: &Db, candidate_id: &str) -> Result<Profile, sqlx::Error> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM candidates WHERE id = $1");
    let r: ProfileRow = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(candidate_id).fetch_one(db.pool()).await?;
    // lists are stored comma-separated and shown with a space after each comma
    let list = |s: String| s.split(',').filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", ");
    Ok(Profile {
        email: r.email,
        family_name: r.family_name,
        given_name: r.given_name,
        family_name_kana: r.family_name_kana.unwrap_or_default(),
        given_name_kana: r.given_name_kana.unwrap_or_default(),
        phone: r.phone.unwrap_or_default(),
        location: r.location.unwrap_or_default(),
        skills: list(r.skills),
        desired_roles: list(r.desired_roles),
        desired_locations: list(r.desired_locations),
    })
}

/// Validates, saves and audits (which fields changed, not their values).
pub async fn save(db: &Db, candidate_id: &str, input: &Profile, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let valid = input.validate().map_err(AppError::Validation)?;
    let before = load(db, candidate_id).await?;
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE candidates SET family_name = $1, given_name = $2, family_name_kana = $3, given_name_kana = $4, phone = $5, \
         location = $6, skills = $7, desired_roles = $8, desired_locations = $9, updated_at = $10 WHERE id = $11 AND status = 'active'",
    )
    .bind(valid.family_name.as_str())
    .bind(valid.given_name.as_str())
    .bind(valid.family_name_kana.as_ref().map(|k| k.as_str()))
    .bind(valid.given_name_kana.as_ref().map(|k| k.as_str()))
    .bind(valid.phone.as_ref().map(|p| p.as_str()))
    .bind(valid.location.as_deref())
    .bind(valid.skills.join(","))
    .bind(valid.desired_roles.join(","))
    .bind(valid.desired_locations.join(","))
    .bind(now)
    .bind(candidate_id)
    .execute(&mut *tx)
    .await?;
    let opt = |v: Option<&str>| v.unwrap_or_default().to_owned();
    let list = |v: &[String]| v.join(", ");
    let changed: Vec<&str> = [
        ("family_name", before.family_name != valid.family_name.as_str()),
        ("given_name", before.given_name != valid.given_name.as_str()),
        ("family_name_kana", before.family_name_kana != opt(valid.family_name_kana.as_ref().map(|k| k.as_str()))),
        ("given_name_kana", before.given_name_kana != opt(valid.given_name_kana.as_ref().map(|k| k.as_str()))),
        ("phone", before.phone != opt(valid.phone.as_ref().map(|p| p.as_str()))),
        ("location", before.location != opt(valid.location.as_deref())),
        ("skills", before.skills != list(&valid.skills)),
        ("desired_roles", before.desired_roles != list(&valid.desired_roles)),
        ("desired_locations", before.desired_locations != list(&valid.desired_locations)),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect();
    audit::record(&mut tx, actor, "profile_changed", ("candidate", Some(candidate_id)), &changed.join(","), now)
        .await?;
    tx.commit().await?;
    Ok(())
}
