//! Re-application invitations.
use super::types::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(
    /// How a candidate answers an invitation: accept, decline, or "remind me later".
    InvitationAnswer { Accept = "accept", Decline = "decline", Later = "later" }
);

text_enum!(
    InvitationStatus { Sent = "sent", Accepted = "accepted", Declined = "declined", Snoozed = "snoozed", Expired = "expired" }
);

/// An invitation to apply again, as the candidate (and the recruiter) sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub job_id: String,
    pub job_title: String,
    pub department: String,
    pub location: String,
    pub description: String,
    pub job_open: bool,
    pub status: InvitationStatus,
    pub remind_at: Option<i64>,
    pub created_at: i64,
    pub application_id: Option<String>,
}

impl Invitation {
    pub fn is_open(&self) -> bool {
        matches!(self.status, InvitationStatus::Sent | InvitationStatus::Snoozed) && self.job_open
    }
}
