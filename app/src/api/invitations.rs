use crate::domain::{AppError, CandidateDetail, Invitation};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "portal/invitation")]
pub async fn load_invitation(id: String) -> Result<Invitation, AppError> {
    use crate::backend::{invitations, request::*};
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    invitations::one(&state.db, &candidate_id, &id, request_lang()).await.map_err(status)
}

/// Accept, decline or "remind me later" (`answer` = accept | decline | later).
#[server(prefix = "/api", endpoint = "portal/answer-invitation")]
pub async fn answer_invitation(id: String, answer: String, reason: Option<String>) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, invitations, now_ms, request::*};
    use crate::i18n::Msg;
    let state = app_state()?;
    let candidate_id = require_candidate(&state).await?;
    let back = format!("/portal/invitations/{}", percent_encode(&id));
    let answer = match answer.as_str() {
        "accept" => invitations::Answer::Accept,
        "decline" => invitations::Answer::Decline,
        "later" => invitations::Answer::Later,
        _ => return form_error(AppError::field("answer", Msg::ErrInvalid), &back, &[]),
    };
    let ip = client_ip();
    let actor = Actor { kind: "candidate", id: Some(&candidate_id), ip: Some(&ip) };
    let reason = reason.unwrap_or_default();
    match invitations::answer(&state.db, &state.config, &candidate_id, &id, answer, &reason, &actor, now_ms()).await {
        Ok(_) => {
            let done = match answer {
                invitations::Answer::Accept => "accepted",
                invitations::Answer::Decline => "declined",
                invitations::Answer::Later => "snoozed",
            };
            leptos_axum::redirect(&format!("{back}?done={done}"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("reason", &reason)]),
    }
}

#[server(prefix = "/api", endpoint = "admin/candidate")]
pub async fn load_candidate(id: String) -> Result<CandidateDetail, AppError> {
    use crate::backend::{audit, candidates, now_ms, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    let detail = candidates::detail(&state.db, &id, request_lang(), now_ms())
        .await?
        .ok_or_else(|| status(AppError::NotFound))?;
    let mut conn = state.db.pool().acquire().await?;
    let ip = client_ip();
    let actor = audit::Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    audit::record(&mut conn, &actor, "viewed", ("candidate", Some(&id)), "candidate page", now_ms()).await?;
    Ok(detail)
}

/// Invites a candidate to an open job (recruiters and admins).
#[server(prefix = "/api", endpoint = "admin/invite")]
pub async fn invite_candidate(candidate_id: String, job_id: String) -> Result<(), AppError> {
    use crate::backend::{audit::Actor, invitations, now_ms, request::*};
    use crate::domain::Role;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}", percent_encode(&candidate_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    match invitations::invite(&state.db, &state.config, &candidate_id, &job_id, &actor, now_ms()).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}?invited=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}
