//! The server side of the plan pages' server functions (`ui::plan_data`): reading a plan for its
//! page (with assumptions from the address) or its edit form, and deciding who may edit it. An
//! edit token is accepted from the edit link (`?token=`, then kept in a cookie scoped to the
//! plan) or from that cookie; a new plan's token is shown once, from a short-lived cookie.

use axum::http::StatusCode;
use leptos::prelude::*;

use crate::plan::blank_draft;
use crate::profile::secret;
use crate::server::context::{add_cookie, request_cookie, set_page_status, state};
use crate::server::cookies::{self, EDIT_COOKIE, MY_PROFILES_COOKIE, NEW_TOKEN_COOKIE};
use crate::ui::plan_data::{PlanForm, PlanFormLookup, PlanFormMode, PlanLookup, PlanPageData};

fn internal(error: impl std::fmt::Display) -> ServerFnError {
    crate::server::context::failure(error, "the server could not read the plan")
}

/// The plan form's content (see `ui::plan_data::load_plan_form`).
pub async fn plan_form(
    id: Option<String>,
    token: Option<String>,
) -> Result<PlanFormLookup, ServerFnError> {
    // A form posted back with errors (see server::plans) arrives as context.
    if let Some(form) = use_context::<PlanForm>() {
        return Ok(PlanFormLookup::Ready(Box::new(form)));
    }
    let state = state()?;
    let mine = request_cookie(MY_PROFILES_COOKIE);
    let (choices, profiles) = super::forms::choices(&state, mine.as_deref())
        .await
        .map_err(internal)?;
    let Some(id) = id else {
        return Ok(PlanFormLookup::Ready(Box::new(PlanForm {
            mode: PlanFormMode::New,
            draft: blank_draft(),
            errors: Vec::new(),
            notice: None,
            upload_errors: Vec::new(),
            choices,
            profiles,
        })));
    };
    if !secret::is_id(&id) {
        set_page_status(StatusCode::NOT_FOUND);
        return Ok(PlanFormLookup::NotFound);
    }
    let Some(stored) = crate::db::plans::load_plan(&state.pool, &id)
        .await
        .map_err(internal)?
    else {
        set_page_status(StatusCode::NOT_FOUND);
        return Ok(PlanFormLookup::NotFound);
    };
    let from_query = token.filter(|token| secret::is_token(token));
    let token = from_query.clone().or_else(|| request_cookie(EDIT_COOKIE));
    let valid = token
        .as_deref()
        .is_some_and(|token| secret::token_hash(token) == stored.edit_token_hash);
    let (true, Some(token)) = (valid, token) else {
        set_page_status(StatusCode::FORBIDDEN);
        return Ok(PlanFormLookup::Forbidden { id });
    };
    if from_query.is_some() {
        add_cookie(cookies::plan_edit_cookie(&id, &token));
    }
    let mut draft = stored.plan.to_draft();
    draft = crate::plan::form::with_more_rows(draft, 2);
    Ok(PlanFormLookup::Ready(Box::new(PlanForm {
        mode: PlanFormMode::Edit { id, token },
        draft,
        errors: Vec::new(),
        notice: None,
        upload_errors: Vec::new(),
        choices,
        profiles,
    })))
}

/// A saved plan's page (see `ui::plan_data::load_plan`).
pub async fn plan_page(id: String, query: String) -> Result<PlanLookup, ServerFnError> {
    let state = state()?;
    if !secret::is_id(&id) {
        set_page_status(StatusCode::NOT_FOUND);
        return Ok(PlanLookup::NotFound);
    }
    let Some(stored) = crate::db::plans::load_plan(&state.pool, &id)
        .await
        .map_err(internal)?
    else {
        set_page_status(StatusCode::NOT_FOUND);
        return Ok(PlanLookup::NotFound);
    };
    let (settings, assumption_errors) = super::settings_from_query(&stored.plan.settings, &query);
    let doc = super::document(&state, Some(id.clone()), &stored.plan, &settings)
        .await
        .map_err(internal)?;
    let holds = |token: &str| secret::token_hash(token) == stored.edit_token_hash;
    let new_token = request_cookie(NEW_TOKEN_COOKIE).filter(|token| holds(token));
    if new_token.is_some() {
        add_cookie(cookies::plan_clear_cookie(&id, NEW_TOKEN_COOKIE));
    }
    let can_edit = request_cookie(EDIT_COOKIE).is_some_and(|token| holds(&token));
    Ok(PlanLookup::Found(Box::new(PlanPageData {
        id,
        doc,
        saved_assumptions: stored.plan.settings.changed_pairs(),
        assumption_errors,
        created_at: stored.created_at,
        updated_at: stored.updated_at,
        can_edit,
        new_token,
    })))
}
