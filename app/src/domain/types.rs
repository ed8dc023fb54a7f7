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
