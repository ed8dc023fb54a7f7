//! A candidate's page and adding one by hand: duplicates caught first, notes and tags, profile corrections,
//! the audit log.
use crate::common::{as_user, engines, insert_candidate, location, spawn_app};
use app::domain::Role;
use app::i18n::Msg;

#[tokio::test]
async fn a_recruiter_adds_a_candidate_by_hand_and_duplicates_are_caught_first() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let page = app.get(&recruiter, "/admin/candidates/new").await;
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains(Msg::NewCandidateIntro.text(app::i18n::Lang::Ja)));
        let form = |email: &str, phone: &str, birth: &str, confirm: bool| {
            let mut form = vec![
                ("email", email.to_owned()),
                ("family_name", " 山田 ".to_owned()),
                ("given_name", "花子".to_owned()),
                ("family_name_kana", "やまだ".to_owned()),
                ("given_name_kana", "ﾊﾅｺ".to_owned()),
                ("phone", phone.to_owned()),
                ("birth_date", birth.to_owned()),
                ("location", "東京都".to_owned()),
                ("skills", "Rust、SQL".to_owned()),
                ("desired_roles", "".to_owned()),
                ("source_channel", "sourcing".to_owned()),
                ("tags", "スカウト".to_owned()),
            ];
            if confirm {
                form.push(("confirm", "yes".to_owned()));
            }
            form
        };
        let post = |client: &reqwest::Client, fields: Vec<(&'static str, String)>| {
            let client = client.clone();
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                location(&app.post_form(&client, "/api/admin/create-candidate", &pairs).await)
            }
        };
        let count = || async {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM candidates").fetch_one(app.state.db.pool()).await.unwrap();
            n
        };
        assert_eq!(
            app.call(
                &viewer,
                "/api/admin/create-candidate",
                &form("a@example.com", "", "", false).iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()
            )
            .await
            .status(),
            403
        );

        // bad input: every field named, every value kept, nothing written
        let bad = post(&recruiter, form("not-an-address", "12", "1990-02-30", false)).await;
        assert!(
            bad.starts_with("/admin/candidates/new?")
                && bad.contains("fe_email=ErrEmailInvalid")
                && bad.contains("fe_phone=")
                && bad.contains("fe_birth_date=ErrDateInvalid")
                && !bad.contains("1990-02-30"),
            "{bad}"
        );
        let page = app.get(&recruiter, &bad).await.text().await.unwrap();
        assert!(
            page.contains("value=\"1990-02-30\"") && page.contains("value=\"not-an-address\""),
            "kept for the page"
        );
        assert_eq!(count().await, 0);

        // added, normalised as the portal would, tagged and audited
        let added = post(&recruiter, form(" Hanako@Example.COM ", "090-1111-2222", "1990/4/1", false)).await;
        let id = added
            .strip_prefix("/admin/candidates/")
            .and_then(|r| r.strip_suffix("?created=1"))
            .expect(&added)
            .to_owned();
        let row: (String, String, String, Option<String>, Option<String>, String, String) = sqlx::query_as(
            "SELECT email, family_name, given_name_kana, phone, birth_date, skills, source_channel FROM candidates WHERE id = $1",
        )
        .bind(&id)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(
            row,
            (
                "hanako@example.com".into(),
                "山田".into(),
                "ハナコ".into(),
                Some("+819011112222".into()),
                Some("1990-04-01".into()),
                "Rust,SQL".into(),
                "sourcing".into()
            )
        );
        let tagged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM candidate_tags t JOIN tags g ON g.id = t.tag_id WHERE t.candidate_id = $1 AND g.name = 'スカウト'")
            .bind(&id).fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(tagged, 1);
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'candidate_created' AND subject_id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(audited, 1);

        // the same e-mail: refused outright, with the existing record shown
        let same = post(&recruiter, form("hanako@example.com", "", "", true)).await;
        assert!(same.contains("fe_email=ErrCandidateExists"), "{same}");
        let page = app.get(&recruiter, &same).await.text().await.unwrap();
        assert!(page.contains(&format!("/admin/candidates/{id}")) && !page.contains("name=\"confirm\""));

        // the same phone, or the same name and birth date: held back until the recruiter confirms
        for (email, phone, birth) in [("other@example.com", "09011112222", ""), ("third@example.com", "", "1990-04-01")]
        {
            let held = post(&recruiter, form(email, phone, birth, false)).await;
            assert!(held.contains("error=ErrPossibleDuplicates"), "{held}");
            assert_eq!(count().await, 1);
            let page = app.get(&recruiter, &held).await.text().await.unwrap();
            assert!(page.contains(&format!("/admin/candidates/{id}")) && page.contains("name=\"confirm\""));
            assert!(!page.contains("checked"), "the confirmation is never pre-ticked");
        }
        let confirmed = post(&recruiter, form("third@example.com", "", "1990-04-01", true)).await;
        assert!(confirmed.ends_with("?created=1"), "{confirmed}");
        assert_eq!(count().await, 2);
        // and the two now show each other as possible duplicates
        let detail = app.get(&recruiter, &format!("/admin/candidates/{id}")).await.text().await.unwrap();
        assert!(detail.contains("third@example.com"));
    }
}

