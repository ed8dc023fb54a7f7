//! Recruiters' candidates: a candidate's page, and adding one by hand with duplicate detection.
use super::core::audit::{self, Actor};
use super::core::db::{new_id, Db};
use super::duplicates::{self, Probe};
use crate::domain::{
    AppError, CandidateDetail, CandidateSummary, DuplicateMatch, DuplicateReason, Email, NewCandidate, ValidProfile,
};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;

/// Writes a new candidate (already validated and normalised); returns its id. The import and the recruiter's form
/// both add people through here.
pub async fn insert(
    conn: &mut AnyConnection,
    email: &Email,
    p: &ValidProfile,
    birth_date: Option<&str>,
    source_channel: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO candidates (id, email, family_name, given_name, family_name_kana, given_name_kana, phone, \
         birth_date, location, skills, desired_roles, desired_locations, language, source_channel, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'ja', $13, $14, $14)",
    )
    .bind(&id)
    .bind(email.as_str())
    .bind(p.family_name.as_str())
    .bind(p.given_name.as_str())
    .bind(p.family_name_kana.as_ref().map(|k| k.as_str()))
    .bind(p.given_name_kana.as_ref().map(|k| k.as_str()))
    .bind(p.phone.as_ref().map(|k| k.as_str()))
    .bind(birth_date)
    .bind(p.location.as_deref())
    .bind(p.skills.join(","))
    .bind(p.desired_roles.join(","))
    .bind(p.desired_locations.join(","))
    .bind(source_channel)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(id)
}

/// What adding a candidate by hand came to.
pub enum Created {
    Added(String),
    /// possible duplicates, and the recruiter has not confirmed this is someone else: nothing written
    PossibleDuplicates(Vec<DuplicateMatch>),
}

/// The records a new candidate's details match (for the form to show).
pub async fn matches_for(db: &Db, input: &NewCandidate) -> Result<Vec<DuplicateMatch>, sqlx::Error> {
    let Ok(valid) = input.validate() else { return Ok(Vec::new()) };
    let mut conn = db.pool().acquire().await?;
    duplicates::matching(&mut conn, &probe(&valid), None).await
}

fn probe(valid: &crate::domain::ValidNewCandidate) -> Probe<'_> {
    let p = &valid.profile;
    Probe {
        email: Some(valid.email.as_str()),
        phone: p.phone.as_ref().map(|x| x.as_str()),
        family_name: p.family_name.as_str(),
        given_name: p.given_name.as_str(),
        family_name_kana: p.family_name_kana.as_ref().map(|k| k.as_str()),
        given_name_kana: p.given_name_kana.as_ref().map(|k| k.as_str()),
        birth_date: valid.birth_date.as_deref(),
    }
}

/// Adds a candidate by hand: the portal's rules, tags for the person, and duplicate detection first — someone
/// erased at their request and the same e-mail are refused; the same phone, or name or reading with the same
/// birth date, needs `confirmed`.
pub async fn create(
    db: &Db,
    secret: &super::suppression::Secret,
    input: &NewCandidate,
    confirmed: bool,
    actor: &Actor<'_>,
    now: i64,
) -> Result<Created, AppError> {
    let tags = super::tags::tag_list(&input.tags);
    let valid = match (input.validate(), tags) {
        (Ok(valid), Ok(tags)) => (valid, tags),
        (valid, tags) => {
            let mut errors = valid.err().unwrap_or_default();
            if let Err(AppError::Validation(more)) = tags {
                errors.extend(more);
            }
            return Err(AppError::Validation(errors));
        }
    };
    let (valid, tags) = valid;
    let mut tx = db.begin().await?;
    if super::suppression::is_suppressed(&mut tx, secret, &valid.email, valid.profile.phone.as_ref()).await? {
        return Err(AppError::field("email", Msg::ErrErasedByRequest));
    }
    let matches = duplicates::matching(&mut tx, &probe(&valid), None).await?;
    if matches.iter().any(|m| m.reason == DuplicateReason::Email) {
        return Err(AppError::field("email", Msg::ErrCandidateExists));
    }
    if !matches.is_empty() && !confirmed {
        return Ok(Created::PossibleDuplicates(matches));
    }
    let id =
        insert(&mut tx, &valid.email, &valid.profile, valid.birth_date.as_deref(), valid.source.as_str(), now).await?;
    let tag_ids = super::tags::ids(&mut tx, &tags, now).await?;
    super::tags::attach(&mut tx, &id, &tag_ids, now).await?;
    let detail =
        if matches.is_empty() { String::new() } else { format!("{} possible duplicates confirmed", matches.len()) };
    audit::record(&mut tx, actor, "candidate_created", ("candidate", Some(&id)), &detail, now).await?;
    tx.commit().await?;
    Ok(Created::Added(id))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    family_name: String,
    given_name: String,
    email: String,
    source_channel: String,
    created_at: i64,
}

