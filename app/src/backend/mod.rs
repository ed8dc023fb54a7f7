//! Server-only code: database, mail, tokens, sessions and the authorization helpers server functions call.
pub mod audit;
pub mod auth;
pub mod candidates;
pub mod consent;
pub mod crypto;
pub mod csv;
pub mod db;
pub mod invitations;
pub mod mail;
pub mod mydata;
pub mod password;
pub mod portal;
pub mod preferences;
pub mod profile;
pub mod ratelimit;
pub mod rejection;
pub mod relay;
pub mod render;
pub mod request;
pub mod resumes;
pub mod seed;
pub mod sessions;
pub mod state;
pub mod stats;
pub mod tokens;

pub use db::{new_id, now_ms, Db, DbKind};
pub use state::{AppState, Config};
