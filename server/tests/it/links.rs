//! Links in mail work once, for the person they were sent to: nobody can read a working one from the database
//! after delivery, an admin cannot act as a candidate or an agency user, a referral link signs no one in, and a
//! set-password link is checked before any hashing and ends the account's other sessions.
use crate::common::{
    as_candidate, as_user, client, engines, insert_agency, insert_candidate, location, open_job, sink, spawn_app,
    spawn_app_with, TestApp,
};
use app::backend::core::mail::deliver_due;
use app::backend::{core::tokens, now_ms};
use app::domain::{Role, TokenPurpose};

/// Whether a text holds a token: a run of 64 hexadecimal digits.
fn holds_token(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= 64 {
            return true;
        }
    }
    false
}

/// A candidate who agreed to job news and has an application in screening.
async fn applicant(app: &TestApp, email: &str) -> (String, String) {
    let id = insert_candidate(&app.state.db, email, "田中", "次郎").await;
    let application = format!("app-{id}");
    for sql in [
        "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) \
         VALUES ('app-' || $1, $1, 'job', 'screening', 'website', 1, 1)",
        "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) \
         VALUES ('cr-' || $1, $1, 'job_news', 'policy-job_news-v1', 'granted', 'portal', 'candidate', 1)",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&id).execute(app.state.db.pool()).await.unwrap();
    }
    (id, application)
}

#[tokio::test]
async fn no_working_link_can_be_read_from_the_outbox_after_delivery_and_the_mailbox_shows_none() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job", "open").await;
        insert_agency(&app.state.db, "ag1", "紹介社").await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let (candidate, application) = applicant(&app, "jiro@example.com").await;
        // every kind of mail that carries a link: sign-in, referral (rejection), invitation with its one-click
        // unsubscribe, a colleague's and an agency user's set-password link
        app.post_form(&client(), "/api/portal/request-link", &[("email", "jiro@example.com")]).await;
        crate::common::run_link_queue(&app).await;
        let reject = [
            ("candidate_id", candidate.as_str()),
            ("application_id", application.as_str()),
            ("reason_id", "reason-company-experience"),
            ("note", ""),
            ("send_mail", "yes"),
        ];
        assert!(location(&app.post_form(&admin, "/api/admin/reject", &reject).await).contains("rejected=1"));
        let invite = [("candidate_id", candidate.as_str()), ("job_id", "job")];
        assert!(!location(&app.post_form(&admin, "/api/admin/invite", &invite).await).contains("error"));
        let colleague = [("email", "new@example.com"), ("display_name", "新人"), ("role", "viewer")];
        app.post_form(&admin, "/api/admin/invite-user", &colleague).await;
        let agency_user = [("agency_id", "ag1"), ("email", "u@agency.example.com"), ("display_name", "担当")];
        app.post_form(&admin, "/api/admin/invite-agency-user", &agency_user).await;
        let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE status = 'queued'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert!(queued >= 5, "{}: {queued} messages", engine.name);

        // the mailbox never shows a working link, not even of a message still waiting
        let mailbox = app.call(&admin, "/api/admin/mailbox", &[]).await.text().await.unwrap();
        assert!(mailbox.contains("jiro@example.com") && !holds_token(&mailbox), "{}: {mailbox}", engine.name);
        let page = app.get(&admin, "/admin/mailbox").await.text().await.unwrap();
        assert!(!holds_token(&page), "{}", engine.name);

        deliver_due(&app.state.db, &sink(&app), now_ms()).await.unwrap();
        let rows: Vec<(String, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT message_id, subject, body_text, list_unsubscribe, status FROM mail_outbox ORDER BY created_at",
        )
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
        for (message_id, subject, body, unsubscribe, status) in &rows {
            assert_eq!(status, "sent", "{}", engine.name);
            assert!(!message_id.is_empty() && !subject.is_empty(), "the Message-ID and subject stay");
            assert!(!holds_token(body) && !holds_token(subject), "{}: {message_id} keeps a link: {body}", engine.name);
            assert!(unsubscribe.is_none(), "{}: the unsubscribe URL goes once sent", engine.name);
        }
        // what the person received still works: the sink's message holds its link
        let delivered: Vec<String> = std::fs::read_dir(app.state.config.data_dir.join("mail"))
            .unwrap()
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect();
        assert!(delivered.iter().any(|m| m.contains("List-Unsubscribe: <") && holds_token(m)), "{}", engine.name);
        let export =
            app.get(&as_candidate(&app, &candidate).await, "/api/portal/export.json").await.text().await.unwrap();
        assert!(!holds_token(&export), "{}: the candidate's own export holds no live link either", engine.name);

        // with SMTP, the mailbox shows subject, recipient and status only
        let smtp = spawn_app_with(&engine, |c| c.smtp_url = Some("smtp://127.0.0.1:2525".into())).await;
        let admin = as_user(&smtp, "admin2@example.com", Role::Admin).await;
        let mailbox: serde_json::Value = smtp.call(&admin, "/api/admin/mailbox", &[]).await.json().await.unwrap();
        assert_eq!(mailbox["sink"], false);
        for message in mailbox["mail"].as_array().unwrap() {
            assert_eq!(message["body_text"], "", "{}", engine.name);
            assert!(!message["subject"].as_str().unwrap().is_empty());
        }
    }
}

