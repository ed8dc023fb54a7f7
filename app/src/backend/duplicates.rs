//! Duplicate detection (same phone; same name or reading with the same birth date) and merging two records into
//! one without losing an application, note, consent, mail or anything else of either.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use crate::domain::{AppError, DuplicateMatch, DuplicateReason};
use crate::i18n::Msg;
use sqlx::AnyConnection;

/// What a record is compared by: its e-mail, phone, names, readings and birth date (stored forms).
pub struct Probe<'a> {
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub family_name: &'a str,
    pub given_name: &'a str,
    pub family_name_kana: Option<&'a str>,
    pub given_name_kana: Option<&'a str>,
    pub birth_date: Option<&'a str>,
}

/// Active candidates (other than `exclude`) that may be the same person: same e-mail, same phone, or the same name
/// or reading with the same birth date.
pub async fn matching(
    conn: &mut AnyConnection,
    probe: &Probe<'_>,
    exclude: Option<&str>,
) -> Result<Vec<DuplicateMatch>, sqlx::Error> {
    type Row = (String, String, String, String, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT o.id, o.family_name, o.given_name, o.email, \
           CASE WHEN o.email = $1 THEN 'email' WHEN o.phone = $2 THEN 'phone' \
                WHEN o.family_name = $3 AND o.given_name = $4 THEN 'name_birth_date' \
                ELSE 'kana_birth_date' END AS reason \
         FROM candidates o WHERE o.status = 'active' AND o.id <> $8 AND ( \
              o.email = $1 OR o.phone = $2 \
           OR (o.birth_date = $7 AND ( \
                (o.family_name = $3 AND o.given_name = $4) \
             OR (o.family_name_kana = $5 AND o.given_name_kana = $6)))) \
         ORDER BY o.created_at, o.id LIMIT 20",
    )
    .bind(probe.email)
    .bind(probe.phone)
    .bind(probe.family_name)
    .bind(probe.given_name)
    .bind(probe.family_name_kana)
    .bind(probe.given_name_kana)
    .bind(probe.birth_date)
    .bind(exclude.unwrap_or(""))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, family, given, email, reason)| DuplicateMatch {
            id,
            name: format!("{family} {given}"),
            email,
            reason: DuplicateReason::parse(&reason).unwrap_or(DuplicateReason::Phone),
        })
        .collect())
}

