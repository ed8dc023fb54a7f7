//! Every portal server function refuses strangers, and ids of another candidate's things are not found.
use crate::common::{as_candidate, as_user, client, engines, insert_candidate, server_function_endpoints, spawn_app};
use app::backend::auth::upsert_user;
use app::backend::relay::{
    self,
    opt_in::{Answers, Caller},
};
use app::backend::{core::tokens, now_ms};
use app::domain::{Email, Role, TokenPurpose};

/// Every candidate-facing endpoint; the test below checks this list against the source, so a new one is not missed.
const PORTAL_ENDPOINTS: &[&str] = &[
    "portal/home",
    "portal/consents",
    "portal/consent",
    "portal/preferences",
    "portal/save-preferences",
    "portal/unsubscribe",
    "portal/resubscribe",
    "portal/my-data",
    "portal/export.json",
    "portal/erase",
    "portal/profile",
    "portal/save-profile",
    "portal/resumes",
    "portal/invitation",
    "portal/answer-invitation",
];

/// Endpoints that work before sign-in on purpose (they identify the person by something else).
const PUBLIC_PORTAL_ENDPOINTS: &[&str] = &[
    "portal/request-link",
    "portal/confirm-link",
    "portal/link-state",
    // signing up: a form anyone may post, a link that proves the address (tested in signup.rs)
    "portal/sign-up",
    "portal/sign-up-state",
    "portal/confirm-sign-up",
    // the referral page: a personal link, or the candidate's session (tested in relay.rs)
    "relay/link",
    "relay/choices",
    "relay/request-link",
    "relay/submit",
    "agency/sign-in",
    "agency/setup-state",
    "agency/set-password",
];

/// Every endpoint of the agency portal; each must refuse everyone but the agency's own users.
const AGENCY_ENDPOINTS: &[&str] = &["agency/referrals", "agency/referral", "agency/referral-status"];

/// A well-formed call to any of them (unknown fields are ignored), so that only the caller decides the answer.
const EVERY_FIELD: &[(&str, &str)] = &[
    ("id", "x"),
    ("purpose", "job_news"),
    ("action", "grant"),
    ("answer", "accept"),
    ("reason", ""),
    ("confirm", "yes"),
    ("language", "ja"),
    ("monthly_cap", ""),
    ("pause_until", ""),
    ("family_name", "x"),
    ("given_name", "x"),
    ("family_name_kana", ""),
    ("given_name_kana", ""),
    ("phone", ""),
    ("location", ""),
    ("skills", ""),
    ("desired_roles", ""),
    ("desired_locations", ""),
];

#[test]
fn the_endpoint_list_is_complete() {
    let found = server_function_endpoints(&["portal/", "relay/", "agency/"]);
    for endpoint in &found {
        assert!(
            PORTAL_ENDPOINTS.contains(&endpoint.as_str())
                || PUBLIC_PORTAL_ENDPOINTS.contains(&endpoint.as_str())
                || AGENCY_ENDPOINTS.contains(&endpoint.as_str()),
            "{endpoint} is not covered by the isolation test"
        );
    }
}

