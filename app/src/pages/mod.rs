pub mod admin;
pub mod agency;
pub mod auth;
pub mod home;
pub mod not_found;
pub mod portal;
pub mod relay;
pub mod unsubscribe;

use crate::components::layout::redirect_to;
use crate::domain::AppError;
use leptos::prelude::*;
use not_found::{ErrorPanel, NotFound};

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
