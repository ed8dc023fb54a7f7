//! Sign-in over HTTP: candidates by magic link, recruiters by password, roles, CSRF.
use crate::common::{client, engines, insert_candidate, location, spawn_app, TestApp};
use app::backend::auth::upsert_user;
use app::backend::{core::tokens, now_ms};
use app::domain::{Email, Role, TokenPurpose};

async fn latest_link(app: &TestApp, to: &str) -> Option<String> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE recipient = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_optional(app.state.db.pool())
    .await
    .unwrap();
    body.and_then(|b| b.lines().find(|l| l.contains("/portal/sign-in/link/")).map(|l| l.trim().to_owned()))
}

async fn mail_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox").fetch_one(app.state.db.pool()).await.unwrap()
}

#[tokio::test]
async fn magic_link_signs_a_candidate_in_once() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        insert_candidate(&app.state.db, "hanako.yamada@example.com", "山田", "花子").await;
        let browser = client();

        // known and unknown addresses get the same answer; only the known one gets mail
        let known =
            app.post_form(&browser, "/api/portal/request-link", &[("email", " Hanako.Yamada@Example.com ")]).await;
        let unknown = app.post_form(&browser, "/api/portal/request-link", &[("email", "nobody@example.com")]).await;
        assert_eq!(known.status(), unknown.status(), "{}", engine.name);
        assert_eq!(location(&known), "/portal/sign-in/sent");
        assert_eq!(location(&unknown), "/portal/sign-in/sent");
        assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
        // and the same work: each only queues its request; the worker sends the one mail there is to send
        let queued: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM link_requests").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!((queued, mail_count(&app).await), (2, 0), "{}", engine.name);
        crate::common::run_link_queue(&app).await;
        assert_eq!(mail_count(&app).await, 1, "{}", engine.name);

        let link = latest_link(&app, "hanako.yamada@example.com").await.expect("sign-in mail");
        let path = link.strip_prefix(&app.base).expect("link to this site").to_owned();
        let token = path.rsplit('/').next().unwrap().to_owned();
        assert_eq!(token.len(), 64);

        // opening the link (as a mail scanner would) uses nothing up
        for _ in 0..2 {
            let page = app.get(&browser, &path).await;
            assert_eq!(page.status(), 200);
            let html = page.text().await.unwrap();
            assert!(html.contains("action=\"/api/portal/confirm-link\""), "{html}");
        }
        let signed_in = app.post_form(&browser, "/api/portal/confirm-link", &[("token", &token)]).await;
        assert_eq!(location(&signed_in), "/portal", "{}", engine.name);
        let cookie = signed_in.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let portal = app.get(&browser, "/portal").await;
        assert_eq!(portal.status(), 200);
        assert!(portal.text().await.unwrap().contains("山田 花子"));

        // the same link again is refused with a clear page
        let other = client();
        let reused = app.post_form(&other, "/api/portal/confirm-link", &[("token", &token)]).await;
        assert_eq!(location(&reused), "/portal/sign-in/problem?reason=used", "{}", engine.name);
        let page = app.get(&other, &path).await.text().await.unwrap();
        assert!(page.contains("このリンクは使用済みです"), "{page}");
        assert_eq!(app.get(&other, "/portal").await.status(), 303);
    }
}

#[tokio::test]
async fn forged_and_expired_links_are_refused() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = insert_candidate(&app.state.db, "late@example.com", "Late", "Larry").await;
        let browser = client();
        let forged = "0".repeat(64);
        let response = app.post_form(&browser, "/api/portal/confirm-link", &[("token", &forged)]).await;
        assert_eq!(location(&response), "/portal/sign-in/problem?reason=invalid");
        let page = app.get(&browser, &format!("/portal/sign-in/link/{forged}")).await.text().await.unwrap();
        assert!(page.contains("このリンクは無効です"));

        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let an_hour_ago = now_ms() - 3_600_000;
        let expired =
            tokens::issue(&mut conn, TokenPurpose::SignIn, &candidate, 15 * 60_000, an_hour_ago).await.unwrap();
        drop(conn);
        let page = app.get(&browser, &format!("/portal/sign-in/link/{expired}")).await.text().await.unwrap();
        assert!(page.contains("このリンクは有効期限が切れています"), "{}", engine.name);
        let response = app.post_form(&browser, "/api/portal/confirm-link", &[("token", &expired)]).await;
        assert_eq!(location(&response), "/portal/sign-in/problem?reason=expired");
        assert_eq!(app.get(&browser, "/portal").await.status(), 303, "{}", engine.name);
    }
}

