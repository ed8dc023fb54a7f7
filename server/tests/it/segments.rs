//! Segments: every condition against a fixed set of people on both engines, the presets, nesting, and the
//! builder through the real HTTP interface (plain form posts, hostile rows refused per row).
use crate::common::{as_user, engines, exec, insert_candidate, location, open_job, spawn_app, TestApp};
use app::backend::segments;
use app::domain::segments::{Condition as C, Rule, SegmentConsent, PRESETS};
use app::domain::{InvitationStatus, Outcome, Role, SourceChannel, Stage};

const DAY: i64 = 86_400_000;
/// The moment every count here is taken at: 2026-12-01 00:00 in Japan.
const NOW: i64 = 1_796_050_800_000;

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn who(app: &TestApp, rule: &Rule) -> Vec<String> {
    let members = segments::members(&app.state.db, rule, NOW, None, 100).await.unwrap();
    let count = segments::count(&app.state.db, rule, NOW).await.unwrap();
    assert_eq!(count as usize, members.len(), "count and members agree for {rule:?}");
    let mut names: Vec<String> = members.into_iter().map(|m| m.name).collect();
    names.sort();
    names
}

async fn consent(app: &TestApp, id: &str, n: &str, purpose: &str, action: &str, at: i64) {
    let sql = format!(
        "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) \
         VALUES ('{n}', $1, '{purpose}', 'policy-{purpose}-v1', '{action}', 'portal', 'candidate', {at})"
    );
    exec(app, &sql, &[id]).await;
}

