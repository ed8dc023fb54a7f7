//! The portal's home (`/portal`): the candidate's applications, invitations and whether a consent needs a look.
use crate::domain::{AppError, ApplicationSummary, Invitation};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalHomeData {
    pub display_name: String,
    pub applications: Vec<ApplicationSummary>,
    /// A consent was given under a policy version that has since been replaced.
    pub consent_review_needed: bool,
    pub invitations: Vec<Invitation>,
}

#[server(prefix = "/api", endpoint = "portal/home")]
pub async fn load_portal_home() -> Result<PortalHomeData, AppError> {
    use crate::backend::prelude::*;
    use crate::backend::{consent, invitations, portal};
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let lang = request_lang();
    let display_name = portal::display_name(&state.db, &candidate.id).await?;
    let applications = portal::applications(&state.db, &candidate.id, lang).await?;
    let consents = consent::overview(&state.db, &candidate.id, lang).await?;
    let consent_review_needed = consents.cards.iter().any(|c| c.needs_review());
    let invitations = invitations::for_candidate(&state.db, &candidate.id, lang).await?;
    Ok(PortalHomeData { display_name, applications, consent_review_needed, invitations })
}
