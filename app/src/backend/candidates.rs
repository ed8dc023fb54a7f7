//! Recruiters' candidates: the list (filters, keyset pages), a candidate's page, and adding one by hand with
//! duplicate detection.
use super::audit::{self, Actor};
use super::db::{new_id, Db};
use super::duplicates::{self, Probe};
use crate::domain::{
    AppError, CandidateDetail, CandidateFilter, CandidateRow, CandidateSummary, ConsentFilter, DuplicateMatch,
    DuplicateReason, Email, JobOption, ListSort, NewCandidate, SourceChannel, ValidProfile,
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

fn summary(
    (id, family, given, email, source_channel, created_at): (String, String, String, String, String, i64),
) -> CandidateSummary {
    CandidateSummary { id, name: format!("{family} {given}"), email, source_channel, created_at }
}

pub async fn detail(db: &Db, id: &str, lang: Lang, now: i64) -> Result<Option<CandidateDetail>, sqlx::Error> {
    let row: Option<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, family_name, given_name, email, source_channel, created_at FROM candidates WHERE id = $1 AND status = 'active'",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let jobs: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, title_ja, title_en FROM jobs WHERE status = 'open' ORDER BY title_ja")
            .fetch_all(db.pool())
            .await?;
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
    let notes = super::tags::notes(&mut conn, id).await?;
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
        reject_reasons: super::rejection::reasons(db, "company", lang).await?,
        withdraw_reasons: super::rejection::reasons(db, "candidate", lang).await?,
        profile: super::profile::load(db, id).await?,
        duplicates: super::duplicates::for_candidate(db, id).await?,
        interviews: {
            let mut conn = db.pool().acquire().await?;
            super::interviews::for_candidate(&mut conn, id, lang).await?
        },
        consent: super::consent::overview(db, id, lang).await?,
        mails: super::mail::for_candidate(db, id, 100).await?,
        provisions: super::mydata::provisions(db, id).await?,
        audit: super::audit::list(
            db,
            &super::audit::Query {
                subject: Some(("candidate", id)),
                action: None,
                actor_email: None,
                before: None,
                limit: 100,
            },
        )
        .await?,
        summary: summary(row),
        job_news_consent: super::preferences::may_contact(db, id, crate::domain::ConsentPurpose::JobNews, now).await?,
        invitations: super::invitations::for_candidate(db, id, lang).await?,
        open_jobs: jobs
            .into_iter()
            .map(|(id, ja, en)| JobOption { id, title: if lang == Lang::En { en } else { ja } })
            .collect(),
    }))
}

/// A value bound to a placeholder of a query built from a filter.
#[derive(Clone, Debug)]
enum Param {
    Text(String),
    Int(i64),
}

/// The WHERE clause and its values for a filter (placeholders numbered from 1).
fn conditions(filter: &CandidateFilter) -> (Vec<String>, Vec<Param>) {
    let mut clauses = vec!["c.status = 'active'".to_owned()];
    let mut params: Vec<Param> = Vec::new();
    let next = |params: &mut Vec<Param>, value: Param| {
        params.push(value);
        format!("${}", params.len())
    };
    // capped here too: a server-function call can send any filter, not only one read from a URL
    let q: String = filter.q.chars().take(crate::domain::MAX_QUERY_CHARS).collect();
    let needle = crate::domain::normalize_text(&q).to_lowercase();
    if !needle.is_empty() {
        // the reading is matched in katakana too, as stored
        let kana = crate::domain::Kana::parse(&needle).map(String::from).unwrap_or_else(|_| needle.clone());
        let like = |s: &str| format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let p = next(&mut params, Param::Text(like(&needle)));
        let k = next(&mut params, Param::Text(like(&kana)));
        // one LIKE over one string per row: every name order, the readings with and without a space, skills,
        // desired roles and location (fields joined by a character no needle of a name holds)
        clauses.push(format!(
            "(LOWER(c.email || '\x1f' || c.family_name || ' ' || c.given_name || '\x1f' || c.family_name || c.given_name \
             || '\x1f' || c.given_name || ' ' || c.family_name || '\x1f' || c.skills || '\x1f' || c.desired_roles \
             || '\x1f' || COALESCE(c.location, '')) LIKE {p} ESCAPE '\\' \
             OR COALESCE(c.family_name_kana, '') || ' ' || COALESCE(c.given_name_kana, '') || '\x1f' \
             || COALESCE(c.family_name_kana, '') || COALESCE(c.given_name_kana, '') LIKE {k} ESCAPE '\\')"
        ));
    }
    if let Some(tag) = &filter.tag {
        let t = next(&mut params, Param::Text(tag.clone()));
        clauses
            .push(format!("EXISTS (SELECT 1 FROM candidate_tags ct WHERE ct.candidate_id = c.id AND ct.tag_id = {t})"));
    }
    if let Some(source) = filter.source {
        let s = next(&mut params, Param::Text(source.as_str().to_owned()));
        clauses.push(format!("c.source_channel = {s}"));
    }
    if filter.job.is_some() || filter.stage.is_some() || filter.outcome.is_some() {
        let mut inner = vec!["a.candidate_id = c.id".to_owned()];
        if let Some(job) = &filter.job {
            inner.push(format!("a.job_id = {}", next(&mut params, Param::Text(job.clone()))));
        }
        if let Some(stage) = filter.stage {
            inner.push(format!("a.stage = {}", next(&mut params, Param::Text(stage.as_str().to_owned()))));
        }
        if let Some(outcome) = filter.outcome {
            inner.push(format!("a.outcome = {}", next(&mut params, Param::Text(outcome.as_str().to_owned()))));
        }
        clauses.push(format!("EXISTS (SELECT 1 FROM applications a WHERE {})", inner.join(" AND ")));
    }
    match filter.consent {
        Some(ConsentFilter::AgencyReferral) => clauses.push(
            "EXISTS (SELECT 1 FROM referrals r WHERE r.candidate_id = c.id AND r.withdrawn_at IS NULL)".to_owned(),
        ),
        Some(consent) => {
            let granted = |purpose: &str| {
                format!(
                    "COALESCE((SELECT r.action FROM consent_records r WHERE r.candidate_id = c.id AND r.purpose = '{purpose}' \
                     AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1), '') = 'granted'"
                )
            };
            clauses.push(match consent.purpose() {
                Some(purpose) => granted(purpose.as_str()),
                None => format!("NOT ({}) AND NOT ({})", granted("talent_pool"), granted("job_news")),
            });
        }
        None => {}
    }
    if let Some(since) = filter.no_contact_since {
        let s = next(&mut params, Param::Int(since));
        clauses.push(format!("(c.last_contact_at IS NULL OR c.last_contact_at < {s})"));
    }
    if !filter.ids.is_empty() {
        let list: Vec<String> = filter.ids.iter().map(|id| next(&mut params, Param::Text(id.clone()))).collect();
        clauses.push(format!("c.id IN ({})", list.join(", ")));
    }
    if let Some(from) = filter.created_from {
        clauses.push(format!("c.created_at >= {}", next(&mut params, Param::Int(from))));
    }
    if let Some(to) = filter.created_to {
        clauses.push(format!("c.created_at <= {}", next(&mut params, Param::Int(to))));
    }
    (clauses, params)
}