/// Four people: 山田 (talent pool, rejected 180 days ago at screening, Rust, Tokyo), 鈴木 (job news, never
/// applied, came to an event), Wilson (reached an offer, referral source, invited, job news withdrawn), 佐藤
/// (talent pool, rejected 30 days ago, registered for an event and did not come); and one erased record.
async fn people(app: &TestApp) -> [String; 4] {
    open_job(app, "job-a", "open").await;
    let yamada = insert_candidate(&app.state.db, "yamada@example.com", "山田", "花子").await;
    let suzuki = insert_candidate(&app.state.db, "suzuki@example.com", "鈴木", "一郎").await;
    let wilson = insert_candidate(&app.state.db, "wilson@example.com", "Wilson", "Emma").await;
    let sato = insert_candidate(&app.state.db, "sato@example.com", "佐藤", "次郎").await;
    let set = |id: &str, sql: &str| format!("UPDATE candidates SET {sql} WHERE id = '{id}'");
    exec(app, &set(&yamada, &format!("skills = 'Rust, SQL', location = '東京都', desired_roles = 'SRE', created_at = {}, last_contact_at = {}", NOW - 400 * DAY, NOW - 10 * DAY)), &[]).await;
    exec(
        app,
        &set(
            &suzuki,
            &format!(
                "source_channel = 'info_session', created_at = {}, last_contact_at = {}",
                NOW - 50 * DAY,
                NOW - 100 * DAY
            ),
        ),
        &[],
    )
    .await;
    exec(
        app,
        &set(&wilson, &format!("source_channel = 'referral', location = 'Osaka', created_at = {}", NOW - 5 * DAY)),
        &[],
    )
    .await;
    exec(app, &set(&sato, &format!("desired_roles = 'Backend engineer', created_at = {}", NOW - 200 * DAY)), &[]).await;
    exec(app, "INSERT INTO candidates (id, email, family_name, given_name, source_channel, status, created_at, updated_at) VALUES ('gone', 'erased-gone@erased.invalid', '', '', 'website', 'erased', 1, 1)", &[]).await;
    consent(app, &yamada, "k1", "talent_pool", "granted", 1).await;
    consent(app, &suzuki, "k2", "job_news", "granted", 1).await;
    consent(app, &wilson, "k3", "job_news", "granted", 1).await;
    consent(app, &wilson, "k4", "job_news", "withdrawn", 2).await;
    consent(app, &sato, "k5", "talent_pool", "granted", 1).await;
    let apply = |n: &str, id: &str, stage: &str, outcome: &str| {
        format!("INSERT INTO applications (id, candidate_id, job_id, stage, outcome, decline_reason_id, source_channel, created_at, updated_at) VALUES ('{n}', '{id}', 'job-a', '{stage}', {outcome}, {}, 'website', 1, 1)", if outcome == "NULL" { "NULL" } else { "'r-skills'" })
    };
    exec(app, "INSERT INTO decline_reasons (id, side, label_ja, label_en, created_at) VALUES ('r-skills', 'company', 'スキル不足', 'Skills', 1)", &[]).await;
    exec(app, &apply("a1", &yamada, "screening", "'rejected'"), &[]).await;
    exec(app, &apply("a2", &wilson, "offer", "NULL"), &[]).await;
    exec(app, &apply("a3", &sato, "interview", "'rejected'"), &[]).await;
    let rejected = |n: &str, app_id: &str, at: i64| {
        format!("INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, outcome, at) VALUES ('{n}', '{app_id}', 'screening', 'screening', 'rejected', {at})")
    };
    exec(app, &rejected("t1", "a1", NOW - 180 * DAY), &[]).await;
    exec(app, &rejected("t3", "a3", NOW - 30 * DAY), &[]).await;
    exec(app, "INSERT INTO tags (id, name, created_at) VALUES ('t-java', 'Java経験', 1)", &[]).await;
    exec(app, "INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, 't-java', 1)", &[&sato]).await;
    exec(
        app,
        &format!(
            "INSERT INTO events (id, title, starts_at, location, created_at) VALUES ('ev', '説明会', {}, '東京', 1)",
            NOW - 7 * DAY
        ),
        &[],
    )
    .await;
    exec(
        app,
        &format!(
            "INSERT INTO event_attendees (event_id, candidate_id, registered_at, attended_at) VALUES ('ev', $1, 1, {})",
            NOW - 7 * DAY
        ),
        &[&suzuki],
    )
    .await;
    exec(
        app,
        "INSERT INTO event_attendees (event_id, candidate_id, registered_at, attended_at) VALUES ('ev', $1, 1, NULL)",
        &[&sato],
    )
    .await;
    exec(
        app,
        "INSERT INTO invitations (id, candidate_id, job_id, status, created_at) VALUES ('i1', $1, 'job-a', 'sent', 1)",
        &[&wilson],
    )
    .await;
    exec(
        app,
        "INSERT INTO contact_preferences (candidate_id, topics, updated_at) VALUES ($1, $2, 1)",
        &[&suzuki, "department:開発\nlocation:東京"],
    )
    .await;
    [yamada, suzuki, wilson, sato]
}

