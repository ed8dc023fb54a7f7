//! Middleware for form flashes (see `app::backend::flash`): a request that brings a flash cookie gets its kept
//! values, once; a response that asks to keep values gets them stored and the cookie set. Only requests with the
//! cookie and failed form posts touch the database.
use app::backend::request::cookie_in;
use app::backend::{flash, now_ms, AppState};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{header, HeaderValue};

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let brought = cookie_in(request.headers(), flash::cookie_name(&state.config)).filter(|v| !v.is_empty());
    if let Some(key) = &brought {
        match flash::take(&state.db, key, now_ms()).await {
            Ok(Some(kept)) => {
                request.extensions_mut().insert(kept);
            }
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "reading a form's kept values"),
        }
    }
    let mut response = next.run(request).await;
    let asked = response.headers_mut().remove(flash::KEEP_HEADER);
    let cookie = match asked.as_ref().and_then(|v| v.to_str().ok()) {
        Some(encoded) => match flash::store(&state.db, encoded, now_ms()).await {
            Ok(key) => Some(flash::cookie(&state.config, Some(&key))),
            Err(error) => {
                tracing::error!(%error, "keeping a form's values");
                None
            }
        },
        None => brought.map(|_| flash::cookie(&state.config, None)),
    };
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
