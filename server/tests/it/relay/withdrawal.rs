//! Withdrawing a referral ends the agency's access at once and keeps the provision record.
use super::*;
use crate::common::{as_agency, as_candidate, client, engines, location};
use app::i18n::Msg;

#[tokio::test]
async fn withdrawal_ends_agency_access_at_once_and_keeps_the_provision_record() {
    for engine in engines().await {
        let (app, recruiter) = prepared(&engine).await;
        let (candidate, application) = applicant(&app, "withdraw@example.com").await;
        let token = reject(&app, &recruiter, &candidate, &application).await;
        app.post_form(&client(), "/api/relay/submit", &[("token", &token), ("agencies[0]", A)]).await;
        let me = as_candidate(&app, &candidate).await;
        let referral: String = sqlx::query_scalar("SELECT id FROM referrals WHERE candidate_id = $1")
            .bind(&candidate)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let dir = app.state.config.data_dir.join("resumes");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("res-1.pdf"), b"%PDF-1.7 resume").unwrap();
        sqlx::query("INSERT INTO resumes (id, candidate_id, file_name, kind, size, sha256, uploaded_at) VALUES ('res-1', $1, '職務経歴書.pdf', 'pdf', 15, 'x', 1)")
            .bind(&candidate)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let agency = as_agency(&app, "user@a.example.com", A).await;
        let download = app.get(&agency, &format!("/agency/resume/{referral}")).await;
        assert_eq!(download.status(), 200, "{}", engine.name);
        assert_eq!(download.bytes().await.unwrap().as_ref(), b"%PDF-1.7 resume");
        let status =
            app.post_form(&agency, "/api/agency/referral-status", &[("id", &referral), ("status", "registered")]).await;
        assert!(location(&status).starts_with("/agency?saved=registered"), "{}", location(&status));

        // the candidate withdraws from My data
        let withdrawn = app
            .post_form(
                &me,
                "/api/portal/consent",
                &[("purpose", "agency_referral"), ("action", "withdrawn"), ("agency_id", A)],
            )
            .await;
        assert!(location(&withdrawn).contains("saved=withdrawn"), "{}", location(&withdrawn));

        // from this moment the agency sees nothing but the reference and the request to delete
        let seen: serde_json::Value =
            app.call(&agency, "/api/agency/referral", &[("id", &referral)]).await.json().await.unwrap();
        assert!(seen["name"].is_null() && seen["email"].is_null() && seen["skills"].is_null(), "{seen}");
        assert!(seen["withdrawn_at"].is_i64());
        let html = app.get(&agency, "/agency").await.text().await.unwrap();
        assert!(
            !html.contains("withdraw@example.com") && html.contains(Msg::AgencyDeleteNotice.text(app::i18n::Lang::Ja))
        );
        assert_eq!(app.get(&agency, &format!("/agency/resume/{referral}")).await.status(), 404);
        let late = app.call(&agency, "/api/agency/referral-status", &[("id", &referral), ("status", "placed")]).await;
        assert_eq!(late.status(), 404);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'agency_withdrawal' AND recipient = $1",
                "a@agency.example.com"
            )
            .await,
            1
        );
        // recorded, and the provision record stays (with the status the agency reported)
        assert_eq!(count(&app, "SELECT COUNT(*) FROM consent_records WHERE candidate_id = $1 AND action = 'withdrawn' AND agency_id IS NOT NULL", &candidate).await, 1);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE subject_id = $1 AND action = 'consent_withdrawn'",
                &candidate
            )
            .await,
            1
        );
        let (kept, status): (i64, String) =
            sqlx::query_as("SELECT COUNT(*), MAX(status) FROM referrals WHERE id = $1 AND withdrawn_at IS NOT NULL")
                .bind(&referral)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!((kept, status.as_str()), (1, "registered"));
        let data: serde_json::Value = app.call(&me, "/api/portal/my-data", &[]).await.json().await.unwrap();
        assert!(data["provisions"][0]["withdrawn_at"].is_i64(), "the candidate sees it withdrawn: {data}");
    }
}
