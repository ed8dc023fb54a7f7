//! Analytics (`/admin/analytics`): the reports, for viewers and up. Figures only: no person is named.
use crate::domain::analytics::{FunnelReport, ReportFilter};
use crate::domain::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// The funnel for a filter, with the choices of the filter form.
#[server(prefix = "/api", endpoint = "admin/analytics/funnel")]
pub async fn load_funnel(filter: ReportFilter) -> Result<FunnelReport, AppError> {
    use crate::backend::{analytics, jobs};
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    // any client can send any filter: the same checks as one read from a URL
    let filter = filter.checked();
    let funnel = analytics::funnel(&state.db, &filter, now_ms(), request_lang()).await?;
    let departments = analytics::departments(&state.db).await?;
    let mut conn = state.db.pool().acquire().await?;
    let jobs = jobs::options(&mut conn, false, request_lang()).await?;
    Ok(FunnelReport { filter, funnel, jobs, departments })
}
