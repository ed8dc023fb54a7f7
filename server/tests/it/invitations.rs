//! Re-application invitations from the recruiter's invite to the candidate's answer.
use crate::common::{as_candidate, as_user, client, engines, insert_candidate, location, open_job, spawn_app};
use app::backend::now_ms;
use app::domain::Role;

#[tokio::test]
async fn an_invitation_needs_consent_and_accepting_it_re_applies_once() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job-open", "open").await;
        open_job(&app, "job-closed", "closed").await;
        let candidate = insert_candidate(&app.state.db, "again@example.com", "再", "応募").await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let invite = |job: &'static str| {
            let recruiter = recruiter.clone();
            let candidate = candidate.clone();
            let app = &app;
            async move {
                app.post_form(&recruiter, "/api/admin/invite", &[("candidate_id", candidate.as_str()), ("job_id", job)])
                    .await
            }
        };

        // without consent to job news the invitation is refused, with a reason the recruiter can read
        let refused = invite("job-open").await;
        assert!(location(&refused).contains("error=ErrNoInvitationConsent"), "{}: {}", engine.name, location(&refused));
        let page = app.get(&recruiter, &location(&refused)).await.text().await.unwrap();
        assert!(page.contains("同意していない"), "the reason is shown");

        let me = as_candidate(&app, &candidate).await;
        app.post_form(&me, "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await;
        assert!(location(&invite("job-closed").await).contains("error=ErrJobNotOpen"));
        assert!(location(&invite("job-open").await).ends_with("?invited=1"), "{}", engine.name);
        assert!(location(&invite("job-open").await).contains("error=ErrAlreadyInvited"));
        let (invitation, unsubscribe): (String, Option<String>) = sqlx::query_as(
            "SELECT i.id, m.list_unsubscribe FROM invitations i JOIN mail_outbox m ON m.kind = 'invitation' WHERE i.candidate_id = $1",
        )
        .bind(&candidate)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert!(unsubscribe.is_some(), "an invitation is optional mail and carries a one-click unsubscribe");

        let home = app.get(&me, "/portal").await.text().await.unwrap();
        assert!(home.contains("再応募のご案内") && home.contains("バックエンド"));
        let answer = |answer: &'static str| {
            let me = me.clone();
            let invitation = invitation.clone();
            let app = &app;
            async move {
                app.post_form(&me, "/api/portal/answer-invitation", &[("id", invitation.as_str()), ("answer", answer)])
                    .await
            }
        };
        assert!(location(&answer("later").await).ends_with("?done=snoozed"));
        let remind_at: Option<i64> = sqlx::query_scalar("SELECT remind_at FROM invitations WHERE id = $1")
            .bind(&invitation)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert!(remind_at.unwrap() > now_ms() + 13 * 86_400_000);
        // the reminder is queued for that day, as optional mail with its one-click unsubscribe
        let reminder = || async {
            sqlx::query_as::<_, (String, i64, Option<String>, Option<String>)>(
                "SELECT status, next_attempt_at, consent_purpose, list_unsubscribe FROM mail_outbox WHERE kind = 'invitation_reminder'",
            )
            .fetch_one(app.state.db.pool())
            .await
            .unwrap()
        };
        let (status, due, purpose, unsubscribe) = reminder().await;
        assert_eq!(
            (status.as_str(), due, purpose.as_deref()),
            ("queued", remind_at.unwrap(), Some("job_news")),
            "{}",
            engine.name
        );
        assert!(unsubscribe.is_some());
        assert!(location(&answer("accept").await).ends_with("?done=accepted"), "{}", engine.name);
        assert_eq!(reminder().await.0, "cancelled", "answering first cancels the reminder");
        answer("accept").await; // a double submit
        let applications: Vec<(String, Option<String>, String)> =
            sqlx::query_as("SELECT stage, invitation_id, source_channel FROM applications WHERE candidate_id = $1")
                .bind(&candidate)
                .fetch_all(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(
            applications,
            [("applied".into(), Some(invitation.clone()), "invitation".into())],
            "{}",
            engine.name
        );
        let transitions: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM stage_transitions t JOIN applications a ON a.id = t.application_id WHERE a.candidate_id = $1",
        )
        .bind(&candidate)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(transitions, 1);
        assert!(app
            .get(&me, &format!("/portal/invitations/{invitation}"))
            .await
            .text()
            .await
            .unwrap()
            .contains("応募済み"));
    }
}

#[tokio::test]
async fn invitations_are_private_and_roles_hold() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job-open", "open").await;
        let candidate = insert_candidate(&app.state.db, "mine@example.com", "Mine", "Only").await;
        let me = as_candidate(&app, &candidate).await;
        app.post_form(&me, "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await;

        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let denied =
            app.call(&viewer, "/api/admin/invite", &[("candidate_id", &candidate), ("job_id", "job-open")]).await;
        assert_eq!(denied.status(), 403, "{}: viewers do not invite", engine.name);
        assert_eq!(app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.status(), 200);
        assert_eq!(
            app.call(&me, "/api/admin/candidate", &[("id", &candidate)]).await.status(),
            401,
            "a candidate is no recruiter"
        );
        let found: serde_json::Value =
            app.call(&viewer, "/api/admin/candidates", &[("filter[q]", "MINE@")]).await.json().await.unwrap();
        assert_eq!(found["rows"].as_array().unwrap().len(), 1, "{}: {found}", engine.name);
        let none: serde_json::Value =
            app.call(&viewer, "/api/admin/candidates", &[("filter[q]", "%")]).await.json().await.unwrap();
        assert!(none["rows"].as_array().unwrap().is_empty(), "LIKE wildcards are taken literally");

        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        app.post_form(&recruiter, "/api/admin/invite", &[("candidate_id", &candidate), ("job_id", "job-open")]).await;
        let invitation: String =
            sqlx::query_scalar("SELECT id FROM invitations").fetch_one(app.state.db.pool()).await.unwrap();

        let other_id = insert_candidate(&app.state.db, "other@example.com", "Other", "One").await;
        let other = as_candidate(&app, &other_id).await;
        assert_eq!(
            app.call(&other, "/api/portal/invitation", &[("id", &invitation)]).await.status(),
            404,
            "{}",
            engine.name
        );
        let hijack =
            app.call(&other, "/api/portal/answer-invitation", &[("id", &invitation), ("answer", "decline")]).await;
        assert_eq!(hijack.status(), 404);
        assert_eq!(app.call(&client(), "/api/portal/invitation", &[("id", &invitation)]).await.status(), 401);

        let declined = app
            .post_form(
                &me,
                "/api/portal/answer-invitation",
                &[("id", &invitation), ("answer", "decline"), ("reason", "転職しました")],
            )
            .await;
        assert!(location(&declined).ends_with("?done=declined"));
        let (status, reason): (String, Option<String>) =
            sqlx::query_as("SELECT status, decline_reason FROM invitations")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!((status.as_str(), reason.as_deref()), ("declined", Some("転職しました")), "{}", engine.name);
    }
}
