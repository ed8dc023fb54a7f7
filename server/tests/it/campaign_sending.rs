//! Campaign sending under pressure, on both engines: quiet hours and the rate with an injected clock, a worker
//! that dies mid-batch while two others take over, a withdrawal that lands after a mail was queued, and the click
//! redirect.
use crate::campaigns::{count, create, person, record, schedule_now, segment, skipped, DAY};
use crate::common::{as_user, engines, location, sink, spawn_app};
use app::backend::campaigns::send::{self, claim, LEASE_MS};
use app::backend::core::mail::deliver_due;
use app::backend::now_ms;
use app::domain::campaigns::QuietHours;
use app::domain::Role;

#[tokio::test]
async fn quiet_hours_wait_for_the_morning_and_the_rate_holds_across_passes() {
    for engine in engines().await {
        let app = crate::common::spawn_app_with(&engine, |config| {
            config.quiet_hours = QuietHours::default();
            config.send_rate = 2;
        })
        .await;
        segment(&app).await;
        for n in 0..5 {
            person(&app, &format!("p{n}@example.com"), &format!("人{n}"), true).await;
        }
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = create(&app, &recruiter, "one_off").await;
        schedule_now(&app, &recruiter, &id).await;
        // 23:00 in Tokyo on the day after (UTC 14:00): everyone waits until 08:00 (UTC 23:00)
        let today = now_ms() / DAY * DAY;
        let night = today + DAY + 14 * 3_600_000;
        let morning = today + DAY + 23 * 3_600_000;
        let mut waiting = 0;
        for _ in 0..3 {
            let quiet = send::work(&app.state.db, &app.state.config, night).await.unwrap();
            assert_eq!(quiet.sent, 0, "{}", engine.name);
            waiting += quiet.waiting;
        }
        assert_eq!(waiting, 5, "{}: no more claimed a pass than the rate allows", engine.name);
        let due: Vec<i64> = sqlx::query_scalar("SELECT due_at FROM campaign_enrolments WHERE campaign_id = $1")
            .bind(&id)
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
        assert!(due.iter().all(|d| *d == morning), "{}: {due:?}", engine.name);
        let first = send::work(&app.state.db, &app.state.config, morning).await.unwrap();
        let again = send::work(&app.state.db, &app.state.config, morning + 1000).await.unwrap();
        assert_eq!((first.sent, again.sent), (2, 0), "{}: two a minute", engine.name);
        let next = send::work(&app.state.db, &app.state.config, morning + 61_000).await.unwrap();
        assert_eq!(next.sent, 2, "{}", engine.name);
    }
}

#[tokio::test]
async fn a_worker_that_dies_mid_batch_leaves_no_one_mailed_twice_or_skipped() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        segment(&app).await;
        let mut people = Vec::new();
        for n in 0..40 {
            people.push(person(&app, &format!("p{n}@example.com"), &format!("人{n}"), true).await);
        }
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = create(&app, &recruiter, "one_off").await;
        schedule_now(&app, &recruiter, &id).await;
        let t0 = now_ms();
        send::launch_due(&app.state.db, t0).await.unwrap();
        // a worker leases 15, gives 5 of them their step, and dies
        let leased = claim(&app.state.db, t0, 15).await.unwrap();
        assert_eq!(leased.len(), 15);
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let campaign = send::Loaded {
            summary: app::backend::campaigns::get(&mut conn, &id).await.unwrap().unwrap(),
            steps: app::backend::campaigns::steps(&mut conn, &id).await.unwrap(),
            rule: app::domain::segments::Rule::from_json(
                r#"{"group":{"join":"all","rules":[{"condition":{"field":"tag","tag":"nurture"}}]}}"#,
            )
            .unwrap(),
        };
        drop(conn);
        for enrolment in &leased[..5] {
            send::give_step(&app.state.db, &app.state.config, &campaign, enrolment, t0).await.unwrap();
        }
        // a step given twice (a second worker holding a lapsed lease) writes nothing the second time
        send::give_step(&app.state.db, &app.state.config, &campaign, &leased[0], t0).await.unwrap();
        // two servers take over once the leases lapse, side by side, until no one is left
        let later = t0 + LEASE_MS + 1;
        for _ in 0..10 {
            let (one, two) = tokio::join!(
                send::work(&app.state.db, &app.state.config, later),
                send::work(&app.state.db, &app.state.config, later)
            );
            if one.unwrap().sent + two.unwrap().sent == 0 {
                break;
            }
        }
        for who in &people {
            let mails =
                count(&app, "SELECT COUNT(*) FROM mail_outbox WHERE candidate_id = $1 AND kind = 'campaign'", who)
                    .await;
            assert_eq!(mails, 1, "{}: one mail each, no one twice or skipped", engine.name);
        }
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM campaign_enrolments WHERE campaign_id = $1 AND status = 'done'", &id)
                .await,
            40
        );
    }
}

