//! `kizuna bench`: how fast the recruiter's candidate list answers on the configured database, measured (not a
//! test): each scenario runs repeatedly and reports its median and 95th percentile. `kizuna bench segments`:
//! the segment counts (`segments`). `kizuna bench campaigns`: a campaign's throughput (`campaigns`).
pub mod analytics;
pub mod campaigns;
pub mod segments;
pub mod smtp;
use app::backend::{candidate_list, Db};
use app::domain::{CandidateFilter, LIST_PAGE};
use std::time::{Duration, Instant};

pub(crate) const RUNS: usize = 15;

struct Scenario {
    name: &'static str,
    filter: CandidateFilter,
    /// how many pages deep the measured page is
    depth: usize,
}

fn filter(pairs: &[(&str, &str)]) -> CandidateFilter {
    CandidateFilter::from_pairs(pairs.iter().copied())
}

fn scenarios() -> Vec<Scenario> {
    let s = |name, pairs: &[(&str, &str)], depth| Scenario { name, filter: filter(pairs), depth };
    vec![
        s("first page, newest first", &[], 0),
        s("20th page, newest first (keyset)", &[], 19),
        s("first page, by name reading", &[("sort", "name")], 0),
        s("20th page, by name reading", &[("sort", "name")], 19),
        s("search a common family name (佐藤)", &[("q", "佐藤")], 0),
        s("search a reading in hiragana (さとう)", &[("q", "さとう")], 0),
        s("search a skill (kubernetes)", &[("q", "kubernetes")], 0),
        s("search with no match (full scan)", &[("q", "zzzz-no-such-person")], 0),
        s("stage = interview", &[("stage", "interview")], 0),
        s("outcome = rejected, source = job board", &[("outcome", "rejected"), ("source", "job_board")], 0),
        s("consent: talent pool", &[("consent", "talent_pool")], 0),
        s("consent: none optional", &[("consent", "none")], 0),
        s(
            "created in 2026, oldest first",
            &[("created_from", "2026-01-01"), ("created_to", "2026-12-31"), ("sort", "oldest")],
            0,
        ),
    ]
}

async fn page(db: &Db, scenario: &Scenario) -> Result<(Duration, usize), sqlx::Error> {
    let mut after: Option<String> = None;
    for _ in 0..scenario.depth {
        let (_, next) = candidate_list::list(db, &scenario.filter, after.as_deref(), LIST_PAGE).await?;
        match next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let started = Instant::now();
    let (rows, _) = candidate_list::list(db, &scenario.filter, after.as_deref(), LIST_PAGE).await?;
    Ok((started.elapsed(), rows.len()))
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The median and 95th percentile of some timings.
pub(crate) fn median_p95(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let n = times.len();
    (ms(times[n / 2]), ms(times[(n * 95).div_ceil(100).min(n) - 1]))
}

/// Runs every scenario and returns the report as a Markdown table.
pub async fn run(db: &Db) -> Result<String, sqlx::Error> {
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM candidates WHERE status = 'active'").fetch_one(db.pool()).await?;
    let mut out = format!(
        "candidate list on {:?}, {total} candidates, page size {LIST_PAGE}, {RUNS} runs each\n\n\
         | scenario | rows | median ms | p95 ms |\n|---|---:|---:|---:|\n",
        db.kind()
    );
    for scenario in scenarios() {
        let _ = page(db, &scenario).await?; // warm the cache
        let mut times = Vec::with_capacity(RUNS);
        let mut rows = 0;
        for _ in 0..RUNS {
            let (time, n) = page(db, &scenario).await?;
            times.push(time);
            rows = n;
        }
        let (median, p95) = median_p95(times);
        out.push_str(&format!("| {} | {rows} | {median:.1} | {p95:.1} |\n", scenario.name));
    }
    Ok(out)
}
