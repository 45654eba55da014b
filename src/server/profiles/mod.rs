//! Custom profiles over HTTP: the form posts (create, add rows, upload a CSV, update, delete),
//! the CSV template, and the API (`/api/v1/assessments`, `/api/v1/profiles`). Every route
//! validates with `crate::profile::validate` and writes in one transaction; form errors show the
//! form again with the input intact (status 422), API errors are problem documents.
//!
//! `forms` has the HTML form posts, `api` the JSON routes; this module routes them and holds
//! what both use: the media-type checks and the validation with the base occupation.

pub(super) mod api;
pub(super) mod forms;
pub(super) mod pages;

use axum::http::{header, HeaderMap};
use axum::response::Redirect;
use axum::routing::{get, post};
use axum::Router;
use time::OffsetDateTime;

use super::AppState;
use crate::assess::OccupationAssessment;
use crate::browse::FieldError;
use crate::db::profiles as store;
use crate::profile::csv::MAX_CSV_BYTES;
use crate::profile::{secret, validate, BlankRows, ProfileDraft, ValidProfile};

/// The largest form body: 50 tasks of long text, percent-encoded, fit well inside.
pub const MAX_FORM_BYTES: usize = 1024 * 1024;
/// The largest JSON body for the API.
pub const MAX_JSON_BYTES: usize = 512 * 1024;

/// Routes that change profiles (the caller puts the rate limit on them).
pub fn write_router() -> Router<AppState> {
    Router::new()
        // Forms post to the address of the page they are on, so that a form shown again (with
        // errors, more rows or an uploaded file) has the address of the page it renders and
        // hydrates as that page.
        .route("/profiles", get(|| async { Redirect::to("/profiles/new") }))
        .route("/profiles/new", post(forms::new_form_post))
        .route("/profiles/{id}/edit", post(forms::update_form))
        .route("/profiles/{id}/delete", post(forms::delete_form))
        .route("/api/v1/profiles", post(api::create_api))
        .route(
            "/api/v1/profiles/{id}",
            get(api::get_api)
                .put(api::update_api)
                .delete(api::delete_api),
        )
        // Multipart bodies are read field by field with our own limit and message.
        .layer(axum::extract::DefaultBodyLimit::max(
            MAX_FORM_BYTES + MAX_CSV_BYTES,
        ))
}

/// Routes that read or only compute.
pub fn read_router() -> Router<AppState> {
    Router::new()
        .route("/profiles/template.csv", get(forms::csv_template))
        .route("/api/v1/assessments", post(api::assess_api))
}

pub(super) fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

pub(super) fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
}

/// Whether the request's media type is `expected`, ignoring parameters such as `; boundary=…`
/// (a prefix match would let `…urlencodedx` through).
pub(super) fn is_media_type(headers: &HeaderMap, expected: &str) -> bool {
    content_type(headers)
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(expected))
}

/// Validates `draft` and checks its base occupation exists: the profile and its assessment, or
/// the field errors.
async fn check(
    state: &AppState,
    draft: &ProfileDraft,
    blank_rows: BlankRows,
) -> Result<Result<(ValidProfile, OccupationAssessment), Vec<FieldError>>, sqlx::Error> {
    let profile = match validate(draft, blank_rows) {
        Ok(profile) => profile,
        Err(mut errors) => {
            // Report an unknown base occupation too, so every problem shows at once.
            if !errors.iter().any(|error| error.field == "base_occupation") {
                if let Some(problem) = base_problem(state, draft.base_occupation.trim()).await? {
                    errors.push(problem);
                }
            }
            return Ok(Err(errors));
        }
    };
    if let Some(code) = &profile.base_occupation {
        if let Some(problem) = base_problem(state, code).await? {
            return Ok(Err(vec![problem]));
        }
    }
    match profile.assess() {
        Some(assessment) => Ok(Ok((profile, assessment))),
        None => Err(sqlx::Error::Protocol(
            "a validated profile failed the model's checks".into(),
        )),
    }
}

async fn base_problem(state: &AppState, code: &str) -> Result<Option<FieldError>, sqlx::Error> {
    if code.is_empty() || store::occupation_exists(&state.pool, code).await? {
        return Ok(None);
    }
    Ok(Some(FieldError {
        field: "base_occupation".to_owned(),
        message: format!("there is no occupation with code {code} in the catalog"),
    }))
}

/// Stores a new profile under a fresh id; returns the id and the edit token.
async fn save_new(
    state: &AppState,
    profile: &ValidProfile,
    assessment: &OccupationAssessment,
) -> Result<(String, String), String> {
    let id = secret::new_id().map_err(|error| error.to_string())?;
    let token = secret::new_token().map_err(|error| error.to_string())?;
    store::insert_profile(
        &state.pool,
        &id,
        &secret::token_hash(&token),
        profile,
        assessment,
        &now(),
    )
    .await
    .map_err(|error| error.to_string())?;
    tracing::info!(%id, tasks = profile.tasks.len(), "profile saved");
    Ok((id, token))
}
