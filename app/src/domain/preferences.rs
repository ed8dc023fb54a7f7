use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// How, about what and how often a candidate wants to hear from the company.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPreferences {
    pub language: Lang,
    pub topics: Vec<String>,
    pub monthly_cap: Option<i64>,
    pub pause_until: Option<i64>,
    pub unsubscribed_at: Option<i64>,
}

/// A topic a candidate can choose: a department or a location the company hires in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub key: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferencesPage {
    pub preferences: ContactPreferences,
    pub topics: Vec<Topic>,
}

pub const MONTHLY_CAPS: &[i64] = &[1, 2, 4, 8];
