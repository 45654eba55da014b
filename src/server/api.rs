//! The public JSON API, `/api/v1`: the occupation list and detail, the scales and the patterns.
//! Shapes come from `crate::api_types` (the versioned contract), errors are
//! `application/problem+json`, every response (errors too) allows any origin, and catalog
//! resources carry an ETag.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

use super::downloads::{catalog_row, parse_list_query, query_pairs, single_value, ListParams};
use super::error::AppError;
use super::AppState;
use crate::api_types::{ApiList, ApiOccupation, ApiOccupationListItem, ApiProblem};
use crate::assess::{anchors, Dimension, Pattern, MODEL_VERSION};
use crate::browse::SourceFilter;
use crate::db;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/occupations", get(list))
        .route("/api/v1/occupations/{code}", get(detail))
        .route("/api/v1/dimensions", get(dimensions))
        .route("/api/v1/patterns", get(patterns))
        .route("/api/openapi.json", get(openapi_document))
        // Anything else under /api/v1 is a problem document, not the HTML 404 page.
        .route("/api/v1/{*rest}", axum::routing::any(unknown_route))
        // On every response, errors included: a browser client on another origin must be able
        // to read a 400's `errors` as well as a 200's body.
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
}

/// A JSON body with a strong ETag over its bytes; answers 304 when the client has it.
fn cached_json<T: Serialize>(request_headers: &HeaderMap, value: &T) -> Result<Response, AppError> {
    let body = serde_json::to_vec(value).map_err(AppError::internal)?;
    let digest = Sha256::digest(&body);
    let etag = format!(
        "\"{}\"",
        digest
            .iter()
            .take(12)
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>()
    );
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    let matches = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|candidate| candidate.trim() == etag || candidate.trim() == "*")
        });
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok((StatusCode::OK, headers, body).into_response())
}

/// The list's query parameters, for the OpenAPI document (the handler reads them as text and
/// answers a problem naming each bad one).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ListParamsDoc {
    /// Full-text search over titles, alternative titles and task text; each word matches as a
    /// prefix (`radiol` finds radiologists). At most 200 characters.
    q: Option<String>,
    /// SOC major group: two digits, odd, 11 to 55, e.g. `29`.
    group: Option<String>,
    /// Only occupations with this verdict.
    verdict: Option<crate::api_types::ApiVerdict>,
    /// Only occupations whose largest share of working time is under this pattern.
    pattern: Option<crate::api_types::ApiPattern>,
    /// `curated` or `onet`. Without it, an imported occupation is listed only when no curated
    /// occupation has its code.
    source: Option<String>,
    /// `relevance` (with `q`), `title` (default), `code`, `automatability`, `complementarity`.
    sort: Option<String>,
    /// Page number, from 1.
    page: Option<u32>,
    /// Items per page, 1 to 100; default 25.
    per_page: Option<u32>,
}

