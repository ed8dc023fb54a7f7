//! Background work: mail delivery, CSV imports and housekeeping. Coordinated through the database (row leases),
//! so several servers can run side by side.
use app::backend::core::mail::{self, deliver_due, Mailer};
use app::backend::core::{flash, ratelimit, sessions};
use app::backend::import::{self, rows as import_rows};
use app::backend::{link_requests, now_ms, resumes, signup, AppState};
use std::time::Duration;
use tokio::sync::watch;

pub fn spawn(
    state: AppState,
    mailer: Mailer,
    poll: Duration,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        match mail::scrub_delivered(&state.db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(messages = n, "took the links out of mail delivered before the upgrade"),
            Err(error) => tracing::error!(%error, "scrubbing delivered mail"),
        }
        let mut ticks: u64 = 0;
        loop {
            if let Err(error) = link_requests::work(&state, now_ms()).await {
                tracing::error!(reason = error.message().code(), "sign-in and sign-up requests");
            }
            match deliver_due(&state.db, &mailer, now_ms()).await {
                Ok(report) if report.sent + report.failed > 0 => {
                    tracing::info!(sent = report.sent, failed = report.failed, "mail delivered")
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "mail worker"),
            }
            match app::backend::campaigns::send::work(&state.db, &state.config, now_ms()).await {
                Ok(report) if report.sent + report.skipped > 0 => {
                    tracing::info!(sent = report.sent, skipped = report.skipped, "campaign steps")
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "campaign worker"),
            }
            if ticks.is_multiple_of(5) {
                match app::backend::automations::scan::work(&state.db, &state.config, now_ms()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(people = n, "automations"),
                    Err(error) => tracing::error!(%error, "automations"),
                }
            }
            imports(&state).await;
            if ticks.is_multiple_of(60) {
                housekeeping(&state).await;
            }
            ticks += 1;
            tokio::select! {
                _ = tokio::time::sleep(poll) => {}
                _ = stop.changed() => break,
            }
        }
    })
}

/// Imports waiting files, a batch at a time, for up to about a second per tick (so mail is not held up).
async fn imports(state: &AppState) {
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(1) {
        match import::work(&state.db, &state.config.secret, now_ms()).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                tracing::error!(%error, "import worker");
                break;
            }
        }
    }
}

pub async fn housekeeping(state: &AppState) {
    let now = now_ms();
    let cutoff = now - state.config.import_retention_days * 86_400_000;
    match import_rows::purge_abandoned(&state.db, cutoff).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(imports = n, "deleted unfinished imports past their retention"),
        Err(error) => tracing::error!(%error, "purging unfinished imports"),
    }
    if let Err(error) = signup::purge_expired(&state.db, now).await {
        tracing::error!(%error, "purging unconfirmed sign-ups");
    }
    if let Err(error) = flash::purge_expired(&state.db, now).await {
        tracing::error!(%error, "purging forms' kept values");
    }
    // files whose rows are gone: a deletion that failed, a message the sink wrote while its person was erased
    if let Err(error) = resumes::sweep_orphans(&state.db, &state.config).await {
        tracing::error!(%error, "sweeping résumé files");
    }
    if let Err(error) = mail::sweep_sink(&state.db, &state.config.data_dir).await {
        tracing::error!(%error, "sweeping the mail sink");
    }
    if let Err(error) = sessions::purge_expired(&state.db, now).await {
        tracing::error!(%error, "purging sessions");
    }
    match state.db.pool().acquire().await {
        Ok(mut conn) => {
            if let Err(error) = ratelimit::purge_expired(&mut conn, now).await {
                tracing::error!(%error, "purging rate limits");
            }
            // keeps SQLite's planner statistics fresh (PostgreSQL's autovacuum does this by itself)
            if state.db.kind() == app::backend::DbKind::Sqlite {
                if let Err(error) = sqlx::query("PRAGMA optimize").execute(&mut *conn).await {
                    tracing::error!(%error, "optimizing");
                }
            }
        }
        Err(error) => tracing::error!(%error, "housekeeping"),
    }
}
