//! Résumé upload and download: type by content, size limit, owner only.
use crate::common::{client, engines, insert_candidate, location, spawn_app, TestApp};
use app::backend::{core::tokens, now_ms};
use app::domain::TokenPurpose;
use reqwest::multipart::{Form, Part};

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let id = insert_candidate(&app.state.db, email, "Doe", "Jo").await;
    let mut conn = app.state.db.pool().acquire().await.unwrap();
    let token = tokens::issue(&mut conn, TokenPurpose::SignIn, &id, 60_000, now_ms()).await.unwrap();
    drop(conn);
    let browser = client();
    app.post_form(&browser, "/api/portal/confirm-link", &[("token", &token)]).await;
    browser
}

fn form(bytes: Vec<u8>, name: &str) -> Form {
    Form::new().part("resume", Part::bytes(bytes).file_name(name.to_owned()))
}

#[tokio::test]
async fn resumes_are_checked_by_content_and_kept_private() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let url = format!("{}/portal/resume", app.base);
        let owner = signed_in(&app, "owner@example.com").await;

        let pdf = b"%PDF-1.7\nmy career".to_vec();
        let html_post = owner
            .post(&url)
            .header("accept", "text/html")
            .multipart(form(pdf.clone(), "履歴書.pdf"))
            .send()
            .await
            .unwrap();
        assert_eq!(location(&html_post), "/portal/profile?resume=uploaded", "{}", engine.name);
        let page = app.get(&owner, "/portal/profile").await.text().await.unwrap();
        assert!(page.contains("履歴書.pdf"), "the upload is listed");
        let id: String = sqlx::query_scalar("SELECT id FROM resumes").fetch_one(app.state.db.pool()).await.unwrap();

        let download = owner.get(format!("{url}/{id}")).send().await.unwrap();
        assert_eq!(download.status(), 200);
        assert_eq!(download.headers()["content-type"], "application/pdf");
        assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);

        // a program renamed to .pdf is refused, with the reason, and nothing is stored
        let exe = owner.post(&url).multipart(form(b"MZ\x90\x00binary".to_vec(), "cv.pdf")).send().await.unwrap();
        assert_eq!(exe.status(), 422, "{}", engine.name);
        let exe_html = owner
            .post(&url)
            .header("accept", "text/html")
            .multipart(form(b"MZ".to_vec(), "cv.pdf"))
            .send()
            .await
            .unwrap();
        assert_eq!(location(&exe_html), "/portal/profile?resume_error=ErrFileType");
        let too_big = [b"%PDF-".as_slice(), &vec![b'x'; 10 * 1024 * 1024]].concat();
        let big = owner.post(&url).multipart(form(too_big, "big.pdf")).send().await.unwrap();
        assert!(big.status() == 422 || big.status() == 413, "{}: {}", engine.name, big.status());
        let docx = [b"PK\x03\x04".as_slice(), b"[Content_Types].xml word/document.xml"].concat();
        assert_eq!(owner.post(&url).multipart(form(docx, "cv.docx")).send().await.unwrap().status(), 201);
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM resumes").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(count, 2);

        // nobody else can read or add to it
        let other = signed_in(&app, "other@example.com").await;
        assert_eq!(other.get(format!("{url}/{id}")).send().await.unwrap().status(), 404, "{}", engine.name);
        assert_eq!(client().get(format!("{url}/{id}")).send().await.unwrap().status(), 401);
        assert_eq!(client().post(&url).multipart(form(pdf, "x.pdf")).send().await.unwrap().status(), 401);
    }
}

#[tokio::test]
async fn only_the_latest_five_resumes_are_kept_and_uploads_are_rate_limited() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let url = format!("{}/portal/resume", app.base);
        let owner = signed_in(&app, "many@example.com").await;
        let files = || std::fs::read_dir(app.state.config.data_dir.join("resumes")).unwrap().count();
        let mut first = String::new();
        for n in 0..6 {
            let pdf = format!("%PDF-1.7\nversion {n}").into_bytes();
            let uploaded = owner.post(&url).multipart(form(pdf, &format!("cv{n}.pdf"))).send().await.unwrap();
            assert_eq!(uploaded.status(), 201, "{}: upload {n}", engine.name);
            if n == 0 {
                first = uploaded.text().await.unwrap();
            }
        }
        let kept: Vec<String> = sqlx::query_scalar("SELECT file_name FROM resumes ORDER BY uploaded_at, id")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(kept, ["cv1.pdf", "cv2.pdf", "cv3.pdf", "cv4.pdf", "cv5.pdf"], "{}", engine.name);
        assert_eq!(files(), 5, "{}: the oldest file is deleted with its row", engine.name);
        assert_eq!(owner.get(format!("{url}/{first}")).send().await.unwrap().status(), 404);
        // ten uploads an hour per candidate; the eleventh is refused, and stores nothing
        for n in 6..10 {
            let pdf = format!("%PDF-1.7\nversion {n}").into_bytes();
            assert_eq!(owner.post(&url).multipart(form(pdf, "cv.pdf")).send().await.unwrap().status(), 201);
        }
        let pdf = b"%PDF-1.7\none too many".to_vec();
        let refused = owner.post(&url).multipart(form(pdf.clone(), "cv.pdf")).send().await.unwrap();
        assert_eq!(refused.status(), 429, "{}", engine.name);
        let page = owner.post(&url).header("accept", "text/html").multipart(form(pdf, "cv.pdf")).send().await.unwrap();
        assert_eq!(location(&page), "/portal/profile?resume_error=ErrRateLimited");
        assert_eq!(files(), 5, "{}", engine.name);
    }
}
