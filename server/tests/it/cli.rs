//! The `kizuna` binary's commands, run as an operator would.
use std::io::Write;
use std::process::{Command, Stdio};

fn kizuna(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(args)
        .env("KIZUNA_DATA_DIR", dir)
        .env_remove("KIZUNA_DATABASE_URL")
        .env_remove("KIZUNA_DEMO")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn migrate_create_admin_and_seed_demo() {
    let dir = tempfile::tempdir().unwrap();
    let migrated = kizuna(dir.path(), &["migrate"], "");
    assert!(migrated.status.success(), "{}", String::from_utf8_lossy(&migrated.stderr));
    assert!(dir.path().join("kizuna.db").exists(), "the SQLite file is created on first run");

    let short = kizuna(dir.path(), &["create-admin", "ops@example.com"], "short\n");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));

    let created = kizuna(
        dir.path(),
        &["create-admin", "Ops@Example.com", "運用 担当", "--role", "recruiter"],
        "a long passphrase\n",
    );
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));

    let db = app::backend::Db::connect(&format!("sqlite://{}/kizuna.db", dir.path().display())).await.unwrap();
    let (name, role, hash): (String, String, String) =
        sqlx::query_as("SELECT display_name, role, password_hash FROM users WHERE email = 'ops@example.com'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!((name.as_str(), role.as_str()), ("運用 担当", "recruiter"));
    assert!(app::backend::core::password::verify_password("a long passphrase", &hash));
    db.close().await;

    let seeded = kizuna(dir.path(), &["seed-demo", "--candidates", "25"], "");
    let out = String::from_utf8_lossy(&seeded.stdout);
    assert!(seeded.status.success() && out.contains("29 candidates"), "{out}"); // and the two of the relay demo
    assert!(out.contains("hanako.yamada@example.com") && out.contains("admin@example.com"));

    let unknown = kizuna(dir.path(), &["frobnicate"], "");
    assert!(!unknown.status.success());
}
