//! The career relay: a rejection mail offers a separate opt-in to partner agencies; each referral is an APPI
//! third-party provision with a record the candidate sees; every N referrals earn the company one free hire
//! support.
//!
//! - `agencies`: the partner agencies and their users (admins, `/admin/relay/agencies/*`)
//! - `opt_in`: the referral page a rejected candidate answers (`/relay`)
//! - `withdrawal`: ending an agency's access when the candidate withdraws
//! - `agency_portal`: what an agency sees of its referrals (`/agency`)
//! - `ledger`: credits earned and used, and the relay in numbers (`/admin/relay`)
pub mod agencies;
pub mod agency_portal;
pub mod ledger;
pub mod opt_in;
pub mod withdrawal;
