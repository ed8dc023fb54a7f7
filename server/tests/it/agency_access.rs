//! A deactivated agency loses access at once: its sessions end, and every agency function and download refuses it.
use crate::common::{as_agency, as_user, client, engines, insert_agency, insert_candidate, location, spawn_app};
use app::backend::now_ms;
use app::backend::relay::{
    self,
    opt_in::{Answers, Caller},
};
use app::domain::Role;

#[tokio::test]
async fn a_deactivated_agency_loses_access_at_once_everywhere() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        insert_agency(&app.state.db, "ag1", "止まる人材").await;
        sqlx::query("UPDATE agencies SET allowed_items = 'names,email,resume' WHERE id = 'ag1'")
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let candidate = insert_candidate(&app.state.db, "ref@example.com", "紹介", "太郎").await;
        let answers = Answers { agencies: vec!["ag1".into()], ..Default::default() };
        relay::opt_in::submit(&app.state.db, &app.state.config, Caller::Candidate(&candidate), &answers, "x", now_ms())
            .await
            .unwrap();
        let referral: String =
            sqlx::query_scalar("SELECT id FROM referrals").fetch_one(app.state.db.pool()).await.unwrap();
        let agency = as_agency(&app, "user@stop.example.com", "ag1").await;
        assert_eq!(app.get(&agency, "/agency").await.status(), 200);
        assert_eq!(app.call(&agency, "/api/agency/referrals", &[]).await.status(), 200);

        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let deactivate = [
            ("id", "ag1"),
            ("name", "止まる人材"),
            ("address", "東京都千代田区1-1"),
            ("representative", "代表 一郎"),
            ("contact_email", "contact@agency.example.com"),
            ("items[0]", "names"),
            ("referrals_per_credit", "10"),
        ];
        let saved = app.post_form(&admin, "/api/admin/save-agency", &deactivate).await;
        assert!(location(&saved).contains("saved=1"), "{}: {}", engine.name, location(&saved));
        let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE kind = 'agency'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(sessions, 0, "{}: its sessions ended", engine.name);
        assert_eq!(location(&app.get(&agency, "/agency").await), "/agency/sign-in", "{}", engine.name);
        let fields = [("id", referral.as_str()), ("status", "placed")];
        for endpoint in ["agency/referrals", "agency/referral", "agency/referral-status"] {
            let status = app.call(&agency, &format!("/api/{endpoint}"), &fields).await.status();
            assert_eq!(status, 401, "{}: {endpoint}", engine.name);
        }
        assert_eq!(app.get(&agency, &format!("/agency/resume/{referral}")).await.status(), 401);
        // and its users cannot sign in again while it is inactive
        let again = client();
        let form = [("email", "user@stop.example.com"), ("password", "agency password 1")];
        let refused = app.post_form(&again, "/api/agency/sign-in", &form).await;
        assert!(location(&refused).contains("ErrInvalidCredentials"), "{}: {}", engine.name, location(&refused));
        assert_eq!(app.call(&again, "/api/agency/referrals", &[]).await.status(), 401);
        // a session that somehow outlived the change is refused too (the agency is checked on every call)
        sqlx::query("UPDATE agencies SET status = 'active' WHERE id = 'ag1'")
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let back = as_agency(&app, "user@stop.example.com", "ag1").await;
        sqlx::query("UPDATE agencies SET status = 'inactive' WHERE id = 'ag1'")
            .execute(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(app.call(&back, "/api/agency/referrals", &[]).await.status(), 401, "{}", engine.name);
        assert_eq!(app.get(&back, &format!("/agency/resume/{referral}")).await.status(), 401);
        let status: String =
            sqlx::query_scalar("SELECT status FROM referrals").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(status, "referred", "{}: nothing changed", engine.name);
    }
}