#[tokio::test]
async fn every_condition_finds_exactly_its_people_on_both_engines() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        people(&app).await;
        let when = |c: C| Rule::all(vec![Rule::when(c)]);
        let cases: Vec<(Rule, Vec<&str>)> = vec![
            (when(C::Tag { tag: "Java経験".into() }), vec!["佐藤 次郎"]),
            (when(C::Source { source: SourceChannel::Referral }), vec!["Wilson Emma"]),
            (when(C::StageReached { stage: Stage::Screening }), vec!["Wilson Emma", "佐藤 次郎", "山田 花子"]),
            (when(C::StageReached { stage: Stage::Interview }), vec!["Wilson Emma", "佐藤 次郎"]),
            (when(C::StageReached { stage: Stage::Hired }), vec![]),
            (when(C::Outcome { outcome: Outcome::Rejected }), vec!["佐藤 次郎", "山田 花子"]),
            (when(C::DeclineReason { reason: "r-skills".into() }), vec!["佐藤 次郎", "山田 花子"]),
            (when(C::RejectedDaysAgo { min: 150, max: Some(210) }), vec!["山田 花子"]),
            (when(C::RejectedDaysAgo { min: 0, max: Some(29) }), vec![]),
            (when(C::RejectedDaysAgo { min: 30, max: Some(30) }), vec!["佐藤 次郎"]),
            (when(C::RejectedDaysAgo { min: 31, max: None }), vec!["山田 花子"]),
            (when(C::ContactDaysAgo { min: 0, max: Some(90) }), vec!["Wilson Emma", "山田 花子"]),
            (when(C::ContactDaysAgo { min: 91, max: None }), vec!["佐藤 次郎", "鈴木 一郎"]),
            (when(C::Consent { purpose: SegmentConsent::TalentPool, granted: true }), vec!["佐藤 次郎", "山田 花子"]),
            (when(C::Consent { purpose: SegmentConsent::JobNews, granted: true }), vec!["鈴木 一郎"]),
            (
                when(C::Consent { purpose: SegmentConsent::JobNews, granted: false }),
                vec!["Wilson Emma", "佐藤 次郎", "山田 花子"],
            ),
            (when(C::Consent { purpose: SegmentConsent::AgencyReferral, granted: true }), vec![]),
            (when(C::Topic { topic: "department:開発".into() }), vec!["鈴木 一郎"]),
            (when(C::Topic { topic: "department:開".into() }), vec![]),
            (when(C::Location { text: "東京".into() }), vec!["山田 花子"]),
            (when(C::Location { text: "osaka".into() }), vec!["Wilson Emma"]),
            (when(C::Skill { text: "rust".into() }), vec!["山田 花子"]),
            (when(C::Skill { text: "%".into() }), vec![]),
            (when(C::DesiredRole { text: "engineer".into() }), vec!["佐藤 次郎"]),
            (when(C::Event { event: None, attended: true }), vec!["鈴木 一郎"]),
            (when(C::Event { event: Some("ev".into()), attended: false }), vec!["佐藤 次郎"]),
            (when(C::Event { event: Some("other".into()), attended: true }), vec![]),
            (when(C::Invitation { status: InvitationStatus::Sent }), vec!["Wilson Emma"]),
            (when(C::AddedBetween { from: Some("2026-11-01".into()), to: None }), vec!["Wilson Emma"]),
            (
                when(C::AddedBetween { from: None, to: Some("2026-10-12".into()) }),
                vec!["佐藤 次郎", "山田 花子", "鈴木 一郎"],
            ),
            (when(C::Applied), vec!["Wilson Emma", "佐藤 次郎", "山田 花子"]),
        ];
        let everyone = ["Wilson Emma", "佐藤 次郎", "山田 花子", "鈴木 一郎"];
        for (rule, expected) in cases {
            assert_eq!(who(&app, &rule).await, expected, "{}: {rule:?}", engine.name);
            // "none of" it is exactly everyone else: no condition leaves someone out of both (SQL's NULL)
            let Rule::Group { rules, .. } = rule else { unreachable!() };
            let others: Vec<&str> = everyone.iter().copied().filter(|n| !expected.contains(n)).collect();
            assert_eq!(who(&app, &Rule::none(rules)).await, others, "{}: none of", engine.name);
        }
    }
}

