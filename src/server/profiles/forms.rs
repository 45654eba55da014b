//! The profile form's posts: create (and add rows), upload a CSV, update, delete; the CSV
//! template. Errors show the form again with the input intact (422) or a readable page.

use axum::body::{to_bytes, Body};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::browse::FieldError;
use crate::db::profiles::{self as store, WriteOutcome};
use crate::profile::csv::{self as task_csv, MAX_CSV_BYTES};
use crate::profile::{
    draft_from_pairs, secret, BlankRows, ProfileDraft, TaskDraft, BLANK_ROWS, MAX_FORM_ROWS,
};
use crate::server::cookies;
use crate::server::pages::{render_with_context, simple_page};
use crate::server::AppState;
use crate::ui::profile_data::{FormMode, ProfileForm};

use super::{check, is_media_type, now, save_new, MAX_FORM_BYTES};

pub(in crate::server) fn internal_page(error: impl std::fmt::Display) -> Response {
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
            "The form sent more than {} KB. Please shorten the texts or split it: a profile has at most 50 tasks, a plan at most 100 roles. Nothing was saved.",
            limit / 1024
        ),
    )
}

/// The `key=value` pairs of an urlencoded form body, or a readable error page.
pub(in crate::server) async fn read_form(
    headers: &HeaderMap,
    body: Body,
) -> Result<Vec<(String, String)>, Response> {
    if !is_media_type(headers, "application/x-www-form-urlencoded") {
        return Err(simple_page(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unexpected form encoding",
            "This address takes a form sent by a browser (application/x-www-form-urlencoded). Use the form on the page (/profiles/new, /plans/new), or the JSON API under /api/v1.",
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

pub(in crate::server) fn pair<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
}

/// The form shown again: the user's input, the messages, and more rows if asked for.
async fn show_form(state: &AppState, mut form: ProfileForm, status: StatusCode) -> Response {
    form.hints = state.archetype_hints.to_vec();
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
        hints: Vec::new(),
    }
}

/// The form shown again with a kind and ratings suggested for every row that has a title but
/// lacks them (the "Suggest" button, which works without JavaScript), saying where each came from.
fn with_suggestions(state: &AppState, mode: FormMode, mut draft: ProfileDraft) -> ProfileForm {
    let filled = crate::profile::fill_suggestions(&mut draft, &state.archetype_hints);
    let notice = if filled.is_empty() {
        "Nothing to suggest: every row with a title already has its kind and ratings, or its title shares no word with a catalog archetype.".to_owned()
    } else {
        let lines: Vec<String> = filled
            .iter()
            .map(|(index, suggestion)| format!("Task {}: {}", index + 1, suggestion.explanation()))
            .collect();
        format!(
            "Suggested a kind and ratings for {} {} from the closest catalog archetype; check each and change what does not fit your work. {}",
            filled.len(),
            if filled.len() == 1 { "task" } else { "tasks" },
            lines.join(" ")
        )
    };
    ProfileForm {
        notice: Some(notice),
        ..form(mode, draft, Vec::new())
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
pub(super) async fn new_form_post(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> Response {
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

/// The 400 page of a form whose fields could not be read as a profile.
fn unreadable_form_page(error: &FieldError) -> Response {
    simple_page(
        StatusCode::BAD_REQUEST,
        "The form could not be read",
        &error.message,
    )
}

async fn create_form(state: AppState, headers: HeaderMap, body: Body) -> Response {
    let pairs = match read_form(&headers, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let draft = match draft_from_pairs(&pairs) {
        Ok(draft) => draft,
        Err(error) => return unreadable_form_page(&error),
    };
    if pair(&pairs, "action") == Some("add_rows") {
        return show_form(
            &state,
            form(FormMode::New, with_more_rows(draft), Vec::new()),
            StatusCode::OK,
        )
        .await;
    }
    if pair(&pairs, "action") == Some("suggest") {
        let shown = with_suggestions(&state, FormMode::New, draft);
        return show_form(&state, shown, StatusCode::OK).await;
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
                cookies::my_profiles_cookie(
                    cookies::cookie(&headers, cookies::MY_PROFILES_COOKIE).as_deref(),
                    &id,
                ),
            ],
        ),
        Err(error) => internal_page(error),
    }
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
        Some((file_name, bytes)) => {
            match task_csv::parse_tasks(&bytes, crate::onet::kind_for_statement) {
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
            }
        }
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

/// The start of every form that changes a saved profile: a well-formed id (else 404), a
/// readable form (else its 4xx page) and a well-formed edit token in it (else 403). Returns
/// the form's pairs and the token.
async fn read_owner_form(
    id: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<(Vec<(String, String)>, String), Response> {
    if !secret::is_id(id) {
        return Err(not_found_page());
    }
    let pairs = read_form(headers, body).await?;
    let token = pair(&pairs, "token").unwrap_or("").to_owned();
    if !secret::is_token(&token) {
        return Err(forbidden_page(id));
    }
    Ok((pairs, token))
}

pub(super) async fn update_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (pairs, token) = match read_owner_form(&id, &headers, body).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let draft = match draft_from_pairs(&pairs) {
        Ok(draft) => draft,
        Err(error) => return unreadable_form_page(&error),
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
    if pair(&pairs, "action") == Some("suggest") {
        let shown = with_suggestions(&state, mode, draft);
        return show_form(&state, shown, StatusCode::OK).await;
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

pub(super) async fn delete_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (pairs, token) = match read_owner_form(&id, &headers, body).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    if pair(&pairs, "confirm") != Some("yes") {
        return simple_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Please confirm",
            "Tick \"Yes, delete this profile for good\" to delete it. Nothing was deleted.",
        );
    }
    match store::delete_profile(&state.pool, &id, &secret::token_hash(&token)).await {
        Ok(WriteOutcome::Done) => {
            tracing::info!(%id, "profile deleted");
            let mut response = simple_page(
                StatusCode::OK,
                "Profile deleted",
                "The profile and all its tasks are deleted from the database. Its address and edit link no longer work.",
            );
            if let Ok(value) =
                HeaderValue::from_str(&cookies::clear_cookie(&id, cookies::EDIT_COOKIE))
            {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            response
        }
        Ok(WriteOutcome::Forbidden) => forbidden_page(&id),
        Ok(WriteOutcome::NotFound) => not_found_page(),
        Err(error) => internal_page(error),
    }
}

pub(super) async fn csv_template() -> Response {
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
