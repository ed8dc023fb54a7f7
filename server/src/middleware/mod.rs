//! The layers every request passes: security headers, the client's address, CSRF, body limits and the kept
//! values of a failed form (`flash`).
pub mod flash;
pub mod security;
