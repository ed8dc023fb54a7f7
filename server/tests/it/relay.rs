//! Career relay: rejection mail → referral page → consent + provision record → agency portal → credit ledger.
use crate::common::{
    as_agency, as_candidate, as_user, client, engines, insert_candidate, location, open_job, spawn_app, TestApp,
};
use app::backend::auth::upsert_user;
use app::backend::core::audit::Actor;
use app::backend::relay::{
    self,
    opt_in::{Answers, Caller},
};
use app::backend::{core::tokens, now_ms};
use app::domain::{AppError, Email, Role, TokenPurpose};
use app::i18n::Msg;

const A: &str = "agency-a";
const B: &str = "agency-b";

async fn agencies(app: &TestApp) {
    for (id, name, items, contact) in [
        (A, "エー人材株式会社", "names,email,skills,resume", "a@agency.example.com"),
        (B, "ビー紹介株式会社", "names,phone", "b@agency.example.com"),
    ] {
        sqlx::query(
            "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, created_at, updated_at) \
             VALUES ($1, $2, '東京都千代田区1-1', '代表 一郎', $3, $4, 1, 1)",
        )
        .bind(id)
        .bind(name)
        .bind(contact)
        .bind(items)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    }
}

/// A candidate with skills and a phone number, and an application in screening.
async fn applicant(app: &TestApp, email: &str) -> (String, String) {
    let id = insert_candidate(&app.state.db, email, "田中", "次郎").await;
    sqlx::query("UPDATE candidates SET skills = 'Rust,SQL', phone = '+819011112222' WHERE id = $1")
        .bind(&id)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    let application = format!("app-{id}");
    sqlx::query(
        "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) \
         VALUES ($1, $2, 'job', 'screening', 'website', 1, 1)",
    )
    .bind(&application)
    .bind(&id)
    .execute(app.state.db.pool())
    .await
    .unwrap();
    (id, application)
}

/// Rejects with the mail and returns the personal referral token from it.
async fn reject(app: &TestApp, recruiter: &reqwest::Client, candidate: &str, application: &str) -> String {
    let response = app
        .post_form(
            recruiter,
            "/api/admin/reject",
            &[
                ("candidate_id", candidate),
                ("application_id", application),
                ("reason_id", "reason-company-experience"),
                ("note", "技術面接で設計の経験が不足"),
                ("send_mail", "yes"),
            ],
        )
        .await;
    assert!(location(&response).ends_with("?rejected=1"), "{}", location(&response));
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE candidate_id = $1 AND kind = 'rejection' ORDER BY created_at DESC LIMIT 1",
    )
    .bind(candidate)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    let token = body.split("/relay/").nth(1).expect("the mail carries the referral link");
    token.chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).bind(bind).fetch_one(app.state.db.pool()).await.unwrap()
}

async fn prepared(engine: &crate::common::TestDb) -> (TestApp, reqwest::Client) {
    let app = spawn_app(engine).await;
    agencies(&app).await;
    open_job(&app, "job", "open").await;
    let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
    (app, recruiter)
}

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
async fn ten_referrals_earn_one_credit_and_a_redemption_spends_it() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        agencies(&app).await;
        let admin_id = upsert_user(
            &app.state.db,
            &Email::parse("admin@example.com").unwrap(),
            "管理者",
            "correct horse battery",
            Role::Admin,
            now_ms(),
        )
        .await
        .unwrap();
        let actor = Actor::worker_for(Some(&admin_id));
        let answers = Answers { agencies: vec![A.into()], ..Default::default() };
        let summary = || async {
            relay::ledger::ledger_summaries(&app.state.db)
                .await
                .unwrap()
                .into_iter()
                .find(|l| l.agency_id == A)
                .unwrap()
        };
        let mut people = Vec::new();
        for n in 1..=11 {
            let id = insert_candidate(&app.state.db, &format!("p{n}@example.com"), "候補", &format!("{n}")).await;
            relay::opt_in::submit(
                &app.state.db,
                &app.state.config,
                Caller::Candidate(&id),
                &answers,
                "127.0.0.1",
                now_ms(),
            )
            .await
            .unwrap();
            people.push(id);
            let ledger = summary().await;
            assert_eq!(ledger.referrals, n, "{}", engine.name);
            assert_eq!(ledger.earned, if n < 10 { 0 } else { 1 }, "{}: after {n}", engine.name);
            if n == 9 {
                let refused = relay::ledger::redeem(&app.state.db, A, "採用 #1", "", "", &actor, now_ms()).await;
                assert_eq!(refused, Err(AppError::field("hire_reference", Msg::ErrNoCredits)), "no credit yet");
            }
        }
        // withdrawing and agreeing again is a new provision record, but the same person counts once
        let first = &people[0];
        let withdraw = app::backend::consent::Change {
            candidate_id: first,
            purpose: app::domain::ConsentPurpose::AgencyReferral,
            agency_id: Some(A),
            action: app::domain::ConsentAction::Withdrawn,
            channel: app::domain::ConsentChannel::Portal,
            actor: Actor::candidate(first, "").without_ip(),
            mail_domain: "kizuna.test",
        };
        assert!(app::backend::consent::change(&app.state.db, &withdraw, now_ms()).await.unwrap());
        relay::opt_in::submit(
            &app.state.db,
            &app.state.config,
            Caller::Candidate(first),
            &answers,
            "127.0.0.1",
            now_ms(),
        )
        .await
        .unwrap();
        assert_eq!(count(&app, "SELECT COUNT(*) FROM referrals WHERE agency_id = $1", A).await, 12);
        assert_eq!(summary().await.referrals, 11);

        relay::ledger::redeem(&app.state.db, A, "2027年4月入社 バックエンド", "2026-11-20", "", &actor, now_ms())
            .await
            .unwrap();
        let ledger = summary().await;
        assert_eq!((ledger.earned, ledger.redeemed, ledger.balance()), (1, 1, 0), "{}", engine.name);
        let again = relay::ledger::redeem(&app.state.db, A, "もう一件", "", "", &actor, now_ms()).await;
        assert_eq!(
            again,
            Err(AppError::field("hire_reference", Msg::ErrNoCredits)),
            "the eleventh earns no second credit"
        );
        let future = relay::ledger::redeem(&app.state.db, A, "先日付", "2999-01-01", "", &actor, now_ms()).await;
        assert!(matches!(future, Err(AppError::Validation(_))));
        let history = relay::ledger::history(&app.state.db, A).await.unwrap();
        assert_eq!(history.len(), 13);
        assert_eq!(history.iter().filter(|e| !e.counted).count(), 1, "the repeat referral is shown as not counted");
    }
}

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