#[tokio::test]
async fn notes_and_tags_on_the_candidate_page_are_signed_and_validated() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = insert_candidate(&app.state.db, "noted@example.com", "記録", "太郎").await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let empty = app
            .post_form(&recruiter, "/api/admin/candidate-note", &[("candidate_id", &candidate), ("body", "  ")])
            .await;
        assert!(location(&empty).contains("fe_body=ErrRequired"));
        assert_eq!(
            app.call(&viewer, "/api/admin/candidate-note", &[("candidate_id", &candidate), ("body", "x")])
                .await
                .status(),
            403
        );
        let added = app
            .post_form(
                &recruiter,
                "/api/admin/candidate-note",
                &[("candidate_id", &candidate), ("body", "一次面接の日程を調整中\r\n来週連絡")],
            )
            .await;
        assert!(location(&added).ends_with("#notes"));
        let unknown =
            app.call(&recruiter, "/api/admin/candidate-note", &[("candidate_id", "nobody"), ("body", "x")]).await;
        assert_eq!(unknown.status(), 404);
        app.post_form(&recruiter, "/api/admin/candidate-tag", &[("candidate_id", &candidate), ("tag", "ＶＩＰ")]).await;
        let long = "x".repeat(51);
        let too_long = app
            .post_form(&recruiter, "/api/admin/candidate-tag", &[("candidate_id", &candidate), ("tag", &long)])
            .await;
        assert!(location(&too_long).contains("ErrTooLong"));
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["notes"][0]["body"], "一次面接の日程を調整中\n来週連絡", "{}", engine.name);
        assert_eq!(detail["notes"][0]["author"], "rec@example.com");
        assert_eq!(detail["tags"][0]["name"], "VIP", "tags are normalised");
        let page = app.get(&viewer, &format!("/admin/candidates/{candidate}")).await.text().await.unwrap();
        assert!(page.contains("一次面接の日程を調整中") && page.contains("VIP"));
        app.post_form(
            &recruiter,
            "/api/admin/candidate-tag",
            &[("candidate_id", &candidate), ("tag", "VIP"), ("remove", "yes")],
        )
        .await;
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["tags"], serde_json::json!([]));
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE subject_id = $1 AND action IN ('note_added', 'tagged', 'untagged')",
        )
        .bind(&candidate)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 3);
    }
}

#[tokio::test]
async fn recruiters_correct_a_profile_with_the_portal_rules_and_admins_browse_the_audit_log() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = insert_candidate(&app.state.db, "edit@example.com", "編集", "前").await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let form = |phone: &'static str, kana: &'static str| {
            vec![
                ("candidate_id", candidate.clone()),
                ("family_name", "　山田 ".to_owned()),
                ("given_name", "太郎".to_owned()),
                ("family_name_kana", kana.to_owned()),
                ("given_name_kana", "たろう".to_owned()),
                ("phone", phone.to_owned()),
                ("location", "東京都".to_owned()),
                ("skills", "Rust, ＳＱＬ".to_owned()),
                ("desired_roles", "".to_owned()),
                ("desired_locations", "".to_owned()),
            ]
        };
        let pairs = |v: &Vec<(&'static str, String)>| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
        let bad = form("090-12", "Yamada");
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = location(&app.post_form(&recruiter, "/api/admin/save-profile", &bad).await);
        assert!(
            refused.contains("fe_phone=ErrPhoneInvalid") && refused.contains("fe_family_name_kana=ErrKanaInvalid"),
            "{refused}"
        );
        assert!(!refused.contains("family_name="), "nothing typed in the URL: {refused}");
        let page = app.get(&recruiter, &refused).await.text().await.unwrap();
        assert!(
            page.contains("Yamada") && page.contains(Msg::ErrPhoneInvalid.text(app::i18n::Lang::Ja)),
            "{}",
            engine.name
        );
        assert_eq!(app.call(&viewer, "/api/admin/save-profile", &bad).await.status(), 403);
        let good = pairs(&form("０９０－１２３４－５６７８", "やまだ"));
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let saved = location(&app.post_form(&recruiter, "/api/admin/save-profile", &good).await);
        assert!(saved.ends_with("?saved=1#profile"), "{saved}");
        let stored: (String, String, String, String) =
            sqlx::query_as("SELECT family_name, family_name_kana, phone, skills FROM candidates WHERE id = $1")
                .bind(&candidate)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(
            stored,
            ("山田".into(), "ヤマダ".into(), "+819012345678".into(), "Rust,SQL".into()),
            "{}",
            engine.name
        );

        // the candidate page shows mail without its text, and the audit trail
        sqlx::query("INSERT INTO mail_outbox (id, message_id, recipient, candidate_id, kind, language, subject, body_text, status, next_attempt_at, created_at) VALUES ('m', '<m@x>', 'edit@example.com', $1, 'sign_in', 'ja', 'ログインリンク', 'SECRET-LINK', 'sent', 1, 1)")
            .bind(&candidate)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["mails"][0]["subject"], "ログインリンク");
        assert!(!detail.to_string().contains("SECRET-LINK"), "a recruiter never sees a candidate's sign-in link");
        let actions: Vec<&str> =
            detail["audit"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
        assert!(actions.contains(&"profile_changed"), "{actions:?}");

        // the audit log: admins only, filtered, exported
        assert_eq!(app.call(&recruiter, "/api/admin/audit", &[]).await.status(), 403);
        let changes: serde_json::Value = app
            .call(&admin, "/api/admin/audit", &[("action", "profile_changed"), ("actor", "rec@example.com")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(changes.as_array().unwrap().len(), 1, "{changes}");
        assert_eq!(changes[0]["subject_id"], candidate.as_str());
        let html = app.get(&admin, "/admin/audit?action=profile_changed").await.text().await.unwrap();
        assert!(html.contains("profile_changed") && html.contains(&format!("/admin/candidates/{candidate}")));
        let csv = app
            .get(&admin, &format!("/admin/audit.csv?subject_kind=candidate&subject_id={candidate}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.contains("profile_changed") && csv.lines().count() >= 3, "{csv}");
    }
}
