//! Campaigns: mail to the people of a segment, once (a one-off) or in steps with delays (a sequence). The forms
//! and their checks, what a step may say, and the reports; whether one person gets one step now is `send`.
pub mod send;

use super::types::text_enum;
use super::{required_line, template_fields, ConsentPurpose, FieldError};
use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

pub use send::{decide, step_due, Decision, QuietHours, SendFacts};

text_enum!(CampaignKind { OneOff = "one_off", Sequence = "sequence" });
text_enum!(CampaignStatus { Draft = "draft", Scheduled = "scheduled", Running = "running", Done = "done", Cancelled = "cancelled" });
text_enum!(DelayUnit { Days = "days", Months = "months" });
text_enum!(StepAnchor { Previous = "previous", Rejection = "rejection" });
text_enum!(
    /// Why a step was not sent to someone. Every reason but the monthly cap and a missing rejection also ends the
    /// person's sequence.
    SkipReason {
        Erased = "erased", Applied = "applied", NoConsent = "no_consent", Unsubscribed = "unsubscribed",
        Paused = "paused", LeftSegment = "left_segment", Cap = "cap", NoRejection = "no_rejection",
        Cancelled = "cancelled",
    }
);

impl SkipReason {
    /// Whether the person leaves the sequence (the cap, or a step counted from a rejection they never had, only
    /// skips this step).
    pub fn exits(self) -> bool {
        !matches!(self, Self::Cap | Self::NoRejection)
    }

    pub fn label(self) -> Msg {
        match self {
            Self::Erased => Msg::SkipErased,
            Self::Applied => Msg::SkipApplied,
            Self::NoConsent => Msg::SkipNoConsent,
            Self::Unsubscribed => Msg::SkipUnsubscribed,
            Self::Paused => Msg::SkipPaused,
            Self::LeftSegment => Msg::SkipLeftSegment,
            Self::Cap => Msg::SkipCap,
            Self::NoRejection => Msg::SkipNoRejection,
            Self::Cancelled => Msg::SkipCancelled,
        }
    }
}

impl CampaignStatus {
    pub fn label(self) -> Msg {
        match self {
            Self::Draft => Msg::CampaignDraft,
            Self::Scheduled => Msg::CampaignScheduled,
            Self::Running => Msg::CampaignRunning,
            Self::Done => Msg::CampaignDone,
            Self::Cancelled => Msg::CampaignCancelled,
        }
    }
}

/// The purposes a campaign may mail for: news of jobs, or keeping in touch with the talent pool.
pub const CAMPAIGN_PURPOSES: &[ConsentPurpose] = &[ConsentPurpose::JobNews, ConsentPurpose::TalentPool];

/// The merge fields a campaign step may use; the links go through the click redirect.
pub const CAMPAIGN_FIELDS: &[&str] = &["name", "portal_link", "preferences_link"];

/// Where a campaign link may lead (a closed set: the redirect is never open): (merge field, target, path).
pub const LINK_TARGETS: &[(&str, &str, &str)] =
    &[("portal_link", "portal", "/portal"), ("preferences_link", "preferences", "/portal/preferences")];

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_STEPS: usize = 10;
pub const MAX_DELAY_DAYS: i64 = 3_650;
pub const MAX_DELAY_MONTHS: i64 = 120;

/// The new-campaign form as posted (text only: see ARCHITECTURE.md).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignForm {
    pub name: String,
    pub kind: String,
    pub segment_id: String,
    pub purpose: String,
    /// "1" when a person who stops matching the segment leaves the sequence
    pub exit_on_unmatch: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignSettings {
    pub name: String,
    pub kind: CampaignKind,
    pub segment_id: String,
    pub purpose: ConsentPurpose,
    pub exit_on_unmatch: bool,
}

impl CampaignForm {
    pub fn check(&self) -> Result<CampaignSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_line("name", &self.name, MAX_NAME_CHARS, &mut errors);
        let kind = CampaignKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(FieldError::new("kind", Msg::ErrRequired));
        }
        let purpose = ConsentPurpose::parse(&self.purpose).filter(|p| CAMPAIGN_PURPOSES.contains(p));
        if purpose.is_none() {
            errors.push(FieldError::new("purpose", Msg::ErrRequired));
        }
        if self.segment_id.trim().is_empty() {
            errors.push(FieldError::new("segment_id", Msg::ErrRequired));
        }
        match (kind, purpose) {
            (Some(kind), Some(purpose)) if errors.is_empty() => Ok(CampaignSettings {
                name,
                kind,
                segment_id: self.segment_id.trim().to_owned(),
                purpose,
                exit_on_unmatch: matches!(self.exit_on_unmatch.as_str(), "1" | "on" | "true"),
            }),
            _ => Err(errors),
        }
    }
}

/// A step's form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepForm {
    pub delay: String,
    pub unit: String,
    pub anchor: String,
    pub subject_ja: String,
    pub body_ja: String,
    pub subject_en: String,
    pub body_en: String,
}

/// A step of a campaign (a one-off has one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub position: i64,
    pub delay: i64,
    pub unit: DelayUnit,
    pub anchor: StepAnchor,
    pub subject_ja: String,
    pub body_ja: String,
    pub subject_en: String,
    pub body_en: String,
}

