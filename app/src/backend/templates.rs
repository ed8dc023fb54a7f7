//! The mail templates admins word themselves: loading (the admin's wording or the built-in one), composing a mail
//! from one, saving with every merge field checked, and a preview filled in with a real candidate's data.
use super::core::audit::{self, Actor};
use super::core::db::Db;
use crate::domain::format_datetime;
use crate::domain::{
    check_template, render_template, sample_value, AppError, FieldError, MailTemplate, TemplateKind, TemplateProblem,
    MAX_TEMPLATE_BODY_CHARS, MAX_TEMPLATE_SUBJECT_CHARS,
};
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;

/// The signature every candidate mail ends with.
pub const FOOTER: &str = "\n\n-- \nKizuna\n";

/// The template of a kind and language: the admin's own wording, or the built-in one.
pub async fn template(conn: &mut AnyConnection, kind: TemplateKind, lang: Lang) -> Result<MailTemplate, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT subject, body FROM mail_templates WHERE kind = $1 AND language = $2")
            .bind(kind.as_str())
            .bind(lang.tag())
            .fetch_optional(conn)
            .await?;
    Ok(match row {
        Some((subject, body)) => MailTemplate { kind, lang, subject, body, customised: true },
        None => {
            let (subject, body) = kind.default_text(lang);
            MailTemplate { kind, lang, subject: subject.into(), body: body.into(), customised: false }
        }
    })
}

