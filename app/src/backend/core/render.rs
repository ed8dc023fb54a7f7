//! Per-request context for server rendering: the language and the CSP nonce.
use leptos::prelude::*;

/// Put into the request's extensions by the security-headers middleware.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

pub fn provide_request_context() {
    provide_context(super::request::request_lang());
    provide_context(super::request::CallerMemo::default());
    if let Some(nonce) = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned()) {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}