#[tokio::test]
async fn bad_addresses_and_floods_are_refused_clearly() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let browser = client();
        let response = app.post_form(&browser, "/api/portal/request-link", &[("email", "not-an-address")]).await;
        let (url, page) = crate::common::sent_back(&app, &browser, &response).await;
        assert_eq!(url, "/portal/sign-in?error=ErrEmailInvalid&fe_email=ErrEmailInvalid", "nothing typed in the URL");
        assert!(page.contains("メールアドレスの形式が正しくありません"));
        assert!(page.contains("value=\"not-an-address\""), "what was typed is kept for the page");
        let again = app.get(&browser, &url).await.text().await.unwrap();
        assert!(!again.contains("not-an-address"), "once");
        assert!(page.contains("value=\"not-an-address\""), "what was typed is kept");

        let api = app.call(&browser, "/api/portal/request-link", &[("email", "x")]).await;
        assert_eq!(api.status(), 422);

        for _ in 0..5 {
            let ok = app.post_form(&browser, "/api/portal/request-link", &[("email", "flood@example.com")]).await;
            assert_eq!(location(&ok), "/portal/sign-in/sent");
        }
        let limited = app.post_form(&browser, "/api/portal/request-link", &[("email", "flood@example.com")]).await;
        assert_eq!(location(&limited), "/portal/sign-in?error=ErrRateLimited", "{}", engine.name);
        let page = app.get(&browser, &location(&limited)).await.text().await.unwrap();
        assert!(page.contains("試行回数が多すぎます"));
    }
}

#[tokio::test]
async fn recruiters_sign_in_and_out_and_roles_are_enforced() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let password = "correct horse battery";
        for (email, role) in [("admin@example.com", Role::Admin), ("viewer@example.com", Role::Viewer)] {
            upsert_user(&app.state.db, &Email::parse(email).unwrap(), email, password, role, now_ms()).await.unwrap();
        }
        let admin = client();
        let wrong =
            app.post_form(&admin, "/api/admin/sign-in", &[("email", "admin@example.com"), ("password", "nope")]).await;
        assert_eq!(location(&wrong), "/admin/sign-in?error=ErrInvalidCredentials&fe_password=ErrInvalidCredentials");
        let cookies: Vec<&str> = wrong.headers().get_all("set-cookie").iter().map(|c| c.to_str().unwrap()).collect();
        assert!(cookies.iter().all(|c| c.starts_with("kizuna_flash=")), "no session: {cookies:?}");
        let page = app.get(&admin, &location(&wrong)).await.text().await.unwrap();
        assert!(page.contains("value=\"admin@example.com\""), "the address is kept, the password is not");
        let unknown = app
            .post_form(&admin, "/api/admin/sign-in", &[("email", "ghost@example.com"), ("password", password)])
            .await;
        assert_eq!(location(&unknown), "/admin/sign-in?error=ErrInvalidCredentials&fe_password=ErrInvalidCredentials");
        assert_eq!(app.call(&admin, "/api/admin/dashboard", &[]).await.status(), 401);

        let ok = app
            .post_form(&admin, "/api/admin/sign-in", &[("email", "Admin@Example.com"), ("password", password)])
            .await;
        assert_eq!(location(&ok), "/admin", "{}", engine.name);
        let old_cookie =
            ok.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
        assert_eq!(app.call(&admin, "/api/admin/dashboard", &[]).await.status(), 200);
        assert_eq!(app.call(&admin, "/api/admin/mailbox", &[]).await.status(), 200);
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'viewed' AND subject_kind = 'mailbox'")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(audited, 1, "{}: viewing the mailbox is audited", engine.name);
        let page = app.get(&admin, "/admin").await;
        assert_eq!(page.status(), 200);

        // a viewer may read the dashboard but not the mailbox (which holds other people's links)
        let viewer = client();
        app.post_form(&viewer, "/api/admin/sign-in", &[("email", "viewer@example.com"), ("password", password)]).await;
        assert_eq!(app.call(&viewer, "/api/admin/dashboard", &[]).await.status(), 200);
        assert_eq!(app.call(&viewer, "/api/admin/mailbox", &[]).await.status(), 403, "{}", engine.name);
        assert_eq!(app.call(&client(), "/api/admin/mailbox", &[]).await.status(), 401);

        // after sign-out the old session cookie is worthless
        let out = app.post_form(&admin, "/api/auth/sign-out", &[]).await;
        assert_eq!(location(&out), "/admin/sign-in");
        let replay = client()
            .post(format!("{}/api/admin/dashboard", app.base))
            .header("cookie", &old_cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(replay.status(), 401, "{}", engine.name);
        let page = client().get(format!("{}/admin", app.base)).header("cookie", &old_cookie).send().await.unwrap();
        assert_eq!(location(&page), "/admin/sign-in");
    }
}

