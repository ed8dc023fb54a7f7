//! The recruiter's candidate list: filters, keyset pages, tags, notes, actions on a selection, CSV export.
use crate::common::{
    as_candidate, as_user, client, engines, insert_candidate, location, open_job, spawn_app, upload_csv, TestApp,
};
use app::backend::candidate_list;
use app::domain::{CandidateFilter, ListSort, Role};
use app::i18n::Msg;
use std::collections::HashSet;

async fn exec(app: &TestApp, sql: &str, binds: &[&str]) {
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
    for bind in binds {
        query = query.bind(*bind);
    }
    query.execute(app.state.db.pool()).await.unwrap();
}

async fn names(app: &TestApp, filter: &CandidateFilter) -> Vec<String> {
    let (rows, _) = candidate_list::list(&app.state.db, filter, None, 100).await.unwrap();
    let mut names: Vec<String> = rows.into_iter().map(|r| r.name).collect();
    names.sort();
    names
}

/// Uploads a CSV file as the import form posts it (multipart, from a browser page); `fields` are the other form
/// fields. Returns where the server sends the browser.
fn filter(pairs: &[(&str, &str)]) -> CandidateFilter {
    CandidateFilter::from_pairs(pairs.iter().copied())
}

#[tokio::test]
async fn every_filter_finds_exactly_its_candidates() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job-a", "open").await;
        open_job(&app, "job-b", "open").await;
        let yamada = insert_candidate(&app.state.db, "hanako@example.com", "山田", "花子").await;
        let suzuki = insert_candidate(&app.state.db, "ichiro@example.com", "鈴木", "一郎").await;
        let wilson = insert_candidate(&app.state.db, "emma@example.com", "Wilson", "Emma").await;
        exec(&app, "UPDATE candidates SET family_name_kana = 'ヤマダ', given_name_kana = 'ハナコ', skills = 'Rust,PostgreSQL', created_at = 1767225600000 WHERE id = $1", &[&yamada]).await;
        exec(&app, "UPDATE candidates SET source_channel = 'job_board', skills = 'Figma', last_contact_at = 1767225600000, created_at = 1772323200000 WHERE id = $1", &[&suzuki]).await;
        exec(
            &app,
            "UPDATE candidates SET source_channel = 'info_session', created_at = 1775001600000 WHERE id = $1",
            &[&wilson],
        )
        .await;
        exec(&app, "INSERT INTO tags (id, name, created_at) VALUES ('t-follow', '要フォロー', 1)", &[]).await;
        exec(
            &app,
            "INSERT INTO candidate_tags (candidate_id, tag_id, created_at) VALUES ($1, 't-follow', 1)",
            &[&suzuki],
        )
        .await;
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, outcome, source_channel, created_at, updated_at) VALUES ('a1', $1, 'job-a', 'interview', NULL, 'website', 1, 1)", &[&yamada]).await;
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, outcome, source_channel, created_at, updated_at) VALUES ('a2', $1, 'job-b', 'screening', 'rejected', 'website', 1, 1)", &[&suzuki]).await;
        exec(&app, "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) VALUES ('c1', $1, 'talent_pool', 'policy-talent_pool-v1', 'granted', 'portal', 'candidate', 1)", &[&wilson]).await;
        exec(&app, "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) VALUES ('c2', $1, 'talent_pool', 'policy-talent_pool-v1', 'granted', 'portal', 'candidate', 1)", &[&yamada]).await;
        exec(&app, "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) VALUES ('c3', $1, 'talent_pool', 'policy-talent_pool-v1', 'withdrawn', 'portal', 'candidate', 2)", &[&yamada]).await;
        exec(&app, "INSERT INTO candidates (id, email, family_name, given_name, source_channel, status, created_at, updated_at) VALUES ('gone', 'erased-gone@erased.invalid', '', '', 'website', 'erased', 1, 1)", &[]).await;

        let all = ["Wilson Emma", "山田 花子", "鈴木 一郎"];
        type Case<'a> = (Vec<(&'a str, &'a str)>, Vec<&'a str>);
        let cases: Vec<Case> = vec![
            (vec![], all.to_vec()),
            (vec![("q", "山田")], vec!["山田 花子"]),
            (vec![("q", "やまだ")], vec!["山田 花子"]),
            (vec![("q", "ﾔﾏﾀﾞ ﾊﾅｺ")], vec!["山田 花子"]),
            (vec![("q", "EMMA@")], vec!["Wilson Emma"]),
            (vec![("q", "emma wilson")], vec!["Wilson Emma"]),
            (vec![("q", "postgres")], vec!["山田 花子"]),
            (vec![("q", "100%")], vec![]),
            (vec![("tag", "t-follow")], vec!["鈴木 一郎"]),
            (vec![("source", "job_board")], vec!["鈴木 一郎"]),
            (vec![("job", "job-a")], vec!["山田 花子"]),
            (vec![("stage", "screening")], vec!["鈴木 一郎"]),
            (vec![("outcome", "rejected")], vec!["鈴木 一郎"]),
            (vec![("job", "job-a"), ("outcome", "rejected")], vec![]),
            (vec![("consent", "talent_pool")], vec!["Wilson Emma"]),
            (vec![("consent", "none")], vec!["山田 花子", "鈴木 一郎"]),
            (vec![("no_contact_since", "2026-01-01")], vec!["Wilson Emma", "山田 花子"]),
            (vec![("created_from", "2026-03-01")], vec!["Wilson Emma", "鈴木 一郎"]),
            (vec![("created_to", "2026-03-01")], vec!["山田 花子", "鈴木 一郎"]),
            (vec![("created_from", "2026-03-01"), ("created_to", "2026-03-01")], vec!["鈴木 一郎"]),
        ];
        for (pairs, expected) in cases {
            let found = names(&app, &filter(&pairs)).await;
            assert_eq!(found, expected, "{}: {pairs:?}", engine.name);
        }
    }
}

