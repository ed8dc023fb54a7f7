//! The funnel report on a fixed data set with answers worked out by hand, on both engines: both views, periods
//! that cut through an application's history, filters, an erased person who still counts but is never listed,
//! the CSV equal to the table, the page and its links to the candidates behind a figure, and roles.
use crate::common::{as_user, client, engines, exec, insert_candidate, open_job, spawn_app, TestApp};
use app::backend::analytics;
use app::backend::core::audit::Actor;
use app::backend::pipeline;
use app::domain::analytics::{Funnel, FunnelView, ReportFilter};
use app::domain::{parse_date, Role, Stage};
use app::i18n::Lang;

const HOUR: i64 = 3_600_000;

/// Noon of a day of January 2026 (or of December 2025 for days below 1), in the company's zone.
fn day(n: i64) -> i64 {
    parse_date("2026-01-01").unwrap() + (n - 1) * 24 * HOUR + 12 * HOUR
}

async fn application(app: &TestApp, id: &str, candidate: &str, job: &str, source: &str, at: i64) {
    let at = at.to_string();
    exec(
        app,
        "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) \
         VALUES ($1, $2, $3, 'applied', $4, CAST($5 AS BIGINT), CAST($5 AS BIGINT))",
        &[id, candidate, job, source, &at],
    )
    .await;
    exec(
        app,
        "INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, at) \
         VALUES ($1 || '-0', $1, NULL, 'applied', CAST($2 AS BIGINT))",
        &[id, &at],
    )
    .await;
}

/// A stage move (or, with an outcome, an ending where the application stands), written as the writers do: the
/// application first, then its move.
async fn step(app: &TestApp, id: &str, from: &str, to: &str, outcome: Option<&str>, reason: Option<&str>, at: i64) {
    let key = format!("{id}-{to}-{}", outcome.unwrap_or("move"));
    let at = at.to_string();
    exec(
        app,
        "UPDATE applications SET stage = $2, outcome = NULLIF($3, ''), decline_reason_id = NULLIF($4, '') WHERE id = $1",
        &[id, to, outcome.unwrap_or(""), reason.unwrap_or("")],
    )
    .await;
    exec(
        app,
        "INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, outcome, at) \
         VALUES ($1, $2, $3, $4, NULLIF($5, ''), CAST($6 AS BIGINT))",
        &[&key, id, from, to, outcome.unwrap_or(""), &at],
    )
    .await;
}

/// Eleven applications: ten of job A in January (10 applied, 6 screened, 3 interviewed, 1 hired, skipping the
/// offer), and one of job B (another department) from December that moved to interview on 12 January, whose
/// person is erased. Returns the candidate ids in order.
async fn fixture(app: &TestApp) -> Vec<String> {
    open_job(app, "ja", "open").await;
    exec(app, "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, created_at, updated_at) \
               VALUES ('jb', '営業', 'Sales', 'Sales', '大阪府', 'full_time', 'open', 1, 1)", &[]).await;
    exec(app, "INSERT INTO decline_reasons (id, side, label_ja, label_en, created_at) VALUES ('r-exp', 'company', '経験不足', 'Experience', 1)", &[]).await;
    let mut people = Vec::new();
    for i in 0..11 {
        people
            .push(insert_candidate(&app.state.db, &format!("p{i}@example.com"), "試験", &format!("太郎{i:02}")).await);
    }
    for (i, person) in people.iter().take(10).enumerate() {
        let source = if i >= 8 { "referral" } else { "website" };
        application(app, &format!("a{i}"), person, "ja", source, day(10)).await;
    }
    for i in 0..6 {
        step(app, &format!("a{i}"), "applied", "screening", None, None, day(11)).await;
    }
    for i in 0..3 {
        step(app, &format!("a{i}"), "screening", "interview", None, None, day(12)).await;
    }
    step(app, "a0", "interview", "hired", None, None, day(14)).await;
    for i in 6..10 {
        step(app, &format!("a{i}"), "applied", "applied", Some("rejected"), Some("r-exp"), day(13)).await;
    }
    for i in 3..5 {
        step(app, &format!("a{i}"), "screening", "screening", Some("withdrawn"), None, day(13)).await;
    }
    step(app, "a1", "interview", "interview", Some("rejected"), Some("r-exp"), day(15)).await;
    application(app, "a10", &people[10], "jb", "website", day(-11)).await;
    step(app, "a10", "applied", "interview", None, None, day(12)).await;
    // erased: the tombstone keeps the application and its history
    exec(
        app,
        "UPDATE candidates SET status = 'erased', email = 'erased', family_name = '', given_name = '' WHERE id = $1",
        &[&people[10]],
    )
    .await;
    people
}

fn filter(pairs: &[(&str, &str)]) -> ReportFilter {
    ReportFilter::from_pairs(pairs.iter().copied())
}

async fn funnel(app: &TestApp, pairs: &[(&str, &str)]) -> Funnel {
    analytics::funnel(&app.state.db, &filter(pairs), day(40), Lang::En).await.unwrap()
}