#[tokio::test]
async fn sign_in_rotates_the_session() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let password = "correct horse battery";
        upsert_user(&app.state.db, &Email::parse("a@example.com").unwrap(), "A", password, Role::Admin, now_ms())
            .await
            .unwrap();
        let browser = client();
        let first =
            app.post_form(&browser, "/api/admin/sign-in", &[("email", "a@example.com"), ("password", password)]).await;
        let first_cookie =
            first.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
        app.post_form(&browser, "/api/admin/sign-in", &[("email", "a@example.com"), ("password", password)]).await;
        let replay = client()
            .post(format!("{}/api/admin/dashboard", app.base))
            .header("cookie", &first_cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(replay.status(), 401, "{}: the session before sign-in must end", engine.name);
        assert_eq!(app.call(&browser, "/api/admin/dashboard", &[]).await.status(), 200);
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let engine = engines().await.remove(0);
    let app = spawn_app(&engine).await;
    let browser = client();
    let evil_origin = browser
        .post(format!("{}/api/portal/request-link", app.base))
        .header("origin", "https://evil.example")
        .form(&[("email", "a@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(evil_origin.status(), 403);
    let cross_site = browser
        .post(format!("{}/api/auth/sign-out", app.base))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    let same = app.post_form(&browser, "/api/portal/request-link", &[("email", "a@example.com")]).await;
    assert_eq!(same.status(), 302);
}

#[tokio::test]
async fn a_same_origin_form_post_under_no_referrer_is_accepted() {
    let engine = engines().await.remove(0);
    let app = spawn_app(&engine).await;
    // what Chromium sends for a form post from a page served with Referrer-Policy: no-referrer
    let response = client()
        .post(format!("{}/api/portal/request-link", app.base))
        .header("accept", "text/html")
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", "a@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&response), "/portal/sign-in/sent");
    let cross = client()
        .post(format!("{}/api/portal/request-link", app.base))
        .header("origin", "null")
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "a@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), 403);
}

#[tokio::test]
async fn sessions_end_when_idle_and_at_their_absolute_limit() {
    use app::backend::core::sessions::{self, SessionKind};
    for engine in engines().await {
        let db = &engine.db;
        let start = now_ms();
        let (idle, absolute) = SessionKind::Candidate.timeouts();
        let id = sessions::create(db, SessionKind::Candidate, "c1", start).await.unwrap();
        assert!(sessions::lookup(db, &id, start + idle - 1).await.unwrap().is_some(), "{}", engine.name);
        // used just now, so the idle clock restarts...
        assert!(sessions::lookup(db, &id, start + 2 * idle - 2).await.unwrap().is_some());
        // ...but idling past the limit ends it, for good
        assert!(sessions::lookup(db, &id, start + 4 * idle).await.unwrap().is_none(), "{}", engine.name);
        assert!(sessions::lookup(db, &id, start + idle - 1).await.unwrap().is_none());

        let busy = sessions::create(db, SessionKind::Candidate, "c2", start).await.unwrap();
        let mut at = start;
        while at + idle / 2 < start + absolute {
            at += idle / 2;
            assert!(sessions::lookup(db, &busy, at).await.unwrap().is_some());
        }
        assert!(
            sessions::lookup(db, &busy, start + absolute).await.unwrap().is_none(),
            "{}: absolute limit",
            engine.name
        );
    }
}

#[tokio::test]
async fn wrong_passwords_are_limited_but_signing_in_again_and_again_is_not() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let email = app::domain::Email::parse("often@example.com").unwrap();
        app::backend::auth::upsert_user(
            &app.state.db,
            &email,
            "頻繁",
            "right password 1",
            app::domain::Role::Recruiter,
            app::backend::now_ms(),
        )
        .await
        .unwrap();
        for n in 0..12 {
            let browser = client();
            let response = app
                .post_form(
                    &browser,
                    "/api/admin/sign-in",
                    &[("email", "often@example.com"), ("password", "right password 1")],
                )
                .await;
            assert_eq!(location(&response), "/admin", "{}: sign-in {n}", engine.name);
        }
        let mut last = String::new();
        for _ in 0..11 {
            last = location(
                &app.post_form(
                    &client(),
                    "/api/admin/sign-in",
                    &[("email", "often@example.com"), ("password", "guess")],
                )
                .await,
            );
        }
        assert!(last.contains("error=ErrRateLimited"), "{}: {last}", engine.name);
    }
}
