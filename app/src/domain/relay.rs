//! Career relay: partner agencies, referrals (third-party provisions under APPI Art. 27/29), the credit
//! ledger.
use super::types::{text_enum, Outcome, Stage};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

text_enum!(
    /// A data item an agency may receive, and a candidate may agree to provide.
    DataItem {
        Names = "names", Email = "email", Phone = "phone", Skills = "skills", DesiredRoles = "desired_roles",
        Resume = "resume", ApplicationSummary = "application_summary",
    }
);

impl DataItem {
    pub fn label(self) -> Msg {
        match self {
            Self::Names => Msg::ItemNames,
            Self::Email => Msg::ItemEmail,
            Self::Phone => Msg::ItemPhone,
            Self::Skills => Msg::ItemSkills,
            Self::DesiredRoles => Msg::ItemDesiredRoles,
            Self::Resume => Msg::ItemResume,
            Self::ApplicationSummary => Msg::ItemApplicationSummary,
        }
    }

    /// The items of a stored comma-separated list, in the canonical order, unknown ones dropped.
    pub fn parse_list(list: &str) -> Vec<DataItem> {
        let given: Vec<&str> = list.split(',').map(str::trim).collect();
        Self::ALL.iter().copied().filter(|item| given.contains(&item.as_str())).collect()
    }

    pub fn join(items: &[DataItem]) -> String {
        items.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(",")
    }
}

text_enum!(
    /// What the agency reports about a referral.
    ReferralStatus { Referred = "referred", Registered = "registered", Placed = "placed", Declined = "declined" }
);

impl ReferralStatus {
    pub fn label(self) -> Msg {
        match self {
            Self::Referred => Msg::ReferralReferred,
            Self::Registered => Msg::ReferralRegistered,
            Self::Placed => Msg::ReferralPlaced,
            Self::Declined => Msg::ReferralDeclined,
        }
    }
}

pub const MAX_AGENCY_FIELD_CHARS: usize = 200;
pub const DEFAULT_REFERRALS_PER_CREDIT: i64 = 10;

/// A partner agency: the details a recipient must be identifiable by, and what it may receive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub address: String,
    pub representative: String,
    pub contact_email: String,
    pub items: Vec<DataItem>,
    pub referrals_per_credit: i64,
    pub active: bool,
}

/// What an admin typed for an agency, before it is checked: the form's text fields (its ticked items and the
/// active box travel as fields of their own).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgencyInput {
    pub name: String,
    pub address: String,
    pub representative: String,
    pub contact_email: String,
    pub referrals_per_credit: String,
    #[serde(skip)]
    pub items: Vec<String>,
    #[serde(skip)]
    pub active: bool,
}

impl AgencyInput {
    /// What was typed, to show again when saving failed.
    pub fn typed(&self) -> [(&'static str, &str); 5] {
        [
            ("name", &self.name),
            ("address", &self.address),
            ("representative", &self.representative),
            ("contact_email", &self.contact_email),
            ("referrals_per_credit", &self.referrals_per_credit),
        ]
    }
}

/// An agency's sign-in account as the admin sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// invited but no password set yet
    pub pending: bool,
}

text_enum!(
    LedgerKind { Referral = "referral", Redemption = "redemption" }
);

/// One line of an agency's credit history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub at: i64,
    pub kind: LedgerKind,
    /// the referral's reference number, or the hire a credit was used for
    pub reference: String,
    pub note: String,
    /// whether a referral counts towards credits (a second referral of the same person does not)
    pub counted: bool,
}

/// An agency's credits: referrals ÷ N rounded down, less the credits used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerSummary {
    pub agency_id: String,
    pub agency_name: String,
    pub active: bool,
    pub referrals: i64,
    pub referrals_per_credit: i64,
    pub earned: i64,
    pub redeemed: i64,
    pub registered: i64,
    pub placed: i64,
}

impl LedgerSummary {
    pub fn balance(&self) -> i64 {
        self.earned - self.redeemed
    }

