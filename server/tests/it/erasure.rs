//! Erasure is complete: a person with a value in every personal column of every table, built from the schema so
//! that a new column cannot be forgotten, leaves nothing behind — in any text column, in any file under the data
//! folder, in SQLite's database and write-ahead log — but the provision record the law keeps. And erased people
//! stay erased: an import or a recruiter cannot bring them back.
use crate::common::{as_candidate, engines, location, spawn_app, TestApp};
use app::backend::core::mail::deliver_due;
use app::backend::{now_ms, DbKind};
use app::domain::Email;
use app::i18n::{Lang, Msg};

pub(crate) const EMAIL: &str = "erika.sato@example.com";
pub(crate) const PHONE: &str = "+819011112222";
const ID: &str = "c-erika";

/// Tables whose rows are not about a candidate, and why.
const OTHER_TABLES: &[(&str, &str)] = &[
    ("_sqlx_migrations", "the schema's history"),
    ("users", "staff and agency accounts"),
    ("tags", "recruiters' labels, shared by everyone they are on (the links to the person are in candidate_tags)"),
    ("jobs", "the company's jobs"),
    ("decline_reasons", "the managed lists"),
    ("events", "the company's events"),
    ("consent_purposes", "the purposes"),
    ("policy_versions", "the policy texts"),
    ("agencies", "partner agencies"),
    ("credit_redemptions", "the company's use of its credits, recorded by admins"),
    ("mail_templates", "the company's wording"),
    ("saved_views", "recruiters' own list views"),
    ("segments", "recruiters' rules over groups of people, never a list of who is in them"),
    ("campaigns", "the company's campaigns"),
    ("automations", "the company's automation settings"),
    ("campaign_steps", "the company's wording of a campaign"),
    ("imports", "an upload's settings and report, which keep line numbers and reasons, never values"),
    ("suppressions", "written by erasure: keyed fingerprints, not values"),
    (
        "flashes",
        "a failed form's typed values for the page it goes back to, keyed by a browser's cookie, gone in ten minutes",
    ),
];

/// For each table about a person, the columns that hold structure — ids, links, states, times — and their values;
/// every other column gets a value of the person's own (text) or a number.
fn structure(rate_key: &str) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let q = |s: &str| format!("'{s}'");
    let id = q(ID);
    vec![
        (
            "candidates",
            vec![
                ("id", id.clone()),
                ("email", q(EMAIL)),
                ("phone", q(PHONE)),
                ("birth_date", q("1990-04-01")),
                ("language", q("ja")),
                ("source_channel", q("website")),
                ("status", q("active")),
            ],
        ),
        ("candidate_tags", vec![("candidate_id", id.clone()), ("tag_id", q("t1"))]),
        ("notes", vec![("id", q("n1")), ("candidate_id", id.clone()), ("author_id", "NULL".into())]),
        (
            "invitations",
            vec![
                ("id", q("i1")),
                ("candidate_id", id.clone()),
                ("job_id", q("j1")),
                ("status", q("declined")),
                ("created_by", "NULL".into()),
            ],
        ),
        (
            "applications",
            vec![
                ("id", q("a1")),
                ("candidate_id", id.clone()),
                ("job_id", q("j1")),
                ("stage", q("interview")),
                ("outcome", q("rejected")),
                ("decline_reason_id", q("reason-company-experience")),
                ("source_channel", q("website")),
                ("invitation_id", q("i1")),
            ],
        ),
        (
            "stage_transitions",
            vec![
                ("id", q("s1")),
                ("application_id", q("a1")),
                ("from_stage", q("applied")),
                ("to_stage", q("interview")),
                ("outcome", "NULL".into()),
                ("actor_id", "NULL".into()),
                // what the move copies from its application (the job, the channel, a reason code)
                ("job_id", q("j1")),
                ("source_channel", q("website")),
                ("reason_id", "NULL".into()),
            ],
        ),
        ("interviews", vec![("id", q("iv1")), ("application_id", q("a1"))]),
        ("event_attendees", vec![("event_id", q("e1")), ("candidate_id", id.clone())]),
        (
            "consent_records",
            vec![
                ("id", q("cr1")),
                ("candidate_id", id.clone()),
                ("purpose", q("agency_referral")),
                ("policy_version_id", q("policy-agency_referral-v1")),
                ("agency_id", q("ag1")),
                ("action", q("granted")),
                ("channel", q("portal")),
                ("actor_kind", q("candidate")),
                ("actor_id", id.clone()),
            ],
        ),
        ("contact_preferences", vec![("candidate_id", id.clone())]),
        (
            "referrals",
            vec![
                ("id", q("r1")),
                ("candidate_id", id.clone()),
                ("agency_id", q("ag1")),
                ("consent_record_id", q("cr1")),
                ("items", q("names,email")),
                ("status", q("referred")),
                ("agency_name_snapshot", q("紹介社")),
                ("agency_address_snapshot", q("東京都港区")),
                ("agency_representative_snapshot", q("代表 一郎")),
                ("withdrawn_at", "NULL".into()),
            ],
        ),
        ("resumes", vec![("id", q("rs1")), ("candidate_id", id.clone()), ("kind", q("pdf")), ("sha256", q("x"))]),
        (
            "mail_outbox",
            vec![
                ("id", q("m1")),
                ("message_id", q("<m1@kizuna.localhost>")),
                ("recipient", q(EMAIL)),
                ("candidate_id", id.clone()),
                ("kind", q("job_news")),
                ("language", q("ja")),
                ("consent_purpose", q("job_news")),
                ("status", q("sent")),
                ("scrub_after_send", "0".into()),
            ],
        ),
        (
            "campaign_enrolments",
            vec![
                ("campaign_id", q("k1")),
                ("candidate_id", id.clone()),
                ("status", q("active")),
                ("exit_reason", "NULL".into()),
            ],
        ),
        (
            "campaign_sends",
            vec![
                ("campaign_id", q("k1")),
                ("candidate_id", id.clone()),
                ("outcome", q("sent")),
                ("reason", "NULL".into()),
                ("message_id", q("<m1@kizuna.localhost>")),
                ("click_key", q("ck1")),
            ],
        ),
        (
            "automation_runs",
            vec![
                ("id", q("ar1")),
                ("automation_id", q("job_opened")),
                ("candidate_id", id.clone()),
                ("subject_ref", q("j1")),
                ("outcome", q("sent")),
                ("reason", "NULL".into()),
            ],
        ),
        (
            "campaign_clicks",
            vec![("id", q("cc1")), ("campaign_id", q("k1")), ("candidate_id", id.clone()), ("target", q("portal"))],
        ),
        (
            "audit_log",
            vec![
                ("id", q("l1")),
                ("actor_kind", q("candidate")),
                ("actor_id", id.clone()),
                ("action", q("viewed")),
                ("subject_kind", q("candidate")),
                ("subject_id", id.clone()),
            ],
        ),
        ("sessions", vec![("id_hash", q("h-erika")), ("kind", q("candidate")), ("subject_id", id.clone())]),
        ("tokens", vec![("hash", q("th-erika")), ("purpose", q("sign_in")), ("subject_id", id.clone())]),
        ("rate_limits", vec![("key", q(rate_key))]),
        ("link_requests", vec![("id", q("lr1")), ("kind", q("sign_up")), ("email", q(EMAIL))]),
        ("merged_identities", vec![("id", q("mi1")), ("candidate_id", id.clone())]),
        ("signups", vec![("id", q("su1")), ("email", q(EMAIL)), ("language", q("ja"))]),
        (
            "import_rows",
            vec![
                ("import_id", q("im1")),
                ("line", "2".into()),
                ("cells", q(&format!("[\"{EMAIL}\",\"恵梨香-import_rows.cells\",\"090-1111-2222\"]"))),
            ],
        ),
    ]
}

