use super::core::db::Db;
use crate::domain::DashboardStats;

pub async fn dashboard(db: &Db) -> Result<DashboardStats, sqlx::Error> {
    let count = |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(db.pool()).await };
    Ok(DashboardStats {
        candidates: count("SELECT COUNT(*) FROM candidates WHERE status = 'active'").await?,
        open_jobs: count("SELECT COUNT(*) FROM jobs WHERE status = 'open'").await?,
        applications: count("SELECT COUNT(*) FROM applications").await?,
        mail_queued: count("SELECT COUNT(*) FROM mail_outbox WHERE status IN ('queued', 'sending')").await?,
    })
}
