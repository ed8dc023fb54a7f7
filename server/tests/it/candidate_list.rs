//! The recruiter's candidate list: filters, keyset pages, actions on a selection, CSV export, saved views.
use crate::common::{
    as_candidate, as_user, client, engines, exec, insert_candidate, location, open_job, spawn_app, TestApp,
};
use app::backend::candidate_list;
use app::domain::{CandidateFilter, ListSort, Role};
use std::collections::HashSet;

async fn names(app: &TestApp, filter: &CandidateFilter) -> Vec<String> {
    let (rows, _) = candidate_list::list(&app.state.db, filter, None, 100).await.unwrap();
    let mut names: Vec<String> = rows.into_iter().map(|r| r.name).collect();
    names.sort();
    names
}

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
