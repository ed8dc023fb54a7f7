//! The CSV import as personal data: rows kept only while needed, finished imports closed, tags once, batches that
//! keep failing stopped with their reason, and people erased at their request not brought back.
use crate::common::{
    as_candidate, as_user, engines, insert_candidate, location, spawn_app, upload_csv, TestApp, TestDb,
};
use app::backend::import::work;
use app::backend::{now_ms, DbKind};
use app::domain::Role;
use app::i18n::{Lang, Msg};

const DAY: i64 = 86_400_000;

async fn scalar(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).bind(bind).fetch_one(app.state.db.pool()).await.unwrap()
}

/// Uploads `csv` with these tags and starts it with e-mail and full-name columns; returns the import's id.
async fn start(app: &TestApp, recruiter: &reqwest::Client, csv: &str, tags: &str) -> String {
    let fields = [("source_channel", "import"), ("tags", tags)];
    let uploaded = upload_csv(app, recruiter, "list.csv", csv.as_bytes().to_vec(), &fields).await;
    let id = uploaded.trim_start_matches("/admin/import/").to_owned();
    let started = app
        .post_form(recruiter, "/api/admin/run-import", &[("id", &id), ("col[0]", "email"), ("col[1]", "full_name")])
        .await;
    assert!(location(&started).contains("done=started"), "{}", location(&started));
    id
}

async fn run_to_the_end(app: &TestApp) {
    let mut now = now_ms();
    while work(&app.state.db, &app.state.config.secret, now).await.unwrap() {
        now += 10_000;
    }
}

/// Every text the imports tables hold about this import, in one string.
async fn stored_text(app: &TestApp, id: &str) -> String {
    let row: (String, String, String, Option<String>) =
        sqlx::query_as("SELECT file_name, content, headers, report FROM imports WHERE id = $1")
            .bind(id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    let rows: Vec<String> = sqlx::query_scalar("SELECT cells FROM import_rows WHERE import_id = $1")
        .bind(id)
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
    format!("{row:?} {rows:?}")
}

#[tokio::test]
async fn an_import_keeps_the_file_only_while_it_needs_it_and_a_finished_one_stays_finished() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let csv = "メール,氏名\nhanako@example.com,山田 花子\nbad-address,鈴木 一郎\n";
        let id = start(&app, &recruiter, csv, "").await;
        assert!(stored_text(&app, &id).await.contains("hanako@example.com"), "staged while it waits");
        run_to_the_end(&app).await;
        let kept = stored_text(&app, &id).await;
        for value in ["hanako@example.com", "山田", "bad-address", "鈴木"] {
            assert!(!kept.contains(value), "{}: {value} outlived the import: {kept}", engine.name);
        }
        let report: serde_json::Value =
            app.call(&recruiter, "/api/admin/import-preview", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(report["report"]["imported"], 1);
        assert_eq!(report["report"]["problems"][0]["line"], 3, "the report keeps the line and the reason");
        assert_eq!(report["report"]["problems"][0]["message"], "ErrEmailInvalid");
        assert_eq!(report["finished"], true);

        // started again, or checked again: refused, and nothing runs twice
        for extra in [vec![], vec![("check", "yes")]] {
            let form = [vec![("id", id.as_str()), ("col[0]", "email"), ("col[1]", "full_name")], extra].concat();
            let again = app.post_form(&recruiter, "/api/admin/run-import", &form).await;
            assert!(location(&again).contains("error=ErrImportFinished"), "{}: {}", engine.name, location(&again));
            let api = app.call(&recruiter, "/api/admin/run-import", &form).await;
            assert_eq!(api.status(), 422);
        }
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM imports WHERE id = $1 AND status = 'done'", &id).await, 1);
        let page = app.get(&recruiter, &format!("/admin/import/{id}")).await.text().await.unwrap();
        assert!(page.contains(Msg::ImportFinishedNote.text(Lang::Ja)) && !page.contains("name=\"col[0]\""));

        // an import left unfinished goes after the retention period, rows and all
        let fields = [("source_channel", "import"), ("tags", "")];
        let left = upload_csv(&app, &recruiter, "left.csv", csv.as_bytes().to_vec(), &fields).await;
        let left = left.trim_start_matches("/admin/import/").to_owned();
        let fresh = upload_csv(&app, &recruiter, "fresh.csv", csv.as_bytes().to_vec(), &fields).await;
        let fresh = fresh.trim_start_matches("/admin/import/").to_owned();
        sqlx::query("UPDATE imports SET created_at = $1 WHERE id = $2")
            .bind(now_ms() - 8 * DAY)
            .bind(&left)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        server::workers::housekeeping(&app.state).await;
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM imports WHERE id = $1", &left).await, 0, "{}", engine.name);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM import_rows WHERE import_id = $1", &left).await, 0);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM import_rows WHERE import_id = $1", &fresh).await, 2);
        assert_eq!(app.get(&recruiter, &format!("/admin/import/{left}")).await.status(), 404);
    }
}