#[tokio::test]
async fn groups_nest_and_the_presets_find_their_people() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        people(&app).await;
        // (talent pool AND NOT rejected in 60 days) OR (came to an event AND any topic about 開発)
        let nested = Rule::any(vec![
            Rule::all(vec![
                Rule::when(C::Consent { purpose: SegmentConsent::TalentPool, granted: true }),
                Rule::none(vec![Rule::when(C::RejectedDaysAgo { min: 0, max: Some(60) })]),
            ]),
            Rule::all(vec![
                Rule::when(C::Event { event: None, attended: true }),
                Rule::when(C::Topic { topic: "department:開発".into() }),
            ]),
        ]);
        assert_eq!(who(&app, &nested).await, ["山田 花子", "鈴木 一郎"], "{}", engine.name);
        let preset = |key: &str| (PRESETS.iter().find(|p| p.key == key).unwrap().rule)();
        // hire now: talent pool, not rejected in 6 months, in touch in 90 days: 山田 was rejected 180 days ago,
        // 佐藤 30 days ago; 田中 was never rejected and was in touch 20 days ago
        assert_eq!(who(&app, &preset("hire_now")).await, Vec::<String>::new(), "{}", engine.name);
        let tanaka = insert_candidate(&app.state.db, "tanaka@example.com", "田中", "三郎").await;
        exec(&app, &format!("UPDATE candidates SET last_contact_at = {} WHERE id = $1", NOW - 20 * DAY), &[&tanaka])
            .await;
        consent(&app, &tanaka, "k6", "talent_pool", "granted", 1).await;
        assert_eq!(who(&app, &preset("hire_now")).await, ["田中 三郎"], "{}", engine.name);
        assert_eq!(who(&app, &preset("revisit")).await, ["山田 花子"], "{}", engine.name);
        assert_eq!(who(&app, &preset("future_interest")).await, ["鈴木 一郎"], "{}", engine.name);
        // the presets ship as stored segments, read back to the same rules
        let stored = segments::list(&app.state.db).await.unwrap();
        assert_eq!(stored.iter().filter(|s| s.preset.is_some()).count(), 3);
        for summary in stored {
            let (_, rule) = segments::get(&app.state.db, &summary.id).await.unwrap().unwrap();
            assert_eq!(Some(rule), summary.preset.as_deref().map(preset));
        }
    }
}

#[tokio::test]
async fn the_builder_edits_a_segment_with_plain_form_posts() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let [yamada, ..] = people(&app).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "view@example.com", Role::Viewer).await;
        let created = app
            .post_form(
                &recruiter,
                "/api/admin/create-segment",
                &[("name_ja", "Rust経験者"), ("name_en", "Rust people")],
            )
            .await;
        let page = location(&created);
        assert!(page.starts_with("/admin/segments/"), "{page}");
        let id = page.trim_start_matches("/admin/segments/").to_owned();
        // a new segment starts with "in the talent pool"
        let html = app.get(&recruiter, &page).await.text().await.unwrap();
        assert!(
            html.contains("Rust経験者") && html.contains("山田 花子") && html.contains("佐藤 次郎"),
            "{}",
            engine.name
        );
        // add a rule, then make it "skills contain rust": the second post changes the new row's kind
        let added = app
            .post_form(
                &recruiter,
                "/api/admin/save-segment",
                &[
                    ("id", &id),
                    ("name_ja", "Rust経験者"),
                    ("name_en", "Rust people"),
                    ("action", "add:0"),
                    ("rows[0][depth]", "0"),
                    ("rows[0][kind]", "all"),
                    ("rows[0][was]", "all"),
                    ("rows[1][depth]", "1"),
                    ("rows[1][kind]", "consent"),
                    ("rows[1][was]", "consent"),
                    ("rows[1][a]", "talent_pool"),
                    ("rows[1][b]", "granted"),
                ],
            )
            .await;
        assert_eq!(location(&added), format!("{page}?edited=1"));
        let mut form: Vec<(String, String)> = vec![
            ("id".into(), id.clone()),
            ("name_ja".into(), "Rust経験者".into()),
            ("name_en".into(), "Rust people".into()),
            ("action".into(), "save".into()),
        ];
        for (i, (depth, kind, a, b, was)) in [
            ("0", "all", "", "", "all"),
            ("1", "consent", "talent_pool", "granted", "consent"),
            ("1", "skill", "", "", "consent"),
        ]
        .iter()
        .enumerate()
        {
            for (key, value) in [("depth", depth), ("kind", kind), ("a", a), ("b", b), ("was", was)] {
                form.push((format!("rows[{i}][{key}]"), value.to_string()));
            }
        }
        let refused = app.post_form(&recruiter, "/api/admin/save-segment", &pairs(&form)).await;
        assert!(location(&refused).contains("fe_rows%5B2%5D=ErrRequired"), "{}", location(&refused));
        let back = location(&refused);
        let html = app.get(&recruiter, &back).await.text().await.unwrap();
        assert!(
            html.contains(r#"name="rows[2][a]""#) && html.contains(r#"type="text""#),
            "the new row is kept with its inputs"
        );
        assert!(html.contains("行 3"), "its error names the row");
        for (key, value) in [("rows[2][was]", "skill"), ("rows[2][a]", "RUST")] {
            let at = form.iter().position(|(k, _)| k == key).unwrap();
            form[at].1 = value.into();
        }
        let saved = app.post_form(&recruiter, "/api/admin/save-segment", &pairs(&form)).await;
        assert_eq!(location(&saved), format!("{page}?saved=1"));
        let html = app.get(&viewer, &page).await.text().await.unwrap();
        assert!(
            html.contains("山田 花子") && !html.contains("佐藤 次郎"),
            "{}: evaluated now, by the viewer",
            engine.name
        );
        assert!(html.contains(&format!("/admin/candidates/{yamada}")));
        // viewers look but do not touch
        let denied = app.post_form(&viewer, "/api/admin/save-segment", &pairs(&form)).await;
        assert_eq!(denied.status(), 403);
        let deleted = app.post_form(&recruiter, "/api/admin/delete-segment", &[("id", &id)]).await;
        assert_eq!(location(&deleted), "/admin/segments?deleted=1");
        assert_eq!(app.get(&recruiter, &page).await.status(), 404);
    }
}

