//! The layers every request passes through, outermost first:
//!
//! 1. a request id (`x-request-id`, kept from the client when it is short and plain, made here
//!    otherwise), put into the trace span of the request and echoed in the response;
//! 2. metrics (route template, status class, latency), when `/metrics` is on;
//! 3. compression (brotli or gzip, as the client asks) of every text answer and the wasm bundle,
//!    unless the file was already sent precompressed;
//! 4. the security headers and the CSP nonce (`security`);
//! 5. readable errors: a 500 never shows what went wrong inside; it becomes a page (or, under
//!    `/api/`, a problem document) naming the request id, which the log line names too;
//! 6. a panic in a handler becomes a 500 instead of a dropped connection;
//! 7. a time limit per request (503 after `ATLAS_REQUEST_TIMEOUT_SECS`);
//! 8. a size limit on request bodies (413 over `ATLAS_MAX_BODY_BYTES`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tower::ServiceBuilder;

use axum::{
    body::{to_bytes, Body},
    extract::{MatchedPath, Request, State},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    Router,
};
use http::{header, HeaderName, HeaderValue, StatusCode};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{
        predicate::{NotForContentType, Predicate},
        CompressionLayer, CompressionLevel, DefaultPredicate,
    },
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    trace::TraceLayer,
};

use super::config::HttpConfig;
use super::metrics::{self, Metrics};
use super::pages::simple_page;
use super::security;
use crate::api_types::PROBLEM_JSON_CONTENT_TYPE;
use crate::paths::Area;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    /// The id of the request being handled on this task (set by [`readable_errors`]).
    static CURRENT_REQUEST_ID: String;
}

/// The id of the request being handled on this task, for error pages made inside handlers.
pub fn current_request_id() -> Option<String> {
    CURRENT_REQUEST_ID.try_with(Clone::clone).ok()
}

/// Wraps `router` in every layer of this module (see the module comment for the order).
///
/// `Router::layer` wraps every route on its own and boxes the result, and axum clones a route's
/// service, box by box, for every request. So the layers are grouped into as few `layer` calls
/// as their order allows: the inner stack (3-8), metrics (2) when on, and the request id (1).
/// Eleven layers applied one by one cost a quarter of a cached page's time (BENCHMARKS.md).
pub fn apply(router: Router, http: &HttpConfig, metrics: Option<Metrics>) -> Router {
    let inner = ServiceBuilder::new()
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Precise(4))
                .compress_when(compressible()),
        )
        .layer(middleware::from_fn_with_state(
            http.clone(),
            security::security_headers,
        ))
        .layer(middleware::from_fn(readable_errors))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn_with_state(
            http.request_timeout,
            time_limit,
        ))
        .layer(RequestBodyLimitLayer::new(http.max_body_bytes));
    let router = router.layer(inner);
    let router = match metrics {
        Some(metrics) => router.layer(middleware::from_fn_with_state(metrics, metrics::record)),
        None => router,
    };
    let request_id = ServiceBuilder::new()
        .layer(middleware::map_request(drop_unusable_request_id))
        .layer(SetRequestIdLayer::new(
            REQUEST_ID_HEADER,
            MakeAtlasRequestId,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let request_id = request
                    .headers()
                    .get(&REQUEST_ID_HEADER)
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or("");
                let route = request
                    .extensions()
                    .get::<MatchedPath>()
                    .map(MatchedPath::as_str)
                    .unwrap_or("");
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    uri = %request.uri(),
                    route,
                    request_id,
                )
            }),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID_HEADER));
    router.layer(request_id)
}

/// Compress what gains from it: HTML, CSS, JS, JSON, SVG, text and wasm (tower-http's default
/// skips images, gRPC, event streams and bodies under 32 bytes); not the downloads that are
/// already compressed (XLSX is a zip, PDF streams are deflated) or fonts.
fn compressible() -> impl Predicate {
    DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats-officedocument",
        ))
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new("font/"))
}

/// Request ids: a random prefix per process and a counter, so they are unique across restarts
/// and cost no system call per request.
#[derive(Clone)]
struct MakeAtlasRequestId;

static REQUEST_COUNTER: AtomicU64 = AtomicU64::new(0);

fn process_prefix() -> &'static str {
    static PREFIX: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 4];
        if getrandom::fill(&mut bytes).is_err() {
            // Still unique within the process; only the start-up time tells processes apart.
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|elapsed| elapsed.as_secs())
                .unwrap_or(0);
            bytes = (seconds as u32).to_be_bytes();
        }
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    })
}

