//! Merging two records of one person (`/admin/candidates/:id/merge/:other`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;
#[cfg(feature = "ssr")]
use crate::i18n::Msg;

/// Merges `other` into `keep` (recruiters); every row of both is kept on `keep`. Moving consents to agencies
/// needs its own tick (`confirm_agency`).
#[server(prefix = "/api", endpoint = "admin/merge")]
pub async fn merge_candidates(
    keep: String,
    other: String,
    confirm: Option<String>,
    confirm_agency: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::duplicates;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}/merge/{}", percent_encode(&keep), percent_encode(&other));
    if confirm.as_deref() != Some("yes") {
        return form_error(AppError::field("confirm", Msg::ErrConfirmMerge), &back, &[]);
    }
    let agency_confirmed = confirm_agency.as_deref() == Some("yes");
    let merged = duplicates::merge(&state.db, &keep, &other, agency_confirmed, &recruiter.actor(), now_ms()).await;
    form_answer(merged, |()| format!("/admin/candidates/{}?merged=1", percent_encode(&keep)), &back, &[])
}
