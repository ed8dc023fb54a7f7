//! "My data": everything Kizuna holds about a candidate, and the provisions to third parties (erasure is in
//! `erasure`).
use super::core::db::Db;
use crate::domain::{without_tokens, CandidateStatus, MyData, Outcome, Provision, Stage};
use crate::i18n::Msg;
use serde_json::{Map, Value};
use sqlx::{Column, Row};

/// Every table that holds rows about a candidate, how to find them, and what the candidate calls them. A test
/// compares this list with the schema, so a new table that references candidates cannot be left out silently.
pub const EXPORT_TABLES: &[(&str, &str)] = &[
    ("candidates", "id = $1"),
    ("candidate_tags", "candidate_id = $1"),
    ("notes", "candidate_id = $1"),
    ("applications", "candidate_id = $1"),
    ("stage_transitions", "application_id IN (SELECT id FROM applications WHERE candidate_id = $1)"),
    ("interviews", "application_id IN (SELECT id FROM applications WHERE candidate_id = $1)"),
    ("invitations", "candidate_id = $1"),
    ("event_attendees", "candidate_id = $1"),
    ("consent_records", "candidate_id = $1"),
    ("contact_preferences", "candidate_id = $1"),
    ("resumes", "candidate_id = $1"),
    ("referrals", "candidate_id = $1"),
    ("mail_outbox", "candidate_id = $1"),
    ("merged_identities", "candidate_id = $1"),
    ("campaign_enrolments", "candidate_id = $1"),
    ("campaign_sends", "candidate_id = $1"),
    ("campaign_clicks", "candidate_id = $1"),
    ("automation_runs", "candidate_id = $1"),
    ("audit_log", "subject_kind = 'candidate' AND subject_id = $1"),
];

/// What the candidate calls what a table holds about them.
fn held_as(table: &str) -> Msg {
    match table {
        "candidates" => Msg::HeldProfile,
        "candidate_tags" => Msg::HeldTags,
        "notes" => Msg::HeldNotes,
        "applications" => Msg::HeldApplications,
        "stage_transitions" => Msg::HeldStageHistory,
        "interviews" => Msg::HeldInterviews,
        "invitations" => Msg::HeldInvitations,
        "event_attendees" => Msg::HeldEvents,
        "consent_records" => Msg::HeldConsents,
        "contact_preferences" => Msg::HeldPreferences,
        "resumes" => Msg::HeldResumes,
        "referrals" => Msg::HeldReferrals,
        "mail_outbox" => Msg::HeldMails,
        "merged_identities" => Msg::HeldMergedIdentities,
        "campaign_enrolments" | "campaign_sends" | "campaign_clicks" => Msg::HeldCampaigns,
        "automation_runs" => Msg::HeldAutomations,
        _ => Msg::HeldActivity,
    }
}

/// Columns the export leaves out: who among the staff did something (their ids and addresses), the selection's
/// internal assessment (the rejection's internal note and reason code, interview results and interviewers —
/// APPI Art. 33(2) lets a company withhold what would seriously hinder its business; they are erased with the
/// rest), internal outcomes (the candidate-facing status says where an application stands), the workings of
/// delivery, and links that still act for someone. What was done, when, and by what kind of actor stays.
const WITHHELD: &[(&str, &[&str])] = &[
    ("notes", &["author_id"]),
    // the summaries kept for segments and reports restate outcomes and how far a selection went
    ("candidates", &["stage_rank", "last_rejected_at"]),
    ("applications", &["decline_note", "decline_reason_id", "outcome", "reached_rank"]),
    ("interviews", &["result", "interviewers"]),
    ("invitations", &["created_by"]),
    ("stage_transitions", &["actor_id", "outcome", "reason_id"]),
    ("consent_records", &["actor_id"]),
    ("mail_outbox", &["list_unsubscribe", "last_error", "lease_until", "attempts", "scrub_after_send"]),
    ("audit_log", &["actor_id", "ip", "detail", "subject_id"]),
    ("campaign_enrolments", &["lease_until"]),
    ("campaign_sends", &["click_key"]),
];

fn cell(row: &sqlx::any::AnyRow, index: usize) -> Value {
    if let Ok(value) = row.try_get::<Option<String>, _>(index) {
        return value.map(Value::String).unwrap_or(Value::Null);
    }
    if let Ok(value) = row.try_get::<Option<i64>, _>(index) {
        return value.map(Value::from).unwrap_or(Value::Null);
    }
    if let Ok(value) = row.try_get::<Option<f64>, _>(index) {
        return value.map(Value::from).unwrap_or(Value::Null);
    }
    Value::Null
}

