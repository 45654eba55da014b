//! Custom profiles over HTTP: the form posts (create, add rows, upload a CSV, update, delete),
//! the CSV template, and the API (`/api/v1/assessments`, `/api/v1/profiles`). Every route
//! validates with `crate::profile::validate` and writes in one transaction; form errors show the
//! form again with the input intact (status 422), API errors are problem documents.

use axum::body::{to_bytes, Body};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use time::OffsetDateTime;

use super::cookies;
use super::error::AppError;
use super::pages::{render_with_context, simple_page};
use super::AppState;
use crate::api_types::{
    ApiFieldError, ApiOccupation, ApiProblem, ApiProfile, ApiProfileCreated, ApiProfileRequest,
};
use crate::assess::OccupationAssessment;
use crate::browse::FieldError;
use crate::db::profiles::{self as store, StoredProfile, WriteOutcome};
use crate::profile::csv::{self as task_csv, MAX_CSV_BYTES};
use crate::profile::{
    draft_from_json, draft_from_pairs, secret, validate, BlankRows, ProfileDraft, TaskDraft,
    ValidProfile, BLANK_ROWS, MAX_FORM_ROWS,
};
use crate::ui::profile_data::{FormMode, ProfileForm};

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
        .route("/profiles/new", post(new_form_post))
        .route("/profiles/{id}/edit", post(update_form))
        .route("/profiles/{id}/delete", post(delete_form))
        .route("/api/v1/profiles", post(create_api))
        .route(
            "/api/v1/profiles/{id}",
            get(get_api).put(update_api).delete(delete_api),
        )
        // Multipart bodies are read field by field with our own limit and message.
        .layer(axum::extract::DefaultBodyLimit::max(
            MAX_FORM_BYTES + MAX_CSV_BYTES,
        ))
}

/// Routes that read or only compute.
pub fn read_router() -> Router<AppState> {
    Router::new()
        .route("/profiles/template.csv", get(csv_template))
        .route("/api/v1/assessments", post(assess_api))
}

fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

fn internal_page(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "profile request failed");
    simple_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "The profile could not be saved because of a problem on our side; it has been logged. Nothing was saved. Please try again.",
    )
}

fn too_large_page(limit: usize) -> Response {
    simple_page(
        StatusCode::PAYLOAD_TOO_LARGE,
        "That was too much to send",
        &format!(
            "The form sent more than {} KB. A profile has at most 50 tasks with short texts; please shorten the notes or split the profile. Nothing was saved.",
            limit / 1024
        ),
    )
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
}

/// Whether the request's media type is `expected`, ignoring parameters such as `; boundary=…`
/// (a prefix match would let `…urlencodedx` through).
fn is_media_type(headers: &HeaderMap, expected: &str) -> bool {
    content_type(headers)
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(expected))
}

/// The `key=value` pairs of an urlencoded form body, or a readable error page.
async fn read_form(headers: &HeaderMap, body: Body) -> Result<Vec<(String, String)>, Response> {
    if !is_media_type(headers, "application/x-www-form-urlencoded") {
        return Err(simple_page(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unexpected form encoding",
            "This address takes a form sent by a browser (application/x-www-form-urlencoded). Use the form at /profiles/new, or the JSON API at /api/v1/profiles.",
        ));
    }
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| too_large_page(MAX_FORM_BYTES))?;
    let unreadable = || {
        simple_page(
            StatusCode::BAD_REQUEST,
            "The form could not be read",
            "The form's data is not valid (it is not UTF-8 text or not form-encoded). Nothing was saved.",
        )
    };
    // serde_urlencoded replaces bytes that are not UTF-8 with U+FFFD, which would save mangled
    // text without a word; such a form is refused instead.
    if !bytes.split(|&byte| byte == b'&').all(decodes_to_utf8) {
        return Err(unreadable());
    }
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes).map_err(|_| unreadable())
}

