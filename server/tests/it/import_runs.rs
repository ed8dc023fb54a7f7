//! The CSV import end to end: Shift_JIS, bad rows named, nothing added twice, batches and a lost worker.
use crate::common::{as_user, engines, exec, insert_candidate, location, spawn_app, upload_csv};
use app::domain::Role;
use app::i18n::Msg;

#[tokio::test]
async fn a_shift_jis_import_names_each_bad_row_writes_the_good_ones_and_twice_adds_nothing() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let existing = insert_candidate(&app.state.db, "known@example.com", "既存", "太郎").await;
        exec(&app, "UPDATE candidates SET phone = '+819099998888' WHERE id = $1", &[&existing]).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let text = "氏名,フリガナ（セイ）,フリガナ（メイ）,メールアドレス,電話番号,生年月日,スキル\r\n\
                    山田 花子,ヤマダ,ハナコ,hanako@example.com,090-1234-5678,1990/4/1,Rust、SQL\r\n\
                    鈴木 一郎,スズキ,イチロウ,not-an-email,,,\r\n\
                    佐藤 次郎,サトウ,ジロウ,jiro@example.com,12,,\r\n\
                    高橋 三郎,タカハシ,サブロウ,KNOWN@example.com,,,\r\n\
                    伊藤 四郎,イトウ,シロウ,shiro@example.com,090-9999-8888,,\r\n\
                    \"渡辺 五郎\",ワタナベ,ゴロウ,goro@example.com,,1985-12-24,\"Go, Kubernetes\"\r\n";
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!unmappable);
        let upload = |who: reqwest::Client, bytes: Vec<u8>| {
            let app = &app;
            async move {
                let fields = [("source_channel", "job_board"), ("tags", "2026秋採用")];
                upload_csv(app, &who, "応募者.csv", bytes, &fields).await
            }
        };
        assert_eq!(upload(viewer.clone(), sjis.to_vec()).await, "/admin/import?error=ErrForbidden");
        let uploaded = upload(recruiter.clone(), sjis.to_vec()).await;
        let id = uploaded.trim_start_matches("/admin/import/").to_owned();
        assert!(!id.is_empty() && !id.contains('?'), "{}: {uploaded}", engine.name);
        let preview: serde_json::Value =
            app.call(&recruiter, "/api/admin/import-preview", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(preview["encoding"], "Shift_JIS");
        assert_eq!(preview["rows"], 6);
        assert_eq!(
            preview["mapping"],
            serde_json::json!(["full_name", "family_kana", "given_kana", "email", "phone", "birth_date", "skills"])
        );
        let mapping = [
            ("id", id.as_str()),
            ("col[0]", "full_name"),
            ("col[1]", "family_name_kana"),
            ("col[2]", "given_name_kana"),
            ("col[3]", "email"),
            ("col[4]", "phone"),
            ("col[5]", "birth_date"),
            ("col[6]", "skills"),
        ];
        let count = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM candidates")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap()
        };

        // the dry run reports, writes nothing
        let checked = location(
            &app.post_form(&recruiter, "/api/admin/run-import", &[mapping.as_slice(), &[("check", "yes")]].concat())
                .await,
        );
        assert!(checked.contains("done=checked"), "{checked}");
        assert_eq!(count().await, 1, "{}: a dry run writes nothing", engine.name);
        let report: serde_json::Value =
            app.call(&recruiter, "/api/admin/import-preview", &[("id", &id)]).await.json().await.unwrap();
        let report = &report["report"];
        assert_eq!((report["imported"].as_i64(), report["already_present"].as_i64()), (Some(2), Some(1)), "{report}");
        let problems: Vec<(i64, &str, &str)> = report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["line"].as_i64().unwrap(), p["field"].as_str().unwrap(), p["message"].as_str().unwrap()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (3, "email", "ErrEmailInvalid"),
                (4, "phone", "ErrPhoneInvalid"),
                (6, "phone", "ErrPossibleDuplicate")
            ],
            "{}",
            engine.name
        );

        // the import: the good rows, normalised, tagged, with the file's source; the report page names the bad rows
        let imported = location(&app.post_form(&recruiter, "/api/admin/run-import", &mapping).await);
        assert!(imported.contains("done=started"), "{imported}");
        // queued for the worker: the page shows its progress and refreshes itself; a second start is refused
        let page = app.get(&recruiter, &imported).await.text().await.unwrap();
        assert!(page.contains("<progress") && page.contains("http-equiv=\"refresh\""), "{page}");
        let twice = location(&app.post_form(&recruiter, "/api/admin/run-import", &mapping).await);
        assert!(twice.contains("error=ErrImportRunning"), "{twice}");
        assert_eq!(count().await, 1);
        while app::backend::import::work(&app.state.db, &app.state.config.secret, app::backend::now_ms()).await.unwrap()
        {
        }
        assert_eq!(count().await, 3);
        let row: (String, String, String, String, String) = sqlx::query_as(
            "SELECT family_name_kana, phone, birth_date, skills, source_channel FROM candidates WHERE email = 'hanako@example.com'",
        )
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(
            row,
            ("ヤマダ".into(), "+819012345678".into(), "1990-04-01".into(), "Rust,SQL".into(), "job_board".into())
        );
        let tagged: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = '2026秋採用'",
        )
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(tagged, 2);
        let page = app.get(&recruiter, &imported).await.text().await.unwrap();
        assert!(
            page.contains(Msg::ErrPossibleDuplicate.text(app::i18n::Lang::Ja))
                && page.contains(&format!("/admin/candidates/{existing}"))
        );

        // the same file again adds no one
        let again = upload(recruiter.clone(), sjis.to_vec()).await;
        let again_id = again.trim_start_matches("/admin/import/").to_owned();
        let mapping_again: Vec<(&str, &str)> =
            mapping.iter().map(|(k, v)| (*k, if *k == "id" { again_id.as_str() } else { *v })).collect();
        app.post_form(&recruiter, "/api/admin/run-import", &mapping_again).await;
        while app::backend::import::work(&app.state.db, &app.state.config.secret, app::backend::now_ms()).await.unwrap()
        {
        }
        assert_eq!(count().await, 3, "{}: importing twice adds nothing", engine.name);
        let without_email = location(
            &app.post_form(&recruiter, "/api/admin/run-import", &[("id", again_id.as_str()), ("col[0]", "full_name")])
                .await,
        );
        assert!(without_email.contains("error=ErrImportMapping"), "{without_email}");
    }
}

