//! Contact preferences and the one-click unsubscribe.
use crate::common::{client, engines, insert_candidate, location, spawn_app, TestApp};
use crate::smtp::SmtpServer;
use app::backend::core::mail::{self, deliver_due, Mailer, OutgoingMail};
use app::backend::{core::tokens, now_ms, preferences};
use app::domain::{ConsentPurpose, TokenPurpose};
use app::i18n::Lang;

async fn signed_in(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let id = insert_candidate(&app.state.db, email, "Brown", "Ava").await;
    sqlx::query(
        "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, created_at, updated_at) \
         VALUES ($1, 'エンジニア', 'Engineer', 'Engineering', '東京都', 'full_time', 'open', 1, 1) ON CONFLICT (id) DO NOTHING",
    )
    .bind("job-1")
    .execute(app.state.db.pool())
    .await
    .unwrap();
    let mut conn = app.state.db.pool().acquire().await.unwrap();
    let token = tokens::issue(&mut conn, TokenPurpose::SignIn, &id, 60_000, now_ms()).await.unwrap();
    drop(conn);
    let browser = client();
    app.post_form(&browser, "/api/portal/confirm-link", &[("token", &token)]).await;
    (browser, id)
}

fn in_days(days: i64) -> String {
    let ms = now_ms() + days * 86_400_000;
    app::components::i18n::format_date(ms)
}

#[tokio::test]
async fn preferences_are_validated_then_saved_whole() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let (browser, candidate) = signed_in(&app, "prefs@example.com").await;
        let pause = in_days(180);
        let ok = app
            .post_form(
                &browser,
                "/api/portal/save-preferences",
                &[
                    ("language", "en"),
                    ("topics[0]", "department:Engineering"),
                    ("topics[3]", "location:東京都"),
                    ("monthly_cap", "2"),
                    ("pause_until", &pause),
                ],
            )
            .await;
        assert_eq!(location(&ok), "/portal/preferences?saved=preferences", "{}", engine.name);
        let saved = preferences::load(&app.state.db, &candidate).await.unwrap();
        assert_eq!(saved.language, Lang::En);
        assert_eq!(saved.topics, ["department:Engineering", "location:東京都"]);
        assert_eq!(saved.monthly_cap, Some(2));
        assert_eq!(saved.pause_until.map(app::components::i18n::format_date), Some(pause.clone()));

        for (field, value, code) in [
            ("monthly_cap", "1000", "ErrInvalid"),
            ("pause_until", "2020-01-01", "ErrDateRange"),
            ("pause_until", "someday", "ErrDateInvalid"),
            ("topics[0]", "department:Nope", "ErrInvalid"),
            ("language", "fr", "ErrInvalid"),
        ] {
            let mut form = vec![("language", "ja"), ("monthly_cap", ""), ("pause_until", "")];
            form.retain(|(k, _)| *k != field);
            form.push((field, value));
            let refused = app.post_form(&browser, "/api/portal/save-preferences", &form).await;
            assert!(
                location(&refused).starts_with(&format!("/portal/preferences?error={code}")),
                "{field}={value}: {}",
                location(&refused)
            );
        }
        assert_eq!(
            preferences::load(&app.state.db, &candidate).await.unwrap(),
            saved,
            "{}: a refused save changes nothing",
            engine.name
        );
        assert_eq!(app.call(&client(), "/api/portal/preferences", &[]).await.status(), 401);
    }
}