/// Whether one `name=value` part of a form body is UTF-8 once its `%XX` escapes are decoded.
fn decodes_to_utf8(part: &[u8]) -> bool {
    let hex = |byte: &u8| char::from(*byte).to_digit(16);
    let mut decoded = Vec::with_capacity(part.len());
    let mut rest = part;
    while let Some((&byte, tail)) = rest.split_first() {
        match (byte, tail) {
            (b'%', [high, low, after @ ..]) => match (hex(high), hex(low)) {
                (Some(high), Some(low)) => {
                    // Two hex digits are at most 255.
                    decoded.push((high * 16 + low) as u8);
                    rest = after;
                }
                _ => {
                    decoded.push(byte);
                    rest = tail;
                }
            },
            _ => {
                decoded.push(byte);
                rest = tail;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

fn pair<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
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

/// The form shown again: the user's input, the messages, and more rows if asked for.
async fn show_form(state: &AppState, form: ProfileForm, status: StatusCode) -> Response {
    let path = match &form.mode {
        FormMode::New => "/profiles/new".to_owned(),
        FormMode::Edit { id, .. } => format!("/profiles/{id}/edit"),
    };
    render_with_context(state, &path, form, status).await
}

fn with_more_rows(mut draft: ProfileDraft) -> ProfileDraft {
    let rows = (draft.tasks.len() + BLANK_ROWS).min(MAX_FORM_ROWS);
    draft.tasks.resize_with(rows, TaskDraft::default);
    draft
}

/// Pads a draft shown again after errors so that there are empty rows to add tasks in.
fn form(mode: FormMode, draft: ProfileDraft, errors: Vec<FieldError>) -> ProfileForm {
    ProfileForm {
        mode,
        draft,
        errors,
        notice: None,
        upload_errors: Vec::new(),
        base_title: None,
    }
}

fn saved_redirect(id: &str, cookies: &[String]) -> Response {
    let mut response = Redirect::to(&format!("/profiles/{id}")).into_response();
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `POST /profiles/new`: a CSV upload (multipart) or the form itself (urlencoded).
async fn new_form_post(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    use axum::extract::FromRequest;
    let headers = request.headers().clone();
    if is_media_type(&headers, "multipart/form-data") {
        match Multipart::from_request(request, &state).await {
            Ok(multipart) => upload_form(state, multipart).await,
            Err(rejection) => simple_page(
                StatusCode::BAD_REQUEST,
                "The upload could not be read",
                &rejection.body_text(),
            ),
        }
    } else {
        create_form(state, headers, request.into_body()).await
    }
}

async fn create_form(state: AppState, headers: HeaderMap, body: Body) -> Response {
    let pairs = match read_form(&headers, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let draft = match draft_from_pairs(&pairs) {
        Ok(draft) => draft,
        Err(error) => {
            return simple_page(
                StatusCode::BAD_REQUEST,
                "The form could not be read",
                &error.message,
            )
        }
    };
    if pair(&pairs, "action") == Some("add_rows") {
        return show_form(
            &state,
            form(FormMode::New, with_more_rows(draft), Vec::new()),
            StatusCode::OK,
        )
        .await;
    }
    let (profile, assessment) = match check(&state, &draft, BlankRows::Skip).await {
        Ok(Ok(valid)) => valid,
        Ok(Err(errors)) => {
            return show_form(
                &state,
                form(FormMode::New, draft, errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(error) => return internal_page(error),
    };
    match save_new(&state, &profile, &assessment).await {
        Ok((id, token)) => saved_redirect(
            &id,
            &[
                cookies::edit_cookie(&id, &token),
                cookies::new_token_cookie(&id, &token),
            ],
        ),
        Err(error) => internal_page(error),
    }
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

async fn upload_form(state: AppState, mut multipart: Multipart) -> Response {
    let mut draft = ProfileDraft::default();
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return too_large_page(MAX_CSV_BYTES)
            }
            Err(_) => {
                return simple_page(
                    StatusCode::BAD_REQUEST,
                    "The upload could not be read",
                    "The form's data is not valid multipart data. Nothing was saved.",
                )
            }
        };
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().unwrap_or("tasks.csv").to_owned();
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return too_large_page(MAX_CSV_BYTES)
            }
            Err(_) => {
                return simple_page(
                    StatusCode::BAD_REQUEST,
                    "The upload could not be read",
                    "The upload was cut off. Nothing was saved.",
                )
            }
        };
        match name.as_str() {
            "tasks_csv" => {
                if bytes.len() > MAX_CSV_BYTES {
                    return too_large_page(MAX_CSV_BYTES);
                }
                file = Some((file_name, bytes.to_vec()));
            }
            "name" | "description" => {
                let Ok(text) = String::from_utf8(bytes.to_vec()) else {
                    return simple_page(
                        StatusCode::BAD_REQUEST,
                        "The upload could not be read",
                        &format!("The {name} is not UTF-8 text. Nothing was saved."),
                    );
                };
                if name == "name" {
                    draft.name = text;
                } else {
                    draft.description = text;
                }
            }
            _ => {}
        }
    }
    let mut shown = form(FormMode::New, draft, Vec::new());
    match file {
        None => {
            shown.draft = with_more_rows(shown.draft);
            shown.upload_errors = vec!["choose a CSV file to upload".to_owned()];
            show_form(&state, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Some((file_name, bytes)) => match task_csv::parse_tasks(&bytes) {
            Ok(tasks) => {
                shown.notice = Some(format!(
                    "Loaded {} tasks from {file_name}. Nothing is saved yet: check them, name the profile and save.",
                    tasks.len()
                ));
                shown.draft.tasks = tasks;
                show_form(&state, shown, StatusCode::OK).await
            }
            Err(errors) => {
                shown.draft = with_more_rows(shown.draft);
                shown.upload_errors = errors
                    .iter()
                    .map(|error| format!("{file_name}: {error}"))
                    .collect();
                show_form(&state, shown, StatusCode::UNPROCESSABLE_ENTITY).await
            }
        },
    }
}

fn forbidden_page(id: &str) -> Response {
    simple_page(
        StatusCode::FORBIDDEN,
        "This edit link is not valid",
        &format!("Only the person with the profile's edit link can change or delete it. Nothing was changed. The profile is at /profiles/{id}."),
    )
}

fn not_found_page() -> Response {
    simple_page(
        StatusCode::NOT_FOUND,
        "No such profile",
        "There is no profile at this address; it may have been deleted.",
    )
}

async fn update_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !secret::is_id(&id) {
        return not_found_page();
    }
    let pairs = match read_form(&headers, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let token = pair(&pairs, "token").unwrap_or("").to_owned();
    if !secret::is_token(&token) {
        return forbidden_page(&id);
    }
    let draft = match draft_from_pairs(&pairs) {
        Ok(draft) => draft,
        Err(error) => {
            return simple_page(
                StatusCode::BAD_REQUEST,
                "The form could not be read",
                &error.message,
            )
        }
    };
    let mode = FormMode::Edit {
        id: id.clone(),
        token: token.clone(),
    };
    if pair(&pairs, "action") == Some("add_rows") {
        return show_form(
            &state,
            form(mode, with_more_rows(draft), Vec::new()),
            StatusCode::OK,
        )
        .await;
    }
    let (profile, assessment) = match check(&state, &draft, BlankRows::Skip).await {
        Ok(Ok(valid)) => valid,
        Ok(Err(errors)) => {
            return show_form(
                &state,
                form(mode, draft, errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(error) => return internal_page(error),
    };
    match store::update_profile(
        &state.pool,
        &id,
        &secret::token_hash(&token),
        &profile,
        &assessment,
        &now(),
    )
    .await
    {
        Ok(WriteOutcome::Done) => saved_redirect(&id, &[cookies::edit_cookie(&id, &token)]),
        Ok(WriteOutcome::Forbidden) => forbidden_page(&id),
        Ok(WriteOutcome::NotFound) => not_found_page(),
        Err(error) => internal_page(error),
    }
}

async fn delete_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !secret::is_id(&id) {
        return not_found_page();
    }
    let pairs = match read_form(&headers, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let token = pair(&pairs, "token").unwrap_or("");
    if !secret::is_token(token) {
        return forbidden_page(&id);
    }
    if pair(&pairs, "confirm") != Some("yes") {
        return simple_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Please confirm",
            "Tick \"Yes, delete this profile for good\" to delete it. Nothing was deleted.",
        );
    }
    match store::delete_profile(&state.pool, &id, &secret::token_hash(token)).await {
        Ok(WriteOutcome::Done) => {
            tracing::info!(%id, "profile deleted");
            let mut response = simple_page(
                StatusCode::OK,
                "Profile deleted",
                "The profile and all its tasks are deleted from the database. Its address and edit link no longer work.",
            );
            if let Ok(value) = HeaderValue::from_str(&cookies::clear_cookie(
                &id,
                crate::ui::profile_data::EDIT_COOKIE,
            )) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            response
        }
        Ok(WriteOutcome::Forbidden) => forbidden_page(&id),
        Ok(WriteOutcome::NotFound) => not_found_page(),
        Err(error) => internal_page(error),
    }
}

async fn csv_template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"task-profile-template.csv\"",
            ),
        ],
        task_csv::template(),
    )
        .into_response()
}

// --- The JSON API ---

fn invalid(errors: Vec<FieldError>) -> AppError {
    AppError::Invalid(
        errors
            .into_iter()
            .map(|error| ApiFieldError {
                field: error.field,
                message: error.message,
            })
            .collect(),
    )
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
    draft_from_json(&value).map_err(invalid)
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
fn bearer(headers: &HeaderMap) -> Result<String, AppError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| {
            AppError::Unauthorized(
                "send the profile's edit token as Authorization: Bearer <edit_token>".to_owned(),
            )
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
        Err(AppError::Forbidden(
            "the edit token is not valid for this profile".to_owned(),
        ))
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
        (status = 201, description = "Saved; `Location` names the new profile", body = ApiProfileCreated),
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
