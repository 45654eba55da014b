//! The plan form's posts: create (and add rows), upload a CSV of roles, update, delete; the CSV
//! template. Errors show the form again with the input intact (422) or a readable page.

use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::{check, save_new};
use crate::browse::FieldError;
use crate::db::plans as store;
use crate::db::profiles::WriteOutcome;
use crate::plan::csv::{self as role_csv, MAX_CSV_BYTES};
use crate::plan::form::{draft_from_pairs, with_more_rows};
use crate::plan::{PlanDraft, BLANK_ROWS};
use crate::profile::secret;
use crate::server::cookies;
use crate::server::pages::{render_with_context, simple_page};
use crate::server::profiles::forms::{internal_page, pair, read_form};
use crate::server::AppState;
use crate::ui::plan_data::{PlanForm, PlanFormMode};

fn too_large_page(limit: usize) -> Response {
    simple_page(
        StatusCode::PAYLOAD_TOO_LARGE,
        "That was too much to send",
        &format!(
            "The form sent more than {} KB. A plan has at most 100 roles; please split it. Nothing was saved.",
            limit / 1024
        ),
    )
}

/// What the form offers as suggestions: every occupation, and this browser's saved profiles.
pub(super) async fn choices(
    state: &AppState,
    my_profiles: Option<&str>,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), sqlx::Error> {
    let ids = cookies::my_profile_ids(my_profiles.unwrap_or(""));
    let profiles = store::profile_names(&state.pool, &ids).await?;
    let mut choices: Vec<(String, String)> = profiles
        .iter()
        .map(|(id, name)| (format!("profile:{id}"), format!("{name} (your profile)")))
        .collect();
    choices.extend(store::role_choices(&state.pool).await?);
    Ok((choices, profiles))
}

/// The form shown again: the user's input, the messages, and the suggestions.
async fn show_form(
    state: &AppState,
    headers: &HeaderMap,
    mut form: PlanForm,
    status: StatusCode,
) -> Response {
    let mine = cookies::cookie(headers, cookies::MY_PROFILES_COOKIE);
    match choices(state, mine.as_deref()).await {
        Ok((choices, profiles)) => {
            form.choices = choices;
            form.profiles = profiles;
        }
        Err(error) => return internal_page(error),
    }
    let path = match &form.mode {
        PlanFormMode::New => "/plans/new".to_owned(),
        PlanFormMode::Edit { id, .. } => format!("/plans/{id}/edit"),
    };
    render_with_context(state, &path, form, status).await
}

fn form(mode: PlanFormMode, draft: PlanDraft, errors: Vec<FieldError>) -> PlanForm {
    PlanForm {
        mode,
        draft,
        errors,
        notice: None,
        upload_errors: Vec::new(),
        choices: Vec::new(),
        profiles: Vec::new(),
    }
}

