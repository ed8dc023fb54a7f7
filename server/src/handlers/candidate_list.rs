//! CSV export of the recruiter's candidate list: a whole list view (its filters in the query) or a selection.
use super::{csv_download, error_response};
use app::backend::caller::recruiter_in;
use app::backend::core::audit;
use app::backend::core::request::ClientIp;
use app::backend::{candidate_list, AppState};
use app::domain::{AppError, CandidateFilter, Role};
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use http::{HeaderMap, StatusCode};

async fn export(state: &AppState, headers: &HeaderMap, ip: &str, filter: CandidateFilter) -> Response {
    let result = async {
        let recruiter = recruiter_in(state, headers, ip, Role::Recruiter).await?;
        let (csv, rows) = candidate_list::export_csv(&state.db, &filter).await?;
        let detail = format!("{rows} rows (csv)");
        audit::record_alone(&state.db, &recruiter.actor(), "exported", ("candidate", None), &detail).await?;
        Ok::<_, AppError>(csv)
    }
    .await;
    csv_download(result, "candidates.csv")
}

/// `GET /admin/candidates.csv?…`: every candidate of a list view (the same filters as the page).
pub async fn export_list(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let filter = CandidateFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    export(&state, &headers, &ip, filter).await
}

/// `POST /admin/candidates/export`: the candidates ticked in the list (`ids[n]` fields of the list's form).
pub async fn export_selected(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ids: Vec<String> =
        pairs.into_iter().filter(|(k, v)| k.starts_with("ids[") && !v.is_empty()).map(|(_, v)| v).take(1000).collect();
    if ids.is_empty() {
        // who is asking still comes first
        if let Err(error) = recruiter_in(&state, &headers, &ip, Role::Recruiter).await {
            return error_response(error);
        }
        return (StatusCode::UNPROCESSABLE_ENTITY, "ErrChooseCandidates").into_response();
    }
    let filter = CandidateFilter { ids, ..Default::default() };
    export(&state, &headers, &ip, filter).await
}
