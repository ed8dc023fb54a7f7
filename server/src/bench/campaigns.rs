//! `kizuna bench campaigns`: a one-off campaign to everyone who agreed to job news (the benchmark first records
//! job-news consent, as an import would, for every active candidate of its database), on the configured database:
//! how long enrolling takes, how many mails a minute the campaign worker queues (every person checked at the
//! moment of sending, in a transaction each), and how many a minute the outbox then delivers: once into the
//! embedded sink (`.eml` files in a folder of the data directory, removed afterwards), once to a small SMTP server
//! the benchmark starts on a local port. The rate limit is lifted and quiet hours are off, so the figures are what
//! the machine and the database can do.
use app::backend::campaigns::{self, plan, send};
use app::backend::core::audit::Actor;
use app::backend::core::mail::{deliver_due, Mailer};
use app::backend::{now_ms, AppState, Config};
use app::domain::campaigns::{CampaignForm, QuietHours};
use std::time::Instant;

const JOB_NEWS: &str =
    r#"{"group":{"join":"all","rules":[{"condition":{"field":"consent","purpose":"job_news","granted":true}}]}}"#;

pub async fn run(state: &AppState) -> Result<String, String> {
    let db = &state.db;
    let mut config = (*state.config).clone();
    config.send_rate = i64::MAX / 2;
    config.quiet_hours = QuietHours::parse("off").expect("a valid setting");
    let now = now_ms();
    let segment = format!("bench-{now}");
    sqlx::query(
        "INSERT INTO segments (id, name_ja, name_en, rule, created_at, updated_at) VALUES ($1, $1, $1, $2, $3, $3)",
    )
    .bind(&segment)
    .bind(JOB_NEWS)
    .bind(now)
    .execute(db.pool())
    .await
    .map_err(|e| e.to_string())?;
    // the demo company asks no one for job news: in the benchmark's database everyone active agrees (an import)
    let granted = sqlx::query(
        "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) \
         SELECT 'bench-' || c.id, c.id, 'job_news', \
           (SELECT p.id FROM policy_versions p WHERE p.purpose = 'job_news' ORDER BY p.version DESC LIMIT 1), \
           'granted', 'import', 'system', $1 FROM candidates c WHERE c.status = 'active' \
         AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.id = 'bench-' || c.id)",
    )
    .bind(now)
    .execute(db.pool())
    .await
    .map_err(|e| e.to_string())?
    .rows_affected();
    let mut conn = db.pool().acquire().await.map_err(|e| e.to_string())?;
    app::backend::core::facts::refresh_all(&mut conn).await.map_err(|e| e.to_string())?;
    drop(conn);
    let folder = config.data_dir.join(format!("bench-mail-{now}"));
    let mut out = format!(
        "one-off campaigns to everyone with job-news consent on {:?} ({granted} consents granted for it)\n\n\
         | stage | people | seconds | per minute |\n|---|---:|---:|---:|\n",
        db.kind()
    );
    let sink = Mailer::new(None, &folder, "Kizuna <bench@kizuna.localhost>")?;
    out.push_str(&round(state, &config, &segment, &sink, "the embedded sink (.eml files)").await?);
    let smtp = super::smtp::SmtpServer::start(0).await;
    let relay = Mailer::new(Some(&smtp.url()), &folder, "Kizuna <bench@kizuna.localhost>")?;
    out.push_str(&round(state, &config, &segment, &relay, "a local SMTP server (pooled connections)").await?);
    let _ = tokio::fs::remove_dir_all(&folder).await;
    Ok(out)
}

fn per_minute(n: f64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        n * 60.0 / seconds
    } else {
        0.0
    }
}

/// One campaign: enrolled, checked and queued by the worker, delivered by the outbox through `mailer`.
async fn round(state: &AppState, config: &Config, segment: &str, mailer: &Mailer, to: &str) -> Result<String, String> {
    let db = &state.db;
    let e = |e: sqlx::Error| e.to_string();
    let now = now_ms();
    let form = CampaignForm {
        name: format!("bench {to}"),
        kind: "one_off".into(),
        segment_id: segment.to_owned(),
        purpose: "job_news".into(),
        exit_on_unmatch: String::new(),
    };
    let settings = form.check().map_err(|_| "campaign form")?;
    let actor = Actor::worker_for(None);
    let id = campaigns::create(db, &settings, &actor, now).await.map_err(|e| format!("{e:?}"))?;
    plan::schedule(db, &id, now, &actor, now).await.map_err(|e| format!("{e:?}"))?;

    let started = Instant::now();
    let enrolled = send::launch_due(db, now_ms()).await.map_err(e)?;
    let enrol_s = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let (mut sent, mut skipped) = (0u64, 0u64);
    loop {
        let report = send::work(db, config, now_ms()).await.map_err(e)?;
        sent += report.sent;
        skipped += report.skipped;
        if report.sent + report.skipped + report.waiting == 0 {
            break;
        }
    }
    let queue_s = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut delivered = 0usize;
    loop {
        let report = deliver_due(db, mailer, now_ms()).await.map_err(e)?;
        delivered += report.sent;
        if report.sent + report.failed + report.withheld == 0 {
            break;
        }
    }
    let deliver_s = started.elapsed().as_secs_f64();
    Ok(format!(
        "| enrol the segment (one INSERT … SELECT) | {enrolled} | {enrol_s:.2} | {:.0} |\n\
         | worker: check and queue each mail ({sent} queued, {skipped} skipped) | {} | {queue_s:.2} | {:.0} |\n\
         | outbox: deliver to {to} | {delivered} | {deliver_s:.2} | {:.0} |\n",
        per_minute(enrolled as f64, enrol_s),
        sent + skipped,
        per_minute((sent + skipped) as f64, queue_s),
        per_minute(delivered as f64, deliver_s),
    ))
}
