//! Automations: a trigger, an optional condition (a segment) and an action, each a row an admin switches on and
//! off, with a history of what each run did. When each one acts is decided here, with an injected clock.
use super::types::text_enum;
use super::FieldError;
use crate::i18n::Msg;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

text_enum!(
    AutomationKind {
        JobOpened = "job_opened", RejectionRevisit = "rejection_revisit", EventAttended = "event_attended",
        EventNoShow = "event_no_show", InterviewReminder = "interview_reminder", ResultMail = "result_mail",
    }
);

impl AutomationKind {
    /// Whether its passes wait for the end of the quiet hours: those that send optional mail when they run
    /// (invitations, event follow-ups at 09:00 — inside quiet hours set to end later). The interview reminder and
    /// the result mail are selection mail.
    pub fn waits_out_quiet_hours(self) -> bool {
        matches!(self, Self::JobOpened | Self::RejectionRevisit | Self::EventAttended | Self::EventNoShow)
    }

    pub fn label(self) -> Msg {
        match self {
            Self::JobOpened => Msg::AutoJobOpened,
            Self::RejectionRevisit => Msg::AutoRejectionRevisit,
            Self::EventAttended => Msg::AutoEventAttended,
            Self::EventNoShow => Msg::AutoEventNoShow,
            Self::InterviewReminder => Msg::AutoInterviewReminder,
            Self::ResultMail => Msg::AutoResultMail,
        }
    }

    /// What it does, in a sentence: trigger → condition → action.
    pub fn explain(self) -> Msg {
        match self {
            Self::JobOpened => Msg::AutoJobOpenedExplain,
            Self::RejectionRevisit => Msg::AutoRejectionRevisitExplain,
            Self::EventAttended => Msg::AutoEventAttendedExplain,
            Self::EventNoShow => Msg::AutoEventNoShowExplain,
            Self::InterviewReminder => Msg::AutoInterviewReminderExplain,
            Self::ResultMail => Msg::AutoResultMailExplain,
        }
    }

    /// Whether a segment narrows who it acts for.
    pub fn has_condition(self) -> bool {
        !matches!(self, Self::InterviewReminder | Self::ResultMail)
    }

    /// Whether a person it finds no job for can join a sequence instead (six months after rejection).
    pub fn has_sequence(self) -> bool {
        self == Self::RejectionRevisit
    }

    /// Whether it waits a number of hours (the result mail).
    pub fn has_delay(self) -> bool {
        self == Self::ResultMail
    }
}

/// An automation as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Automation {
    pub kind: AutomationKind,
    pub enabled: bool,
    pub segment_id: Option<String>,
    pub delay_hours: i64,
    /// the sequence for people no open job matches (six months after rejection)
    pub campaign_id: Option<String>,
    pub updated_at: i64,
}

/// One thing a run did for one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutomationRun {
    pub at: i64,
    pub candidate_id: Option<String>,
    pub candidate_name: String,
    pub outcome: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutomationsPage {
    pub automations: Vec<(Automation, Vec<AutomationRun>)>,
    pub segments: Vec<super::segments::SegmentSummary>,
    /// sequences a person may join: (id, name)
    pub sequences: Vec<(String, String)>,
    pub can_edit: bool,
}

pub const MAX_DELAY_HOURS: i64 = 24 * 30;
pub const RUNS_SHOWN: i64 = 20;

/// An automation's settings, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutomationSettings {
    pub kind: AutomationKind,
    pub segment_id: Option<String>,
    pub delay_hours: i64,
    pub campaign_id: Option<String>,
}

/// An automation's settings as posted (text only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AutomationForm {
    pub kind: String,
    pub segment_id: String,
    pub delay_hours: String,
    pub campaign_id: String,
}

