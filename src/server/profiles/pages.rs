//! The server side of the profile pages' server functions (`ui::profile_data`): reading a
//! profile for its page or its edit form, and deciding who may edit it. An edit token is accepted
//! from the edit link (`?token=`, then kept in a cookie) or from that cookie, and compared by its
//! hash; a new profile's token is shown once, from a short-lived cookie.

use axum::http::StatusCode;
use leptos::prelude::*;

use crate::browse::SourceFilter;
use crate::profile::{blank_draft, draft_from_report, secret};
use crate::server::context::{add_cookie, request_cookie, set_page_status, state};
use crate::server::cookies::{self, EDIT_COOKIE, NEW_TOKEN_COOKIE};
use crate::ui::profile_data::{
    FormMode, ProfileForm, ProfileFormLookup, ProfileLookup, ProfilePageData,
};

fn internal(error: impl std::fmt::Display) -> ServerFnError {
    crate::server::context::failure(error, "the server could not read the data")
}

async fn base_title(pool: &crate::db::Pool, code: &str) -> Option<String> {
    crate::db::occupations::occupation_report(pool, code, None)
        .await
        .ok()
        .flatten()
        .map(|report| report.title)
}

/// The profile form's content (see `ui::profile_data::load_profile_form`).
pub async fn profile_form(
    id: Option<String>,
    token: Option<String>,
    template: Option<String>,
    source: Option<String>,
) -> Result<ProfileFormLookup, ServerFnError> {
    // A form posted back with errors (see server::profiles) arrives as context.
    if let Some(form) = use_context::<ProfileForm>() {
        return Ok(ProfileFormLookup::Ready(Box::new(form)));
    }
    let pool = state()?.pool.clone();
    if let Some(id) = id {
        if !secret::is_id(&id) {
            set_page_status(StatusCode::NOT_FOUND);
            return Ok(ProfileFormLookup::NotFound);
        }
        let Some(stored) = crate::db::profiles::load_profile(&pool, &id)
            .await
            .map_err(internal)?
        else {
            set_page_status(StatusCode::NOT_FOUND);
            return Ok(ProfileFormLookup::NotFound);
        };
        let from_query = token.filter(|token| secret::is_token(token));
        let token = from_query.clone().or_else(|| request_cookie(EDIT_COOKIE));
        let valid = token
            .as_deref()
            .is_some_and(|token| secret::token_hash(token) == stored.edit_token_hash);
        let (true, Some(token)) = (valid, token) else {
            set_page_status(StatusCode::FORBIDDEN);
            return Ok(ProfileFormLookup::Forbidden { id });
        };
        if from_query.is_some() {
            add_cookie(cookies::edit_cookie(&id, &token));
        }
        let base_title = match &stored.profile.base_occupation {
            Some(code) => base_title(&pool, code).await,
            None => None,
        };
        return Ok(ProfileFormLookup::Ready(Box::new(ProfileForm {
            mode: FormMode::Edit { id, token },
            draft: stored.profile.to_draft(),
            errors: Vec::new(),
            notice: None,
            upload_errors: Vec::new(),
            base_title,
            hints: state()?.archetype_hints.to_vec(),
        })));
    }
    let mut notice = None;
    let mut base_title = None;
    let draft = match template
        .as_deref()
        .map(str::trim)
        .filter(|code| !code.is_empty())
    {
        None => blank_draft(),
        Some(code) => {
            let source = match source.as_deref() {
                Some("onet") => Some(SourceFilter::Onet),
                Some("curated") => Some(SourceFilter::Curated),
                _ => None,
            };
            match crate::db::occupations::occupation_report(&pool, code, source)
                .await
                .map_err(internal)?
            {
                Some(report) => {
                    notice = Some(format!(
                        "Started from {} ({code}): adjust the tasks, shares and ratings to your own work, then save.",
                        report.title
                    ));
                    base_title = Some(report.title.clone());
                    draft_from_report(&report)
                }
                None => {
                    notice = Some(format!(
                        "There is no occupation with code {code:?}; starting from an empty form."
                    ));
                    blank_draft()
                }
            }
        }
    };
    Ok(ProfileFormLookup::Ready(Box::new(ProfileForm {
        mode: FormMode::New,
        draft,
        errors: Vec::new(),
        notice,
        upload_errors: Vec::new(),
        base_title,
        hints: state()?.archetype_hints.to_vec(),
    })))
}

/// A saved profile's page (see `ui::profile_data::load_profile`).
pub async fn profile_page(id: String) -> Result<ProfileLookup, ServerFnError> {
    let pool = state()?.pool.clone();
    if !secret::is_id(&id) {
        set_page_status(StatusCode::NOT_FOUND);
        return Ok(ProfileLookup::NotFound);
    }
    let Some(stored) = crate::db::profiles::load_profile(&pool, &id)
        .await
        .map_err(internal)?
    else {
        set_page_status(StatusCode::NOT_FOUND);
        return Ok(ProfileLookup::NotFound);
    };
    let report = stored
        .profile
        .report()
        .ok_or_else(|| internal(format!("stored profile {id} cannot be assessed")))?;
    let current = crate::assess::MODEL_VERSION.to_string();
    if stored.model_version != current {
        // Re-scored with the current model; the summary columns follow.
        if let Err(error) =
            crate::db::profiles::restamp_profile(&pool, &id, &report.assessment).await
        {
            tracing::warn!(%error, %id, "could not record the re-score of a profile");
        }
    }
    let holds = |token: &str| secret::token_hash(token) == stored.edit_token_hash;
    let new_token = request_cookie(NEW_TOKEN_COOKIE).filter(|token| holds(token));
    if new_token.is_some() {
        add_cookie(cookies::clear_cookie(&id, NEW_TOKEN_COOKIE));
    }
    let can_edit = request_cookie(EDIT_COOKIE).is_some_and(|token| holds(&token));
    let base_occupation = match &stored.profile.base_occupation {
        Some(code) => Some((code.clone(), base_title(&pool, code).await)),
        None => None,
    };
    Ok(ProfileLookup::Found(Box::new(ProfilePageData {
        id,
        report,
        saved_model_version: stored.model_version,
        created_at: stored.created_at,
        updated_at: stored.updated_at,
        base_occupation,
        can_edit,
        new_token,
    })))
}
