use crate::domain::{AppError, ConsentOverview, PolicyVersion};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "portal/consents")]
pub async fn load_consents() -> Result<ConsentOverview, AppError> {
    use crate::backend::{consent, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    Ok(consent::overview(&state.db, &candidate_id, request_lang()).await?)
}

/// Grants or withdraws one purpose (for agency referral: one agency) for the signed-in candidate.
#[server(prefix = "/api", endpoint = "portal/consent")]
pub async fn set_consent(purpose: String, action: String, agency_id: Option<String>) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, consent, now_ms, request::*};
    use crate::domain::{ConsentAction, ConsentChannel, ConsentPurpose};
    use crate::i18n::Msg;
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let back = "/portal/consent";
    let Some(purpose) = ConsentPurpose::parse(&purpose) else {
        return form_error(AppError::field("purpose", Msg::ErrInvalid), back, &[]);
    };
    let Some(action) = ConsentAction::parse(&action) else {
        return form_error(AppError::field("action", Msg::ErrInvalid), back, &[]);
    };
    if purpose == ConsentPurpose::AgencyReferral && action == ConsentAction::Granted {
        // a new referral is agreed on the referral page, where the agency, the items and the purpose are shown;
        // here only a current one can be confirmed again under a new policy version
        let agency = agency_id.as_deref().unwrap_or_default();
        if !agency.is_empty() && !crate::backend::relay::agreed_to(&state.db, &candidate_id, agency).await? {
            return form_error(AppError::field("agency_id", Msg::ErrUseRelayPage), back, &[]);
        }
    }
    let ip = client_ip();
    let domain = state.config.mail_domain();
    let change = consent::Change {
        candidate_id: &candidate_id,
        purpose,
        agency_id: agency_id.as_deref().filter(|a| !a.is_empty()),
        action,
        channel: ConsentChannel::Portal,
        actor: Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) },
        mail_domain: &domain,
    };
    match consent::change(&state.db, &change, now_ms()).await {
        Ok(changed) => {
            let saved = match (changed, action) {
                (false, _) => "unchanged",
                (true, ConsentAction::Granted) => "granted",
                (true, ConsentAction::Withdrawn) => "withdrawn",
            };
            leptos_axum::redirect(&format!("{back}?saved={saved}#{}", purpose.as_str()));
            Ok(())
        }
        Err(error) => form_error(error, back, &[]),
    }
}

#[server(prefix = "/api", endpoint = "admin/policies")]
pub async fn load_policies() -> Result<Vec<PolicyVersion>, AppError> {
    use crate::backend::{consent, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    Ok(consent::policy_versions(&state.db).await?)
}

#[server(prefix = "/api", endpoint = "admin/publish-policy")]
pub async fn publish_policy(purpose: String, text_ja: String, text_en: String) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, consent, now_ms, request::*};
    use crate::domain::{ConsentPurpose, Role};
    use crate::i18n::Msg;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = "/admin/policies";
    let Some(purpose) = ConsentPurpose::parse(&purpose) else {
        return form_error(AppError::field("purpose", Msg::ErrInvalid), back, &[]);
    };
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    match consent::publish(&state.db, purpose, &text_ja, &text_en, &actor, now_ms()).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}?published={}", purpose.as_str()));
            Ok(())
        }
        Err(error) => {
            form_error(error, back, &[("purpose", purpose.as_str()), ("text_ja", &text_ja), ("text_en", &text_en)])
        }
    }
}
