//! File downloads of the career relay: an agency's copy of a consented résumé, and an agency's credit ledger.
use super::{attachment, csv_download, error_response};
use app::backend::caller::{agency_in, recruiter_in};
use app::backend::core::audit;
use app::backend::core::request::ClientIp;
use app::backend::relay::{agency_portal, ledger};
use app::backend::{resumes, AppState};
use app::domain::{AppError, Role};
use axum::extract::Path;
use axum::response::Response;
use axum::Extension;
use http::HeaderMap;

/// `GET /agency/resume/{referral}`: the candidate's latest résumé, for the agency it was referred to, only while
/// the candidate agrees and only if the résumé was among the items agreed. Every download is audited.
pub async fn agency_resume(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(referral): Path<String>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let user = agency_in(&state, &headers, &ip).await?;
        let (resume_id, candidate_id) =
            agency_portal::resume_for_agency(&state.db, &user.agency_id, &referral).await?.ok_or(AppError::NotFound)?;
        let file = resumes::open(&state.db, &state.config, &candidate_id, &resume_id).await?;
        let subject = ("referral", Some(referral.as_str()));
        audit::record_alone(&state.db, &user.actor(), "resume_downloaded", subject, &user.agency_id).await?;
        Ok::<_, AppError>(file)
    }
    .await;
    match result {
        Ok((kind, file_name, bytes)) => {
            attachment(bytes, kind.content_type(), &format!("resume.{}", kind.extension()), &file_name)
        }
        Err(error) => error_response(error),
    }
}

/// `GET /admin/relay/agencies/{id}/ledger.csv`: an agency's credit ledger (admins).
pub async fn ledger_csv(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(agency): Path<String>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        recruiter_in(&state, &headers, &ip, Role::Admin).await?;
        ledger::ledger_csv(&state.db, &agency).await?.ok_or(AppError::NotFound)
    }
    .await;
    csv_download(result, "ledger.csv")
}
