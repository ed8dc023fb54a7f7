//! `GET /admin/analytics/funnel.csv?from=…&to=…&job=…&department=…&source=…&view=…`: the funnel's tables as CSV
//! (viewers and up, as the page): the same figures as the page shows for the same filter.
use super::csv_download;
use app::backend::caller::recruiter_in;
use app::backend::core::request::{lang_of, ClientIp};
use app::backend::{analytics, now_ms, AppState};
use app::domain::analytics::ReportFilter;
use app::domain::{AppError, Role};
use axum::extract::Query;
use axum::response::Response;
use axum::Extension;
use http::HeaderMap;

pub async fn funnel(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        recruiter_in(&state, &headers, &ip, Role::Viewer).await?;
        let filter = ReportFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let lang = lang_of(&headers);
        let funnel = analytics::funnel(&state.db, &filter, now_ms(), lang).await?;
        Ok::<_, AppError>(analytics::funnel_csv(&funnel, lang))
    }
    .await;
    csv_download(result, "funnel.csv")
}
