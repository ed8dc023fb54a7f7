//! The company's own users: invited by an admin with a set-password link, roles changed and accounts disabled
//! with immediate effect, and no admin locking themselves out.
use crate::common::{as_user, client, engines, location, spawn_app, TestApp};
use app::domain::Role;

async fn setup_link(app: &TestApp, to: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE recipient = $1 AND kind = 'staff_invitation' ORDER BY created_at DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    let line = body.lines().find(|l| l.contains("/admin/set-password/")).expect("a set-password link").trim();
    line.strip_prefix(&app.base).expect("a link to this site").to_owned()
}

#[tokio::test]
async fn an_invited_colleague_sets_a_password_and_works_in_the_role_the_admin_gives() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let invite = |email: &'static str, name: &'static str, role: &'static str| {
            let admin = admin.clone();
            let app = &app;
            async move {
                let form = [("email", email), ("display_name", name), ("role", role)];
                location(&app.post_form(&admin, "/api/admin/invite-user", &form).await)
            }
        };
        let bad = invite("not-an-address", " ", "owner").await;
        assert!(
            bad.contains("fe_email=ErrEmailInvalid")
                && bad.contains("fe_display_name=ErrRequired")
                && bad.contains("fe_role=ErrInvalid"),
            "{bad}"
        );
        assert_eq!(invite("Sato@Example.com", "佐藤 採用", "recruiter").await, "/admin/users?invited=1");
        assert!(invite("sato@example.com", "佐藤", "viewer").await.contains("fe_email=ErrEmailTaken"));
        let page = app.get(&admin, "/admin/users").await.text().await.unwrap();
        assert!(page.contains("sato@example.com") && page.contains("佐藤 採用"));

        // the link: a page with the form; too short a password refused; then signed in as a recruiter
        let link = setup_link(&app, "sato@example.com").await;
        let token = link.trim_start_matches("/admin/set-password/").to_owned();
        let browser = client();
        assert_eq!(app.get(&browser, &link).await.status(), 200);
        // an agency's set-password form does not take a colleague's link (and does not use it up)
        let agency = app
            .post_form(&browser, "/api/agency/set-password", &[("token", &token), ("password", "long enough password")])
            .await;
        assert!(location(&agency).contains("error=LinkInvalidTitle"), "{}", location(&agency));
        let short =
            app.post_form(&browser, "/api/admin/set-password", &[("token", &token), ("password", "short")]).await;
        assert!(location(&short).contains("fe_password=ErrPasswordTooShort"), "{}", location(&short));
        let set = app
            .post_form(&browser, "/api/admin/set-password", &[("token", &token), ("password", "long enough password")])
            .await;
        assert_eq!(location(&set), "/admin");
        assert_eq!(app.call(&browser, "/api/admin/candidates", &[("filter[q]", "")]).await.status(), 200);
        assert_eq!(app.call(&browser, "/api/admin/users", &[]).await.status(), 403);
        let again = app
            .post_form(&client(), "/api/admin/set-password", &[("token", &token), ("password", "another long one")])
            .await;
        assert!(location(&again).contains("error=LinkUsedTitle"), "{}", location(&again));
        // and they can sign in with it
        let signed_in = client();
        let response = app
            .post_form(
                &signed_in,
                "/api/admin/sign-in",
                &[("email", "sato@example.com"), ("password", "long enough password")],
            )
            .await;
        assert_eq!(location(&response), "/admin");

        // a new role takes effect at once: their sessions end
        let id: String = sqlx::query_scalar("SELECT id FROM users WHERE email = 'sato@example.com'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let changed = app
            .post_form(&admin, "/api/admin/update-user", &[("id", &id), ("action", "role"), ("role", "viewer")])
            .await;
        assert_eq!(location(&changed), "/admin/users?changed=1");
        assert_eq!(app.call(&browser, "/api/admin/candidates", &[("filter[q]", "")]).await.status(), 401);
        let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
            .bind(&id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(role, "viewer");
        let bogus = app
            .post_form(&admin, "/api/admin/update-user", &[("id", &id), ("action", "role"), ("role", "agency")])
            .await;
        assert!(location(&bogus).contains("fe_role=ErrInvalid"), "{}", location(&bogus));

        // disabled: cannot sign in; enabled again: can
        app.post_form(&admin, "/api/admin/update-user", &[("id", &id), ("action", "disable")]).await;
        let refused = app
            .post_form(
                &client(),
                "/api/admin/sign-in",
                &[("email", "sato@example.com"), ("password", "long enough password")],
            )
            .await;
        assert_ne!(location(&refused), "/admin");
        app.post_form(&admin, "/api/admin/update-user", &[("id", &id), ("action", "enable")]).await;
        let back = app
            .post_form(
                &client(),
                "/api/admin/sign-in",
                &[("email", "sato@example.com"), ("password", "long enough password")],
            )
            .await;
        assert_eq!(location(&back), "/admin");

        // no admin demotes or disables themselves
        let me: String = sqlx::query_scalar("SELECT id FROM users WHERE email = 'admin@example.com'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        for form in [
            vec![("id", me.as_str()), ("action", "disable")],
            vec![("id", me.as_str()), ("action", "role"), ("role", "viewer")],
        ] {
            let own = app.post_form(&admin, "/api/admin/update-user", &form).await;
            assert!(location(&own).contains("ErrNotYourself"), "{}", location(&own));
        }
        assert_eq!(app.call(&admin, "/api/admin/users", &[]).await.status(), 200);
        let unknown = app.call(&admin, "/api/admin/update-user", &[("id", "nobody"), ("action", "disable")]).await;
        assert_eq!(unknown.status(), 404);
    }
}

