//! The consent centre: one record per change, bound to the policy version; withdrawal takes effect at once.
use crate::common::{client, engines, insert_candidate, location, spawn_app, TestApp};
use app::backend::auth::upsert_user;
use app::backend::core::mail::{self, OutgoingMail};
use app::backend::{core::tokens, now_ms};
use app::domain::{ConsentPurpose, Email, Role, TokenPurpose};
use app::i18n::Lang;

/// A browser session signed in as a fresh candidate.
async fn signed_in_candidate(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let id = insert_candidate(&app.state.db, email, "山田", "花子").await;
    let mut conn = app.state.db.pool().acquire().await.unwrap();
    let token = tokens::issue(&mut conn, TokenPurpose::SignIn, &id, 60_000, now_ms()).await.unwrap();
    drop(conn);
    let browser = client();
    let response = app.post_form(&browser, "/api/portal/confirm-link", &[("token", &token)]).await;
    assert_eq!(location(&response), "/portal");
    (browser, id)
}

async fn records(app: &TestApp, candidate: &str) -> Vec<(String, String, i64, String)> {
    sqlx::query_as(
        "SELECT r.purpose, r.action, p.version, r.channel FROM consent_records r \
         JOIN policy_versions p ON p.id = r.policy_version_id WHERE r.candidate_id = $1 ORDER BY r.at, r.id",
    )
    .bind(candidate)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap()
}

async fn set(app: &TestApp, browser: &reqwest::Client, purpose: &str, action: &str) -> String {
    location(&app.post_form(browser, "/api/portal/consent", &[("purpose", purpose), ("action", action)]).await)
}

#[tokio::test]
async fn each_grant_and_withdrawal_writes_one_record_with_the_policy_version() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let (browser, candidate) = signed_in_candidate(&app, "c@example.com").await;
        assert_eq!(set(&app, &browser, "talent_pool", "grant").await, "/portal/consent?saved=granted#talent_pool");
        // a double submit changes nothing
        assert_eq!(set(&app, &browser, "talent_pool", "grant").await, "/portal/consent?saved=unchanged#talent_pool");
        assert_eq!(set(&app, &browser, "talent_pool", "withdraw").await, "/portal/consent?saved=withdrawn#talent_pool");
        assert_eq!(
            records(&app, &candidate).await,
            [
                ("talent_pool".into(), "granted".into(), 1, "portal".into()),
                ("talent_pool".into(), "withdrawn".into(), 1, "portal".into())
            ],
            "{}",
            engine.name
        );
        // purposes are independent: nothing bundled
        set(&app, &browser, "job_news", "grant").await;
        let purposes: Vec<String> = records(&app, &candidate).await.into_iter().map(|r| r.0).collect();
        assert_eq!(purposes, ["talent_pool", "talent_pool", "job_news"]);
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE subject_id = $1 AND action LIKE 'consent_%'")
                .bind(&candidate)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(audited, 3, "{}", engine.name);
    }
}

#[tokio::test]
async fn history_is_complete_after_many_toggles() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let (browser, candidate) = signed_in_candidate(&app, "toggle@example.com").await;
        for round in 0..10 {
            let action = if round % 2 == 0 { "grant" } else { "withdraw" };
            set(&app, &browser, "job_news", action).await;
        }
        let all = records(&app, &candidate).await;
        assert_eq!(all.len(), 10, "{}", engine.name);
        assert!(all.iter().enumerate().all(|(i, r)| r.1 == if i % 2 == 0 { "granted" } else { "withdrawn" }));
        let api: serde_json::Value = app.call(&browser, "/api/portal/consents", &[]).await.json().await.unwrap();
        assert_eq!(api["history"].as_array().unwrap().len(), 10);
        let page = app.get(&browser, "/portal/consent").await.text().await.unwrap();
        assert_eq!(page.matches("<tr>").count(), 11, "a header row and ten history rows");
    }
}

#[tokio::test]
async fn withdrawing_stops_queued_mail_for_that_purpose_at_once() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let (browser, candidate) = signed_in_candidate(&app, "news@example.com").await;
        set(&app, &browser, "job_news", "grant").await;
        let mut tx = app.state.db.begin().await.unwrap();
        let news = OutgoingMail {
            to: "news@example.com",
            candidate_id: Some(&candidate),
            kind: "job_news",
            lang: Lang::Ja,
            subject: "新着求人".into(),
            body_text: "…".into(),
            consent_purpose: Some(ConsentPurpose::JobNews),
        };
        mail::enqueue(&mut tx, &news, "kizuna.localhost", now_ms()).await.unwrap();
        tx.commit().await.unwrap();
        set(&app, &browser, "job_news", "withdraw").await;
        let status: String = sqlx::query_scalar("SELECT status FROM mail_outbox WHERE kind = 'job_news'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(status, "cancelled", "{}", engine.name);
    }
}

