//! The recruiter's candidate list: filters, keyset pages, tags, notes and actions on a selection; jobs, the
//! pipeline and interviews.
// a server function takes one argument per form field
#![allow(clippy::too_many_arguments)]
use crate::domain::{AppError, CandidateFilter, CandidateList};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::{audit::Actor, now_ms, request::*};
#[cfg(feature = "ssr")]
use crate::domain::Role;
#[cfg(feature = "ssr")]
use crate::i18n::Msg;

/// A page of the candidate list (viewers and up). `after` is the last candidate id of the previous page.
#[server(prefix = "/api", endpoint = "admin/candidates")]
pub async fn list_candidates(filter: CandidateFilter, after: Option<String>) -> Result<CandidateList, AppError> {
    use crate::backend::{candidates, tags};
    use crate::domain::{JobOption, LIST_PAGE};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    let mut filter = filter;
    filter.ids.clear();
    let (rows, next) = candidates::list(&state.db, &filter, after.as_deref(), LIST_PAGE).await?;
    let mut conn = state.db.pool().acquire().await?;
    let known = tags::all_tags(&mut conn).await?;
    let lang = request_lang();
    let jobs: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, title_ja, title_en FROM jobs ORDER BY status DESC, title_ja")
            .fetch_all(&mut *conn)
            .await?;
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    // a list of people is a view of personal data too
    let detail = format!("{} rows", rows.len());
    crate::backend::audit::record(&mut conn, &actor, "listed", ("candidate", None), &detail, now_ms()).await?;
    let views = crate::backend::views::list(&mut conn, &recruiter.id).await?;
    drop(conn);
    Ok(CandidateList {
        rows,
        next,
        tags: known,
        jobs: jobs
            .into_iter()
            .map(|(id, ja, en)| JobOption { id, title: if lang == crate::i18n::Lang::En { en } else { ja } })
            .collect(),
        views,
    })
}

/// The records that may be the same person as the one being added (recruiters), for the form to show after the
/// add was held back. Every field is optional: the form's kept values.
#[server(prefix = "/api", endpoint = "admin/new-candidate-matches")]
pub async fn new_candidate_matches(
    email: Option<String>,
    family_name: Option<String>,
    given_name: Option<String>,
    family_name_kana: Option<String>,
    given_name_kana: Option<String>,
    phone: Option<String>,
    birth_date: Option<String>,
) -> Result<Vec<crate::domain::DuplicateMatch>, AppError> {
    use crate::domain::{NewCandidate, Profile};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let profile = Profile {
        family_name: family_name.unwrap_or_default(),
        given_name: given_name.unwrap_or_default(),
        family_name_kana: family_name_kana.unwrap_or_default(),
        given_name_kana: given_name_kana.unwrap_or_default(),
        phone: phone.unwrap_or_default(),
        ..Default::default()
    };
    let input = NewCandidate {
        email: email.unwrap_or_default(),
        birth_date: birth_date.unwrap_or_default(),
        source_channel: "other".into(),
        tags: String::new(),
        profile,
    };
    let matches = crate::backend::candidates::matches_for(&state.db, &input).await?;
    if !matches.is_empty() {
        let ip = client_ip();
        let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
        let mut conn = state.db.pool().acquire().await?;
        for m in &matches {
            crate::backend::audit::record(
                &mut conn,
                &actor,
                "viewed",
                ("candidate", Some(&m.id)),
                "duplicate check",
                now_ms(),
            )
            .await?;
        }
    }
    Ok(matches)
}

