//! Segments: a typed rule tree over candidates (groups of all / any / none of their rules, nested, over
//! conditions on tags, source, stages, outcomes, consent, preferences, events, invitations and dates). The tree
//! is stored as JSON and compiled on the server into one parameterised query (`backend/segments/sql.rs`);
//! nothing the browser sends becomes SQL text. Forms post it as rows (`rows.rs`).
mod rows;

pub use rows::{RowInput, MAX_DEPTH, MAX_ROWS};

use super::types::text_enum;
use super::{FieldError, InvitationStatus, Outcome, SourceChannel, Stage};
use serde::{Deserialize, Serialize};

text_enum!(
    /// How a group combines its rules.
    Join { All = "all", Any = "any", NoneOf = "none" }
);

text_enum!(
    /// The consents a segment can ask about (selection is implied by applying).
    SegmentConsent { TalentPool = "talent_pool", JobNews = "job_news", AgencyReferral = "agency_referral" }
);

text_enum!(
    /// What a condition looks at; the `kind` of a condition row in the builder.
    Field {
        Tag = "tag", Source = "source", StageReached = "stage_reached", Outcome = "outcome",
        DeclineReason = "decline_reason", RejectedDaysAgo = "rejected_days_ago", ContactDaysAgo = "contact_days_ago",
        Consent = "consent", Topic = "topic", Location = "location", Skill = "skill", DesiredRole = "desired_role",
        Event = "event", Invitation = "invitation", AddedBetween = "added_between", Applied = "applied",
    }
);

/// A segment's rule: a group of rules or one condition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Group { join: Join, rules: Vec<Rule> },
    Condition(Condition),
}

/// One test of a candidate. Day counts are whole calendar days before the moment the segment is used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Condition {
    /// carries this tag (by name)
    Tag {
        tag: String,
    },
    Source {
        source: SourceChannel,
    },
    /// has an application that reached this stage or a later one
    StageReached {
        stage: Stage,
    },
    Outcome {
        outcome: Outcome,
    },
    /// was declined with this reason (its id)
    DeclineReason {
        reason: String,
    },
    /// was last rejected between `min` and `max` days ago (no `max`: any time `min` or more days ago); "not" of it:
    /// never rejected, or last rejected outside that window
    RejectedDaysAgo {
        min: u32,
        max: Option<u32>,
    },
    /// last contact (or, never contacted, being added) between `min` and `max` days ago
    ContactDaysAgo {
        min: u32,
        max: Option<u32>,
    },
    /// the latest answer for this purpose is (or is not) "granted"; for agency referral, an active referral
    Consent {
        purpose: SegmentConsent,
        granted: bool,
    },
    /// chose this topic in their contact preferences (`department:…` or `location:…`)
    Topic {
        topic: String,
    },
    /// location, skills or desired roles contain this text (case and width folded)
    Location {
        text: String,
    },
    Skill {
        text: String,
    },
    DesiredRole {
        text: String,
    },
    /// came to an event (this one, or any) — or registered and did not come to one that has started
    Event {
        event: Option<String>,
        attended: bool,
    },
    /// has an invitation in this state
    Invitation {
        status: InvitationStatus,
    },
    /// was added between these days (`YYYY-MM-DD`, both included; either may be open)
    AddedBetween {
        from: Option<String>,
        to: Option<String>,
    },
    /// has applied at least once
    Applied,
}

impl Condition {
    pub fn field(&self) -> Field {
        match self {
            Condition::Tag { .. } => Field::Tag,
            Condition::Source { .. } => Field::Source,
            Condition::StageReached { .. } => Field::StageReached,
            Condition::Outcome { .. } => Field::Outcome,
            Condition::DeclineReason { .. } => Field::DeclineReason,
            Condition::RejectedDaysAgo { .. } => Field::RejectedDaysAgo,
            Condition::ContactDaysAgo { .. } => Field::ContactDaysAgo,
            Condition::Consent { .. } => Field::Consent,
            Condition::Topic { .. } => Field::Topic,
            Condition::Location { .. } => Field::Location,
            Condition::Skill { .. } => Field::Skill,
            Condition::DesiredRole { .. } => Field::DesiredRole,
            Condition::Event { .. } => Field::Event,
            Condition::Invitation { .. } => Field::Invitation,
            Condition::AddedBetween { .. } => Field::AddedBetween,
            Condition::Applied => Field::Applied,
        }
    }
}