#[tokio::test]
async fn hostile_rows_are_refused_one_error_per_row_and_never_become_sql() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        people(&app).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = "00000000-0000-7000-8000-5e6000000001";
        let mut form: Vec<(String, String)> =
            vec![("id".into(), id.into()), ("name_ja".into(), "x".into()), ("name_en".into(), "x".into())];
        let rows = [
            ("0", "all", "", ""),
            ("1", "skill", "' OR 1=1 --", ""),
            ("1", "source", "website' OR '1'='1", ""),
            ("1", "consent", "talent_pool') OR ('1", "granted"),
            ("1", "rejected_days_ago", "-1", "99999999999"),
        ];
        for (i, (depth, kind, a, b)) in rows.iter().enumerate() {
            for (key, value) in [("depth", depth), ("kind", kind), ("a", a), ("b", b), ("was", kind)] {
                form.push((format!("rows[{i}][{key}]"), value.to_string()));
            }
        }
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let refused = location(&app.post_form(&recruiter, "/api/admin/save-segment", &pairs).await);
        for expected in ["fe_rows%5B2%5D=ErrInvalid", "fe_rows%5B3%5D=ErrInvalid", "fe_rows%5B4%5D=ErrSegmentDays"] {
            assert!(refused.contains(expected), "{expected} in {refused}");
        }
        // the text row alone is a valid rule: quotes are a value, matched literally, never SQL
        let text_only: Vec<(&str, &str)> = pairs
            .iter()
            .copied()
            .filter(|(k, _)| !k.starts_with("rows[2]") && !k.starts_with("rows[3]") && !k.starts_with("rows[4]"))
            .collect();
        let saved = location(&app.post_form(&recruiter, "/api/admin/save-segment", &text_only).await);
        assert!(saved.ends_with("?saved=1"), "{saved}");
        let (_, rule) = segments::get(&app.state.db, id).await.unwrap().unwrap();
        assert_eq!(segments::count(&app.state.db, &rule, NOW).await.unwrap(), 0);
        // too many rows, and no such segment
        let mut big =
            vec![("id", id), ("name_ja", "x"), ("name_en", "x"), ("rows[0][depth]", "0"), ("rows[0][kind]", "all")];
        let keys: Vec<(String, String)> = (1..=60)
            .flat_map(|i| {
                [(format!("rows[{i}][depth]"), "1".to_owned()), (format!("rows[{i}][kind]"), "applied".to_owned())]
            })
            .collect();
        big.extend(keys.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(
            location(&app.post_form(&recruiter, "/api/admin/save-segment", &big).await).contains("ErrSegmentTooLarge")
        );
        let missing = app.post_form(&recruiter, "/api/admin/delete-segment", &[("id", "nope")]).await;
        assert!(location(&missing).contains("error=ErrNotFound"));
    }
}
