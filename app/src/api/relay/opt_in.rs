//! The referral page a rejected candidate answers (`/relay`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;
#[cfg(feature = "ssr")]
use crate::backend::{link_requests, relay::opt_in};

/// What a personal referral link shows (the link itself is the caller's proof; nothing is used up here).
#[server(prefix = "/api", endpoint = "relay/link")]
pub async fn load_relay_link(token: String) -> Result<RelayLink, AppError> {
    let state = app_state()?;
    let me = signed_in_candidate(&state).await?.map(|c| c.id);
    opt_in::link(&state.db, &token, me.as_deref(), request_lang(), now_ms()).await
}

/// The referral page for the signed-in candidate (the company-wide link leads here after signing in); None for
/// anyone else, who is asked for their address first.
#[server(prefix = "/api", endpoint = "relay/choices")]
pub async fn load_relay_choices() -> Result<Option<RelayChoices>, AppError> {
    let state = app_state()?;
    match signed_in_candidate(&state).await? {
        Some(me) => opt_in::choices(&state.db, &me.id, request_lang()).await.map(Some).map_err(status),
        None => Ok(None),
    }
}

/// Sends a sign-in link that leads to the referral page (the company-wide referral URL).
#[server(prefix = "/api", endpoint = "relay/request-link")]
pub async fn request_relay_link(email: String) -> Result<(), AppError> {
    let state = app_state()?;
    let parsed = match crate::domain::Email::parse(&email) {
        Ok(parsed) => parsed,
        Err(msg) => return form_error(AppError::field("email", msg), "/relay", &[("email", &email)]),
    };
    let requested = link_requests::request_magic_link_to(&state, &parsed, &client_ip(), Some("relay"), now_ms()).await;
    form_answer(requested, |()| "/portal/sign-in/sent".into(), "/relay", &[("email", &email)])
}

/// The candidate's answers on the referral page. Every choice is off unless ticked.
#[server(prefix = "/api", endpoint = "relay/submit")]
pub async fn submit_relay(
    token: Option<String>,
    agencies: Option<Vec<String>>,
    talent_pool: Option<String>,
    job_news: Option<String>,
    contact_after: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let me = signed_in_candidate(&state).await?.map(|c| c.id);
    let token = token.filter(|t| !t.is_empty());
    let back = match &token {
        Some(token) => format!("/relay/{}", percent_encode(token)),
        None => "/relay".to_owned(),
    };
    let caller = match (&token, &me) {
        (Some(token), _) => opt_in::Caller::Link { token, signed_in: me.as_deref() },
        (None, Some(me)) => opt_in::Caller::Candidate(me),
        (None, None) => return form_error(AppError::Unauthorized, "/relay", &[]),
    };
    let answers = opt_in::Answers {
        agencies: agencies.unwrap_or_default(),
        talent_pool: talent_pool.is_some_and(|v| v == "yes"),
        job_news: job_news.is_some_and(|v| v == "yes"),
        contact_after_months: contact_after.as_deref().unwrap_or("0").parse().unwrap_or(-1),
    };
    let ip = client_ip();
    match opt_in::submit(&state.db, &state.config, caller, &answers, &ip, now_ms()).await {
        // the link authorises this answer only: it signs no one in (the done page offers a sign-in link by mail)
        Ok(opt_in::Submitted::Saved { referred, .. }) => {
            leptos_axum::redirect(&format!("/relay/done?referred={referred}"));
            Ok(())
        }
        Ok(opt_in::Submitted::AlreadyAnswered { .. }) => {
            leptos_axum::redirect("/relay/done?again=1");
            Ok(())
        }
        Err(opt_in::Refusal::Link(reason)) => {
            leptos_axum::redirect(&format!("/relay/problem?reason={reason}"));
            Err(status(AppError::NotFound))
        }
        Err(opt_in::Refusal::OtherPerson) => {
            leptos_axum::redirect("/relay/problem?reason=other");
            Err(status(AppError::Forbidden))
        }
        Err(opt_in::Refusal::Error(error)) => form_error(error, &back, &[]),
    }
}