/// Adds a candidate by hand (recruiters): the portal's rules, then duplicate detection — the same e-mail is
/// refused, other possible duplicates are shown and need `confirm` before the person is added.
#[server(prefix = "/api", endpoint = "admin/create-candidate")]
pub async fn create_candidate(
    email: String,
    family_name: String,
    given_name: String,
    family_name_kana: String,
    given_name_kana: String,
    phone: String,
    birth_date: String,
    location: String,
    skills: String,
    desired_roles: String,
    source_channel: String,
    tags: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::candidates::{create, Created};
    use crate::domain::{NewCandidate, Profile};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = "/admin/candidates/new";
    let profile = Profile::from_form(
        family_name,
        given_name,
        family_name_kana,
        given_name_kana,
        phone,
        location,
        skills,
        desired_roles,
        String::new(),
    );
    let input = NewCandidate { email, birth_date, source_channel, tags, profile };
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let p = &input.profile;
    let keep = [
        ("email", input.email.as_str()),
        ("family_name", p.family_name.as_str()),
        ("given_name", p.given_name.as_str()),
        ("family_name_kana", p.family_name_kana.as_str()),
        ("given_name_kana", p.given_name_kana.as_str()),
        ("phone", p.phone.as_str()),
        ("birth_date", input.birth_date.as_str()),
        ("location", p.location.as_str()),
        ("skills", p.skills.as_str()),
        ("desired_roles", p.desired_roles.as_str()),
        ("source_channel", input.source_channel.as_str()),
        ("tags", input.tags.as_str()),
    ];
    match create(&state.db, &state.config.secret, &input, confirm.is_some(), &actor, now_ms()).await {
        Ok(Created::Added(id)) => {
            leptos_axum::redirect(&format!("/admin/candidates/{}?created=1", percent_encode(&id)));
            Ok(())
        }
        Ok(Created::PossibleDuplicates(_)) => {
            form_error(AppError::field("duplicates", Msg::ErrPossibleDuplicates), back, &keep)
        }
        Err(error) => form_error(error, back, &keep),
    }
}

/// Saves the list view (`query`: the list's query string) under a name, for the caller only (viewers and up:
/// a view is the user's own, not candidate data). The same name again replaces the view.
#[server(prefix = "/api", endpoint = "admin/save-view")]
pub async fn save_view(name: String, query: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    match crate::backend::views::save(&state.db, &recruiter.id, &name, &query, now_ms()).await {
        Ok(view) => {
            let sep = if view.query.is_empty() { "" } else { "&" };
            leptos_axum::redirect(&format!("/admin/candidates?{}{sep}view_saved=1", view.query));
            Ok(())
        }
        Err(error) => {
            // back to the same list view (its filters are its URL, as every list view's are); the name typed is
            // kept for the page
            let filter = CandidateFilter::from_query(&query).to_pairs(crate::domain::format_date);
            let pairs: Vec<String> = filter.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
            let back = if pairs.is_empty() {
                "/admin/candidates".to_owned()
            } else {
                format!("/admin/candidates?{}", pairs.join("&"))
            };
            form_error(error, &back, &[("view_name", &name)])
        }
    }
}

/// Deletes one of the caller's saved views.
#[server(prefix = "/api", endpoint = "admin/delete-view")]
pub async fn delete_view(id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    match crate::backend::views::delete(&state.db, &recruiter.id, &id).await {
        Ok(()) => {
            leptos_axum::redirect("/admin/candidates?view_deleted=1");
            Ok(())
        }
        Err(error) => form_error(error, "/admin/candidates", &[]),
    }
}

