//! Erased people stay erased: an import or a recruiter cannot bring them back, under any address or phone the
//! person was known by (a record merged into theirs included).
use crate::common::{as_candidate, as_user, client, engines, location, spawn_app, upload_csv};
use crate::erasure::{text_cells, EMAIL, PHONE};
use app::backend::core::mail::deliver_due;
use app::backend::now_ms;
use app::domain::Role;
use app::i18n::{Lang, Msg};

#[tokio::test]
async fn an_erased_person_is_not_brought_back_by_an_import_or_by_hand() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let me = crate::common::insert_candidate(&app.state.db, EMAIL, "佐藤", "恵梨香").await;
        crate::common::give_phone(&app.state.db, &me, PHONE).await;
        let browser = as_candidate(&app, &me).await;
        app.post_form(&browser, "/api/portal/erase", &[("confirm", "yes")]).await;
        let prints: Vec<(String, String)> = sqlx::query_as("SELECT fingerprint, kind FROM suppressions ORDER BY kind")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(prints.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(), ["email", "phone"], "{}", engine.name);
        for (print, _) in &prints {
            assert_ne!(print, &app::backend::core::crypto::sha256_hex(EMAIL), "keyed, not a bare hash");
            assert_ne!(print, &app::backend::core::crypto::sha256_hex(PHONE));
        }

        // the old file again: the person is reported, not added, by address and by phone
        let csv = "メール,氏名,電話\nErika.Sato@Example.com,佐藤 恵梨香,\nnew.address@example.com,佐藤 恵梨香,090-1111-2222\n\
                   someone@example.com,田中 一郎,\n";
        let fields = [("source_channel", "import"), ("tags", "")];
        let uploaded = upload_csv(&app, &recruiter, "old.csv", csv.as_bytes().to_vec(), &fields).await;
        let id = uploaded.trim_start_matches("/admin/import/").to_owned();
        let form = [("id", id.as_str()), ("col[0]", "email"), ("col[1]", "full_name"), ("col[2]", "phone")];
        app.post_form(&recruiter, "/api/admin/run-import", &form).await;
        let mut now = now_ms();
        while app::backend::import::work(&app.state.db, &app.state.config.secret, now).await.unwrap() {
            now += 10_000;
        }
        let preview: serde_json::Value =
            app.call(&recruiter, "/api/admin/import-preview", &[("id", &id)]).await.json().await.unwrap();
        let problems: Vec<(i64, &str)> = preview["report"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["line"].as_i64().unwrap(), p["message"].as_str().unwrap()))
            .collect();
        assert_eq!(problems, [(2, "ErrErasedByRequest"), (3, "ErrErasedByRequest")], "{}", engine.name);
        assert_eq!(preview["report"]["imported"], 1);
        let page = app.get(&recruiter, &format!("/admin/import/{id}")).await.text().await.unwrap();
        assert!(page.contains(Msg::ErrErasedByRequest.text(Lang::Ja)));

        // by hand
        let form = |email: &'static str, phone: &'static str| {
            [
                ("email", email),
                ("family_name", "佐藤"),
                ("given_name", "恵梨香"),
                ("family_name_kana", ""),
                ("given_name_kana", ""),
                ("phone", phone),
                ("birth_date", ""),
                ("location", ""),
                ("skills", ""),
                ("desired_roles", ""),
                ("source_channel", "sourcing"),
                ("tags", ""),
                ("confirm", "yes"),
            ]
        };
        for (email, phone) in [(EMAIL, ""), ("another@example.com", "09011112222")] {
            let added = app.post_form(&recruiter, "/api/admin/create-candidate", &form(email, phone)).await;
            assert!(location(&added).contains("error=ErrErasedByRequest"), "{}: {}", engine.name, location(&added));
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM candidates WHERE status = 'active'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(count, 1, "{}: only someone@example.com", engine.name);
        assert_eq!(app.get(&client(), "/portal").await.status(), 303);
    }
}

#[tokio::test]
async fn erasing_a_merged_person_reaches_what_both_records_were_known_by() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let keep = crate::common::insert_candidate(&app.state.db, EMAIL, "佐藤", "恵梨香").await;
        let other = crate::common::insert_candidate(&app.state.db, "erika.old@example.com", "佐藤", "恵梨香").await;
        crate::common::give_phone(&app.state.db, &other, "+819099990000").await;
        // the old record signed in once (an audit entry with its address) before the two were merged
        as_candidate(&app, &other).await;
        let merged = app
            .post_form(&recruiter, "/api/admin/merge", &[("keep", &keep), ("other", &other), ("confirm", "yes")])
            .await;
        assert!(location(&merged).contains("merged=1"), "{}: {}", engine.name, location(&merged));
        let browser = as_candidate(&app, &keep).await;
        app.post_form(&browser, "/api/portal/erase", &[("confirm", "yes")]).await;
        // the confirmation goes to the address once, then the message loses it
        deliver_due(&app.state.db, &crate::common::sink(&app), now_ms()).await.unwrap();
        let prints: Vec<String> = sqlx::query_scalar("SELECT kind FROM suppressions ORDER BY kind")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(prints, ["email", "email", "phone"], "{}: both addresses and the phone", engine.name);
        let addressed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE ip IS NOT NULL \
             AND (subject_id IN ($1, $2) OR actor_id IN ($1, $2))",
        )
        .bind(&keep)
        .bind(&other)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(addressed, 0, "{}: an entry about either record keeps its address", engine.name);
        for (table, column, value) in text_cells(&app).await {
            for needle in ["erika.old@example.com", "+819099990000", EMAIL] {
                assert!(!value.contains(needle), "{}: {needle} still in {table}.{column}", engine.name);
            }
        }
        let left: Vec<(String, String)> =
            sqlx::query_as("SELECT action, detail FROM audit_log WHERE subject_id = $1 OR actor_id = $1")
                .bind(&other)
                .fetch_all(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(
            left,
            [("merged_into".to_owned(), String::new())],
            "{}: the old record's entries moved to the person and were cleared with them; the merge stays provable",
            engine.name
        );
        // the old address cannot bring them back either
        let csv = "メール,氏名\nerika.old@example.com,佐藤 恵梨香\n";
        let fields = [("source_channel", "import"), ("tags", "")];
        let uploaded = upload_csv(&app, &recruiter, "old.csv", csv.as_bytes().to_vec(), &fields).await;
        let id = uploaded.trim_start_matches("/admin/import/").to_owned();
        let checked = app
            .post_form(
                &recruiter,
                "/api/admin/run-import",
                &[("id", &id), ("col[0]", "email"), ("col[1]", "full_name"), ("check", "yes")],
            )
            .await;
        assert!(location(&checked).contains("done=checked"));
        let preview: serde_json::Value =
            app.call(&recruiter, "/api/admin/import-preview", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(preview["report"]["problems"][0]["message"], "ErrErasedByRequest", "{}", engine.name);
    }
}
