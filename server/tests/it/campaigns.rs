//! Campaigns end to end on both engines: drafted, confirmed and scheduled through the real HTTP interface, then
//! sent by the worker with every person checked at the moment of sending (consent, unsubscribe, pause, monthly
//! cap, quiet hours, rate), a sequence's steps after their delays with its exits, the report, the click
//! redirect, a worker that dies mid-batch, and a withdrawal that lands after a message was queued.
use crate::common::{as_user, engines, exec, insert_candidate, location, sent_back, sink, spawn_app, TestApp};
use app::backend::campaigns::send;
use app::backend::core::mail::deliver_due;
use app::backend::now_ms;
use app::domain::Role;

pub(crate) const DAY: i64 = 86_400_000;
pub(crate) const SEGMENT: &str = "sg-nurture";

/// A segment of everyone tagged `nurture`, and a person in it who agreed to job news.
pub(crate) async fn segment(app: &TestApp) {
    exec(app, "INSERT INTO tags (id, name, key, created_at) VALUES ('t-n', 'nurture', 'nurture', 1)", &[]).await;
    let rule = r#"{"group":{"join":"all","rules":[{"condition":{"field":"tag","tag":"nurture"}}]}}"#;
    exec(app, &format!("INSERT INTO segments (id, name_ja, name_en, rule, created_at, updated_at) VALUES ('{SEGMENT}', '育成', 'Nurture', '{rule}', 1, 1)"), &[]).await;
}

pub(crate) async fn person(app: &TestApp, email: &str, family: &str, consent: bool) -> String {
    let id = insert_candidate(&app.state.db, email, family, "テスト").await;
    exec(app, "INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, 't-n', 1)", &[&id]).await;
    if consent {
        grant(app, &id, 1).await;
    }
    id
}

pub(crate) async fn grant(app: &TestApp, id: &str, at: i64) {
    record(app, id, "granted", at).await;
}

pub(crate) async fn record(app: &TestApp, id: &str, action: &str, at: i64) {
    let sql = format!(
        "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) \
         VALUES ('{}', $1, 'job_news', 'policy-job_news-v1', '{action}', 'portal', 'candidate', {at})",
        app::backend::new_id()
    );
    exec(app, &sql, &[id]).await;
}

/// Creates a campaign through the form and returns its id.
pub(crate) async fn create(app: &TestApp, browser: &reqwest::Client, kind: &str) -> String {
    let form = [
        ("name", "秋の再会"),
        ("kind", kind),
        ("segment_id", SEGMENT),
        ("purpose", "job_news"),
        ("exit_on_unmatch", "1"),
    ];
    let response = app.post_form(browser, "/api/admin/create-campaign", &form).await;
    let url = location(&response);
    assert!(url.starts_with("/admin/campaigns/"), "{url}");
    url.trim_start_matches("/admin/campaigns/").to_owned()
}

/// Schedules it to start now, as a recruiter does: the first post shows the count, the second confirms.
pub(crate) async fn schedule_now(app: &TestApp, browser: &reqwest::Client, id: &str) -> String {
    let first = app.post_form(browser, "/api/admin/schedule-campaign", &[("id", id), ("when", "now")]).await;
    let confirm = location(&first);
    assert!(confirm.contains("?confirm="), "nothing is scheduled before the count is confirmed: {confirm}");
    let state: String = sqlx::query_scalar("SELECT status FROM campaigns WHERE id = $1")
        .bind(id)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(state, "draft");
    let page = app.get(browser, &confirm).await.text().await.unwrap();
    let at = confirm.split("confirm=").nth(1).unwrap().to_owned();
    let second = app
        .post_form(browser, "/api/admin/schedule-campaign", &[("id", id), ("starts_at", &at), ("confirmed", "1")])
        .await;
    assert!(location(&second).ends_with("?scheduled=1"), "{}", location(&second));
    page
}

pub(crate) async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).bind(bind).fetch_one(app.state.db.pool()).await.unwrap()
}

pub(crate) async fn skipped(app: &TestApp, campaign: &str) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.family_name, COALESCE(s.reason, s.outcome) FROM campaign_sends s JOIN candidates c ON c.id = s.candidate_id \
         WHERE s.campaign_id = $1 AND s.position = 0",
    )
    .bind(campaign)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    rows.sort();
    rows
}

