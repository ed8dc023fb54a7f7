//! `kizuna bench segments`: how long counting a segment takes at the moment of use — every preset, and a
//! nested rule of six conditions — on the configured database.
use super::{median_p95, RUNS};
use app::backend::{now_ms, segments, Db};
use app::domain::segments::{Condition as C, Rule, SegmentConsent, PRESETS};
use app::domain::{SourceChannel, Stage};
use std::time::Instant;

/// Six conditions in three levels: (talent pool or job news) and reached interview and not (rejected in the
/// last 90 days or source = agency) and skills contain "rust" or in touch in the last year.
fn nested() -> Rule {
    Rule::all(vec![
        Rule::any(vec![
            Rule::when(C::Consent { purpose: SegmentConsent::TalentPool, granted: true }),
            Rule::when(C::Consent { purpose: SegmentConsent::JobNews, granted: true }),
        ]),
        Rule::when(C::StageReached { stage: Stage::Interview }),
        Rule::none(vec![
            Rule::when(C::RejectedDaysAgo { min: 0, max: Some(90) }),
            Rule::when(C::Source { source: SourceChannel::Agency }),
        ]),
        Rule::any(vec![
            Rule::when(C::Skill { text: "rust".into() }),
            Rule::when(C::ContactDaysAgo { min: 0, max: Some(365) }),
        ]),
    ])
}

pub async fn run(db: &Db) -> Result<String, sqlx::Error> {
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM candidates WHERE status = 'active'").fetch_one(db.pool()).await?;
    let mut out = format!(
        "segment counts on {:?}, {total} candidates, {RUNS} runs each\n\n\
         | segment | members | median ms | p95 ms |\n|---|---:|---:|---:|\n",
        db.kind()
    );
    let mut rules: Vec<(String, Rule)> =
        PRESETS.iter().map(|p| (format!("preset: {}", p.name_en), (p.rule)())).collect();
    rules.push(("six conditions, nested three deep".into(), nested()));
    let mut plans = Vec::new();
    for (name, rule) in rules {
        let now = now_ms();
        let members = segments::count(db, &rule, now).await?; // warm the cache
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            segments::count(db, &rule, now).await?;
            times.push(started.elapsed());
        }
        let (median, p95) = median_p95(times);
        out.push_str(&format!("| {name} | {members} | {median:.1} | {p95:.1} |\n"));
        plans.push(format!("{name}:\n    {}", segments::count_plan(db, &rule, now).await?.join("\n    ")));
    }
    out.push_str(&format!("\nquery plans:\n{}\n", plans.join("\n")));
    Ok(out)
}
