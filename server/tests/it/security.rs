//! The request's edges, as an attacker sends them: the client's address behind proxies, and bodies over their limit.
use crate::common::{as_candidate, client, engines, insert_candidate, spawn_app_with, TestDb};
use std::process::{Child, Command, Stdio};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn audited_ips(db: &app::backend::Db, action: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT COALESCE(ip, '') FROM audit_log WHERE action = $1 ORDER BY at, id")
        .bind(action)
        .fetch_all(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn behind_proxies_the_client_is_the_address_our_own_proxy_saw_on_every_route() {
    for engine in engines().await {
        let app = spawn_app_with(&engine, |config| config.trust_proxy = 1).await;
        let candidate = insert_candidate(&app.state.db, "proxied@example.com", "代理", "花子").await;
        // a client that puts whatever it likes to the left; our proxy appends what it saw
        for i in 0..31 {
            let response = client()
                .post(format!("{}/api/portal/request-link", app.base))
                .header("x-forwarded-for", format!("10.9.8.{i}, 203.0.113.9"))
                .form(&[("email", format!("nobody{i}@example.com"))])
                .send()
                .await
                .unwrap();
            let expected = if i < 30 { 200 } else { 429 };
            assert_eq!(response.status(), expected, "{}: request {i} counts against 203.0.113.9", engine.name);
        }
        let browser = as_candidate(&app, &candidate).await;
        let pdf = b"%PDF-1.4 a resume".to_vec();
        let form =
            reqwest::multipart::Form::new().part("resume", reqwest::multipart::Part::bytes(pdf).file_name("cv.pdf"));
        let uploaded = browser
            .post(format!("{}/portal/resume", app.base))
            .header("x-forwarded-for", "198.51.100.1, 203.0.113.10")
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(uploaded.status(), 201);
        assert_eq!(audited_ips(&app.state.db, "resume_uploaded").await, ["203.0.113.10"], "{}", engine.name);

        // two proxies of our own: the second address from the right
        let two = spawn_app_with(&engine, |config| config.trust_proxy = 2).await;
        let forwarded = client()
            .post(format!("{}/api/portal/request-link", two.base))
            .header("x-forwarded-for", "1.1.1.1")
            .header("x-forwarded-for", "192.0.2.44, 10.0.0.2")
            .form(&[("email", "proxied@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(forwarded.status(), 200);
        crate::common::run_link_queue(&app).await;
        let ips = audited_ips(&app.state.db, "sign_in_link_requested").await;
        assert_eq!(ips.last().map(String::as_str), Some("192.0.2.44"), "{}: {ips:?}", engine.name);

        // without proxies the header is the client's own words: ignored
        let direct = spawn_app_with(&engine, |config| config.trust_proxy = 0).await;
        let response = client()
            .post(format!("{}/api/portal/request-link", direct.base))
            .header("x-forwarded-for", "203.0.113.9")
            .form(&[("email", "proxied@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}: another address, its own limit", engine.name);
        crate::common::run_link_queue(&app).await;
        let ips = audited_ips(&app.state.db, "sign_in_link_requested").await;
        assert_eq!(ips.last().map(String::as_str), Some("127.0.0.1"), "{}", engine.name);
    }
}

/// A `kizuna serve` of its own on a free port, so that its memory can be read from outside.
struct Served {
    child: Child,
    addr: String,
    log: std::path::PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn serve(engine: &TestDb) -> Served {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let log = engine.dir.path().join(format!("served-{port}.log"));
    let out = std::fs::File::create(&log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("serve")
        .env("KIZUNA_DATA_DIR", engine.dir.path().join("served"))
        .env("KIZUNA_DATABASE_URL", &engine.url)
        .env("LEPTOS_SITE_ADDR", &addr)
        .env_remove("KIZUNA_DEMO")
        .env_remove("KIZUNA_TRUST_PROXY")
        .env("RUST_LOG", "debug,sqlx=warn,hyper=info,h2=info,tower=info")
        .stdout(Stdio::from(out.try_clone().unwrap()))
        .stderr(Stdio::from(out))
        .spawn()
        .unwrap();
    let served = Served { child, addr, log };
    for _ in 0..200 {
        if let Ok(response) = client().get(format!("http://{}/healthz", served.addr)).send().await {
            if response.status() == 200 {
                return served;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("kizuna serve did not start on {}", served.addr);
}

/// Peak resident memory of a process, in bytes.
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
}

/// Posts `total` bytes to `path`, declared up front or streamed in chunks, and returns the status line and page.
async fn post_huge(addr: &str, path: &str, total: usize, chunked: bool) -> (String, String) {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let length = if chunked { "Transfer-Encoding: chunked".to_owned() } else { format!("Content-Length: {total}") };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\nAccept-Language: en\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n{length}\r\n\r\n"
    );
    let sending = tokio::spawn(async move {
        writer.write_all(head.as_bytes()).await?;
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < total {
            if chunked {
                writer.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).await?;
            }
            writer.write_all(&chunk).await?;
            if chunked {
                writer.write_all(b"\r\n").await?;
            }
            sent += chunk.len();
        }
        if chunked {
            writer.write_all(b"0\r\n\r\n").await?;
        }
        Ok::<_, std::io::Error>(())
    });
    let mut answer = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(60), reader.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server answered and closed the connection");
    sending.abort();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.lines().next().unwrap_or_default().to_owned();
    (status, text)
}

#[tokio::test]
async fn a_hundred_megabytes_to_a_server_function_is_refused_with_413_and_memory_stays_flat() {
    for engine in engines().await {
        let served = serve(&engine).await;
        for chunked in [false, true] {
            let (status, page) = post_huge(&served.addr, "/api/portal/request-link", 100 << 20, chunked).await;
            assert!(status.contains(" 413 "), "{}: chunked {chunked}: {status}", engine.name);
            assert!(page.contains("What you sent is too large"), "{}: a readable page", engine.name);
        }
        let (status, _) = post_huge(&served.addr, "/api/admin/save-job", 100 << 20, true).await;
        assert!(status.contains(" 413 "), "{}: the long-text forms have a limit too: {status}", engine.name);
        let peak = peak_rss(served.child.id());
        assert!(peak < 200 << 20, "{}: peak memory {} MB", engine.name, peak >> 20);
        // and a form of ordinary size still goes through
        let response = client()
            .post(format!("http://{}/api/portal/request-link", served.addr))
            .form(&[("email", "someone@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", engine.name);
    }
}

#[tokio::test]
async fn no_token_reaches_a_log_line() {
    for engine in engines().await {
        let served = serve(&engine).await;
        let token = "cd".repeat(32);
        // a one-click unsubscribe posted from another site is refused, and logged
        let refused = client()
            .post(format!("http://{}/unsubscribe/{token}", served.addr))
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403);
        // and links of every kind used, forged or not, leave nothing either
        for path in [
            format!("/portal/sign-in/link/{token}"),
            format!("/relay/{token}"),
            format!("/unsubscribe/{token}"),
            format!("/admin/set-password/{token}"),
            format!("/agency/set-password/{token}"),
            format!("/portal/sign-up/confirm/{token}"),
        ] {
            client().get(format!("http://{}{path}", served.addr)).send().await.unwrap();
        }
        for (path, field) in [("/api/portal/confirm-link", "token"), ("/api/relay/submit", "token")] {
            client()
                .post(format!("http://{}{path}", served.addr))
                .form(&[(field, token.as_str())])
                .send()
                .await
                .unwrap();
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let log = std::fs::read_to_string(&served.log).unwrap();
        assert!(log.contains("cross-site request refused"), "{}: the refusal is logged: {log}", engine.name);
        assert!(!log.contains(&token), "{}: a token in the log:\n{log}", engine.name);
    }
}
