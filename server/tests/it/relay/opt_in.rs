//! The referral page: the rejection mail's link, only the chosen agency sees the agreed items; forged, expired,
//! used and other people's links; the company-wide link.
use super::*;
use crate::common::{as_agency, as_candidate, client, engines, insert_candidate, location};
use app::backend::relay;
use app::backend::{core::tokens, now_ms};
use app::domain::TokenPurpose;
use app::i18n::Msg;

#[tokio::test]
async fn rejection_mail_leads_to_a_referral_that_only_the_chosen_agency_sees() {
    for engine in engines().await {
        let (app, recruiter) = prepared(&engine).await;
        let (candidate, application) = applicant(&app, "jiro@example.com").await;
        let token = reject(&app, &recruiter, &candidate, &application).await;
        let (outcome, note): (String, String) =
            sqlx::query_as("SELECT outcome, decline_note FROM applications WHERE id = $1")
                .bind(&application)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!((outcome.as_str(), note.as_str()), ("rejected", "技術面接で設計の経験が不足"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM stage_transitions WHERE application_id = $1 AND outcome = 'rejected' AND actor_id IS NOT NULL", &application).await, 1);
        // rejecting twice is refused and sends nothing more
        let again = app
            .post_form(
                &recruiter,
                "/api/admin/reject",
                &[
                    ("candidate_id", &candidate),
                    ("application_id", &application),
                    ("reason_id", "reason-company-experience"),
                    ("note", ""),
                    ("send_mail", "yes"),
                ],
            )
            .await;
        assert!(location(&again).contains("error=ErrApplicationClosed"), "{}", location(&again));

        // the page: every agency, its items, nothing ticked
        let browser = client();
        let page = app.get(&browser, &format!("/relay/{token}")).await.text().await.unwrap();
        assert!(page.contains("エー人材株式会社") && page.contains("ビー紹介株式会社"), "{}", engine.name);
        assert!(
            page.contains(Msg::ItemPhone.text(app::i18n::Lang::Ja))
                && page.contains(Msg::RelayNoEffect.text(app::i18n::Lang::Ja))
        );
        assert!(!page.contains("checked"), "nothing is pre-ticked");
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM tokens WHERE subject_id = $1 AND purpose = 'relay' AND used_at IS NULL",
                &candidate
            )
            .await,
            1,
            "opening the page uses nothing up"
        );

        // opting in to A only, and staying in the talent pool, contacted again in six months
        let form = [
            ("token", token.as_str()),
            ("agencies[0]", A),
            ("talent_pool", "yes"),
            ("job_news", "yes"),
            ("contact_after", "6"),
        ];
        let done = app.post_form(&browser, "/api/relay/submit", &form).await;
        assert_eq!(location(&done), "/relay/done?referred=1", "{}", engine.name);
        let (record, channel, version): (String, String, String) = sqlx::query_as(
            "SELECT id, channel, policy_version_id FROM consent_records WHERE candidate_id = $1 AND purpose = 'agency_referral' AND agency_id = $2 AND action = 'granted'",
        )
        .bind(&candidate)
        .bind(A)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!((channel.as_str(), version.as_str()), ("mail_link", "policy-agency_referral-v1"));
        let (rests_on, items, snapshot, recipient): (String, String, String, String) = sqlx::query_as(
            "SELECT consent_record_id, items, name_snapshot, agency_name_snapshot FROM referrals WHERE candidate_id = $1",
        )
        .bind(&candidate)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(rests_on, record, "the provision record names the consent it rests on");
        assert_eq!(
            (items.as_str(), snapshot.as_str(), recipient.as_str()),
            ("names,email,skills,resume", "田中 次郎", "エー人材株式会社")
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM mail_outbox WHERE recipient = $1 AND kind = 'agency_referral'",
                "a@agency.example.com"
            )
            .await,
            1
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM mail_outbox WHERE recipient = $1", "b@agency.example.com").await,
            0
        );
        let notice: String = sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE kind = 'agency_referral'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert!(!notice.contains("田中") && !notice.contains("jiro@"), "the agency's mail names no one");
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM mail_outbox WHERE candidate_id = $1 AND kind = 'relay_confirmation'",
                &candidate
            )
            .await,
            1
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM consent_records WHERE candidate_id = $1 AND purpose IN ('talent_pool', 'job_news')", &candidate).await, 2);
        let pause: Option<i64> =
            sqlx::query_scalar("SELECT pause_until FROM contact_preferences WHERE candidate_id = $1")
                .bind(&candidate)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert!(pause.is_some_and(|p| p > now_ms() + 170 * 86_400_000), "contacted again in six months");

        // the double submit changes nothing: the link is used, and the page says the answer is recorded
        let twice = app.post_form(&browser, "/api/relay/submit", &form).await;
        assert_eq!(location(&twice), "/relay/problem?reason=used", "{}", engine.name);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM referrals WHERE candidate_id = $1", &candidate).await, 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM consent_records WHERE candidate_id = $1", &candidate).await, 3);

        // the link signed no one in; signed in, the candidate sees the provision record
        assert_eq!(app.call(&browser, "/api/portal/my-data", &[]).await.status(), 401);
        let browser = as_candidate(&app, &candidate).await;
        let data: serde_json::Value = app.call(&browser, "/api/portal/my-data", &[]).await.json().await.unwrap();
        assert_eq!(data["provisions"][0]["agency_name"], "エー人材株式会社", "{data}");

        // agency A sees the candidate with only the agreed items; agency B sees nothing
        let agency_a = as_agency(&app, "user@a.example.com", A).await;
        let portal: serde_json::Value = app.call(&agency_a, "/api/agency/referrals", &[]).await.json().await.unwrap();
        let seen = &portal["referrals"][0];
        assert_eq!(seen["name"], "田中 次郎", "{portal}");
        assert_eq!(seen["email"], "jiro@example.com");
        assert_eq!(seen["skills"], serde_json::json!(["Rust", "SQL"]));
        assert!(seen["phone"].is_null() && seen["applications"].is_null(), "items not agreed are not sent: {seen}");
        let agency_b = as_agency(&app, "user@b.example.com", B).await;
        let portal: serde_json::Value = app.call(&agency_b, "/api/agency/referrals", &[]).await.json().await.unwrap();
        assert_eq!(portal["referrals"], serde_json::json!([]));
        let html = app.get(&agency_a, "/agency").await.text().await.unwrap();
        assert!(html.contains("田中 次郎") && !html.contains("+819011112222"));

        // the ledger counts it
        let ledger = relay::ledger::ledger_summaries(&app.state.db).await.unwrap();
        let a = ledger.iter().find(|l| l.agency_id == A).unwrap();
        assert_eq!((a.referrals, a.earned, a.to_next()), (1, 0, 9));
        let overview: serde_json::Value = app.call(&recruiter, "/api/admin/relay", &[]).await.json().await.unwrap();
        assert_eq!(
            (overview["rejection_mails"].as_i64(), overview["opted_in"].as_i64()),
            (Some(1), Some(1)),
            "{overview}"
        );
        assert_eq!(overview["referrals_this_month"], 1);
    }
}

