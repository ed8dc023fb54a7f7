//! Agencies managed by admins; their users set their own password.
use super::*;
use crate::common::{as_user, client, engines, location};
use app::domain::Role;

#[tokio::test]
async fn agencies_are_managed_by_admins_and_users_set_their_own_password() {
    for engine in engines().await {
        let (app, recruiter) = prepared(&engine).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let fields = [
            ("id", ""),
            ("name", "シー・キャリア株式会社"),
            ("address", "福岡県福岡市1-2-3"),
            ("representative", "代表 三郎"),
            ("contact_email", "C@Agency.example.com"),
            ("items[0]", "names"),
            ("items[3]", "skills"),
            ("referrals_per_credit", "5"),
            ("active", "yes"),
        ];
        assert_eq!(app.call(&recruiter, "/api/admin/save-agency", &fields).await.status(), 403);
        assert_eq!(
            app.call(
                &viewer,
                "/api/admin/reject",
                &[("candidate_id", "x"), ("application_id", "x"), ("reason_id", "x"), ("note", "")]
            )
            .await
            .status(),
            403
        );
        let bad = app
            .post_form(
                &admin,
                "/api/admin/save-agency",
                &[
                    ("id", ""),
                    ("name", ""),
                    ("address", "x"),
                    ("representative", "x"),
                    ("contact_email", "nope"),
                    ("referrals_per_credit", "0"),
                ],
            )
            .await;
        let (bad, page) = crate::common::sent_back(&app, &admin, &bad).await;
        assert!(
            bad.contains("fe_name=ErrRequired")
                && bad.contains("fe_contact_email=")
                && bad.contains("fe_items=ErrChooseItems")
                && bad.contains("fe_referrals_per_credit=ErrPerCredit"),
            "{bad}"
        );
        assert!(!bad.contains("nope") && page.contains("value=\"nope\""), "what was typed is kept, not in the URL");
        let saved = app.post_form(&admin, "/api/admin/save-agency", &fields).await;
        let id = location(&saved).trim_start_matches("/admin/relay/agencies/").split('?').next().unwrap().to_owned();
        let (email, items, per_credit): (String, String, i64) =
            sqlx::query_as("SELECT contact_email, allowed_items, referrals_per_credit FROM agencies WHERE id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!((email.as_str(), items.as_str(), per_credit), ("c@agency.example.com", "names,skills", 5));

        // an invited user sets a password from the mail and lands in the agency portal
        let invited = app
            .post_form(
                &admin,
                "/api/admin/invite-agency-user",
                &[("agency_id", &id), ("email", "staff@c.example.com"), ("display_name", "担当 四郎")],
            )
            .await;
        assert!(location(&invited).ends_with("?invited=1"), "{}", location(&invited));
        let body: String = sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE kind = 'agency_invitation'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let token: String =
            body.split("/agency/set-password/").nth(1).unwrap().chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        let browser = client();
        let short =
            app.post_form(&browser, "/api/agency/set-password", &[("token", &token), ("password", "short")]).await;
        assert!(location(&short).contains("error=ErrPasswordTooShort"));
        let set = app
            .post_form(
                &browser,
                "/api/agency/set-password",
                &[("token", &token), ("password", "a long agency password")],
            )
            .await;
        assert_eq!(location(&set), "/agency", "{}", engine.name);
        let portal: serde_json::Value = app.call(&browser, "/api/agency/referrals", &[]).await.json().await.unwrap();
        assert_eq!(portal["agency_name"], "シー・キャリア株式会社");
        // an agency user is no recruiter
        assert_eq!(app.call(&browser, "/api/admin/relay", &[]).await.status(), 403);
        assert_eq!(app.call(&browser, "/api/admin/candidate", &[("id", "x")]).await.status(), 403);
        // and cannot be made one of another agency's users by an invitation
        let taken = app
            .post_form(
                &admin,
                "/api/admin/invite-agency-user",
                &[("agency_id", A), ("email", "staff@c.example.com"), ("display_name", "x")],
            )
            .await;
        assert!(location(&taken).contains("error=ErrEmailTaken"));
        let taken = app
            .post_form(
                &admin,
                "/api/admin/invite-agency-user",
                &[("agency_id", A), ("email", "rec@example.com"), ("display_name", "x")],
            )
            .await;
        assert!(location(&taken).contains("error=ErrEmailTaken"), "a recruiter's account is never taken over");
        // removing access ends the session at once
        let user: String = sqlx::query_scalar("SELECT id FROM users WHERE email = 'staff@c.example.com'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        app.post_form(&admin, "/api/admin/remove-agency-user", &[("agency_id", &id), ("user_id", &user)]).await;
        assert_eq!(app.call(&browser, "/api/agency/referrals", &[]).await.status(), 401);
    }
}
