//! Signing in and out (`/portal/sign-in`, `/admin/sign-in`, `/agency/sign-in`), and the language choice.
use crate::domain::{AppError, Viewer};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::core::{request::*, sessions, tokens::TokenState};
#[cfg(feature = "ssr")]
use crate::backend::{auth, caller, link_requests, prelude::now_ms};

/// Asks for a sign-in link. Known and unknown addresses get the same answer.
#[server(prefix = "/api", endpoint = "portal/request-link")]
pub async fn request_link(email: String) -> Result<(), AppError> {
    let state = app_state()?;
    let parsed = match crate::domain::Email::parse(&email) {
        Ok(parsed) => parsed,
        Err(msg) => return form_error(AppError::field("email", msg), "/portal/sign-in", &[("email", &email)]),
    };
    match link_requests::request_magic_link(&state, &parsed, &client_ip(), now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect("/portal/sign-in/sent");
            Ok(())
        }
        Err(error) => form_error(error, "/portal/sign-in", &[("email", &email)]),
    }
}

/// Uses a sign-in link (the POST of the confirmation page, so that mail scanners cannot use it up).
#[server(prefix = "/api", endpoint = "portal/confirm-link")]
pub async fn confirm_link(token: String, next: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    match auth::sign_in_with_link(&state, &token, &client_ip(), now_ms()).await {
        Ok(session) => {
            switch_session(&state, &session).await?;
            leptos_axum::redirect(auth::after_sign_in(next.as_deref()));
            Ok(())
        }
        Err(problem) => {
            let reason = if problem == TokenState::Valid { "invalid" } else { problem.name() };
            leptos_axum::redirect(&format!("/portal/sign-in/problem?reason={reason}"));
            Err(status(AppError::NotFound))
        }
    }
}

/// What a sign-in link would do now, without using it: "valid", "used", "expired" or "invalid".
#[server(prefix = "/api", endpoint = "portal/link-state")]
pub async fn link_state(token: String) -> Result<String, AppError> {
    let state = app_state()?;
    let mut conn = state.db.pool().acquire().await?;
    let found =
        crate::backend::core::tokens::inspect(&mut conn, crate::domain::TokenPurpose::SignIn, &token, now_ms()).await?;
    Ok(found.name().to_owned())
}

#[server(prefix = "/api", endpoint = "admin/sign-in")]
pub async fn recruiter_sign_in(email: String, password: String) -> Result<(), AppError> {
    password_sign_in(email, password, "/admin/sign-in").await
}

/// The partner agencies' sign-in: the same accounts table, a page of its own.
#[server(prefix = "/api", endpoint = "agency/sign-in")]
pub async fn agency_sign_in(email: String, password: String) -> Result<(), AppError> {
    password_sign_in(email, password, "/agency/sign-in").await
}

/// Signs a user in by password and sends them to their area (recruiters to /admin, agencies to /agency).
#[cfg(feature = "ssr")]
async fn password_sign_in(email: String, password: String, back: &str) -> Result<(), AppError> {
    let state = app_state()?;
    let keep = [("email", email.as_str())];
    let parsed = match crate::domain::Email::parse(&email) {
        Ok(parsed) => parsed,
        Err(msg) => return form_error(AppError::field("email", msg), back, &keep),
    };
    match auth::recruiter_sign_in(&state, &parsed, &password, &client_ip(), now_ms()).await {
        Ok((session, kind)) => {
            switch_session(&state, &session).await?;
            leptos_axum::redirect(if kind == sessions::SessionKind::Agency { "/agency" } else { "/admin" });
            Ok(())
        }
        Err(error) => form_error(error, back, &keep),
    }
}

#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = app_state()?;
    let back_to = match caller::current_session(&state).await? {
        Some(session) if session.kind == sessions::SessionKind::Candidate => "/portal/sign-in",
        Some(session) if session.kind == sessions::SessionKind::Agency => "/agency/sign-in",
        Some(_) => "/admin/sign-in",
        None => "/",
    };
    if let Some(id) = session_id(&state.config) {
        sessions::delete(&state.db, &id).await?;
    }
    clear_session_cookie(&state.config);
    leptos_axum::redirect(back_to);
    Ok(())
}

/// Remembers the chosen language and goes back to the page it was chosen on.
#[server(prefix = "/api", endpoint = "language")]
pub async fn set_language(lang: String, back_to: String) -> Result<(), AppError> {
    let state = app_state()?;
    let lang =
        crate::i18n::Lang::parse(&lang).ok_or_else(|| status(AppError::field("lang", crate::i18n::Msg::ErrInvalid)))?;
    set_lang_cookie(&state.config, lang);
    // only local paths: never an open redirect
    leptos_axum::redirect(&crate::domain::local_path(&back_to).unwrap_or_else(|| "/".into()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "auth/me")]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    let state = app_state()?;
    caller::current_viewer(&state).await
}
