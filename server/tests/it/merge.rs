//! Duplicates found and merged, every row of both kept.
use crate::common::{as_user, engines, exec, insert_candidate, location, open_job, spawn_app, TestApp};
use app::domain::Role;
use app::i18n::Msg;

/// Something in every table that can hold rows about a candidate; `shared` names a tag and an event both have.
async fn everything_about(app: &TestApp, id: &str, n: &str) {
    let statements = [
        format!("INSERT INTO tags (id, name, created_at) VALUES ('tag-{n}', 'tag {n}', 1)"),
        format!("INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, 'tag-{n}', 1)"),
        "INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, 'tag-shared', 1)".to_owned(),
        format!("INSERT INTO notes (id, candidate_id, body, created_at) VALUES ('note-{n}', $1, 'note {n}', 1)"),
        format!("INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('app-{n}', $1, 'job', 'interview', 'website', 1, 1)"),
        format!("INSERT INTO stage_transitions (id, application_id, to_stage, at) VALUES ('st-{n}', 'app-{n}', 'applied', 1)"),
        format!("INSERT INTO interviews (id, application_id, starts_at, ends_at, interviewers, created_at, updated_at) VALUES ('iv-{n}', 'app-{n}', 10, 20, '', 1, 1)"),
        format!("INSERT INTO invitations (id, candidate_id, job_id, status, created_at) VALUES ('inv-{n}', $1, 'job', 'sent', 1)"),
        "INSERT INTO event_attendees (event_id, candidate_id, registered_at) VALUES ('event-shared', $1, 1)".to_owned(),
        format!("INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) VALUES ('cr-{n}', $1, 'talent_pool', 'policy-talent_pool-v1', 'granted', 'portal', 'candidate', 1)"),
        "INSERT INTO contact_preferences (candidate_id, topics, updated_at) VALUES ($1, '', 1)".to_owned(),
        format!("INSERT INTO resumes (id, candidate_id, file_name, kind, size, sha256, uploaded_at) VALUES ('res-{n}', $1, 'cv.pdf', 'pdf', 1, 'x', 1)"),
        format!("INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, agency_id, action, channel, actor_kind, at) VALUES ('cra-{n}', $1, 'agency_referral', 'policy-agency_referral-v1', 'agency', 'granted', 'portal', 'candidate', 1)"),
        format!("INSERT INTO referrals (id, candidate_id, agency_id, consent_record_id, items, name_snapshot, provided_at, status, updated_at) VALUES ('ref-{n}', $1, 'agency', 'cra-{n}', 'names', 'x', 1, 'referred', 1)"),
        format!("INSERT INTO mail_outbox (id, message_id, recipient, candidate_id, kind, language, subject, body_text, status, next_attempt_at, created_at) VALUES ('mail-{n}', '<{n}@x>', 'x', $1, 'invitation', 'ja', 's', 'b', 'sent', 1, 1)"),
    ];
    for sql in statements {
        exec(app, &sql, &[id]).await;
    }
}

