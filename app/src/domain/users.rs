//! The company's own users.
use super::types::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(
    /// What the user list's forms change about an account.
    UserAction { Role = "role", Disable = "disable", Enable = "enable" }
);

/// One of the company's own users, as the admin's user list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: super::Role,
    pub active: bool,
    /// invited and has not set a password yet
    pub invited: bool,
    pub created_at: i64,
}
