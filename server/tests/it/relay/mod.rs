//! Career relay: rejection mail → referral page → consent + provision record → agency portal → credit ledger,
//! one file per room of `backend::relay`; the fixtures they share are here.
mod agencies;
mod ledger;
mod opt_in;
mod withdrawal;

use crate::common::{as_user, insert_candidate, location, open_job, spawn_app, TestApp};
use app::domain::Role;

pub(super) const A: &str = "agency-a";

pub(super) const B: &str = "agency-b";

pub(super) async fn agencies(app: &TestApp) {
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
pub(super) async fn applicant(app: &TestApp, email: &str) -> (String, String) {
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
pub(super) async fn reject(app: &TestApp, recruiter: &reqwest::Client, candidate: &str, application: &str) -> String {
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

pub(super) async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).bind(bind).fetch_one(app.state.db.pool()).await.unwrap()
}

pub(super) async fn prepared(engine: &crate::common::TestDb) -> (TestApp, reqwest::Client) {
    let app = spawn_app(engine).await;
    agencies(&app).await;
    open_job(&app, "job", "open").await;
    let recruiter = as_user(&app, "rec@example.com", Role::Recruiter).await;
    (app, recruiter)
}
