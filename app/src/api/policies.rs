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

#[server(prefix = "/api", endpoint = "admin/publish-policy")]
pub async fn publish_policy(purpose: String, text_ja: String, text_en: String) -> Result<(), AppError> {
    use crate::backend::policies;
    use crate::domain::{ConsentPurpose, Role};
    use crate::i18n::Msg;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = "/admin/policies";
    let Some(purpose) = ConsentPurpose::parse(&purpose) else {
        return form_error(AppError::field("purpose", Msg::ErrInvalid), back, &[]);
    };
    let actor = admin.actor();
    match policies::publish(&state.db, purpose, &text_ja, &text_en, &actor, now_ms()).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}?published={}", purpose.as_str()));
            Ok(())
        }
        Err(error) => {
            form_error(error, back, &[("purpose", purpose.as_str()), ("text_ja", &text_ja), ("text_en", &text_en)])
        }
    }
}
