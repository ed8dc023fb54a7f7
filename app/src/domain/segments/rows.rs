//! The builder's form: a rule tree posted as rows in pre-order, each with its depth (the root group is row 0 at
//! depth 0), a kind (`all` / `any` / `none` for a group, a [`Field`] for a condition) and up to two values whose
//! meaning depends on the kind. Rows are read back into a [`Rule`] with an error per row that cannot be used.
use super::{Condition, Field, Join, Rule, SegmentConsent};
use crate::domain::{normalize_text, FieldError, InvitationStatus, Outcome, SourceChannel, Stage};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// Groups nest at most this deep (the root is depth 0).
pub const MAX_DEPTH: usize = 4;
/// A rule has at most this many rows.
pub const MAX_ROWS: usize = 40;
/// The longest text a condition matches.
const MAX_TEXT: usize = 100;
/// The furthest back a day count reaches (about 30 years).
const MAX_DAYS: u32 = 11_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RowInput {
    pub depth: String,
    pub kind: String,
    pub a: String,
    pub b: String,
    /// the kind the page showed this row with: when `kind` differs, the values belonged to the old kind
    pub was: String,
}

impl RowInput {
    fn new(depth: usize, kind: &str, a: &str, b: &str) -> Self {
        Self { depth: depth.to_string(), kind: kind.into(), a: a.into(), b: b.into(), was: kind.into() }
    }

    /// The condition a new row starts with: one that needs no value.
    pub fn default_condition(depth: usize) -> Self {
        Self::new(depth, Field::Consent.as_str(), SegmentConsent::TalentPool.as_str(), "granted")
    }

    pub fn depth(&self) -> usize {
        self.depth.trim().parse().unwrap_or(usize::MAX)
    }

    pub fn join(&self) -> Option<Join> {
        Join::parse(self.kind.trim())
    }

    /// A rule as rows (a condition alone becomes the one rule of an "all" group).
    pub fn from_rule(rule: &Rule) -> Vec<RowInput> {
        let mut rows = Vec::new();
        match rule {
            Rule::Group { .. } => push_rows(rule, 0, &mut rows),
            Rule::Condition(_) => push_rows(&Rule::all(vec![rule.clone()]), 0, &mut rows),
        }
        rows
    }

    /// Rows back to a rule, or an error for each row that cannot be used (field `rows[i]`).
    pub fn to_rule(rows: &[RowInput]) -> Result<Rule, Vec<FieldError>> {
        if rows.len() > MAX_ROWS {
            return Err(vec![FieldError::new("rows", Msg::ErrSegmentTooLarge)]);
        }
        let mut errors = Vec::new();
        let root = match rows.first() {
            Some(row) if row.depth() == 0 && row.join().is_some() => row,
            _ => return Err(vec![FieldError::new("rows[0]", Msg::ErrInvalid)]),
        };
        let mut next = 1;
        let rule = read_group(rows, root, 0, &mut next, &mut errors);
        if next < rows.len() {
            errors.push(FieldError::new(&format!("rows[{next}]"), Msg::ErrInvalid));
        }
        if errors.is_empty() {
            Ok(rule)
        } else {
            Err(errors)
        }
    }

