//! What nearly every server function body uses: the request context, the caller and the clock.
pub use super::caller::{require_agency, require_candidate, require_recruiter, signed_in_candidate};
pub use super::core::audit::Actor;
pub use super::core::db::now_ms;
pub use super::core::request::{
    app_state, client_ip, form_answer, form_error, keep_for_next_page, percent_encode, request_lang, start_session,
    status,
};
pub use crate::domain::Role;
