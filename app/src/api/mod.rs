//! Server functions, one file per area. Each authorizes its caller before anything else:
//! any HTTP client can call any of them.
pub mod admin;
pub mod auth;
pub mod consent;
pub mod invitations;
pub mod mydata;
pub mod portal;
pub mod preferences;
pub mod profile;
pub mod relay;
pub mod signup;
pub mod templates;
pub mod workspace;
