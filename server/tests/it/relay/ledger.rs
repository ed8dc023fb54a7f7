//! The credit ledger: ten referrals earn a credit, a redemption spends it, the CSV export is safe.
use super::*;
use crate::common::{as_user, client, engines, insert_candidate, location, spawn_app};
use app::backend::auth::upsert_user;
use app::backend::core::audit::Actor;
use app::backend::now_ms;
use app::backend::relay::{
    self,
    opt_in::{Answers, Caller},
};
use app::domain::{AppError, Email, Role};
use app::i18n::Msg;

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