    /// Referrals still needed for the next credit.
    pub fn to_next(&self) -> i64 {
        let n = self.referrals_per_credit.max(1);
        n - self.referrals % n
    }
}

pub fn credits_earned(referrals: i64, per_credit: i64) -> i64 {
    if per_credit <= 0 {
        0
    } else {
        referrals.max(0) / per_credit
    }
}

/// The admin's page of one agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyPage {
    pub agency: Agency,
    pub users: Vec<AgencyUser>,
    pub ledger: LedgerSummary,
    pub history: Vec<LedgerEntry>,
}

/// The relay overview for recruiters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayOverview {
    pub company_url: String,
    pub rejection_mails: i64,
    /// candidates who were sent a rejection mail, and how many of them opted in to at least one agency
    pub rejected_candidates: i64,
    pub opted_in: i64,
    pub referrals_this_month: i64,
    pub credits_earned: i64,
    pub credits_left: i64,
    pub registered: i64,
    pub placed: i64,
    pub agencies: Vec<LedgerSummary>,
}

impl RelayOverview {
    /// Opt-in rate in whole percent.
    pub fn opt_in_percent(&self) -> i64 {
        if self.rejected_candidates == 0 {
            0
        } else {
            self.opted_in * 100 / self.rejected_candidates
        }
    }
}

/// One agency on the candidate's referral page, with the candidate's current answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayOffer {
    pub agency: Agency,
    /// when the candidate agreed to this agency, if they currently do
    pub agreed_at: Option<i64>,
}

/// What the referral page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayChoices {
    pub candidate_name: String,
    pub offers: Vec<RelayOffer>,
    pub policy_text: String,
    pub policy_version: i64,
    pub talent_pool: bool,
    pub job_news: bool,
}

/// How a referral link stands when it is opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelayLink {
    Open(RelayChoices),
    /// used, expired or never issued
    Problem(String),
    /// a different candidate is signed in in this browser
    OtherPerson,
}

/// A referral as the agency sees it: only the items the candidate agreed to, and nothing once withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyReferral {
    pub id: String,
    pub reference: String,
    pub provided_at: i64,
    pub status: ReferralStatus,
    pub withdrawn_at: Option<i64>,
    pub items: Vec<DataItem>,
    pub name: Option<String>,
    pub kana: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub skills: Option<Vec<String>>,
    pub desired_roles: Option<String>,
    pub resume_file: Option<String>,
    pub applications: Option<Vec<AppliedSummary>>,
}

/// One past application, as an agency may see it when the application summary was agreed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedSummary {
    pub job_title: String,
    pub stage: Stage,
    pub outcome: Option<Outcome>,
    pub applied_at: i64,
}

/// The reference an agency and the company can quote for a referral without naming the person: the random end
/// of the id (a UUIDv7 begins with the time, which referrals made together share).
pub fn referral_reference(id: &str) -> String {
    let chars: Vec<char> = id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let short: String = chars[chars.len().saturating_sub(10)..].iter().collect();
    format!("R-{}", short.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_round_down_per_agency_rate() {
        assert_eq!(credits_earned(9, 10), 0);
        assert_eq!(credits_earned(10, 10), 1);
        assert_eq!(credits_earned(11, 10), 1);
        assert_eq!(credits_earned(25, 5), 5);
        assert_eq!(credits_earned(3, 0), 0);
    }

    #[test]
    fn items_parse_in_canonical_order_and_drop_unknown_ones() {
        assert_eq!(DataItem::parse_list("resume, names,bogus"), vec![DataItem::Names, DataItem::Resume]);
        assert_eq!(DataItem::join(&[DataItem::Names, DataItem::Email]), "names,email");
    }

    #[test]
    fn references_hide_the_id_shape() {
        assert_eq!(referral_reference("01a215ae-b06a-748e-b1e4-196bd342c80f"), "R-6BD342C80F");
        assert_ne!(
            referral_reference("01a215ae-b06a-748e-b1e4-196bd342c80f"),
            referral_reference("01a215ae-b06a-748e-b1e4-2f0011223344")
        );
    }
}
