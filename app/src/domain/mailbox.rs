//! The outbox as the admin's mailbox lists it.
use super::types::MailStatus;
use serde::{Deserialize, Serialize};

/// One message of the outbox, as the admin mailbox lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    pub id: String,
    pub message_id: String,
    pub recipient: String,
    pub subject: String,
    pub kind: String,
    pub status: MailStatus,
    pub attempts: i64,
    pub created_at: i64,
    pub body_text: String,
}
