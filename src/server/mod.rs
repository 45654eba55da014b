//! The axum side (server only): state, routes, start-up and shutdown.

mod api;
pub mod assets;
pub mod config;
pub mod context;
pub mod cookies;
mod downloads;
pub mod error;
pub mod figures;
mod health;
pub mod layers;
pub mod metrics;
pub mod openapi;
pub mod page_cache;
pub mod pages;
mod plans;
mod profiles;
pub mod rate_limit;
pub mod security;
pub mod telemetry;

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use axum::{extract::FromRef, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::net::TcpListener;

use crate::app::{shell, App};
use crate::cases::CaseStudy;
use crate::catalog::{read_cases, sync_read_catalog, LoadError, LoadOutcome};
use crate::db;
use crate::export::PdfFonts;
use config::Config;

/// Shared by every request handler and, through context, by every server function. Cloning it
/// is one reference count: axum clones a route's state, and the closures Leptos registers for
/// each page carry copies, on every request (see `SharedState` for the fields).
#[derive(Clone)]
pub struct AppState(Arc<SharedState>);

/// What [`AppState`] shares; its fields are read through `Deref` (`state.pool`).
#[derive(Clone)]
pub struct SharedState {
    pub pool: db::Pool,
    /// The PDF fonts from the site's `fonts/` folder; `None` when they are missing (PDF
    /// downloads then answer 503 and say why).
    pub pdf_fonts: Option<Arc<PdfFonts>>,
    pub leptos_options: LeptosOptions,
    pub config: Arc<Config>,
    /// Limits profile writes per client (see `rate_limit`).
    pub rate_limiter: rate_limit::RateLimiter,
    /// The fingerprinted names of the site's assets (see `assets`).
    pub assets: Arc<assets::AssetManifest>,
    /// Request counters for `/metrics` (counted only when metrics are on).
    pub metrics: metrics::Metrics,
    /// The catalog's archetypes, for suggesting a kind and ratings as profile tasks are typed;
    /// read at start-up (`prepare`), empty until then.
    pub archetype_hints: Arc<Vec<crate::profile::ArchetypeHint>>,
    /// The case studies of `data/cases`, read and checked once at start-up.
    pub cases: Arc<Vec<CaseStudy>>,
    /// The published measures and employment figures (issue #18).
    pub figures: figures::FiguresCache,
}

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// Opens and migrates the database named in `config`.
    pub async fn open(config: Config) -> anyhow::Result<Self> {
        let pool = db::connect(config.database_url.expose())
            .await
            .with_context(|| format!("opening the database {}", config.database_url))?;
        db::migrate(&pool)
            .await
            .context("applying database migrations")?;
        let assets = assets::AssetManifest::load(&config.site_root)
            .context("reading the asset manifest of the site")?;
        let mut leptos_options = LeptosOptions::builder()
            .output_name("atlas")
            .site_root(config.site_root.to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .site_addr(config.listen_addr)
            .build();
        // With a fingerprinted bundle, Leptos's hydration script loads the hashed names it reads
        // from the manifest (an absolute path, so it is not looked for beside the executable).
        if let Some(hash_file) = assets.hydration_hash_file() {
            leptos_options.hash_files = true;
            leptos_options.hash_file = hash_file.to_string_lossy().to_string().into();
        }
        let cases = read_cases(&config.data_dir, None)
            .context("reading the case studies (run `atlas catalog check`)")?;
        let pdf_fonts = load_pdf_fonts(&config.site_root);
        let rate_limiter = rate_limit::RateLimiter::new(
            config.write_rate_per_minute,
            config.write_burst,
            config.trust_forwarded_for,
        );
        Ok(Self(Arc::new(SharedState {
            pool,
            pdf_fonts,
            leptos_options,
            config: Arc::new(config),
            rate_limiter,
            assets: Arc::new(assets),
            metrics: metrics::Metrics::default(),
            archetype_hints: Arc::new(Vec::new()),
            cases: Arc::new(cases),
            figures: figures::FiguresCache::default(),
        })))
    }

    /// The same state with these PDF fonts (tests serve downloads with fonts they read).
    pub fn with_pdf_fonts(&self, fonts: Arc<PdfFonts>) -> Self {
        Self(Arc::new(SharedState {
            pdf_fonts: Some(fonts),
            ..SharedState::clone(&self.0)
        }))
    }

    /// Opens the database and brings the curated catalog up to date with the files: what the
    /// server does at start-up.
    pub async fn prepare(config: Config) -> anyhow::Result<Self> {
        let state = Self::open(config).await?;
        let catalog =
            crate::catalog::read_catalog(&state.config.data_dir).map_err(LoadError::from)?;
        match sync_read_catalog(&state.pool, &catalog, false).await? {
            LoadOutcome::Unchanged(catalog) => tracing::info!(
                version = %catalog.catalog_version,
                occupations = catalog.occupation_count,
                "catalog is current"
            ),
            LoadOutcome::Loaded(catalog) => tracing::info!(
                version = %catalog.catalog_version,
                occupations = catalog.occupation_count,
                tasks = catalog.task_count,
                "catalog loaded"
            ),
        }
        load_shipped_figures(&state).await?;
        Ok(Self(Arc::new(SharedState {
            archetype_hints: Arc::new(crate::catalog::archetype_hints(&catalog)),
            ..SharedState::clone(&state.0)
        })))
    }
}

/// Loads the published measures and employment figures of `data/measures/` when their content
/// changed. A data directory without them (a test's) loads none; broken files stop start-up.
async fn load_shipped_figures(state: &AppState) -> anyhow::Result<()> {
    let index = crate::measures::file::shipped_index(&state.config.data_dir);
    if !index.exists() {
        tracing::warn!(path = %index.display(), "no published measures: the file is missing");
        return Ok(());
    }
    let shipped = crate::measures::file::read_shipped(&state.config.data_dir)
        .context("reading the published measures")?;
    let written = db::measures::sync_shipped(&state.pool, &shipped)
        .await
        .context("storing the published measures")?;
    tracing::info!(
        measures = shipped.measures.len(),
        written,
        employment_rows = shipped.employment.len(),
        "published measures are current"
    );
    Ok(())
}

/// The app as served: [`routes`] inside the layers of `layers` (request ids, metrics when on,
/// compression, security headers, readable errors, panics, time and size limits).
pub fn router(state: AppState) -> Router {
    let http = state.config.http.clone();
    let metrics = http.metrics_addr.map(|_| state.metrics.clone());
    layers::apply(routes(state), &http, metrics)
}

/// The app's Leptos routes, generated once per process. Generating them runs the app with a
/// process-global leptos_server flag set, and a resource first polled by any render while that
/// flag is set waits forever (leptos issue 4773). So a router built while another one serves,
/// as when two instances share one process (the integration tests run a dozen at once), could
/// hang a render of the first until the request time limit (a 503 in about one run in five of
/// the hostile-input test). With one generation per process, no router is serving during it.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every route of the app, without the layers: the JSON/health endpoints, the Leptos pages (through
/// the page cache, when on) and server functions, and the static files of the built site (with the
/// 404 page for anything else).
pub fn routes(state: AppState) -> Router {
    let leptos_routes = route_list();
    let context_state = state.clone();
    let provide_state = move || context::provide(&context_state);
    // Behind an `Arc`: the closure is cloned on every request, the options only on a render.
    let leptos_options = Arc::new(state.leptos_options.clone());
    let pages =
        Router::new().leptos_routes_with_context(&state, leptos_routes, provide_state, move || {
            shell(LeptosOptions::clone(&leptos_options))
        });
    let pages = if state.config.http.page_cache {
        pages.route_layer(axum::middleware::from_fn_with_state(
            page_cache::PageCache::new(state.pool.clone()),
            page_cache::serve_cached,
        ))
    } else {
        pages
    };
    Router::new()
        .route("/healthz", get(health::healthz))
        .merge(api::router())
        .merge(downloads::router())
        .merge(profiles::read_router())
        .merge(
            profiles::write_router().route_layer(axum::middleware::from_fn_with_state(
                state.rate_limiter.clone(),
                rate_limit::limit_writes,
            )),
        )
        .merge(plans::read_router())
        .merge(
            plans::write_router().route_layer(axum::middleware::from_fn_with_state(
                state.rate_limiter.clone(),
                rate_limit::limit_writes,
            )),
        )
        .merge(pages)
        .fallback(assets::serve_files)
        .with_state(state)
}

/// The fonts embedded in PDF downloads: DejaVu Sans, copied into the site by the build.
fn load_pdf_fonts(site_root: &std::path::Path) -> Option<Arc<PdfFonts>> {
    let read = |name: &str| std::fs::read(site_root.join("fonts").join(name));
    match (read("DejaVuSans.ttf"), read("DejaVuSans-Bold.ttf")) {
        (Ok(regular), Ok(bold)) => match PdfFonts::from_bytes(&regular, &bold) {
            Ok(fonts) => Some(Arc::new(fonts)),
            Err(error) => {
                tracing::warn!(%error, "PDF fonts are unusable; PDF downloads are off");
                None
            }
        },
        _ => {
            tracing::warn!(site_root = %site_root.display(), "PDF fonts not found in fonts/; PDF downloads are off");
            None
        }
    }
}

/// Serves `state` on `listener` until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_router(listener, router(state), shutdown).await
}

/// Serves `router` (the app's, or one built on [`routes`] in tests) on `listener`.
pub async fn serve_router(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address feeds the rate limiter.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
