//! `kizuna bench analytics`: how long each report takes on the configured database, for the periods and filters
//! a recruiting lead uses: the last 90 days, the last year, all of the seeded history, one job, one department,
//! one channel; the funnel by cohort and by activity.
use super::{median_p95, RUNS};
use app::backend::{analytics, now_ms, Db};
use app::domain::analytics::ReportFilter;
use app::domain::format_date;
use app::i18n::Lang;
use std::time::Instant;

const DAY: i64 = 86_400_000;

pub async fn run(db: &Db) -> Result<String, sqlx::Error> {
    let (applications, moves): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM applications), (SELECT COUNT(*) FROM stage_transitions)")
            .fetch_one(db.pool())
            .await?;
    let job: Option<String> =
        sqlx::query_scalar("SELECT id FROM jobs ORDER BY id LIMIT 1").fetch_optional(db.pool()).await?;
    let department: Option<String> =
        sqlx::query_scalar("SELECT department FROM jobs ORDER BY id LIMIT 1").fetch_optional(db.pool()).await?;
    let now = now_ms();
    let since = |days: i64| format_date(now - days * DAY);
    let today = format_date(now);
    let periods = [("last 90 days", since(90)), ("last year", since(365)), ("all (3 years)", since(3 * 365))];
    let mut scenarios: Vec<(String, Vec<(&str, String)>)> = Vec::new();
    for view in ["cohort", "activity"] {
        for (name, from) in &periods {
            scenarios.push((
                format!("funnel, {view}, {name}"),
                vec![("view", view.into()), ("from", from.clone()), ("to", today.clone())],
            ));
        }
        let year = vec![("view", view.to_owned()), ("from", since(365)), ("to", today.clone())];
        if let Some(job) = &job {
            scenarios.push((
                format!("funnel, {view}, last year, one job"),
                [year.clone(), vec![("job", job.clone())]].concat(),
            ));
        }
        if let Some(department) = &department {
            scenarios.push((
                format!("funnel, {view}, last year, one department"),
                [year.clone(), vec![("department", department.clone())]].concat(),
            ));
        }
        scenarios.push((
            format!("funnel, {view}, last year, one channel"),
            [year, vec![("source", "referral".into())]].concat(),
        ));
    }
    let mut out = format!(
        "analytics reports on {:?}, {applications} applications, {moves} stage moves, {RUNS} runs each\n\n\
         | report | counted | median ms | p95 ms |\n|---|---:|---:|---:|\n",
        db.kind()
    );
    for (name, pairs) in scenarios {
        let filter = ReportFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        let funnel = analytics::funnel(db, &filter, now, Lang::Ja).await?; // warm the cache
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            analytics::funnel(db, &filter, now, Lang::Ja).await?;
            times.push(started.elapsed());
        }
        let (median, p95) = median_p95(times);
        out.push_str(&format!("| {name} | {} | {median:.1} | {p95:.1} |\n", funnel.stages[0].count));
    }
    Ok(out)
}