#[tokio::test]
async fn keyset_pages_cover_every_candidate_once_in_every_order() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        for n in 0..23 {
            let id = insert_candidate(&app.state.db, &format!("p{n}@example.com"), "候補", &format!("{n:02}")).await;
            // some share a creation time, so the id must break ties
            let sql =
                format!("UPDATE candidates SET created_at = {}, family_name_kana = 'コウホ' WHERE id = $1", n / 3);
            exec(&app, &sql, &[&id]).await;
        }
        for sort in ListSort::ALL {
            let filter = CandidateFilter { sort: Some(*sort), ..Default::default() };
            let mut seen = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let (page, next) = candidate_list::list(&app.state.db, &filter, after.as_deref(), 5).await.unwrap();
                assert!(page.len() <= 5);
                seen.extend(page.into_iter().map(|r| (r.created_at, r.name)));
                match next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            assert_eq!(seen.len(), 23, "{}: {sort:?}", engine.name);
            assert_eq!(seen.iter().map(|s| &s.1).collect::<HashSet<_>>().len(), 23, "no row twice");
            let times: Vec<i64> = seen.iter().map(|s| s.0).collect();
            match sort {
                ListSort::Newest => assert!(times.windows(2).all(|w| w[0] >= w[1])),
                ListSort::Oldest => assert!(times.windows(2).all(|w| w[0] <= w[1])),
                ListSort::Name => assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1), "{seen:?}"),
            }
        }
    }
}

#[tokio::test]
async fn the_list_page_tags_invites_and_exports_a_selection_as_roles_allow() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job", "open").await;
        let first = insert_candidate(&app.state.db, "first@example.com", "=HYPERLINK(\"x\")", "太郎").await;
        let second = insert_candidate(&app.state.db, "second@example.com", "二番", "花子").await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;

        let page = app.get(&viewer, "/admin/candidates?q=%E4%BA%8C%E7%95%AA").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("二番 花子") && !html.contains("first@example.com"), "{}", engine.name);
        assert_eq!(app.get(&client(), "/admin/candidates").await.status(), 303, "strangers go to sign in");

        let ticked = [
            ("ids[0]", first.as_str()),
            ("ids[3]", second.as_str()),
            ("tag", " 要フォロー "),
            ("back", "/admin/candidates?q=x"),
        ];
        let refused =
            app.call(&viewer, "/api/admin/candidates-bulk", &[ticked.as_slice(), &[("action", "tag")]].concat()).await;
        assert_eq!(refused.status(), 403, "viewers read only");
        let tagged = app
            .post_form(&recruiter, "/api/admin/candidates-bulk", &[ticked.as_slice(), &[("action", "tag")]].concat())
            .await;
        assert_eq!(location(&tagged), "/admin/candidates?q=x&done=tag&count=2&refused=0", "{}", engine.name);
        let again = app
            .post_form(&recruiter, "/api/admin/candidates-bulk", &[ticked.as_slice(), &[("action", "tag")]].concat())
            .await;
        assert!(location(&again).contains("count=0"), "tagging twice changes nothing");
        let tag_id: String = sqlx::query_scalar("SELECT id FROM tags WHERE name = '要フォロー'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(names(&app, &filter(&[("tag", &tag_id)])).await.len(), 2);
        let none = app
            .post_form(
                &recruiter,
                "/api/admin/candidates-bulk",
                &[("tag", "x"), ("action", "tag"), ("back", "/admin/candidates")],
            )
            .await;
        assert!(location(&none).contains("error=ErrChooseCandidates"), "{}", location(&none));
        let outside = app
            .post_form(
                &recruiter,
                "/api/admin/candidates-bulk",
                &[("ids[0]", second.as_str()), ("tag", "x"), ("action", "untag"), ("back", "https://evil.example/")],
            )
            .await;
        assert!(
            location(&outside).starts_with("/admin/candidates?"),
            "never redirected elsewhere: {}",
            location(&outside)
        );

        // inviting a selection: only those who agreed to job news are invited, the rest counted as refused
        let me = as_candidate(&app, &second).await;
        app.post_form(&me, "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await;
        let invited = app
            .post_form(
                &recruiter,
                "/api/admin/candidates-bulk",
                &[ticked.as_slice(), &[("action", "invite"), ("job_id", "job")]].concat(),
            )
            .await;
        assert!(location(&invited).ends_with("done=invite&count=1&refused=1"), "{}", location(&invited));

        // export: recruiters only, formula characters neutralised, audited
        assert_eq!(app.get(&viewer, "/admin/candidates.csv").await.status(), 403);
        let csv =
            app.get(&recruiter, &format!("/admin/candidates.csv?tag={tag_id}&sort=name")).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\") 太郎\"") && csv.contains("要フォロー"), "{csv}");
        let chosen = app
            .post_form(&recruiter, "/admin/candidates/export", &[("ids[1]", second.as_str())])
            .await
            .text()
            .await
            .unwrap();
        assert!(chosen.contains("second@example.com") && !chosen.contains("first@example.com"), "{chosen}");
        let exported: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'exported'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(exported, 2);
    }
}

