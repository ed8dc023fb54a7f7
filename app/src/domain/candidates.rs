//! A candidate as recruiters see them: notes, tags and possible duplicates.
use super::types::{text_enum, Outcome, Stage};
use super::{AuditEntry, Invitation, JobOption, MailSummary};
use serde::{Deserialize, Serialize};

/// A note on a candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

pub const MAX_NOTE_CHARS: usize = 5000;
pub const MAX_TAG_CHARS: usize = 50;

text_enum!(
    /// Why two records may be the same person.
    DuplicateReason {
        Email = "email", Phone = "phone", NameBirthDate = "name_birth_date", KanaBirthDate = "kana_birth_date",
    }
);

impl DuplicateReason {
    pub fn label(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::Email => Msg::DupEmail,
            Self::Phone => Msg::DupPhone,
            Self::NameBirthDate => Msg::DupNameBirth,
            Self::KanaBirthDate => Msg::DupKanaBirth,
        }
    }
}

/// Another record that may be the same person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub id: String,
    pub name: String,
    pub email: String,
    pub reason: DuplicateReason,
}

/// A candidate as a recruiter finds them in a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateSummary {
    pub id: String,
    pub name: String,
    pub email: String,
    pub source_channel: String,
    pub created_at: i64,
}

/// What the recruiter's candidate page shows (a first version; the full page comes with the workspace issue).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateDetail {
    pub summary: CandidateSummary,
    pub job_news_consent: bool,
    pub invitations: Vec<Invitation>,
    pub open_jobs: Vec<JobOption>,
    pub applications: Vec<AdminApplication>,
    pub tags: Vec<super::Tag>,
    pub known_tags: Vec<super::Tag>,
    pub notes: Vec<super::Note>,
    /// company-side reasons to reject with, as (id, label)
    pub reject_reasons: Vec<(String, String)>,
    /// candidate-side reasons a withdrawal is recorded with, as (id, label)
    pub withdraw_reasons: Vec<(String, String)>,
    pub profile: super::Profile,
    pub duplicates: Vec<super::DuplicateMatch>,
    pub interviews: Vec<super::Interview>,
    pub consent: super::ConsentOverview,
    pub mails: Vec<MailSummary>,
    pub provisions: Vec<super::Provision>,
    pub audit: Vec<AuditEntry>,
}

/// An application as the recruiter's candidate page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminApplication {
    pub id: String,
    pub job_title: String,
    pub stage: Stage,
    pub outcome: Option<Outcome>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub applied_at: i64,
    pub history: Vec<super::StageMove>,
}
