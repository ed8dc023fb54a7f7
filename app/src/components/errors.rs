//! What a page shows when there is nothing to show: not found, an error, or (for a stranger) the way to sign in.
use crate::components::i18n::t;
use crate::components::layout::redirect_to;
use crate::domain::AppError;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t(Msg::NotFoundTitle) />
        <section class="card narrow">
            <h1>{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFoundBody)}</p>
            <a class="button" href="/">{t(Msg::BackHome)}</a>
        </section>
    }
}

/// What a page shows when a server function fails for a reason the viewer cannot fix.
#[component]
pub fn ErrorPanel(error: crate::domain::AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(code)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(error.status()))
    {
        res.set_status(code);
    }
    view! {
        <section class="card narrow" role="alert">
            <h1>{t(Msg::ErrorTitle)}</h1>
            <p>{t(error.message())}</p>
            <a class="button" href="/">{t(Msg::BackHome)}</a>
        </section>
    }
}

/// What a page shows for the result of its server function: the page itself, or for a stranger a trip to the
/// sign-in page, or a 404, or a panel saying what went wrong.
pub fn page_or<T>(result: Result<T, AppError>, sign_in: &str, render: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(value) => render(value),
        Err(AppError::Unauthorized) => {
            redirect_to(sign_in);
            ().into_any()
        }
        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
        Err(error) => view! { <ErrorPanel error=error /> }.into_any(),
    }
}

/// A mail link that cannot be used (used, expired or unknown), with the way to ask for a new one.
#[component]
pub fn LinkProblem(reason: String) -> impl IntoView {
    let title = match reason.as_str() {
        "used" => Msg::LinkUsedTitle,
        "expired" => Msg::LinkExpiredTitle,
        _ => Msg::LinkInvalidTitle,
    };
    view! {
        <Title text=t(title) />
        <section class="card narrow" role="alert">
            <h1>{t(title)}</h1>
            <p>{t(Msg::LinkProblemBody)}</p>
            <a class="button" href="/portal/sign-in">{t(Msg::RequestNewLink)}</a>
        </section>
    }
}
