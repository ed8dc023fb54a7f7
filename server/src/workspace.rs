//! CSV export of the recruiter's candidate list: a whole list view (its filters in the query) or a selection.
use app::backend::audit::{self, Actor};
use app::backend::request::ClientIp;
use app::backend::request::{cookie_in, session_cookie_name};
use app::backend::{candidates, csv, now_ms, sessions, AppState};
use app::components::i18n::format_date;
use app::domain::{AppError, CandidateFilter, Role, Viewer};
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use axum::Form;
use http::{header, HeaderMap, HeaderValue, StatusCode};

/// The most rows one export holds.
pub const MAX_EXPORT_ROWS: usize = 100_000;
const PAGE: i64 = 1000;

/// The signed-in user's id, if their role includes `needed` (personal data: recruiters and admins).
pub(crate) async fn exporter(state: &AppState, headers: &HeaderMap, needed: Role) -> Result<String, AppError> {
    let id = cookie_in(headers, session_cookie_name(&state.config)).filter(|v| !v.is_empty());
    let session = sessions::lookup(&state.db, &id.ok_or(AppError::Unauthorized)?, now_ms())
        .await?
        .ok_or(AppError::Unauthorized)?;
    match app::backend::auth::viewer_for(&state.db, &session).await? {
        Some(Viewer::Recruiter { id, role, .. }) if role.includes(needed) => Ok(id),
        Some(Viewer::Recruiter { .. }) => Err(AppError::Forbidden),
        _ => Err(AppError::Unauthorized),
    }
}

async fn export(state: &AppState, headers: &HeaderMap, ip: String, filter: CandidateFilter) -> Response {
    let result = async {
        let user = exporter(state, headers, Role::Recruiter).await?;
        let mut out = String::from("\u{feff}");
        out.push_str(&csv::row(&["id", "name", "kana", "email", "source", "tags", "created", "last_contact"]));
        let mut after: Option<String> = None;
        let mut rows = 0;
        loop {
            let (page, next) = candidates::list(&state.db, &filter, after.as_deref(), PAGE).await?;
            for c in &page {
                out.push_str(&csv::row(&[
                    &c.id,
                    &c.name,
                    c.kana.as_deref().unwrap_or_default(),
                    &c.email,
                    c.source_channel.as_str(),
                    &c.tags.join(" "),
                    &format_date(c.created_at),
                    &c.last_contact_at.map(format_date).unwrap_or_default(),
                ]));
            }
            rows += page.len();
            match next {
                Some(next) if rows < MAX_EXPORT_ROWS => after = Some(next),
                _ => break,
            }
        }
        let mut conn = state.db.pool().acquire().await?;
        let actor = Actor { kind: "user", id: Some(&user), ip: Some(&ip) };
        audit::record(&mut conn, &actor, "exported", ("candidate", None), &format!("{rows} rows (csv)"), now_ms())
            .await?;
        Ok::<_, AppError>(out)
    }
    .await;
    csv_response(result, "attachment; filename=\"candidates.csv\"")
}

fn csv_response(result: Result<String, AppError>, disposition: &'static str) -> Response {
    match result {
        Ok(body) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(disposition));
            response
        }
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.code()).into_response()
        }
    }
}

/// `GET /admin/audit.csv?action=…&actor=…&subject_kind=…&subject_id=…`: the audit log as CSV (admins).
pub async fn export_audit(state: AppState, Query(pairs): Query<Vec<(String, String)>>, headers: HeaderMap) -> Response {
    let result = async {
        exporter(&state, &headers, Role::Admin).await?;
        let value =
            |key: &str| pairs.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| v.trim().to_owned());
        let (action, actor, kind, id) = (value("action"), value("actor"), value("subject_kind"), value("subject_id"));
        let mut out = String::from("\u{feff}");
        out.push_str(&csv::row(&["at", "actor_kind", "actor", "action", "subject_kind", "subject_id", "detail", "ip"]));
        let mut before = None;
        let mut rows = 0;
        loop {
            let query = audit::Query {
                subject: kind.as_deref().zip(id.as_deref()),
                action: action.as_deref(),
                actor_email: actor.as_deref(),
                before: before.clone(),
                limit: PAGE,
            };
            let page = audit::list(&state.db, &query).await?;
            for e in &page {
                out.push_str(&csv::row(&[
                    &app::components::i18n::format_datetime(e.at),
                    &e.actor_kind,
                    e.actor.as_deref().unwrap_or_default(),
                    &e.action,
                    &e.subject_kind,
                    e.subject_id.as_deref().unwrap_or_default(),
                    &e.detail,
                    e.ip.as_deref().unwrap_or_default(),
                ]));
            }
            rows += page.len();
            match page.last() {
                Some(last) if page.len() as i64 == PAGE && rows < MAX_EXPORT_ROWS => {
                    before = Some((last.at, last.id.clone()))
                }
                _ => break,
            }
        }
        Ok::<_, AppError>(out)
    }
    .await;
    csv_response(result, "attachment; filename=\"audit.csv\"")
}

/// `GET /admin/candidates.csv?…`: every candidate of a list view (the same filters as the page).
pub async fn export_list(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let filter = CandidateFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    export(&state, &headers, ip, filter).await
}

/// `POST /admin/candidates/export`: the candidates ticked in the list (`ids[n]` fields of the list's form).
pub async fn export_selected(
    state: AppState,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ids: Vec<String> =
        pairs.into_iter().filter(|(k, v)| k.starts_with("ids[") && !v.is_empty()).map(|(_, v)| v).take(1000).collect();
    if ids.is_empty() {
        return (StatusCode::UNPROCESSABLE_ENTITY, "ErrChooseCandidates").into_response();
    }
    let filter = CandidateFilter { ids, ..Default::default() };
    export(&state, &headers, ip, filter).await
}