#[tokio::test]
async fn forged_expired_used_and_someone_elses_links_change_nothing() {
    for engine in engines().await {
        let (app, recruiter) = prepared(&engine).await;
        let (owner, application) = applicant(&app, "owner@example.com").await;
        let token = reject(&app, &recruiter, &owner, &application).await;
        let nothing_written = || async {
            count(&app, "SELECT COUNT(*) FROM referrals WHERE candidate_id = $1", &owner).await
                + count(&app, "SELECT COUNT(*) FROM consent_records WHERE candidate_id = $1", &owner).await
        };

        // forged
        let stranger = client();
        let forged = "ab".repeat(32);
        let page = app.get(&stranger, &format!("/relay/{forged}")).await.text().await.unwrap();
        assert!(page.contains(Msg::LinkInvalidTitle.text(app::i18n::Lang::Ja)) && page.contains("href=\"/relay\""));
        let refused = app.post_form(&stranger, "/api/relay/submit", &[("token", &forged), ("agencies[0]", A)]).await;
        assert_eq!(location(&refused), "/relay/problem?reason=invalid");

        // someone else's link, opened while another candidate is signed in
        let other = insert_candidate(&app.state.db, "other@example.com", "他人", "です").await;
        let intruder = as_candidate(&app, &other).await;
        let page = app.get(&intruder, &format!("/relay/{token}")).await.text().await.unwrap();
        assert!(page.contains(Msg::RelayOtherPersonTitle.text(app::i18n::Lang::Ja)), "{}", engine.name);
        let refused = app.post_form(&intruder, "/api/relay/submit", &[("token", &token), ("agencies[0]", A)]).await;
        assert_eq!(location(&refused), "/relay/problem?reason=other");
        assert_eq!(nothing_written().await, 0, "{}", engine.name);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM referrals WHERE candidate_id = $1", &other).await, 0);

        // an agency that is not offered cannot be smuggled in
        sqlx::query("UPDATE agencies SET status = 'inactive' WHERE id = $1")
            .bind(B)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let smuggled = app.post_form(&stranger, "/api/relay/submit", &[("token", &token), ("agencies[0]", B)]).await;
        assert!(location(&smuggled).contains("error=ErrInvalid"), "{}", location(&smuggled));
        assert_eq!(nothing_written().await, 0, "a refused submit writes nothing and leaves the link usable");

        // used: the owner answers, then a stranger with the same link
        let answered = app.post_form(&client(), "/api/relay/submit", &[("token", &token)]).await;
        assert_eq!(location(&answered), "/relay/done?referred=0");
        let used = app.post_form(&stranger, "/api/relay/submit", &[("token", &token), ("agencies[0]", A)]).await;
        assert_eq!(location(&used), "/relay/problem?reason=used");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM referrals WHERE candidate_id = $1", &owner).await, 0);

        // expired
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let old = tokens::issue(&mut conn, TokenPurpose::Relay, &owner, 1, now_ms() - 10).await.unwrap();
        drop(conn);
        let page = app.get(&stranger, &format!("/relay/{old}")).await.text().await.unwrap();
        assert!(page.contains(Msg::LinkExpiredTitle.text(app::i18n::Lang::Ja)));
        let expired = app.post_form(&stranger, "/api/relay/submit", &[("token", &old), ("agencies[0]", A)]).await;
        assert_eq!(location(&expired), "/relay/problem?reason=expired");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM referrals WHERE candidate_id = $1", &owner).await, 0);
    }
}