const NAME_KEY: &str =
    "(COALESCE(c.family_name_kana, c.family_name) || ' ' || COALESCE(c.given_name_kana, c.given_name))";

#[derive(sqlx::FromRow)]
struct ListRow {
    id: String,
    family_name: String,
    given_name: String,
    family_name_kana: Option<String>,
    given_name_kana: Option<String>,
    email: String,
    source_channel: String,
    created_at: i64,
    last_contact_at: Option<i64>,
}

/// A page of the candidates matching a filter, after the candidate `after` (keyset pagination: the cursor is the
/// last id seen; its sort key is looked up, so pages stay stable while rows are added).
pub async fn list(
    db: &Db,
    filter: &CandidateFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<(Vec<CandidateRow>, Option<String>), sqlx::Error> {
    let (mut clauses, mut params) = conditions(filter);
    let sort = filter.sort.unwrap_or(ListSort::Newest);
    let (order, cmp) = match sort {
        ListSort::Newest => ("c.created_at DESC, c.id DESC", "<"),
        ListSort::Oldest => ("c.created_at ASC, c.id ASC", ">"),
        ListSort::Name => ("name_key ASC, c.id ASC", ">"),
    };
    if let Some(after) = after.filter(|a| !a.is_empty()) {
        let key_sql = match sort {
            ListSort::Name => format!("SELECT {NAME_KEY}, c.id FROM candidates c WHERE c.id = $1"),
            _ => "SELECT CAST(c.created_at AS TEXT), c.id FROM candidates c WHERE c.id = $1".to_owned(),
        };
        let key: Option<(String, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(key_sql)).bind(after).fetch_optional(db.pool()).await?;
        if let Some((key, id)) = key {
            let column = if sort == ListSort::Name { NAME_KEY.to_owned() } else { "c.created_at".to_owned() };
            let value = if sort == ListSort::Name { Param::Text(key) } else { Param::Int(key.parse().unwrap_or(0)) };
            params.push(value);
            let k = format!("${}", params.len());
            params.push(Param::Text(id));
            let i = format!("${}", params.len());
            clauses.push(format!("({column} {cmp} {k} OR ({column} = {k} AND c.id {cmp} {i}))"));
        }
    }
    params.push(Param::Int(limit + 1));
    let sql = format!(
        "SELECT c.id, c.family_name, c.given_name, c.family_name_kana, c.given_name_kana, c.email, c.source_channel, \
         c.created_at, c.last_contact_at, {NAME_KEY} AS name_key FROM candidates c WHERE {} ORDER BY {order} LIMIT ${}",
        clauses.join(" AND "),
        params.len()
    );
    let mut query = sqlx::query_as::<_, ListRow>(sqlx::AssertSqlSafe(sql));
    for param in params {
        query = match param {
            Param::Text(text) => query.bind(text),
            Param::Int(int) => query.bind(int),
        };
    }
    let mut rows = query.fetch_all(db.pool()).await?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.id.clone())
    } else {
        None
    };
    let tags = tags_of(db, &rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>()).await?;
    let rows = rows
        .into_iter()
        .map(|r| CandidateRow {
            tags: tags.iter().filter(|(c, _)| *c == r.id).map(|(_, t)| t.clone()).collect(),
            name: format!("{} {}", r.family_name, r.given_name),
            kana: match (r.family_name_kana, r.given_name_kana) {
                (Some(f), Some(g)) => Some(format!("{f} {g}")),
                _ => None,
            },
            source_channel: SourceChannel::parse(&r.source_channel).unwrap_or(SourceChannel::Other),
            id: r.id,
            email: r.email,
            created_at: r.created_at,
            last_contact_at: r.last_contact_at,
        })
        .collect();
    Ok((rows, next))
}

/// (candidate id, tag name) for some candidates.
async fn tags_of(db: &Db, ids: &[&str]) -> Result<Vec<(String, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT ct.candidate_id, t.name FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id \
         WHERE ct.candidate_id IN ({}) ORDER BY t.name",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(db.pool()).await
}
