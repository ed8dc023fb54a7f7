//! `kizuna bench campaigns`: a one-off campaign to everyone who agreed to job news, on the configured database:
//! how long enrolling takes, how many mails a minute the campaign worker queues (every person checked at the
//! moment of sending, in a transaction each), and how many a minute the outbox then delivers into the embedded
//! sink (`.eml` files in a folder of the data directory, removed afterwards). The rate limit is lifted and quiet hours are off, so the figures
//! are what the machine and the database can do.
use app::backend::campaigns::{self, plan, send};
use app::backend::core::audit::Actor;
use app::backend::core::mail::{deliver_due, Mailer};
use app::backend::{now_ms, AppState};
use app::domain::campaigns::{CampaignForm, QuietHours};
use std::time::Instant;

const JOB_NEWS: &str =
    r#"{"group":{"join":"all","rules":[{"condition":{"field":"consent","purpose":"job_news","granted":true}}]}}"#;

pub async fn run(state: &AppState) -> Result<String, String> {
    let db = &state.db;
    let mut config = (*state.config).clone();
    config.send_rate = i64::MAX / 2;
    config.quiet_hours = QuietHours::parse("off").expect("a valid setting");
    let e = |e: sqlx::Error| e.to_string();
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
    .map_err(e)?;
    let form = CampaignForm {
        name: "bench".into(),
        kind: "one_off".into(),
        segment_id: segment,
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
        let report = send::work(db, &config, now_ms()).await.map_err(e)?;
        sent += report.sent;
        skipped += report.skipped;
        if report.sent + report.skipped + report.waiting == 0 {
            break;
        }
    }
    let queue_s = started.elapsed().as_secs_f64();

    let folder = config.data_dir.join(format!("bench-mail-{now}"));
    let mailer = Mailer::new(None, &folder, "Kizuna <bench@kizuna.localhost>")?;
    let started = Instant::now();
    let mut delivered = 0usize;
    loop {
        let report = deliver_due(db, &mailer, now_ms()).await.map_err(e)?;
        delivered += report.sent;
        if report.sent + report.failed + report.withheld == 0 {
            break;
        }
    }
    let deliver_s = started.elapsed().as_secs_f64();
    let _ = tokio::fs::remove_dir_all(&folder).await;
    let per_minute = |n: f64, s: f64| if s > 0.0 { n * 60.0 / s } else { 0.0 };
    Ok(format!(
        "a one-off campaign on {:?}\n\n\
         | stage | people | seconds | per minute |\n|---|---:|---:|---:|\n\
         | enrol the segment (one INSERT … SELECT) | {enrolled} | {enrol_s:.2} | {:.0} |\n\
         | worker: check and queue each mail ({sent} sent, {skipped} skipped) | {} | {queue_s:.2} | {:.0} |\n\
         | outbox: deliver into the sink (.eml files) | {delivered} | {deliver_s:.2} | {:.0} |\n",
        db.kind(),
        per_minute(enrolled as f64, enrol_s),
        sent + skipped,
        per_minute((sent + skipped) as f64, queue_s),
        per_minute(delivered as f64, deliver_s),
    ))
}