#[tokio::test]
async fn a_new_policy_version_asks_for_review_and_old_records_keep_theirs() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let (browser, candidate) = signed_in_candidate(&app, "review@example.com").await;
        set(&app, &browser, "talent_pool", "grant").await;
        assert!(!app.get(&browser, "/portal").await.text().await.unwrap().contains("同意文書が更新されました"));

        let password = "correct horse battery";
        for (email, role) in [("admin@example.com", Role::Admin), ("rec@example.com", Role::Recruiter)] {
            upsert_user(&app.state.db, &Email::parse(email).unwrap(), email, password, role, now_ms()).await.unwrap();
        }
        let recruiter = client();
        app.post_form(&recruiter, "/api/admin/sign-in", &[("email", "rec@example.com"), ("password", password)]).await;
        let refused = app
            .call(
                &recruiter,
                "/api/admin/publish-policy",
                &[("purpose", "talent_pool"), ("text_ja", "x"), ("text_en", "x")],
            )
            .await;
        assert_eq!(refused.status(), 403, "{}: only admins publish policy texts", engine.name);
        assert_eq!(app.call(&browser, "/api/admin/policies", &[]).await.status(), 401);

        let admin = client();
        app.post_form(&admin, "/api/admin/sign-in", &[("email", "admin@example.com"), ("password", password)]).await;
        let empty = app
            .post_form(
                &admin,
                "/api/admin/publish-policy",
                &[("purpose", "talent_pool"), ("text_ja", " "), ("text_en", "New")],
            )
            .await;
        assert!(location(&empty).starts_with("/admin/policies?error=ErrRequired"), "{}", location(&empty));
        assert!(!location(&empty).contains("text_en"), "nothing typed in the URL");
        let page = app.get(&admin, &location(&empty)).await.text().await.unwrap();
        assert!(page.contains(">New</textarea>"), "what was typed is kept for the page");
        let published = app
            .post_form(
                &admin,
                "/api/admin/publish-policy",
                &[("purpose", "talent_pool"), ("text_ja", "第2版"), ("text_en", "Second")],
            )
            .await;
        assert_eq!(location(&published), "/admin/policies?published=talent_pool", "{}", engine.name);

        let home = app.get(&browser, "/portal").await.text().await.unwrap();
        assert!(home.contains("同意文書が更新されました"), "{}: the candidate is asked on the next visit", engine.name);
        let page = app.get(&browser, "/portal/consent").await.text().await.unwrap();
        assert!(page.contains("新しい版に同意する") && page.contains("第2版"));
        set(&app, &browser, "talent_pool", "grant").await;
        let versions: Vec<i64> = records(&app, &candidate).await.into_iter().map(|r| r.2).collect();
        assert_eq!(versions, [1, 2], "{}: the first record stays bound to version 1", engine.name);
        assert!(!app.get(&browser, "/portal").await.text().await.unwrap().contains("同意文書が更新されました"));
    }
}

#[tokio::test]
async fn consent_functions_refuse_strangers_and_bad_input() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        assert_eq!(app.call(&client(), "/api/portal/consents", &[]).await.status(), 401);
        assert_eq!(
            app.call(&client(), "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await.status(),
            401
        );
        let (browser, candidate) = signed_in_candidate(&app, "bad@example.com").await;
        assert_eq!(
            app.call(&browser, "/api/portal/consent", &[("purpose", "everything"), ("action", "grant")]).await.status(),
            422
        );
        assert_eq!(
            app.call(&browser, "/api/portal/consent", &[("purpose", "job_news"), ("action", "maybe")]).await.status(),
            422
        );
        // a referral is consented agency by agency; a referral without an agency is refused
        assert_eq!(
            app.call(&browser, "/api/portal/consent", &[("purpose", "agency_referral"), ("action", "grant")])
                .await
                .status(),
            422
        );
        assert_eq!(
            app.call(
                &browser,
                "/api/portal/consent",
                &[("purpose", "agency_referral"), ("action", "grant"), ("agency_id", "nope")]
            )
            .await
            .status(),
            422,
            "a new referral is agreed only on the referral page, where the agency and the items are shown"
        );
        assert!(records(&app, &candidate).await.is_empty(), "{}", engine.name);

        // one candidate's session only ever sees and changes that candidate's consent
        let (other, other_id) = signed_in_candidate(&app, "other@example.com").await;
        set(&app, &browser, "job_news", "grant").await;
        let theirs: serde_json::Value = app.call(&other, "/api/portal/consents", &[]).await.json().await.unwrap();
        assert!(theirs["history"].as_array().unwrap().is_empty(), "{}", engine.name);
        assert!(records(&app, &other_id).await.is_empty());
    }
}
