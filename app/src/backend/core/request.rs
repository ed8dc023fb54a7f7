//! What a server function needs to know about the request in hand: state, cookies, language, address, and
//! how to answer (status, redirect back to a form). Who the caller is: `backend::caller`.
use super::db::now_ms;
use super::sessions::{self, Session};
use super::state::{AppState, Config};
use crate::domain::{AppError, Viewer};
use crate::i18n::Lang;
use http::header::{HeaderValue, ACCEPT, COOKIE, SET_COOKIE};
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::sync::Arc;
use tokio::sync::OnceCell;

pub const LANG_COOKIE: &str = "kizuna_lang";

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

pub fn cookie(name: &str) -> Option<String> {
    cookie_in(&parts()?.headers, name)
}

/// A cookie's value from request headers (also for plain axum handlers, outside a server function).
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| cookie::Cookie::split_parse(v).filter_map(Result::ok))
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A `Set-Cookie` value for this site: `Path=/`, `SameSite=Lax`, `Secure` unless served over plain http,
/// `HttpOnly` unless a page's script must read it; `max_age` in seconds (`Some(0)` removes it, `None` lasts the
/// browser session).
pub fn cookie_header(config: &Config, name: &str, value: &str, max_age: Option<i64>, http_only: bool) -> String {
    let mut cookie = cookie::Cookie::build((name, value))
        .path("/")
        .same_site(cookie::SameSite::Lax)
        .secure(config.secure_cookies)
        .http_only(http_only);
    if let Some(seconds) = max_age {
        cookie = cookie.max_age(cookie::time::Duration::seconds(seconds));
    }
    cookie.build().to_string()
}

/// The client's address, as the server's middleware found it for this request (see `KIZUNA_TRUST_PROXY`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientIp(pub String);

/// The caller's address: the same one every route, rate limit and audit entry uses.
pub fn client_ip() -> String {
    parts().and_then(|p| p.extensions.get::<ClientIp>().map(|c| c.0.clone())).unwrap_or_else(|| "unknown".into())
}

/// The language of this request: the remembered choice, else `Accept-Language`, else Japanese.
pub fn request_lang() -> Lang {
    parts().map(|p| lang_of(&p.headers)).unwrap_or_default()
}

/// The language asked for by these request headers (also for plain axum handlers and middleware).
pub fn lang_of(headers: &http::HeaderMap) -> Lang {
    if let Some(lang) = cookie_in(headers, LANG_COOKIE).and_then(|v| Lang::parse(&v)) {
        return lang;
    }
    headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(Lang::negotiate).unwrap_or_default()
}

pub fn session_cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies {
        "__Host-kizuna_session"
    } else {
        "kizuna_session"
    }
}

fn append_cookie(value: String) {
    if let (Some(res), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
        res.append_header(SET_COOKIE, value);
    }
}

pub fn set_session_cookie(config: &Config, id: &str) {
    append_cookie(cookie_header(config, session_cookie_name(config), id, None, true));
}

/// Makes a new session this browser's: the one it had ends, the cookie names the new one.
pub async fn switch_session(state: &AppState, session: &str) -> Result<(), sqlx::Error> {
    if let Some(old) = session_id(&state.config) {
        sessions::delete(&state.db, &old).await?;
    }
    set_session_cookie(&state.config, session);
    Ok(())
}

/// Signs this browser in as `subject` with a new session of `kind` (see [`switch_session`]).
pub async fn start_session(state: &AppState, kind: sessions::SessionKind, subject: &str) -> Result<(), sqlx::Error> {
    let session = sessions::create(&state.db, kind, subject, now_ms()).await?;
    switch_session(state, &session).await
}

pub fn clear_session_cookie(config: &Config) {
    append_cookie(cookie_header(config, session_cookie_name(config), "", Some(0), true));
}

pub fn set_lang_cookie(config: &Config, lang: Lang) {
    append_cookie(cookie_header(config, LANG_COOKIE, lang.tag(), Some(365 * 86_400), false));
}

pub fn session_id(config: &Config) -> Option<String> {
    cookie(session_cookie_name(config)).filter(|v| !v.is_empty())
}

/// Who is calling, looked up once per rendered page however many of its parts ask (the header and the page
/// itself both do); each part waits for the one lookup without holding a connection of its own.
#[derive(Clone, Default)]
pub struct CallerMemo {
    pub(crate) session: Arc<OnceCell<Option<Session>>>,
    pub(crate) viewer: Arc<OnceCell<Option<Viewer>>>,
}

/// Sets the HTTP status that matches the error and hands the error back.
pub fn status(error: AppError) -> AppError {
    if let Some(res) = use_context::<ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(error.status()) {
            res.set_status(code);
        }
    }
    error
}

fn accepts_html() -> bool {
    parts()
        .and_then(|p| p.headers.get(ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// A failed form: a browser posting without JavaScript is sent back to the form with the error's codes in the
/// URL and what it typed (except secrets) kept server-side for that page (see `flash`), never in the URL; any
/// other client gets the error with its status.
pub fn form_error<T>(error: AppError, back_to: &str, keep: &[(&str, &str)]) -> Result<T, AppError> {
    if accepts_html() {
        let joiner = if back_to.contains('?') { '&' } else { '?' };
        let mut url = format!("{back_to}{joiner}error={}", error.code());
        if let AppError::Validation(fields) = &error {
            for field in fields {
                url.push_str(&format!("&fe_{}={}", percent_encode(&field.field), field.message.code()));
            }
        }
        keep_for_next_page(back_to, keep);
        leptos_axum::redirect(&url);
        Err(error)
    } else {
        Err(status(error))
    }
}

/// How a form's server function answers: on success the browser goes on to `next(value)`, on failure back to
/// the form (see [`form_error`]) with what it typed in `keep`.
pub fn form_answer<T>(
    result: Result<T, AppError>,
    next: impl FnOnce(T) -> String,
    back: &str,
    keep: &[(&str, &str)],
) -> Result<(), AppError> {
    match result {
        Ok(value) => {
            leptos_axum::redirect(&next(value));
            Ok(())
        }
        Err(error) => form_error(error, back, keep),
    }
}

/// Asks the server's middleware to keep these values for the page at `path` when this browser opens it next.
pub fn keep_for_next_page(path: &str, keep: &[(&str, &str)]) {
    if keep.is_empty() {
        return;
    }
    if let (Some(res), Ok(value)) =
        (use_context::<ResponseOptions>(), HeaderValue::from_str(&super::flash::encode(path, keep)))
    {
        res.insert_header(http::HeaderName::from_static(super::flash::KEEP_HEADER), value);
    }
}

pub fn percent_encode(value: &str) -> String {
    crate::domain::url_encode(value)
}
