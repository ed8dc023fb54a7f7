use app::backend::auth::upsert_user;
use app::backend::{core::tokens, now_ms, AppState, Config, Db};
use app::domain::{Email, Role, TokenPurpose};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub struct TestDb {
    pub name: &'static str,
    pub db: Db,
    pub dir: tempfile::TempDir,
    /// the database's URL, for a `kizuna` process of its own
    pub url: String,
}

/// A fresh, migrated database on every engine under test.
pub async fn engines() -> Vec<TestDb> {
    let mut out = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kizuna.db", dir.path().display());
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    out.push(TestDb { name: "sqlite", db, dir, url });
    if let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") {
        let name = format!("kizuna_test_{}", uuid_like());
        let admin = Db::connect(&admin_url).await.expect("TEST_DATABASE_URL unreachable");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(admin.pool()).await.unwrap();
        admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').expect("TEST_DATABASE_URL needs a database name");
        let url = format!("{base}/{name}");
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        out.push(TestDb { name: "postgres", db, dir: tempfile::tempdir().unwrap(), url });
    }
    out
}

fn uuid_like() -> String {
    app::backend::new_id().replace('-', "")
}

pub fn config(data_dir: PathBuf, base_url: &str) -> Config {
    Config {
        base_url: base_url.to_owned(),
        data_dir,
        smtp_url: None,
        mail_from: "Kizuna <no-reply@kizuna.localhost>".into(),
        secure_cookies: false,
        trust_proxy: 0,
        links_per_address: 5,
        secret: app::backend::suppression::Secret::random(),
        import_retention_days: 7,
        // tests send at any hour unless they test the quiet hours themselves
        quiet_hours: app::domain::campaigns::QuietHours::parse("off").unwrap(),
        send_rate: 1000,
    }
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
}

/// The real router on a free port, over the given database.
pub async fn spawn_app(test_db: &TestDb) -> TestApp {
    spawn_app_with(test_db, |_| {}).await
}

/// [`spawn_app`] with a configuration changed by `adjust`.
pub async fn spawn_app_with(test_db: &TestDb, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let mut config = config(test_db.dir.path().to_path_buf(), &base);
    adjust(&mut config);
    let state = AppState { db: test_db.db.clone(), config: Arc::new(config) };
    let options = server::leptos_options(addr, test_db.dir.path().join("site").to_str().unwrap());
    let router = server::router(state.clone(), options);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    TestApp { base, state }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

impl TestApp {
    /// A form post as a browser without JavaScript sends it.
    pub async fn post_form(&self, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        client
            .post(format!("{}{path}", self.base))
            .header("accept", "text/html,application/xhtml+xml")
            .header("origin", &self.base)
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A server function called as an API client would (JSON answers, real status codes).
    pub async fn call(&self, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        client.post(format!("{}{path}", self.base)).form(form).send().await.unwrap()
    }

    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

pub async fn insert_candidate(db: &Db, email: &str, family: &str, given: &str) -> String {
    let id = app::backend::new_id();
    sqlx::query(
        "INSERT INTO candidates (id, email, family_name, given_name, source_channel, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'website', 1, 1)",
    )
    .bind(&id)
    .bind(email)
    .bind(family)
    .bind(given)
    .execute(db.pool())
    .await
    .unwrap();
    id
}

/// A browser signed in as this candidate (through a real sign-in link).
pub async fn as_candidate(app: &TestApp, id: &str) -> reqwest::Client {
    let mut conn = app.state.db.pool().acquire().await.unwrap();
    let token = tokens::issue(&mut conn, TokenPurpose::SignIn, id, 60_000, now_ms()).await.unwrap();
    drop(conn);
    let browser = client();
    app.post_form(&browser, "/api/portal/confirm-link", &[("token", &token)]).await;
    browser
}

/// A browser signed in as a new user with this role.
pub async fn as_user(app: &TestApp, email: &str, role: Role) -> reqwest::Client {
    let password = "correct horse battery";
    upsert_user(&app.state.db, &Email::parse(email).unwrap(), email, password, role, now_ms()).await.unwrap();
    let browser = client();
    app.post_form(&browser, "/api/admin/sign-in", &[("email", email), ("password", password)]).await;
    browser
}

pub async fn open_job(app: &TestApp, id: &str, status: &str) {
    sqlx::query(
        "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, created_at, updated_at) \
         VALUES ($1, 'バックエンド', 'Backend', 'Eng', '東京都', 'full_time', $2, 1, 1)",
    )
    .bind(id)
    .bind(status)
    .execute(app.state.db.pool())
    .await
    .unwrap();
}

/// Every server function endpoint declared in `app/src/api` that starts with one of the prefixes, so that a table
/// of endpoints in a test can be checked against the source.
pub fn server_function_endpoints(prefixes: &[&str]) -> Vec<String> {
    let api = concat!(env!("CARGO_MANIFEST_DIR"), "/../app/src/api");
    let mut found = Vec::new();
    let mut folders = vec![std::path::PathBuf::from(api)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            for part in text.split("endpoint = \"").skip(1) {
                let endpoint = part.split('"').next().unwrap();
                if prefixes.iter().any(|p| endpoint.starts_with(p)) {
                    found.push(endpoint.to_owned());
                }
            }
        }
    }
    assert!(!found.is_empty(), "no server functions found under {api}");
    found
}

/// A browser signed in as a portal user of an agency.
pub async fn as_agency(app: &TestApp, email: &str, agency: &str) -> reqwest::Client {
    let password = "agency password 1";
    let id = upsert_user(&app.state.db, &Email::parse(email).unwrap(), "担当者", password, Role::Agency, now_ms())
        .await
        .unwrap();
    sqlx::query("UPDATE users SET agency_id = $1 WHERE id = $2")
        .bind(agency)
        .bind(id)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    let browser = client();
    let signed_in = app.post_form(&browser, "/api/agency/sign-in", &[("email", email), ("password", password)]).await;
    assert_eq!(location(&signed_in), "/agency");
    browser
}

/// A partner agency with this id and name that may receive names and e-mail.
pub async fn insert_agency(db: &Db, id: &str, name: &str) {
    sqlx::query(
        "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, created_at, updated_at) \
         VALUES ($1, $2, '東京都千代田区1-1', '代表 一郎', 'contact@agency.example.com', 'names,email', 1, 1)",
    )
    .bind(id)
    .bind(name)
    .execute(db.pool())
    .await
    .unwrap();
}

/// Uploads a CSV to the import as a browser without JavaScript; returns where it was sent next.
pub async fn upload_csv(
    app: &TestApp,
    who: &reqwest::Client,
    file_name: &str,
    bytes: Vec<u8>,
    fields: &[(&str, &str)],
) -> String {
    let mut form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()));
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let response = who
        .post(format!("{}/admin/import", app.base))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .unwrap();
    location(&response)
}