/// Saves an admin's wording. Every merge field is checked now, so that none can turn up blank at send time.
pub async fn save_template(
    db: &Db,
    kind: TemplateKind,
    lang: Lang,
    subject: &str,
    body: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    // the admin's own wording: trimmed, on one line, but not normalised (a full-width colon stays one)
    let subject = subject.split(['\r', '\n']).map(str::trim).collect::<Vec<_>>().join(" ").trim().to_owned();
    let body = body.replace("\r\n", "\n").trim().to_owned();
    let mut errors = Vec::new();
    for (field, text, max) in
        [("subject", subject.as_str(), MAX_TEMPLATE_SUBJECT_CHARS), ("body", body.as_str(), MAX_TEMPLATE_BODY_CHARS)]
    {
        if text.is_empty() {
            errors.push(FieldError::new(field, Msg::ErrRequired));
        } else if text.chars().count() > max {
            errors.push(FieldError::new(field, Msg::ErrTooLong));
        }
    }
    if errors.is_empty() {
        match check_template(kind, &subject, &body) {
            Ok(()) => {}
            Err(TemplateProblem::Unknown(_)) => errors.push(FieldError::new("body", Msg::ErrUnknownMergeField)),
            Err(TemplateProblem::Missing(_)) => errors.push(FieldError::new("body", Msg::ErrMissingMergeField)),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO mail_templates (kind, language, subject, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (kind, language) DO UPDATE SET subject = excluded.subject, body = excluded.body, \
           updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(kind.as_str())
    .bind(lang.tag())
    .bind(&subject)
    .bind(&body)
    .bind(actor.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let detail = format!("{} {}", kind.as_str(), lang.tag());
    audit::record(&mut tx, actor, "template_saved", ("mail_template", None), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Goes back to the built-in wording.
pub async fn reset_template(
    db: &Db,
    kind: TemplateKind,
    lang: Lang,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM mail_templates WHERE kind = $1 AND language = $2")
        .bind(kind.as_str())
        .bind(lang.tag())
        .execute(&mut *tx)
        .await?;
    let detail = format!("{} {}", kind.as_str(), lang.tag());
    audit::record(&mut tx, actor, "template_reset", ("mail_template", None), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A mail's subject and text from the template of its kind in the candidate's language.
pub async fn compose(
    conn: &mut AnyConnection,
    kind: TemplateKind,
    lang: Lang,
    values: &[(&str, &str)],
) -> Result<(String, String), sqlx::Error> {
    let template = template(conn, kind, lang).await?;
    Ok(fill(&template, values))
}

fn fill(template: &MailTemplate, values: &[(&str, &str)]) -> (String, String) {
    (render_template(&template.subject, values), format!("{}{FOOTER}", render_template(&template.body, values)))
}

/// When and where an interview is, as a mail states it.
pub fn interview_values(
    starts_at: i64,
    ends_at: i64,
    location: Option<&str>,
    meeting_url: Option<&str>,
) -> (String, String) {
    let time = format!("{} – {}", format_datetime(starts_at), &format_datetime(ends_at)[11..]);
    let place = meeting_url.or(location).unwrap_or_default().to_owned();
    (time, place)
}

/// Every template of one kind, filled in for a preview: with the data of the candidate who has `candidate_email`
/// (what they lack, and every link, shown as a sample), else with sample values.
pub async fn preview(
    db: &Db,
    kind: TemplateKind,
    candidate_email: Option<&str>,
    base_url: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<TemplatePreviews, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let asked = candidate_email.map(str::trim).filter(|e| !e.is_empty());
    let candidate = match asked.map(crate::domain::Email::parse) {
        Some(Ok(email)) => CandidateData::load(&mut conn, email.as_str()).await?,
        _ => None,
    };
    let mut templates = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        let template = template(&mut conn, kind, lang).await?;
        let values: Vec<(&str, String)> = kind
            .fields()
            .iter()
            .map(|field| {
                let real = candidate.as_ref().and_then(|c| c.value(field, lang));
                (*field, real.unwrap_or_else(|| sample_value(field, lang, base_url)))
            })
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let filled = fill(&template, &values);
        templates.push((template, filled));
    }
    let not_found = asked.is_some() && candidate.is_none();
    let candidate = match candidate {
        Some(c) => {
            audit::record(&mut conn, actor, "template_previewed", ("candidate", Some(&c.id)), kind.as_str(), now)
                .await?;
            Some((c.id.clone(), Lang::Ja.person_name(&c.family, &c.given)))
        }
        None => None,
    };
    Ok(TemplatePreviews { templates, candidate, not_found })
}

pub struct TemplatePreviews {
    /// each language's template with its filled (subject, text)
    pub templates: Vec<(MailTemplate, (String, String))>,
    /// the candidate it was filled in for: (id, name)
    pub candidate: Option<(String, String)>,
    /// an address was given that no active candidate has (the preview then uses sample values)
    pub not_found: bool,
}

/// What a preview may show of a candidate: their names, latest job, interview and event.
struct CandidateData {
    id: String,
    family: String,
    given: String,
    job: Option<(String, String)>,
    interview: Option<(i64, i64, Option<String>, Option<String>)>,
    event: Option<String>,
}

impl CandidateData {
    async fn load(conn: &mut AnyConnection, email: &str) -> Result<Option<Self>, sqlx::Error> {
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT id, family_name, given_name FROM candidates WHERE email = $1 AND status = 'active'")
                .bind(email)
                .fetch_optional(&mut *conn)
                .await?;
        let Some((id, family, given)) = row else { return Ok(None) };
        let job: Option<(String, String)> = sqlx::query_as(
            "SELECT j.title_ja, j.title_en FROM applications a JOIN jobs j ON j.id = a.job_id \
             WHERE a.candidate_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT 1",
        )
        .bind(&id)
        .fetch_optional(&mut *conn)
        .await?;
        let interview: Option<(i64, i64, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT i.starts_at, i.ends_at, i.location, i.meeting_url FROM interviews i \
             JOIN applications a ON a.id = i.application_id WHERE a.candidate_id = $1 \
             ORDER BY i.starts_at DESC, i.id DESC LIMIT 1",
        )
        .bind(&id)
        .fetch_optional(&mut *conn)
        .await?;
        let event: Option<String> = sqlx::query_scalar(
            "SELECT e.title FROM event_attendees ea JOIN events e ON e.id = ea.event_id \
             WHERE ea.candidate_id = $1 ORDER BY e.starts_at DESC, e.id DESC LIMIT 1",
        )
        .bind(&id)
        .fetch_optional(&mut *conn)
        .await?;
        Ok(Some(Self { id, family, given, job, interview, event }))
    }

    fn value(&self, field: &str, lang: Lang) -> Option<String> {
        match field {
            "name" => Some(lang.person_name(&self.family, &self.given)),
            "job_title" => self.job.as_ref().map(|(ja, en)| if lang == Lang::En { en.clone() } else { ja.clone() }),
            "event_title" => self.event.clone(),
            "interview_time" | "interview_place" => self.interview.as_ref().map(|(starts, ends, location, url)| {
                let (time, place) = interview_values(*starts, *ends, location.as_deref(), url.as_deref());
                if field == "interview_time" {
                    time
                } else {
                    place
                }
            }),
            _ => None,
        }
    }
}
