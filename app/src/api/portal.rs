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
    use crate::backend::{portal, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let (family, given): (String, String) =
        sqlx::query_as("SELECT family_name, given_name FROM candidates WHERE id = $1")
            .bind(&candidate_id)
            .fetch_one(state.db.pool())
            .await?;
    let lang = request_lang();
    let applications = portal::applications(&state.db, &candidate_id, lang).await?;
    let consents = crate::backend::consent::overview(&state.db, &candidate_id, lang).await?;
    let consent_review_needed = consents.cards.iter().any(|c| c.needs_review());
    let invitations = crate::backend::invitations::for_candidate(&state.db, &candidate_id, lang).await?;
    Ok(PortalHomeData { display_name: format!("{family} {given}"), applications, consent_review_needed, invitations })
}
