//! File downloads of the career relay: an agency's copy of a consented résumé, and an agency's credit ledger.
use app::backend::audit::{self, Actor};
use app::backend::request::ClientIp;
use app::backend::request::{cookie_in, percent_encode, session_cookie_name};
use app::backend::sessions::{self, Session, SessionKind};
use app::backend::{now_ms, relay, resumes, AppState};
use app::domain::{AppError, Role, Viewer};
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use http::{header, HeaderMap, HeaderValue, StatusCode};

async fn session(state: &AppState, headers: &HeaderMap) -> Result<Session, AppError> {
    let id = cookie_in(headers, session_cookie_name(&state.config)).filter(|v| !v.is_empty());
    let id = id.ok_or(AppError::Unauthorized)?;
    sessions::lookup(&state.db, &id, now_ms()).await?.ok_or(AppError::Unauthorized)
}

fn failure(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.code()).into_response()
}

fn attachment(bytes: Vec<u8>, content_type: &'static str, ascii_name: &str, file_name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{}", percent_encode(file_name));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /agency/resume/{referral}`: the candidate's latest résumé, for the agency it was referred to, only while
/// the candidate agrees and only if the résumé was among the items agreed. Every download is audited.
pub async fn agency_resume(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(referral): Path<String>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let session = session(&state, &headers).await?;
        if session.kind != SessionKind::Agency {
            return Err(AppError::Unauthorized);
        }
        let agency = relay::agency_of_user(&state.db, &session.subject_id).await?.ok_or(AppError::Unauthorized)?;
        let (resume_id, candidate_id) =
            relay::resume_for_agency(&state.db, &agency, &referral).await?.ok_or(AppError::NotFound)?;
        let file = resumes::open(&state.db, &state.config, &candidate_id, &resume_id).await?;
        let mut conn = state.db.pool().acquire().await?;
        let actor = Actor { kind: "agency_user", id: Some(&session.subject_id), ip: Some(&ip) };
        audit::record(&mut conn, &actor, "resume_downloaded", ("referral", Some(&referral)), &agency, now_ms()).await?;
        Ok::<_, AppError>(file)
    }
    .await;
    match result {
        Ok((kind, file_name, bytes)) => {
            attachment(bytes, kind.content_type(), &format!("resume.{}", kind.extension()), &file_name)
        }
        Err(error) => failure(error),
    }
}

/// `GET /admin/relay/agencies/{id}/ledger.csv`: an agency's credit ledger (admins).
pub async fn ledger_csv(state: AppState, Path(agency): Path<String>, headers: HeaderMap) -> Response {
    let result = async {
        let session = session(&state, &headers).await?;
        match app::backend::auth::viewer_for(&state.db, &session).await? {
            Some(Viewer::Recruiter { role, .. }) if role.includes(Role::Admin) => {}
            Some(Viewer::Recruiter { .. }) => return Err(AppError::Forbidden),
            _ => return Err(AppError::Unauthorized),
        }
        relay::ledger_csv(&state.db, &agency).await?.ok_or(AppError::NotFound)
    }
    .await;
    match result {
        Ok(csv) => attachment(csv.into_bytes(), "text/csv; charset=utf-8", "ledger.csv", "ledger.csv"),
        Err(error) => failure(error),
    }
}