#[tokio::test]
async fn a_one_off_mails_who_may_be_mailed_and_counts_everyone_else_by_reason() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        segment(&app).await;
        let now = now_ms();
        let a = person(&app, "a@example.com", "安藤", true).await;
        let b = person(&app, "b@example.com", "伴", true).await;
        record(&app, &b, "withdrawn", 2).await;
        let c = person(&app, "c@example.com", "千葉", true).await;
        exec(
            &app,
            &format!(
                "INSERT INTO contact_preferences (candidate_id, unsubscribed_at, updated_at) VALUES ($1, {now}, {now})"
            ),
            &[&c],
        )
        .await;
        let d = person(&app, "d@example.com", "土井", true).await;
        exec(
            &app,
            &format!(
                "INSERT INTO contact_preferences (candidate_id, pause_until, updated_at) VALUES ($1, {}, {now})",
                now + 30 * DAY
            ),
            &[&d],
        )
        .await;
        let e = person(&app, "e@example.com", "江口", true).await;
        exec(
            &app,
            &format!("INSERT INTO contact_preferences (candidate_id, monthly_cap, updated_at) VALUES ($1, 1, {now})"),
            &[&e],
        )
        .await;
        exec(&app, &format!("INSERT INTO mail_outbox (id, message_id, recipient, candidate_id, kind, language, subject, body_text, consent_purpose, status, next_attempt_at, created_at) VALUES ('old', '<old@x>', 'e@example.com', $1, 'invitation', 'ja', 's', 'b', 'job_news', 'sent', 1, {})", now - DAY), &[&e]).await;
        let f = person(&app, "f@example.com", "福田", true).await;
        person(&app, "g@example.com", "後藤", false).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = create(&app, &recruiter, "one_off").await;
        let page = schedule_now(&app, &recruiter, &id).await;
        assert!(page.contains(r#"class="confirm-in-segment">7<"#), "{}: seven in the segment", engine.name);
        assert!(
            page.contains(r#"class="confirm-may-mail">3<"#),
            "{}: A, E (the cap applies when mail goes) and F",
            engine.name
        );
        send::launch_due(&app.state.db, now_ms()).await.unwrap();
        // F is erased after being enrolled and before the step
        app::backend::erasure::erase(
            &app.state.db,
            &app.state.config,
            &f,
            &app::backend::core::audit::Actor::candidate(&f, "127.0.0.1"),
            now_ms(),
        )
        .await
        .unwrap();
        let report = send::work(&app.state.db, &app.state.config, now_ms()).await.unwrap();
        assert_eq!((report.sent, report.skipped), (1, 5), "{}", engine.name);
        let gone: Option<String> =
            sqlx::query_scalar("SELECT exit_reason FROM campaign_enrolments WHERE candidate_id = $1")
                .bind(&f)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(gone.as_deref(), Some("erased"), "{}: erasure ends their campaigns", engine.name);
        let outcomes = skipped(&app, &id).await;
        let reasons: Vec<&str> = outcomes.iter().map(|(_, r)| r.as_str()).collect();
        let mut expected = vec!["sent", "no_consent", "unsubscribed", "paused", "cap", "no_consent"];
        expected.sort();
        let mut got = reasons.clone();
        got.sort();
        assert_eq!(got, expected, "{}: {outcomes:?}", engine.name);
        deliver_due(&app.state.db, &sink(&app), now_ms()).await.unwrap();
        let to_a = count(
            &app,
            "SELECT COUNT(*) FROM mail_outbox WHERE candidate_id = $1 AND kind = 'campaign' AND status = 'sent'",
            &a,
        )
        .await;
        assert_eq!(to_a, 1, "{}", engine.name);
        for other in [&b, &c, &d, &e] {
            assert_eq!(
                count(&app, "SELECT COUNT(*) FROM mail_outbox WHERE candidate_id = $1 AND kind = 'campaign'", other)
                    .await,
                0
            );
        }
        let mail: String =
            sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE candidate_id = $1 AND kind = 'campaign'")
                .bind(&a)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert!(mail.contains("安藤 テスト様"), "{}: {mail}", engine.name);
        // the report, through the page a viewer sees
        send::work(&app.state.db, &app.state.config, now_ms()).await.unwrap();
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let page = app.get(&viewer, &format!("/admin/campaigns/{id}")).await.text().await.unwrap();
        assert!(page.contains(r#"class="report-enrolled">7<"#), "{}", engine.name);
        assert!(page.contains("同意なし 2"), "{}: skipped by reason", engine.name);
        let state: String = sqlx::query_scalar("SELECT status FROM campaigns WHERE id = $1")
            .bind(&id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(state, "done", "{}", engine.name);
        // the segment it mailed stays (its report names it)
        let kept = app.post_form(&recruiter, "/api/admin/delete-segment", &[("id", SEGMENT)]).await;
        assert!(location(&kept).contains("error="), "{}: {}", engine.name, location(&kept));
        // nothing about a scheduled campaign can change any more
        let response = app.post_form(&recruiter, "/api/admin/add-campaign-step", &[("id", &id)]).await;
        assert!(location(&response).contains("error="), "{}", engine.name);
    }
}

#[tokio::test]
async fn a_sequence_waits_its_delays_and_lets_people_go_when_they_apply_or_leave_the_segment() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        segment(&app).await;
        crate::common::open_job(&app, "job-1", "open").await;
        let a = person(&app, "a@example.com", "安藤", true).await;
        let b = person(&app, "b@example.com", "伴", true).await;
        let c = person(&app, "c@example.com", "千葉", true).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = create(&app, &recruiter, "sequence").await;
        let added = app.post_form(&recruiter, "/api/admin/add-campaign-step", &[("id", &id)]).await;
        assert!(!location(&added).contains("error="), "{}", location(&added));
        let step = [
            ("id", id.as_str()),
            ("position", "1"),
            ("delay", "7"),
            ("unit", "days"),
            ("anchor", "previous"),
            ("subject_ja", "{{name}}様、その後いかがですか"),
            ("body_ja", "{{name}}様\n{{portal_link}}"),
            ("subject_en", "How are you, {{name}}?"),
            ("body_en", "Dear {{name}}\n{{portal_link}}"),
        ];
        let saved = app.post_form(&recruiter, "/api/admin/save-campaign-step", &step).await;
        assert!(location(&saved).ends_with("?saved=1"), "{}", location(&saved));
        schedule_now(&app, &recruiter, &id).await;
        let t0 = now_ms();
        send::work(&app.state.db, &app.state.config, t0).await.unwrap();
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM campaign_sends WHERE campaign_id = $1 AND outcome = 'sent'", &id).await,
            3
        );
        // B applies, C loses the tag; a day later nothing is due yet
        exec(&app, &format!("INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('ap-b', $1, 'job-1', 'applied', 'website', {}, 1)", t0 + DAY), &[&b]).await;
        exec(&app, "DELETE FROM candidate_tags WHERE candidate_id = $1", &[&c]).await;
        let early = send::work(&app.state.db, &app.state.config, t0 + DAY).await.unwrap();
        assert_eq!(early.sent + early.skipped, 0, "{}: the second step waits seven days", engine.name);
        let later = send::work(&app.state.db, &app.state.config, t0 + 7 * DAY + 1000).await.unwrap();
        assert_eq!((later.sent, later.skipped), (1, 2), "{}", engine.name);
        let second: Vec<(String, String)> = sqlx::query_as(
            "SELECT candidate_id, COALESCE(reason, outcome) FROM campaign_sends WHERE campaign_id = $1 AND position = 1 ORDER BY candidate_id",
        )
        .bind(&id)
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
        let reason = |who: &str| second.iter().find(|(c, _)| c == who).map(|(_, r)| r.clone()).unwrap();
        assert_eq!(
            (reason(&a), reason(&b), reason(&c)),
            ("sent".into(), "applied".into(), "left_segment".into()),
            "{}",
            engine.name
        );
        let report = app::backend::campaigns::report::report(&app.state.db, &id).await.unwrap();
        assert_eq!(report.steps.len(), 2);
        assert_eq!(
            (report.steps[0].sent, report.steps[1].sent, report.steps[1].eligible),
            (3, 1, 3),
            "{}",
            engine.name
        );
        assert_eq!(
            (report.steps[0].applied, report.applied, report.waiting),
            (1, 1, 0),
            "{}: B applied within 30 days",
            engine.name
        );
    }
}

#[tokio::test]
async fn bad_steps_are_refused_field_by_field_and_what_was_typed_comes_back() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        segment(&app).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let bad = app
            .post_form(
                &recruiter,
                "/api/admin/create-campaign",
                &[("name", ""), ("kind", "blast"), ("segment_id", SEGMENT), ("purpose", "agency_referral")],
            )
            .await;
        let url = location(&bad);
        assert!(url.contains("fe_name=") && url.contains("fe_kind=") && url.contains("fe_purpose="), "{url}");
        let missing = app
            .post_form(
                &recruiter,
                "/api/admin/create-campaign",
                &[("name", "x"), ("kind", "one_off"), ("segment_id", "nope"), ("purpose", "job_news")],
            )
            .await;
        assert!(location(&missing).contains("fe_segment_id="), "{}", location(&missing));
        let id = create(&app, &recruiter, "one_off").await;
        let step = [
            ("id", id.as_str()),
            ("position", "0"),
            ("delay", "-3"),
            ("unit", "days"),
            ("anchor", "previous"),
            ("subject_ja", "件名 <script>"),
            ("body_ja", "{{name}}様 {{sign_in_link}}"),
            ("subject_en", ""),
            ("body_en", "Dear {{name}}"),
        ];
        let response = app.post_form(&recruiter, "/api/admin/save-campaign-step", &step).await;
        let (url, page) = sent_back(&app, &recruiter, &response).await;
        assert!(
            url.contains("fe_delay.0=") && url.contains("fe_body_ja.0=") && url.contains("fe_subject_en.0="),
            "{url}"
        );
        assert!(!url.contains("script"), "typed values stay out of the URL");
        assert!(page.contains("件名 &lt;script&gt;"), "{}: kept and escaped", engine.name);
        let stored: String = sqlx::query_scalar("SELECT body_ja FROM campaign_steps WHERE campaign_id = $1")
            .bind(&id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert!(!stored.contains("sign_in_link"), "{}: nothing was saved", engine.name);
        // a viewer reads, never writes
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let refused = app.call(&viewer, "/api/admin/test-campaign", &[("id", &id)]).await;
        assert_eq!(refused.status(), 403);
    }
}