#[tokio::test]
async fn no_mail_goes_after_a_withdrawal_whenever_it_lands() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        segment(&app).await;
        let early = person(&app, "early@example.com", "早川", true).await;
        let late = person(&app, "late@example.com", "遅野", true).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = create(&app, &recruiter, "one_off").await;
        schedule_now(&app, &recruiter, &id).await;
        let t0 = now_ms();
        send::launch_due(&app.state.db, t0).await.unwrap();
        // between scheduling and sending
        record(&app, &early, "withdrawn", t0).await;
        send::work(&app.state.db, &app.state.config, t0 + 1).await.unwrap();
        // after the worker queued the mail, before the outbox delivers it
        record(&app, &late, "withdrawn", t0 + 2).await;
        let delivered = deliver_due(&app.state.db, &sink(&app), t0 + 3).await.unwrap();
        assert_eq!((delivered.sent, delivered.withheld), (0, 1), "{}", engine.name);
        let files = std::fs::read_dir(app.state.config.data_dir.join("mail")).map(|d| d.count()).unwrap_or(0);
        assert_eq!(files, 0, "{}: nothing reached the sink", engine.name);
        assert_eq!(skipped(&app, &id).await.iter().filter(|(_, r)| r == "no_consent").count(), 1);
    }
}

#[tokio::test]
async fn a_click_is_counted_once_per_link_and_the_redirect_goes_only_to_our_pages() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        segment(&app).await;
        let a = person(&app, "a@example.com", "安藤", true).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = create(&app, &recruiter, "one_off").await;
        schedule_now(&app, &recruiter, &id).await;
        send::work(&app.state.db, &app.state.config, now_ms()).await.unwrap();
        let body: String =
            sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE candidate_id = $1 AND kind = 'campaign'")
                .bind(&a)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        let link = body
            .lines()
            .find(|l| l.contains("/go/") && l.ends_with("/portal"))
            .expect("a portal link")
            .trim()
            .to_owned();
        let path = link.trim_start_matches(&app.base).to_owned();
        let browser = crate::common::client();
        let response = app.get(&browser, &path).await;
        assert_eq!(response.status(), 303, "{}", engine.name);
        assert_eq!(location(&response), "/portal");
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");
        let key = path.split('/').nth(2).unwrap();
        assert_eq!(app.get(&browser, &format!("/go/{key}/evil.example.com")).await.status(), 404);
        assert_eq!(location(&app.get(&browser, &format!("/go/{}/portal", "0".repeat(64))).await), "/portal");
        let report = app::backend::campaigns::report::report(&app.state.db, &id).await.unwrap();
        assert_eq!(report.steps[0].clicked, 1, "{}", engine.name);
        let stored: i64 = count(&app, "SELECT COUNT(*) FROM campaign_sends WHERE click_key = $1", key).await;
        assert_eq!(stored, 0, "{}: the key is stored only as its hash", engine.name);
    }
}

#[tokio::test]
async fn a_cancel_stops_the_steps_a_worker_already_holds_and_merging_keeps_one_enrolment() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        segment(&app).await;
        let a = person(&app, "a@example.com", "安藤", true).await;
        let b = person(&app, "b@example.com", "伴", true).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let id = create(&app, &recruiter, "one_off").await;
        schedule_now(&app, &recruiter, &id).await;
        let t0 = now_ms();
        send::launch_due(&app.state.db, t0).await.unwrap();
        let held = claim(&app.state.db, t0, 10).await.unwrap();
        assert_eq!(held.len(), 2);
        let cancelled = app.post_form(&recruiter, "/api/admin/cancel-campaign", &[("id", &id)]).await;
        assert!(location(&cancelled).ends_with("?cancelled=1"), "{}", location(&cancelled));
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let campaign = send::Loaded {
            summary: app::backend::campaigns::get(&mut conn, &id).await.unwrap().unwrap(),
            steps: app::backend::campaigns::steps(&mut conn, &id).await.unwrap(),
            rule: app::domain::segments::Rule::starter(),
        };
        drop(conn);
        for enrolment in &held {
            send::give_step(&app.state.db, &app.state.config, &campaign, enrolment, t0).await.unwrap();
        }
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'campaign' AND $1 <> ''", "x").await,
            0,
            "{}",
            engine.name
        );
        // the two are the same person: merging keeps one enrolment and one run per key, nothing points at the other
        for (n, who) in [("r1", &a), ("r2", &b)] {
            let sql = format!("INSERT INTO automation_runs (id, automation_id, candidate_id, subject_ref, outcome, at) VALUES ('{n}', 'job_opened', $1, 'job-x', 'sent', 1)");
            crate::common::exec(&app, &sql, &[who]).await;
        }
        let actor = app::backend::core::audit::Actor::worker_for(None);
        app::backend::duplicates::merge(&app.state.db, &a, &b, false, &actor, t0).await.unwrap();
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM campaign_enrolments WHERE candidate_id = $1", &a).await,
            1,
            "{}",
            engine.name
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM campaign_enrolments WHERE candidate_id = $1", &b).await, 0);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM automation_runs WHERE candidate_id = $1", &a).await, 1);
    }
}
