//! Events: an attendee list imported, and the follow-up mail sent once to those who came and may be contacted.
use crate::common::{as_candidate, as_user, engines, exec, insert_candidate, location, spawn_app, upload_csv};
use app::domain::Role;

#[tokio::test]
async fn an_attendee_list_is_imported_into_an_event_new_and_known_people_alike() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        insert_candidate(&app.state.db, "known@example.com", "既知", "花子").await;
        exec(
            &app,
            "INSERT INTO events (id, title, starts_at, location, created_at) VALUES ('ev', '秋の説明会', 1, '東京', 1)",
            &[],
        )
        .await;
        let upload = |event: &'static str| {
            let app = &app;
            let recruiter = recruiter.clone();
            async move {
                let csv = "メールアドレス,氏名\nknown@example.com,既知 花子\nnew@example.com,新規 太郎\n";
                let fields =
                    [("source_channel", "info_session"), ("tags", ""), ("event_id", event), ("attended", "yes")];
                upload_csv(app, &recruiter, "参加者.csv", csv.as_bytes().to_vec(), &fields).await
            }
        };
        assert!(upload("no-such-event").await.contains("error=ErrInvalid"));
        let id = upload("ev").await.trim_start_matches("/admin/import/").to_owned();
        let page = app.get(&recruiter, &format!("/admin/import/{id}")).await.text().await.unwrap();
        assert!(page.contains("秋の説明会"), "the page says which event");
        let started = app
            .post_form(
                &recruiter,
                "/api/admin/run-import",
                &[("id", id.as_str()), ("col[0]", "email"), ("col[1]", "full_name")],
            )
            .await;
        assert!(location(&started).contains("done=started"));
        while app::backend::import::work(&app.state.db, &app.state.config.secret, app::backend::now_ms()).await.unwrap()
        {
        }
        let attendees: Vec<(String, Option<i64>)> = sqlx::query_as(
            "SELECT c.email, a.attended_at FROM event_attendees a JOIN candidates c ON c.id = a.candidate_id \
             WHERE a.event_id = 'ev' ORDER BY c.email",
        )
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(
            attendees.iter().map(|(e, _)| e.as_str()).collect::<Vec<_>>(),
            ["known@example.com", "new@example.com"]
        );
        assert!(attendees.iter().all(|(_, at)| at.is_some()), "marked as having come");
        let report: String = sqlx::query_scalar("SELECT report FROM imports WHERE id = $1")
            .bind(&id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(
            (report["imported"].as_u64(), report["already_present"].as_u64(), report["registered"].as_u64()),
            (Some(1), Some(1), Some(2))
        );
    }
}

#[tokio::test]
async fn an_event_follow_up_goes_once_to_those_who_came_and_may_be_contacted() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let came = insert_candidate(&app.state.db, "came@example.com", "参加", "花子").await;
        let no_consent = insert_candidate(&app.state.db, "quiet@example.com", "静か", "太郎").await;
        let absent = insert_candidate(&app.state.db, "absent@example.com", "欠席", "次郎").await;
        for id in [&came, &absent] {
            let me = as_candidate(&app, id).await;
            app.post_form(&me, "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await;
        }
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let bad = location(
            &app.post_form(
                &recruiter,
                "/api/admin/create-event",
                &[("title", ""), ("date", "2026-13-01"), ("time", "10:00"), ("location", "オンライン")],
            )
            .await,
        );
        assert!(bad.contains("fe_title=ErrRequired") && bad.contains("fe_date=ErrDateInvalid"), "{bad}");
        assert_eq!(
            app.call(
                &viewer,
                "/api/admin/create-event",
                &[("title", "x"), ("date", "2026-12-01"), ("time", "10:00"), ("location", "x")]
            )
            .await
            .status(),
            403
        );
        let created = location(
            &app.post_form(
                &recruiter,
                "/api/admin/create-event",
                &[
                    ("title", "会社説明会（12月）"),
                    ("date", "2026-12-01"),
                    ("time", "19:00"),
                    ("location", "オンライン"),
                ],
            )
            .await,
        );
        let event = created.trim_start_matches("/admin/events/").to_owned();
        let act = |action: &'static str, email: &'static str, candidate: String| {
            let recruiter = recruiter.clone();
            let event = event.clone();
            let app = &app;
            async move {
                location(
                    &app.post_form(
                        &recruiter,
                        "/api/admin/event-action",
                        &[
                            ("event_id", event.as_str()),
                            ("action", action),
                            ("email", email),
                            ("candidate_id", candidate.as_str()),
                        ],
                    )
                    .await,
                )
            }
        };
        assert!(act("add", "nobody@example.com", String::new()).await.contains("error=ErrUnknownCandidate"));
        for email in ["came@example.com", "quiet@example.com", "absent@example.com", "came@example.com"] {
            assert!(act("add", email, String::new()).await.contains("done=added"), "{}", engine.name);
        }
        act("attended", "", came.clone()).await;
        act("attended", "", no_consent.clone()).await;
        let sent = act("follow_up", "", String::new()).await;
        assert!(sent.ends_with("done=followed&sent=1&skipped=1"), "{}: {sent}", engine.name);
        let again = act("follow_up", "", String::new()).await;
        assert!(again.ends_with("sent=0&skipped=1"), "once per person: {again}");
        let mails: Vec<(String, String)> =
            sqlx::query_as("SELECT candidate_id, subject FROM mail_outbox WHERE kind = 'event_follow_up'")
                .fetch_all(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(mails, vec![(came.clone(), "【ご参加のお礼】会社説明会(12月)".to_owned())]);
        let page: serde_json::Value =
            app.call(&viewer, "/api/admin/event", &[("id", &event)]).await.json().await.unwrap();
        assert_eq!((page["event"]["registered"].as_i64(), page["event"]["attended"].as_i64()), (Some(3), Some(2)));
        let html = app.get(&viewer, &format!("/admin/events/{event}")).await.text().await.unwrap();
        assert!(html.contains("参加 花子") && html.contains("会社説明会(12月)"));
        let list = app.get(&viewer, "/admin/events").await.text().await.unwrap();
        assert!(
            list.contains("会社説明会(12月)") && list.contains(&format!("/admin/events/{event}")),
            "{}",
            engine.name
        );
    }
}
