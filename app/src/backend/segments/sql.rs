//! A segment's rule compiled to one SQL condition over `candidates c`, the same text on both engines: the
//! fragments are the server's own, every value is a placeholder. Day counts become instants at the moment of
//! use (`now`), so a count is never stale.
use crate::backend::core::facts;
use crate::backend::core::query::{contains_pattern, Params};
use crate::domain::segments::{Condition, Join, Rule, SegmentConsent};
use crate::domain::{days_before, parse_date, parse_date_end, ConsentPurpose, Stage};

/// The WHERE condition for a rule (active candidates only), with its values, for the engine that will run it.
pub fn condition(rule: &Rule, now: i64) -> (String, Params) {
    let mut params = Params::default();
    let sql = format!("c.status = 'active' AND {}", rule_sql(rule, now, false, &mut params));
    (sql, params)
}

/// `in_or`: the rule is one of the alternatives of an OR (an "any of" or "none of" group, at any depth).
fn rule_sql(rule: &Rule, now: i64, in_or: bool, params: &mut Params) -> String {
    match rule {
        Rule::Group { join, rules } => {
            let in_or = in_or || *join != Join::All;
            let parts: Vec<String> = rules.iter().map(|r| rule_sql(r, now, in_or, params)).collect();
            if parts.is_empty() {
                // an empty group is refused before it is stored; should one arrive, it matches no one
                return "1 = 0".to_owned();
            }
            match join {
                Join::All => format!("({})", parts.join(" AND ")),
                Join::Any => format!("({})", parts.join(" OR ")),
                Join::NoneOf => format!("NOT ({})", parts.join(" OR ")),
            }
        }
        Rule::Condition(condition) => condition_sql(condition, now, in_or, params),
    }
}

fn application_exists(inner: &str) -> String {
    format!("EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND {inner})")
}

/// `column` lies between `min` and `max` days before `now` (no `max`: any time before `min` days ago).
fn days_ago(column: &str, min: u32, max: Option<u32>, now: i64, params: &mut Params) -> String {
    let newest = params.int(days_before(now, min));
    match max {
        Some(max) => {
            let oldest = params.int(days_before(now, max));
            format!("{column} <= {newest} AND {column} >= {oldest}")
        }
        None => format!("{column} <= {newest}"),
    }
}

fn condition_sql(condition: &Condition, now: i64, in_or: bool, params: &mut Params) -> String {
    match condition {
        Condition::Tag { tag } => format!(
            "EXISTS (SELECT 1 FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id \
             WHERE ct.candidate_id = c.id AND t.name = {})",
            params.text(tag.as_str())
        ),
        Condition::Source { source } => format!("c.source_channel = {}", params.text(source.as_str())),
        Condition::StageReached { stage } => {
            let rank = Stage::ALL.iter().position(|s| s == stage).unwrap_or_default();
            // never applied: no rank, and NOT (…) of it must still hold for them
            format!("COALESCE(c.stage_rank, -1) >= {}", params.int(rank as i64))
        }
        Condition::Outcome { outcome } => application_exists(&format!("a.outcome = {}", params.text(outcome.as_str()))),
        Condition::DeclineReason { reason } => {
            application_exists(&format!("a.decline_reason_id = {}", params.text(reason.as_str())))
        }
        // the newest rejection (kept on the person's row, `core::facts`); IS NOT NULL keeps NOT (…) true for
        // people never rejected
        Condition::RejectedDaysAgo { min, max } => {
            format!("(c.last_rejected_at IS NOT NULL AND {})", days_ago("c.last_rejected_at", *min, *max, now, params))
        }
        Condition::ContactDaysAgo { min, max } => {
            format!("({})", days_ago("COALESCE(c.last_contact_at, c.created_at)", *min, *max, now, params))
        }
        Condition::Consent { purpose, granted } => {
            let test = match purpose {
                SegmentConsent::TalentPool => facts::granted(ConsentPurpose::TalentPool),
                SegmentConsent::JobNews => facts::granted(ConsentPurpose::JobNews),
                SegmentConsent::AgencyReferral => {
                    "EXISTS (SELECT 1 FROM referrals rf WHERE rf.candidate_id = c.id AND rf.withdrawn_at IS NULL)"
                }
            };
            // a consent that is one alternative of an OR reads the column, not its index (`+`, on both engines):
            // else SQLite unites the index ranges of each alternative and looks every one of those people up,
            // three times slower than reading the table (`kizuna bench segments` prints the plan)
            let test =
                if in_or && *purpose != SegmentConsent::AgencyReferral { format!("+{test}") } else { test.to_owned() };
            if *granted {
                test
            } else {
                format!("NOT ({test})")
            }
        }
        Condition::Topic { topic } => {
            let newline = params.text("\n");
            let pattern = params.text(contains_pattern(&format!("\n{topic}\n")));
            format!(
                "EXISTS (SELECT 1 FROM contact_preferences cp WHERE cp.candidate_id = c.id \
                 AND ({newline} || cp.topics || {newline}) LIKE {pattern} ESCAPE '\\')"
            )
        }
        Condition::Location { text } => contains("COALESCE(c.location, '')", text, params),
        Condition::Skill { text } => contains("c.skills", text, params),
        Condition::DesiredRole { text } => contains("c.desired_roles", text, params),
        Condition::Event { event, attended } => {
            let which = match event {
                Some(id) => format!(" AND ea.event_id = {}", params.text(id.as_str())),
                None => String::new(),
            };
            let came = if *attended {
                "ea.attended_at IS NOT NULL".to_owned()
            } else {
                format!("ea.attended_at IS NULL AND ev.starts_at < {}", params.int(now))
            };
            format!(
                "EXISTS (SELECT 1 FROM event_attendees ea JOIN events ev ON ev.id = ea.event_id \
                 WHERE ea.candidate_id = c.id{which} AND {came})"
            )
        }
        Condition::Invitation { status } => format!(
            "EXISTS (SELECT 1 FROM invitations i WHERE i.candidate_id = c.id AND i.status = {})",
            params.text(status.as_str())
        ),
        Condition::AddedBetween { from, to } => {
            let mut parts = Vec::new();
            if let Some(from) = from.as_deref().and_then(parse_date) {
                parts.push(format!("c.created_at >= {}", params.int(from)));
            }
            if let Some(to) = to.as_deref().and_then(parse_date_end) {
                parts.push(format!("c.created_at <= {}", params.int(to)));
            }
            if parts.is_empty() {
                "1 = 1".to_owned()
            } else {
                format!("({})", parts.join(" AND "))
            }
        }
        Condition::Applied => "c.last_applied_at IS NOT NULL".to_owned(),
    }
}

fn contains(column: &str, text: &str, params: &mut Params) -> String {
    format!("LOWER({column}) LIKE {} ESCAPE '\\'", params.text(contains_pattern(text)))
}
