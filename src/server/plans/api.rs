//! The JSON routes of plans: `/api/v1/plan-assessments` (assess without saving) and
//! `/api/v1/plans` (create, read, update, delete). Errors are problem documents naming the field.

use axum::body::{to_bytes, Body};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{check, document, save_new, MAX_JSON_BYTES};
use crate::api_types::{
    ApiFieldError, ApiPlan, ApiPlanAssessment, ApiPlanCreated, ApiPlanRequest, ApiProblem,
};
use crate::browse::FieldError;
use crate::db::plans::{self as store, StoredPlan};
use crate::db::profiles::WriteOutcome;
use crate::plan::json::{draft_from_json, json_path};
use crate::plan::ValidPlan;
use crate::profile::secret;
use crate::server::error::AppError;
use crate::server::profiles::{content_type, now};
use crate::server::AppState;

fn invalid(errors: Vec<FieldError>) -> AppError {
    AppError::Invalid(
        errors
            .into_iter()
            .map(|error| ApiFieldError {
                field: json_path(&error.field),
                message: error.message,
            })
            .collect(),
    )
}

/// A JSON body as a valid plan: 415 for another content type, 413 when too large, 400 with one
/// message per wrong field (including roles that do not exist).
async fn read_plan(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<ValidPlan, AppError> {
    let kind = content_type(headers);
    let essence = kind.split(';').next().unwrap_or("").trim();
    if essence != "application/json" && !essence.ends_with("+json") {
        return Err(AppError::UnsupportedMediaType(format!(
            "send the plan as JSON with Content-Type: application/json (got {kind:?})"
        )));
    }
    let bytes = to_bytes(body, MAX_JSON_BYTES).await.map_err(|_| {
        AppError::PayloadTooLarge(format!(
            "the body is larger than {} KB",
            MAX_JSON_BYTES / 1024
        ))
    })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|error| {
        AppError::Invalid(vec![ApiFieldError {
            field: "body".to_owned(),
            message: format!("is not valid JSON: {error}"),
        }])
    })?;
    let draft = draft_from_json(&value).map_err(invalid)?;
    check(state, &draft).await?.map_err(invalid)
}

async fn api_plan(state: &AppState, stored: &StoredPlan) -> Result<ApiPlan, AppError> {
    let doc = document(
        state,
        Some(stored.id.clone()),
        &stored.plan,
        &stored.plan.settings,
    )
    .await?;
    Ok(ApiPlan {
        id: stored.id.clone(),
        url: format!("/plans/{}", stored.id),
        created_at: stored.created_at.clone(),
        updated_at: stored.updated_at.clone(),
        assessment: ApiPlanAssessment::from(&doc),
    })
}

async fn load(state: &AppState, id: &str) -> Result<StoredPlan, AppError> {
    let missing = || AppError::NotFound(format!("no plan with id {id:?}"));
    if !secret::is_id(id) {
        return Err(missing());
    }
    store::load_plan(&state.pool, id).await?.ok_or_else(missing)
}

fn bearer(headers: &HeaderMap) -> Result<String, AppError> {
    crate::server::profiles::api::bearer_for(headers, "plan")
}

