//! The credit ledger: every N referrals to an agency earn one free hire support. Credits are derived from the
//! provision records (count / N), never stored as a number that can drift.
use crate::backend::core::audit::{self, Actor};
use crate::backend::core::csv::Sheet;
use crate::backend::core::db::{new_id, Db};
use crate::backend::core::state::Config;
use crate::domain::format_date;
use crate::domain::{
    credits_earned, parse_date, referral_reference, AgencyPage, AppError, FieldError, LedgerEntry, LedgerKind,
    LedgerSummary, RelayOverview, MAX_AGENCY_FIELD_CHARS,
};
use crate::i18n::Msg;
use std::collections::HashSet;

// ---------------------------------------------------------------- the credit ledger (admin)

/// Every agency's credits. A person referred to the same agency twice counts once.
pub async fn ledger_summaries(db: &Db) -> Result<Vec<LedgerSummary>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let all = super::agencies::agencies(&mut conn, false).await?;
    let referred: Vec<(String, i64)> =
        sqlx::query_as("SELECT agency_id, COUNT(DISTINCT candidate_id) FROM referrals GROUP BY agency_id")
            .fetch_all(&mut *conn)
            .await?;
    let redeemed: Vec<(String, i64)> =
        sqlx::query_as("SELECT agency_id, COUNT(*) FROM credit_redemptions GROUP BY agency_id")
            .fetch_all(&mut *conn)
            .await?;
    let statuses: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT agency_id, status, COUNT(*) FROM referrals GROUP BY agency_id, status")
            .fetch_all(&mut *conn)
            .await?;
    let count = |rows: &[(String, i64)], id: &str| rows.iter().find(|(a, _)| a == id).map(|(_, n)| *n).unwrap_or(0);
    Ok(all
        .into_iter()
        .map(|agency| {
            let referrals = count(&referred, &agency.id);
            let with_status = |wanted: &[&str]| {
                statuses.iter().filter(|(a, s, _)| *a == agency.id && wanted.contains(&s.as_str())).map(|r| r.2).sum()
            };
            LedgerSummary {
                referrals,
                referrals_per_credit: agency.referrals_per_credit,
                earned: credits_earned(referrals, agency.referrals_per_credit),
                redeemed: count(&redeemed, &agency.id),
                registered: with_status(&["registered", "placed"]),
                placed: with_status(&["placed"]),
                agency_id: agency.id,
                agency_name: agency.name,
                active: agency.active,
            }
        })
        .collect())
}

/// One agency's details, users, credits and full history, newest first.
pub async fn agency_page(db: &Db, agency_id: &str) -> Result<Option<AgencyPage>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let Some(agency) = super::agencies::agency(&mut conn, agency_id).await? else { return Ok(None) };
    let users = super::agencies::agency_users(&mut conn, agency_id).await?;
    drop(conn);
    let ledger = ledger_summaries(db).await?.into_iter().find(|l| l.agency_id == agency_id);
    let Some(ledger) = ledger else { return Ok(None) };
    let history = history(db, agency_id).await?;
    Ok(Some(AgencyPage { agency, users, ledger, history }))
}

pub async fn history(db: &Db, agency_id: &str) -> Result<Vec<LedgerEntry>, sqlx::Error> {
    let referrals: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, candidate_id, provided_at, withdrawn_at FROM referrals WHERE agency_id = $1 ORDER BY provided_at, id",
    )
    .bind(agency_id)
    .fetch_all(db.pool())
    .await?;
    let redemptions: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT hire_reference, note, redeemed_at FROM credit_redemptions WHERE agency_id = $1 ORDER BY redeemed_at, id",
    )
    .bind(agency_id)
    .fetch_all(db.pool())
    .await?;
    let mut seen = HashSet::new();
    let mut entries: Vec<LedgerEntry> = referrals
        .into_iter()
        .map(|(id, candidate, at, withdrawn_at)| LedgerEntry {
            at,
            kind: LedgerKind::Referral,
            reference: referral_reference(&id),
            note: withdrawn_at.map(|w| format!("withdrawn {}", format_date(w))).unwrap_or_default(),
            counted: seen.insert(candidate),
        })
        .chain(redemptions.into_iter().map(|(reference, note, at)| LedgerEntry {
            at,
            kind: LedgerKind::Redemption,
            reference,
            note,
            counted: true,
        }))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(entries)
}

