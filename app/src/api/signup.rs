//! Signing up in the portal: the form, the mail that confirms the address, and the confirmation (where the
//! person holding the mailbox chooses the optional purposes).
use crate::domain::{AppError, SignUpLink};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::core::request::*;
#[cfg(feature = "ssr")]
use crate::backend::{link_requests, prelude::now_ms, signup};

/// Asks for a registration link. Known and unknown addresses get the same answer (a known one a sign-in link).
#[server(prefix = "/api", endpoint = "portal/sign-up")]
pub async fn sign_up(#[server(flatten)] form: crate::domain::SignUpForm) -> Result<(), AppError> {
    let state = app_state()?;
    match link_requests::request_sign_up(&state, &form, request_lang(), &client_ip(), now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect("/portal/sign-up/sent");
            Ok(())
        }
        Err(error) => {
            let keep = [
                ("email", form.email.as_str()),
                ("family_name", form.family_name.as_str()),
                ("given_name", form.given_name.as_str()),
                ("family_name_kana", form.family_name_kana.as_str()),
                ("given_name_kana", form.given_name_kana.as_str()),
            ];
            form_error(error, "/portal/sign-up", &keep)
        }
    }
}

/// What a registration link would do now, without using it, and what its confirmation page shows.
#[server(prefix = "/api", endpoint = "portal/sign-up-state")]
pub async fn sign_up_state(token: String) -> Result<SignUpLink, AppError> {
    let state = app_state()?;
    Ok(signup::link(&state.db, &token, request_lang(), now_ms()).await?)
}

/// Completes the registration (the POST of the confirmation page) with the purposes ticked there, and signs the
/// new candidate in.
#[server(prefix = "/api", endpoint = "portal/confirm-sign-up")]
pub async fn confirm_sign_up(
    token: String,
    talent_pool: Option<String>,
    job_news: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::core::sessions;
    let state = app_state()?;
    let ticked = (talent_pool.as_deref() == Some("yes"), job_news.as_deref() == Some("yes"));
    match signup::confirm(&state, &token, ticked, &client_ip(), now_ms()).await {
        Ok(candidate) => {
            start_session(&state, sessions::SessionKind::Candidate, &candidate).await?;
            leptos_axum::redirect("/portal/profile");
            Ok(())
        }
        Err(problem) => {
            leptos_axum::redirect(&format!("/portal/sign-in/problem?reason={}", problem.name()));
            Err(status(AppError::NotFound))
        }
    }
}
