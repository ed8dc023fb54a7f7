//! The `kizuna` server: router, middleware, background workers. `main.rs` only parses the command line.
pub mod assets;
pub mod bench;
pub mod config;
pub mod handlers;
pub mod middleware;
pub mod seed;
pub mod workers;

use app::backend::{AppState, Config, Db};
use app::{shell, App};
use axum::routing::{get, post};
use axum::Router;
use http::StatusCode;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;

pub use assets::leptos_options;

pub fn router(state: AppState, options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let fallback_state = state.clone();
    let base_url = Arc::new(state.config.base_url.clone());
    let trusted_hops = state.config.trust_proxy;
    let readiness = state.clone();
    let unsubscribe_state = state.clone();
    let upload_state = state.clone();
    let download_state = state.clone();
    let agency_resume_state = state.clone();
    let ledger_state = state.clone();
    let export_state = state.clone();
    let selected_state = state.clone();
    let audit_state = state.clone();
    let analytics_state = state.clone();
    let import_state = state.clone();
    let flash_state = state.clone();
    let click_state = state.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/readyz",
            get(move || {
                let state = readiness.clone();
                async move {
                    if state.db.is_ready().await {
                        (StatusCode::OK, "ready")
                    } else {
                        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable or not migrated")
                    }
                }
            }),
        )
        .route(
            "/unsubscribe/{token}",
            post(move |ip, path, headers| {
                handlers::unsubscribe::one_click(unsubscribe_state.clone(), ip, path, headers)
            }),
        )
        .route("/go/{key}/{target}", get(move |path| handlers::campaigns::follow(click_state.clone(), path)))
        .route(
            "/portal/resume",
            post(move |ip, headers, multipart| handlers::resumes::upload(upload_state.clone(), ip, headers, multipart))
                .layer(axum::extract::DefaultBodyLimit::max(handlers::resumes::BODY_LIMIT)),
        )
        .route(
            "/portal/resume/{id}",
            get(move |ip, path, headers| handlers::resumes::download(download_state.clone(), ip, path, headers)),
        )
        .route(
            "/agency/resume/{referral}",
            get(move |ip, path, headers| {
                handlers::relay::agency_resume(agency_resume_state.clone(), ip, path, headers)
            }),
        )
        .route(
            "/admin/relay/agencies/{id}/ledger.csv",
            get(move |ip, path, headers| handlers::relay::ledger_csv(ledger_state.clone(), ip, path, headers)),
        )
        .route(
            "/admin/candidates.csv",
            get(move |ip, query, headers| {
                handlers::candidate_list::export_list(export_state.clone(), ip, query, headers)
            }),
        )
        .route(
            "/admin/import",
            post(move |ip, headers, multipart| handlers::import::upload(import_state.clone(), ip, headers, multipart))
                .layer(axum::extract::DefaultBodyLimit::max(handlers::import::BODY_LIMIT)),
        )
        .route(
            "/admin/analytics/funnel.csv",
            get(move |ip, query, headers| handlers::analytics::funnel(analytics_state.clone(), ip, query, headers)),
        )
        .route(
            "/admin/audit.csv",
            get(move |ip, query, headers| handlers::audit::export(audit_state.clone(), ip, query, headers)),
        )
        .route(
            "/admin/candidates/export",
            post(move |ip, headers, form| {
                handlers::candidate_list::export_selected(selected_state.clone(), ip, headers, form)
            }),
        )
        // the built assets, with conditional requests (304) and any precompressed `.br` / `.gz` beside a file
        .nest_service(
            "/pkg",
            tower_http::services::ServeDir::new(std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .leptos_routes_with_context(&options, routes, move || provide_context(context_state.clone()), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            move || provide_context(fallback_state.clone()),
            shell,
        ))
        .layer(axum::middleware::from_fn(middleware::security::bad_arguments_are_unprocessable))
        .layer(axum::middleware::from_fn_with_state(flash_state, middleware::flash::layer))
        .layer(axum::middleware::from_fn(middleware::security::body_limit))
        .layer(axum::middleware::from_fn_with_state(base_url, middleware::security::csrf_guard))
        .layer(axum::middleware::from_fn_with_state(trusted_hops, middleware::security::client_address_layer))
        .layer(axum::middleware::from_fn(middleware::security::security_headers))
        // brotli or gzip as the browser asks, for HTML, CSS, JS, wasm and CSV (not images, not tiny bodies)
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(options)
}

/// Connects, migrates and builds the shared state.
pub async fn prepare(database_url: &str, config: Config) -> Result<AppState, String> {
    let db = Db::connect(database_url).await.map_err(|e| format!("database: {e}"))?;
    db.migrate().await.map_err(|e| format!("migrations: {e}"))?;
    Ok(AppState { db, config: Arc::new(config) })
}
