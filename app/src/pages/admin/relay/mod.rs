//! The career relay in /admin.
pub mod agencies;
pub mod ledger;
