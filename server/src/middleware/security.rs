//! Middleware every response passes: CSRF origin check on POSTs, security headers with a CSP nonce.
use app::backend::core::render::CspNonce;
use app::backend::core::request::ClientIp;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, Method, StatusCode};
use rand::RngCore;
use std::sync::Arc;

/// Refuses a state-changing request that a browser made on another site's behalf.
/// Browsers send `Sec-Fetch-Site` and `Origin` on POSTs; clients without them (curl, tests) are not a CSRF vector.
pub async fn csrf_guard(State(base_url): State<Arc<String>>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD && !same_origin(&request, &base_url) {
        // a path can hold a token (the one-click unsubscribe): never in a log line
        tracing::warn!(path = %app::domain::without_tokens(request.uri().path()), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

fn same_origin(request: &Request, base_url: &str) -> bool {
    let headers = request.headers();
    // Decisive where the browser sends it (all current ones do).
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    // Older browsers: the Origin must be ours. Under `Referrer-Policy: no-referrer` a form post says
    // `Origin: null`; SameSite=Lax keeps the session cookie off cross-site posts in that case.
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None | Some("null") => true,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
            origin == base_url
                || origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host)
        }
    }
}

pub async fn security_headers(mut request: Request<Body>, next: Next) -> Response {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let nonce: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let asset = request.uri().path().strip_prefix("/pkg/").map(crate::assets::cache_control);
    let mut response = next.run(request).await;
    // a missing file may appear with the next deploy: only what was found is kept for a year
    let found = response.status().is_success() || response.status() == http::StatusCode::NOT_MODIFIED;
    let asset = asset.map(|policy| if found { policy } else { crate::assets::REVALIDATE });
    let headers = response.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    let set = |headers: &mut http::HeaderMap, name: &'static str, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(headers, "content-security-policy", &csp);
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "no-referrer");
    set(headers, "x-frame-options", "DENY");
    set(headers, "strict-transport-security", "max-age=63072000; includeSubDomains");
    set(headers, "permissions-policy", "camera=(), microphone=(), geolocation=()");
    if !headers.contains_key(header::CACHE_CONTROL) {
        // the built assets (wasm, JS, CSS) hold nothing personal: kept a year when their name is their content's
        // hash, else revalidated by their Last-Modified (a 304 instead of the whole wasm); every page and answer
        // is personal and never stored
        set(headers, "cache-control", asset.unwrap_or("no-store"));
    }
    response
}

/// A server function called with arguments it cannot read answers `{"Validation":[]}` before any of our code runs,
/// and the framework sends that as a 500. It is the caller's mistake: 422.
pub async fn bad_arguments_are_unprocessable(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    if bytes.as_ref() == br#"{"Validation":[]}"# {
        parts.status = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The client's address, the same for every route and the audit log: the socket peer, or behind
/// `KIZUNA_TRUST_PROXY=N` proxies the N-th address from the right of `X-Forwarded-For` — the one the outermost of
/// our own proxies saw. Addresses to its left are whatever the client chose to send.
pub fn client_address(headers: &http::HeaderMap, peer: Option<std::net::IpAddr>, trusted_hops: usize) -> String {
    let peer = peer.map(|ip| ip.to_string()).unwrap_or_else(|| "unknown".into());
    if trusted_hops == 0 {
        return peer;
    }
    let hops: Vec<String> = headers
        .get_all("x-forwarded-for")
        .iter()
        // bytes a client put in its part of the header must not make our proxies' part unreadable
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect::<Vec<_>>()
        .join(",")
        .split(',')
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    let Some(chosen) =
        hops.len().checked_sub(trusted_hops).map(|i| hops[i].as_str()).or(hops.first().map(String::as_str))
    else {
        return peer;
    };
    parse_address(chosen).map(|ip| ip.to_string()).unwrap_or(peer)
}

/// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_address(value: &str) -> Option<std::net::IpAddr> {
    value.parse::<std::net::IpAddr>().ok().or_else(|| value.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
}

/// Puts the client's address into the request for every handler and server function to read.
pub async fn client_address_layer(State(trusted_hops): State<usize>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip());
    let address = client_address(request.headers(), peer, trusted_hops);
    request.extensions_mut().insert(ClientIp(address));
    next.run(request).await
}

/// What a form post or server-function call may send: 64 KB, or more for the few forms with long texts in both
/// languages (job descriptions, mail templates, policy texts: 10 000 characters each, percent-encoded). The two
/// file uploads have limits of their own and read their files in bounded parts.
pub fn body_limit_for(method: &Method, path: &str) -> Option<usize> {
    const FORM: usize = 64 * 1024;
    const LONG_TEXTS: usize = 512 * 1024;
    match (method, path) {
        (&Method::GET | &Method::HEAD, _) => Some(FORM),
        (&Method::POST, "/portal/resume" | "/admin/import") => None,
        (_, "/api/admin/save-job" | "/api/admin/save-template" | "/api/admin/publish-policy") => Some(LONG_TEXTS),
        _ => Some(FORM),
    }
}

/// Refuses a body over its limit with 413 and a page saying so, before reading it when its length is declared,
/// and as soon as it passes the limit when it is streamed: memory never grows with what a client sends.
pub async fn body_limit(request: Request, next: Next) -> Response {
    let Some(limit) = body_limit_for(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let lang = app::backend::core::request::lang_of(request.headers());
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(lang);
    }
    let exceeded = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (parts, body) = request.into_parts();
    let body = Body::new(CappedBody { inner: body, left: limit, exceeded: exceeded.clone() });
    let response = next.run(Request::from_parts(parts, body)).await;
    if exceeded.load(std::sync::atomic::Ordering::Relaxed) {
        return too_large(lang);
    }
    response
}

fn too_large(lang: app::i18n::Lang) -> Response {
    use app::i18n::Msg;
    let page = format!(
        "<!DOCTYPE html><html lang=\"{tag}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title} | Kizuna</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head><body><main id=\"main\" class=\"container\">\
         <section class=\"card narrow\" role=\"alert\"><h1>{title}</h1><p>{body}</p><p><a class=\"button\" href=\"/\">{home}</a></p>\
         </section></main></body></html>",
        tag = lang.tag(),
        title = Msg::TooLargeTitle.text(lang),
        body = Msg::TooLargeBody.text(lang),
        home = Msg::BackHome.text(lang),
        css = app::backend::core::render::stylesheet(),
    );
    let mut response = (StatusCode::PAYLOAD_TOO_LARGE, axum::response::Html(page)).into_response();
    // the rest of the body is not read: the connection cannot carry another request
    response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// A request body that fails, and says so, once it passes its limit.
struct CappedBody {
    inner: Body,
    left: usize,
    exceeded: Arc<std::sync::atomic::AtomicBool>,
}

impl http_body::Body for CappedBody {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let this = &mut *self;
        let polled = std::pin::Pin::new(&mut this.inner).poll_frame(cx);
        if let std::task::Poll::Ready(Some(Ok(frame))) = &polled {
            let size = frame.data_ref().map_or(0, |data| data.len());
            if size > this.left {
                this.exceeded.store(true, std::sync::atomic::Ordering::Relaxed);
                return std::task::Poll::Ready(Some(Err(axum::Error::new("request body over its limit"))));
            }
            this.left -= size;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}
