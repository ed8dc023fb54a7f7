//! Career relay server functions: the candidate's referral page, the agency portal, and the admin's agencies,
//! ledger and rejections.
// a server function takes one argument per form field, and the agency form has eight
#![allow(clippy::too_many_arguments)]
use crate::domain::{AgencyPage, AgencyReferral, AppError, RelayChoices, RelayLink, RelayOverview};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::backend::{audit::Actor, now_ms, rejection, relay, request::*};
#[cfg(feature = "ssr")]
use crate::domain::Role;

// ---------------------------------------------------------------- candidate

/// What a personal referral link shows (the link itself is the caller's proof; nothing is used up here).
#[server(prefix = "/api", endpoint = "relay/link")]
pub async fn load_relay_link(token: String) -> Result<RelayLink, AppError> {
    let state = app_state()?;
    let me = signed_in_candidate(&state).await?;
    relay::link(&state.db, &token, me.as_deref(), request_lang(), now_ms()).await
}

/// The referral page for the signed-in candidate (the company-wide link leads here after signing in); None for
/// anyone else, who is asked for their address first.
#[server(prefix = "/api", endpoint = "relay/choices")]
pub async fn load_relay_choices() -> Result<Option<RelayChoices>, AppError> {
    let state = app_state()?;
    match signed_in_candidate(&state).await? {
        Some(candidate_id) => relay::choices(&state.db, &candidate_id, request_lang()).await.map(Some).map_err(status),
        None => Ok(None),
    }
}

/// Sends a sign-in link that leads to the referral page (the company-wide referral URL).
#[server(prefix = "/api", endpoint = "relay/request-link")]
pub async fn request_relay_link(email: String) -> Result<(), AppError> {
    let state = app_state()?;
    let parsed = match crate::domain::Email::parse(&email) {
        Ok(parsed) => parsed,
        Err(msg) => return form_error(AppError::field("email", msg), "/relay", &[("email", &email)]),
    };
    let ip = client_ip();
    match crate::backend::auth::request_magic_link_to(&state, &parsed, &ip, Some("relay"), now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect("/portal/sign-in/sent");
            Ok(())
        }
        Err(error) => form_error(error, "/relay", &[("email", &email)]),
    }
}

/// The candidate's answers on the referral page. Every choice is off unless ticked.
#[server(prefix = "/api", endpoint = "relay/submit")]
pub async fn submit_relay(
    token: Option<String>,
    agencies: Option<Vec<String>>,
    talent_pool: Option<String>,
    job_news: Option<String>,
    contact_after: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let me = signed_in_candidate(&state).await?;
    let token = token.filter(|t| !t.is_empty());
    let back = match &token {
        Some(token) => format!("/relay/{}", percent_encode(token)),
        None => "/relay".to_owned(),
    };
    let caller = match (&token, &me) {
        (Some(token), _) => relay::Caller::Link { token, signed_in: me.as_deref() },
        (None, Some(me)) => relay::Caller::Candidate(me),
        (None, None) => return form_error(AppError::Unauthorized, "/relay", &[]),
    };
    let answers = relay::Answers {
        agencies: agencies.unwrap_or_default(),
        talent_pool: talent_pool.is_some_and(|v| v == "yes"),
        job_news: job_news.is_some_and(|v| v == "yes"),
        contact_after_months: contact_after.as_deref().unwrap_or("0").parse().unwrap_or(-1),
    };
    let ip = client_ip();
    match relay::submit(&state.db, &state.config, caller, &answers, &ip, now_ms()).await {
        // the link authorises this answer only: it signs no one in (the done page offers a sign-in link by mail)
        Ok(relay::Submitted::Saved { referred, .. }) => {
            leptos_axum::redirect(&format!("/relay/done?referred={referred}"));
            Ok(())
        }
        Ok(relay::Submitted::AlreadyAnswered { .. }) => {
            leptos_axum::redirect("/relay/done?again=1");
            Ok(())
        }
        Err(relay::Refusal::Link(reason)) => {
            leptos_axum::redirect(&format!("/relay/problem?reason={reason}"));
            Err(status(AppError::NotFound))
        }
        Err(relay::Refusal::OtherPerson) => {
            leptos_axum::redirect("/relay/problem?reason=other");
            Err(status(AppError::Forbidden))
        }
        Err(relay::Refusal::Error(error)) => form_error(error, &back, &[]),
    }
}