/// Acts on the candidates ticked in the list: `tag`, `untag` (with `tag`) or `invite` (with `job_id`).
#[server(prefix = "/api", endpoint = "admin/candidates-bulk")]
pub async fn bulk_candidates(
    ids: Option<Vec<String>>,
    action: String,
    tag: Option<String>,
    job_id: Option<String>,
    back: String,
) -> Result<(), AppError> {
    use crate::backend::{invitations, tags};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    // back to the same list view, never elsewhere
    let back = crate::domain::local_path(&back)
        .filter(|b| b.starts_with("/admin/candidates") && !b.contains("//"))
        .unwrap_or_else(|| "/admin/candidates".into());
    let joiner = if back.contains('?') { '&' } else { '?' };
    let ids: Vec<String> = ids.unwrap_or_default().into_iter().filter(|id| !id.is_empty()).collect();
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let tag = tag.unwrap_or_default();
    let result = match action.as_str() {
        "tag" | "untag" => {
            tags::set_tag(&state.db, &ids, &tag, action == "untag", &actor, now_ms()).await.map(|n| (n, 0))
        }
        "invite" => {
            let job = job_id.unwrap_or_default();
            if ids.is_empty() {
                Err(AppError::field("ids", Msg::ErrChooseCandidates))
            } else {
                let mut sent = 0;
                let mut refused = 0;
                for id in &ids {
                    match invitations::invite(&state.db, &state.config, id, &job, &actor, now_ms()).await {
                        Ok(_) => sent += 1,
                        Err(AppError::Internal) => return Err(status(AppError::Internal)),
                        Err(_) => refused += 1,
                    }
                }
                Ok((sent, refused))
            }
        }
        _ => Err(AppError::field("action", Msg::ErrInvalid)),
    };
    match result {
        Ok((done, refused)) => {
            leptos_axum::redirect(&format!(
                "{back}{joiner}done={}&count={done}&refused={refused}",
                percent_encode(&action)
            ));
            Ok(())
        }
        Err(error) => form_error(error, back.split('?').next().unwrap_or("/admin/candidates"), &[("tag", &tag)]),
    }
}

/// Adds or removes one tag on one candidate (from the candidate page).
#[server(prefix = "/api", endpoint = "admin/candidate-tag")]
pub async fn tag_candidate(candidate_id: String, tag: String, remove: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}", percent_encode(&candidate_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let ids = [candidate_id.clone()];
    match crate::backend::tags::set_tag(&state.db, &ids, &tag, remove.is_some(), &actor, now_ms()).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}#tags"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("tag", &tag)]),
    }
}

/// Adds a note to a candidate, signed by the recruiter.
#[server(prefix = "/api", endpoint = "admin/candidate-note")]
pub async fn add_note(candidate_id: String, body: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}", percent_encode(&candidate_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    match crate::backend::tags::add_note(&state.db, &candidate_id, &body, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}#notes"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("note_body", &body)]),
    }
}