#[tokio::test]
async fn saved_views_keep_a_list_view_for_their_owner_only() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let sato = insert_candidate(&app.state.db, "sato@example.com", "佐藤", "健").await;
        insert_candidate(&app.state.db, "ito@example.com", "伊藤", "花").await;
        exec(&app, "UPDATE candidates SET source_channel = 'job_board' WHERE id = $1", &[&sato]).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let other = as_user(&app, "other@example.com", Role::Recruiter).await;

        // the query is read as filters and kept in canonical form: what is not a filter is dropped
        let query = "source=job_board&q=%E4%BD%90%E8%97%A4&after=zzz&evil=%3Cscript%3E";
        let saved =
            app.post_form(&viewer, "/api/admin/save-view", &[("name", " 求人サイト　佐藤 "), ("query", query)]).await;
        assert_eq!(location(&saved), "/admin/candidates?q=%E4%BD%90%E8%97%A4&source=job_board&view_saved=1");
        let page = app.get(&viewer, "/admin/candidates").await.text().await.unwrap();
        assert!(
            page.contains("求人サイト 佐藤")
                && page.contains("href=\"/admin/candidates?q=%E4%BD%90%E8%97%A4&amp;source=job_board\""),
            "the view is listed as a link"
        );
        // following it shows exactly its candidates
        let listed =
            app.get(&viewer, "/admin/candidates?q=%E4%BD%90%E8%97%A4&source=job_board").await.text().await.unwrap();
        assert!(listed.contains("sato@example.com") && !listed.contains("ito@example.com"));

        // the same name again replaces the view; an empty or too long name is refused with the filters kept
        app.post_form(&viewer, "/api/admin/save-view", &[("name", "求人サイト 佐藤"), ("query", "sort=oldest")]).await;
        let views: Vec<(String, String)> =
            sqlx::query_as("SELECT id, query FROM saved_views").fetch_all(app.state.db.pool()).await.unwrap();
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].1, "sort=oldest");
        let empty = location(
            &app.post_form(&viewer, "/api/admin/save-view", &[("name", "  "), ("query", "stage=offer")]).await,
        );
        assert!(empty.contains("fe_name=ErrRequired") && empty.contains("stage=offer"), "{empty}");
        let long = "名".repeat(61);
        let long = location(&app.post_form(&viewer, "/api/admin/save-view", &[("name", &long), ("query", "")]).await);
        assert!(long.contains("fe_name=ErrTooLong"), "{long}");

        // another user neither sees nor deletes it
        let theirs = app.get(&other, "/admin/candidates").await.text().await.unwrap();
        assert!(!theirs.contains("求人サイト 佐藤"));
        assert_eq!(app.call(&other, "/api/admin/delete-view", &[("id", &views[0].0)]).await.status(), 404);
        assert_eq!(app.call(&client(), "/api/admin/save-view", &[("name", "x"), ("query", "")]).await.status(), 401);
        let deleted = app.post_form(&viewer, "/api/admin/delete-view", &[("id", &views[0].0)]).await;
        assert_eq!(location(&deleted), "/admin/candidates?view_deleted=1");
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM saved_views").fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(left, 0);
    }
}

#[tokio::test]
async fn a_recruiter_adds_a_candidate_by_hand_and_duplicates_are_caught_first() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let page = app.get(&recruiter, "/admin/candidates/new").await;
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains(Msg::NewCandidateIntro.text(app::i18n::Lang::Ja)));
        let form = |email: &str, phone: &str, birth: &str, confirm: bool| {
            let mut form = vec![
                ("email", email.to_owned()),
                ("family_name", " 山田 ".to_owned()),
                ("given_name", "花子".to_owned()),
                ("family_name_kana", "やまだ".to_owned()),
                ("given_name_kana", "ﾊﾅｺ".to_owned()),
                ("phone", phone.to_owned()),
                ("birth_date", birth.to_owned()),
                ("location", "東京都".to_owned()),
                ("skills", "Rust、SQL".to_owned()),
                ("desired_roles", "".to_owned()),
                ("source_channel", "sourcing".to_owned()),
                ("tags", "スカウト".to_owned()),
            ];
            if confirm {
                form.push(("confirm", "yes".to_owned()));
            }
            form
        };
        let post = |client: &reqwest::Client, fields: Vec<(&'static str, String)>| {
            let client = client.clone();
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                location(&app.post_form(&client, "/api/admin/create-candidate", &pairs).await)
            }
        };
        let count = || async {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM candidates").fetch_one(app.state.db.pool()).await.unwrap();
            n
        };
        assert_eq!(
            app.call(
                &viewer,
                "/api/admin/create-candidate",
                &form("a@example.com", "", "", false).iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()
            )
            .await
            .status(),
            403
        );

        // bad input: every field named, every value kept, nothing written
        let bad = post(&recruiter, form("not-an-address", "12", "1990-02-30", false)).await;
        assert!(
            bad.starts_with("/admin/candidates/new?")
                && bad.contains("fe_email=ErrEmailInvalid")
                && bad.contains("fe_phone=")
                && bad.contains("fe_birth_date=ErrDateInvalid")
                && !bad.contains("1990-02-30"),
            "{bad}"
        );
        let page = app.get(&recruiter, &bad).await.text().await.unwrap();
        assert!(
            page.contains("value=\"1990-02-30\"") && page.contains("value=\"not-an-address\""),
            "kept for the page"
        );
        assert_eq!(count().await, 0);

        // added, normalised as the portal would, tagged and audited
        let added = post(&recruiter, form(" Hanako@Example.COM ", "090-1111-2222", "1990/4/1", false)).await;
        let id = added
            .strip_prefix("/admin/candidates/")
            .and_then(|r| r.strip_suffix("?created=1"))
            .expect(&added)
            .to_owned();
        let row: (String, String, String, Option<String>, Option<String>, String, String) = sqlx::query_as(
            "SELECT email, family_name, given_name_kana, phone, birth_date, skills, source_channel FROM candidates WHERE id = $1",
        )
        .bind(&id)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(
            row,
            (
                "hanako@example.com".into(),
                "山田".into(),
                "ハナコ".into(),
                Some("+819011112222".into()),
                Some("1990-04-01".into()),
                "Rust,SQL".into(),
                "sourcing".into()
            )
        );
        let tagged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM candidate_tags t JOIN tags g ON g.id = t.tag_id WHERE t.candidate_id = $1 AND g.name = 'スカウト'")
            .bind(&id).fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(tagged, 1);
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'candidate_created' AND subject_id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(audited, 1);

        // the same e-mail: refused outright, with the existing record shown
        let same = post(&recruiter, form("hanako@example.com", "", "", true)).await;
        assert!(same.contains("fe_email=ErrCandidateExists"), "{same}");
        let page = app.get(&recruiter, &same).await.text().await.unwrap();
        assert!(page.contains(&format!("/admin/candidates/{id}")) && !page.contains("name=\"confirm\""));

        // the same phone, or the same name and birth date: held back until the recruiter confirms
        for (email, phone, birth) in [("other@example.com", "09011112222", ""), ("third@example.com", "", "1990-04-01")]
        {
            let held = post(&recruiter, form(email, phone, birth, false)).await;
            assert!(held.contains("error=ErrPossibleDuplicates"), "{held}");
            assert_eq!(count().await, 1);
            let page = app.get(&recruiter, &held).await.text().await.unwrap();
            assert!(page.contains(&format!("/admin/candidates/{id}")) && page.contains("name=\"confirm\""));
            assert!(!page.contains("checked"), "the confirmation is never pre-ticked");
        }
        let confirmed = post(&recruiter, form("third@example.com", "", "1990-04-01", true)).await;
        assert!(confirmed.ends_with("?created=1"), "{confirmed}");
        assert_eq!(count().await, 2);
        // and the two now show each other as possible duplicates
        let detail = app.get(&recruiter, &format!("/admin/candidates/{id}")).await.text().await.unwrap();
        assert!(detail.contains("third@example.com"));
    }
}