/// Other active candidates that may be the same person as this one (its e-mail is its own: not compared).
pub async fn for_candidate(db: &Db, candidate_id: &str) -> Result<Vec<DuplicateMatch>, sqlx::Error> {
    type Row = (String, String, Option<String>, Option<String>, Option<String>, Option<String>);
    let mut conn = db.pool().acquire().await?;
    let row: Option<Row> = sqlx::query_as(
        "SELECT family_name, given_name, family_name_kana, given_name_kana, phone, birth_date FROM candidates \
         WHERE id = $1 AND status = 'active'",
    )
    .bind(candidate_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((family, given, family_kana, given_kana, phone, birth_date)) = row else { return Ok(Vec::new()) };
    let probe = Probe {
        email: None,
        phone: phone.as_deref(),
        family_name: &family,
        given_name: &given,
        family_name_kana: family_kana.as_deref(),
        given_name_kana: given_kana.as_deref(),
        birth_date: birth_date.as_deref(),
    };
    matching(&mut conn, &probe, Some(candidate_id)).await
}

/// Tables whose rows follow a candidate through a merge, by their candidate column. Rows reached through an
/// application (stage transitions, interviews) follow the application.
const MOVED: &[&str] = &[
    "notes",
    "applications",
    "invitations",
    "consent_records",
    "resumes",
    "referrals",
    "mail_outbox",
    "campaign_clicks",
];

/// Rows keyed by the person and more: the merged record's rows move unless the kept one has the same key (then
/// the kept one's row stands: one enrolment per campaign, one outcome per step, one run per automation subject).
const MOVED_UNLESS_CLASHING: &[(&str, &str)] = &[
    ("campaign_enrolments", "k.campaign_id = t.campaign_id"),
    ("campaign_sends", "k.campaign_id = t.campaign_id AND k.position = t.position"),
    ("automation_runs", "k.automation_id = t.automation_id AND k.subject_ref = t.subject_ref"),
];

/// Merges `other` into `keep`: every row of `other` moves to `keep` (tags and event attendance without doubles,
/// contact preferences only when `keep` has none), empty profile fields of `keep` are filled from `other`,
/// skills are joined, a note says what was merged, and `other` is deleted. One transaction.
/// When `other` has agreed to (or withdrawn from) referrals to partner agencies, those records move too and the
/// recruiter must have said so (`agency_confirmed`): a referral is a provision of the person's data that must
/// stay theirs.
pub async fn merge(
    db: &Db,
    keep: &str,
    other: &str,
    agency_confirmed: bool,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    if keep == other {
        return Err(AppError::field("other", Msg::ErrInvalid));
    }
    let mut tx = db.begin().await?;
    let agency_records: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM consent_records WHERE candidate_id = $1 AND purpose = 'agency_referral'",
    )
    .bind(other)
    .fetch_one(&mut *tx)
    .await?;
    if agency_records > 0 && !agency_confirmed {
        return Err(AppError::field("confirm_agency", Msg::ErrConfirmAgencyMerge));
    }
    type Person = (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    );
    let load = |id: &str| {
        sqlx::query_as::<_, Person>(
            "SELECT email, family_name, given_name, family_name_kana, given_name_kana, phone, birth_date, location, skills \
             FROM candidates WHERE id = $1 AND status = 'active'",
        )
        .bind(id.to_owned())
    };
    let kept = load(keep).fetch_optional(&mut *tx).await?.ok_or(AppError::NotFound)?;
    let gone = load(other).fetch_optional(&mut *tx).await?.ok_or(AppError::NotFound)?;
    for table in MOVED {
        let sql = format!("UPDATE {table} SET candidate_id = $1 WHERE candidate_id = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(keep).bind(other).execute(&mut *tx).await?;
    }
    for (table, same) in MOVED_UNLESS_CLASHING {
        let same = same.replace("t.", &format!("{table}."));
        let sql = format!(
            "UPDATE {table} SET candidate_id = $1 WHERE candidate_id = $2 \
             AND NOT EXISTS (SELECT 1 FROM {table} k WHERE k.candidate_id = $1 AND {same})"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(keep).bind(other).execute(&mut *tx).await?;
        let sql = format!("DELETE FROM {table} WHERE candidate_id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(other).execute(&mut *tx).await?;
    }
    for (table, key) in [("candidate_tags", "tag_id"), ("event_attendees", "event_id")] {
        let sql = format!(
            "UPDATE {table} SET candidate_id = $1 WHERE candidate_id = $2 \
             AND {key} NOT IN (SELECT {key} FROM {table} WHERE candidate_id = $1)"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(keep).bind(other).execute(&mut *tx).await?;
        let sql = format!("DELETE FROM {table} WHERE candidate_id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(other).execute(&mut *tx).await?;
    }
    sqlx::query(
        "UPDATE contact_preferences SET candidate_id = $1 WHERE candidate_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM contact_preferences WHERE candidate_id = $1)",
    )
    .bind(keep)
    .bind(other)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM contact_preferences WHERE candidate_id = $1").bind(other).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM sessions WHERE kind = 'candidate' AND subject_id = $1")
        .bind(other)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM tokens WHERE subject_id = $1").bind(other).execute(&mut *tx).await?;
    let mut skills: Vec<String> = kept.8.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    for skill in gone.8.split(',').filter(|s| !s.is_empty()) {
        if !skills.iter().any(|s| s.eq_ignore_ascii_case(skill)) {
            skills.push(skill.to_owned());
        }
    }
    sqlx::query(
        "UPDATE candidates SET family_name_kana = COALESCE(family_name_kana, $1), given_name_kana = COALESCE(given_name_kana, $2), \
         phone = COALESCE(phone, $3), birth_date = COALESCE(birth_date, $4), location = COALESCE(location, $5), skills = $6, \
         updated_at = $7 WHERE id = $8",
    )
    .bind(&gone.3)
    .bind(&gone.4)
    .bind(&gone.5)
    .bind(&gone.6)
    .bind(&gone.7)
    .bind(skills.join(","))
    .bind(now)
    .bind(keep)
    .execute(&mut *tx)
    .await?;
    crate::backend::core::facts::refresh(&mut tx, keep).await?;
    let note = format!("{} {} {} <{}> ({other})", Msg::MergedNote.text(crate::i18n::Lang::Ja), gone.1, gone.2, gone.0);
    sqlx::query("INSERT INTO notes (id, candidate_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(new_id())
        .bind(keep)
        .bind(actor.id)
        .bind(&note)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    // what the second record was known by stays with the person, so that erasing them reaches it too
    sqlx::query("UPDATE merged_identities SET candidate_id = $1 WHERE candidate_id = $2")
        .bind(keep)
        .bind(other)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO merged_identities (id, candidate_id, merged_id, email, phone, merged_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(keep)
    .bind(other)
    .bind(&gone.0)
    .bind(&gone.5)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for sql in [
        "UPDATE audit_log SET subject_id = $1 WHERE subject_kind = 'candidate' AND subject_id = $2",
        "UPDATE audit_log SET actor_id = $1 WHERE actor_kind = 'candidate' AND actor_id = $2",
    ] {
        sqlx::query(sql).bind(keep).bind(other).execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM candidates WHERE id = $1").bind(other).execute(&mut *tx).await?;
    let _ = kept;
    let detail = format!("kept {keep} merged {other} ({agency_records} agency consent records moved)");
    audit::record(&mut tx, actor, "merged", ("candidate", Some(keep)), &detail, now).await?;
    audit::record(&mut tx, actor, "merged_into", ("candidate", Some(other)), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}