#[utoipa::path(
    get,
    path = "/api/v1/occupations",
    tag = "occupations",
    summary = "List and search occupations",
    params(ListParamsDoc),
    responses(
        (status = 200, description = "One page of occupations and the total count", body = ApiList<ApiOccupationListItem>),
        (status = 400, description = "A parameter is invalid; `errors` names each one", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ListParams(raw): ListParams,
) -> Result<Response, AppError> {
    let query = parse_list_query(&raw)?;
    let page = db::occupations::list_occupations(&state.pool, &query).await?;
    let catalog_version = db::catalog::catalog_state(&state.pool)
        .await?
        .map(|catalog| catalog.catalog_version);
    let figures = state.figures.current(&state.pool).await?;
    let items = page
        .items
        .into_iter()
        .map(|item| {
            ApiOccupationListItem::from(
                &catalog_row(item, catalog_version.clone()).with_figures(&figures),
            )
        })
        .collect();
    cached_json(
        &headers,
        &ApiList {
            items,
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        },
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/occupations/{code}",
    tag = "occupations",
    summary = "One occupation with its full assessment",
    params(
        ("code" = String, Path, description = "O*NET-SOC code, e.g. `29-1224.00`"),
        ("source" = Option<String>, Query, description = "`curated` or `onet`: which entry when both exist (default: the curated one)"),
    ),
    responses(
        (status = 200, description = "The occupation, its tasks and their assessment", body = ApiOccupation),
        (status = 304, description = "Not modified (If-None-Match matched the ETag)"),
        (status = 400, description = "`source` is invalid", body = ApiProblem, content_type = "application/problem+json"),
        (status = 404, description = "No occupation has this code", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    uri: Uri,
) -> Result<Response, AppError> {
    let source = single_value(&query_pairs(&uri)?, "source")?;
    let source = match source.as_deref() {
        None | Some("") => None,
        Some("curated") => Some(SourceFilter::Curated),
        Some("onet") => Some(SourceFilter::Onet),
        Some(other) => {
            return Err(AppError::Invalid(vec![crate::api_types::ApiFieldError {
                field: "source".to_string(),
                message: format!("{other:?} is not one of curated, onet"),
            }]))
        }
    };
    let mut report = db::occupations::occupation_report(&state.pool, &code, source)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no occupation with code {code:?}")))?;
    state.figures.attach(&state.pool, &mut report).await?;
    cached_json(&headers, &ApiOccupation::from(&report))
}

/// One level of a rating scale.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiAnchor {
    /// 1 to 5.
    level: u8,
    /// A few words naming the level.
    label: &'static str,
    /// What a task at this level is like.
    description: &'static str,
    /// A task that is rated at this level.
    example: &'static str,
}

/// One of the four dimensions with its anchored scale.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiDimensionScale {
    /// `standardization`, `error_tolerance`, `verifiability` or `frequency`.
    name: &'static str,
    label: &'static str,
    /// The question a rater answers.
    question: &'static str,
    /// Levels 1 to 5.
    anchors: Vec<ApiAnchor>,
}

/// The four rating scales.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiScales {
    model_version: String,
    items: Vec<ApiDimensionScale>,
}

#[utoipa::path(
    get,
    path = "/api/v1/dimensions",
    tag = "model",
    summary = "The four dimensions and their anchored 1–5 scales",
    responses((status = 200, description = "The scales", body = ApiScales))
)]
pub(super) async fn dimensions(headers: HeaderMap) -> Result<Response, AppError> {
    let scales: Vec<ApiDimensionScale> = Dimension::ALL
        .into_iter()
        .map(|dimension| ApiDimensionScale {
            name: dimension.name(),
            label: dimension.label(),
            question: dimension.question(),
            anchors: anchors(dimension)
                .iter()
                .zip(1u8..)
                .map(|(anchor, level)| ApiAnchor {
                    level,
                    label: anchor.label,
                    description: anchor.description,
                    example: anchor.example,
                })
                .collect(),
        })
        .collect();
    cached_json(
        &headers,
        &ApiScales {
            model_version: MODEL_VERSION.to_string(),
            items: scales,
        },
    )
}

/// One deployment pattern.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiPatternDoc {
    /// The value used in `pattern` fields.
    name: &'static str,
    label: &'static str,
    /// 0 (human-led) to 6 (automate): how much authority the machine has.
    level: u8,
    meaning: &'static str,
    advice: &'static str,
}

/// The seven patterns, most machine authority first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiPatterns {
    model_version: String,
    items: Vec<ApiPatternDoc>,
}

#[utoipa::path(
    get,
    path = "/api/v1/patterns",
    tag = "model",
    summary = "The seven deployment patterns, what they mean and what to deploy",
    responses((status = 200, description = "The patterns", body = ApiPatterns))
)]
pub(super) async fn patterns(headers: HeaderMap) -> Result<Response, AppError> {
    let items: Vec<ApiPatternDoc> = Pattern::ALL
        .into_iter()
        .rev()
        .map(|pattern| ApiPatternDoc {
            name: pattern.name(),
            label: pattern.label(),
            level: pattern.level(),
            meaning: pattern.meaning(),
            advice: pattern.deployment_advice(),
        })
        .collect();
    cached_json(
        &headers,
        &ApiPatterns {
            model_version: MODEL_VERSION.to_string(),
            items,
        },
    )
}

async fn unknown_route(uri: Uri) -> AppError {
    AppError::NotFound(format!(
        "{} is not an API route; see /api/openapi.json",
        uri.path()
    ))
}

/// The OpenAPI document of this API.
async fn openapi_document() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        super::openapi::openapi_json(),
    )
        .into_response()
}