#[tokio::test]
async fn notes_and_tags_on_the_candidate_page_are_signed_and_validated() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = insert_candidate(&app.state.db, "noted@example.com", "記録", "太郎").await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let empty = app
            .post_form(&recruiter, "/api/admin/candidate-note", &[("candidate_id", &candidate), ("body", "  ")])
            .await;
        assert!(location(&empty).contains("fe_body=ErrRequired"));
        assert_eq!(
            app.call(&viewer, "/api/admin/candidate-note", &[("candidate_id", &candidate), ("body", "x")])
                .await
                .status(),
            403
        );
        let added = app
            .post_form(
                &recruiter,
                "/api/admin/candidate-note",
                &[("candidate_id", &candidate), ("body", "一次面接の日程を調整中\r\n来週連絡")],
            )
            .await;
        assert!(location(&added).ends_with("#notes"));
        let unknown =
            app.call(&recruiter, "/api/admin/candidate-note", &[("candidate_id", "nobody"), ("body", "x")]).await;
        assert_eq!(unknown.status(), 404);
        app.post_form(&recruiter, "/api/admin/candidate-tag", &[("candidate_id", &candidate), ("tag", "ＶＩＰ")]).await;
        let long = "x".repeat(51);
        let too_long = app
            .post_form(&recruiter, "/api/admin/candidate-tag", &[("candidate_id", &candidate), ("tag", &long)])
            .await;
        assert!(location(&too_long).contains("ErrTooLong"));
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["notes"][0]["body"], "一次面接の日程を調整中\n来週連絡", "{}", engine.name);
        assert_eq!(detail["notes"][0]["author"], "rec@example.com");
        assert_eq!(detail["tags"][0]["name"], "VIP", "tags are normalised");
        let page = app.get(&viewer, &format!("/admin/candidates/{candidate}")).await.text().await.unwrap();
        assert!(page.contains("一次面接の日程を調整中") && page.contains("VIP"));
        app.post_form(
            &recruiter,
            "/api/admin/candidate-tag",
            &[("candidate_id", &candidate), ("tag", "VIP"), ("remove", "yes")],
        )
        .await;
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["tags"], serde_json::json!([]));
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE subject_id = $1 AND action IN ('note_added', 'tagged', 'untagged')",
        )
        .bind(&candidate)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 3);
    }
}

#[tokio::test]
async fn jobs_are_validated_and_applications_move_through_the_pipeline_with_author_and_time() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let job = |title_ja: &'static str, kind: &'static str| {
            vec![
                ("id", ""),
                ("job[title_ja]", title_ja),
                ("job[title_en]", "Data Engineer"),
                ("job[department]", "Ｄａｔａ"),
                ("job[location]", "東京都"),
                ("job[employment_type]", kind),
                ("job[description_ja]", "データ基盤の設計\r\n運用"),
                ("job[description_en]", ""),
                ("open", "yes"),
            ]
        };
        assert_eq!(app.call(&viewer, "/api/admin/save-job", &job("データエンジニア", "full_time")).await.status(), 403);
        let bad = location(&app.post_form(&recruiter, "/api/admin/save-job", &job("", "forever")).await);
        assert!(bad.contains("fe_job%5Btitle_ja%5D") || bad.contains("fe_title_ja=ErrRequired"), "{bad}");
        assert!(bad.contains("fe_employment_type=ErrInvalid") && !bad.contains("title_en"), "{bad}");
        let page = app.get(&recruiter, &bad).await.text().await.unwrap();
        assert!(page.contains("Data"), "what was typed is kept for the page");
        let saved =
            location(&app.post_form(&recruiter, "/api/admin/save-job", &job("データエンジニア", "full_time")).await);
        let job_id = saved.trim_start_matches("/admin/jobs/").split('?').next().unwrap().to_owned();
        let stored: (String, String, String) =
            sqlx::query_as("SELECT department, status, description_ja FROM jobs WHERE id = $1")
                .bind(&job_id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(stored, ("Data".into(), "open".into(), "データ基盤の設計\n運用".into()), "{}", engine.name);

        let candidate = insert_candidate(&app.state.db, "moving@example.com", "移動", "花子").await;
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('ap', $1, $2, 'applied', 'website', 1, 1)", &[&candidate, &job_id]).await;
        let back = format!("/admin/candidates/{candidate}");
        let step = |stage: &'static str| {
            let form = [("application_id", "ap".to_owned()), ("stage", stage.to_owned()), ("back", back.clone())];
            let recruiter = recruiter.clone();
            let app = &app;
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                location(&app.post_form(&recruiter, "/api/admin/move-stage", &form).await)
            }
        };
        assert_eq!(step("screening").await, format!("{back}?moved=screening"));
        assert_eq!(step("interview").await, format!("{back}?moved=interview"));
        assert!(step("interview").await.contains("error=ErrSameStage"));
        assert_eq!(
            app.call(
                &viewer,
                "/api/admin/move-stage",
                &[("application_id", "ap"), ("stage", "offer"), ("back", "/admin")]
            )
            .await
            .status(),
            403
        );
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        let history = &detail["applications"][0]["history"];
        assert_eq!(history.as_array().unwrap().len(), 2, "{detail}");
        assert_eq!((history[1]["from"].as_str(), history[1]["to"].as_str()), (Some("screening"), Some("interview")));
        assert_eq!(history[1]["author"], "rec@example.com");
        let board = app.get(&viewer, &format!("/admin/jobs/{job_id}")).await.text().await.unwrap();
        assert!(board.contains("移動 花子"), "{}", engine.name);

        // a withdrawal needs a candidate-side reason and closes the application
        let company = app
            .post_form(
                &recruiter,
                "/api/admin/withdraw-application",
                &[("application_id", "ap"), ("reason_id", "reason-company-experience"), ("back", &back)],
            )
            .await;
        assert!(location(&company).contains("error=ErrChooseReason"));
        let withdrawn = app
            .post_form(
                &recruiter,
                "/api/admin/withdraw-application",
                &[("application_id", "ap"), ("reason_id", "reason-candidate-other-offer"), ("back", &back)],
            )
            .await;
        assert_eq!(location(&withdrawn), format!("{back}?withdrawn=1"));
        assert!(step("offer").await.contains("error=ErrApplicationClosed"));
        let outcome: String = sqlx::query_scalar("SELECT outcome FROM applications WHERE id = 'ap'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(outcome, "withdrawn");
    }
}

