use serde::{Deserialize, Serialize};

/// One provision of the candidate's data to a third party (APPI Art. 29 record), as they may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    pub reference: String,
    pub agency_id: String,
    pub agency_name: String,
    pub agency_address: String,
    pub agency_representative: String,
    pub items: Vec<super::DataItem>,
    pub provided_at: i64,
    pub status: super::ReferralStatus,
    pub consent_given_at: i64,
    pub withdrawn_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: Option<String>,
    pub given_name_kana: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub skills: Vec<String>,
    /// what is held, in the candidate's words, and how much of it
    pub holdings: Vec<(crate::i18n::Msg, i64)>,
    pub provisions: Vec<Provision>,
}