/// Moves an open application to another stage (recruiters). `back` is the page to return to.
#[server(prefix = "/api", endpoint = "admin/move-stage")]
pub async fn move_stage(application_id: String, stage: String, back: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let Some(stage) = crate::domain::Stage::parse(&stage) else {
        return form_error(AppError::field("stage", Msg::ErrInvalid), &back, &[]);
    };
    match crate::backend::pipeline::move_stage(&state.db, &application_id, stage, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?moved={}", stage.as_str()));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

/// Records that the candidate withdrew an application, with their reason (recruiters).
#[server(prefix = "/api", endpoint = "admin/withdraw-application")]
pub async fn withdraw_application(application_id: String, reason_id: String, back: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    match crate::backend::pipeline::withdraw(&state.db, &application_id, &reason_id, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?withdrawn=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

/// A path inside /admin to come back to (never another site).
#[cfg(feature = "ssr")]
fn local_admin_path(back: &str) -> String {
    let path = back.split(['?', '#']).next().unwrap_or_default();
    if path.starts_with("/admin/") && !path.contains("//") && !path.contains('\\') {
        path.to_owned()
    } else {
        "/admin".to_owned()
    }
}

#[server(prefix = "/api", endpoint = "admin/jobs")]
pub async fn load_jobs() -> Result<Vec<crate::domain::Job>, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(crate::backend::pipeline::jobs(&state.db).await?)
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JobPage {
    pub job: crate::domain::Job,
    pub board: Vec<crate::domain::PipelineCard>,
}

/// A job and its pipeline board (viewers and up).
#[server(prefix = "/api", endpoint = "admin/job")]
pub async fn load_job(id: String) -> Result<JobPage, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    let job = crate::backend::pipeline::job(&state.db, &id).await?.ok_or_else(|| status(AppError::NotFound))?;
    let board = crate::backend::pipeline::board(&state.db, &id, request_lang()).await?;
    Ok(JobPage { job, board })
}

/// Creates (empty id) or updates a job (recruiters).
#[server(prefix = "/api", endpoint = "admin/save-job")]
pub async fn save_job(id: Option<String>, job: crate::domain::JobInput, open: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let id = id.filter(|i| !i.is_empty());
    let back = match &id {
        Some(id) => format!("/admin/jobs/{}", percent_encode(id)),
        None => "/admin/jobs/new".to_owned(),
    };
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let mut job = job;
    job.open = open.is_some_and(|v| v == "yes");
    match crate::backend::pipeline::save_job(&state.db, id.as_deref(), &job, &actor, now_ms()).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/admin/jobs/{}?saved=1", percent_encode(&id)));
            Ok(())
        }
        Err(error) => form_error(
            error,
            &back,
            &[
                ("title_ja", &job.title_ja),
                ("title_en", &job.title_en),
                ("department", &job.department),
                ("location", &job.location),
                ("employment_type", &job.employment_type),
                ("description_ja", &job.description_ja),
                ("description_en", &job.description_en),
            ],
        ),
    }
}

/// Schedules an interview for an open application and tells the candidate (recruiters).
#[server(prefix = "/api", endpoint = "admin/schedule-interview")]
pub async fn schedule_interview(
    application_id: String,
    interview_id: Option<String>,
    date: String,
    time: String,
    minutes: String,
    location: String,
    meeting_url: String,
    interviewers: String,
    back: String,
) -> Result<(), AppError> {
    use crate::backend::interviews;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let keep = [
        ("iv_for", application_id.as_str()),
        ("iv_date", date.as_str()),
        ("iv_time", time.as_str()),
        ("iv_minutes", minutes.as_str()),
        ("iv_location", location.as_str()),
        ("iv_meeting_url", meeting_url.as_str()),
        ("iv_interviewers", interviewers.as_str()),
    ];
    let input =
        match crate::domain::InterviewInput::parse(&date, &time, &minutes, &location, &meeting_url, &interviewers) {
            Ok(input) => input,
            Err(error) => return form_error(error, &back, &keep),
        };
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let result = match interview_id.filter(|i| !i.is_empty()) {
        Some(id) => interviews::reschedule(&state.db, &state.config, &id, &input, &actor, now_ms()).await,
        None => {
            interviews::schedule(&state.db, &state.config, &application_id, &input, &actor, now_ms()).await.map(|_| ())
        }
    };
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?scheduled=1#interviews"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &keep),
    }
}

