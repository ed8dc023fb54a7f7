//! Signing up in the portal: the same answer for every address, the address confirmed by mail, only the consents
//! ticked, and an erased person who comes back themselves lifts their fingerprint.
use crate::common::{as_candidate, client, engines, insert_candidate, location, run_link_queue, spawn_app, TestApp};

async fn mail_to(app: &TestApp, to: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT kind, body_text FROM mail_outbox WHERE recipient = $1 ORDER BY created_at")
        .bind(to)
        .fetch_all(app.state.db.pool())
        .await
        .unwrap()
}

fn form<'a>(email: &'a str, given: &'a str) -> Vec<(&'a str, &'a str)> {
    // whoever types an address in chooses no consent for its holder (a field like this is ignored)
    vec![("email", email), ("family_name", "新井"), ("given_name", given), ("talent_pool", "yes"), ("job_news", "yes")]
}

#[tokio::test]
async fn a_person_signs_up_with_a_confirmed_address_and_only_the_consents_they_ticked() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        insert_candidate(&app.state.db, "known@example.com", "既存", "太郎").await;
        let page = app.get(&client(), "/portal/sign-up").await.text().await.unwrap();
        assert!(page.contains("name=\"given_name\"") && !page.contains("name=\"talent_pool\""), "{}", engine.name);

        // bad input: named, nothing queued, nothing typed in the URL
        let bad = app.post_form(&client(), "/api/portal/sign-up", &form("new@", "")).await;
        assert!(location(&bad).contains("fe_email=ErrEmailInvalid") && location(&bad).contains("fe_given_name="));
        assert!(!location(&bad).contains("new@"));
        let queued: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM link_requests").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(queued, 0);

        // known and unknown addresses: the same answer; the known one gets a sign-in link
        let new = app.post_form(&client(), "/api/portal/sign-up", &form(" New.Person@Example.com ", "花")).await;
        let known = app.post_form(&client(), "/api/portal/sign-up", &form("known@example.com", "花")).await;
        assert_eq!((location(&new), location(&known)), ("/portal/sign-up/sent".into(), "/portal/sign-up/sent".into()));
        run_link_queue(&app).await;
        assert_eq!(mail_to(&app, "known@example.com").await[0].0, "sign_in", "{}", engine.name);
        let mails = mail_to(&app, "new.person@example.com").await;
        assert_eq!(mails.len(), 1, "{}", engine.name);
        let (kind, body) = &mails[0];
        assert_eq!(kind, "sign_up");
        let link = body.lines().find(|l| l.contains("/portal/sign-up/confirm/")).unwrap().trim();
        let path = link.strip_prefix(&app.base).unwrap().to_owned();
        let token = path.rsplit('/').next().unwrap().to_owned();
        let no_one: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM candidates WHERE email = 'new.person@example.com'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(no_one, 0, "nobody is registered before the address is confirmed");

        // opening the link registers nothing; it shows the name and asks each purpose, unticked; the POST registers
        // with what was ticked there, and signs the person in
        let browser = client();
        for _ in 0..2 {
            let page = app.get(&browser, &path).await.text().await.unwrap();
            assert!(page.contains("name=\"token\"") && page.contains("新井 花"), "{}", engine.name);
            assert!(page.contains("name=\"talent_pool\"") && page.contains("name=\"job_news\""));
            assert!(!page.contains("checked"), "{}: nothing pre-ticked", engine.name);
        }
        let confirm = [("token", token.as_str()), ("talent_pool", "yes")];
        let done = app.post_form(&browser, "/api/portal/confirm-sign-up", &confirm).await;
        assert_eq!(location(&done), "/portal/profile", "{}", engine.name);
        assert_eq!(app.get(&browser, "/portal/profile").await.status(), 200);
        let (id, family, source): (String, String, String) = sqlx::query_as(
            "SELECT id, family_name, source_channel FROM candidates WHERE email = 'new.person@example.com'",
        )
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!((family.as_str(), source.as_str()), ("新井", "website"));
        let consents: Vec<(String, String, String)> =
            sqlx::query_as("SELECT purpose, action, channel FROM consent_records WHERE candidate_id = $1")
                .bind(&id)
                .fetch_all(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(consents, [("talent_pool".into(), "granted".into(), "portal".into())], "{}", engine.name);
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM signups").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(left, 0, "the waiting form is gone");
        let again = app.post_form(&client(), "/api/portal/confirm-sign-up", &[("token", &token)]).await;
        assert_eq!(location(&again), "/portal/sign-in/problem?reason=used");
    }
}

#[tokio::test]
async fn an_erased_person_who_signs_up_again_lifts_their_fingerprint() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let me = insert_candidate(&app.state.db, "back@example.com", "戻る", "人").await;
        crate::common::give_phone(&app.state.db, &me, "+819055556666").await;
        let browser = as_candidate(&app, &me).await;
        app.post_form(&browser, "/api/portal/erase", &[("confirm", "yes")]).await;
        let prints = || async {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM suppressions").fetch_one(app.state.db.pool()).await.unwrap();
            n
        };
        assert_eq!(prints().await, 2, "{}", engine.name);
        // someone else typing the address in does not lift it: only the confirmed address does
        app.post_form(&client(), "/api/portal/sign-up", &form("back@example.com", "人")).await;
        run_link_queue(&app).await;
        assert_eq!(prints().await, 2, "{}: not before the address is confirmed", engine.name);
        let body = mail_to(&app, "back@example.com").await.pop().unwrap().1;
        let token = body.split("/portal/sign-up/confirm/").nth(1).unwrap();
        let token: String = token.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        let returned = client();
        app.post_form(&returned, "/api/portal/confirm-sign-up", &[("token", &token)]).await;
        assert_eq!(
            prints().await,
            0,
            "{}: the erasure's fingerprints are lifted, the phone's with the address's",
            engine.name
        );

        // another erased person's phone, typed into someone else's own profile, lifts nothing
        let other = insert_candidate(&app.state.db, "gone@example.com", "消えた", "人").await;
        crate::common::give_phone(&app.state.db, &other, "+819055556666").await;
        let gone = as_candidate(&app, &other).await;
        app.post_form(&gone, "/api/portal/erase", &[("confirm", "yes")]).await;
        assert_eq!(prints().await, 2, "{}", engine.name);
        let profile = [
            ("family_name", "戻る"),
            ("given_name", "人"),
            ("family_name_kana", ""),
            ("given_name_kana", ""),
            ("phone", "090-5555-6666"),
            ("location", ""),
            ("skills", ""),
            ("desired_roles", ""),
            ("desired_locations", ""),
        ];
        let saved = app.post_form(&returned, "/api/portal/save-profile", &profile).await;
        assert_eq!(location(&saved), "/portal/profile?saved=1", "{}", engine.name);
        assert_eq!(prints().await, 2, "{}: only the person, confirming their address, lifts theirs", engine.name);
    }
}