#[tokio::test]
async fn a_large_import_runs_in_batches_with_its_progress_and_resumes_after_a_lost_worker() {
    use app::backend::import::{work, BATCH_ROWS};
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let total = BATCH_ROWS * 2 + 1;
        let mut csv = String::from("メールアドレス,氏名\n");
        for n in 0..total {
            csv.push_str(&format!("person{n}@example.com,山田 太郎\n"));
        }
        csv.push_str("bad-address,誰か\n");
        let fields = [("source_channel", "import"), ("tags", "")];
        let uploaded = upload_csv(&app, &recruiter, "large.csv", csv.into_bytes(), &fields).await;
        let id = uploaded.trim_start_matches("/admin/import/").to_owned();
        let started = app
            .post_form(
                &recruiter,
                "/api/admin/run-import",
                &[("id", &id), ("col[0]", "email"), ("col[1]", "full_name")],
            )
            .await;
        assert!(location(&started).contains("done=started"), "{}", location(&started));
        let progress = || async {
            let (status, done): (String, i64) = sqlx::query_as("SELECT status, rows_done FROM imports WHERE id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
            (status, done)
        };
        let candidates = || async {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM candidates").fetch_one(app.state.db.pool()).await.unwrap();
            n
        };

        // one batch: its rows and its progress together
        let now = app::backend::now_ms();
        assert!(work(&app.state.db, &app.state.config.secret, now).await.unwrap());
        assert_eq!(progress().await, ("running".into(), BATCH_ROWS as i64));
        assert_eq!(candidates().await, BATCH_ROWS as i64);
        let page = app.get(&recruiter, &format!("/admin/import/{id}")).await.text().await.unwrap();
        assert!(page.contains(&format!("{BATCH_ROWS} / {}", total + 1)), "the page shows the progress");
        // a worker is lost in the middle of the next batch: it holds the lease, its batch was never committed;
        // while the lease holds no other server takes the import, and once it lapses another goes on from the
        // last whole batch
        sqlx::query("UPDATE imports SET lease_until = $1 WHERE id = $2")
            .bind(now + 60_000)
            .bind(&id)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        assert!(!work(&app.state.db, &app.state.config.secret, now + 1_000).await.unwrap());
        assert_eq!(progress().await.1, BATCH_ROWS as i64);
        let later = now + 61_000;
        while work(&app.state.db, &app.state.config.secret, later).await.unwrap() {}
        assert_eq!(progress().await, ("done".into(), (total + 1) as i64));
        assert_eq!(candidates().await, total as i64, "every good row once");
        let page = app.get(&recruiter, &format!("/admin/import/{id}?done=started")).await.text().await.unwrap();
        assert!(!page.contains("<progress") && page.contains(Msg::ImportDoneTitle.text(app::i18n::Lang::Ja)));
        let report: String = sqlx::query_scalar("SELECT report FROM imports WHERE id = $1")
            .bind(&id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(report["imported"].as_u64(), Some(total as u64));
        assert_eq!(report["problems"][0]["line"].as_u64(), Some(total as u64 + 2), "the bad row, by its line");
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'imported' AND subject_id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(audited, 1);
    }
}