/// Records an interview's result (recruiters).
#[server(prefix = "/api", endpoint = "admin/interview-result")]
pub async fn interview_result(interview_id: String, result: String, back: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = local_admin_path(&back);
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    match crate::backend::interviews::record_result(&state.db, &interview_id, &result, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?saved=1#interviews"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

/// Merges `other` into `keep` (recruiters); every row of both is kept on `keep`.
#[server(prefix = "/api", endpoint = "admin/merge")]
pub async fn merge_candidates(
    keep: String,
    other: String,
    confirm: Option<String>,
    confirm_agency: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}/merge/{}", percent_encode(&keep), percent_encode(&other));
    if confirm.as_deref() != Some("yes") {
        return form_error(AppError::field("confirm", Msg::ErrConfirmMerge), &back, &[]);
    }
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let agency_confirmed = confirm_agency.as_deref() == Some("yes");
    match crate::backend::duplicates::merge(&state.db, &keep, &other, agency_confirmed, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/admin/candidates/{}?merged=1", percent_encode(&keep)));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

/// An uploaded file with its guessed mapping, sample rows and last report (recruiters).
#[server(prefix = "/api", endpoint = "admin/import-preview")]
pub async fn load_import(id: String) -> Result<crate::domain::ImportPreview, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Recruiter).await?;
    crate::backend::import::preview(&state.db, &id).await.map_err(status)
}

/// Checks (`check` = yes) or starts importing the file with the chosen mapping (`col[i]`, one per column); the
/// worker imports it in batches while the page shows the progress.
#[server(prefix = "/api", endpoint = "admin/run-import")]
pub async fn run_import(id: String, col: Option<Vec<String>>, check: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/import/{}", percent_encode(&id));
    let mapping: Vec<crate::domain::ImportField> = col
        .unwrap_or_default()
        .iter()
        .map(|c| crate::domain::ImportField::parse(c).unwrap_or(crate::domain::ImportField::Ignore))
        .collect();
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let cols = mapping.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(",");
    let result = if check.is_some() {
        crate::backend::import::check(&state.db, &state.config.secret, &id, &mapping, now_ms()).await.map(|_| "checked")
    } else {
        crate::backend::import::start(&state.db, &id, &mapping, &actor, now_ms()).await.map(|_| "started")
    };
    match result {
        Ok(done) => {
            leptos_axum::redirect(&format!("{back}?done={done}&mapping={cols}#report"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("mapping", &cols)]),
    }
}

/// Lets an import that stopped after failing batches try again (recruiters), once its cause is fixed.
#[server(prefix = "/api", endpoint = "admin/retry-import")]
pub async fn retry_import(id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/import/{}", percent_encode(&id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    match crate::backend::import::retry(&state.db, &id, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?done=started"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventPage {
    pub event: crate::domain::EventSummary,
    pub attendees: Vec<crate::domain::EventAttendee>,
}

#[server(prefix = "/api", endpoint = "admin/events")]
pub async fn load_events() -> Result<Vec<crate::domain::EventSummary>, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(crate::backend::events::list(&state.db).await?)
}

#[server(prefix = "/api", endpoint = "admin/event")]
pub async fn load_event(id: String) -> Result<EventPage, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    let (event, attendees) =
        crate::backend::events::one(&state.db, &id).await?.ok_or_else(|| status(AppError::NotFound))?;
    Ok(EventPage { event, attendees })
}

#[server(prefix = "/api", endpoint = "admin/create-event")]
pub async fn create_event(title: String, date: String, time: String, location: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    match crate::backend::events::create(&state.db, &title, &date, &time, &location, &actor, now_ms()).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/admin/events/{}", percent_encode(&id)));
            Ok(())
        }
        Err(error) => form_error(
            error,
            "/admin/events",
            &[("title", &title), ("date", &date), ("time", &time), ("location", &location)],
        ),
    }
}

/// Registers, marks attendance or sends the follow-up (`action` = add | attended | absent | follow_up).
#[server(prefix = "/api", endpoint = "admin/event-action")]
pub async fn event_action(
    event_id: String,
    action: String,
    email: Option<String>,
    candidate_id: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::events;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/events/{}", percent_encode(&event_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let email = email.unwrap_or_default();
    let candidate = candidate_id.unwrap_or_default();
    let result = match action.as_str() {
        "add" => {
            events::add_attendee(&state.db, &event_id, &email, &actor, now_ms()).await.map(|_| String::from("added"))
        }
        "attended" | "absent" => {
            events::set_attended(&state.db, &event_id, &candidate, action == "attended", &actor, now_ms())
                .await
                .map(|_| String::from("saved"))
        }
        "follow_up" => events::follow_up(&state.db, &state.config, &event_id, &actor, now_ms())
            .await
            .map(|(sent, skipped)| format!("followed&sent={sent}&skipped={skipped}")),
        _ => Err(AppError::field("action", Msg::ErrInvalid)),
    };
    match result {
        Ok(done) => {
            leptos_axum::redirect(&format!("{back}?done={done}"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("email", &email)]),
    }
}
