//! Automations on both engines with an injected clock: each trigger acts once per person, inside its window and
//! not outside it, through the consent checks of the invitation and optional-mail flows; switching through the
//! real HTTP interface; the interview reminder obeys its switch; bad settings refused per field.
use crate::common::{as_user, engines, exec, insert_candidate, location, open_job, spawn_app, TestApp};
use app::backend::automations::scan::work;
use app::backend::now_ms;
use app::domain::{months_after, Role};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

async fn person(app: &TestApp, email: &str, roles: &str, consent: bool) -> String {
    let id = insert_candidate(&app.state.db, email, "自動", "化").await;
    exec(app, "UPDATE candidates SET desired_roles = $1 WHERE id = $2", &[roles, &id]).await;
    if consent {
        let sql = format!(
            "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) \
             VALUES ('{}', $1, 'job_news', 'policy-job_news-v1', 'granted', 'portal', 'candidate', 1)",
            app::backend::new_id()
        );
        exec(app, &sql, &[&id]).await;
    }
    id
}

/// Switches an automation on as an admin does, with no condition; its window then starts at `from`.
async fn switch_on(app: &TestApp, kind: &str, from: i64) {
    let admin = as_user(app, &format!("admin-{kind}@example.com"), Role::Admin).await;
    let on = app.post_form(&admin, "/api/admin/switch-automation", &[("kind", kind), ("on", "1")]).await;
    assert!(location(&on).contains("on=1"), "{}", location(&on));
    let saved = app
        .post_form(&admin, "/api/admin/save-automation", &[("kind", kind), ("segment_id", ""), ("delay_hours", "24")])
        .await;
    assert!(location(&saved).contains("saved=1"), "{}", location(&saved));
    exec(app, &format!("UPDATE automations SET scanned_until = {from} WHERE id = $1"), &[kind]).await;
}

async fn runs(app: &TestApp, kind: &str) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT candidate_id, outcome || COALESCE(':' || reason, '') FROM automation_runs WHERE automation_id = $1",
    )
    .bind(kind)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    rows.sort();
    rows
}

async fn mails(app: &TestApp, kind: &str, who: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE kind = $1 AND candidate_id = $2")
        .bind(kind)
        .bind(who)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_opened_job_invites_the_people_it_matches_once_and_only_with_consent() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let now = now_ms();
        let fits = person(&app, "fits@example.com", "Backend, SRE", true).await;
        let other = person(&app, "other@example.com", "Designer", true).await;
        let silent = person(&app, "silent@example.com", "backend", false).await;
        switch_on(&app, "job_opened", now).await;
        open_job(&app, "job-be", "open").await;
        exec(&app, &format!("UPDATE jobs SET opened_at = {} WHERE id = 'job-be'", now + 1000), &[]).await;
        // a job opened before the switch is not acted on
        open_job(&app, "job-old", "open").await;
        exec(&app, &format!("UPDATE jobs SET opened_at = {} WHERE id = 'job-old'", now - 1000), &[]).await;
        // not within the pass's margin: a write stamped just now may not have committed yet
        work(&app.state.db, &app.state.config, now + 2000).await.unwrap();
        assert!(runs(&app, "job_opened").await.is_empty(), "{}", engine.name);
        work(&app.state.db, &app.state.config, now + 20_000).await.unwrap();
        let expected = {
            let mut v = vec![(fits.clone(), "sent".to_owned()), (silent.clone(), "skipped:no_consent".to_owned())];
            v.sort();
            v
        };
        assert_eq!(runs(&app, "job_opened").await, expected, "{}", engine.name);
        assert_eq!(mails(&app, "invitation", &fits).await, 1);
        assert_eq!(mails(&app, "invitation", &other).await + mails(&app, "invitation", &silent).await, 0);
        // the job is closed and opened again: nobody is invited twice
        exec(&app, &format!("UPDATE jobs SET opened_at = {} WHERE id = 'job-be'", now + 30_000), &[]).await;
        work(&app.state.db, &app.state.config, now + 60_000).await.unwrap();
        assert_eq!(mails(&app, "invitation", &fits).await, 1, "{}", engine.name);
        assert_eq!(runs(&app, "job_opened").await.len(), 2);
    }
}

