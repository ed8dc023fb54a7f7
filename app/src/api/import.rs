//! The CSV import (`/admin/import/:id`): the mapping, the dry run, the import and a retry. The upload itself is
//! a plain handler (`server/src/handlers/import.rs`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// An uploaded file with its guessed mapping, sample rows and last report (recruiters).
#[server(prefix = "/api", endpoint = "admin/import-preview")]
pub async fn load_import(id: String) -> Result<ImportPreview, AppError> {
    use crate::backend::import;
    let state = app_state()?;
    require_recruiter(&state, Role::Recruiter).await?;
    import::preview(&state.db, &id).await.map_err(status)
}

/// Checks (`check` = yes) or starts importing the file with the chosen mapping (`col[i]`, one per column: an
/// unknown field is ignored); the worker imports it in batches while the page shows the progress.
#[server(prefix = "/api", endpoint = "admin/run-import")]
pub async fn run_import(id: String, col: Option<Vec<String>>, check: Option<String>) -> Result<(), AppError> {
    use crate::backend::import;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/import/{}", percent_encode(&id));
    let mapping: Vec<ImportField> =
        col.unwrap_or_default().iter().map(|c| ImportField::parse(c).unwrap_or(ImportField::Ignore)).collect();
    let cols = mapping.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(",");
    let done = if check.is_some() {
        import::check(&state.db, &state.config.secret, &id, &mapping, now_ms()).await.map(|_| "checked")
    } else {
        import::start(&state.db, &id, &mapping, &recruiter.actor(), now_ms()).await.map(|_| "started")
    };
    form_answer(done, |done| format!("{back}?done={done}&mapping={cols}#report"), &back, &[("mapping", &cols)])
}

/// Lets an import that stopped after failing batches try again (recruiters), once its cause is fixed.
#[server(prefix = "/api", endpoint = "admin/retry-import")]
pub async fn retry_import(id: String) -> Result<(), AppError> {
    use crate::backend::import;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/import/{}", percent_encode(&id));
    let retried = import::retry(&state.db, &id, &recruiter.actor(), now_ms()).await;
    form_answer(retried, |()| format!("{back}?done=started"), &back, &[])
}