#[tokio::test]
async fn recruiters_correct_a_profile_with_the_portal_rules_and_admins_browse_the_audit_log() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let candidate = insert_candidate(&app.state.db, "edit@example.com", "編集", "前").await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let admin = as_user(&app, "admin@example.com", Role::Admin).await;
        let form = |phone: &'static str, kana: &'static str| {
            vec![
                ("candidate_id", candidate.clone()),
                ("family_name", "　山田 ".to_owned()),
                ("given_name", "太郎".to_owned()),
                ("family_name_kana", kana.to_owned()),
                ("given_name_kana", "たろう".to_owned()),
                ("phone", phone.to_owned()),
                ("location", "東京都".to_owned()),
                ("skills", "Rust, ＳＱＬ".to_owned()),
                ("desired_roles", "".to_owned()),
                ("desired_locations", "".to_owned()),
            ]
        };
        let pairs = |v: &Vec<(&'static str, String)>| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
        let bad = form("090-12", "Yamada");
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = location(&app.post_form(&recruiter, "/api/admin/save-profile", &bad).await);
        assert!(
            refused.contains("fe_phone=ErrPhoneInvalid") && refused.contains("fe_family_name_kana=ErrKanaInvalid"),
            "{refused}"
        );
        assert!(!refused.contains("family_name="), "nothing typed in the URL: {refused}");
        let page = app.get(&recruiter, &refused).await.text().await.unwrap();
        assert!(
            page.contains("Yamada") && page.contains(Msg::ErrPhoneInvalid.text(app::i18n::Lang::Ja)),
            "{}",
            engine.name
        );
        assert_eq!(app.call(&viewer, "/api/admin/save-profile", &bad).await.status(), 403);
        let good = pairs(&form("０９０－１２３４－５６７８", "やまだ"));
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let saved = location(&app.post_form(&recruiter, "/api/admin/save-profile", &good).await);
        assert!(saved.ends_with("?saved=1#profile"), "{saved}");
        let stored: (String, String, String, String) =
            sqlx::query_as("SELECT family_name, family_name_kana, phone, skills FROM candidates WHERE id = $1")
                .bind(&candidate)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(
            stored,
            ("山田".into(), "ヤマダ".into(), "+819012345678".into(), "Rust,SQL".into()),
            "{}",
            engine.name
        );

        // the candidate page shows mail without its text, and the audit trail
        sqlx::query("INSERT INTO mail_outbox (id, message_id, recipient, candidate_id, kind, language, subject, body_text, status, next_attempt_at, created_at) VALUES ('m', '<m@x>', 'edit@example.com', $1, 'sign_in', 'ja', 'ログインリンク', 'SECRET-LINK', 'sent', 1, 1)")
            .bind(&candidate)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let detail: serde_json::Value =
            app.call(&viewer, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["mails"][0]["subject"], "ログインリンク");
        assert!(!detail.to_string().contains("SECRET-LINK"), "a recruiter never sees a candidate's sign-in link");
        let actions: Vec<&str> =
            detail["audit"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
        assert!(actions.contains(&"profile_changed"), "{actions:?}");

        // the audit log: admins only, filtered, exported
        assert_eq!(app.call(&recruiter, "/api/admin/audit", &[]).await.status(), 403);
        let changes: serde_json::Value = app
            .call(&admin, "/api/admin/audit", &[("action", "profile_changed"), ("actor", "rec@example.com")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(changes.as_array().unwrap().len(), 1, "{changes}");
        assert_eq!(changes[0]["subject_id"], candidate.as_str());
        let html = app.get(&admin, "/admin/audit?action=profile_changed").await.text().await.unwrap();
        assert!(html.contains("profile_changed") && html.contains(&format!("/admin/candidates/{candidate}")));
        let csv = app
            .get(&admin, &format!("/admin/audit.csv?subject_kind=candidate&subject_id={candidate}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.contains("profile_changed") && csv.lines().count() >= 3, "{csv}");
    }
}

#[tokio::test]
async fn an_interview_mails_the_candidate_and_its_reminder_moves_with_it() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        open_job(&app, "job", "open").await;
        let candidate = insert_candidate(&app.state.db, "interview@example.com", "面接", "太郎").await;
        exec(&app, "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) VALUES ('ap', $1, 'job', 'interview', 'website', 1, 1)", &[&candidate]).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let back = format!("/admin/candidates/{candidate}");
        let day =
            |offset_days: i64| app::components::i18n::format_date(app::backend::now_ms() + offset_days * 86_400_000);
        let (in_three_days, in_five_days) = (day(3), day(5));
        let form = |date: &str, time: &str, url: &str, interview: &str| {
            vec![
                ("application_id".to_owned(), "ap".to_owned()),
                ("interview_id".to_owned(), interview.to_owned()),
                ("date".to_owned(), date.to_owned()),
                ("time".to_owned(), time.to_owned()),
                ("minutes".to_owned(), "45".to_owned()),
                ("location".to_owned(), String::new()),
                ("meeting_url".to_owned(), url.to_owned()),
                ("interviewers".to_owned(), "採用 太郎".to_owned()),
                ("back".to_owned(), back.clone()),
            ]
        };
        let post = |fields: Vec<(String, String)>| {
            let recruiter = recruiter.clone();
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                location(&app.post_form(&recruiter, "/api/admin/schedule-interview", &pairs).await)
            }
        };
        let bad = post(form("2020-01-01", "10:00", "ftp://x", "")).await;
        assert!(bad.contains("fe_meeting_url=ErrUrlInvalid") && !bad.contains("ftp"), "{bad}");
        let page = app.get(&recruiter, &bad).await.text().await.unwrap();
        assert!(page.contains("value=\"ftp://x\"") && page.contains("value=\"2020-01-01\""), "kept for the page");
        let past = post(form("2020-01-01", "10:00", "https://meet.example.com/a", "")).await;
        assert!(past.contains("error=ErrInPast"), "{past}");
        let scheduled = post(form(&in_three_days, "10:00", "https://meet.example.com/a", "")).await;
        assert_eq!(scheduled, format!("{back}?scheduled=1#interviews"), "{}", engine.name);

        let (interview, starts_at): (String, i64) =
            sqlx::query_as("SELECT id, starts_at FROM interviews WHERE application_id = 'ap'")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(starts_at, app::domain::parse_date_jst(&in_three_days).unwrap() + 10 * 3_600_000);
        let reminder = || async {
            sqlx::query_as::<_, (String, i64, String)>(
                "SELECT status, next_attempt_at, body_text FROM mail_outbox WHERE kind = 'interview_reminder'",
            )
            .fetch_all(app.state.db.pool())
            .await
            .unwrap()
        };
        let queued = reminder().await;
        assert_eq!(queued.len(), 1);
        assert_eq!((queued[0].0.as_str(), queued[0].1), ("queued", starts_at - 24 * 3_600_000), "due a day before");
        let notice: String = sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE kind = 'interview'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert!(notice.contains("https://meet.example.com/a") && notice.contains("10:00 – 10:45"), "{notice}");

        // moving the interview moves the reminder (still one), and tells the candidate
        let moved = post(form(&in_five_days, "14:30", "https://meet.example.com/b", &interview)).await;
        assert!(moved.contains("scheduled=1"), "{moved}");
        let queued = reminder().await;
        let new_start = app::domain::parse_date_jst(&in_five_days).unwrap() + 14 * 3_600_000 + 30 * 60_000;
        assert_eq!(queued.len(), 1, "{}: one reminder", engine.name);
        assert_eq!(queued[0].1, new_start - 24 * 3_600_000);
        assert!(queued[0].2.contains("https://meet.example.com/b"));
        let notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'interview'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(notices, 2);

        // the reminder is not delivered before it is due
        let due_now: Vec<_> = app::backend::core::mail::claim(&app.state.db, app::backend::now_ms()).await.unwrap();
        assert!(due_now.iter().all(|m| !m.message_id.starts_with("<reminder-")), "not yet");
        let due_then = app::backend::core::mail::claim(&app.state.db, new_start - 24 * 3_600_000 + 1).await.unwrap();
        assert!(due_then.iter().any(|m| m.message_id.starts_with("<reminder-")), "{}: due a day before", engine.name);

        let result = app
            .post_form(
                &recruiter,
                "/api/admin/interview-result",
                &[("interview_id", &interview), ("result", "技術力は十分"), ("back", &back)],
            )
            .await;
        assert!(location(&result).contains("saved=1"));
        let detail: serde_json::Value =
            app.call(&recruiter, "/api/admin/candidate", &[("id", &candidate)]).await.json().await.unwrap();
        assert_eq!(detail["interviews"][0]["result"], "技術力は十分");
    }
}

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

#[tokio::test]
async fn a_shift_jis_import_names_each_bad_row_writes_the_good_ones_and_twice_adds_nothing() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let existing = insert_candidate(&app.state.db, "known@example.com", "既存", "太郎").await;
        exec(&app, "UPDATE candidates SET phone = '+819099998888' WHERE id = $1", &[&existing]).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let text = "氏名,フリガナ（セイ）,フリガナ（メイ）,メールアドレス,電話番号,生年月日,スキル\r\n\
                    山田 花子,ヤマダ,ハナコ,hanako@example.com,090-1234-5678,1990/4/1,Rust、SQL\r\n\
                    鈴木 一郎,スズキ,イチロウ,not-an-email,,,\r\n\
                    佐藤 次郎,サトウ,ジロウ,jiro@example.com,12,,\r\n\
                    高橋 三郎,タカハシ,サブロウ,KNOWN@example.com,,,\r\n\
                    伊藤 四郎,イトウ,シロウ,shiro@example.com,090-9999-8888,,\r\n\
                    \"渡辺 五郎\",ワタナベ,ゴロウ,goro@example.com,,1985-12-24,\"Go, Kubernetes\"\r\n";
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!unmappable);
        let upload = |who: reqwest::Client, bytes: Vec<u8>| {
            let app = &app;
            async move {
                let fields = [("source_channel", "job_board"), ("tags", "2026秋採用")];
                upload_csv(app, &who, "応募者.csv", bytes, &fields).await
            }
        };
        assert_eq!(upload(viewer.clone(), sjis.to_vec()).await, "/admin/import?error=ErrForbidden");
        let uploaded = upload(recruiter.clone(), sjis.to_vec()).await;
        let id = uploaded.trim_start_matches("/admin/import/").to_owned();
        assert!(!id.is_empty() && !id.contains('?'), "{}: {uploaded}", engine.name);
        let preview: serde_json::Value =
            app.call(&recruiter, "/api/admin/import-preview", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(preview["encoding"], "Shift_JIS");
        assert_eq!(preview["rows"], 6);
        assert_eq!(
            preview["mapping"],
            serde_json::json!(["full_name", "family_kana", "given_kana", "email", "phone", "birth_date", "skills"])
        );
        let mapping = [
            ("id", id.as_str()),
            ("col[0]", "full_name"),
            ("col[1]", "family_name_kana"),
            ("col[2]", "given_name_kana"),
            ("col[3]", "email"),
            ("col[4]", "phone"),
            ("col[5]", "birth_date"),
            ("col[6]", "skills"),
        ];
        let count = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM candidates")
                .fetch_one(app.state.db.pool())
                .await
                .unwrap()
        };

        // the dry run reports, writes nothing
        let checked = location(
            &app.post_form(&recruiter, "/api/admin/run-import", &[mapping.as_slice(), &[("check", "yes")]].concat())
                .await,
        );
        assert!(checked.contains("done=checked"), "{checked}");
        assert_eq!(count().await, 1, "{}: a dry run writes nothing", engine.name);
        let report: serde_json::Value =
            app.call(&recruiter, "/api/admin/import-preview", &[("id", &id)]).await.json().await.unwrap();
        let report = &report["report"];
        assert_eq!((report["imported"].as_i64(), report["already_present"].as_i64()), (Some(2), Some(1)), "{report}");
        let problems: Vec<(i64, &str, &str)> = report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["line"].as_i64().unwrap(), p["field"].as_str().unwrap(), p["message"].as_str().unwrap()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (3, "email", "ErrEmailInvalid"),
                (4, "phone", "ErrPhoneInvalid"),
                (6, "phone", "ErrPossibleDuplicate")
            ],
            "{}",
            engine.name
        );

        // the import: the good rows, normalised, tagged, with the file's source; the report page names the bad rows
        let imported = location(&app.post_form(&recruiter, "/api/admin/run-import", &mapping).await);
        assert!(imported.contains("done=started"), "{imported}");
        // queued for the worker: the page shows its progress and refreshes itself; a second start is refused
        let page = app.get(&recruiter, &imported).await.text().await.unwrap();
        assert!(page.contains("<progress") && page.contains("http-equiv=\"refresh\""), "{page}");
        let twice = location(&app.post_form(&recruiter, "/api/admin/run-import", &mapping).await);
        assert!(twice.contains("error=ErrImportRunning"), "{twice}");
        assert_eq!(count().await, 1);
        while app::backend::import::work(&app.state.db, &app.state.config.secret, app::backend::now_ms()).await.unwrap()
        {
        }
        assert_eq!(count().await, 3);
        let row: (String, String, String, String, String) = sqlx::query_as(
            "SELECT family_name_kana, phone, birth_date, skills, source_channel FROM candidates WHERE email = 'hanako@example.com'",
        )
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(
            row,
            ("ヤマダ".into(), "+819012345678".into(), "1990-04-01".into(), "Rust,SQL".into(), "job_board".into())
        );
        let tagged: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = '2026秋採用'",
        )
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(tagged, 2);
        let page = app.get(&recruiter, &imported).await.text().await.unwrap();
        assert!(
            page.contains(Msg::ErrPossibleDuplicate.text(app::i18n::Lang::Ja))
                && page.contains(&format!("/admin/candidates/{existing}"))
        );

        // the same file again adds no one
        let again = upload(recruiter.clone(), sjis.to_vec()).await;
        let again_id = again.trim_start_matches("/admin/import/").to_owned();
        let mapping_again: Vec<(&str, &str)> =
            mapping.iter().map(|(k, v)| (*k, if *k == "id" { again_id.as_str() } else { *v })).collect();
        app.post_form(&recruiter, "/api/admin/run-import", &mapping_again).await;
        while app::backend::import::work(&app.state.db, &app.state.config.secret, app::backend::now_ms()).await.unwrap()
        {
        }
        assert_eq!(count().await, 3, "{}: importing twice adds nothing", engine.name);
        let without_email = location(
            &app.post_form(&recruiter, "/api/admin/run-import", &[("id", again_id.as_str()), ("col[0]", "full_name")])
                .await,
        );
        assert!(without_email.contains("error=ErrImportMapping"), "{without_email}");
    }
}

