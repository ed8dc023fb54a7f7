//! The per-person summary segments and campaigns count on (`core::facts`): every writer of its sources keeps it
//! right in its own transaction, on both engines, and writers of the same person racing each other leave it equal
//! to the person's latest record.
use crate::common::{engines, exec, insert_candidate, open_job, spawn_app, TestApp};
use app::backend::core::audit::Actor;
use app::backend::pipeline::rejection::{self, Rejection};
use app::backend::{consent, duplicates, pipeline};
use app::domain::{ConsentAction, ConsentChannel, ConsentPurpose, Stage};

/// (talent pool, job news, last rejection, last application, furthest stage)
type Facts = (i64, i64, Option<i64>, Option<i64>, Option<i64>);

async fn facts(app: &TestApp, id: &str) -> Facts {
    sqlx::query_as(
        "SELECT pool_consent, news_consent, last_rejected_at, last_applied_at, stage_rank FROM candidates WHERE id = $1",
    )
    .bind(id)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap()
}

fn change(id: &str, purpose: ConsentPurpose, action: ConsentAction) -> consent::Change<'_> {
    consent::Change {
        candidate_id: id,
        purpose,
        agency_id: None,
        action,
        channel: ConsentChannel::Portal,
        actor: Actor::candidate(id, "").without_ip(),
        mail_domain: "kizuna.test",
    }
}

async fn answer(app: &TestApp, id: &str, purpose: ConsentPurpose, action: ConsentAction, at: i64) {
    consent::change(&app.state.db, &change(id, purpose, action), at).await.unwrap();
}

/// An application row as an import of history would leave it: written without a writer, so the summary does
/// not know it until the next move.
async fn raw_application(app: &TestApp, id: &str, candidate: &str, at: i64) {
    sqlx::query(
        "INSERT INTO applications (id, candidate_id, job_id, stage, source_channel, created_at, updated_at) \
         VALUES ($1, $2, 'job', 'applied', 'website', $3, $3)",
    )
    .bind(id)
    .bind(candidate)
    .bind(at)
    .execute(app.state.db.pool())
    .await
    .unwrap();
}

#[tokio::test]
async fn consent_moves_rejections_and_merges_keep_the_summary_right() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let db = &app.state.db;
        open_job(&app, "job", "open").await;
        exec(&app, "INSERT INTO decline_reasons (id, side, label_ja, label_en, created_at) VALUES ('r', 'company', '見送り', 'No', 1)", &[]).await;
        let worker = Actor::worker_for(None);
        let keep = insert_candidate(db, "keep@example.com", "山田", "花子").await;
        assert_eq!(facts(&app, &keep).await, (0, 0, None, None, None), "{}", engine.name);

        answer(&app, &keep, ConsentPurpose::TalentPool, ConsentAction::Granted, 10).await;
        answer(&app, &keep, ConsentPurpose::JobNews, ConsentAction::Granted, 11).await;
        assert_eq!(facts(&app, &keep).await, (1, 1, None, None, None), "{}", engine.name);
        answer(&app, &keep, ConsentPurpose::TalentPool, ConsentAction::Withdrawn, 12).await;
        assert_eq!(facts(&app, &keep).await, (0, 1, None, None, None), "{}: a withdrawal", engine.name);

        raw_application(&app, "a1", &keep, 20).await;
        pipeline::move_stage(db, "a1", Stage::Interview, &worker, 30).await.unwrap();
        assert_eq!(facts(&app, &keep).await, (0, 1, None, Some(20), Some(2)), "{}: a move", engine.name);
        let rejection = Rejection { application_id: "a1", reason_id: "r", note: "", send_mail: false };
        rejection::reject(db, &app.state.config, &rejection, &worker, 40).await.unwrap();
        assert_eq!(facts(&app, &keep).await, (0, 1, Some(40), Some(20), Some(2)), "{}: a rejection", engine.name);

        // the other record of the same person agreed to the talent pool after `keep` withdrew, and went further
        let other = insert_candidate(db, "other@example.com", "山田", "花子").await;
        answer(&app, &other, ConsentPurpose::TalentPool, ConsentAction::Granted, 50).await;
        raw_application(&app, "a2", &other, 60).await;
        pipeline::move_stage(db, "a2", Stage::Offer, &worker, 70).await.unwrap();
        duplicates::merge(db, &keep, &other, false, &worker, 80).await.unwrap();
        assert_eq!(facts(&app, &keep).await, (1, 1, Some(40), Some(60), Some(3)), "{}: a merge", engine.name);

        // a recomputation from the sources finds nothing to change
        let mut conn = db.pool().acquire().await.unwrap();
        app::backend::core::facts::refresh_all(&mut conn).await.unwrap();
        drop(conn);
        assert_eq!(facts(&app, &keep).await, (1, 1, Some(40), Some(60), Some(3)), "{}", engine.name);
    }
}

#[tokio::test]
async fn racing_answers_of_one_person_leave_the_summary_equal_to_the_latest() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let id = insert_candidate(&app.state.db, "race@example.com", "競争", "太郎").await;
        // 24 grants and withdrawals at once, each at its own instant; whichever commits last, the summary must
        // say what the newest record says
        let mut tasks = Vec::new();
        for n in 0..24i64 {
            let db = app.state.db.clone();
            let id = id.clone();
            tasks.push(tokio::spawn(async move {
                let action = if n % 2 == 0 { ConsentAction::Granted } else { ConsentAction::Withdrawn };
                // a refused double answer or a busy SQLite writer is fine here: what matters is the end state
                let _ = consent::change(&db, &change(&id, ConsentPurpose::TalentPool, action), 1_000 + n).await;
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let latest: String = sqlx::query_scalar(
            "SELECT action FROM consent_records WHERE candidate_id = $1 AND purpose = 'talent_pool' \
             ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(&id)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        let pool = facts(&app, &id).await.0;
        assert_eq!(pool, i64::from(latest == "granted"), "{}: latest record {latest}", engine.name);
    }
}
