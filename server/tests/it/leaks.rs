//! The smaller leaks: typed values never in redirect URLs, what the candidate's export and JSON say (and do not
//! say), no token in a log line, the free-text search capped at the server, My data in the candidate's words.
use crate::common::{as_candidate, as_user, client, engines, insert_candidate, location, open_job, spawn_app};
use app::domain::Role;

const MARK_EMAIL: &str = "leak.check@example.com";
const MARK_PHONE: &str = "090-7777-1234";

#[tokio::test]
async fn a_failed_form_never_carries_what_was_typed_in_its_redirect() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job", "open").await;
        let candidate = insert_candidate(&app.state.db, "someone@example.com", "山田", "花子").await;
        let me = as_candidate(&app, &candidate).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let application = format!("app-{candidate}");
        sqlx::query(
            "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) \
             VALUES ($1, $2, 'job', 'screening', 'website', 1, 1)",
        )
        .bind(&application)
        .bind(&candidate)
        .execute(app.state.db.pool())
        .await
        .unwrap();
        // each form, with bad input next to an address and a phone number someone typed
        let bad_email = format!("{MARK_EMAIL}>");
        let profile = [
            ("family_name", ""),
            ("given_name", "花子"),
            ("family_name_kana", ""),
            ("given_name_kana", ""),
            ("phone", MARK_PHONE),
            ("location", MARK_EMAIL),
            ("skills", ""),
            ("desired_roles", ""),
            ("desired_locations", ""),
        ];
        let mut recruiter_profile = profile.to_vec();
        recruiter_profile.push(("candidate_id", candidate.as_str()));
        let stranger = client();
        type Form<'a> = (&'a reqwest::Client, &'a str, Vec<(&'a str, &'a str)>);
        let forms: Vec<Form> = vec![
            (&stranger, "/api/portal/request-link", vec![("email", bad_email.as_str())]),
            (&stranger, "/api/relay/request-link", vec![("email", bad_email.as_str())]),
            (&stranger, "/api/admin/sign-in", vec![("email", MARK_EMAIL), ("password", "wrong password")]),
            (
                &stranger,
                "/api/portal/sign-up",
                vec![("email", bad_email.as_str()), ("family_name", MARK_PHONE), ("given_name", "")],
            ),
            (&me, "/api/portal/save-profile", profile.to_vec()),
            (&admin, "/api/admin/save-profile", recruiter_profile),
            (
                &admin,
                "/api/admin/create-candidate",
                vec![
                    ("email", bad_email.as_str()),
                    ("family_name", "山田"),
                    ("given_name", ""),
                    ("family_name_kana", ""),
                    ("given_name_kana", ""),
                    ("phone", MARK_PHONE),
                    ("birth_date", ""),
                    ("location", ""),
                    ("skills", ""),
                    ("desired_roles", ""),
                    ("source_channel", "sourcing"),
                    ("tags", ""),
                ],
            ),
            (
                &admin,
                "/api/admin/invite-user",
                vec![("email", bad_email.as_str()), ("display_name", MARK_PHONE), ("role", "x")],
            ),
            (&admin, "/api/admin/candidate-note", vec![("candidate_id", candidate.as_str()), ("body", "")]),
            (
                &admin,
                "/api/admin/reject",
                vec![
                    ("candidate_id", candidate.as_str()),
                    ("application_id", application.as_str()),
                    ("reason_id", "no-such-reason"),
                    ("note", MARK_PHONE),
                ],
            ),
        ];
        for (browser, path, fields) in forms {
            let response = app.post_form(browser, path, &fields).await;
            let url = location(&response);
            assert!(url.contains("error="), "{}: {path} refused: {url}", engine.name);
            for typed in [MARK_EMAIL, "leak.check", MARK_PHONE, "7777"] {
                assert!(!url.contains(typed), "{}: {path} sent {typed} back in its URL: {url}", engine.name);
            }
            // what was typed waits for the page, server-side, for that browser only: another browser opening the
            // same URL first gets nothing, and takes nothing away
            let other = app.get(&client(), &url).await.text().await.unwrap();
            assert!(!other.contains("leak.check") && !other.contains("7777"), "{}: {path}", engine.name);
            let page = app.get(browser, &url).await.text().await.unwrap();
            assert!(
                page.contains("leak.check") || page.contains("7777") || path.contains("note"),
                "{}: {path}",
                engine.name
            );
            let again = app.get(browser, &url).await.text().await.unwrap();
            assert!(!again.contains("leak.check") && !again.contains("7777"), "{}: {path}: once", engine.name);
        }
    }
}

