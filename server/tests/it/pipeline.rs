//! Jobs and the pipeline: validation, stage moves with author and time, and interviews.
use crate::common::{as_user, engines, exec, insert_candidate, location, open_job, spawn_app};
use app::domain::Role;

#[tokio::test]
async fn jobs_are_validated_and_applications_move_through_the_pipeline_with_author_and_time() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let job = |title_ja: &'static str, kind: &'static str| {
            vec![
                ("id", ""),
                ("job[title_ja]", title_ja),
                ("job[title_en]", "Data Engineer"),
                ("job[department]", "Ｄａｔａ"),
                ("job[location]", "東京都"),
                ("job[employment_type]", kind),
                ("job[description_ja]", "データ基盤の設計\r\n運用"),
                ("job[description_en]", ""),
                ("open", "yes"),
            ]
        };
        assert_eq!(app.call(&viewer, "/api/admin/save-job", &job("データエンジニア", "full_time")).await.status(), 403);
        let bad = location(&app.post_form(&recruiter, "/api/admin/save-job", &job("", "forever")).await);
        assert!(bad.contains("fe_job%5Btitle_ja%5D") || bad.contains("fe_title_ja=ErrRequired"), "{bad}");
        assert!(bad.contains("fe_employment_type=ErrInvalid") && !bad.contains("title_en"), "{bad}");
        let page = app.get(&recruiter, &bad).await.text().await.unwrap();
        assert!(page.contains("Data"), "what was typed is kept for the page");
        let saved =
            location(&app.post_form(&recruiter, "/api/admin/save-job", &job("データエンジニア", "full_time")).await);
        let job_id = saved.trim_start_matches("/admin/jobs/").split('?').next().unwrap().to_owned();
        let stored: (String, String, String) =
            sqlx::query_as("SELECT department, status, description_ja FROM jobs WHERE id = $1")
                .bind(&job_id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(stored, ("Data".into(), "open".into(), "データ基盤の設計\n運用".into()), "{}", engine.name);

        let candidate = insert_candidate(&app.state.db, "moving@example.com", "移動", "花子").await;
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('ap', $1, $2, 'applied', 'website', 1, 1)", &[&candidate, &job_id]).await;
        let back = format!("/admin/candidates/{candidate}");
        let step = |stage: &'static str| {
            let form = [("application_id", "ap".to_owned()), ("stage", stage.to_owned()), ("back", back.clone())];
            let recruiter = recruiter.clone();
            let app = &app;
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                location(&app.post_form(&recruiter, "/api/admin/move-stage", &form).await)
            }
        };
        assert_eq!(step("screening").await, format!("{back}?moved=screening"));
        assert_eq!(step("interview").await, format!("{back}?moved=interview"));
        assert!(step("interview").await.contains("error=ErrSameStage"));
        assert_eq!(
            app.call(
                &viewer,
                "/api/admin/move-stage",
                &[("application_id", "ap"), ("stage", "offer"), ("back", "/admin")]
            )
            .await
            .status(),
            403
        );
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        let history = &detail["applications"][0]["history"];
        assert_eq!(history.as_array().unwrap().len(), 2, "{detail}");
        assert_eq!((history[1]["from"].as_str(), history[1]["to"].as_str()), (Some("screening"), Some("interview")));
        assert_eq!(history[1]["author"], "rec@example.com");
        let board = app.get(&viewer, &format!("/admin/jobs/{job_id}")).await.text().await.unwrap();
        assert!(board.contains("移動 花子"), "{}", engine.name);

        // a withdrawal needs a candidate-side reason and closes the application
        let company = app
            .post_form(
                &recruiter,
                "/api/admin/withdraw-application",
                &[("application_id", "ap"), ("reason_id", "reason-company-experience"), ("back", &back)],
            )
            .await;
        assert!(location(&company).contains("error=ErrChooseReason"));
        let withdrawn = app
            .post_form(
                &recruiter,
                "/api/admin/withdraw-application",
                &[("application_id", "ap"), ("reason_id", "reason-candidate-other-offer"), ("back", &back)],
            )
            .await;
        assert_eq!(location(&withdrawn), format!("{back}?withdrawn=1"));
        assert!(step("offer").await.contains("error=ErrApplicationClosed"));
        let outcome: String = sqlx::query_scalar("SELECT outcome FROM applications WHERE id = 'ap'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(outcome, "withdrawn");
    }
}