// ---------------------------------------------------------------- agency portal

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyPortal {
    pub agency_name: String,
    pub referrals: Vec<AgencyReferral>,
    /// the cursor of the next page, if there is one
    pub next: Option<(i64, String)>,
}

#[server(prefix = "/api", endpoint = "agency/referrals")]
pub async fn load_agency_portal(before_at: Option<i64>, before_id: Option<String>) -> Result<AgencyPortal, AppError> {
    let state = app_state()?;
    let user = require_agency(&state).await?;
    let mut conn = state.db.pool().acquire().await?;
    let agency = relay::agency(&mut conn, &user.agency_id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    let referrals =
        relay::agency_referrals(&state.db, &user.agency_id, before_at.zip(before_id), request_lang()).await?;
    let next = (referrals.len() as i64 == relay::AGENCY_PAGE)
        .then(|| referrals.last().map(|r| (r.provided_at, r.id.clone())))
        .flatten();
    let shown = referrals.iter().filter(|r| r.withdrawn_at.is_none()).count();
    let mut conn = state.db.pool().acquire().await?;
    let ip = client_ip();
    let actor = Actor { kind: "agency_user", id: Some(&user.id), ip: Some(&ip) };
    let detail = format!("{shown} referrals shown");
    crate::backend::audit::record(&mut conn, &actor, "viewed", ("agency", Some(&user.agency_id)), &detail, now_ms())
        .await?;
    Ok(AgencyPortal { agency_name: agency.name, referrals, next })
}

/// One referral of the caller's agency (another agency's is not found).
#[server(prefix = "/api", endpoint = "agency/referral")]
pub async fn load_agency_referral(id: String) -> Result<AgencyReferral, AppError> {
    let state = app_state()?;
    let user = require_agency(&state).await?;
    let referral = relay::agency_referral(&state.db, &user.agency_id, &id, request_lang())
        .await?
        .ok_or_else(|| status(AppError::NotFound))?;
    let mut conn = state.db.pool().acquire().await?;
    let ip = client_ip();
    let actor = Actor { kind: "agency_user", id: Some(&user.id), ip: Some(&ip) };
    crate::backend::audit::record(&mut conn, &actor, "viewed", ("referral", Some(&id)), "", now_ms()).await?;
    Ok(referral)
}

/// The agency reports a referral registered, placed or declined.
#[server(prefix = "/api", endpoint = "agency/referral-status")]
pub async fn set_referral_status(id: String, status: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_agency(&state).await?;
    let ip = client_ip();
    let actor = Actor { kind: "agency_user", id: Some(&user.id), ip: Some(&ip) };
    match relay::set_status(&state.db, &user.agency_id, &id, &status, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/agency?saved={}#r-{}", percent_encode(&status), percent_encode(&id)));
            Ok(())
        }
        Err(error) => form_error(error, "/agency", &[]),
    }
}

/// Whether a password link (an agency user's or a colleague's) can be used: "valid", "used", "expired" or
/// "invalid".
#[server(prefix = "/api", endpoint = "agency/setup-state")]
pub async fn agency_setup_state(token: String) -> Result<String, AppError> {
    let state = app_state()?;
    Ok(crate::backend::users::setup_link_state(&state.db, &token, now_ms()).await?.name().to_owned())
}

