//! Who is calling. Any HTTP client can call any server function or handler, so each one starts here: a
//! `require_*` answers 401 (or 403 for a recruiter whose role is too low) to anyone else and returns the caller,
//! whose id scopes every query and whose [`actor`](Recruiter::actor) signs every audit entry.
//!
//! Server functions use `require_*` (the caller is looked up once per rendered page, see [`CallerMemo`]); plain
//! axum handlers (uploads, downloads, CSV) use `*_in` with the request's headers and address.
use super::core::audit::Actor;
use super::core::db::{now_ms, Db};
use super::core::request::cookie_in;
use super::core::request::{client_ip, session_cookie_name, session_id, status, CallerMemo};
use super::core::sessions::{self, Session, SessionKind};
use super::core::state::AppState;
use crate::domain::{AppError, Role, Viewer};
use leptos::prelude::use_context;

/// A signed-in recruiter (admin, recruiter or viewer).
#[derive(Clone, Debug)]
pub struct Recruiter {
    pub id: String,
    pub role: Role,
    pub ip: String,
}

impl Recruiter {
    pub fn actor(&self) -> Actor<'_> {
        Actor::user(&self.id, &self.ip)
    }
}

/// A signed-in candidate.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: String,
    pub ip: String,
}

impl Candidate {
    pub fn actor(&self) -> Actor<'_> {
        Actor::candidate(&self.id, &self.ip)
    }
}

/// A signed-in user of an active partner agency.
#[derive(Clone, Debug)]
pub struct AgencyUser {
    pub id: String,
    pub agency_id: String,
    pub ip: String,
}

impl AgencyUser {
    pub fn actor(&self) -> Actor<'_> {
        Actor::agency_user(&self.id, &self.ip)
    }
}

/// The session behind this request's cookie, if it is live.
pub async fn current_session(state: &AppState) -> Result<Option<Session>, AppError> {
    let Some(id) = session_id(&state.config) else {
        return Ok(None);
    };
    let lookup = || async { sessions::lookup(&state.db, &id, now_ms()).await };
    match use_context::<CallerMemo>() {
        Some(memo) => Ok(memo.session.get_or_try_init(lookup).await?.clone()),
        None => Ok(lookup().await?),
    }
}

/// Who is signed in, if anyone.
pub async fn current_viewer(state: &AppState) -> Result<Option<Viewer>, AppError> {
    let lookup = || async {
        match current_session(state).await? {
            Some(session) => Ok::<_, AppError>(viewer_for(&state.db, &session).await?),
            None => Ok(None),
        }
    };
    match use_context::<CallerMemo>() {
        Some(memo) => Ok(memo.viewer.get_or_try_init(lookup).await?.clone()),
        None => lookup().await,
    }
}

/// The signed-in recruiter, if their role includes `needed`; 401 or 403 otherwise.
pub async fn require_recruiter(state: &AppState, needed: Role) -> Result<Recruiter, AppError> {
    recruiter_of(current_viewer(state).await?, needed, client_ip()).map_err(status)
}

/// The signed-in candidate; 401 otherwise.
pub async fn require_candidate(state: &AppState) -> Result<Candidate, AppError> {
    signed_in_candidate(state).await?.ok_or_else(|| status(AppError::Unauthorized))
}

/// The signed-in candidate, if a candidate is signed in (pages that also work for someone holding a link).
pub async fn signed_in_candidate(state: &AppState) -> Result<Option<Candidate>, AppError> {
    Ok(match current_viewer(state).await? {
        Some(Viewer::Candidate { id, .. }) => Some(Candidate { id, ip: client_ip() }),
        _ => None,
    })
}

/// The signed-in agency user and their agency; 401 for anyone else (recruiters included: they have /admin).
pub async fn require_agency(state: &AppState) -> Result<AgencyUser, AppError> {
    agency_of(&state.db, current_session(state).await?, client_ip()).await.map_err(status)
}

/// [`require_recruiter`] for a plain handler.
pub async fn recruiter_in(
    state: &AppState,
    headers: &http::HeaderMap,
    ip: &str,
    needed: Role,
) -> Result<Recruiter, AppError> {
    let viewer = match session_in(state, headers).await? {
        Some(session) => viewer_for(&state.db, &session).await?,
        None => None,
    };
    recruiter_of(viewer, needed, ip.to_owned())
}

/// [`require_candidate`] for a plain handler.
pub async fn candidate_in(state: &AppState, headers: &http::HeaderMap, ip: &str) -> Result<Candidate, AppError> {
    match session_in(state, headers).await? {
        Some(session) if session.kind == SessionKind::Candidate => {
            Ok(Candidate { id: session.subject_id, ip: ip.to_owned() })
        }
        _ => Err(AppError::Unauthorized),
    }
}

/// [`require_agency`] for a plain handler.
pub async fn agency_in(state: &AppState, headers: &http::HeaderMap, ip: &str) -> Result<AgencyUser, AppError> {
    agency_of(&state.db, session_in(state, headers).await?, ip.to_owned()).await
}

async fn session_in(state: &AppState, headers: &http::HeaderMap) -> Result<Option<Session>, AppError> {
    match cookie_in(headers, session_cookie_name(&state.config)).filter(|v| !v.is_empty()) {
        Some(id) => Ok(sessions::lookup(&state.db, &id, now_ms()).await?),
        None => Ok(None),
    }
}

fn recruiter_of(viewer: Option<Viewer>, needed: Role, ip: String) -> Result<Recruiter, AppError> {
    match viewer {
        Some(Viewer::Recruiter { id, role, .. }) if role.includes(needed) => Ok(Recruiter { id, role, ip }),
        Some(Viewer::Recruiter { .. }) => Err(AppError::Forbidden),
        _ => Err(AppError::Unauthorized),
    }
}

async fn agency_of(db: &Db, session: Option<Session>, ip: String) -> Result<AgencyUser, AppError> {
    let Some(session) = session.filter(|s| s.kind == SessionKind::Agency) else {
        return Err(AppError::Unauthorized);
    };
    match agency_of_user(db, &session.subject_id).await? {
        Some(agency_id) => Ok(AgencyUser { id: session.subject_id, agency_id, ip }),
        None => Err(AppError::Unauthorized),
    }
}

/// The agency of an active agency user, while the agency itself is active (an inactive one has no access).
pub async fn agency_of_user(db: &Db, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT u.agency_id FROM users u JOIN agencies a ON a.id = u.agency_id \
         WHERE u.id = $1 AND u.role = 'agency' AND u.status = 'active' AND a.status = 'active'",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await
    .map(Option::flatten)
}

/// Who a session belongs to, or None if the account is gone or disabled.
pub async fn viewer_for(db: &Db, session: &Session) -> Result<Option<Viewer>, sqlx::Error> {
    match session.kind {
        SessionKind::Candidate => {
            let person = super::people::contact(&mut *db.pool().acquire().await?, &session.subject_id).await?;
            Ok(person.map(|p| Viewer::Candidate { display_name: p.full_name(), id: p.id, email: p.email }))
        }
        SessionKind::Recruiter | SessionKind::Agency => {
            let row: Option<(String, String, String, String)> =
                sqlx::query_as("SELECT id, email, display_name, role FROM users WHERE id = $1 AND status = 'active'")
                    .bind(&session.subject_id)
                    .fetch_optional(db.pool())
                    .await?;
            Ok(row.and_then(|(id, email, display_name, role)| {
                Role::parse(&role).map(|role| Viewer::Recruiter { id, email, display_name, role })
            }))
        }
    }
}
