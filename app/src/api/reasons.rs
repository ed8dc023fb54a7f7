//! The managed lists of decline reasons (`/admin/reasons`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// Both managed lists of decline reasons (admins: a setting).
#[server(prefix = "/api", endpoint = "admin/reasons")]
pub async fn load_reasons() -> Result<Vec<crate::domain::DeclineReason>, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    Ok(crate::backend::reasons::list(&state.db).await?)
}

/// Adds a reason (`side`: company or candidate) or, with `id` and `action` retire/restore, changes one (admins).
#[server(prefix = "/api", endpoint = "admin/save-reason")]
pub async fn save_reason(
    id: Option<String>,
    action: Option<String>,
    side: Option<String>,
    label_ja: Option<String>,
    label_en: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::reasons;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let actor = admin.actor();
    let back = "/admin/reasons";
    let (side, label_ja, label_en) =
        (side.unwrap_or_default(), label_ja.unwrap_or_default(), label_en.unwrap_or_default());
    let result = match (id, action.as_deref()) {
        (Some(id), Some(action @ ("retire" | "restore"))) => {
            reasons::set_active(&state.db, &id, action == "restore", &actor, now_ms()).await
        }
        (None, None) => reasons::add(&state.db, &side, &label_ja, &label_en, &actor, now_ms()).await.map(|_| ()),
        _ => Err(AppError::field("action", crate::i18n::Msg::ErrInvalid)),
    };
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?saved=1"));
            Ok(())
        }
        Err(error) => form_error(error, back, &[("side", &side), ("label_ja", &label_ja), ("label_en", &label_en)]),
    }
}