fn counts(f: &Funnel) -> Vec<i64> {
    f.stages.iter().map(|s| s.count).collect()
}

fn rates(f: &Funnel) -> Vec<Option<i64>> {
    f.stages.iter().map(|s| s.pass_through).collect()
}

fn drops(f: &Funnel) -> Vec<(Stage, &'static str, &str, i64)> {
    f.drop_offs.iter().map(|d| (d.stage, d.outcome.as_str(), d.reason.as_str(), d.count)).collect()
}

#[tokio::test]
async fn the_funnel_counts_cohorts_and_activity_as_worked_out_by_hand() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        fixture(&app).await;
        let name = engine.name;
        let january = [("from", "2026-01-01"), ("to", "2026-01-31")];

        let cohort = funnel(&app, &january).await;
        assert_eq!(cohort.view, FunnelView::Cohort);
        assert_eq!(counts(&cohort), vec![10, 6, 3, 1, 1], "{name}: the offer skipped counts as passed");
        assert_eq!(rates(&cohort), vec![None, Some(60), Some(50), Some(33), Some(100)], "{name}");
        let expected_drops = vec![
            (Stage::Applied, "rejected", "Experience", 4),
            (Stage::Screening, "withdrawn", "", 2),
            (Stage::Interview, "rejected", "Experience", 1),
        ];
        assert_eq!(drops(&cohort), expected_drops, "{name}");

        // December's application enters the cohort with a longer period; the erased person still counts
        let winter = funnel(&app, &[("from", "2025-12-01"), ("to", "2026-01-31")]).await;
        assert_eq!(counts(&winter), vec![11, 7, 4, 1, 1], "{name}");
        let sales = funnel(&app, &[("from", "2025-12-01"), ("to", "2026-01-31"), ("department", "Sales")]).await;
        assert_eq!(counts(&sales), vec![1, 1, 1, 0, 0], "{name}: by department");
        let referral = funnel(&app, &[("from", "2026-01-01"), ("to", "2026-01-31"), ("source", "referral")]).await;
        assert_eq!(counts(&referral), vec![2, 0, 0, 0, 0], "{name}: by channel");
        assert_eq!(drops(&referral), vec![(Stage::Applied, "rejected", "Experience", 2)], "{name}");
        let job_b = funnel(&app, &[("from", "2026-01-01"), ("to", "2026-01-31"), ("job", "jb")]).await;
        assert_eq!(counts(&job_b), vec![0, 0, 0, 0, 0], "{name}: job B's application is December's");

        let activity = funnel(&app, &[("from", "2026-01-01"), ("to", "2026-01-31"), ("view", "activity")]).await;
        assert_eq!(counts(&activity), vec![10, 6, 4, 0, 1], "{name}: moves in January, December's application too");
        assert_eq!(rates(&activity), vec![None, Some(60), Some(67), Some(0), None], "{name}");
        assert_eq!(drops(&activity), expected_drops, "{name}");
        // periods that cut through the histories
        let eleventh = funnel(&app, &[("from", "2026-01-11"), ("to", "2026-01-11"), ("view", "activity")]).await;
        assert_eq!(counts(&eleventh), vec![0, 6, 0, 0, 0], "{name}");
        assert!(eleventh.drop_offs.is_empty(), "{name}");
        let sales = [("from", "2026-01-01"), ("to", "2026-01-31"), ("view", "activity"), ("department", "Sales")];
        assert_eq!(counts(&funnel(&app, &sales).await), vec![0, 0, 1, 0, 0], "{name}: moves by department");
        let referral = [("from", "2026-01-01"), ("to", "2026-01-31"), ("view", "activity"), ("source", "referral")];
        let referral = funnel(&app, &referral).await;
        assert_eq!(counts(&referral), vec![2, 0, 0, 0, 0], "{name}: moves by channel");
        assert_eq!(drops(&referral), vec![(Stage::Applied, "rejected", "Experience", 2)], "{name}");
        let twelfth = funnel(&app, &[("from", "2026-01-12"), ("to", "2026-01-13"), ("view", "activity")]).await;
        assert_eq!(counts(&twelfth), vec![0, 0, 4, 0, 0], "{name}");
        assert_eq!(
            drops(&twelfth),
            vec![(Stage::Applied, "rejected", "Experience", 4), (Stage::Screening, "withdrawn", "", 2)],
            "{name}"
        );

        // a real stage move keeps the furthest stage of its application: a5 goes from screening to offer
        pipeline::move_stage(&app.state.db, "a5", Stage::Offer, &Actor::worker_for(None), day(16)).await.unwrap();
        assert_eq!(counts(&funnel(&app, &january).await), vec![10, 6, 4, 2, 1], "{name}");
        // and moving back does not undo what was reached
        pipeline::move_stage(&app.state.db, "a5", Stage::Screening, &Actor::worker_for(None), day(17)).await.unwrap();
        assert_eq!(counts(&funnel(&app, &january).await), vec![10, 6, 4, 2, 1], "{name}");
        // the moves the writers record carry their job and the reason given: they count in the activity by job
        exec(&app, "INSERT INTO decline_reasons (id, side, label_ja, label_en, created_at) VALUES ('r-move', 'candidate', '転居', 'Moved away', 1)", &[]).await;
        pipeline::withdraw(&app.state.db, "a2", "r-move", &Actor::worker_for(None), day(18)).await.unwrap();
        let job_a = [("from", "2026-01-16"), ("to", "2026-01-31"), ("view", "activity"), ("job", "ja")];
        let job_a = funnel(&app, &job_a).await;
        assert_eq!(counts(&job_a), vec![0, 1, 0, 1, 0], "{name}: a5 to offer and back to screening");
        assert_eq!(drops(&job_a), vec![(Stage::Interview, "withdrawn", "Moved away", 1)], "{name}");
    }
}

