//! Plain axum handlers for what a server function cannot do: multipart uploads, file downloads, CSV exports and
//! the RFC 8058 one-click unsubscribe. Each authorizes its caller first (`app::backend::caller::*_in`), like
//! every server function, and is named after its URL's area.
pub mod analytics;
pub mod audit;
pub mod campaigns;
pub mod candidate_list;
pub mod import;
pub mod relay;
pub mod resumes;
pub mod unsubscribe;

use app::backend::core::request::percent_encode;
use app::domain::AppError;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, HeaderValue, StatusCode};

/// Whether a browser asked (it gets a page or a redirect; other clients get the status and the error's code).
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// The error's status with its code as the body.
pub fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.code()).into_response()
}

/// A file to save, never cached: an ASCII name for old clients and the real one (RFC 6266 `filename*`).
pub fn attachment(bytes: Vec<u8>, content_type: &'static str, ascii_name: &str, file_name: &str) -> Response {
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

/// A CSV download, or the error.
pub fn csv_download(result: Result<String, AppError>, file_name: &str) -> Response {
    match result {
        Ok(csv) => attachment(csv.into_bytes(), "text/csv; charset=utf-8", file_name, file_name),
        Err(error) => error_response(error),
    }
}