impl From<SummaryRow> for CandidateSummary {
    fn from(r: SummaryRow) -> Self {
        CandidateSummary {
            name: format!("{} {}", r.family_name, r.given_name),
            id: r.id,
            email: r.email,
            source_channel: r.source_channel,
            created_at: r.created_at,
        }
    }
}

pub async fn detail(db: &Db, id: &str, lang: Lang, now: i64) -> Result<Option<CandidateDetail>, sqlx::Error> {
    let row: Option<SummaryRow> = sqlx::query_as(
        "SELECT id, family_name, given_name, email, source_channel, created_at FROM candidates WHERE id = $1 AND status = 'active'",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let open_jobs = super::jobs::options(&mut *db.pool().acquire().await?, true, lang).await?;
    #[derive(sqlx::FromRow)]
    struct ApplicationRow {
        id: String,
        title_ja: String,
        title_en: String,
        stage: String,
        outcome: Option<String>,
        label_ja: Option<String>,
        label_en: Option<String>,
        decline_note: Option<String>,
        created_at: i64,
    }
    let rows: Vec<ApplicationRow> = sqlx::query_as(
        "SELECT a.id, j.title_ja, j.title_en, a.stage, a.outcome, r.label_ja, r.label_en, a.decline_note, a.created_at \
         FROM applications a JOIN jobs j ON j.id = a.job_id LEFT JOIN decline_reasons r ON r.id = a.decline_reason_id \
         WHERE a.candidate_id = $1 ORDER BY a.created_at DESC, a.id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let applications = rows
        .into_iter()
        .map(|r| crate::domain::AdminApplication {
            id: r.id,
            job_title: if lang == Lang::En { r.title_en } else { r.title_ja },
            stage: crate::domain::Stage::parse(&r.stage).unwrap_or(crate::domain::Stage::Applied),
            outcome: r.outcome.as_deref().and_then(crate::domain::Outcome::parse),
            reason: if lang == Lang::En { r.label_en } else { r.label_ja },
            note: r.decline_note,
            applied_at: r.created_at,
            history: Vec::new(),
        })
        .collect::<Vec<_>>();
    let mut conn = db.pool().acquire().await?;
    let tags = super::tags::tags_of(&mut conn, id).await?;
    let known_tags = super::tags::all_tags(&mut conn).await?;
    let notes = super::notes::notes(&mut conn, id).await?;
    let mut applications = applications;
    for application in &mut applications {
        application.history = super::pipeline::history(&mut conn, &application.id).await?;
    }
    drop(conn);
    Ok(Some(CandidateDetail {
        tags,
        known_tags,
        notes,
        applications,
        reject_reasons: super::pipeline::rejection::reasons(db, "company", lang).await?,
        withdraw_reasons: super::pipeline::rejection::reasons(db, "candidate", lang).await?,
        profile: super::profile::load(db, id).await?,
        duplicates: super::duplicates::for_candidate(db, id).await?,
        interviews: {
            let mut conn = db.pool().acquire().await?;
            super::interviews::for_candidate(&mut conn, id, lang).await?
        },
        consent: super::consent::overview(db, id, lang).await?,
        mails: super::mailbox::for_candidate(db, id, 100).await?,
        provisions: super::mydata::provisions(db, id).await?,
        audit: {
            let filter = super::audit::Filter { subject: Some(("candidate", id)), ..Default::default() };
            super::audit::list(db, &filter, None, 100).await?
        },
        summary: row.into(),
        job_news_consent: super::preferences::may_contact(db, id, crate::domain::ConsentPurpose::JobNews, now).await?,
        invitations: super::invitations::for_candidate(db, id, lang).await?,
        open_jobs,
    }))
}

/// Whether a candidate with this id exists and is not erased.
pub async fn is_active(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM candidates WHERE id = $1 AND status = 'active'")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(found.is_some())
}
