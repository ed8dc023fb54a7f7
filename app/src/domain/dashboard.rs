//! The recruiter's dashboard.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardStats {
    pub candidates: i64,
    pub open_jobs: i64,
    pub applications: i64,
    pub mail_queued: i64,
}
