//! The candidate's consent centre (`/portal/consent`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "portal/consents")]
pub async fn load_consents() -> Result<ConsentOverview, AppError> {
    use crate::backend::consent;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    Ok(consent::overview(&state.db, &candidate.id, request_lang()).await?)
}

/// Grants or withdraws one purpose (for agency referral: one agency) for the signed-in candidate.
#[server(prefix = "/api", endpoint = "portal/consent")]
pub async fn set_consent(
    purpose: Choice<ConsentPurpose>,
    action: Choice<ConsentAction>,
    agency_id: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::consent;
    use crate::domain::ConsentChannel;
    use crate::i18n::Msg;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let back = "/portal/consent";
    let (purpose, action) = match (purpose.known("purpose"), action.known("action")) {
        (Ok(purpose), Ok(action)) => (purpose, action),
        (Err(error), _) | (_, Err(error)) => return form_error(error, back, &[]),
    };
    if purpose == ConsentPurpose::AgencyReferral && action == ConsentAction::Granted {
        // a new referral is agreed on the referral page, where the agency, the items and the purpose are shown;
        // here only a current one can be confirmed again under a new policy version
        let agency = agency_id.as_deref().unwrap_or_default();
        if !agency.is_empty() && !crate::backend::relay::opt_in::agreed_to(&state.db, &candidate.id, agency).await? {
            return form_error(AppError::field("agency_id", Msg::ErrUseRelayPage), back, &[]);
        }
    }
    let domain = state.config.mail_domain();
    let change = consent::Change {
        candidate_id: &candidate.id,
        purpose,
        agency_id: agency_id.as_deref().filter(|a| !a.is_empty()),
        action,
        channel: ConsentChannel::Portal,
        actor: candidate.actor(),
        mail_domain: &domain,
    };
    let changed = consent::change(&state.db, &change, now_ms()).await;
    let next = |changed| {
        let saved = match (changed, action) {
            (false, _) => "unchanged",
            (true, ConsentAction::Granted) => "granted",
            (true, ConsentAction::Withdrawn) => "withdrawn",
        };
        format!("{back}?saved={saved}#{}", purpose.as_str())
    };
    form_answer(changed, next, back, &[])
}
