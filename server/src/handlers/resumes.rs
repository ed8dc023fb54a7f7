//! Résumé upload (multipart, works without JavaScript) and download, for the signed-in candidate only.
use super::{attachment, wants_html};
use app::backend::caller::candidate_in;
use app::backend::core::request::ClientIp;
use app::backend::resumes::{self, MAX_RESUME_BYTES};
use app::backend::{now_ms, AppState};
use app::domain::AppError;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use http::{HeaderMap, StatusCode};

fn failure(error: AppError, html: bool) -> Response {
    if html {
        if error == AppError::Unauthorized {
            return Redirect::to("/portal/sign-in").into_response();
        }
        let code = error.code();
        return Redirect::to(&format!("/portal/profile?resume_error={code}")).into_response();
    }
    super::error_response(error)
}

pub async fn upload(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let html = wants_html(&headers);
    // who is calling comes first, before anything about the body
    let candidate = match candidate_in(&state, &headers, &ip).await {
        Ok(candidate) => candidate,
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
    match resumes::store(&state.db, &state.config, &candidate.id, &name, &bytes, &candidate.actor(), now_ms()).await {
        Ok(_) if html => Redirect::to("/portal/profile?resume=uploaded").into_response(),
        Ok(stored) => (StatusCode::CREATED, stored.id).into_response(),
        Err(error) => failure(error, html),
    }
}

pub async fn download(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let candidate = match candidate_in(&state, &headers, &ip).await {
        Ok(candidate) => candidate,
        Err(error) => return failure(error, false),
    };
    match resumes::open(&state.db, &state.config, &candidate.id, &id).await {
        Ok((kind, file_name, bytes)) => {
            attachment(bytes, kind.content_type(), &format!("resume.{}", kind.extension()), &file_name)
        }
        Err(error) => failure(error, false),
    }
}

pub const BODY_LIMIT: usize = MAX_RESUME_BYTES + 64 * 1024;