impl Rule {
    pub fn all(rules: Vec<Rule>) -> Self {
        Rule::Group { join: Join::All, rules }
    }

    pub fn any(rules: Vec<Rule>) -> Self {
        Rule::Group { join: Join::Any, rules }
    }

    pub fn none(rules: Vec<Rule>) -> Self {
        Rule::Group { join: Join::NoneOf, rules }
    }

    pub fn when(condition: Condition) -> Self {
        Rule::Condition(condition)
    }

    /// What a new segment starts with: everyone in the talent pool.
    pub fn starter() -> Self {
        Rule::all(vec![talent_pool()])
    }

    /// How many conditions the tree holds.
    pub fn conditions(&self) -> usize {
        match self {
            Rule::Group { rules, .. } => rules.iter().map(Rule::conditions).sum(),
            Rule::Condition(_) => 1,
        }
    }

    /// Stored JSON back to a rule, checked as a posted one is (a stored rule is never trusted blindly).
    pub fn from_json(json: &str) -> Option<Self> {
        let rule: Rule = serde_json::from_str(json).ok()?;
        let rows = RowInput::from_rule(&rule);
        RowInput::to_rule(&rows).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A segment's names and rows checked together: the names normalised (both given, at most 100 characters) and
/// the rule, or every error of both.
pub fn check_form(
    name_ja: &str,
    name_en: &str,
    rows: &[RowInput],
) -> Result<((String, String), Rule), Vec<FieldError>> {
    let (names, mut errors) = check_names(name_ja, name_en);
    match RowInput::to_rule(rows) {
        Ok(rule) if errors.is_empty() => Ok((names, rule)),
        Ok(_) => Err(errors),
        Err(rule_errors) => {
            errors.extend(rule_errors);
            Err(errors)
        }
    }
}

/// A segment's names, normalised, and the errors they have.
pub fn check_names(name_ja: &str, name_en: &str) -> ((String, String), Vec<FieldError>) {
    let mut errors = Vec::new();
    let names = (
        super::required_line("name_ja", name_ja, MAX_NAME_CHARS, &mut errors),
        super::required_line("name_en", name_en, MAX_NAME_CHARS, &mut errors),
    );
    (names, errors)
}

const MAX_NAME_CHARS: usize = 100;

/// The segments every installation starts with (editable like any other).
pub struct Preset {
    pub key: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub rule: fn() -> Rule,
}

fn talent_pool() -> Rule {
    Rule::when(Condition::Consent { purpose: SegmentConsent::TalentPool, granted: true })
}

pub const PRESETS: &[Preset] = &[
    Preset {
        key: "hire_now",
        name_ja: "すぐ採用可能",
        name_en: "Hire now",
        // in the talent pool, not rejected in the last six months, in touch in the last 90 days
        rule: || {
            Rule::all(vec![
                talent_pool(),
                Rule::none(vec![Rule::when(Condition::RejectedDaysAgo { min: 0, max: Some(182) })]),
                Rule::when(Condition::ContactDaysAgo { min: 0, max: Some(90) }),
            ])
        },
    },
    Preset {
        key: "revisit",
        name_ja: "半年後に再検討",
        name_en: "Revisit in 6 months",
        rule: || Rule::all(vec![talent_pool(), Rule::when(Condition::RejectedDaysAgo { min: 150, max: Some(210) })]),
    },
    Preset {
        key: "future_interest",
        name_ja: "将来の関心者",
        name_en: "Future interest",
        rule: || {
            Rule::all(vec![
                Rule::when(Condition::Consent { purpose: SegmentConsent::JobNews, granted: true }),
                Rule::none(vec![Rule::when(Condition::Applied)]),
            ])
        },
    },
];

/// A saved segment, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentSummary {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    pub preset: Option<String>,
    pub updated_at: i64,
}

/// One of the first members the builder shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentMember {
    pub id: String,
    pub name: String,
    pub email: String,
    pub created_at: i64,
}

/// What the builder page needs: the segment, its rows, and (when the rule is valid) who is in it right now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentPage {
    pub segment: SegmentSummary,
    pub rows: Vec<RowInput>,
    pub count: i64,
    pub members: Vec<SegmentMember>,
    pub tags: Vec<String>,
    pub reasons: Vec<(String, String)>,
    pub events: Vec<(String, String)>,
    pub topics: Vec<super::Topic>,
    pub can_edit: bool,
}

/// How many members the builder lists.
pub const MEMBERS_SHOWN: i64 = 20;
