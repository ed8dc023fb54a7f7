//! Server functions, one module per URL area, each named like the page that calls it and the backend module it
//! calls (`pages/admin/jobs.rs` → `api/jobs.rs` → `backend/jobs.rs`). Any HTTP client can call any of them, so
//! each authorizes its caller before anything else (`require_*` in `backend::caller`) and scopes every query by
//! that caller. Endpoints are stable (`#[server(endpoint = "…")]`): tests and forms post to them by name.
pub mod analytics;
pub mod audit;
pub mod auth;
pub mod automations;
pub mod campaigns;
pub mod candidate_list;
pub mod candidates;
pub mod consent;
pub mod dashboard;
pub mod events;
pub mod import;
pub mod interviews;
pub mod invitations;
pub mod jobs;
pub mod mailbox;
pub mod merge;
pub mod mydata;
pub mod new_candidate;
pub mod pipeline;
pub mod policies;
pub mod portal;
pub mod preferences;
pub mod profile;
pub mod reasons;
pub mod relay;
pub mod segments;
pub mod signup;
pub mod templates;
pub mod unsubscribe;
pub mod users;