impl MakeRequestId for MakeAtlasRequestId {
    fn make_request_id<B>(&mut self, _request: &http::Request<B>) -> Option<RequestId> {
        let number = REQUEST_COUNTER.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{number:x}", process_prefix()))
            .ok()
            .map(RequestId::new)
    }
}

/// A request id from the client is kept (a proxy in front may have made it) when it is 1–64
/// letters, digits, `-`, `_`, `.` or `:`; anything else is dropped and replaced, so that log
/// lines and error pages never carry arbitrary client text.
async fn drop_unusable_request_id(mut request: Request) -> Request {
    let usable = request
        .headers()
        .get(&REQUEST_ID_HEADER)
        .map(|value| {
            let bytes = value.as_bytes();
            (1..=64).contains(&bytes.len())
                && bytes
                    .iter()
                    .all(|byte| byte.is_ascii_alphanumeric() || b"-_.:".contains(byte))
        })
        .unwrap_or(true);
    if !usable {
        request.headers_mut().remove(&REQUEST_ID_HEADER);
    }
    request
}

/// Marks a response whose error body is already fit to show (it says nothing about internals and
/// names the request id): `pages::simple_page` sets it.
#[derive(Clone, Copy, Debug)]
pub struct ReadableError;

/// Middleware: every 5xx is logged with the request id, and a 500 whose body could show internal
/// detail is replaced by a page (or problem document) that names the request id instead.
async fn readable_errors(request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_string();
    let path = request.uri().path().to_string();
    let response = CURRENT_REQUEST_ID
        .scope(request_id.clone(), next.run(request))
        .await;
    let status = response.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return readable_too_large(response, &path);
    }
    if !status.is_server_error() {
        return response;
    }
    tracing::error!(status = status.as_u16(), %request_id, "answered with a server error");
    // Server functions answer in Leptos's own encoding, which the page decodes; their error
    // messages are written for users already (`server::context::failure`).
    let area = Area::of(&path);
    if response.extensions().get::<ReadableError>().is_some() || area == Area::ServerFunction {
        return response;
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes() == PROBLEM_JSON_CONTENT_TYPE.as_bytes());
    if is_problem {
        return with_request_id_in_problem(response, &request_id).await;
    }
    if status != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    if area == Area::Api {
        return internal_problem(&request_id);
    }
    CURRENT_REQUEST_ID
        .scope(request_id, async {
            simple_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "This page could not be shown because of a problem on our side. It has been logged; please try again later.",
            )
        })
        .await
}

/// The body limit of this module answers 413 in plain text before any handler runs; a browser
/// gets a page and an API client a problem document instead. A handler's own 413 (a page or a
/// problem) is kept.
fn readable_too_large(response: Response, path: &str) -> Response {
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes() == PROBLEM_JSON_CONTENT_TYPE.as_bytes());
    if response.extensions().get::<ReadableError>().is_some() || is_problem {
        return response;
    }
    let detail = "The request body is larger than this server accepts. Nothing was saved.";
    if Area::of(path) == Area::Api {
        let body = serde_json::json!({
            "type": "about:blank",
            "title": "Payload too large",
            "status": 413,
            "detail": detail,
            "errors": [],
        });
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONTENT_TYPE, PROBLEM_JSON_CONTENT_TYPE)],
            body.to_string(),
        )
            .into_response();
    }
    simple_page(
        StatusCode::PAYLOAD_TOO_LARGE,
        "That was too much to send",
        detail,
    )
}

/// The problem document of an internal error in the API: the same text `AppError` gives, plus
/// the request id.
fn internal_problem(request_id: &str) -> Response {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": "Internal server error",
        "status": 500,
        "detail": "Something went wrong on our side; it has been logged.",
        "errors": [],
        "request_id": request_id,
    });
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, PROBLEM_JSON_CONTENT_TYPE)],
        body.to_string(),
    )
        .into_response()
}

/// Adds `request_id` to a problem document (an extension member, as RFC 9457 allows).
async fn with_request_id_in_problem(response: Response, request_id: &str) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return internal_problem(request_id);
    };
    match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(mut problem)) => {
            problem.insert("request_id".into(), request_id.into());
            let body = serde_json::Value::Object(problem).to_string();
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(body))
        }
        _ => internal_problem(request_id),
    }
}

/// Middleware: a request that takes longer than the limit is answered with 503 and a page that
/// says so (the handler's work is dropped).
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(limit_secs = limit.as_secs_f64(), "request timed out");
            let mut response = simple_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "This took too long",
                "The server did not finish this request in time. Please try again in a moment.",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            response
        }
    }
}
