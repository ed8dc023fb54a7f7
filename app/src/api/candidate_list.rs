//! The recruiter's candidate list (`/admin/candidates`): a page of a filtered list view, actions on the
//! ticked candidates, and saved views.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;
#[cfg(feature = "ssr")]
use crate::i18n::Msg;

/// A page of the candidate list (viewers and up). `after` is the last candidate id of the previous page.
#[server(prefix = "/api", endpoint = "admin/candidates")]
pub async fn list_candidates(filter: CandidateFilter, after: Option<String>) -> Result<CandidateList, AppError> {
    use crate::backend::candidate_list::{self, views};
    use crate::backend::{core::audit, jobs, tags};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    // any client can send any filter: the same checks as one read from a URL (a selection never comes from one)
    let filter = CandidateFilter::from_query(&filter.query_string());
    let (rows, next) = candidate_list::list(&state.db, &filter, after.as_deref(), LIST_PAGE).await?;
    let mut conn = state.db.pool().acquire().await?;
    let tags = tags::all_tags(&mut conn).await?;
    let jobs = jobs::options(&mut conn, false, request_lang()).await?;
    // a list of people is a view of personal data too
    let detail = format!("{} rows", rows.len());
    audit::record(&mut conn, &recruiter.actor(), "listed", ("candidate", None), &detail, now_ms()).await?;
    let views = views::list(&mut conn, &recruiter.id).await?;
    Ok(CandidateList { rows, next, tags, jobs, views })
}

/// Acts on the candidates ticked in the list: tag or untag them (with `tag`), or invite them (with `job_id`).
#[server(prefix = "/api", endpoint = "admin/candidates-bulk")]
pub async fn bulk_candidates(
    ids: Option<Vec<String>>,
    action: Choice<BulkAction>,
    tag: Option<String>,
    job_id: Option<String>,
    back: String,
) -> Result<(), AppError> {
    use crate::backend::{invitations, tags};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    // back to the same list view, never elsewhere
    let back = local_path(&back)
        .filter(|b| b.starts_with("/admin/candidates") && !b.contains("//"))
        .unwrap_or_else(|| "/admin/candidates".into());
    let form = back.split('?').next().unwrap_or("/admin/candidates").to_owned();
    let ids: Vec<String> = ids.unwrap_or_default().into_iter().filter(|id| !id.is_empty()).collect();
    let actor = recruiter.actor();
    let tag = tag.unwrap_or_default();
    let action = match action.known("action") {
        Ok(action) => action,
        Err(error) => return form_error(error, &form, &[("tag", &tag)]),
    };
    let result = match action {
        BulkAction::Tag | BulkAction::Untag => {
            let remove = action == BulkAction::Untag;
            tags::set_tag(&state.db, &ids, &tag, remove, &actor, now_ms()).await.map(|n| (n, 0))
        }
        BulkAction::Invite if ids.is_empty() => Err(AppError::field("ids", Msg::ErrChooseCandidates)),
        BulkAction::Invite => {
            let job = job_id.unwrap_or_default();
            let (mut sent, mut refused) = (0, 0);
            for id in &ids {
                match invitations::invite(&state.db, &state.config, id, &job, &actor, now_ms()).await {
                    Ok(_) => sent += 1,
                    Err(AppError::Internal) => return Err(status(AppError::Internal)),
                    Err(_) => refused += 1,
                }
            }
            Ok((sent, refused))
        }
    };
    let joiner = if back.contains('?') { '&' } else { '?' };
    let next = |(done, refused)| format!("{back}{joiner}done={}&count={done}&refused={refused}", action.as_str());
    form_answer(result, next, &form, &[("tag", &tag)])
}

/// Saves the list view (`query`: the list's query string) under a name, for the caller only (viewers and up:
/// a view is the user's own, not candidate data). The same name again replaces the view.
#[server(prefix = "/api", endpoint = "admin/save-view")]
pub async fn save_view(name: String, query: String) -> Result<(), AppError> {
    use crate::backend::candidate_list::views;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    // on failure, back to the same list view (its filters are its URL, as every list view's are)
    let back = CandidateFilter::from_query(&query).list_url();
    let saved = views::save(&state.db, &recruiter.id, &name, &query, now_ms()).await;
    let next = |view: SavedView| {
        let sep = if view.query.is_empty() { "" } else { "&" };
        format!("/admin/candidates?{}{sep}view_saved=1", view.query)
    };
    form_answer(saved, next, &back, &[("view_name", &name)])
}

/// Deletes one of the caller's saved views.
#[server(prefix = "/api", endpoint = "admin/delete-view")]
pub async fn delete_view(id: String) -> Result<(), AppError> {
    use crate::backend::candidate_list::views;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    let deleted = views::delete(&state.db, &recruiter.id, &id).await;
    form_answer(deleted, |()| "/admin/candidates?view_deleted=1".into(), "/admin/candidates", &[])
}
