//! A segment's rule compiled to one SQL condition over `candidates c`, the same text on both engines: the
//! fragments are the server's own, every value is a placeholder. Day counts become instants at the moment of
//! use (`now`), so a count is never stale.
use crate::backend::core::db::DbKind;
use crate::backend::core::query::{contains_pattern, Params};
use crate::domain::segments::{Condition, Join, Rule, SegmentConsent};
use crate::domain::{days_before, parse_date, parse_date_end, Stage};

/// The WHERE condition for a rule (active candidates only), with its values, for the engine that will run it.
pub fn condition(rule: &Rule, now: i64, kind: DbKind) -> (String, Params) {
    let mut params = Params::default();
    let sql = format!("c.status = 'active' AND {}", rule_sql(rule, now, kind, &mut params));
    (sql, params)
}

fn rule_sql(rule: &Rule, now: i64, kind: DbKind, params: &mut Params) -> String {
    match rule {
        Rule::Group { join, rules } => {
            let parts: Vec<String> = rules.iter().map(|r| rule_sql(r, now, kind, params)).collect();
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
        Rule::Condition(condition) => condition_sql(condition, now, kind, params),
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

/// The person's latest answer for the purpose is "granted". The one place the engines get different text, each
/// the form its planner runs fastest (`kizuna bench segments`, 100 000 candidates): PostgreSQL one set — a granted
/// record with none newer, a semi-join around an anti-join (the "hire now" preset 547 → 146 ms); SQLite the latest
/// record looked up per candidate through its index (the set form made it 163 → 597 ms).
fn latest_consent_granted(purpose: SegmentConsent, kind: DbKind) -> String {
    // the purpose is one of the enum's own words, never a posted string
    if kind == DbKind::Sqlite {
        return format!(
            "COALESCE((SELECT r.action FROM consent_records r WHERE r.candidate_id = c.id AND r.purpose = '{}' \
             AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1), '') = 'granted'",
            purpose.as_str()
        );
    }
    format!(
        "c.id IN (SELECT r.candidate_id FROM consent_records r WHERE r.purpose = '{}' AND r.agency_id IS NULL \
         AND r.action = 'granted' AND NOT EXISTS (SELECT 1 FROM consent_records n WHERE n.candidate_id = r.candidate_id \
         AND n.purpose = r.purpose AND n.agency_id IS NULL AND (n.at > r.at OR (n.at = r.at AND n.id > r.id))))",
        purpose.as_str()
    )
}

fn condition_sql(condition: &Condition, now: i64, kind: DbKind, params: &mut Params) -> String {
    match condition {
        Condition::Tag { tag } => format!(
            "EXISTS (SELECT 1 FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id \
             WHERE ct.candidate_id = c.id AND t.name = {})",
            params.text(tag.as_str())
        ),
        Condition::Source { source } => format!("c.source_channel = {}", params.text(source.as_str())),
        Condition::StageReached { stage } => {
            let reached: Vec<String> =
                Stage::ALL.iter().skip_while(|s| *s != stage).map(|s| params.text(s.as_str())).collect();
            application_exists(&format!("a.stage IN ({})", reached.join(", ")))
        }
        Condition::Outcome { outcome } => application_exists(&format!("a.outcome = {}", params.text(outcome.as_str()))),
        Condition::DeclineReason { reason } => {
            application_exists(&format!("a.decline_reason_id = {}", params.text(reason.as_str())))
        }
        Condition::RejectedDaysAgo { min, max } => format!(
            "EXISTS (SELECT 1 FROM applications a JOIN stage_transitions st ON st.application_id = a.id \
             WHERE a.candidate_id = c.id AND st.outcome = 'rejected' AND {})",
            days_ago("st.at", *min, *max, now, params)
        ),
        Condition::ContactDaysAgo { min, max } => {
            format!("({})", days_ago("COALESCE(c.last_contact_at, c.created_at)", *min, *max, now, params))
        }
        Condition::Consent { purpose: SegmentConsent::AgencyReferral, granted } => {
            let active = "EXISTS (SELECT 1 FROM referrals rf WHERE rf.candidate_id = c.id AND rf.withdrawn_at IS NULL)";
            if *granted {
                active.to_owned()
            } else {
                format!("NOT {active}")
            }
        }
        Condition::Consent { purpose, granted } => {
            let test = latest_consent_granted(*purpose, kind);
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
        Condition::Applied => application_exists("1 = 1"),
    }
}

fn contains(column: &str, text: &str, params: &mut Params) -> String {
    format!("LOWER({column}) LIKE {} ESCAPE '\\'", params.text(contains_pattern(text)))
}