#[tokio::test]
async fn a_large_import_runs_in_batches_with_its_progress_and_resumes_after_a_lost_worker() {
    use app::backend::import::{work, BATCH_ROWS};
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let total = BATCH_ROWS * 2 + 1;
        let mut csv = String::from("メールアドレス,氏名\n");
        for n in 0..total {
            csv.push_str(&format!("person{n}@example.com,山田 太郎\n"));
        }
        csv.push_str("bad-address,誰か\n");
        let fields = [("source_channel", "import"), ("tags", "")];
        let uploaded = upload_csv(&app, &recruiter, "large.csv", csv.into_bytes(), &fields).await;
        let id = uploaded.trim_start_matches("/admin/import/").to_owned();
        let started = app
            .post_form(
                &recruiter,
                "/api/admin/run-import",
                &[("id", &id), ("col[0]", "email"), ("col[1]", "full_name")],
            )
            .await;
        assert!(location(&started).contains("done=started"), "{}", location(&started));
        let progress = || async {
            let (status, done): (String, i64) = sqlx::query_as("SELECT status, rows_done FROM imports WHERE id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
            (status, done)
        };
        let candidates = || async {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM candidates").fetch_one(app.state.db.pool()).await.unwrap();
            n
        };

        // one batch: its rows and its progress together
        let now = app::backend::now_ms();
        assert!(work(&app.state.db, &app.state.config.secret, now).await.unwrap());
        assert_eq!(progress().await, ("running".into(), BATCH_ROWS as i64));
        assert_eq!(candidates().await, BATCH_ROWS as i64);
        let page = app.get(&recruiter, &format!("/admin/import/{id}")).await.text().await.unwrap();
        assert!(page.contains(&format!("{BATCH_ROWS} / {}", total + 1)), "the page shows the progress");
        // a worker is lost in the middle of the next batch: it holds the lease, its batch was never committed;
        // while the lease holds no other server takes the import, and once it lapses another goes on from the
        // last whole batch
        sqlx::query("UPDATE imports SET lease_until = $1 WHERE id = $2")
            .bind(now + 60_000)
            .bind(&id)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        assert!(!work(&app.state.db, &app.state.config.secret, now + 1_000).await.unwrap());
        assert_eq!(progress().await.1, BATCH_ROWS as i64);
        let later = now + 61_000;
        while work(&app.state.db, &app.state.config.secret, later).await.unwrap() {}
        assert_eq!(progress().await, ("done".into(), (total + 1) as i64));
        assert_eq!(candidates().await, total as i64, "every good row once");
        let page = app.get(&recruiter, &format!("/admin/import/{id}?done=started")).await.text().await.unwrap();
        assert!(!page.contains("<progress") && page.contains(Msg::ImportDoneTitle.text(app::i18n::Lang::Ja)));
        let report: String = sqlx::query_scalar("SELECT report FROM imports WHERE id = $1")
            .bind(&id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(report["imported"].as_u64(), Some(total as u64));
        assert_eq!(report["problems"][0]["line"].as_u64(), Some(total as u64 + 2), "the bad row, by its line");
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'imported' AND subject_id = $1")
                .bind(&id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(audited, 1);
    }
}

#[tokio::test]
async fn an_attendee_list_is_imported_into_an_event_new_and_known_people_alike() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        insert_candidate(&app.state.db, "known@example.com", "既知", "花子").await;
        exec(
            &app,
            "INSERT INTO events (id, title, starts_at, location, created_at) VALUES ('ev', '秋の説明会', 1, '東京', 1)",
            &[],
        )
        .await;
        let upload = |event: &'static str| {
            let app = &app;
            let recruiter = recruiter.clone();
            async move {
                let csv = "メールアドレス,氏名\nknown@example.com,既知 花子\nnew@example.com,新規 太郎\n";
                let fields =
                    [("source_channel", "info_session"), ("tags", ""), ("event_id", event), ("attended", "yes")];
                upload_csv(app, &recruiter, "参加者.csv", csv.as_bytes().to_vec(), &fields).await
            }
        };
        assert!(upload("no-such-event").await.contains("error=ErrInvalid"));
        let id = upload("ev").await.trim_start_matches("/admin/import/").to_owned();
        let page = app.get(&recruiter, &format!("/admin/import/{id}")).await.text().await.unwrap();
        assert!(page.contains("秋の説明会"), "the page says which event");
        let started = app
            .post_form(
                &recruiter,
                "/api/admin/run-import",
                &[("id", id.as_str()), ("col[0]", "email"), ("col[1]", "full_name")],
            )
            .await;
        assert!(location(&started).contains("done=started"));
        while app::backend::import::work(&app.state.db, &app.state.config.secret, app::backend::now_ms()).await.unwrap()
        {
        }
        let attendees: Vec<(String, Option<i64>)> = sqlx::query_as(
            "SELECT c.email, a.attended_at FROM event_attendees a JOIN candidates c ON c.id = a.candidate_id \
             WHERE a.event_id = 'ev' ORDER BY c.email",
        )
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
        assert_eq!(
            attendees.iter().map(|(e, _)| e.as_str()).collect::<Vec<_>>(),
            ["known@example.com", "new@example.com"]
        );
        assert!(attendees.iter().all(|(_, at)| at.is_some()), "marked as having come");
        let report: String = sqlx::query_scalar("SELECT report FROM imports WHERE id = $1")
            .bind(&id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(
            (report["imported"].as_u64(), report["already_present"].as_u64(), report["registered"].as_u64()),
            (Some(1), Some(1), Some(2))
        );
    }
}

