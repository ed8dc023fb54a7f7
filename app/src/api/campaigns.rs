//! Campaigns (`/admin/campaigns`): viewers and up see them and their reports; recruiters draft, test, schedule
//! and cancel them.
use crate::domain::campaigns::{CampaignForm, CampaignPage, CampaignSummary, StepForm};
use crate::domain::segments::SegmentSummary;
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// Every campaign, and the segments a new one may use.
#[server(prefix = "/api", endpoint = "admin/campaigns")]
pub async fn load_campaigns() -> Result<(Vec<CampaignSummary>, Vec<SegmentSummary>, bool), AppError> {
    use crate::backend::{campaigns, segments};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    let list = campaigns::list(&state.db).await?;
    Ok((list, segments::list(&state.db).await?, recruiter.role.includes(Role::Recruiter)))
}

/// A campaign with its steps and report; `confirm` (a start time) adds the audience count a recruiter confirms
/// before scheduling; `preview` (an address, kept server-side) fills the steps in for that candidate.
#[server(prefix = "/api", endpoint = "admin/campaign")]
pub async fn load_campaign(
    id: String,
    confirm: Option<i64>,
    preview: Option<String>,
) -> Result<CampaignPage, AppError> {
    use crate::backend::campaigns::{self, plan, report};
    use crate::backend::segments;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    let mut conn = state.db.pool().acquire().await?;
    let campaign = campaigns::get(&mut conn, &id).await?.ok_or_else(|| status(AppError::NotFound))?;
    let steps = campaigns::steps(&mut conn, &id).await?;
    drop(conn);
    let can_edit = recruiter.role.includes(Role::Recruiter);
    let audience = match confirm {
        Some(_) if can_edit && plan::editable(&campaign) => Some(plan::audience(&state.db, &campaign, now_ms()).await?),
        _ => None,
    };
    // a preview shows a person's data filled in: for those who may send the campaign only
    let asked = preview.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty() && can_edit);
    let filled = match &asked {
        Some(email) => plan::preview(&state.db, &state.config, &steps, email, &recruiter.actor()).await?,
        None => None,
    };
    Ok(CampaignPage {
        report: report::report(&state.db, &id).await?,
        segments: segments::list(&state.db).await?,
        campaign,
        steps,
        can_edit,
        audience,
        preview_not_found: asked.is_some() && filled.is_none(),
        preview: filled,
    })
}

#[cfg(feature = "ssr")]
fn page_of(id: &str) -> String {
    format!("/admin/campaigns/{}", percent_encode(id))
}

#[cfg(feature = "ssr")]
fn kept_settings(input: &CampaignForm) -> [(&'static str, &str); 5] {
    [
        ("name", input.name.as_str()),
        ("kind", input.kind.as_str()),
        ("segment_id", input.segment_id.as_str()),
        ("purpose", input.purpose.as_str()),
        ("exit_on_unmatch", input.exit_on_unmatch.as_str()),
    ]
}

#[server(prefix = "/api", endpoint = "admin/create-campaign")]
pub async fn create_campaign(#[server(flatten)] input: CampaignForm) -> Result<(), AppError> {
    use crate::backend::campaigns;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let result = async {
        let settings = input.check().map_err(AppError::Validation)?;
        campaigns::create(&state.db, &settings, &recruiter.actor(), now_ms()).await
    }
    .await;
    form_answer(result, |id| page_of(&id), "/admin/campaigns", &kept_settings(&input))
}

#[server(prefix = "/api", endpoint = "admin/save-campaign")]
pub async fn save_campaign(id: String, #[server(flatten)] input: CampaignForm) -> Result<(), AppError> {
    use crate::backend::campaigns;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let result = async {
        let settings = input.check().map_err(AppError::Validation)?;
        campaigns::save_settings(&state.db, &id, &settings, &recruiter.actor(), now_ms()).await
    }
    .await;
    let back = page_of(&id);
    form_answer(result, |_| format!("{back}?saved=1"), &back, &kept_settings(&input))
}

/// Saves one step; the fields it kept on an error carry the step's position, so that the page puts them back in
/// the right form.
#[server(prefix = "/api", endpoint = "admin/save-campaign-step")]
pub async fn save_campaign_step(
    id: String,
    position: String,
    #[server(flatten)] step: StepForm,
) -> Result<(), AppError> {
    use crate::backend::campaigns;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let position = position.trim().parse::<i64>().map_err(|_| status(AppError::NotFound))?;
    let result = async {
        let checked = step.check(position).map_err(|errors| {
            AppError::Validation(
                errors.into_iter().map(|e| FieldError { field: format!("{}.{position}", e.field), ..e }).collect(),
            )
        })?;
        campaigns::save_step(&state.db, &id, &checked, &recruiter.actor(), now_ms()).await
    }
    .await;
    let back = page_of(&id);
    let names: Vec<String> = ["delay", "unit", "anchor", "subject_ja", "body_ja", "subject_en", "body_en"]
        .iter()
        .map(|f| format!("{f}.{position}"))
        .collect();
    let values =
        [&step.delay, &step.unit, &step.anchor, &step.subject_ja, &step.body_ja, &step.subject_en, &step.body_en];
    let keep: Vec<(&str, &str)> = names.iter().map(String::as_str).zip(values.iter().map(|v| v.as_str())).collect();
    form_answer(result, |_| format!("{back}?saved=1"), &back, &keep)
}

#[server(prefix = "/api", endpoint = "admin/add-campaign-step")]
pub async fn add_campaign_step(id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let result = crate::backend::campaigns::add_step(&state.db, &id, &recruiter.actor(), now_ms()).await;
    let back = page_of(&id);
    form_answer(result, |_| back.clone(), &back, &[])
}

#[server(prefix = "/api", endpoint = "admin/remove-campaign-step")]
pub async fn remove_campaign_step(id: String, position: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let position = position.trim().parse::<i64>().map_err(|_| status(AppError::NotFound))?;
    let result = crate::backend::campaigns::remove_step(&state.db, &id, position, &recruiter.actor(), now_ms()).await;
    let back = page_of(&id);
    form_answer(result, |_| back.clone(), &back, &[])
}

/// Chooses the candidate the preview is filled in for, by address: kept for the page server-side, never put in
/// its URL.
#[server(prefix = "/api", endpoint = "admin/preview-campaign")]
pub async fn preview_campaign(id: String, preview: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Recruiter).await?;
    let back = page_of(&id);
    keep_for_next_page(&back, &[("preview", preview.unwrap_or_default().trim())]);
    leptos_axum::redirect(&back);
    Ok(())
}

