//! The career relay's server functions, in the same four rooms as `backend::relay`.
pub mod agencies;
pub mod agency_portal;
pub mod ledger;
pub mod opt_in;