impl Step {
    /// The wording a new step starts with.
    pub fn starter(position: i64) -> Self {
        Self {
            position,
            delay: if position == 0 { 0 } else { 30 },
            unit: DelayUnit::Days,
            anchor: StepAnchor::Previous,
            subject_ja: "{{name}}様へ、新しいお知らせ".into(),
            body_ja: "{{name}}様\n\nその後いかがお過ごしでしょうか。新しい求人や近況をポータルでご覧いただけます。\n{{portal_link}}\n\nお知らせの受け取り方はこちらで変えられます。\n{{preferences_link}}".into(),
            subject_en: "News for you, {{name}}".into(),
            body_en: "Dear {{name}},\n\nWe hope you are well. New openings and news are waiting in your portal.\n{{portal_link}}\n\nChoose what you hear from us here.\n{{preferences_link}}".into(),
        }
    }

    pub fn subject(&self, lang: Lang) -> &str {
        if lang == Lang::En {
            &self.subject_en
        } else {
            &self.subject_ja
        }
    }

    pub fn body(&self, lang: Lang) -> &str {
        if lang == Lang::En {
            &self.body_en
        } else {
            &self.body_ja
        }
    }
}

impl StepForm {
    /// The step, or an error per field: an empty or overlong text, a merge field a campaign does not have, a
    /// delay that is not a whole number in range.
    pub fn check(&self, position: i64) -> Result<Step, Vec<FieldError>> {
        let mut errors = Vec::new();
        let unit = DelayUnit::parse(&self.unit).unwrap_or(DelayUnit::Days);
        let anchor = StepAnchor::parse(&self.anchor).unwrap_or(StepAnchor::Previous);
        let max = if unit == DelayUnit::Months { MAX_DELAY_MONTHS } else { MAX_DELAY_DAYS };
        let delay = match super::normalize_text(&self.delay).parse::<i64>() {
            Ok(d) if (0..=max).contains(&d) => d,
            _ => {
                errors.push(FieldError::new("delay", Msg::ErrDelay));
                0
            }
        };
        let mut text = |field: &str, value: &str, max: usize, one_line: bool| {
            let value = if one_line {
                value.split(['\r', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
            } else {
                value.replace("\r\n", "\n").trim().to_owned()
            };
            if value.is_empty() {
                errors.push(FieldError::new(field, Msg::ErrRequired));
            } else if value.chars().count() > max {
                errors.push(FieldError::new(field, Msg::ErrTooLong));
            } else if template_fields(&value, CAMPAIGN_FIELDS).is_err() {
                errors.push(FieldError::new(field, Msg::ErrUnknownMergeField));
            }
            value
        };
        let subject_ja = text("subject_ja", &self.subject_ja, super::MAX_TEMPLATE_SUBJECT_CHARS, true);
        let body_ja = text("body_ja", &self.body_ja, super::MAX_TEMPLATE_BODY_CHARS, false);
        let subject_en = text("subject_en", &self.subject_en, super::MAX_TEMPLATE_SUBJECT_CHARS, true);
        let body_en = text("body_en", &self.body_en, super::MAX_TEMPLATE_BODY_CHARS, false);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Step { position, delay, unit, anchor, subject_ja, body_ja, subject_en, body_en })
    }
}

/// A campaign as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: String,
    pub name: String,
    pub kind: CampaignKind,
    pub status: CampaignStatus,
    pub segment_id: String,
    pub segment_name: (String, String),
    pub purpose: ConsentPurpose,
    pub exit_on_unmatch: bool,
    pub starts_at: Option<i64>,
    pub sent: i64,
    pub created_at: i64,
}

/// What one step did: everyone it reached, those skipped by reason, sent, failed, and what followed a sent mail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepReport {
    pub position: i64,
    pub eligible: i64,
    pub skipped: Vec<(SkipReason, i64)>,
    pub sent: i64,
    pub failed: i64,
    pub clicked: i64,
    pub unsubscribed: i64,
    /// people who applied (or re-applied) within 30 days of this mail
    pub applied: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignReport {
    pub enrolled: i64,
    pub waiting: i64,
    pub steps: Vec<StepReport>,
    /// distinct people who applied within 30 days of any of the campaign's mails
    pub applied: i64,
}

/// A step filled in for a person: (position, subject, text).
pub type FilledStep = (i64, String, String);
/// Whose data a preview shows (their name), and every step filled in with it.
pub type Preview = (String, Vec<FilledStep>);

/// The campaign page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignPage {
    pub campaign: CampaignSummary,
    pub steps: Vec<Step>,
    pub segments: Vec<super::segments::SegmentSummary>,
    pub report: CampaignReport,
    pub can_edit: bool,
    /// before scheduling: (people in the segment now, of them those who may be mailed now)
    pub audience: Option<(i64, i64)>,
    /// a step filled in for a real candidate: (position, subject, text), and whose (name) it is
    pub preview: Option<Preview>,
    pub preview_not_found: bool,
}

#[cfg(test)]
mod tests;