#[tokio::test]
async fn strangers_are_refused_and_other_candidates_ids_are_not_found() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        for endpoint in PORTAL_ENDPOINTS {
            let url = format!("{}/api/{endpoint}", app.base);
            let response = if *endpoint == "portal/export.json" {
                client().get(&url).send().await.unwrap()
            } else {
                client().post(&url).form(EVERY_FIELD).send().await.unwrap()
            };
            assert_eq!(response.status(), 401, "{}: {endpoint}", engine.name);
        }
        assert_eq!(client().post(format!("{}/portal/resume", app.base)).send().await.unwrap().status(), 401);
        assert_eq!(client().get(format!("{}/portal/resume/x", app.base)).send().await.unwrap().status(), 401);

        // a signed-in candidate reaching for someone else's invitation or résumé finds nothing
        let first = insert_candidate(&app.state.db, "first@example.com", "First", "One").await;
        let second = insert_candidate(&app.state.db, "second@example.com", "Second", "Two").await;
        sqlx::query(
            "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, created_at, updated_at) \
             VALUES ('j', 'x', 'x', 'x', 'x', 'full_time', 'open', 1, 1)",
        )
        .execute(app.state.db.pool())
        .await
        .unwrap();
        sqlx::query("INSERT INTO invitations (id, candidate_id, job_id, status, created_at) VALUES ('inv-1', $1, 'j', 'sent', 1)")
            .bind(&first)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO resumes (id, candidate_id, file_name, kind, size, sha256, uploaded_at) VALUES ('res-1', $1, 'a.pdf', 'pdf', 1, 'x', 1)",
        )
        .bind(&first)
        .execute(app.state.db.pool())
        .await
        .unwrap();
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let token = tokens::issue(&mut conn, TokenPurpose::SignIn, &second, 60_000, now_ms()).await.unwrap();
        drop(conn);
        let intruder = client();
        app.post_form(&intruder, "/api/portal/confirm-link", &[("token", &token)]).await;
        assert_eq!(
            app.call(&intruder, "/api/portal/invitation", &[("id", "inv-1")]).await.status(),
            404,
            "{}",
            engine.name
        );
        let answer =
            app.call(&intruder, "/api/portal/answer-invitation", &[("id", "inv-1"), ("answer", "accept")]).await;
        assert_eq!(answer.status(), 404);
        assert_eq!(intruder.get(format!("{}/portal/resume/res-1", app.base)).send().await.unwrap().status(), 404);
        let status: String = sqlx::query_scalar("SELECT status FROM invitations WHERE id = 'inv-1'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(status, "sent", "{}: nothing changed", engine.name);
        let home: serde_json::Value = app.call(&intruder, "/api/portal/home", &[]).await.json().await.unwrap();
        assert!(home["invitations"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn agency_functions_refuse_everyone_but_the_agency_and_never_show_another_agencys_referrals() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        for id in ["ag-a", "ag-b"] {
            sqlx::query(
                "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, created_at, updated_at) \
                 VALUES ($1, $1, 'x', 'x', 'x@example.com', 'names,email,resume', 1, 1)",
            )
            .bind(id)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        }
        let candidate = insert_candidate(&app.state.db, "referred@example.com", "紹介", "太郎").await;
        let answers = Answers { agencies: vec!["ag-a".into()], ..Default::default() };
        relay::opt_in::submit(&app.state.db, &app.state.config, Caller::Candidate(&candidate), &answers, "x", now_ms())
            .await
            .unwrap();
        let referral: String =
            sqlx::query_scalar("SELECT id FROM referrals").fetch_one(app.state.db.pool()).await.unwrap();
        let fields = [("id", referral.as_str()), ("status", "placed")];

        let recruiter = as_user(&app, "admin@example.com", Role::Admin).await;
        let me = as_candidate(&app, &candidate).await;
        for (who, browser) in [("stranger", client()), ("admin", recruiter), ("candidate", me)] {
            for endpoint in AGENCY_ENDPOINTS {
                let status = app.call(&browser, &format!("/api/{endpoint}"), &fields).await.status();
                assert_eq!(status, 401, "{}: {who} on {endpoint}", engine.name);
            }
            let resume = app.get(&browser, &format!("/agency/resume/{referral}")).await.status();
            assert_eq!(resume, 401, "{who}");
        }

        let password = "agency password b";
        let user =
            upsert_user(&app.state.db, &Email::parse("b@example.com").unwrap(), "B", password, Role::Agency, now_ms())
                .await
                .unwrap();
        sqlx::query("UPDATE users SET agency_id = 'ag-b' WHERE id = $1")
            .bind(user)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let other = client();
        app.post_form(&other, "/api/agency/sign-in", &[("email", "b@example.com"), ("password", password)]).await;
        let list: serde_json::Value = app.call(&other, "/api/agency/referrals", &[]).await.json().await.unwrap();
        assert_eq!(list["referrals"], serde_json::json!([]), "{}", engine.name);
        assert_eq!(app.call(&other, "/api/agency/referral", &fields).await.status(), 404);
        assert_eq!(app.call(&other, "/api/agency/referral-status", &fields).await.status(), 404);
        assert_eq!(app.get(&other, &format!("/agency/resume/{referral}")).await.status(), 404);
        let status: String = sqlx::query_scalar("SELECT status FROM referrals WHERE id = $1")
            .bind(&referral)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(status, "referred", "{}: nothing changed", engine.name);
    }
}
