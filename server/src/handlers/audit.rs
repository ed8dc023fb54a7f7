//! `GET /admin/audit.csv?action=…&actor=…&subject_kind=…&subject_id=…`: the audit log as CSV (admins).
use super::csv_download;
use app::backend::caller::recruiter_in;
use app::backend::core::request::ClientIp;
use app::backend::{audit, AppState};
use app::domain::{AppError, Role};
use axum::extract::Query;
use axum::response::Response;
use axum::Extension;
use http::HeaderMap;

pub async fn export(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        recruiter_in(&state, &headers, &ip, Role::Admin).await?;
        let value =
            |key: &str| pairs.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| v.trim().to_owned());
        let (action, actor, kind, id) = (value("action"), value("actor"), value("subject_kind"), value("subject_id"));
        let filter = audit::Filter {
            subject: kind.as_deref().zip(id.as_deref()),
            action: action.as_deref(),
            actor_email: actor.as_deref(),
        };
        Ok::<_, AppError>(audit::export_csv(&state.db, &filter).await?)
    }
    .await;
    csv_download(result, "audit.csv")
}
