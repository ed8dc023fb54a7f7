//! Integration tests: the database layer on both engines, the HTTP surface, and mail delivery.
//! SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a fresh database per test).
mod auth;
mod cli;
mod common;
mod consent;
mod erasure;
mod import;
mod invitations;
mod isolation;
mod links;
mod load;
mod mydata;
mod outbox;
mod pages;
mod preferences;
mod profile;
mod relay;
mod resumes;
mod roles;
mod schema;
mod security;
mod smtp;
mod templates;
mod users;
mod workspace;
