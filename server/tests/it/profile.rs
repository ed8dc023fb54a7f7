//! Profile editing: validated and normalised on the server, every bad field named, nothing half written.
use crate::common::{client, engines, insert_candidate, location, spawn_app};
use app::backend::{core::tokens, now_ms, profile};
use app::domain::TokenPurpose;

#[tokio::test]
async fn a_candidate_edits_their_profile_with_server_side_rules() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = insert_candidate(&app.state.db, "edit@example.com", "山田", "花子").await;
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let token = tokens::issue(&mut conn, TokenPurpose::SignIn, &candidate, 60_000, now_ms()).await.unwrap();
        drop(conn);
        let browser = client();
        app.post_form(&browser, "/api/portal/confirm-link", &[("token", &token)]).await;

        let mut form = vec![
            ("family_name", "山田"),
            ("given_name", "花子"),
            ("family_name_kana", "やまだ"),
            ("given_name_kana", "ﾊﾅｺ"),
            ("phone", "０９０-１２３４-５６７８"),
            ("location", "東京都"),
            ("skills", "Rust、SQL"),
            ("desired_roles", "バックエンド"),
            ("desired_locations", "東京都, リモート"),
        ];
        let saved = app.post_form(&browser, "/api/portal/save-profile", &form).await;
        assert_eq!(location(&saved), "/portal/profile?saved=1", "{}", engine.name);
        let stored = profile::load(&app.state.db, &candidate).await.unwrap();
        assert_eq!(stored.family_name_kana, "ヤマダ");
        assert_eq!(stored.given_name_kana, "ハナコ");
        assert_eq!(stored.phone, "+819012345678");
        assert_eq!(stored.skills, "Rust, SQL");
        assert_eq!(stored.desired_locations, "東京都, リモート");
        let audit: String =
            sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'profile_changed' AND subject_id = $1")
                .bind(&candidate)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert!(audit.contains("phone") && !audit.contains("+81"), "fields are named, values are not logged: {audit}");

        form[0] = ("family_name", " ");
        form[4] = ("phone", "12");
        let refused = app.post_form(&browser, "/api/portal/save-profile", &form).await;
        let back = location(&refused);
        assert!(back.contains("fe_family_name=ErrRequired") && back.contains("fe_phone=ErrPhoneInvalid"), "{back}");
        assert_eq!(
            profile::load(&app.state.db, &candidate).await.unwrap(),
            stored,
            "{}: nothing half written",
            engine.name
        );
        let page = app.get(&browser, &back).await.text().await.unwrap();
        assert!(
            page.contains("電話番号の形式が正しくありません") && page.contains("value=\"12\""),
            "errors shown, input kept"
        );

        let api = app.call(&browser, "/api/portal/save-profile", &form).await;
        assert_eq!(api.status(), 422);
        assert_eq!(app.call(&client(), "/api/portal/profile", &[]).await.status(), 401);
        assert_eq!(app.call(&client(), "/api/portal/save-profile", &form).await.status(), 401);
    }
}