#[tokio::test]
async fn six_months_after_a_rejection_the_newest_matching_job_is_offered_on_the_day_not_before() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let t0 = now_ms();
        open_job(&app, "job-be", "open").await;
        let due = person(&app, "due@example.com", "Backend", true).await;
        let early = person(&app, "early@example.com", "Backend", true).await;
        let nothing = person(&app, "nothing@example.com", "Pilot", true).await;
        let six = months_after(t0, -6);
        for (n, who, at) in [("1", &due, six + HOUR), ("2", &early, six + 3 * HOUR), ("3", &nothing, six + HOUR)] {
            exec(&app, &format!("INSERT INTO applications (id, candidate_id, job_id, stage, outcome, source_channel, created_at, updated_at) VALUES ('ap{n}', $1, 'job-be', 'screening', 'rejected', 'website', 1, 1)"), &[who]).await;
            exec(&app, &format!("INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, outcome, at) VALUES ('t{n}', 'ap{n}', 'screening', 'screening', 'rejected', {at})"), &[]).await;
        }
        switch_on(&app, "rejection_revisit", t0).await;
        // who no open job matches joins the "revisit" sequence chosen for it (a finished one runs again)
        exec(&app, "INSERT INTO campaigns (id, name, kind, segment_id, purpose, status, starts_at, created_at, updated_at) VALUES ('k-seq', '再検討', 'sequence', '00000000-0000-7000-8000-5e6000000002', 'job_news', 'done', 1, 1, 1)", &[]).await;
        exec(&app, "INSERT INTO campaign_steps (campaign_id, position, delay, unit, anchor, subject_ja, body_ja, subject_en, body_en) VALUES ('k-seq', 0, 0, 'days', 'previous', 's', 'b', 's', 'b')", &[]).await;
        let admin = as_user(&app, "admin-seq@example.com", Role::Admin).await;
        let form = [("kind", "rejection_revisit"), ("segment_id", ""), ("delay_hours", ""), ("campaign_id", "k-seq")];
        assert!(location(&app.post_form(&admin, "/api/admin/save-automation", &form).await).contains("saved=1"));
        let wrong = [("kind", "rejection_revisit"), ("segment_id", ""), ("delay_hours", ""), ("campaign_id", "nope")];
        assert!(
            location(&app.post_form(&admin, "/api/admin/save-automation", &wrong).await).contains("fe_campaign_id=")
        );
        // two hours on: six months have passed for the first and the third, not yet for the second
        work(&app.state.db, &app.state.config, t0 + 2 * HOUR).await.unwrap();
        let got = runs(&app, "rejection_revisit").await;
        assert_eq!(got.len(), 2, "{}: {got:?}", engine.name);
        assert!(
            got.contains(&(due.clone(), "sent".into())) && got.contains(&(nothing.clone(), "sent:sequence".into()))
        );
        let joined: (String, String) = sqlx::query_as("SELECT e.status, k.status FROM campaign_enrolments e JOIN campaigns k ON k.id = e.campaign_id WHERE e.candidate_id = $1")
            .bind(&nothing)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(joined, ("active".to_owned(), "running".to_owned()), "{}", engine.name);
        assert_eq!(mails(&app, "invitation", &due).await, 1);
        work(&app.state.db, &app.state.config, t0 + 4 * HOUR).await.unwrap();
        assert_eq!(mails(&app, "invitation", &early).await, 1, "{}: its day came", engine.name);
        assert_eq!(mails(&app, "invitation", &due).await, 1, "{}: once", engine.name);
    }
}

#[tokio::test]
async fn after_an_event_those_who_came_and_those_who_did_not_get_their_own_mail_the_next_morning() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let came = person(&app, "came@example.com", "", true).await;
        let absent = person(&app, "absent@example.com", "", true).await;
        let unwilling = person(&app, "unwilling@example.com", "", false).await;
        // an event yesterday evening; its next morning is at 09:00 today, company time
        let t0 = now_ms();
        let starts = t0 - 2 * DAY;
        let morning = app::domain::automations::next_morning(starts, &app::domain::company_zone());
        exec(&app, &format!("INSERT INTO events (id, title, starts_at, location, created_at) VALUES ('ev', '会社説明会', {starts}, 'オンライン', 1)"), &[]).await;
        for (who, attended) in [(&came, "1"), (&absent, "NULL"), (&unwilling, "1")] {
            exec(&app, &format!("INSERT INTO event_attendees (event_id, candidate_id, registered_at, attended_at) VALUES ('ev', $1, 1, {attended})"), &[who]).await;
        }
        switch_on(&app, "event_attended", morning - HOUR).await;
        switch_on(&app, "event_no_show", morning - HOUR).await;
        work(&app.state.db, &app.state.config, morning - 1).await.unwrap();
        assert!(runs(&app, "event_attended").await.is_empty(), "{}: not before the morning", engine.name);
        work(&app.state.db, &app.state.config, morning + 20_000).await.unwrap();
        assert_eq!(mails(&app, "event_follow_up", &came).await, 1, "{}", engine.name);
        assert_eq!(mails(&app, "event_no_show", &absent).await, 1, "{}", engine.name);
        assert_eq!(mails(&app, "event_follow_up", &absent).await + mails(&app, "event_no_show", &came).await, 0);
        assert!(runs(&app, "event_attended").await.contains(&(unwilling.clone(), "skipped:no_consent".into())));
        work(&app.state.db, &app.state.config, morning + 2 * HOUR).await.unwrap();
        assert_eq!(mails(&app, "event_follow_up", &came).await, 1, "{}: once", engine.name);
    }
}