/// Sends every step to the recruiter's own address.
#[server(prefix = "/api", endpoint = "admin/test-campaign")]
pub async fn test_campaign(id: String) -> Result<(), AppError> {
    use crate::backend::campaigns::{self, plan};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let result = async {
        let mut conn = state.db.pool().acquire().await?;
        let campaign = campaigns::get(&mut conn, &id).await?.ok_or(AppError::NotFound)?;
        let steps = campaigns::steps(&mut conn, &id).await?;
        drop(conn);
        let lang = request_lang();
        plan::test_send(&state.db, &state.config, &campaign, &steps, lang, &recruiter.actor(), now_ms()).await
    }
    .await;
    let back = page_of(&id);
    form_answer(result, |_| format!("{back}?tested=1"), &back, &[])
}

/// Schedules a draft. Without `confirmed` nothing is scheduled: the page shows how many people the campaign would
/// mail and asks again. `when` is `now`, or `later` with a date and time in the company's zone.
#[server(prefix = "/api", endpoint = "admin/schedule-campaign")]
pub async fn schedule_campaign(
    id: String,
    when: Option<String>,
    date: Option<String>,
    time: Option<String>,
    starts_at: Option<String>,
    confirmed: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::campaigns::plan;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = page_of(&id);
    let now = now_ms();
    let (date, time) = (date.unwrap_or_default(), time.unwrap_or_default());
    let keep = [("when", when.as_deref().unwrap_or("now")), ("date", date.as_str()), ("time", time.as_str())];
    let starts_at = starts_at.and_then(|at| at.trim().parse::<i64>().ok());
    let start = match (starts_at, when.as_deref()) {
        (Some(at), _) => Ok(at),
        (None, Some("later")) => {
            let day = parse_date(&date).ok_or_else(|| AppError::field("date", crate::i18n::Msg::ErrDateInvalid));
            let clock =
                parse_time_of_day(&time).ok_or_else(|| AppError::field("time", crate::i18n::Msg::ErrTimeInvalid));
            match (day, clock) {
                (Ok(day), Ok(clock)) => {
                    at_time_of_day(day, clock).ok_or_else(|| AppError::field("date", crate::i18n::Msg::ErrDateInvalid))
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
        _ => Ok(now),
    };
    let start = match start {
        Ok(at) => at,
        Err(error) => return form_error(error, &back, &keep),
    };
    if confirmed.as_deref() != Some("1") {
        leptos_axum::redirect(&format!("{back}?confirm={start}"));
        return Ok(());
    }
    let result = plan::schedule(&state.db, &id, start, &recruiter.actor(), now).await;
    form_answer(result, |_| format!("{back}?scheduled=1"), &back, &keep)
}

#[server(prefix = "/api", endpoint = "admin/cancel-campaign")]
pub async fn cancel_campaign(id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let result = crate::backend::campaigns::plan::cancel(&state.db, &id, &recruiter.actor(), now_ms()).await;
    let back = page_of(&id);
    form_answer(result, |_| format!("{back}?cancelled=1"), &back, &[])
}

#[server(prefix = "/api", endpoint = "admin/delete-campaign")]
pub async fn delete_campaign(id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let result = crate::backend::campaigns::delete(&state.db, &id, &recruiter.actor(), now_ms()).await;
    form_answer(result, |_| "/admin/campaigns?deleted=1".to_owned(), &page_of(&id), &[])
}
