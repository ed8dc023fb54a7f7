//! The recruiter's dashboard (`/admin`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "admin/dashboard")]
pub async fn load_dashboard() -> Result<DashboardStats, AppError> {
    use crate::backend::dashboard;
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(dashboard::dashboard(&state.db).await?)
}
