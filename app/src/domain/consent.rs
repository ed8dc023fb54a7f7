use super::ConsentPurpose;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentAction {
    #[serde(alias = "grant")]
    Granted,
    #[serde(alias = "withdraw")]
    Withdrawn,
}

impl ConsentAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Granted => "granted",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "granted" | "grant" => Some(Self::Granted),
            "withdrawn" | "withdraw" => Some(Self::Withdrawn),
            _ => None,
        }
    }
}

/// How a consent was given or withdrawn: part of what makes it provable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentChannel {
    Portal,
    MailLink,
    Recruiter,
    Import,
}

impl ConsentChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Portal => "portal",
            Self::MailLink => "mail_link",
            Self::Recruiter => "recruiter",
            Self::Import => "import",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Portal, Self::MailLink, Self::Recruiter, Self::Import].into_iter().find(|c| c.as_str() == value)
    }
}

/// The current policy text of a purpose, in the viewer's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyText {
    pub purpose: ConsentPurpose,
    pub version: i64,
    pub text: String,
    pub published_at: i64,
}

/// One purpose as the consent centre shows it (for agency referral: one per agency).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentCard {
    pub purpose: ConsentPurpose,
    pub agency_id: Option<String>,
    pub agency_name: Option<String>,
    pub policy: Option<PolicyText>,
    pub state: Option<ConsentAction>,
    pub since: Option<i64>,
    pub accepted_version: Option<i64>,
}

impl ConsentCard {
    pub fn granted(&self) -> bool {
        self.state == Some(ConsentAction::Granted)
    }

    /// Granted under an older policy version than the one now published.
    pub fn needs_review(&self) -> bool {
        self.granted() && matches!((&self.policy, self.accepted_version), (Some(p), Some(v)) if v < p.version)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub purpose: ConsentPurpose,
    pub action: ConsentAction,
    pub version: i64,
    pub channel: ConsentChannel,
    pub agency_name: Option<String>,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentOverview {
    pub cards: Vec<ConsentCard>,
    pub history: Vec<ConsentEvent>,
}

/// A policy version as admins manage it (both languages).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    pub purpose: ConsentPurpose,
    pub version: i64,
    pub text_ja: String,
    pub text_en: String,
    pub published_at: i64,
}

pub const MAX_POLICY_CHARS: usize = 5000;

impl super::ConsentPurpose {
    /// The purpose's name, as every page shows it.
    pub fn label(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::Selection => Msg::PurposeSelection,
            Self::TalentPool => Msg::PurposeTalentPool,
            Self::JobNews => Msg::PurposeJobNews,
            Self::AgencyReferral => Msg::PurposeAgencyReferral,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(state: Option<ConsentAction>, accepted: Option<i64>, current: i64) -> ConsentCard {
        ConsentCard {
            purpose: ConsentPurpose::TalentPool,
            agency_id: None,
            agency_name: None,
            policy: Some(PolicyText {
                purpose: ConsentPurpose::TalentPool,
                version: current,
                text: String::new(),
                published_at: 0,
            }),
            state,
            since: None,
            accepted_version: accepted,
        }
    }

    #[test]
    fn review_is_needed_only_for_grants_of_an_older_version() {
        assert!(card(Some(ConsentAction::Granted), Some(1), 2).needs_review());
        assert!(!card(Some(ConsentAction::Granted), Some(2), 2).needs_review());
        assert!(!card(Some(ConsentAction::Withdrawn), Some(1), 2).needs_review());
        assert!(!card(None, None, 2).needs_review());
    }
}
