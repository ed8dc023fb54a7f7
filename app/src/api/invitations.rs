//! Re-application invitations: the candidate's answer (`/portal/invitations/:id`) and a recruiter inviting
//! someone (from the candidate page).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "portal/invitation")]
pub async fn load_invitation(id: String) -> Result<Invitation, AppError> {
    use crate::backend::invitations;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    invitations::one(&state.db, &candidate.id, &id, request_lang()).await.map_err(status)
}

/// Accept, decline or "remind me later" (`answer` = accept | decline | later).
#[server(prefix = "/api", endpoint = "portal/answer-invitation")]
pub async fn answer_invitation(
    id: String,
    answer: Choice<InvitationAnswer>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::invitations;
    let state = app_state()?;
    let candidate = require_candidate(&state).await?;
    let back = format!("/portal/invitations/{}", percent_encode(&id));
    let reason = reason.unwrap_or_default();
    let answered = match answer.known("answer") {
        Ok(answer) => {
            let (db, config, actor) = (&state.db, &state.config, candidate.actor());
            invitations::answer(db, config, &candidate.id, &id, answer, &reason, &actor, now_ms()).await.map(|_| answer)
        }
        Err(error) => Err(error),
    };
    let next = |answer| {
        let done = match answer {
            InvitationAnswer::Accept => "accepted",
            InvitationAnswer::Decline => "declined",
            InvitationAnswer::Later => "snoozed",
        };
        format!("{back}?done={done}")
    };
    form_answer(answered, next, &back, &[("reason", &reason)])
}

/// Invites a candidate to an open job (recruiters and admins).
#[server(prefix = "/api", endpoint = "admin/invite")]
pub async fn invite_candidate(candidate_id: String, job_id: String) -> Result<(), AppError> {
    use crate::backend::invitations;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}", percent_encode(&candidate_id));
    let actor = recruiter.actor();
    match invitations::invite(&state.db, &state.config, &candidate_id, &job_id, &actor, now_ms()).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}?invited=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}