impl AutomationForm {
    /// The settings, or an error per field.
    pub fn check(&self) -> Result<AutomationSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = AutomationKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(FieldError::new("kind", Msg::ErrRequired));
        }
        let delay = match super::normalize_text(&self.delay_hours) {
            text if text.is_empty() => 0,
            text => match text.parse::<i64>() {
                Ok(hours) if (0..=MAX_DELAY_HOURS).contains(&hours) => hours,
                _ => {
                    errors.push(FieldError::new("delay_hours", Msg::ErrDelayHours));
                    0
                }
            },
        };
        match kind {
            Some(kind) if errors.is_empty() => {
                let segment = Some(self.segment_id.trim().to_owned()).filter(|s| !s.is_empty() && kind.has_condition());
                let campaign =
                    Some(self.campaign_id.trim().to_owned()).filter(|c| !c.is_empty() && kind.has_sequence());
                Ok(AutomationSettings { kind, segment_id: segment, delay_hours: delay, campaign_id: campaign })
            }
            _ => Err(errors),
        }
    }
}

/// The follow-up of an event goes the next morning at nine in the zone.
pub fn next_morning(at: i64, zone: &TimeZone) -> i64 {
    let morning = Timestamp::from_millisecond(at).ok().and_then(|t| {
        let day = t.to_zoned(zone.clone()).date().checked_add(Span::new().days(1)).ok()?;
        day.to_datetime(jiff::civil::Time::new(9, 0, 0, 0).ok()?).to_zoned(zone.clone()).ok()
    });
    morning.map_or(at, |m| m.timestamp().as_millisecond())
}

/// Whether a job (title in both languages, department) matches what a person wants or can do: any of the job's
/// words of two characters or more found in their desired roles or skills, case and width folded.
pub fn job_matches(job: &[&str], desired_roles: &str, skills: &str) -> bool {
    let wanted = super::normalize_text(&format!("{desired_roles} {skills}")).to_lowercase();
    job.iter()
        .flat_map(|text| {
            super::normalize_text(text)
                .to_lowercase()
                .split([' ', '/', '・', '、', ','])
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|word| word.chars().count() >= 2)
        .any(|word| wanted.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn the_next_morning_is_nine_oclock_the_day_after_in_the_zone() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        // an event at 19:00 Tokyo on 1 December: the follow-up at 09:00 on the 2nd (00:00 UTC)
        assert_eq!(next_morning(at("2026-12-01T10:00:00Z"), &tokyo), at("2026-12-02T00:00:00Z"));
        // an event at 00:30 Tokyo on the 2nd (still the 1st in UTC): the morning after the 2nd
        assert_eq!(next_morning(at("2026-12-01T15:30:00Z"), &tokyo), at("2026-12-03T00:00:00Z"));
    }

    #[test]
    fn a_job_matches_on_any_word_of_its_title_or_department() {
        let job = ["バックエンドエンジニア", "Backend engineer", "Engineering"];
        assert!(job_matches(&job, "Backend", ""));
        assert!(job_matches(&job, "", "ＢＡＣＫＥＮＤ, Rust"), "width and case folded");
        assert!(job_matches(&job, "バックエンドエンジニア", ""));
        assert!(!job_matches(&job, "Designer", "Figma"));
        assert!(!job_matches(&["A", "B", ""], "a b", ""), "one-letter words match nothing");
    }

    #[test]
    fn the_form_is_checked_per_field() {
        let form = |kind: &str, delay: &str| AutomationForm {
            kind: kind.into(),
            segment_id: "s".into(),
            delay_hours: delay.into(),
            campaign_id: "k".into(),
        };
        let settings = |kind, segment: Option<&str>, delay, campaign: Option<&str>| AutomationSettings {
            kind,
            segment_id: segment.map(Into::into),
            delay_hours: delay,
            campaign_id: campaign.map(Into::into),
        };
        assert_eq!(form("job_opened", "").check().unwrap(), settings(AutomationKind::JobOpened, Some("s"), 0, None));
        assert_eq!(form("result_mail", "24").check().unwrap(), settings(AutomationKind::ResultMail, None, 24, None));
        assert_eq!(
            form("rejection_revisit", "").check().unwrap(),
            settings(AutomationKind::RejectionRevisit, Some("s"), 0, Some("k")),
            "only this one joins a sequence"
        );
        let errors = form("nope", "-1").check().unwrap_err();
        assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["kind", "delay_hours"]);
        assert!(form("result_mail", "721").check().is_err());
    }
}