#[tokio::test]
async fn a_result_mail_waits_its_delay_and_is_not_sent_when_the_result_changed() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job-be", "open").await;
        let passed = person(&app, "passed@example.com", "", false).await;
        let changed = person(&app, "changed@example.com", "", false).await;
        let t0 = now_ms();
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('ap-p', $1, 'job-be', 'interview', 'website', 1, 1)", &[&passed]).await;
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, outcome, source_channel, created_at, updated_at) VALUES ('ap-c', $1, 'job-be', 'offer', 'rejected', 'website', 1, 1)", &[&changed]).await;
        exec(&app, &format!("INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, at) VALUES ('m1', 'ap-p', 'screening', 'interview', {t0})"), &[]).await;
        exec(&app, &format!("INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, at) VALUES ('m2', 'ap-c', 'interview', 'offer', {t0})"), &[]).await;
        switch_on(&app, "result_mail", t0 - HOUR).await;
        work(&app.state.db, &app.state.config, t0 + 23 * HOUR).await.unwrap();
        assert!(runs(&app, "result_mail").await.is_empty(), "{}: 24 hours later, not sooner", engine.name);
        work(&app.state.db, &app.state.config, t0 + 25 * HOUR).await.unwrap();
        assert_eq!(
            mails(&app, "stage_passed", &passed).await,
            1,
            "{}: part of the selection, no consent needed",
            engine.name
        );
        assert_eq!(mails(&app, "offer", &changed).await, 0);
        assert!(runs(&app, "result_mail").await.contains(&(changed.clone(), "skipped:changed".into())));
    }
}

#[tokio::test]
async fn the_interview_reminder_obeys_its_switch_and_settings_are_checked() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let off =
            app.post_form(&admin, "/api/admin/switch-automation", &[("kind", "interview_reminder"), ("on", "0")]).await;
        assert!(location(&off).contains("off=1"));
        let on: i64 = sqlx::query_scalar("SELECT enabled FROM automations WHERE id = 'interview_reminder'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(on, 0, "{}", engine.name);
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        assert!(!app::backend::automations::enabled(
            &mut conn,
            app::domain::automations::AutomationKind::InterviewReminder
        )
        .await
        .unwrap());
        drop(conn);
        let bad = app
            .post_form(&admin, "/api/admin/save-automation", &[("kind", "result_mail"), ("delay_hours", "一日")])
            .await;
        assert!(location(&bad).contains("fe_delay_hours="), "{}", location(&bad));
        let page = app.get(&admin, &location(&bad)).await.text().await.unwrap();
        assert!(page.contains("value=\"一日\""), "{}: kept", engine.name);
        let unknown =
            app.post_form(&admin, "/api/admin/switch-automation", &[("kind", "drop table"), ("on", "1")]).await;
        assert!(location(&unknown).contains("error="), "{}", location(&unknown));
        // a viewer sees the history, never the switches
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let page = app.get(&viewer, "/admin/automations").await.text().await.unwrap();
        assert!(page.contains("求人の公開 → 過去の候補者を招待") && !page.contains("有効にする"), "{}", engine.name);
    }
}

#[tokio::test]
async fn invitations_wait_out_the_quiet_hours_and_go_in_the_morning() {
    // 2026-12-01 22:00 in Japan: inside the default quiet hours (21–08)
    const TEN_PM: i64 = 1_796_050_800_000 + 22 * HOUR;
    for engine in engines().await {
        let app = crate::common::spawn_app_with(&engine, |c| {
            c.quiet_hours = app::domain::campaigns::QuietHours::parse("21-8").unwrap();
        })
        .await;
        let fits = person(&app, "night@example.com", "Backend", true).await;
        switch_on(&app, "job_opened", TEN_PM - HOUR).await;
        open_job(&app, "job-be", "open").await;
        exec(&app, &format!("UPDATE jobs SET opened_at = {TEN_PM} WHERE id = 'job-be'"), &[]).await;
        work(&app.state.db, &app.state.config, TEN_PM + 60_000).await.unwrap();
        work(&app.state.db, &app.state.config, TEN_PM + 9 * HOUR).await.unwrap(); // 07:00
        assert!(runs(&app, "job_opened").await.is_empty(), "{}: nothing at night", engine.name);
        assert_eq!(mails(&app, "invitation", &fits).await, 0);
        work(&app.state.db, &app.state.config, TEN_PM + 10 * HOUR + 60_000).await.unwrap(); // 08:01
        assert_eq!(runs(&app, "job_opened").await, vec![(fits.clone(), "sent".to_owned())], "{}", engine.name);
        assert_eq!(mails(&app, "invitation", &fits).await, 1, "{}: the night's opening in the morning", engine.name);
    }
}