fn saved_redirect(id: &str, cookies: &[String]) -> Response {
    let mut response = Redirect::to(&format!("/plans/{id}")).into_response();
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn unreadable_form_page(error: &FieldError) -> Response {
    simple_page(
        StatusCode::BAD_REQUEST,
        "The form could not be read",
        &error.message,
    )
}

/// `POST /plans/new`: a CSV upload (multipart) or the form itself (urlencoded).
pub(super) async fn new_form_post(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> Response {
    use axum::extract::FromRequest;
    let headers = request.headers().clone();
    if crate::server::profiles::is_media_type(&headers, "multipart/form-data") {
        match Multipart::from_request(request, &state).await {
            Ok(multipart) => upload_form(state, headers, multipart).await,
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
        Err(error) => return unreadable_form_page(&error),
    };
    if pair(&pairs, "action") == Some("add_rows") {
        let shown = form(
            PlanFormMode::New,
            with_more_rows(draft, BLANK_ROWS),
            Vec::new(),
        );
        return show_form(&state, &headers, shown, StatusCode::OK).await;
    }
    let plan = match check(&state, &draft).await {
        Ok(Ok(plan)) => plan,
        Ok(Err(errors)) => {
            let shown = form(PlanFormMode::New, draft, errors);
            return show_form(&state, &headers, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(error) => return internal_page(error),
    };
    match save_new(&state, &plan).await {
        Ok((id, token)) => saved_redirect(
            &id,
            &[
                cookies::plan_edit_cookie(&id, &token),
                cookies::plan_new_token_cookie(&id, &token),
            ],
        ),
        Err(error) => internal_page(error),
    }
}

/// A CSV of roles: checked line by line (numbers, then that every role exists), then shown in
/// the form to name and save. Nothing is saved by the upload itself.
async fn upload_form(state: AppState, headers: HeaderMap, mut multipart: Multipart) -> Response {
    let mut draft = PlanDraft::default();
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
        let file_name = field.file_name().unwrap_or("roles.csv").to_owned();
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
            "roles_csv" => {
                if bytes.len() > MAX_CSV_BYTES {
                    return too_large_page(MAX_CSV_BYTES);
                }
                file = Some((file_name, bytes.to_vec()));
            }
            "name" | "description" | "hours_per_fte" => {
                let Ok(text) = String::from_utf8(bytes.to_vec()) else {
                    return simple_page(
                        StatusCode::BAD_REQUEST,
                        "The upload could not be read",
                        &format!("The {name} is not UTF-8 text. Nothing was saved."),
                    );
                };
                match name.as_str() {
                    "name" => draft.name = text,
                    "description" => draft.description = text,
                    _ => draft.hours_per_fte = text,
                }
            }
            _ => {}
        }
    }
    let mut shown = form(PlanFormMode::New, draft, Vec::new());
    let Some((file_name, bytes)) = file else {
        shown.draft = with_more_rows(shown.draft, BLANK_ROWS);
        shown.upload_errors = vec!["choose a CSV file to upload".to_owned()];
        return show_form(&state, &headers, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let upload = match role_csv::parse_roles(&bytes) {
        Ok(upload) => upload,
        Err(errors) => {
            shown.draft = with_more_rows(shown.draft, BLANK_ROWS);
            shown.upload_errors = errors
                .iter()
                .map(|error| format!("{file_name}: {error}"))
                .collect();
            return show_form(&state, &headers, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    // Every role must exist; titles are looked up. Problems are reported by line.
    let trial = PlanDraft {
        name: "upload".to_owned(),
        roles: upload.roles.clone(),
        ..PlanDraft::default()
    };
    match check(&state, &trial).await {
        Ok(Ok(plan)) => {
            shown.notice = Some(format!(
                "Loaded {} roles from {file_name}. Nothing is saved yet: check them, name the plan and save.",
                plan.roles.len()
            ));
            // Titles are shown as the references they resolved to.
            shown.draft.roles = plan.to_draft().roles;
            show_form(&state, &headers, shown, StatusCode::OK).await
        }
        Ok(Err(errors)) => {
            shown.draft = with_more_rows(shown.draft, BLANK_ROWS);
            shown.upload_errors = errors
                .iter()
                .map(|error| format!("{file_name}: {}", upload.locate(error)))
                .collect();
            show_form(&state, &headers, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => internal_page(error),
    }
}

fn forbidden_page(id: &str) -> Response {
    simple_page(
        StatusCode::FORBIDDEN,
        "This edit link is not valid",
        &format!("Only the person with the plan's edit link can change or delete it. Nothing was changed. The plan is at /plans/{id}."),
    )
}

fn not_found_page() -> Response {
    simple_page(
        StatusCode::NOT_FOUND,
        "No such plan",
        "There is no plan at this address; it may have been deleted.",
    )
}

/// A well-formed id (else 404), a readable form, and a well-formed edit token in it (else 403).
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
    let mode = PlanFormMode::Edit {
        id: id.clone(),
        token: token.clone(),
    };
    if pair(&pairs, "action") == Some("add_rows") {
        let shown = form(mode, with_more_rows(draft, BLANK_ROWS), Vec::new());
        return show_form(&state, &headers, shown, StatusCode::OK).await;
    }
    let plan = match check(&state, &draft).await {
        Ok(Ok(plan)) => plan,
        Ok(Err(errors)) => {
            let shown = form(mode, draft, errors);
            return show_form(&state, &headers, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(error) => return internal_page(error),
    };
    match store::update_plan(
        &state.pool,
        &id,
        &secret::token_hash(&token),
        &plan,
        &crate::server::profiles::now(),
    )
    .await
    {
        Ok(WriteOutcome::Done) => saved_redirect(&id, &[cookies::plan_edit_cookie(&id, &token)]),
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
            "Tick \"Yes, delete this plan for good\" to delete it. Nothing was deleted.",
        );
    }
    match store::delete_plan(&state.pool, &id, &secret::token_hash(&token)).await {
        Ok(WriteOutcome::Done) => {
            tracing::info!(%id, "plan deleted");
            let mut response = simple_page(
                StatusCode::OK,
                "Plan deleted",
                "The plan and its roles are deleted from the database. Its address and edit link no longer work. The occupations and profiles it named are unchanged.",
            );
            if let Ok(value) =
                HeaderValue::from_str(&cookies::plan_clear_cookie(&id, cookies::EDIT_COOKIE))
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
                "attachment; filename=\"team-plan-template.csv\"",
            ),
        ],
        role_csv::template(),
    )
        .into_response()
}