#[tokio::test]
async fn a_referral_link_authorises_the_choice_only_and_signs_no_one_in() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        insert_agency(&app.state.db, "ag1", "紹介社").await;
        let candidate = insert_candidate(&app.state.db, "ref@example.com", "紹介", "花子").await;
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let token = tokens::issue(&mut conn, TokenPurpose::Relay, &candidate, 60_000, now_ms()).await.unwrap();
        drop(conn);
        let browser = client();
        let form = [("token", token.as_str()), ("agencies[0]", "ag1")];
        let done = app.post_form(&browser, "/api/relay/submit", &form).await;
        assert_eq!(location(&done), "/relay/done?referred=1", "{}", engine.name);
        assert!(done.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().contains("kizuna_session=")));
        assert_eq!(app.call(&browser, "/api/portal/my-data", &[]).await.status(), 401, "{}", engine.name);
        assert_eq!(location(&app.get(&browser, "/portal").await), "/portal/sign-in");
        let sessions: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(sessions, 0, "{}", engine.name);
        // the done page offers a sign-in link by mail instead
        let page = app.get(&browser, "/relay/done?referred=1").await.text().await.unwrap();
        assert!(page.contains("/api/portal/request-link") && page.contains("name=\"email\""), "{}", engine.name);
    }
}

#[tokio::test]
async fn setting_a_password_checks_the_link_first_is_rate_limited_and_ends_other_sessions() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let forged = "ab".repeat(32);
        // a forged link is refused before the password is even looked at (or hashed)
        let short = [("token", forged.as_str()), ("password", "x")];
        let refused = app.post_form(&client(), "/api/admin/set-password", &short).await;
        assert!(
            location(&refused).contains("ErrLinkInvalid") || location(&refused).contains("LinkInvalidTitle"),
            "{}",
            location(&refused)
        );
        // and attempts from one address are limited
        let long = [("token", forged.as_str()), ("password", "a long enough password")];
        let mut last = 0;
        for _ in 0..21 {
            last = app.call(&client(), "/api/admin/set-password", &long).await.status().as_u16();
        }
        assert_eq!(last, 429, "{}", engine.name);

        // a colleague signed in on one browser sets a new password from a fresh link on another: the first ends
        sqlx::query("DELETE FROM rate_limits").execute(app.state.db.pool()).await.unwrap();
        let first = as_user(&app, "colleague@example.com", Role::Recruiter).await;
        assert_eq!(app.get(&first, "/admin").await.status(), 200);
        let user: String = sqlx::query_scalar("SELECT id FROM users WHERE email = 'colleague@example.com'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let token = tokens::issue(&mut conn, TokenPurpose::PasswordSetup, &user, 60_000, now_ms()).await.unwrap();
        drop(conn);
        let second = client();
        let set = [("token", token.as_str()), ("password", "another long password")];
        let done = app.post_form(&second, "/api/admin/set-password", &set).await;
        assert_eq!(location(&done), "/admin", "{}", engine.name);
        assert_eq!(app.get(&second, "/admin").await.status(), 200);
        assert_eq!(
            location(&app.get(&first, "/admin").await),
            "/admin/sign-in",
            "{}: the other session ended",
            engine.name
        );

        // `kizuna create-admin` on an existing account (the same upsert) ends its sessions too
        app::backend::auth::upsert_user(
            &app.state.db,
            &app::domain::Email::parse("colleague@example.com").unwrap(),
            "Colleague",
            "a third long password",
            Role::Admin,
            now_ms(),
        )
        .await
        .unwrap();
        assert_eq!(location(&app.get(&second, "/admin").await), "/admin/sign-in", "{}", engine.name);
    }
}
