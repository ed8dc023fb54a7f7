//! `POST /admin/import`: the CSV upload (multipart, works without JavaScript), for recruiters.
use app::backend::caller::recruiter_in;
use app::backend::core::request::ClientIp;
use app::backend::import::{self, MAX_IMPORT_BYTES};
use app::backend::{now_ms, AppState};
use app::domain::{AppError, Role};
use axum::extract::multipart::MultipartRejection;
use axum::extract::Multipart;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use http::{HeaderMap, StatusCode};

pub const BODY_LIMIT: usize = MAX_IMPORT_BYTES + 64 * 1024;

fn failure(error: AppError, html: bool) -> Response {
    if html {
        if error == AppError::Unauthorized {
            return Redirect::to("/admin/sign-in").into_response();
        }
        return Redirect::to(&format!("/admin/import?error={}", error.code())).into_response();
    }
    super::error_response(error)
}

pub async fn upload(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let html = super::wants_html(&headers);
    // who is asking, before reading the body
    let recruiter = match recruiter_in(&state, &headers, &ip, Role::Recruiter).await {
        Ok(recruiter) => recruiter,
        Err(error) => return failure(error, html),
    };
    let Ok(mut multipart) = multipart else {
        return failure(AppError::field("file", app::i18n::Msg::ErrCsvInvalid), html);
    };
    let (mut file, mut source, mut tags) = (None, String::new(), String::new());
    let (mut event, mut attended) = (String::new(), false);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let file_name = field.file_name().unwrap_or("import.csv").to_owned();
                let Ok(bytes) = field.bytes().await else {
                    return failure(AppError::field("file", app::i18n::Msg::ErrFileTooLarge), html);
                };
                match name.as_str() {
                    "file" => file = Some((file_name, bytes.to_vec())),
                    "source_channel" => source = String::from_utf8_lossy(&bytes).into_owned(),
                    "tags" => tags = String::from_utf8_lossy(&bytes).into_owned(),
                    "event_id" => event = String::from_utf8_lossy(&bytes).trim().to_owned(),
                    "attended" => attended = !bytes.is_empty(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => return failure(AppError::field("file", app::i18n::Msg::ErrFileTooLarge), html),
        }
    }
    let (file_name, bytes) = file.unwrap_or_default();
    let event = Some((event.as_str(), attended)).filter(|(id, _)| !id.is_empty());
    let upload = import::Upload { file_name: &file_name, bytes: &bytes, source: &source, tags: &tags, event };
    match import::store(&state.db, &upload, &recruiter.actor(), now_ms()).await {
        Ok(id) if html => Redirect::to(&format!("/admin/import/{id}")).into_response(),
        Ok(id) => (StatusCode::CREATED, id).into_response(),
        Err(error) => failure(error, html),
    }
}