/// Follows the first link of the page whose address holds every one of `parts`; which of `people` (by position)
/// the candidate list it opens shows.
async fn people_behind(
    app: &TestApp,
    viewer: &reqwest::Client,
    people: &[String],
    html: &str,
    parts: &[&str],
) -> Vec<usize> {
    let link = html
        .split("href=\"")
        .map(|rest| rest.split('"').next().unwrap_or_default().replace("&amp;", "&"))
        .find(|href| parts.iter().all(|part| href.contains(part)))
        .unwrap_or_else(|| panic!("a link with {parts:?}"));
    let list = app.get(viewer, &link).await.text().await.unwrap();
    (0..people.len()).filter(|i| list.contains(&format!("/admin/candidates/{}\"", people[*i]))).collect()
}

#[tokio::test]
async fn the_page_and_csv_show_the_same_figures_and_link_to_the_people_behind_them() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let people = fixture(&app).await;
        let name = engine.name;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let query = "from=2026-01-01&to=2026-01-31";

        let stranger = app.get(&client(), &format!("/admin/analytics?{query}")).await;
        assert_eq!(stranger.status(), 303, "{name}: strangers go to sign in");
        assert_eq!(app.get(&client(), &format!("/admin/analytics/funnel.csv?{query}")).await.status(), 401, "{name}");

        let page = app.get(&viewer, &format!("/admin/analytics?{query}")).await;
        assert_eq!(page.status(), 200, "{name}");
        let html = page.text().await.unwrap();
        for figure in ["60%", "50%", "33%", "100%", "<svg", "<title", "経験不足"] {
            assert!(html.contains(figure), "{name}: the page shows {figure}");
        }

        let csv = app.get(&viewer, &format!("/admin/analytics/funnel.csv?{query}")).await;
        assert_eq!(csv.status(), 200, "{name}");
        let csv = csv.text().await.unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        for row in [
            "応募,10,",
            "書類選考,6,60%",
            "面接,3,50%",
            "内定,1,33%",
            "入社,1,100%",
            "応募,不採用,経験不足,4",
            "書類選考,辞退,理由の記録なし,2",
            "面接,不採用,経験不足,1",
        ] {
            assert!(lines.contains(&row), "{name}: the CSV holds {row}: {lines:?}");
        }
        assert!(lines.contains(&"期間,2026-01-01 – 2026-01-31"), "{name}: {lines:?}");

        // the interview figure of the cohort: the three people who reached it
        let behind = people_behind(&app, &viewer, &people, &html, &["/admin/candidates?", "reached=interview"]).await;
        assert_eq!(behind, vec![0, 1, 2], "{name}");
        // the withdrawals without a reason: exactly those two people
        let behind = people_behind(&app, &viewer, &people, &html, &["outcome=withdrawn", "reason=none"]).await;
        assert_eq!(behind, vec![3, 4], "{name}");
        // the rejections at the first stage for lack of experience: the four people rejected there
        let behind = people_behind(&app, &viewer, &people, &html, &["stage=applied", "reason=r-exp"]).await;
        assert_eq!(behind, vec![6, 7, 8, 9], "{name}");
        // an ending counts in the period it happened in: a1 moved to interview on the 12th and was rejected on the 15th
        let ended = "/admin/candidates?stage=interview&outcome=rejected&moved_outcome=rejected";
        for (day, expected) in [("2026-01-12", false), ("2026-01-15", true)] {
            let list =
                app.get(&viewer, &format!("{ended}&moved_from={day}&moved_to={day}")).await.text().await.unwrap();
            let listed = list.contains(&format!("/admin/candidates/{}\"", people[1]));
            assert_eq!(listed, expected, "{name}: rejected on {day}");
        }
        // the activity figure counts the erased person, the list never shows them
        let moved = "/admin/candidates?moved_from=2026-01-12&moved_to=2026-01-12&moved_into=interview";
        let list = app.get(&viewer, moved).await.text().await.unwrap();
        let shown = people.iter().filter(|p| list.contains(&format!("/admin/candidates/{p}\""))).count();
        assert_eq!(shown, 3, "{name}: four moved, one of them erased");
        assert!(!list.contains(&format!("/admin/candidates/{}\"", people[10])), "{name}");
        assert!(list.contains("name=\"moved_into\""), "{name}: the list's form keeps the report's conditions");
    }
}