#[tokio::test]
async fn the_company_wide_link_signs_the_person_in_and_leads_to_the_same_page() {
    for engine in engines().await {
        let (app, _) = prepared(&engine).await;
        let (candidate, _) = applicant(&app, "company-url@example.com").await;
        let browser = client();
        let start = app.get(&browser, "/relay").await;
        assert_eq!(start.status(), 200);
        assert!(start.text().await.unwrap().contains("name=\"email\""));
        let sent = app.post_form(&browser, "/api/relay/request-link", &[("email", "company-url@example.com")]).await;
        assert_eq!(location(&sent), "/portal/sign-in/sent");
        crate::common::run_link_queue(&app).await;
        let body: String =
            sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE candidate_id = $1 AND kind = 'sign_in'")
                .bind(&candidate)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        let link = body.lines().find(|l| l.contains("/portal/sign-in/link/")).unwrap().trim().to_owned();
        assert!(link.ends_with("?next=relay"), "{link}");
        let token = link.split("/link/").nth(1).unwrap().split('?').next().unwrap().to_owned();
        let confirm_page = app.get(&browser, link.trim_start_matches(&app.base)).await.text().await.unwrap();
        assert!(confirm_page.contains("name=\"next\" value=\"relay\""));
        let signed_in =
            app.post_form(&browser, "/api/portal/confirm-link", &[("token", &token), ("next", "relay")]).await;
        assert_eq!(location(&signed_in), "/relay");
        let page = app.get(&browser, "/relay").await.text().await.unwrap();
        assert!(page.contains("エー人材株式会社") && !page.contains("name=\"token\""));
        let done = app.post_form(&browser, "/api/relay/submit", &[("agencies[1]", B)]).await;
        assert_eq!(location(&done), "/relay/done?referred=1", "{}", engine.name);
        let channel: String =
            sqlx::query_scalar("SELECT channel FROM consent_records WHERE candidate_id = $1 AND agency_id = $2")
                .bind(&candidate)
                .bind(B)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(channel, "portal");
        // no open redirect through `next`
        let mut conn = app.state.db.pool().acquire().await.unwrap();
        let token = tokens::issue(&mut conn, TokenPurpose::SignIn, &candidate, 60_000, now_ms()).await.unwrap();
        drop(conn);
        let elsewhere = app
            .post_form(&client(), "/api/portal/confirm-link", &[("token", &token), ("next", "//evil.example")])
            .await;
        assert_eq!(location(&elsewhere), "/portal");
        // a stranger cannot submit without a link
        assert_eq!(app.call(&client(), "/api/relay/submit", &[("agencies[0]", A)]).await.status(), 401);
    }
}