fn outcome(outcome: WriteOutcome, id: &str) -> Result<(), AppError> {
    match outcome {
        WriteOutcome::Done => Ok(()),
        WriteOutcome::NotFound => Err(AppError::NotFound(format!("no plan with id {id:?}"))),
        WriteOutcome::Forbidden => Err(AppError::Forbidden(
            "the edit token is not valid for this plan; nothing was changed".to_owned(),
        )),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/plan-assessments",
    operation_id = "assess_plan",
    tag = "plans",
    summary = "Assess a team plan without saving it",
    request_body(content = ApiPlanRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Hours by pattern, per role and in total; reviewer load; the pilot-first list", body = ApiPlanAssessment),
        (status = 400, description = "Invalid plan; `errors` names each field (`roles[2].headcount`)", body = ApiProblem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 256 KB", body = ApiProblem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn assess_api(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let plan = read_plan(&state, &headers, body).await?;
    let doc = document(&state, None, &plan, &plan.settings).await?;
    Ok(axum::Json(ApiPlanAssessment::from(&doc)).into_response())
}

#[utoipa::path(
    post,
    path = "/api/v1/plans",
    operation_id = "create_plan",
    tag = "plans",
    summary = "Save a team plan; the only answer that carries its edit token",
    request_body(content = ApiPlanRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Saved; `Location` names the new plan", body = ApiPlanCreated),
        (status = 400, description = "Invalid plan; `errors` names each field", body = ApiProblem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 256 KB", body = ApiProblem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = ApiProblem, content_type = "application/problem+json"),
        (status = 429, description = "Too many writes from this client; see Retry-After", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn create_api(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let plan = read_plan(&state, &headers, body).await?;
    let (id, token) = save_new(&state, &plan).await.map_err(AppError::internal)?;
    let stored = load(&state, &id).await?;
    let created = ApiPlanCreated {
        id: id.clone(),
        url: format!("/plans/{id}"),
        edit_url: format!("/plans/{id}/edit?token={token}"),
        edit_token: token,
        plan: api_plan(&state, &stored).await?,
    };
    let mut response = (StatusCode::CREATED, axum::Json(created)).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/plans/{id}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}",
    operation_id = "get_plan",
    tag = "plans",
    summary = "A saved plan, assessed with the current model",
    params(("id" = String, Path, description = "32 hex digits")),
    responses(
        (status = 200, description = "The plan", body = ApiPlan),
        (status = 404, description = "No such plan", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn get_api(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let stored = load(&state, &id).await?;
    Ok(axum::Json(api_plan(&state, &stored).await?).into_response())
}

#[utoipa::path(
    put,
    path = "/api/v1/plans/{id}",
    operation_id = "update_plan",
    tag = "plans",
    summary = "Replace a plan's name, roles and assumptions",
    params(("id" = String, Path, description = "32 hex digits")),
    request_body(content = ApiPlanRequest, content_type = "application/json"),
    security(("edit_token" = [])),
    responses(
        (status = 200, description = "The changed plan", body = ApiPlan),
        (status = 400, description = "Invalid plan; `errors` names each field", body = ApiProblem, content_type = "application/problem+json"),
        (status = 401, description = "No `Authorization: Bearer` header", body = ApiProblem, content_type = "application/problem+json"),
        (status = 403, description = "Wrong edit token; nothing changed", body = ApiProblem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan", body = ApiProblem, content_type = "application/problem+json"),
        (status = 429, description = "Too many writes from this client; see Retry-After", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn update_api(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let token = bearer(&headers)?;
    let stored = load(&state, &id).await?;
    // The token is checked before the body, so a stranger learns nothing from validation.
    if secret::token_hash(&token) != stored.edit_token_hash {
        return Err(AppError::Forbidden(
            "the edit token is not valid for this plan; nothing was changed".to_owned(),
        ));
    }
    let plan = read_plan(&state, &headers, body).await?;
    outcome(
        store::update_plan(&state.pool, &id, &secret::token_hash(&token), &plan, &now()).await?,
        &id,
    )?;
    let stored = load(&state, &id).await?;
    Ok(axum::Json(api_plan(&state, &stored).await?).into_response())
}

#[utoipa::path(
    delete,
    path = "/api/v1/plans/{id}",
    operation_id = "delete_plan",
    tag = "plans",
    summary = "Delete a plan for good (its occupations and profiles stay)",
    params(("id" = String, Path, description = "32 hex digits")),
    security(("edit_token" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No `Authorization: Bearer` header", body = ApiProblem, content_type = "application/problem+json"),
        (status = 403, description = "Wrong edit token; nothing changed", body = ApiProblem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan", body = ApiProblem, content_type = "application/problem+json"),
        (status = 429, description = "Too many writes from this client; see Retry-After", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn delete_api(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let token = bearer(&headers)?;
    load(&state, &id).await?;
    outcome(
        store::delete_plan(&state.pool, &id, &secret::token_hash(&token)).await?,
        &id,
    )?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
