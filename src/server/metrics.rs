//! `/metrics` in the Prometheus text format (version 0.0.4), on its own listen address
//! (`ATLAS_METRICS_ADDR`) and off when that is unset, so that it is never public by accident.
//!
//! Counted: requests by route template (axum's matched path; `fallback` for static files and
//! unknown addresses) and status class, and one latency histogram over all requests. Read when
//! scraped: the database pool's open and idle connections and the number of stored profiles.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};

use super::AppState;
use crate::db;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

thread_local! {
    /// The label of requests no route matched, shared rather than allocated per request.
    static FALLBACK: std::sync::Arc<str> = std::sync::Arc::from("fallback");
}

/// The counters, shared by every request.
#[derive(Clone, Default)]
pub struct Metrics {
    inner: Arc<Mutex<Counts>>,
}

#[derive(Default)]
struct Counts {
    /// (route template, status class) -> requests.
    requests: BTreeMap<(std::sync::Arc<str>, &'static str), u64>,
    /// Requests at or under each bound of `BUCKETS` (not cumulative; summed when written).
    buckets: [u64; BUCKETS.len()],
    /// Requests over the last bound.
    over: u64,
    seconds_sum: f64,
}

fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

impl Metrics {
    fn observe(&self, route: std::sync::Arc<str>, status: StatusCode, seconds: f64) {
        let mut counts = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let class = status_class(status);
        *counts.requests.entry((route, class)).or_insert(0) += 1;
        match BUCKETS.iter().position(|bound| seconds <= *bound) {
            Some(index) => counts.buckets[index] += 1,
            None => counts.over += 1,
        }
        counts.seconds_sum += seconds;
    }

    /// The counters in the text format, followed by `gauges` (already formatted lines).
    fn render(&self, gauges: &str) -> String {
        let counts = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut text = String::new();
        text.push_str(
            "# HELP atlas_http_requests_total HTTP requests answered, by route template and status class.\n\
             # TYPE atlas_http_requests_total counter\n",
        );
        for ((route, class), count) in &counts.requests {
            let _ = writeln!(
                text,
                "atlas_http_requests_total{{route=\"{}\",status=\"{class}\"}} {count}",
                escape_label(route)
            );
        }
        text.push_str(
            "# HELP atlas_http_request_duration_seconds Time from receiving a request to sending the response head.\n\
             # TYPE atlas_http_request_duration_seconds histogram\n",
        );
        let mut cumulative = 0;
        for (bound, count) in BUCKETS.iter().zip(counts.buckets) {
            cumulative += count;
            let _ = writeln!(
                text,
                "atlas_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
            );
        }
        let total = cumulative + counts.over;
        let _ = writeln!(
            text,
            "atlas_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {total}\n\
             atlas_http_request_duration_seconds_sum {}\n\
             atlas_http_request_duration_seconds_count {total}",
            counts.seconds_sum
        );
        text.push_str(gauges);
        text
    }
}

/// Label values escape backslash, double quote and line feed.
fn escape_label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware (installed only when metrics are on): counts the request under its route template.
pub async fn record(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let route: std::sync::Arc<str> = match request.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().into(),
        None => FALLBACK.with(Clone::clone),
    };
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.observe(route, response.status(), started.elapsed().as_secs_f64());
    response
}

/// The whole document: counters, then the database gauges.
pub async fn render(state: &AppState) -> String {
    let mut gauges = String::new();
    let _ = writeln!(
        gauges,
        "# HELP atlas_db_pool_connections Database connections in the pool.\n\
         # TYPE atlas_db_pool_connections gauge\n\
         atlas_db_pool_connections{{state=\"open\"}} {}\n\
         atlas_db_pool_connections{{state=\"idle\"}} {}",
        state.pool.any().size(),
        state.pool.any().num_idle()
    );
    match db::profiles::count_profiles(&state.pool).await {
        Ok(count) => {
            let _ = writeln!(
                gauges,
                "# HELP atlas_profiles_stored Custom task profiles in the database.\n\
                 # TYPE atlas_profiles_stored gauge\n\
                 atlas_profiles_stored {count}"
            );
        }
        // Left out rather than reported as 0, so that a dashboard shows a gap, not a false figure.
        Err(error) => tracing::warn!(%error, "metrics: profiles could not be counted"),
    }
    state.metrics.render(&gauges)
}

/// The router of the metrics listener: `GET /metrics` only.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/metrics",
            get(|State(state): State<AppState>| async move {
                (
                    [(
                        header::CONTENT_TYPE,
                        "text/plain; version=0.0.4; charset=utf-8",
                    )],
                    render(&state).await,
                )
                    .into_response()
            }),
        )
        .with_state(state)
}

/// Serves `/metrics` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_and_status_class_with_a_cumulative_histogram() {
        let metrics = Metrics::default();
        metrics.observe("/occupations/{code}".into(), StatusCode::OK, 0.002);
        metrics.observe("/occupations/{code}".into(), StatusCode::NOT_MODIFIED, 0.3);
        metrics.observe("fallback".into(), StatusCode::NOT_FOUND, 20.0);
        let text = metrics.render("");
        assert!(text
            .contains("atlas_http_requests_total{route=\"/occupations/{code}\",status=\"2xx\"} 1"));
        assert!(text
            .contains("atlas_http_requests_total{route=\"/occupations/{code}\",status=\"3xx\"} 1"));
        assert!(text.contains("atlas_http_requests_total{route=\"fallback\",status=\"4xx\"} 1"));
        assert!(text.contains("atlas_http_request_duration_seconds_bucket{le=\"0.001\"} 0"));
        assert!(text.contains("atlas_http_request_duration_seconds_bucket{le=\"0.0025\"} 1"));
        assert!(text.contains("atlas_http_request_duration_seconds_bucket{le=\"0.5\"} 2"));
        assert!(text.contains("atlas_http_request_duration_seconds_bucket{le=\"10\"} 2"));
        assert!(text.contains("atlas_http_request_duration_seconds_bucket{le=\"+Inf\"} 3"));
        assert!(text.contains("atlas_http_request_duration_seconds_count 3"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
