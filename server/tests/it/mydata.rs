//! My data: the export holds every row about the candidate; erasure leaves their identity nowhere.
use crate::common::{as_candidate, client, engines, insert_candidate, location, spawn_app, TestApp};
use app::backend::core::mail::{deliver_due, Mailer};
use app::backend::mydata::EXPORT_TABLES;
use app::backend::{now_ms, DbKind};

const EMAIL: &str = "erika.sato@example.com";
const PHONE: &str = "+819011112222";

/// A candidate with something in every table that can reference one.
async fn rich_candidate(app: &TestApp) -> String {
    let db = &app.state.db;
    let id = insert_candidate(db, EMAIL, "佐藤", "恵梨香").await;
    let statements = [
        "UPDATE candidates SET phone = '+819011112222', family_name_kana = 'サトウ', given_name_kana = 'エリカ', skills = 'Rust' WHERE id = $1",
        "INSERT INTO tags (id, name, created_at) VALUES ('t1', 'フォロー', 1)",
        "INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, 't1', 1)",
        "INSERT INTO notes (id, candidate_id, body, created_at) VALUES ('n1', $1, '佐藤さんは Rust が得意', 1)",
        "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, created_at, updated_at) VALUES ('j1', 'SRE', 'SRE', 'Eng', '東京都', 'full_time', 'open', 1, 1)",
        "INSERT INTO invitations (id, candidate_id, job_id, status, decline_reason, created_at) VALUES ('i1', $1, 'j1', 'declined', '佐藤は転職済み', 1)",
        "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('a1', $1, 'j1', 'interview', 'website', 1, 1)",
        "INSERT INTO stage_transitions (id, application_id, to_stage, at) VALUES ('s1', 'a1', 'interview', 1)",
        "INSERT INTO interviews (id, application_id, starts_at, ends_at, created_at, updated_at) VALUES ('iv1', 'a1', 1, 2, 1, 1)",
        "INSERT INTO events (id, title, starts_at, location, created_at) VALUES ('e1', '説明会', 1, 'オンライン', 1)",
        "INSERT INTO event_attendees (event_id, candidate_id, registered_at) VALUES ('e1', $1, 1)",
        "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, created_at, updated_at) VALUES ('ag1', '紹介社', '東京都港区', '代表', 'ag@example.com', 'names,email', 1, 1)",
        "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, agency_id, action, channel, actor_kind, at) VALUES ('cr1', $1, 'agency_referral', 'policy-agency_referral-v1', 'ag1', 'granted', 'portal', 'candidate', 5)",
        "INSERT INTO referrals (id, candidate_id, agency_id, consent_record_id, items, name_snapshot, provided_at, status, updated_at) VALUES ('r1', $1, 'ag1', 'cr1', 'names,email', '佐藤 恵梨香', 6, 'referred', 6)",
        "INSERT INTO contact_preferences (candidate_id, topics, updated_at) VALUES ($1, 'department:Eng', 1)",
        "INSERT INTO resumes (id, candidate_id, file_name, kind, size, sha256, uploaded_at) VALUES ('rs1', $1, 'cv.pdf', 'pdf', 1, 'x', 1)",
        "INSERT INTO merged_identities (id, candidate_id, merged_id, email, phone, merged_at) VALUES ('mi1', $1, 'gone1', 'erika.old@example.com', '+819033334444', 1)",
        "INSERT INTO mail_outbox (id, message_id, recipient, candidate_id, kind, language, subject, body_text, status, next_attempt_at, created_at) \
         VALUES ('m1', '<m1@x>', 'erika.sato@example.com', $1, 'job_news', 'ja', '佐藤様へ', '佐藤 恵梨香 様', 'sent', 1, 1)",
        "INSERT INTO campaigns (id, name, kind, segment_id, purpose, status, created_at, updated_at) \
         VALUES ('k1', '秋', 'one_off', '00000000-0000-7000-8000-5e6000000001', 'job_news', 'done', 1, 1)",
        "INSERT INTO campaign_enrolments (campaign_id, candidate_id, next_step, due_at, status, enrolled_at) VALUES ('k1', $1, 0, 1, 'done', 1)",
        "INSERT INTO campaign_sends (campaign_id, position, candidate_id, outcome, message_id, click_key, at) VALUES ('k1', 0, $1, 'sent', '<m1@x>', 'hash', 2)",
        "INSERT INTO campaign_clicks (id, campaign_id, position, candidate_id, target, at) VALUES ('cc1', 'k1', 0, $1, 'portal', 3)",
        "INSERT INTO automation_runs (id, automation_id, candidate_id, subject_ref, outcome, at) VALUES ('ar1', 'job_opened', $1, 'j1', 'sent', 4)",
    ];
    for sql in statements {
        sqlx::query(sql).bind(&id).execute(db.pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    id
}

#[tokio::test]
async fn the_export_holds_every_row_about_me_and_no_table_is_forgotten() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = rich_candidate(&app).await;
        let browser = as_candidate(&app, &candidate).await;
        let response = app.get(&browser, "/api/portal/export.json").await;
        assert_eq!(response.status(), 200, "{}", engine.name);
        assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let export: serde_json::Value = response.json().await.unwrap();
        let tables = export["tables"].as_object().unwrap();
        for (table, _) in EXPORT_TABLES {
            let rows = tables[*table].as_array().unwrap();
            assert!(!rows.is_empty(), "{}: {table} exported nothing", engine.name);
        }
        assert_eq!(tables["candidates"][0]["email"], EMAIL);
        assert_eq!(tables["notes"][0]["body"], "佐藤さんは Rust が得意");
        assert_eq!(tables["referrals"][0]["items"], "names,email");

        // every table with a column that points at a candidate must be in the export
        let referencing: Vec<String> = match engine.db.kind() {
            DbKind::Sqlite => sqlx::query_scalar(
                "SELECT DISTINCT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
                 WHERE m.type = 'table' AND c.name IN ('candidate_id', 'application_id')",
            )
            .fetch_all(engine.db.pool())
            .await
            .unwrap(),
            DbKind::Postgres => sqlx::query_scalar(
                "SELECT DISTINCT CAST(table_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = 'public' AND column_name IN ('candidate_id', 'application_id')",
            )
            .fetch_all(engine.db.pool())
            .await
            .unwrap(),
        };
        for table in referencing {
            assert!(
                EXPORT_TABLES.iter().any(|(t, _)| *t == table),
                "{}: {table} references candidates but is not exported",
                engine.name
            );
        }
        // and nobody else's export shows any of it
        let other = insert_candidate(&app.state.db, "other@example.com", "Other", "One").await;
        let other_browser = as_candidate(&app, &other).await;
        let theirs: serde_json::Value = app.get(&other_browser, "/api/portal/export.json").await.json().await.unwrap();
        assert!(!theirs.to_string().contains(EMAIL));
        assert_eq!(app.get(&client(), "/api/portal/export.json").await.status(), 401);
    }
}

