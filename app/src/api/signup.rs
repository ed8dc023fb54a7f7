//! Signing up in the portal: the form, the mail that confirms the address, and the confirmation.
use crate::domain::{AppError, SignUpTexts};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::{db::now_ms, request::*, signup};

/// The current policy texts of the two optional purposes the form offers, in the viewer's language.
#[server(prefix = "/api", endpoint = "portal/sign-up-texts")]
pub async fn load_sign_up_texts() -> Result<SignUpTexts, AppError> {
    let state = app_state()?;
    let column = if request_lang() == crate::i18n::Lang::En { "text_en" } else { "text_ja" };
    let mut texts = Vec::new();
    for purpose in ["talent_pool", "job_news"] {
        let sql = format!("SELECT {column} FROM policy_versions WHERE purpose = $1 ORDER BY version DESC LIMIT 1");
        let text: Option<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(purpose).fetch_optional(state.db.pool()).await?;
        texts.push(text.unwrap_or_default());
    }
    Ok(SignUpTexts { job_news: texts.pop().unwrap_or_default(), talent_pool: texts.pop().unwrap_or_default() })
}

/// Asks for a registration link. Known and unknown addresses get the same answer (a known one a sign-in link).
#[server(prefix = "/api", endpoint = "portal/sign-up")]
pub async fn sign_up(
    email: String,
    family_name: String,
    given_name: String,
    family_name_kana: Option<String>,
    given_name_kana: Option<String>,
    talent_pool: Option<String>,
    job_news: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let form = crate::domain::SignUpForm {
        email,
        family_name,
        given_name,
        family_name_kana: family_name_kana.unwrap_or_default(),
        given_name_kana: given_name_kana.unwrap_or_default(),
        talent_pool: talent_pool.as_deref() == Some("yes"),
        job_news: job_news.as_deref() == Some("yes"),
    };
    match signup::request(&state, &form, request_lang(), &client_ip(), now_ms()).await {
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
                ("talent_pool", if form.talent_pool { "yes" } else { "" }),
                ("job_news", if form.job_news { "yes" } else { "" }),
            ];
            form_error(error, "/portal/sign-up", &keep)
        }
    }
}

/// What a registration link would do now: "valid", "used", "expired" or "invalid".
#[server(prefix = "/api", endpoint = "portal/sign-up-state")]
pub async fn sign_up_state(token: String) -> Result<String, AppError> {
    use crate::backend::tokens::TokenState;
    let state = app_state()?;
    Ok(match signup::link_state(&state.db, &token, now_ms()).await? {
        TokenState::Valid => "valid",
        TokenState::Used => "used",
        TokenState::Expired => "expired",
        TokenState::Unknown => "invalid",
    }
    .to_owned())
}

/// Completes the registration (the POST of the confirmation page) and signs the new candidate in.
#[server(prefix = "/api", endpoint = "portal/confirm-sign-up")]
pub async fn confirm_sign_up(token: String) -> Result<(), AppError> {
    use crate::backend::{sessions, tokens::TokenState};
    let state = app_state()?;
    match signup::confirm(&state, &token, &client_ip(), now_ms()).await {
        Ok(candidate) => {
            if let Some(old) = session_id(&state.config) {
                sessions::delete(&state.db, &old).await?;
            }
            let session = sessions::create(&state.db, sessions::SessionKind::Candidate, &candidate, now_ms()).await?;
            set_session_cookie(&state.config, &session);
            leptos_axum::redirect("/portal/profile");
            Ok(())
        }
        Err(problem) => {
            let reason = match problem {
                TokenState::Used => "used",
                TokenState::Expired => "expired",
                _ => "invalid",
            };
            leptos_axum::redirect(&format!("/portal/sign-in/problem?reason={reason}"));
            Err(status(AppError::NotFound))
        }
    }
}
