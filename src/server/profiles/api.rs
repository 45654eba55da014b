//! The JSON routes of profiles: `/api/v1/assessments` and `/api/v1/profiles`. Errors are
//! problem documents naming the field.

use axum::body::{to_bytes, Body};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::api_types::{
    ApiFieldError, ApiOccupation, ApiProblem, ApiProfile, ApiProfileCreated, ApiProfileRequest,
};
use crate::assess::OccupationAssessment;
use crate::browse::FieldError;
use crate::db::profiles::{self as store, StoredProfile, WriteOutcome};
use crate::profile::{
    draft_from_json, fill_missing_kinds, secret, BlankRows, ProfileDraft, ValidProfile,
};
use crate::server::error::AppError;
use crate::server::AppState;

use super::{check, content_type, now, save_new, MAX_JSON_BYTES};

fn invalid(errors: Vec<FieldError>) -> AppError {
    AppError::Invalid(errors.into_iter().map(ApiFieldError::from).collect())
}

/// A JSON request body as a draft: 415 for another content type, 413 when too large, 400 with
/// the position of a syntax error or one message per wrong field.
async fn read_json(headers: &HeaderMap, body: Body) -> Result<ProfileDraft, AppError> {
    let kind = content_type(headers);
    let essence = kind.split(';').next().unwrap_or("").trim();
    if essence != "application/json" && !essence.ends_with("+json") {
        return Err(AppError::UnsupportedMediaType(format!(
            "send the profile as JSON with Content-Type: application/json (got {:?})",
            kind
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
    let mut draft = draft_from_json(&value).map_err(invalid)?;
    // The kind is optional in the API: a task without one gets the importer's rule's suggestion.
    fill_missing_kinds(&mut draft, crate::onet::kind_for_statement);
    Ok(draft)
}

async fn checked_json(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<(ValidProfile, OccupationAssessment), AppError> {
    let draft = read_json(headers, body).await?;
    check(state, &draft, BlankRows::Reject)
        .await?
        .map_err(invalid)
}

fn api_profile(stored: &StoredProfile) -> Result<ApiProfile, AppError> {
    let report = stored.profile.report().ok_or_else(|| {
        AppError::internal(format!("stored profile {} cannot be assessed", stored.id))
    })?;
    Ok(ApiProfile {
        id: stored.id.clone(),
        url: format!("/profiles/{}", stored.id),
        name: stored.profile.name.clone(),
        description: stored.profile.description.clone(),
        base_occupation: stored.profile.base_occupation.clone(),
        created_at: stored.created_at.clone(),
        updated_at: stored.updated_at.clone(),
        saved_model_version: stored.model_version.clone(),
        assessment: ApiOccupation::from(&report),
    })
}

async fn load(state: &AppState, id: &str) -> Result<StoredProfile, AppError> {
    let missing = || AppError::NotFound(format!("no profile with id {id:?}"));
    if !secret::is_id(id) {
        return Err(missing());
    }
    store::load_profile(&state.pool, id)
        .await?
        .ok_or_else(missing)
}

/// The token in `Authorization: Bearer <token>`: 401 without one, 403 for one of the wrong form.
pub(in crate::server) fn bearer(headers: &HeaderMap) -> Result<String, AppError> {
    bearer_for(headers, "profile")
}

/// The edit token of a `owner` ("profile", "plan") in `Authorization: Bearer <token>`.
pub(in crate::server) fn bearer_for(headers: &HeaderMap, owner: &str) -> Result<String, AppError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| {
            AppError::Unauthorized(format!(
                "send the {owner}'s edit token as Authorization: Bearer <edit_token>"
            ))
        })?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .ok_or_else(|| {
            AppError::Unauthorized(
                "the Authorization header must be Bearer <edit_token>".to_owned(),
            )
        })?;
    if secret::is_token(token) {
        Ok(token.to_owned())
    } else {
        Err(AppError::Forbidden(format!(
            "the edit token is not valid for this {owner}"
        )))
    }
}

fn outcome(outcome: WriteOutcome, id: &str) -> Result<(), AppError> {
    match outcome {
        WriteOutcome::Done => Ok(()),
        WriteOutcome::NotFound => Err(AppError::NotFound(format!("no profile with id {id:?}"))),
        WriteOutcome::Forbidden => Err(AppError::Forbidden(
            "the edit token is not valid for this profile; nothing was changed".to_owned(),
        )),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/assessments",
    tag = "profiles",
    summary = "Score a task profile without saving it",
    request_body(content = ApiProfileRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The assessment; tasks in input order", body = ApiOccupation),
        (status = 400, description = "Invalid profile; `errors` names each field", body = ApiProblem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 512 KB", body = ApiProblem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn assess_api(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let (profile, _) = checked_json(&state, &headers, body).await?;
    let report = profile
        .report()
        .ok_or_else(|| AppError::internal("a validated profile cannot be assessed"))?;
    Ok(axum::Json(ApiOccupation::from(&report)).into_response())
}

#[utoipa::path(
    post,
    path = "/api/v1/profiles",
    tag = "profiles",
    summary = "Save a task profile; the only answer that carries its edit token",
    request_body(content = ApiProfileRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Saved; `Location` names the new profile; links lead to reading, updating and deleting it", body = ApiProfileCreated),
        (status = 400, description = "Invalid profile; `errors` names each field", body = ApiProblem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 512 KB", body = ApiProblem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = ApiProblem, content_type = "application/problem+json"),
        (status = 429, description = "Too many writes from this client; see Retry-After", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn create_api(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let (profile, assessment) = checked_json(&state, &headers, body).await?;
    let (id, token) = save_new(&state, &profile, &assessment)
        .await
        .map_err(AppError::internal)?;
    let stored = load(&state, &id).await?;
    let created = ApiProfileCreated {
        id: id.clone(),
        url: format!("/profiles/{id}"),
        edit_url: format!("/profiles/{id}/edit?token={token}"),
        edit_token: token,
        profile: api_profile(&stored)?,
    };
    let mut response = (StatusCode::CREATED, axum::Json(created)).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/profiles/{id}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

#[utoipa::path(
    get,
    path = "/api/v1/profiles/{id}",
    tag = "profiles",
    summary = "A saved profile, scored with the current model",
    params(("id" = String, Path, description = "32 hex digits")),
    responses(
        (status = 200, description = "The profile", body = ApiProfile),
        (status = 404, description = "No such profile", body = ApiProblem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn get_api(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let stored = load(&state, &id).await?;
    Ok(axum::Json(api_profile(&stored)?).into_response())
}

#[utoipa::path(
    put,
    path = "/api/v1/profiles/{id}",
    tag = "profiles",
    summary = "Replace a profile's name, description and tasks",
    params(("id" = String, Path, description = "32 hex digits")),
    request_body(content = ApiProfileRequest, content_type = "application/json"),
    security(("edit_token" = [])),
    responses(
        (status = 200, description = "The changed profile", body = ApiProfile),
        (status = 400, description = "Invalid profile; `errors` names each field", body = ApiProblem, content_type = "application/problem+json"),
        (status = 401, description = "No `Authorization: Bearer` header", body = ApiProblem, content_type = "application/problem+json"),
        (status = 403, description = "Wrong edit token; nothing changed", body = ApiProblem, content_type = "application/problem+json"),
        (status = 404, description = "No such profile", body = ApiProblem, content_type = "application/problem+json"),
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
            "the edit token is not valid for this profile; nothing was changed".to_owned(),
        ));
    }
    let (profile, assessment) = checked_json(&state, &headers, body).await?;
    outcome(
        store::update_profile(
            &state.pool,
            &id,
            &secret::token_hash(&token),
            &profile,
            &assessment,
            &now(),
        )
        .await?,
        &id,
    )?;
    let stored = load(&state, &id).await?;
    Ok(axum::Json(api_profile(&stored)?).into_response())
}

#[utoipa::path(
    delete,
    path = "/api/v1/profiles/{id}",
    tag = "profiles",
    summary = "Delete a profile and its tasks for good",
    params(("id" = String, Path, description = "32 hex digits")),
    security(("edit_token" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No `Authorization: Bearer` header", body = ApiProblem, content_type = "application/problem+json"),
        (status = 403, description = "Wrong edit token; nothing changed", body = ApiProblem, content_type = "application/problem+json"),
        (status = 404, description = "No such profile", body = ApiProblem, content_type = "application/problem+json"),
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
        store::delete_profile(&state.pool, &id, &secret::token_hash(&token)).await?,
        &id,
    )?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