/// The value of the person's own that a column gets.
fn marker(table: &str, column: &str) -> String {
    format!("恵梨香-{table}.{column}")
}

/// The only personal value the law keeps after erasure (APPI: the provision record, three years).
const LEGAL: (&str, &str) = ("referrals", "name_snapshot");

async fn tables(app: &TestApp) -> Vec<String> {
    let sql = match app.state.db.kind() {
        DbKind::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        DbKind::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = 'public'"
        }
    };
    sqlx::query_scalar(sql).fetch_all(app.state.db.pool()).await.unwrap()
}

/// (column, is text) for every column of a table.
async fn columns(app: &TestApp, table: &str) -> Vec<(String, bool)> {
    let rows: Vec<(String, String)> = match app.state.db.kind() {
        DbKind::Sqlite => sqlx::query_as("SELECT name, type FROM pragma_table_info($1)"),
        DbKind::Postgres => sqlx::query_as(
            "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = $1",
        ),
    }
    .bind(table)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    rows.into_iter().map(|(name, kind)| (name, kind.eq_ignore_ascii_case("text"))).collect()
}

/// The company's side of things the person's rows point at.
async fn company(app: &TestApp) {
    let statements = [
        "INSERT INTO tags (id, name, key, created_at) VALUES ('t1', 'フォロー', 'フォロー', 1)",
        "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, created_at, updated_at) \
         VALUES ('j1', 'SRE', 'SRE', 'Eng', '東京都', 'full_time', 'open', 1, 1)",
        "INSERT INTO events (id, title, starts_at, location, created_at) VALUES ('e1', '説明会', 1, 'オンライン', 1)",
        "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, created_at, updated_at) \
         VALUES ('ag1', '紹介社', '東京都港区', '代表 一郎', 'ag@example.com', 'names,email', 1, 1)",
        "INSERT INTO imports (id, file_name, encoding, content, source_channel, tags, created_at) \
         VALUES ('im1', 'list.csv', 'UTF-8', '', 'import', '', 1)",
        "INSERT INTO campaigns (id, name, kind, segment_id, purpose, status, created_at, updated_at) \
         VALUES ('k1', '秋', 'one_off', '00000000-0000-7000-8000-5e6000000001', 'job_news', 'running', 1, 1)",
    ];
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(app.state.db.pool()).await.unwrap();
    }
}