#[tokio::test]
async fn erasing_a_person_takes_their_rows_out_of_a_pending_import() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let me = insert_candidate(&app.state.db, "erika@example.com", "佐藤", "恵梨香").await;
        crate::common::give_phone(&app.state.db, &me, "+819011112222").await;
        let csv = "メール,氏名,電話\nERIKA@example.com,佐藤 恵梨香,\nother@example.com,佐藤 えりか,090-1111-2222\n\
                   someone@example.com,田中 一郎,\n";
        let fields = [("source_channel", "import"), ("tags", "")];
        let uploaded = upload_csv(&app, &recruiter, "list.csv", csv.as_bytes().to_vec(), &fields).await;
        let id = uploaded.trim_start_matches("/admin/import/").to_owned();
        let browser = as_candidate(&app, &me).await;
        let erased = app.post_form(&browser, "/api/portal/erase", &[("confirm", "yes")]).await;
        assert_eq!(location(&erased), "/portal/erased");
        let left = stored_text(&app, &id).await;
        assert!(!left.contains("ERIKA@example.com") && !left.contains("090-1111-2222"), "{}: {left}", engine.name);
        assert!(left.contains("someone@example.com"), "{}: the others stay", engine.name);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM import_rows WHERE import_id = $1", &id).await, 1);
    }
}

/// Makes every insert into `candidates` fail, as a broken database would (or lifts that with `on` false).
async fn refuse_inserts(engine: &TestDb, on: bool) {
    let statements: &[&str] = match (engine.db.kind(), on) {
        (DbKind::Sqlite, true) => {
            &["CREATE TRIGGER refuse BEFORE INSERT ON candidates BEGIN SELECT RAISE(ABORT, 'refused'); END"]
        }
        (DbKind::Sqlite, false) => &["DROP TRIGGER refuse"],
        (DbKind::Postgres, true) => &[
            "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse BEFORE INSERT ON candidates FOR EACH ROW EXECUTE FUNCTION refuse()",
        ],
        (DbKind::Postgres, false) => &["DROP TRIGGER refuse ON candidates", "DROP FUNCTION refuse()"],
    };
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(*sql)).execute(engine.db.pool()).await.unwrap();
    }
}

#[tokio::test]
async fn repeated_tags_are_one_tag_and_a_batch_that_keeps_failing_stops_with_its_reason() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let tag_names = || async {
            let names: Vec<String> =
                sqlx::query_scalar("SELECT name FROM tags ORDER BY name").fetch_all(app.state.db.pool()).await.unwrap();
            names
        };
        // the import
        let id =
            start(&app, &recruiter, "メール,氏名\na@example.com,山田 花子\n", "秋, 秋, Ａutumn,autumn, AUTUMN").await;
        run_to_the_end(&app).await;
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM imports WHERE id = $1 AND status = 'done'", &id).await, 1);
        assert_eq!(tag_names().await, ["Autumn", "秋"], "{}", engine.name);
        let person: String = sqlx::query_scalar("SELECT id FROM candidates WHERE email = 'a@example.com'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM candidate_tags WHERE candidate_id = $1", &person).await, 2);
        // the form
        let added = app
            .post_form(
                &recruiter,
                "/api/admin/create-candidate",
                &[
                    ("email", "b@example.com"),
                    ("family_name", "鈴木"),
                    ("given_name", "一郎"),
                    ("family_name_kana", ""),
                    ("given_name_kana", ""),
                    ("phone", ""),
                    ("birth_date", ""),
                    ("location", ""),
                    ("skills", ""),
                    ("desired_roles", ""),
                    ("source_channel", "sourcing"),
                    ("tags", "rust, Rust,RUST"),
                ],
            )
            .await;
        assert!(location(&added).starts_with("/admin/candidates/"), "{}: {}", engine.name, location(&added));
        // the bulk action
        let bulk = app
            .post_form(
                &recruiter,
                "/api/admin/candidates-bulk",
                &[
                    ("ids[0]", person.as_str()),
                    ("action", "tag"),
                    ("tag", "autumn,秋、 rust"),
                    ("back", "/admin/candidates"),
                ],
            )
            .await;
        assert!(!location(&bulk).contains("error"), "{}: {}", engine.name, location(&bulk));
        assert_eq!(tag_names().await, ["Autumn", "rust", "秋"], "{}", engine.name);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM candidate_tags WHERE candidate_id = $1", &person).await, 3);

        // a batch that fails every time stops after a few attempts, says why, and is tried again on request
        refuse_inserts(&engine, true).await;
        let id = start(&app, &recruiter, "メール,氏名\nc@example.com,高橋 三郎\n", "").await;
        let mut now = now_ms();
        let mut passes = 0;
        while work(&app.state.db, &app.state.config.secret, now).await.unwrap() {
            now += 10_000;
            passes += 1;
            assert!(passes < 10, "{}: an endless retry", engine.name);
        }
        assert_eq!(passes, app::backend::import::MAX_ATTEMPTS, "{}", engine.name);
        let page = app.get(&recruiter, &format!("/admin/import/{id}")).await.text().await.unwrap();
        assert!(page.contains(Msg::ImportFailedTitle.text(Lang::Ja)), "{}: the page says it stopped", engine.name);
        assert!(page.contains(Msg::ErrInternal.text(Lang::Ja)) && !page.contains("http-equiv=\"refresh\""));
        refuse_inserts(&engine, false).await;
        let retried = app.post_form(&recruiter, "/api/admin/retry-import", &[("id", &id)]).await;
        assert!(location(&retried).contains("done=started"), "{}", location(&retried));
        run_to_the_end(&app).await;
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM candidates WHERE email = $1", "c@example.com").await, 1);
        let again = app.post_form(&recruiter, "/api/admin/retry-import", &[("id", &id)]).await;
        assert!(location(&again).contains("error=ErrNotFound"), "{}: only a stopped import", location(&again));
    }
}
