//! `GET /healthz`: is the process up, which version is it, and does the database answer?

use axum::{extract::State, http::StatusCode, Json};
use serde::Serialize;

use super::AppState;
use crate::db;

#[derive(Serialize)]
pub struct Health {
    /// "ok" when every dependency answers, "degraded" otherwise.
    status: &'static str,
    version: &'static str,
    /// "ok" or "unavailable".
    database: &'static str,
}

/// 200 when the database answers, 503 when it does not; the body says which.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let database_ok = db::ping(&state.pool).await;
    let status = if database_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        status: if database_ok { "ok" } else { "degraded" },
        version: env!("CARGO_PKG_VERSION"),
        database: if database_ok { "ok" } else { "unavailable" },
    };
    (status, Json(body))
}