/// Records the use of one credit for a hire. Refused when the agency has no credit left.
pub async fn redeem(
    db: &Db,
    agency_id: &str,
    hire_reference: &str,
    date: &str,
    note: &str,
    actor: &Actor<'_>,
    now: i64,
) -> Result<(), AppError> {
    let hire_reference = crate::domain::normalize_text(hire_reference);
    let note = crate::domain::normalize_text(note);
    let mut errors = Vec::new();
    if hire_reference.is_empty() {
        errors.push(FieldError::new("hire_reference", Msg::ErrRequired));
    } else if hire_reference.chars().count() > MAX_AGENCY_FIELD_CHARS {
        errors.push(FieldError::new("hire_reference", Msg::ErrTooLong));
    }
    if note.chars().count() > 1000 {
        errors.push(FieldError::new("note", Msg::ErrTooLong));
    }
    let at = match date.trim() {
        "" => Some(now),
        value => parse_date(value).filter(|at| *at <= now),
    };
    if at.is_none() {
        errors.push(FieldError::new("redeemed_on", Msg::ErrDateInvalid));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = db.begin().await?;
    // take the agency's row first, so that two admins cannot spend the same credit at once
    let locked = sqlx::query("UPDATE agencies SET updated_at = updated_at WHERE id = $1")
        .bind(agency_id)
        .execute(&mut *tx)
        .await?;
    if locked.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    let per_credit: i64 = sqlx::query_scalar("SELECT referrals_per_credit FROM agencies WHERE id = $1")
        .bind(agency_id)
        .fetch_one(&mut *tx)
        .await?;
    let referrals: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT candidate_id) FROM referrals WHERE agency_id = $1")
        .bind(agency_id)
        .fetch_one(&mut *tx)
        .await?;
    let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM credit_redemptions WHERE agency_id = $1")
        .bind(agency_id)
        .fetch_one(&mut *tx)
        .await?;
    if credits_earned(referrals, per_credit) - used <= 0 {
        return Err(AppError::field("hire_reference", Msg::ErrNoCredits));
    }
    sqlx::query(
        "INSERT INTO credit_redemptions (id, agency_id, hire_reference, note, actor_id, redeemed_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(agency_id)
    .bind(&hire_reference)
    .bind(&note)
    .bind(actor.id)
    .bind(at.unwrap_or(now))
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, "credit_redeemed", ("agency", Some(agency_id)), &hire_reference, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The relay in numbers, for recruiters.
pub async fn overview(db: &Db, config: &Config, now: i64) -> Result<RelayOverview, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let (rejection_mails, rejected_candidates): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT candidate_id) FROM mail_outbox WHERE kind = 'rejection' AND status <> 'cancelled'",
    )
    .fetch_one(&mut *conn)
    .await?;
    let opted_in: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT candidate_id) FROM referrals WHERE candidate_id IN \
         (SELECT candidate_id FROM mail_outbox WHERE kind = 'rejection' AND status <> 'cancelled')",
    )
    .fetch_one(&mut *conn)
    .await?;
    let month_start = parse_date(&format!("{}-01", &format_date(now)[..7])).unwrap_or(now);
    let referrals_this_month: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM referrals WHERE provided_at >= $1")
        .bind(month_start)
        .fetch_one(&mut *conn)
        .await?;
    drop(conn);
    let agencies = ledger_summaries(db).await?;
    Ok(RelayOverview {
        company_url: format!("{}/relay", config.base_url),
        rejection_mails,
        rejected_candidates,
        opted_in,
        referrals_this_month,
        credits_earned: agencies.iter().map(|a| a.earned).sum(),
        credits_left: agencies.iter().map(|a| a.balance()).sum(),
        registered: agencies.iter().map(|a| a.registered).sum(),
        placed: agencies.iter().map(|a| a.placed).sum(),
        agencies,
    })
}

/// An agency's ledger as CSV.
pub async fn ledger_csv(db: &Db, agency_id: &str) -> Result<Option<String>, sqlx::Error> {
    let Some(page) = agency_page(db, agency_id).await? else { return Ok(None) };
    let mut sheet = Sheet::new();
    sheet.row(&["date", "kind", "reference", "counts_towards_credit", "note"]);
    for entry in page.history {
        let counted = if entry.counted { "yes" } else { "no" };
        sheet.row(&[format_date(entry.at).as_str(), entry.kind.as_str(), &entry.reference, counted, &entry.note]);
    }
    let l = &page.ledger;
    sheet.blank();
    for (label, value) in [
        ("referrals", l.referrals),
        ("referrals_per_credit", l.referrals_per_credit),
        ("credits_earned", l.earned),
        ("credits_redeemed", l.redeemed),
        ("balance", l.balance()),
    ] {
        sheet.row(&[label, &value.to_string()]);
    }
    Ok(Some(sheet.finish()))
}