#[tokio::test]
async fn may_contact_respects_consent_unsubscribe_pause_and_cap() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let (browser, candidate) = signed_in(&app, "cap@example.com").await;
        let db = &app.state.db;
        assert!(
            !preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now_ms()).await.unwrap(),
            "no consent yet"
        );
        app.post_form(&browser, "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await;
        assert!(
            preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now_ms()).await.unwrap(),
            "{}",
            engine.name
        );

        app.post_form(
            &browser,
            "/api/portal/save-preferences",
            &[("language", "ja"), ("monthly_cap", "1"), ("pause_until", "")],
        )
        .await;
        let mut tx = db.begin().await.unwrap();
        let news = OutgoingMail {
            to: "cap@example.com",
            candidate_id: Some(&candidate),
            kind: "job_news",
            lang: Lang::Ja,
            subject: "新着".into(),
            body_text: "…".into(),
            consent_purpose: Some(ConsentPurpose::JobNews),
        };
        mail::enqueue_optional(&mut tx, &news, &app.state.config, now_ms()).await.unwrap();
        tx.commit().await.unwrap();
        assert!(
            !preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now_ms()).await.unwrap(),
            "cap of one reached"
        );

        let pause = in_days(30);
        app.post_form(
            &browser,
            "/api/portal/save-preferences",
            &[("language", "ja"), ("monthly_cap", ""), ("pause_until", &pause)],
        )
        .await;
        assert!(!preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now_ms()).await.unwrap(), "paused");
        assert!(preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now_ms() + 31 * 86_400_000)
            .await
            .unwrap());

        app.post_form(
            &browser,
            "/api/portal/save-preferences",
            &[("language", "ja"), ("monthly_cap", ""), ("pause_until", "")],
        )
        .await;
        assert_eq!(
            location(&app.post_form(&browser, "/api/portal/unsubscribe", &[]).await),
            "/portal/preferences?saved=unsubscribed"
        );
        assert!(
            !preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now_ms()).await.unwrap(),
            "{}",
            engine.name
        );
        let cancelled: String = sqlx::query_scalar("SELECT status FROM mail_outbox WHERE kind = 'job_news'")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(cancelled, "cancelled", "queued optional mail stops at once");
        app.post_form(&browser, "/api/portal/resubscribe", &[]).await;
        assert!(preferences::load(db, &candidate).await.unwrap().unsubscribed_at.is_none());
        assert!(
            !preferences::may_contact(db, &candidate, ConsentPurpose::JobNews, now_ms()).await.unwrap(),
            "job news stays withdrawn"
        );
    }
}

#[tokio::test]
async fn optional_mail_carries_a_one_click_unsubscribe_that_needs_no_sign_in() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let (browser, candidate) = signed_in(&app, "oneclick@example.com").await;
        app.post_form(&browser, "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await;
        let mut tx = app.state.db.begin().await.unwrap();
        let news = OutgoingMail {
            to: "oneclick@example.com",
            candidate_id: Some(&candidate),
            kind: "job_news",
            lang: Lang::En,
            subject: "New jobs".into(),
            body_text: "…".into(),
            consent_purpose: Some(ConsentPurpose::JobNews),
        };
        mail::enqueue_optional(&mut tx, &news, &app.state.config, now_ms()).await.unwrap();
        tx.commit().await.unwrap();
        let smtp = SmtpServer::start(0).await;
        let mailer = Mailer::new(Some(&smtp.url()), engine.dir.path(), "Kizuna <no-reply@kizuna.localhost>").unwrap();
        assert_eq!(deliver_due(&app.state.db, &mailer, now_ms()).await.unwrap().sent, 1);
        let raw = smtp.messages.lock().unwrap()[0].clone();
        let url = raw
            .lines()
            .find_map(|l| l.strip_prefix("List-Unsubscribe: <"))
            .and_then(|l| l.strip_suffix('>'))
            .expect("List-Unsubscribe header")
            .to_owned();
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{raw}");
        let path = url.strip_prefix(&app.base).unwrap().to_owned();

        // opening the link changes nothing
        let page = app.get(&client(), &path).await.text().await.unwrap();
        assert!(page.contains("配信を停止する"), "{page}");
        assert!(preferences::load(&app.state.db, &candidate).await.unwrap().unsubscribed_at.is_none());

        // what a mail client sends: no cookie, no session
        let one_click = client()
            .post(&url)
            .body("List-Unsubscribe=One-Click")
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert_eq!(one_click.status(), 200, "{}", engine.name);
        assert!(preferences::load(&app.state.db, &candidate).await.unwrap().unsubscribed_at.is_some());
        let channel: String = sqlx::query_scalar(
            "SELECT channel FROM consent_records WHERE candidate_id = $1 AND purpose = 'job_news' ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(&candidate)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(channel, "mail_link", "{}: the withdrawal records how it was made", engine.name);
        // a second click is harmless, a forged link is not found
        assert_eq!(client().post(&url).send().await.unwrap().status(), 200);
        let forged = client().post(format!("{}/unsubscribe/{}", app.base, "f".repeat(64))).send().await.unwrap();
        assert_eq!(forged.status(), 404);
        let page = app.get(&client(), &format!("/unsubscribe/{}", "f".repeat(64))).await.text().await.unwrap();
        assert!(page.contains("この配信停止リンクは無効か"));
    }
}
