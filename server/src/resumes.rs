//! Résumé upload (multipart, works without JavaScript) and download, for the signed-in candidate only.
use app::backend::audit::Actor;
use app::backend::request::percent_encode;
use app::backend::request::ClientIp;
use app::backend::resumes::{self, MAX_RESUME_BYTES};
use app::backend::sessions::{self, SessionKind};
use app::backend::{now_ms, AppState};
use app::domain::AppError;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use http::{header, HeaderMap, HeaderValue, StatusCode};

/// The signed-in candidate's id, from the session cookie.
async fn candidate(state: &AppState, headers: &HeaderMap) -> Result<String, AppError> {
    let name = app::backend::request::session_cookie_name(&state.config);
    let id = app::backend::request::cookie_in(headers, name).filter(|v| !v.is_empty()).ok_or(AppError::Unauthorized)?;
    match sessions::lookup(&state.db, &id, now_ms()).await? {
        Some(session) if session.kind == SessionKind::Candidate => Ok(session.subject_id),
        _ => Err(AppError::Unauthorized),
    }
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

fn failure(error: AppError, html: bool) -> Response {
    if html {
        if error == AppError::Unauthorized {
            return Redirect::to("/portal/sign-in").into_response();
        }
        let code = error.code();
        return Redirect::to(&format!("/portal/profile?resume_error={code}")).into_response();
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.code()).into_response()
}

pub async fn upload(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let html = wants_html(&headers);
    // who is calling comes first, before anything about the body
    let candidate_id = match candidate(&state, &headers).await {
        Ok(id) => id,
        Err(error) => return failure(error, html),
    };
    let Ok(mut multipart) = multipart else {
        return failure(AppError::field("resume", app::i18n::Msg::ErrRequired), html);
    };
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("resume") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => return failure(AppError::field("resume", app::i18n::Msg::ErrFileTooLarge), html),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return failure(AppError::field("resume", app::i18n::Msg::ErrFileTooLarge), html),
        }
    }
    let (name, bytes) = file.unwrap_or_default();
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    match resumes::store(&state.db, &state.config, &candidate_id, &name, &bytes, &actor, now_ms()).await {
        Ok(_) if html => Redirect::to("/portal/profile?resume=uploaded").into_response(),
        Ok(stored) => (StatusCode::CREATED, stored.id).into_response(),
        Err(error) => failure(error, html),
    }
}

pub async fn download(state: AppState, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let candidate_id = match candidate(&state, &headers).await {
        Ok(id) => id,
        Err(error) => return failure(error, false),
    };
    match resumes::open(&state.db, &state.config, &candidate_id, &id).await {
        Ok((kind, file_name, bytes)) => {
            let disposition = format!(
                "attachment; filename=\"resume.{}\"; filename*=UTF-8''{}",
                kind.extension(),
                percent_encode(&file_name)
            );
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => failure(error, false),
    }
}

pub const BODY_LIMIT: usize = MAX_RESUME_BYTES + 64 * 1024;