#[tokio::test]
async fn an_event_follow_up_goes_once_to_those_who_came_and_may_be_contacted() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let came = insert_candidate(&app.state.db, "came@example.com", "参加", "花子").await;
        let no_consent = insert_candidate(&app.state.db, "quiet@example.com", "静か", "太郎").await;
        let absent = insert_candidate(&app.state.db, "absent@example.com", "欠席", "次郎").await;
        for id in [&came, &absent] {
            let me = as_candidate(&app, id).await;
            app.post_form(&me, "/api/portal/consent", &[("purpose", "job_news"), ("action", "grant")]).await;
        }
        let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
        let viewer = as_user(&app, "viewer@example.com", Role::Viewer).await;
        let bad = location(
            &app.post_form(
                &recruiter,
                "/api/admin/create-event",
                &[("title", ""), ("date", "2026-13-01"), ("time", "10:00"), ("location", "オンライン")],
            )
            .await,
        );
        assert!(bad.contains("fe_title=ErrRequired") && bad.contains("fe_date=ErrDateInvalid"), "{bad}");
        assert_eq!(
            app.call(
                &viewer,
                "/api/admin/create-event",
                &[("title", "x"), ("date", "2026-12-01"), ("time", "10:00"), ("location", "x")]
            )
            .await
            .status(),
            403
        );
        let created = location(
            &app.post_form(
                &recruiter,
                "/api/admin/create-event",
                &[
                    ("title", "会社説明会（12月）"),
                    ("date", "2026-12-01"),
                    ("time", "19:00"),
                    ("location", "オンライン"),
                ],
            )
            .await,
        );
        let event = created.trim_start_matches("/admin/events/").to_owned();
        let act = |action: &'static str, email: &'static str, candidate: String| {
            let recruiter = recruiter.clone();
            let event = event.clone();
            let app = &app;
            async move {
                location(
                    &app.post_form(
                        &recruiter,
                        "/api/admin/event-action",
                        &[
                            ("event_id", event.as_str()),
                            ("action", action),
                            ("email", email),
                            ("candidate_id", candidate.as_str()),
                        ],
                    )
                    .await,
                )
            }
        };
        assert!(act("add", "nobody@example.com", String::new()).await.contains("error=ErrUnknownCandidate"));
        for email in ["came@example.com", "quiet@example.com", "absent@example.com", "came@example.com"] {
            assert!(act("add", email, String::new()).await.contains("done=added"), "{}", engine.name);
        }
        act("attended", "", came.clone()).await;
        act("attended", "", no_consent.clone()).await;
        let sent = act("follow_up", "", String::new()).await;
        assert!(sent.ends_with("done=followed&sent=1&skipped=1"), "{}: {sent}", engine.name);
        let again = act("follow_up", "", String::new()).await;
        assert!(again.ends_with("sent=0&skipped=1"), "once per person: {again}");
        let mails: Vec<(String, String)> =
            sqlx::query_as("SELECT candidate_id, subject FROM mail_outbox WHERE kind = 'event_follow_up'")
                .fetch_all(app.state.db.pool())
                .await
                .unwrap();
        assert_eq!(mails, vec![(came.clone(), "【ご参加のお礼】会社説明会(12月)".to_owned())]);
        let page: serde_json::Value =
            app.call(&viewer, "/api/admin/event", &[("id", &event)]).await.json().await.unwrap();
        assert_eq!((page["event"]["registered"].as_i64(), page["event"]["attended"].as_i64()), (Some(3), Some(2)));
        let html = app.get(&viewer, &format!("/admin/events/{event}")).await.text().await.unwrap();
        assert!(html.contains("参加 花子") && html.contains("会社説明会(12月)"));
        let list = app.get(&viewer, "/admin/events").await.text().await.unwrap();
        assert!(
            list.contains("会社説明会(12月)") && list.contains(&format!("/admin/events/{event}")),
            "{}",
            engine.name
        );
    }
}
