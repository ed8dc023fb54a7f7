//! Policy texts per purpose (`/admin/policies`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "admin/policies")]
pub async fn load_policies() -> Result<Vec<PolicyVersion>, AppError> {
    use crate::backend::policies;
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    Ok(policies::policy_versions(&state.db).await?)
}

/// Publishes a new version of a purpose's policy text in both languages (admins); consents given under an older
/// version show as needing a look.
#[server(prefix = "/api", endpoint = "admin/publish-policy")]
pub async fn publish_policy(purpose: Choice<ConsentPurpose>, text_ja: String, text_en: String) -> Result<(), AppError> {
    use crate::backend::policies;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = "/admin/policies";
    let published = match purpose.known("purpose") {
        Ok(purpose) => {
            policies::publish(&state.db, purpose, &text_ja, &text_en, &admin.actor(), now_ms()).await.map(|_| purpose)
        }
        Err(error) => Err(error),
    };
    let typed = match &purpose {
        Choice::Known(purpose) => purpose.as_str(),
        Choice::Other(_) => "",
    };
    let next = |purpose: ConsentPurpose| format!("{back}?published={}", purpose.as_str());
    form_answer(published, next, back, &[("purpose", typed), ("text_ja", &text_ja), ("text_en", &text_en)])
}
