//! What the browser downloads: compressed as it asks, the built assets kept a year when their name is their
//! content's hash and revalidated otherwise, pages never stored.
use crate::common::{client, engines, spawn_app};

#[tokio::test]
async fn assets_and_pages_are_compressed_and_only_assets_are_cached() {
    let engine = engines().await.remove(0);
    let pkg = engine.dir.path().join("site").join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let css = "body { color: #222; }\n".repeat(200);
    std::fs::write(pkg.join("kizuna.css"), &css).unwrap();
    // a release build names its files by their content's hash (cargo-leptos `hash-files`)
    std::fs::write(pkg.join("kizuna.gt_CqG-CHfAyvI2psz9D4Q.wasm"), b"\0asm").unwrap();
    let app = spawn_app(&engine).await;
    let browser = client();

    let plain = browser.get(format!("{}/pkg/kizuna.css", app.base)).send().await.unwrap();
    assert_eq!(plain.status(), 200);
    assert_eq!(plain.headers()["cache-control"], "no-cache");
    assert!(plain.headers().get("content-encoding").is_none(), "a client that asks for nothing gets it plain");
    let modified = plain.headers()["last-modified"].to_str().unwrap().to_owned();
    assert_eq!(plain.text().await.unwrap(), css);

    for encoding in ["br", "gzip"] {
        let packed = browser
            .get(format!("{}/pkg/kizuna.css", app.base))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(packed.headers()["content-encoding"], encoding);
        assert!(packed.bytes().await.unwrap().len() < css.len() / 4, "{encoding} makes it smaller");
    }
    let again =
        browser.get(format!("{}/pkg/kizuna.css", app.base)).header("if-modified-since", modified).send().await.unwrap();
    assert_eq!(again.status(), 304, "revalidated, not sent again");

    let hashed = browser.get(format!("{}/pkg/kizuna.gt_CqG-CHfAyvI2psz9D4Q.wasm", app.base)).send().await.unwrap();
    assert_eq!(hashed.status(), 200);
    assert_eq!(hashed.headers()["cache-control"], "public, max-age=31536000, immutable", "a hashed name never changes");
    let missing = browser.get(format!("{}/pkg/kizuna.AAAAAAAAAAAAAAAAAAAAAA.wasm", app.base)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-cache", "a missing file is not remembered");

    let page =
        browser.get(format!("{}/portal/sign-in", app.base)).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-encoding"], "br");
    assert_eq!(page.headers()["cache-control"], "no-store");
}