/// The person, with a value in every column of every table about them; returns the markers to look for.
async fn everywhere(app: &TestApp) -> Vec<String> {
    company(app).await;
    let email = Email::parse(EMAIL).unwrap();
    let rate_key = format!("{}#1", app::backend::auth::link_limit_key(&app.state.config, &email));
    let structure = structure(&rate_key);
    let known: Vec<&str> = structure.iter().map(|(t, _)| *t).chain(OTHER_TABLES.iter().map(|(t, _)| *t)).collect();
    for table in tables(app).await {
        assert!(
            known.contains(&table.as_str()),
            "{table}: is it about a person? Add it to the fixture or OTHER_TABLES"
        );
    }
    let mut markers = vec![EMAIL.to_owned(), PHONE.to_owned(), "090-1111-2222".to_owned(), rate_key.clone()];
    for (table, fixed) in &structure {
        let mut names = Vec::new();
        let mut values = Vec::new();
        for (column, text) in columns(app, table).await {
            let value = match fixed.iter().find(|(c, _)| *c == column) {
                Some((_, value)) => value.clone(),
                None if text => {
                    let value = marker(table, &column);
                    if (*table, column.as_str()) != LEGAL {
                        markers.push(value.clone());
                    }
                    format!("'{value}'")
                }
                None => "1".into(),
            };
            names.push(column);
            values.push(value);
        }
        let sql = format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), values.join(", "));
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(app.state.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    // the files: a résumé and a delivered message in the sink
    let data = &app.state.config.data_dir;
    std::fs::create_dir_all(data.join("resumes")).unwrap();
    std::fs::write(data.join("resumes").join("rs1.pdf"), format!("%PDF-1.4 {EMAIL} 恵梨香-resume-file")).unwrap();
    std::fs::create_dir_all(data.join("mail")).unwrap();
    std::fs::write(data.join("mail").join("m1.eml"), format!("To: {EMAIL}\r\n\r\n恵梨香-eml-file")).unwrap();
    markers.extend(["恵梨香-resume-file".to_owned(), "恵梨香-eml-file".to_owned()]);
    markers
}

/// Every (table, column, value) of every text column, as the database holds it now.
pub(crate) async fn text_cells(app: &TestApp) -> Vec<(String, String, String)> {
    let mut cells = Vec::new();
    for table in tables(app).await {
        for (column, text) in columns(app, &table).await {
            if !text {
                continue;
            }
            let sql = format!("SELECT {column} FROM {table} WHERE {column} IS NOT NULL");
            let values: Vec<String> =
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(app.state.db.pool()).await.unwrap();
            cells.extend(values.into_iter().map(|v| (table.clone(), column.clone(), v)));
        }
    }
    cells
}

fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn erasure_leaves_nothing_of_the_person_in_any_column_file_or_log() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let markers = everywhere(&app).await;
        let cells = text_cells(&app).await;
        for needle in markers.iter().filter(|m| !m.ends_with("-file")) {
            assert!(cells.iter().any(|c| c.2.contains(needle.as_str())), "{}: the fixture holds {needle}", engine.name);
        }
        let browser = as_candidate(&app, ID).await;
        let page = app.get(&browser, "/portal/data").await.text().await.unwrap();
        assert!(page.contains(Msg::EraseFingerprintNote.text(Lang::Ja)), "{}: the page says what is kept", engine.name);
        let erased = app.post_form(&browser, "/api/portal/erase", &[("confirm", "yes")]).await;
        assert_eq!(location(&erased), "/portal/erased", "{}", engine.name);
        deliver_due(&app.state.db, &crate::common::sink(&app), now_ms()).await.unwrap();

        for (table, column, value) in text_cells(&app).await {
            for needle in &markers {
                assert!(
                    !value.contains(needle.as_str()),
                    "{}: {needle} still in {table}.{column}: {value}",
                    engine.name
                );
            }
        }
        app.state.db.checkpoint().await;
        let kept: String = sqlx::query_scalar("SELECT name_snapshot FROM referrals WHERE id = 'r1'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(kept, marker(LEGAL.0, LEGAL.1), "the provision record keeps the name for its legal period");
        for file in files(&app.state.config.data_dir) {
            let bytes = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
            for needle in &markers {
                assert!(!bytes.contains(needle.as_str()), "{}: {needle} in {}", engine.name, file.display());
            }
        }
        // SQLite's database file and write-ahead log were read byte by byte above, with the data folder
        let sqlite_files =
            files(&app.state.config.data_dir).iter().filter(|f| f.to_string_lossy().contains(".db")).count();
        assert!(engine.db.kind() == DbKind::Postgres || sqlite_files >= 2, "{}: the database and its log", engine.name);
    }
}