#[tokio::test]
async fn duplicates_are_found_and_merging_keeps_every_row_of_both() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job", "open").await;
        exec(&app, "INSERT INTO tags (id, name, created_at) VALUES ('tag-shared', '共通', 1)", &[]).await;
        exec(&app, "INSERT INTO events (id, title, starts_at, location, created_at) VALUES ('event-shared', '説明会', 1, 'オンライン', 1)", &[]).await;
        exec(&app, "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, created_at, updated_at) VALUES ('agency', 'a', 'a', 'a', 'a@example.com', 'names', 1, 1)", &[]).await;
        let keep = insert_candidate(&app.state.db, "hanako@example.com", "山田", "花子").await;
        let other = insert_candidate(&app.state.db, "hanako.old@example.com", "山田", "花子").await;
        let stranger = insert_candidate(&app.state.db, "other@example.com", "別人", "です").await;
        exec(&app, "UPDATE candidates SET birth_date = '1990-04-01', skills = 'Rust' WHERE id = $1", &[&keep]).await;
        exec(&app, "UPDATE candidates SET birth_date = '1990-04-01', phone = '+819011112222', skills = 'rust,SQL' WHERE id = $1", &[&other]).await;
        exec(&app, "UPDATE candidates SET phone = '+819011112222' WHERE id = $1", &[&stranger]).await;
        everything_about(&app, &keep, "k").await;
        everything_about(&app, &other, "o").await;

        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let detail: serde_json::Value =
            app.call(&recruiter, "/api/admin/candidate", &[("id", &keep)]).await.json().await.unwrap();
        let found: Vec<(&str, &str)> = detail["duplicates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["id"].as_str().unwrap(), d["reason"].as_str().unwrap()))
            .collect();
        assert_eq!(found, vec![(other.as_str(), "name_birth_date")], "{}", engine.name);
        let by_phone: serde_json::Value =
            app.call(&recruiter, "/api/admin/candidate", &[("id", &stranger)]).await.json().await.unwrap();
        assert_eq!(by_phone["duplicates"][0]["reason"], "phone");

        let count = |table: &'static str, predicate: &'static str, id: String| {
            let app = &app;
            async move {
                let sql = format!("SELECT COUNT(*) FROM {table} WHERE {predicate}");
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_one(app.state.db.pool())
                    .await
                    .unwrap()
            }
        };
        let mut before = Vec::new();
        for (table, predicate) in app::backend::mydata::EXPORT_TABLES {
            before.push((count(table, predicate, keep.clone()).await, count(table, predicate, other.clone()).await));
        }
        let page = app.get(&recruiter, &format!("/admin/candidates/{keep}/merge/{other}")).await.text().await.unwrap();
        assert!(page.contains("hanako.old@example.com") && page.contains(Msg::MergeExplain.text(app::i18n::Lang::Ja)));
        // before confirming: every consent and referral that would move, and a tick of its own for agency consents
        assert!(page.contains(Msg::MergeMovingTitle.text(app::i18n::Lang::Ja)), "{}", engine.name);
        assert!(page.contains(Msg::MergeMovingReferrals.text(app::i18n::Lang::Ja)));
        assert!(
            page.contains("name=\"confirm_agency\"")
                && page.contains(Msg::PurposeAgencyReferral.text(app::i18n::Lang::Ja))
        );
        let unconfirmed = app.post_form(&recruiter, "/api/admin/merge", &[("keep", &keep), ("other", &other)]).await;
        assert!(location(&unconfirmed).contains("error=ErrConfirmMerge"));
        let without_agency_tick = app
            .post_form(&recruiter, "/api/admin/merge", &[("keep", &keep), ("other", &other), ("confirm", "yes")])
            .await;
        assert!(location(&without_agency_tick).contains("fe_confirm_agency=ErrConfirmAgencyMerge"), "{}", engine.name);
        let api =
            app.call(&recruiter, "/api/admin/merge", &[("keep", &keep), ("other", &other), ("confirm", "yes")]).await;
        assert_eq!(api.status(), 422, "the server insists, whatever the form");
        assert_eq!(count("candidates", "id = $1", other.clone()).await, 1, "nothing merged");
        let merged = app
            .post_form(
                &recruiter,
                "/api/admin/merge",
                &[("keep", &keep), ("other", &other), ("confirm", "yes"), ("confirm_agency", "yes")],
            )
            .await;
        assert_eq!(location(&merged), format!("/admin/candidates/{keep}?merged=1"), "{}", engine.name);
        let audited: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT action, subject_id, detail FROM audit_log WHERE action IN ('merged', 'merged_into') ORDER BY action",
        )
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(audited.len(), 2, "{}", engine.name);
        assert_eq!((audited[0].1.as_str(), audited[1].1.as_str()), (keep.as_str(), other.as_str()));
        assert!(audited.iter().all(|(_, _, d)| d.contains(&keep) && d.contains(&other)), "both ids: {audited:?}");

        for ((table, predicate), (k, o)) in app::backend::mydata::EXPORT_TABLES.iter().zip(before) {
            let after = count(table, predicate, keep.clone()).await;
            let expected = match *table {
                "candidates" => 1,
                "audit_log" => continue, // append-only: entries stay where they were written
                "candidate_tags" | "event_attendees" => k + o - 1, // the shared tag and event once
                "contact_preferences" => 1, // the kept record's own
                "merged_identities" => 1, // what the second record was known by
                "notes" => k + o + 1,    // and a note saying what was merged
                _ => k + o,
            };
            assert_eq!(after, expected, "{}: {table}", engine.name);
            assert_eq!(
                count(table, predicate, other.clone()).await,
                0,
                "{}: nothing left on the merged record in {table}",
                engine.name
            );
        }
        let (phone, skills): (String, String) = sqlx::query_as("SELECT phone, skills FROM candidates WHERE id = $1")
            .bind(&keep)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(
            (phone.as_str(), skills.as_str()),
            ("+819011112222", "Rust,SQL"),
            "empty fields filled, skills joined"
        );
        assert_eq!(
            app.call(&recruiter, "/api/admin/merge", &[("keep", &keep), ("other", &keep), ("confirm", "yes")])
                .await
                .status(),
            422
        );
    }
}