/// A row as the candidate gets it: withheld columns out, where an application stood as they may know it (never
/// an internal stage name), texts without working links.
fn for_candidate(table: &str, mut object: Map<String, Value>) -> Map<String, Value> {
    let status = |stage: Option<&Value>, outcome: Option<&Value>| {
        let stage = stage.and_then(Value::as_str).and_then(Stage::parse)?;
        let outcome = outcome.and_then(Value::as_str).and_then(Outcome::parse);
        Some(Value::from(CandidateStatus::of(stage, outcome).as_str()))
    };
    match table {
        "applications" => {
            let now = status(object.get("stage"), object.get("outcome"));
            object.remove("stage");
            object.insert("status".into(), now.unwrap_or(Value::Null));
        }
        "stage_transitions" => {
            let from = status(object.get("from_stage"), None);
            let to = status(object.get("to_stage"), object.get("outcome"));
            object.remove("from_stage");
            object.remove("to_stage");
            object.insert("from_status".into(), from.unwrap_or(Value::Null));
            object.insert("to_status".into(), to.unwrap_or(Value::Null));
        }
        "mail_outbox" => {
            for column in ["subject", "body_text"] {
                if let Some(Value::String(text)) = object.get_mut(column) {
                    *text = without_tokens(text);
                }
            }
        }
        _ => {}
    }
    let withheld = WITHHELD.iter().find(|(t, _)| *t == table).map_or(&[][..], |(_, c)| *c);
    object.retain(|column, _| !withheld.contains(&column.as_str()));
    object
}

/// The machine-readable export: every row of every table above, as the candidate may have it.
pub async fn export(db: &Db, candidate_id: &str, now: i64) -> Result<Value, sqlx::Error> {
    let mut tables = Map::new();
    for (table, filter) in EXPORT_TABLES {
        let sql = format!("SELECT * FROM {table} WHERE {filter}");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(candidate_id).fetch_all(db.pool()).await?;
        let rows: Vec<Value> = rows
            .iter()
            .map(|row| {
                let mut object = Map::new();
                for (i, column) in row.columns().iter().enumerate() {
                    object.insert(column.name().to_owned(), cell(row, i));
                }
                Value::Object(for_candidate(table, object))
            })
            .collect();
        tables.insert((*table).to_owned(), Value::Array(rows));
    }
    let mut out = Map::new();
    out.insert("format".into(), Value::from("kizuna-candidate-export/2"));
    out.insert("exported_at".into(), Value::from(now));
    out.insert("tables".into(), Value::Object(tables));
    Ok(Value::Object(out))
}

pub async fn summary(db: &Db, candidate_id: &str) -> Result<MyData, sqlx::Error> {
    let profile = super::profile::load(db, candidate_id).await?;
    let given = |value: String| Some(value).filter(|v| !v.is_empty());
    let mut holdings = Vec::new();
    for (table, filter) in EXPORT_TABLES {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {filter}");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(candidate_id).fetch_one(db.pool()).await?;
        holdings.push((held_as(table), n));
    }
    Ok(MyData {
        skills: profile.skills.split(", ").filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        email: profile.email,
        family_name: profile.family_name,
        given_name: profile.given_name,
        family_name_kana: given(profile.family_name_kana),
        given_name_kana: given(profile.given_name_kana),
        phone: given(profile.phone),
        location: given(profile.location),
        holdings,
        provisions: provisions(db, candidate_id).await?,
    })
}

/// The provision records (third-party provisions) about this candidate: the recipient as it was when the data
/// was provided, the items, the date and the consent it rested on.
pub async fn provisions(db: &Db, candidate_id: &str) -> Result<Vec<Provision>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct ProvisionRow {
        id: String,
        agency_id: String,
        agency_name_snapshot: String,
        agency_address_snapshot: String,
        agency_representative_snapshot: String,
        items: String,
        provided_at: i64,
        status: String,
        consent_at: i64,
        withdrawn_at: Option<i64>,
    }
    let rows: Vec<ProvisionRow> = sqlx::query_as(
        // a record written before the snapshots existed falls back to the agency's current details
        "SELECT r.id, r.agency_id, \
         COALESCE(NULLIF(r.agency_name_snapshot, ''), a.name) AS agency_name_snapshot, \
         COALESCE(NULLIF(r.agency_address_snapshot, ''), a.address) AS agency_address_snapshot, \
         COALESCE(NULLIF(r.agency_representative_snapshot, ''), a.representative) AS agency_representative_snapshot, \
         r.items, r.provided_at, r.status, c.at AS consent_at, r.withdrawn_at FROM referrals r \
         JOIN agencies a ON a.id = r.agency_id JOIN consent_records c ON c.id = r.consent_record_id \
         WHERE r.candidate_id = $1 ORDER BY r.provided_at DESC, r.id DESC",
    )
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Provision {
            reference: crate::domain::referral_reference(&r.id),
            agency_id: r.agency_id,
            agency_name: r.agency_name_snapshot,
            agency_address: r.agency_address_snapshot,
            agency_representative: r.agency_representative_snapshot,
            items: crate::domain::DataItem::parse_list(&r.items),
            provided_at: r.provided_at,
            status: crate::domain::ReferralStatus::parse(&r.status).unwrap_or(crate::domain::ReferralStatus::Referred),
            consent_given_at: r.consent_at,
            withdrawn_at: r.withdrawn_at,
        })
        .collect())
}
