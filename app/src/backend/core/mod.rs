//! Infrastructure that no feature owns. Nothing here imports a feature module.
pub mod audit;
pub mod crypto;
pub mod csv;
pub mod db;
pub mod facts;
pub mod flash;
pub mod mail;
pub mod password;
pub mod query;
pub mod ratelimit;
pub mod render;
pub mod request;
pub mod sessions;
pub mod state;
pub mod tokens;
