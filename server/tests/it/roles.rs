//! Every admin server function against every kind of caller: allowed or refused as the role says. The table is
//! checked against the source, so a new function cannot be left out.
use crate::common::{as_candidate, as_user, client, engines, insert_candidate, server_function_endpoints, spawn_app};
use app::domain::Role;

/// (endpoint, the least role that may call it); None = anyone (the sign-in form).
const ADMIN_ENDPOINTS: &[(&str, Option<Role>)] = &[
    ("admin/sign-in", None),
    ("admin/set-password", None),
    ("admin/dashboard", Some(Role::Viewer)),
    ("admin/analytics/funnel", Some(Role::Viewer)),
    ("admin/candidates", Some(Role::Viewer)),
    ("admin/candidate", Some(Role::Viewer)),
    ("admin/jobs", Some(Role::Viewer)),
    ("admin/segments", Some(Role::Viewer)),
    ("admin/segment", Some(Role::Viewer)),
    ("admin/create-segment", Some(Role::Recruiter)),
    ("admin/save-segment", Some(Role::Recruiter)),
    ("admin/delete-segment", Some(Role::Recruiter)),
    ("admin/automations", Some(Role::Viewer)),
    ("admin/switch-automation", Some(Role::Admin)),
    ("admin/save-automation", Some(Role::Admin)),
    ("admin/campaigns", Some(Role::Viewer)),
    ("admin/campaign", Some(Role::Viewer)),
    ("admin/create-campaign", Some(Role::Recruiter)),
    ("admin/save-campaign", Some(Role::Recruiter)),
    ("admin/save-campaign-step", Some(Role::Recruiter)),
    ("admin/add-campaign-step", Some(Role::Recruiter)),
    ("admin/remove-campaign-step", Some(Role::Recruiter)),
    ("admin/preview-campaign", Some(Role::Recruiter)),
    ("admin/test-campaign", Some(Role::Recruiter)),
    ("admin/schedule-campaign", Some(Role::Recruiter)),
    ("admin/cancel-campaign", Some(Role::Recruiter)),
    ("admin/delete-campaign", Some(Role::Recruiter)),
    ("admin/job", Some(Role::Viewer)),
    ("admin/relay", Some(Role::Viewer)),
    ("admin/candidates-bulk", Some(Role::Recruiter)),
    ("admin/candidate-tag", Some(Role::Recruiter)),
    ("admin/candidate-note", Some(Role::Recruiter)),
    ("admin/save-profile", Some(Role::Recruiter)),
    ("admin/move-stage", Some(Role::Recruiter)),
    ("admin/withdraw-application", Some(Role::Recruiter)),
    ("admin/save-job", Some(Role::Recruiter)),
    ("admin/schedule-interview", Some(Role::Recruiter)),
    ("admin/merge", Some(Role::Recruiter)),
    ("admin/new-candidate-matches", Some(Role::Recruiter)),
    ("admin/create-candidate", Some(Role::Recruiter)),
    ("admin/import-preview", Some(Role::Recruiter)),
    ("admin/run-import", Some(Role::Recruiter)),
    ("admin/retry-import", Some(Role::Recruiter)),
    ("admin/save-view", Some(Role::Viewer)),
    ("admin/delete-view", Some(Role::Viewer)),
    ("admin/events", Some(Role::Viewer)),
    ("admin/event", Some(Role::Viewer)),
    ("admin/create-event", Some(Role::Recruiter)),
    ("admin/event-action", Some(Role::Recruiter)),
    ("admin/interview-result", Some(Role::Recruiter)),
    ("admin/reject", Some(Role::Recruiter)),
    ("admin/invite", Some(Role::Recruiter)),
    ("admin/agency", Some(Role::Admin)),
    ("admin/save-agency", Some(Role::Admin)),
    ("admin/invite-agency-user", Some(Role::Admin)),
    ("admin/remove-agency-user", Some(Role::Admin)),
    ("admin/redeem-credit", Some(Role::Admin)),
    ("admin/templates", Some(Role::Admin)),
    ("admin/preview-template", Some(Role::Admin)),
    ("admin/save-template", Some(Role::Admin)),
    ("admin/policies", Some(Role::Admin)),
    ("admin/publish-policy", Some(Role::Admin)),
    ("admin/mailbox", Some(Role::Admin)),
    ("admin/audit", Some(Role::Admin)),
    ("admin/users", Some(Role::Admin)),
    ("admin/reasons", Some(Role::Admin)),
    ("admin/save-reason", Some(Role::Admin)),
    ("admin/invite-user", Some(Role::Admin)),
    ("admin/update-user", Some(Role::Admin)),
];