#[tokio::test]
async fn an_interview_mails_the_candidate_and_its_reminder_moves_with_it() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job", "open").await;
        let candidate = insert_candidate(&app.state.db, "interview@example.com", "面接", "太郎").await;
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('ap', $1, 'job', 'interview', 'website', 1, 1)", &[&candidate]).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let back = format!("/admin/candidates/{candidate}");
        let day =
            |offset_days: i64| app::components::i18n::format_date(app::backend::now_ms() + offset_days * 86_400_000);
        let (in_three_days, in_five_days) = (day(3), day(5));
        let form = |date: &str, time: &str, url: &str, interview: &str| {
            vec![
                ("application_id".to_owned(), "ap".to_owned()),
                ("interview_id".to_owned(), interview.to_owned()),
                ("date".to_owned(), date.to_owned()),
                ("time".to_owned(), time.to_owned()),
                ("minutes".to_owned(), "45".to_owned()),
                ("location".to_owned(), String::new()),
                ("meeting_url".to_owned(), url.to_owned()),
                ("interviewers".to_owned(), "採用 太郎".to_owned()),
                ("back".to_owned(), back.clone()),
            ]
        };
        let post = |fields: Vec<(String, String)>| {
            let recruiter = recruiter.clone();
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                location(&app.post_form(&recruiter, "/api/admin/schedule-interview", &pairs).await)
            }
        };
        let bad = post(form("2020-01-01", "10:00", "ftp://x", "")).await;
        assert!(bad.contains("fe_meeting_url=ErrUrlInvalid") && !bad.contains("ftp"), "{bad}");
        let page = app.get(&recruiter, &bad).await.text().await.unwrap();
        assert!(page.contains("value=\"ftp://x\"") && page.contains("value=\"2020-01-01\""), "kept for the page");
        let past = post(form("2020-01-01", "10:00", "https://meet.example.com/a", "")).await;
        assert!(past.contains("error=ErrInPast"), "{past}");
        let scheduled = post(form(&in_three_days, "10:00", "https://meet.example.com/a", "")).await;
        assert_eq!(scheduled, format!("{back}?scheduled=1#interviews"), "{}", engine.name);

        let (interview, starts_at): (String, i64) =
            sqlx::query_as("SELECT id, starts_at FROM interviews WHERE application_id = 'ap'")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(starts_at, app::domain::parse_date(&in_three_days).unwrap() + 10 * 3_600_000);
        let reminder = || async {
            sqlx::query_as::<_, (String, i64, String)>(
                "SELECT status, next_attempt_at, body_text FROM mail_outbox WHERE kind = 'interview_reminder'",
            )
            .fetch_all(app.state.db.pool())
            .await
            .unwrap()
        };
        let queued = reminder().await;
        assert_eq!(queued.len(), 1);
        assert_eq!((queued[0].0.as_str(), queued[0].1), ("queued", starts_at - 24 * 3_600_000), "due a day before");
        let notice: String = sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE kind = 'interview'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert!(notice.contains("https://meet.example.com/a") && notice.contains("10:00 – 10:45"), "{notice}");

        // moving the interview moves the reminder (still one), and tells the candidate
        let moved = post(form(&in_five_days, "14:30", "https://meet.example.com/b", &interview)).await;
        assert!(moved.contains("scheduled=1"), "{moved}");
        let queued = reminder().await;
        let new_start = app::domain::parse_date(&in_five_days).unwrap() + 14 * 3_600_000 + 30 * 60_000;
        assert_eq!(queued.len(), 1, "{}: one reminder", engine.name);
        assert_eq!(queued[0].1, new_start - 24 * 3_600_000);
        assert!(queued[0].2.contains("https://meet.example.com/b"));
        let notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'interview'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(notices, 2);

        // the reminder is not delivered before it is due
        let due_now: Vec<_> = app::backend::core::mail::claim(&app.state.db, app::backend::now_ms()).await.unwrap();
        assert!(due_now.iter().all(|m| !m.message_id.starts_with("<reminder-")), "not yet");
        let due_then = app::backend::core::mail::claim(&app.state.db, new_start - 24 * 3_600_000 + 1).await.unwrap();
        assert!(due_then.iter().any(|m| m.message_id.starts_with("<reminder-")), "{}: due a day before", engine.name);

        let result = app
            .post_form(
                &recruiter,
                "/api/admin/interview-result",
                &[("interview_id", &interview), ("result", "技術力は十分"), ("back", &back)],
            )
            .await;
        assert!(location(&result).contains("saved=1"));
        let detail: serde_json::Value =
            app.call(&recruiter, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["interviews"][0]["result"], "技術力は十分");
    }
}
