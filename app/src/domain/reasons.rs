//! The managed lists of decline reasons.
use serde::{Deserialize, Serialize};

/// A reason in one of the managed decline lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclineReason {
    pub id: String,
    /// company-side (a rejection) or candidate-side (a withdrawal)
    pub company_side: bool,
    pub label_ja: String,
    pub label_en: String,
    pub active: bool,
    /// applications that carry it
    pub uses: i64,
}