#[test]
fn the_table_names_every_admin_function() {
    for endpoint in server_function_endpoints(&["admin/"]) {
        assert!(ADMIN_ENDPOINTS.iter().any(|(e, _)| *e == endpoint), "{endpoint} is missing from the role table");
    }
}

/// Fields enough for any of them to get past argument parsing (unknown fields are ignored).
const FIELDS: &[(&str, &str)] = &[
    ("id", "x"),
    ("candidate_id", "x"),
    ("application_id", "x"),
    ("agency_id", "x"),
    ("user_id", "x"),
    ("reason_id", "x"),
    ("job_id", "x"),
    ("stage", "offer"),
    ("action", "tag"),
    ("tag", "x"),
    ("note", ""),
    ("body", "x"),
    ("back", "/admin/candidates"),
    ("email", "nobody@example.com"),
    ("password", "wrong password"),
    ("display_name", "x"),
    ("name", ""),
    ("address", ""),
    ("representative", ""),
    ("contact_email", ""),
    ("referrals_per_credit", ""),
    ("hire_reference", ""),
    ("redeemed_on", ""),
    ("kind", "rejection"),
    ("lang", "ja"),
    ("subject", ""),
    ("query", ""),
    ("purpose", "job_news"),
    ("text_ja", ""),
    ("text_en", ""),
    ("family_name", ""),
    ("given_name", ""),
    ("family_name_kana", ""),
    ("given_name_kana", ""),
    ("phone", ""),
    ("location", ""),
    ("skills", ""),
    ("desired_roles", ""),
    ("desired_locations", ""),
    ("filter[q]", ""),
    ("job[title_ja]", ""),
    ("date", ""),
    ("time", ""),
    ("minutes", ""),
    ("meeting_url", ""),
    ("interviewers", ""),
    ("result", ""),
    ("interview_id", ""),
    ("keep", "x"),
    ("event_id", "x"),
    ("title", ""),
    ("other", "y"),
    ("birth_date", ""),
    ("source_channel", "sourcing"),
    ("tags", ""),
    ("role", "viewer"),
    ("token", "x"),
    ("name_ja", ""),
    ("name_en", ""),
    ("position", "0"),
    ("on", "0"),
];

#[tokio::test]
async fn each_role_is_allowed_or_refused_as_the_table_says() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = insert_candidate(&app.state.db, "someone@example.com", "誰か", "です").await;
        let callers = [
            ("stranger", client(), None),
            ("candidate", as_candidate(&app, &candidate).await, None),
            ("viewer", as_user(&app, "viewer@example.com", Role::Viewer).await, Some(Role::Viewer)),
            ("recruiter", as_user(&app, "recruiter@example.com", Role::Recruiter).await, Some(Role::Recruiter)),
            ("admin", as_user(&app, "admin@example.com", Role::Admin).await, Some(Role::Admin)),
        ];
        for (endpoint, needed) in ADMIN_ENDPOINTS {
            for (who, browser, role) in &callers {
                let status = app.call(browser, &format!("/api/{endpoint}"), FIELDS).await.status().as_u16();
                let expected_refusal = match (needed, role) {
                    (None, _) => None,
                    (Some(_), None) => Some(401),
                    (Some(needed), Some(role)) if !role.includes(*needed) => Some(403),
                    _ => None,
                };
                match expected_refusal {
                    Some(code) => assert_eq!(status, code, "{}: {who} on {endpoint}", engine.name),
                    None => assert!(
                        status != 401 && status != 403,
                        "{}: {who} on {endpoint} was refused ({status})",
                        engine.name
                    ),
                }
            }
        }
        // arguments a function cannot read are the caller's mistake, not a server error
        let unreadable = app.call(&callers[4].1, "/api/admin/save-job", &[("id", "x")]).await;
        assert_eq!(unreadable.status(), 422, "{}", engine.name);
        // the admin-only downloads too
        let downloads = [
            ("/admin/audit.csv", Role::Admin),
            ("/admin/candidates.csv", Role::Recruiter),
            ("/admin/analytics/funnel.csv", Role::Viewer),
        ];
        for (path, needed) in downloads {
            for (who, browser, role) in &callers {
                let status = app.get(browser, path).await.status().as_u16();
                let expected = match role {
                    None => 401,
                    Some(role) if !role.includes(needed) => 403,
                    Some(_) => 200,
                };
                assert_eq!(status, expected, "{}: {who} on {path}", engine.name);
            }
        }
    }
}
