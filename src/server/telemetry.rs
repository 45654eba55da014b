//! Structured logs with `tracing`: human-readable by default, JSON with `ATLAS_LOG_FORMAT=json`.
//! The level comes from `RUST_LOG` (default: `info`, with sqlx's per-query logs at `warn`).

use tracing_subscriber::{fmt, EnvFilter};

pub const DEFAULT_LOG_FILTER: &str = "info,sqlx=warn,tower_http=info";

/// Installs the global subscriber. Call once, first thing in `main`.
pub fn init(json: bool) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    let builder = fmt().with_env_filter(filter).with_target(true);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}