/// An invited agency user chooses a password and is signed in.
#[server(prefix = "/api", endpoint = "agency/set-password")]
pub async fn set_agency_password(token: String, password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let back = format!("/agency/set-password/{}", percent_encode(&token));
    match crate::backend::users::set_password(&state.db, &token, &password, true, &client_ip(), now_ms()).await {
        Ok(user_id) => {
            start_session(&state, crate::backend::sessions::SessionKind::Agency, &user_id).await?;
            leptos_axum::redirect("/agency");
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

// ---------------------------------------------------------------- admin

#[server(prefix = "/api", endpoint = "admin/relay")]
pub async fn load_relay_overview() -> Result<RelayOverview, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(relay::overview(&state.db, &state.config, now_ms()).await?)
}

/// One agency: details, users, credits and history (admins).
#[server(prefix = "/api", endpoint = "admin/agency")]
pub async fn load_agency(id: String) -> Result<AgencyPage, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    relay::agency_page(&state.db, &id).await?.ok_or_else(|| status(AppError::NotFound))
}

/// Creates (empty id) or updates a partner agency (admins).
#[server(prefix = "/api", endpoint = "admin/save-agency")]
pub async fn save_agency(
    id: Option<String>,
    name: String,
    address: String,
    representative: String,
    contact_email: String,
    items: Option<Vec<String>>,
    referrals_per_credit: String,
    active: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let id = id.filter(|i| !i.is_empty());
    let back = match &id {
        Some(id) => format!("/admin/relay/agencies/{}", percent_encode(id)),
        None => "/admin/relay/agencies/new".to_owned(),
    };
    let input = relay::AgencyInput {
        name: name.clone(),
        address: address.clone(),
        representative: representative.clone(),
        contact_email: contact_email.clone(),
        items: items.unwrap_or_default(),
        referrals_per_credit: referrals_per_credit.clone(),
        active: active.is_some_and(|v| v == "yes"),
    };
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    match relay::save_agency(&state.db, id.as_deref(), &input, &actor, now_ms()).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/admin/relay/agencies/{}?saved=1", percent_encode(&id)));
            Ok(())
        }
        Err(error) => form_error(
            error,
            &back,
            &[
                ("name", &name),
                ("address", &address),
                ("representative", &representative),
                ("contact_email", &contact_email),
                ("referrals_per_credit", &referrals_per_credit),
            ],
        ),
    }
}

#[server(prefix = "/api", endpoint = "admin/invite-agency-user")]
pub async fn invite_agency_user(agency_id: String, email: String, display_name: String) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = format!("/admin/relay/agencies/{}", percent_encode(&agency_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    match relay::invite_agency_user(&state.db, &state.config, &agency_id, &email, &display_name, &actor, now_ms()).await
    {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}?invited=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("user_email", &email), ("display_name", &display_name)]),
    }
}

#[server(prefix = "/api", endpoint = "admin/remove-agency-user")]
pub async fn remove_agency_user(agency_id: String, user_id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = format!("/admin/relay/agencies/{}", percent_encode(&agency_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    match relay::remove_agency_user(&state.db, &agency_id, &user_id, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?removed=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}

/// Records the use of one credit for a hire (admins).
#[server(prefix = "/api", endpoint = "admin/redeem-credit")]
pub async fn redeem_credit(
    agency_id: String,
    hire_reference: String,
    redeemed_on: String,
    note: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let back = format!("/admin/relay/agencies/{}", percent_encode(&agency_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&admin.id), ip: Some(&ip) };
    match relay::redeem(&state.db, &agency_id, &hire_reference, &redeemed_on, &note, &actor, now_ms()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?redeemed=1#ledger"));
            Ok(())
        }
        Err(error) => form_error(
            error,
            &back,
            &[("hire_reference", &hire_reference), ("redeemed_on", &redeemed_on), ("note", &note)],
        ),
    }
}

/// Rejects an application with a reason and, when asked, the rejection mail (recruiters and admins).
#[server(prefix = "/api", endpoint = "admin/reject")]
pub async fn reject_application(
    candidate_id: String,
    application_id: String,
    reason_id: String,
    note: String,
    send_mail: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/candidates/{}", percent_encode(&candidate_id));
    let ip = client_ip();
    let actor = Actor { kind: "user", id: Some(&recruiter.id), ip: Some(&ip) };
    let send = send_mail.is_some_and(|v| v == "yes");
    match rejection::reject(&state.db, &state.config, &application_id, &reason_id, &note, send, &actor, now_ms()).await
    {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}?rejected=1"));
            Ok(())
        }
        Err(error) => form_error(error, &back, &[("note", &note), ("application", &application_id)]),
    }
}
