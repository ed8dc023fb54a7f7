//! The click redirect of campaign mail: `/go/{key}/{target}` records that a sent mail's link was followed and
//! sends the browser to one of Kizuna's own pages (a closed set of targets: never an open redirect). The key is
//! random per mail and stored only as its hash; it identifies a mail, not a person, and grants nothing.
use app::backend::campaigns::report;
use app::backend::{now_ms, AppState};
use app::domain::campaigns::LINK_TARGETS;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use http::{header, HeaderValue, StatusCode};

pub async fn follow(state: AppState, Path((key, target)): Path<(String, String)>) -> Response {
    let Some((_, _, path)) = LINK_TARGETS.iter().find(|(_, t, _)| *t == target) else {
        return (StatusCode::NOT_FOUND, "not_found").into_response();
    };
    if let Err(error) = report::click(&state.db, &key, &target, now_ms()).await {
        // the person still reaches the page; only the count is lost
        tracing::error!(%error, "campaign click");
    }
    let mut response = Redirect::to(path).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // the key stays out of the next page's Referer
    response.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}
