//! Pages, headers and the language switch over HTTP.
use crate::common::{client, engines, location, spawn_app};

#[tokio::test]
async fn health_and_readiness() {
    let engine = engines().await.remove(0);
    let app = spawn_app(&engine).await;
    assert_eq!(app.get(&client(), "/healthz").await.status(), 200);
    assert_eq!(app.get(&client(), "/readyz").await.status(), 200);
    engine.db.close().await;
    assert_eq!(app.get(&client(), "/readyz").await.status(), 503);
    assert_eq!(app.get(&client(), "/healthz").await.status(), 200);
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_for_the_wasm() {
    let engine = engines().await.remove(0);
    let app = spawn_app(&engine).await;
    let response = app.get(&client(), "/portal/sign-in").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let csp = headers.get("content-security-policy").unwrap().to_str().unwrap().to_owned();
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(headers.get("referrer-policy").unwrap(), "no-referrer");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the nonce");
    assert!(html.contains("<html lang=\"ja\""));
}

#[tokio::test]
async fn unknown_pages_are_404_with_a_page() {
    let engine = engines().await.remove(0);
    let app = spawn_app(&engine).await;
    let response = app.get(&client(), "/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("ページが見つかりません"));
}

#[tokio::test]
async fn language_follows_the_choice_then_accept_language() {
    let engine = engines().await.remove(0);
    let app = spawn_app(&engine).await;
    let english_browser = client()
        .get(format!("{}/portal/sign-in", app.base))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(english_browser.text().await.unwrap().contains("Sign in to your portal"));

    let browser = client();
    assert!(app.get(&browser, "/portal/sign-in").await.text().await.unwrap().contains("マイページにログイン"));
    let switched = app.post_form(&browser, "/api/language", &[("lang", "en"), ("back_to", "/portal/sign-in")]).await;
    assert_eq!(location(&switched), "/portal/sign-in");
    let html = app.get(&browser, "/portal/sign-in").await.text().await.unwrap();
    assert!(html.contains("Sign in to your portal") && html.contains("<html lang=\"en\""));

    let open_redirect =
        app.post_form(&browser, "/api/language", &[("lang", "ja"), ("back_to", "//evil.example/")]).await;
    assert_eq!(location(&open_redirect), "/");
}

#[tokio::test]
async fn portal_and_admin_pages_send_strangers_to_sign_in() {
    let engine = engines().await.remove(0);
    let app = spawn_app(&engine).await;
    let portal = app.get(&client(), "/portal").await;
    assert_eq!(portal.status(), 303);
    assert_eq!(location(&portal), "/portal/sign-in");
    assert_eq!(location(&app.get(&client(), "/admin").await), "/admin/sign-in");
    assert_eq!(location(&app.get(&client(), "/admin/mailbox").await), "/admin/sign-in");
    assert_eq!(app.call(&client(), "/api/portal/home", &[]).await.status(), 401);
}
