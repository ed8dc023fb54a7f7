use serde::{Deserialize, Serialize};

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value { $($text => Some($name::$variant),)* _ => None }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(
    /// A recruiter's role; agency users have their own kind of account.
    Role { Viewer = "viewer", Recruiter = "recruiter", Admin = "admin", Agency = "agency" }
);

impl Role {
    /// Whether this role may do what `needed` may do (viewer < recruiter < admin).
    pub fn includes(self, needed: Role) -> bool {
        fn rank(r: Role) -> u8 {
            match r {
                Role::Agency => 0,
                Role::Viewer => 1,
                Role::Recruiter => 2,
                Role::Admin => 3,
            }
        }
        if needed == Role::Agency || self == Role::Agency {
            return self == needed;
        }
        rank(self) >= rank(needed)
    }
}

text_enum!(
    Stage { Applied = "applied", Screening = "screening", Interview = "interview", Offer = "offer", Hired = "hired" }
);

text_enum!(
    Outcome { Rejected = "rejected", Withdrawn = "withdrawn" }
);

text_enum!(
    SourceChannel {
        Website = "website", JobBoard = "job_board", Referral = "referral", InfoSession = "info_session",
        Agency = "agency", Sourcing = "sourcing", Import = "import", Other = "other",
    }
);

text_enum!(
    ConsentPurpose { Selection = "selection", TalentPool = "talent_pool", JobNews = "job_news", AgencyReferral = "agency_referral" }
);

text_enum!(
    MailStatus { Queued = "queued", Sending = "sending", Sent = "sent", Failed = "failed", Cancelled = "cancelled" }
);

text_enum!(
    TokenPurpose {
        SignIn = "sign_in", Relay = "relay", Invitation = "invitation", Unsubscribe = "unsubscribe",
        PasswordSetup = "password_setup", SignUp = "sign_up",
    }
);

/// Who is signed in, as the pages need to know it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    Recruiter { id: String, email: String, display_name: String, role: Role },
    Candidate { id: String, email: String, display_name: String },
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest_and_agency_stands_apart() {
        assert!(Role::Admin.includes(Role::Recruiter));
        assert!(Role::Recruiter.includes(Role::Viewer));
        assert!(!Role::Viewer.includes(Role::Recruiter));
        assert!(!Role::Admin.includes(Role::Agency));
        assert!(!Role::Agency.includes(Role::Viewer));
    }

    #[test]
    fn text_enums_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(*s));
        }
        assert_eq!(SourceChannel::parse("nope"), None);
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardStats {
    pub candidates: i64,
    pub open_jobs: i64,
    pub applications: i64,
    pub mail_queued: i64,
}

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

/// A candidate as a recruiter finds them in a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateSummary {
    pub id: String,
    pub name: String,
    pub email: String,
    pub source_channel: String,
    pub created_at: i64,
}

/// An open job to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobOption {
    pub id: String,
    pub title: String,
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

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: String,
    pub at: i64,
    pub actor_kind: String,
    pub actor: Option<String>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<String>,
    pub detail: String,
    pub ip: Option<String>,
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
