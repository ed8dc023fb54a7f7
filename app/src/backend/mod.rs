//! Server-only code: everything a server function or handler does after it knows who is calling.
//!
//! - `core/`: infrastructure no feature owns — the database (`db`), request context and answers (`request`,
//!   `render`, `flash`), sessions, tokens, hashing (`crypto`, `password`), rate limits, the audit log's writer,
//!   CSV writing and the mail outbox. Core imports nothing from the features.
//! - `caller`: who is calling (`require_recruiter`, `require_candidate`, `require_agency`), the first call of
//!   every server function; the caller value scopes queries and signs audit entries (`caller.actor()`).
//! - One module per feature, named after its URL's area (`/admin/jobs` → `jobs`, `/relay` → `relay::opt_in`),
//!   beside the `api/` module of the same name. A piece two features share is a small leaf module of its own
//!   (`suppression`, `tags`, `templates`, `duplicates`), never a cycle.
//!
//! Errors: a function that only reads or writes the database returns `sqlx::Error` (the server function turns it
//! into an opaque `AppError::Internal`, logged); a function that also decides something the caller must hear about
//! — input refused, not found, not allowed, a conflict, a rate limit — returns `AppError`.
pub mod analytics;
pub mod audit;
pub mod auth;
pub mod automations;
pub mod caller;
pub mod campaigns;
pub mod candidate_list;
pub mod candidates;
pub mod consent;
pub mod core;
pub mod dashboard;
pub mod duplicates;
pub mod erasure;
pub mod events;
pub mod import;
pub mod interviews;
pub mod invitations;
pub mod jobs;
pub mod link_requests;
pub mod mailbox;
pub mod mydata;
pub mod notes;
pub mod people;
pub mod pipeline;
pub mod policies;
pub mod portal;
pub mod preferences;
pub mod prelude;
pub mod profile;
pub mod reasons;
pub mod relay;
pub mod resumes;
pub mod segments;
pub mod signup;
pub mod suppression;
pub mod tags;
pub mod templates;
pub mod users;

pub use core::db::{new_id, now_ms, Db, DbKind};
pub use core::state::{AppState, Config};
