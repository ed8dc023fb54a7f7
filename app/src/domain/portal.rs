//! The candidate portal's home: applications as the candidate may know them.
use super::types::{text_enum, Outcome, Stage};
use serde::{Deserialize, Serialize};

text_enum!(
    /// Where an application stands, as the candidate may know it: internal stage names never leave the company.
    CandidateStatus {
        InProgress = "in_progress", Interview = "interview", Offer = "offer", Hired = "hired", Closed = "closed",
    }
);

impl CandidateStatus {
    pub fn of(stage: Stage, outcome: Option<Outcome>) -> Self {
        match (outcome, stage) {
            (Some(Outcome::Rejected | Outcome::Withdrawn), _) => Self::Closed,
            (None, Stage::Applied | Stage::Screening) => Self::InProgress,
            (None, Stage::Interview) => Self::Interview,
            (None, Stage::Offer) => Self::Offer,
            (None, Stage::Hired) => Self::Hired,
        }
    }

    pub fn label(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::InProgress => Msg::StatusInProgress,
            Self::Interview => Msg::StatusInterview,
            Self::Offer => Msg::StatusOffer,
            Self::Hired => Msg::StatusHired,
            Self::Closed => Msg::StatusClosed,
        }
    }
}

/// One candidate's application as the portal shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: String,
    pub job_title: String,
    pub status: CandidateStatus,
    pub applied_at: i64,
}
