//! Middleware for form flashes (see `app::backend::core::flash`): a page request that brings a flash cookie gets the
//! values kept for that page in that session, once; a response that asks to keep values gets them stored and the
//! cookie set. Only such page requests and failed form posts touch the database.
use app::backend::core::flash;
use app::backend::core::request::{cookie_in, session_cookie_name, ClientIp};
use app::backend::{now_ms, AppState};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{header, HeaderValue, Method};

/// Whether a request is for a page a form can go back to (not a file, a server function or a probe).
fn is_page(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && !["/api/", "/pkg/", "/healthz", "/readyz", "/favicon"].iter().any(|p| path.starts_with(p))
}

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let session = cookie_in(request.headers(), session_cookie_name(&state.config)).unwrap_or_default();
    let brought = cookie_in(request.headers(), flash::cookie_name(&state.config)).filter(|v| !v.is_empty());
    let mut taken = false;
    if let (Some(key), true) = (&brought, is_page(&request)) {
        match flash::take(&state.db, key, request.uri().path(), &session, now_ms()).await {
            Ok(Some(kept)) => {
                request.extensions_mut().insert(kept);
                taken = true;
            }
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "reading a form's kept values"),
        }
    }
    let ip = request.extensions().get::<ClientIp>().map(|c| c.0.clone()).unwrap_or_default();
    let mut response = next.run(request).await;
    let asked = response.headers_mut().remove(flash::KEEP_HEADER);
    let cookie = match asked.as_ref().and_then(|v| v.to_str().ok()) {
        Some(encoded) => match flash::store(&state.db, encoded, &session, &ip, now_ms()).await {
            Ok(key) => key.map(|key| flash::cookie(&state.config, Some(&key))),
            Err(error) => {
                tracing::error!(%error, "keeping a form's values");
                None
            }
        },
        None => taken.then(|| flash::cookie(&state.config, None)),
    };
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