/// Does the queued sign-in and sign-up requests now, as the worker would within a second.
pub async fn run_link_queue(app: &TestApp) {
    app::backend::link_requests::work(&app.state, now_ms()).await.unwrap();
}

/// Where a failed form post sent the browser back to, and that page as the browser then sees it: what was typed
/// is kept server-side for it, never in its URL.
pub async fn sent_back(app: &TestApp, browser: &reqwest::Client, response: &reqwest::Response) -> (String, String) {
    let url = location(response);
    assert!(!url.is_empty(), "a redirect");
    let page = app.get(browser, &url).await.text().await.unwrap();
    (url, page)
}

/// The embedded mail sink of a test app (what `deliver_due` writes `.eml` files with).
pub fn sink(app: &TestApp) -> app::backend::core::mail::Mailer {
    app::backend::core::mail::Mailer::new(None, &app.state.config.data_dir, "Kizuna <no-reply@kizuna.localhost>")
        .unwrap()
}

/// Gives a candidate a phone number (E.164), as a profile save would store it.
pub async fn give_phone(db: &Db, id: &str, phone: &str) {
    sqlx::query("UPDATE candidates SET phone = $1 WHERE id = $2")
        .bind(phone)
        .bind(id)
        .execute(db.pool())
        .await
        .unwrap();
}

/// Runs one statement with text binds (fixtures the tests set up directly).
pub async fn exec(app: &TestApp, sql: &str, binds: &[&str]) {
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
    for bind in binds {
        query = query.bind(*bind);
    }
    query.execute(app.state.db.pool()).await.unwrap();
    // a fixture that writes the per-person summary's sources directly recomputes it, as every writer in the
    // application does in its own transaction (`core::facts`)
    let sources = ["consent_records", "applications", "stage_transitions"];
    if sources.iter().any(|t| sql.contains(&format!("INTO {t} ")) || sql.contains(&format!("UPDATE {t} "))) {
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        app::backend::core::facts::refresh_all(&mut conn).await.unwrap();
    }
}
