//! RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the link itself,
//! without cookies or a session; the confirmation page (GET, changes nothing) posts the same form.
use app::backend::core::audit::Actor;
use app::backend::core::request::{percent_encode, ClientIp};
use app::backend::core::tokens;
use app::backend::{now_ms, preferences, AppState};
use app::domain::{ConsentChannel, TokenPurpose};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use http::{HeaderMap, StatusCode};

pub async fn one_click(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let browser = super::wants_html(&headers);
    let consumed = match state.db.pool().acquire().await {
        Ok(mut conn) => tokens::consume(&mut conn, TokenPurpose::Unsubscribe, &token, now_ms()).await,
        Err(error) => Err(error),
    };
    let outcome = match consumed {
        Ok(Ok(candidate_id)) => {
            let actor = Actor::candidate(&candidate_id, &ip);
            match preferences::unsubscribe_all(&state.db, &candidate_id, ConsentChannel::MailLink, actor, now_ms())
                .await
            {
                Ok(()) => Ok(()),
                Err(_) => {
                    // nothing was unsubscribed: the link must work again when the person retries
                    let _ = tokens::release(&state.db, TokenPurpose::Unsubscribe, &token).await;
                    Err(StatusCode::INTERNAL_SERVER_ERROR)
                }
            }
        }
        // a second click of a used link: the person is unsubscribed already
        Ok(Err(tokens::TokenState::Used)) => Ok(()),
        Ok(Err(_)) => Err(StatusCode::NOT_FOUND),
        Err(error) => {
            tracing::error!(%error, "unsubscribe");
            Err(StatusCode::INTERNAL_SERVER_ERROR)
        }
    };
    match (outcome, browser) {
        (Ok(()), true) => Redirect::to("/unsubscribe/done").into_response(),
        (Ok(()), false) => (StatusCode::OK, "unsubscribed").into_response(),
        (Err(StatusCode::NOT_FOUND), true) => {
            Redirect::to(&format!("/unsubscribe/{}", percent_encode(&token))).into_response()
        }
        (Err(status), _) => (status, "this unsubscribe link cannot be used").into_response(),
    }
}