/// Whether a text holds a token: a run of 64 hexadecimal digits.
fn holds_token(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_hexdigit()).any(|run| run.len() >= 64)
}

#[tokio::test]
async fn the_candidates_own_data_says_what_was_done_when_and_nothing_internal() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job", "open").await;
        let candidate = insert_candidate(&app.state.db, "own@example.com", "山田", "花子").await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        sqlx::query(
            "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) \
             VALUES ('app1', $1, 'job', 'screening', 'website', 1, 1)",
        )
        .bind(&candidate)
        .execute(app.state.db.pool())
        .await
        .unwrap();
        // staff look at and act on the person, from their own address
        let staff_ip = "198.51.100.77";
        let seen = recruiter
            .post(format!("{}/api/admin/candidate", app.base))
            .header("x-forwarded-for", staff_ip)
            .form(&[("id", candidate.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(seen.status(), 200);
        let back = format!("/admin/candidates/{candidate}");
        let moved = [("application_id", "app1"), ("stage", "interview"), ("back", back.as_str())];
        assert!(location(&app.post_form(&recruiter, "/api/admin/move-stage", &moved).await).contains("moved="));
        let me = as_candidate(&app, &candidate).await;

        let export = app.get(&me, "/api/portal/export.json").await.text().await.unwrap();
        let json: serde_json::Value = serde_json::from_str(&export).unwrap();
        let activity = json["tables"]["audit_log"].as_array().unwrap();
        assert!(!activity.is_empty() && activity.iter().all(|e| e["action"].is_string() && e["at"].is_number()));
        for entry in activity {
            assert!(entry.get("ip").is_none() && entry.get("actor_id").is_none(), "{}: {entry}", engine.name);
        }
        assert!(!export.contains(staff_ip) && !export.contains("127.0.0.1"), "{}: no staff addresses", engine.name);
        // nor the selection's internal assessment
        for internal in [
            "decline_note",
            "decline_reason_id",
            "\"outcome\"",
            "interviewers",
            "\"result\"",
            "\"reason_id\"",
            "reached_rank",
            "stage_rank",
            "last_rejected_at",
        ] {
            assert!(!export.contains(internal), "{}: {internal} in the export", engine.name);
        }
        for internal in ["\"screening\"", "\"applied\"", "\"stage\"", "from_stage", "to_stage"] {
            assert!(!export.contains(internal), "{}: {internal} in the export", engine.name);
        }
        assert_eq!(json["tables"]["applications"][0]["status"], "interview", "{}", engine.name);
        assert!(!holds_token(&export), "{}", engine.name);
        let home = app.call(&me, "/api/portal/home", &[]).await.text().await.unwrap();
        assert!(!home.contains("screening") && !home.contains("\"stage\"") && home.contains("\"interview\""), "{home}");

        // My data names what is held in the candidate's words
        let page = app.get(&me, "/portal/data").await.text().await.unwrap();
        for words in ["応募", "選考の履歴", "送信したメール", "あなたのデータに対する操作の記録"]
        {
            assert!(page.contains(words), "{}: {words}", engine.name);
        }
        for table in ["mail_outbox", "stage_transitions", "audit_log", "candidate_tags"] {
            assert!(!page.contains(table), "{}: {table} on the page", engine.name);
        }
        // and says what the download leaves out, and on what ground
        assert!(page.contains("個人情報保護法第33条第2項"), "{}: the withheld kinds are named", engine.name);
    }
}

#[tokio::test]
async fn the_free_text_search_is_capped_at_the_server() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let long_skill = "k".repeat(app::domain::MAX_QUERY_CHARS);
        let candidate = insert_candidate(&app.state.db, "capped@example.com", "検索", "太郎").await;
        sqlx::query("UPDATE candidates SET skills = $1 WHERE id = $2")
            .bind(&long_skill)
            .bind(&candidate)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        // a client sends the filter itself, with a search far longer than any form allows: only its first
        // characters are searched for
        let huge = format!("{long_skill}{}", "z".repeat(40_000));
        let response = app.call(&viewer, "/api/admin/candidates", &[("filter[q]", huge.as_str())]).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, 200, "{}: {}", engine.name, &text[..text.len().min(300)]);
        assert!(text.contains("capped@example.com"), "{}: the search was cut to its first characters", engine.name);
    }
}