    /// Changes the rows as a builder button asks: `add:i` (a condition at the end of group `i`), `group:i` (a
    /// group with one condition there), `remove:i` (row `i` and everything inside it; never the root).
    /// Anything else leaves them as they are.
    pub fn apply(mut rows: Vec<RowInput>, action: &str) -> Vec<RowInput> {
        for row in rows.iter_mut().filter(|r| r.kind != r.was) {
            // a row whose kind was changed starts from that kind's defaults
            let depth = row.depth();
            *row = match Field::parse(row.kind.trim()) {
                Some(Field::Consent) => RowInput::default_condition(depth),
                Some(Field::Event) => RowInput::new(depth, Field::Event.as_str(), "", "attended"),
                _ if row.was.is_empty() => RowInput { was: row.kind.clone(), ..row.clone() },
                _ => RowInput::new(depth, &row.kind, "", ""),
            };
            row.depth = depth.to_string();
        }
        let Some((verb, index)) = action.split_once(':') else { return rows };
        let Ok(i) = index.parse::<usize>() else { return rows };
        let Some(row) = rows.get(i) else { return rows };
        let depth = row.depth();
        if depth > MAX_DEPTH {
            return rows;
        }
        let end = (i + 1..rows.len()).find(|&j| rows[j].depth() <= depth).unwrap_or(rows.len());
        match verb {
            "add" if row.join().is_some() && rows.len() < MAX_ROWS => {
                rows.insert(end, RowInput::default_condition(depth + 1));
            }
            "group" if row.join().is_some() && depth + 1 < MAX_DEPTH && rows.len() + 1 < MAX_ROWS => {
                rows.insert(end, RowInput::new(depth + 1, Join::All.as_str(), "", ""));
                rows.insert(end + 1, RowInput::default_condition(depth + 2));
            }
            "remove" if i > 0 => {
                rows.drain(i..end);
            }
            _ => {}
        }
        rows
    }
}

fn push_rows(rule: &Rule, depth: usize, rows: &mut Vec<RowInput>) {
    match rule {
        Rule::Group { join, rules } => {
            rows.push(RowInput::new(depth, join.as_str(), "", ""));
            for inner in rules {
                push_rows(inner, depth + 1, rows);
            }
        }
        Rule::Condition(condition) => {
            let (a, b) = values_of(condition);
            rows.push(RowInput::new(depth, condition.field().as_str(), &a, &b));
        }
    }
}

/// Reads the rules of the group at `depth` from `rows[*next..]`, up to the first row that is not deeper.
fn read_group(
    rows: &[RowInput],
    head: &RowInput,
    depth: usize,
    next: &mut usize,
    errors: &mut Vec<FieldError>,
) -> Rule {
    let head_index = *next - 1;
    let (mut rules, mut seen) = (Vec::new(), 0);
    while let Some(row) = rows.get(*next) {
        if row.depth() != depth + 1 {
            break;
        }
        seen += 1;
        let index = *next;
        *next += 1;
        let field = format!("rows[{index}]");
        if row.join().is_some() {
            if depth + 1 >= MAX_DEPTH {
                errors.push(FieldError::new(&field, Msg::ErrSegmentTooDeep));
            }
            rules.push(read_group(rows, row, depth + 1, next, errors));
        } else {
            match parse_condition(row) {
                Ok(condition) => rules.push(Rule::Condition(condition)),
                Err(message) => errors.push(FieldError::new(&field, message)),
            }
        }
    }
    if seen == 0 {
        errors.push(FieldError::new(&format!("rows[{head_index}]"), Msg::ErrSegmentEmptyGroup));
    }
    Rule::Group { join: head.join().unwrap_or(Join::All), rules }
}

fn text(value: &str) -> Result<String, Msg> {
    let value = normalize_text(value).to_lowercase();
    match value.chars().count() {
        0 => Err(Msg::ErrRequired),
        n if n > MAX_TEXT => Err(Msg::ErrTooLong),
        _ => Ok(value),
    }
}

fn days(value: &str) -> Result<u32, Msg> {
    match normalize_text(value).parse::<u32>() {
        Ok(n) if n <= MAX_DAYS => Ok(n),
        _ => Err(Msg::ErrSegmentDays),
    }
}

fn day_range(a: &str, b: &str) -> Result<(u32, Option<u32>), Msg> {
    let min = if a.trim().is_empty() { 0 } else { days(a)? };
    let max = if b.trim().is_empty() { None } else { Some(days(b)?) };
    match max {
        Some(max) if max < min => Err(Msg::ErrSegmentDays),
        _ => Ok((min, max)),
    }
}

fn date(value: &str) -> Result<Option<String>, Msg> {
    let value = normalize_text(value);
    if value.is_empty() {
        return Ok(None);
    }
    let start = crate::domain::parse_date(&value).ok_or(Msg::ErrSegmentDate)?;
    Ok(Some(crate::domain::format_date(start)))
}

