//! Mail templates for every kind: saved with their merge fields checked, used when the mail is sent, and previewed
//! with a real candidate (an audited view of their data).
use crate::common::{as_user, client, engines, insert_candidate, location, open_job, spawn_app, TestApp};
use app::domain::{Role, TemplateKind};
use app::i18n::{Lang, Msg};

async fn save(app: &TestApp, admin: &reqwest::Client, kind: &str, lang: &str, subject: &str, body: &str) -> String {
    let form = [("kind", kind), ("lang", lang), ("subject", subject), ("body", body)];
    location(&app.post_form(admin, "/api/admin/save-template", &form).await)
}

async fn outbox(app: &TestApp, kind: &str) -> (String, String) {
    sqlx::query_as(
        "SELECT subject, body_text FROM mail_outbox WHERE kind = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(kind)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap()
}

/// An application 'ap' of the candidate for the job 'job', at a stage.
async fn application(app: &TestApp, candidate: &str, stage: &str) {
    sqlx::query(
        "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) \
         VALUES ('ap', $1, 'job', $2, 'website', 1, 1)",
    )
    .bind(candidate)
    .bind(stage)
    .execute(app.state.db.pool())
    .await
    .unwrap();
}

#[tokio::test]
async fn every_kind_has_a_template_that_the_mail_is_sent_from() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;

        // every kind is on the page, in both languages
        for kind in TemplateKind::ALL {
            let page = app.get(&admin, &format!("/admin/templates?kind={}", kind.as_str())).await;
            assert_eq!(page.status(), 200);
            let page = page.text().await.unwrap();
            for lang in ["ja", "en"] {
                assert!(page.contains(&format!("id=\"{}-{lang}\"", kind.as_str())), "{kind:?} {lang}");
            }
        }

        // a sign-in mail without its link is refused, with the field named, and the wording is kept
        let refused = save(&app, &admin, "sign_in", "ja", "ログイン", "{{name}} 様 リンクなし").await;
        assert!(refused.starts_with("/admin/templates?kind=sign_in&error=ErrMissingMergeField"), "{refused}");
        assert!(!refused.contains("リンク") && !refused.contains("missing="), "nothing typed in the URL: {refused}");
        let page = app.get(&admin, &refused).await.text().await.unwrap();
        assert!(page.contains(Msg::ErrMissingMergeField.text(Lang::Ja)) && page.contains("リンクなし"));
        assert!(page.contains("{{sign_in_link}}"), "the missing field is named");
        let unknown = save(&app, &admin, "interview", "ja", "面接", "{{interview_time}} {{relay_link}}").await;
        assert!(unknown.contains("error=ErrUnknownMergeField") && !unknown.contains("relay_link"), "{unknown}");
        let page = app.get(&admin, &unknown).await.text().await.unwrap();
        assert!(page.contains(Msg::ErrUnknownMergeField.text(Lang::Ja)) && page.contains("relay_link"));

        // the saved sign-in wording is what the candidate receives, with a working link
        let saved = save(&app, &admin, "sign_in", "ja", "ようこそ {{name}} 様", "こちらから: {{sign_in_link}}").await;
        assert!(saved.starts_with("/admin/templates?kind=sign_in&saved=ja"), "{saved}");
        insert_candidate(&app.state.db, "hanako@example.com", "山田", "花子").await;
        app.post_form(&client(), "/api/portal/request-link", &[("email", "hanako@example.com")]).await;
        crate::common::run_link_queue(&app).await;
        let (subject, body) = outbox(&app, "sign_in").await;
        assert_eq!(subject, "ようこそ 山田 花子 様");
        let link = body.strip_prefix("こちらから: ").and_then(|b| b.lines().next()).expect("the link");
        let path = link.strip_prefix(&app.base).expect("a link to this site");
        assert_eq!(app.get(&client(), path).await.status(), 200);

        // an interview in English, from the English template
        open_job(&app, "job", "open").await;
        let emma = insert_candidate(&app.state.db, "emma@example.com", "Wilson", "Emma").await;
        sqlx::query("UPDATE candidates SET language = 'en' WHERE id = $1")
            .bind(&emma)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        application(&app, &emma, "interview").await;
        let saved = save(
            &app,
            &admin,
            "interview_reminder",
            "en",
            "Tomorrow: {{job_title}}",
            "Hi {{name}}, see you at {{interview_time}} ({{interview_place}}).",
        )
        .await;
        assert!(saved.contains("saved=en"), "{saved}");
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let date = app::components::i18n::format_date(app::backend::now_ms() + 3 * 86_400_000);
        let back = format!("/admin/candidates/{emma}");
        let form = [
            ("application_id", "ap"),
            ("interview_id", ""),
            ("date", date.as_str()),
            ("time", "10:00"),
            ("minutes", "30"),
            ("location", ""),
            ("meeting_url", "https://meet.example.com/x"),
            ("interviewers", "Sato"),
            ("back", back.as_str()),
        ];
        let scheduled = location(&app.post_form(&recruiter, "/api/admin/schedule-interview", &form).await);
        assert!(scheduled.contains("scheduled=1"), "{scheduled}");
        let (subject, body) = outbox(&app, "interview_reminder").await;
        assert_eq!(subject, "Tomorrow: Backend");
        assert!(
            body.starts_with(&format!("Hi Emma Wilson, see you at {date} 10:00 – 10:30 (https://meet.example.com/x).")),
            "{body}"
        );
        let (subject, _) = outbox(&app, "interview").await;
        assert_eq!(subject, "Interview: Backend", "the built-in English notice");
    }
}

#[tokio::test]
async fn a_preview_is_filled_in_with_a_real_candidate_and_audited() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        open_job(&app, "job", "open").await;
        let id = insert_candidate(&app.state.db, "jiro@example.com", "田中", "次郎").await;
        application(&app, &id, "screening").await;

        let form = [("kind", "rejection"), ("preview", "Jiro@Example.com")];
        assert_eq!(app.call(&recruiter, "/api/admin/templates", &form).await.status(), 403);
        let page: serde_json::Value = app.call(&admin, "/api/admin/templates", &form).await.json().await.unwrap();
        assert_eq!(page["candidate"][0], id.as_str(), "{page}");
        let ja = page["templates"][0][1][1].as_str().unwrap();
        let en = page["templates"][1][1][1].as_str().unwrap();
        assert!(ja.starts_with("田中 次郎 様") && ja.contains("「バックエンド」"), "{ja}");
        assert!(en.starts_with("Dear 次郎 田中,") && en.contains("applying for Backend"), "{en}");
        // links are shown, never issued
        assert!(ja.contains("/relay/…"), "{ja}");
        let tokens: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM tokens").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(tokens, 0);
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'template_previewed' AND subject_id = $1",
        )
        .bind(&id)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1);

        // an unknown address: said so, and the preview falls back to sample values
        let form = [("kind", "rejection"), ("preview", "nobody@example.com")];
        let page: serde_json::Value = app.call(&admin, "/api/admin/templates", &form).await.json().await.unwrap();
        assert_eq!(page["not_found"], "nobody@example.com");
        assert!(page["candidate"].is_null());
        assert!(page["templates"][0][1][1].as_str().unwrap().starts_with("山田 花子 様"));
        let chosen = app.post_form(&admin, "/api/admin/preview-template", &form).await;
        let (url, html) = crate::common::sent_back(&app, &admin, &chosen).await;
        assert_eq!(url, "/admin/templates?kind=rejection", "the address stays out of the URL");
        assert!(html.contains(Msg::PreviewCandidateNotFound.text(Lang::Ja)));
        assert!(html.contains("value=\"nobody@example.com\""));
    }
}
