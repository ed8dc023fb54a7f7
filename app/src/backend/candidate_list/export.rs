//! The candidate list as CSV: a whole list view or a selection, a page of the list at a time.
use super::list;
use crate::backend::core::csv::Sheet;
use crate::backend::core::db::Db;
use crate::domain::{format_date, CandidateFilter};

/// The most rows one export holds.
pub const MAX_EXPORT_ROWS: usize = 100_000;
const PAGE: i64 = 1000;

/// The candidates of a filter as CSV, with how many rows it holds.
pub async fn export_csv(db: &Db, filter: &CandidateFilter) -> Result<(String, usize), sqlx::Error> {
    let mut sheet = Sheet::new();
    sheet.row(&["id", "name", "kana", "email", "source", "tags", "created", "last_contact"]);
    let mut after: Option<String> = None;
    let mut rows = 0;
    loop {
        let (page, next) = list(db, filter, after.as_deref(), PAGE).await?;
        for c in &page {
            sheet.row(&[
                c.id.as_str(),
                &c.name,
                c.kana.as_deref().unwrap_or_default(),
                &c.email,
                c.source_channel.as_str(),
                &c.tags.join(" "),
                &format_date(c.created_at),
                &c.last_contact_at.map(format_date).unwrap_or_default(),
            ]);
        }
        rows += page.len();
        match next {
            Some(next) if rows < MAX_EXPORT_ROWS => after = Some(next),
            _ => break,
        }
    }
    Ok((sheet.finish(), rows))
}