fn parse_condition(row: &RowInput) -> Result<Condition, Msg> {
    let field = Field::parse(row.kind.trim()).ok_or(Msg::ErrInvalid)?;
    let (a, b) = (row.a.trim(), row.b.trim());
    let id = |v: &str| if v.is_empty() { Err(Msg::ErrRequired) } else { text(v).map(|_| v.to_owned()) };
    Ok(match field {
        Field::Tag => Condition::Tag { tag: normalize_text(&id(a)?) },
        Field::Source => Condition::Source { source: SourceChannel::parse(a).ok_or(Msg::ErrInvalid)? },
        Field::StageReached => Condition::StageReached { stage: Stage::parse(a).ok_or(Msg::ErrInvalid)? },
        Field::Outcome => Condition::Outcome { outcome: Outcome::parse(a).ok_or(Msg::ErrInvalid)? },
        Field::DeclineReason => Condition::DeclineReason { reason: id(a)? },
        Field::RejectedDaysAgo => {
            let (min, max) = day_range(a, b)?;
            Condition::RejectedDaysAgo { min, max }
        }
        Field::ContactDaysAgo => {
            let (min, max) = day_range(a, b)?;
            Condition::ContactDaysAgo { min, max }
        }
        Field::Consent => Condition::Consent {
            purpose: SegmentConsent::parse(a).ok_or(Msg::ErrInvalid)?,
            granted: match b {
                "granted" => true,
                "not_granted" => false,
                _ => return Err(Msg::ErrInvalid),
            },
        },
        Field::Topic => Condition::Topic { topic: id(a)? },
        Field::Location => Condition::Location { text: text(a)? },
        Field::Skill => Condition::Skill { text: text(a)? },
        Field::DesiredRole => Condition::DesiredRole { text: text(a)? },
        Field::Event => Condition::Event {
            event: (!a.is_empty()).then(|| id(a)).transpose()?,
            attended: match b {
                "attended" | "" => true,
                "no_show" => false,
                _ => return Err(Msg::ErrInvalid),
            },
        },
        Field::Invitation => Condition::Invitation { status: InvitationStatus::parse(a).ok_or(Msg::ErrInvalid)? },
        Field::AddedBetween => {
            let (from, to) = (date(a)?, date(b)?);
            match (&from, &to) {
                (None, None) => return Err(Msg::ErrRequired),
                (Some(f), Some(t)) if crate::domain::parse_date(f) > crate::domain::parse_date(t) => {
                    return Err(Msg::ErrSegmentDate)
                }
                _ => {}
            }
            Condition::AddedBetween { from, to }
        }
        Field::Applied => Condition::Applied,
    })
}

/// A condition's two row values.
fn values_of(condition: &Condition) -> (String, String) {
    let max = |m: &Option<u32>| m.map(|m| m.to_string()).unwrap_or_default();
    match condition {
        Condition::Tag { tag } => (tag.clone(), String::new()),
        Condition::Source { source } => (source.as_str().into(), String::new()),
        Condition::StageReached { stage } => (stage.as_str().into(), String::new()),
        Condition::Outcome { outcome } => (outcome.as_str().into(), String::new()),
        Condition::DeclineReason { reason } => (reason.clone(), String::new()),
        Condition::RejectedDaysAgo { min, max: m } | Condition::ContactDaysAgo { min, max: m } => {
            (min.to_string(), max(m))
        }
        Condition::Consent { purpose, granted } => {
            (purpose.as_str().into(), if *granted { "granted" } else { "not_granted" }.into())
        }
        Condition::Topic { topic } => (topic.clone(), String::new()),
        Condition::Location { text } | Condition::Skill { text } | Condition::DesiredRole { text } => {
            (text.clone(), String::new())
        }
        Condition::Event { event, attended } => {
            (event.clone().unwrap_or_default(), if *attended { "attended" } else { "no_show" }.into())
        }
        Condition::Invitation { status } => (status.as_str().into(), String::new()),
        Condition::AddedBetween { from, to } => (from.clone().unwrap_or_default(), to.clone().unwrap_or_default()),
        Condition::Applied => (String::new(), String::new()),
    }
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