async fn text_cells(app: &TestApp) -> Vec<(String, String, String)> {
    let db = &app.state.db;
    let columns: Vec<(String, String)> = match db.kind() {
        DbKind::Sqlite => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND upper(c.type) = 'TEXT'",
        )
        .fetch_all(db.pool())
        .await
        .unwrap(),
        DbKind::Postgres => sqlx::query_as(
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
             WHERE table_schema = 'public' AND data_type = 'text'",
        )
        .fetch_all(db.pool())
        .await
        .unwrap(),
    };
    let mut cells = Vec::new();
    for (table, column) in columns {
        let sql = format!("SELECT {column} FROM {table} WHERE {column} IS NOT NULL");
        let values: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await.unwrap();
        cells.extend(values.into_iter().map(|v| (table.clone(), column.clone(), v)));
    }
    cells
}

#[tokio::test]
async fn erasure_leaves_the_person_nowhere_but_keeps_statistics_and_the_legal_record() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = rich_candidate(&app).await;
        // a sign-in mail that went out through the sink (an .eml file in data/mail)
        app.post_form(&client(), "/api/portal/request-link", &[("email", EMAIL)]).await;
        crate::common::run_link_queue(&app).await;
        let mailer = Mailer::new(None, engine.dir.path(), "Kizuna <no-reply@kizuna.localhost>").unwrap();
        deliver_due(&app.state.db, &mailer, now_ms()).await.unwrap();
        let eml_dir = engine.dir.path().join("mail");
        assert_eq!(std::fs::read_dir(&eml_dir).unwrap().count(), 1);

        let count = |sql: &'static str| {
            let db = app.state.db.clone();
            async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(db.pool()).await.unwrap() }
        };
        let stats_before = (
            count("SELECT COUNT(*) FROM candidates").await,
            count("SELECT COUNT(*) FROM applications WHERE stage = 'interview'").await,
        );

        let browser = as_candidate(&app, &candidate).await;
        let pdf = "%PDF-1.4 履歴書 佐藤 恵梨香 erika.sato@example.com".as_bytes().to_vec();
        let form = reqwest::multipart::Form::new()
            .part("resume", reqwest::multipart::Part::bytes(pdf).file_name("佐藤恵梨香.pdf"));
        let uploaded = browser.post(format!("{}/portal/resume", app.base)).multipart(form).send().await.unwrap();
        assert_eq!(uploaded.status(), 201);
        let unconfirmed = app.post_form(&browser, "/api/portal/erase", &[]).await;
        assert_eq!(location(&unconfirmed), "/portal/data?error=ErrConfirmErase&fe_confirm=ErrConfirmErase");
        assert!(text_cells(&app).await.iter().any(|c| c.2 == EMAIL), "nothing erased without confirmation");
        let page = app.get(&browser, "/portal/data").await.text().await.unwrap();
        assert!(page.contains("第三者提供の記録") && page.contains("紹介社"), "what stays is shown before confirming");

        let erased = app.post_form(&browser, "/api/portal/erase", &[("confirm", "yes")]).await;
        assert_eq!(location(&erased), "/portal/erased", "{}", engine.name);
        assert_eq!(app.get(&browser, "/portal").await.status(), 303, "{}: the session ended", engine.name);
        // the confirmation goes out once, then the address is forgotten
        let confirmation: (String, String) =
            sqlx::query_as("SELECT recipient, status FROM mail_outbox WHERE kind = 'erasure_confirmation'")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(confirmation, (EMAIL.to_owned(), "queued".to_owned()));
        deliver_due(&app.state.db, &mailer, now_ms()).await.unwrap();

        for needle in [EMAIL, PHONE, "佐藤", "恵梨香", "サトウ", "エリカ"] {
            for (table, column, value) in text_cells(&app).await {
                let legal = table == "referrals" && column == "name_snapshot";
                assert!(
                    legal || !value.contains(needle),
                    "{}: {needle} still in {table}.{column}: {value}",
                    engine.name
                );
            }
            for file in walk(engine.dir.path()) {
                if file.extension().is_some_and(|e| e == "db" || e == "db-wal" || e == "db-shm") {
                    continue; // the database was scanned column by column above
                }
                let bytes = std::fs::read(&file).unwrap();
                assert!(
                    !String::from_utf8_lossy(&bytes).contains(needle),
                    "{}: {needle} in {}",
                    engine.name,
                    file.display()
                );
            }
        }
        let kept: String = sqlx::query_scalar("SELECT name_snapshot FROM referrals WHERE id = 'r1'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(kept, "佐藤 恵梨香", "the provision record stays for its legal retention period");
        let stats_after = (
            count("SELECT COUNT(*) FROM candidates").await,
            count("SELECT COUNT(*) FROM applications WHERE stage = 'interview'").await,
        );
        assert_eq!(stats_before, stats_after, "{}: statistics are unchanged", engine.name);
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
