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
use crate::api_types::{ApiList, ApiOccupation, ApiOccupationListItem};
use crate::assess::{anchors, Dimension, Pattern, MODEL_VERSION};
use crate::browse::SourceFilter;
use crate::db;
use crate::ui::components::assessment::deployment_advice;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/occupations", get(list))
        .route("/api/v1/occupations/{code}", get(detail))
        .route("/api/v1/dimensions", get(dimensions))
        .route("/api/v1/patterns", get(patterns))
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

async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ListParams(raw): ListParams,
) -> Result<Response, AppError> {
    let query = parse_list_query(&raw)?;
    let page = db::occupations::list_occupations(&state.pool, &query).await?;
    let catalog_version = db::catalog::catalog_state(&state.pool)
        .await?
        .map(|catalog| catalog.catalog_version);
    let items = page
        .items
        .into_iter()
        .map(|item| ApiOccupationListItem::from(&catalog_row(item, catalog_version.clone())))
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

async fn detail(
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
    let report = db::occupations::occupation_report(&state.pool, &code, source)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no occupation with code {code:?}")))?;
    cached_json(&headers, &ApiOccupation::from(&report))
}

#[derive(Serialize)]
struct ApiAnchor {
    level: u8,
    label: &'static str,
    description: &'static str,
    example: &'static str,
}

#[derive(Serialize)]
struct ApiDimensionScale {
    name: &'static str,
    label: &'static str,
    question: &'static str,
    anchors: Vec<ApiAnchor>,
}

async fn dimensions(headers: HeaderMap) -> Result<Response, AppError> {
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
        &serde_json::json!({ "model_version": MODEL_VERSION, "items": scales }),
    )
}

#[derive(Serialize)]
struct ApiPatternDoc {
    name: &'static str,
    label: &'static str,
    /// 0 (human-led) to 6 (automate): how much authority the machine has.
    level: u8,
    meaning: &'static str,
    advice: &'static str,
}

async fn patterns(headers: HeaderMap) -> Result<Response, AppError> {
    let items: Vec<ApiPatternDoc> = Pattern::ALL
        .into_iter()
        .rev()
        .map(|pattern| ApiPatternDoc {
            name: pattern.name(),
            label: pattern.label(),
            level: pattern.level(),
            meaning: pattern.meaning(),
            advice: deployment_advice(pattern),
        })
        .collect();
    cached_json(
        &headers,
        &serde_json::json!({ "model_version": MODEL_VERSION, "items": items }),
    )
}
