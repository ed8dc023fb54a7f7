//! "My data": everything Kizuna holds about a candidate, the provisions to third parties, and erasure.
use super::audit::{self, Actor};
use super::db::Db;
use super::mail::{self, OutgoingMail};
use super::state::Config;
use crate::domain::{AppError, MyData, Provision};
use crate::i18n::{Lang, Msg};
use serde_json::{Map, Value};
use sqlx::{Column, Row};

/// Every table that holds rows about a candidate, and how to find them. A test compares this list with the
/// schema, so a new table that references candidates cannot be left out of the export silently.
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
    ("audit_log", "subject_kind = 'candidate' AND subject_id = $1"),
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

/// The machine-readable export: every row of every table above, column by column.
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
                Value::Object(object)
            })
            .collect();
        tables.insert((*table).to_owned(), Value::Array(rows));
    }
    let mut out = Map::new();
    out.insert("format".into(), Value::from("kizuna-candidate-export/1"));
    out.insert("exported_at".into(), Value::from(now));
    out.insert("tables".into(), Value::Object(tables));
    Ok(Value::Object(out))
}

pub async fn summary(db: &Db, candidate_id: &str) -> Result<MyData, sqlx::Error> {
    #[allow(clippy::type_complexity)]
    let row: (String, String, String, Option<String>, Option<String>, Option<String>, Option<String>, String) =
        sqlx::query_as(
            "SELECT email, family_name, given_name, family_name_kana, given_name_kana, phone, location, skills \
         FROM candidates WHERE id = $1",
        )
        .bind(candidate_id)
        .fetch_one(db.pool())
        .await?;
    let mut holdings = Vec::new();
    for (table, filter) in EXPORT_TABLES {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {filter}");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(candidate_id).fetch_one(db.pool()).await?;
        holdings.push(((*table).to_owned(), n));
    }
    Ok(MyData {
        email: row.0,
        family_name: row.1,
        given_name: row.2,
        family_name_kana: row.3,
        given_name_kana: row.4,
        phone: row.5,
        location: row.6,
        skills: row.7.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
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

/// Anonymises the candidate at once. The row stays as a tombstone so that applications, stage history and
/// statistics keep their references; consent records stay (they prove what was agreed, and hold no personal
/// data); provision records keep the name snapshot the law requires for three years. Sessions end; a
/// confirmation goes to the address one last time and is scrubbed once sent.
pub async fn erase(db: &Db, config: &Config, candidate_id: &str, actor: &Actor<'_>, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let found: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT email, family_name, given_name, language FROM candidates WHERE id = $1 AND status = 'active'",
    )
    .bind(candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, _family, _given, language)) = found else { return Err(AppError::NotFound) };
    let lang = Lang::parse(&language).unwrap_or_default();
    let mail_ids: Vec<String> = sqlx::query_scalar("SELECT id FROM mail_outbox WHERE candidate_id = $1")
        .bind(candidate_id)
        .fetch_all(&mut *tx)
        .await?;
    let statements = [
        "UPDATE candidates SET email = 'erased-' || id || '@erased.invalid', family_name = '', given_name = '', \
         family_name_kana = NULL, given_name_kana = NULL, phone = NULL, birth_date = NULL, location = NULL, skills = '', \
         status = 'erased', updated_at = $2 WHERE id = $1",
        "DELETE FROM notes WHERE candidate_id = $1 AND $2 IS NOT NULL",
        "DELETE FROM contact_preferences WHERE candidate_id = $1 AND $2 IS NOT NULL",
        "UPDATE invitations SET decline_reason = NULL WHERE candidate_id = $1 AND $2 IS NOT NULL",
        "UPDATE mail_outbox SET recipient = 'erased', subject = '', body_text = '', list_unsubscribe = NULL, \
         status = CASE WHEN status IN ('queued', 'sending') THEN 'cancelled' ELSE status END WHERE candidate_id = $1 AND $2 IS NOT NULL",
        "DELETE FROM sessions WHERE kind = 'candidate' AND subject_id = $1 AND $2 IS NOT NULL",
        "DELETE FROM tokens WHERE subject_id = $1 AND $2 IS NOT NULL",
    ];
    // agencies lose access and are told to delete what they hold, before the name is gone
    super::relay::withdraw_referrals(&mut tx, candidate_id, None, &config.mail_domain(), now).await?;
    for sql in statements {
        sqlx::query(sql).bind(candidate_id).bind(now).execute(&mut *tx).await?;
    }
    let confirmation = OutgoingMail {
        to: &email,
        candidate_id: None,
        kind: "erasure_confirmation",
        lang,
        subject: Msg::MailErasedSubject.text(lang).to_owned(),
        body_text: format!("{}\n\n-- \nKizuna\n", Msg::MailErasedBody.text(lang)),
        consent_purpose: None,
    };
    mail::enqueue_scrubbed(&mut tx, &confirmation, &config.mail_domain(), now).await?;
    audit::record(&mut tx, actor, "erased", ("candidate", Some(candidate_id)), "", now).await?;
    tx.commit().await?;
    super::resumes::delete_all(db, config, candidate_id).await?;
    for id in mail_ids {
        let _ = tokio::fs::remove_file(config.data_dir.join("mail").join(format!("{id}.eml"))).await;
    }
    Ok(())
}