#[tokio::test]
async fn admins_manage_the_decline_reasons_and_a_retired_one_is_no_longer_offered() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let add = |side: &'static str, ja: &'static str, en: &'static str| {
            let admin = admin.clone();
            let app = &app;
            async move {
                let form = [("side", side), ("label_ja", ja), ("label_en", en)];
                location(&app.post_form(&admin, "/api/admin/save-reason", &form).await)
            }
        };
        let bad = add("company", " ", "x").await;
        assert!(bad.contains("fe_label_ja=ErrRequired") && !bad.contains("label_en"), "{bad}");
        let page = app.get(&admin, &bad).await.text().await.unwrap();
        assert!(page.contains("value=\"x\""), "what was typed is kept for the page");
        assert!(add("nobody", "理由", "Reason").await.contains("fe_side=ErrInvalid"));
        assert_eq!(add("company", "  求める ｽｷﾙ と不一致 ", "Skills did not match").await, "/admin/reasons?saved=1");
        assert!(add("company", "求める スキル と不一致", "again").await.contains("fe_label_ja=ErrReasonExists"));
        let id: String = sqlx::query_scalar("SELECT id FROM decline_reasons WHERE label_en = 'Skills did not match'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let offered = |lang| {
            let db = app.state.db.clone();
            async move { app::backend::pipeline::rejection::reasons(&db, "company", lang).await.unwrap() }
        };
        assert!(offered(app::i18n::Lang::Ja)
            .await
            .iter()
            .any(|(i, label)| *i == id && label == "求める スキル と不一致"));
        let page = app.get(&admin, "/admin/reasons").await.text().await.unwrap();
        assert!(page.contains("求める スキル と不一致") && page.contains("Skills did not match"));

        let retired = app.post_form(&admin, "/api/admin/save-reason", &[("id", &id), ("action", "retire")]).await;
        assert_eq!(location(&retired), "/admin/reasons?saved=1");
        assert!(!offered(app::i18n::Lang::En).await.iter().any(|(i, _)| *i == id));
        app.post_form(&admin, "/api/admin/save-reason", &[("id", &id), ("action", "restore")]).await;
        assert!(offered(app::i18n::Lang::En)
            .await
            .iter()
            .any(|(i, label)| *i == id && label == "Skills did not match"));
        let unknown = app.call(&admin, "/api/admin/save-reason", &[("id", "nope"), ("action", "retire")]).await;
        assert_eq!(unknown.status(), 404);
    }
}