#[tokio::test]
async fn templates_refuse_unknown_fields_and_the_ledger_exports_safely() {
    for engine in engines().await {
        let (app, recruiter) = prepared(&engine).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        assert_eq!(app.call(&recruiter, "/api/admin/templates", &[]).await.status(), 403);
        let bad = app
            .post_form(
                &admin,
                "/api/admin/save-template",
                &[
                    ("kind", "rejection"),
                    ("lang", "ja"),
                    ("subject", "結果 {{job_title}}"),
                    ("body", "{{nmae}} 様 {{relay_link}}"),
                ],
            )
            .await;
        let bad = location(&bad);
        assert!(bad.contains("error=ErrUnknownMergeField") && !bad.contains("nmae"), "{bad}");
        let page = app.get(&admin, &bad).await.text().await.unwrap();
        assert!(page.contains("nmae") && page.contains(Msg::ErrUnknownMergeField.text(app::i18n::Lang::Ja)));
        let good = app
            .post_form(
                &admin,
                "/api/admin/save-template",
                &[
                    ("kind", "rejection"),
                    ("lang", "ja"),
                    ("subject", "選考結果：{{job_title}}"),
                    ("body", "{{name}} 様\r\n\r\n残念ながら…\r\n{{relay_link}}"),
                ],
            )
            .await;
        assert!(location(&good).starts_with("/admin/templates?kind=rejection&saved=ja"), "{}", location(&good));
        let (candidate, application) = applicant(&app, "template@example.com").await;
        reject(&app, &recruiter, &candidate, &application).await;
        let (subject, body): (String, String) =
            sqlx::query_as("SELECT subject, body_text FROM mail_outbox WHERE kind = 'rejection'")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(subject, "選考結果：バックエンド");
        assert!(body.starts_with("田中 次郎 様\n\n残念ながら…\nhttp"), "{body}");

        // the ledger as CSV: admins only, formula characters neutralised
        for n in 0..10 {
            let id = insert_candidate(&app.state.db, &format!("c{n}@example.com"), "x", "y").await;
            let answers = Answers { agencies: vec![A.into()], ..Default::default() };
            relay::opt_in::submit(
                &app.state.db,
                &app.state.config,
                Caller::Candidate(&id),
                &answers,
                "127.0.0.1",
                now_ms(),
            )
            .await
            .unwrap();
        }
        let redeemed = app
            .post_form(
                &admin,
                "/api/admin/redeem-credit",
                &[
                    ("agency_id", A),
                    ("hire_reference", "=HYPERLINK(\"http://x\")"),
                    ("redeemed_on", ""),
                    ("note", "@note"),
                ],
            )
            .await;
        assert!(location(&redeemed).contains("redeemed=1"), "{}", location(&redeemed));
        let url = format!("/admin/relay/agencies/{A}/ledger.csv");
        assert_eq!(app.get(&recruiter, &url).await.status(), 403);
        assert_eq!(app.get(&client(), &url).await.status(), 401);
        let csv = app.get(&admin, &url).await.text().await.unwrap();
        assert!(csv.starts_with('\u{feff}'));
        for line in csv.trim_start_matches('\u{feff}').lines() {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{}: unescaped formula in {line}", engine.name);
            }
        }
        assert!(csv.contains("'=HYPERLINK") && csv.contains("'@note") && csv.contains("balance,0"), "{csv}");
    }
}
