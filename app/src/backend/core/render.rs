//! Per-request context for server rendering: the language, the zone times are shown in, and the CSP nonce.
use leptos::prelude::*;

/// Put into the request's extensions by the security-headers middleware.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

pub fn provide_request_context() {
    provide_context(super::request::request_lang());
    provide_context(super::request::CallerMemo::default());
    provide_context(crate::domain::ViewerZone(crate::domain::company_zone()));
    if let Some(nonce) = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned()) {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

static STYLESHEET: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Remembers where the built stylesheet is (its hashed name when the build hashed it); set once at start-up, so
/// that no page reads the build's hash file.
pub fn set_stylesheet(href: String) {
    let _ = STYLESHEET.set(href);
}

/// The built stylesheet's address.
pub fn stylesheet() -> &'static str {
    STYLESHEET.get().map(String::as_str).unwrap_or("/pkg/kizuna.css")
}
