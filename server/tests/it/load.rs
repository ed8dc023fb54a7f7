//! Under load every signed-in page keeps answering: four times the pool size of concurrent requests, each 200.
use crate::common::{as_agency, as_candidate, as_user, engines, insert_agency, insert_candidate, spawn_app, TestApp};
use app::domain::Role;
use tokio::task::JoinSet;

/// Fires `n` requests for `path` at once from one signed-in browser and returns every status that was not 200.
async fn burst(app: &TestApp, browser: &reqwest::Client, path: &str, n: usize) -> Vec<String> {
    let mut requests = JoinSet::new();
    for _ in 0..n {
        let request = browser.get(format!("{}{path}", app.base)).timeout(std::time::Duration::from_secs(60));
        requests.spawn(async move {
            match request.send().await {
                Ok(response) if response.status() == 200 => match response.text().await {
                    Ok(page) if page.contains("role=\"alert\"") => Some("an error panel".into()),
                    Ok(_) => None,
                    Err(error) => Some(format!("body: {error}")),
                },
                Ok(response) => Some(format!("status {}", response.status())),
                Err(error) => Some(format!("request: {error}")),
            }
        });
    }
    let mut failures = Vec::new();
    while let Some(result) = requests.join_next().await {
        if let Some(failure) = result.unwrap() {
            failures.push(failure);
        }
    }
    failures
}

#[tokio::test]
async fn signed_in_pages_answer_four_times_the_pool_size_of_concurrent_requests() {
    for engine in engines().await {
        let app = spawn_app(&engine).await;
        let n = 4 * app.state.db.pool().options().get_max_connections() as usize;
        let candidate = insert_candidate(&app.state.db, "load@example.com", "負荷", "太郎").await;
        let portal = as_candidate(&app, &candidate).await;
        let recruiter = as_user(&app, "load-recruiter@example.com", Role::Recruiter).await;
        insert_agency(&app.state.db, "ag-load", "ロード人材").await;
        let agency = as_agency(&app, "load@agency.example.com", "ag-load").await;
        for (browser, path) in [
            (&portal, "/portal"),
            (&portal, "/portal/consent"),
            (&recruiter, "/admin/candidates"),
            (&recruiter, "/admin/candidates?q=%E8%B2%A0%E8%8D%B7"),
            (&agency, "/agency"),
        ] {
            let failures = burst(&app, browser, path, n).await;
            assert!(failures.is_empty(), "{}: {path} with {n} at once: {failures:?}", engine.name);
        }
    }
}
