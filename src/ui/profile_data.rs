//! Server functions and shapes for the profile pages: the form (new, from a template, editing,
//! or shown again after a failed submit) and a saved profile. Writes do not go through server
//! functions: forms post to plain routes in `server::profiles`, which work without JavaScript.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::browse::FieldError;
use crate::profile::ProfileDraft;
use crate::report::OccupationReport;

/// Cookie holding a profile's edit token, scoped to the profile's path.
pub const EDIT_COOKIE: &str = "atlas_edit";
/// Cookie holding a new profile's token until its page has shown it once.
pub const NEW_TOKEN_COOKIE: &str = "atlas_new_token";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FormMode {
    New,
    Edit { id: String, token: String },
}

/// Everything the profile form shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub mode: FormMode,
    pub draft: ProfileDraft,
    /// One per offending field, named by path (`tasks[2].share`).
    pub errors: Vec<FieldError>,
    /// A note at the top, e.g. "Loaded 12 tasks from the file".
    pub notice: Option<String>,
    /// Problems in an uploaded CSV file, by line and column.
    pub upload_errors: Vec<String>,
    /// The base occupation's title, when there is one.
    pub base_title: Option<String>,
    /// The catalog's archetypes, so the form suggests a kind and ratings as a task is typed.
    #[serde(default)]
    pub hints: Vec<crate::profile::ArchetypeHint>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProfileFormLookup {
    Ready(Box<ProfileForm>),
    /// Editing without a valid token.
    Forbidden {
        id: String,
    },
    NotFound,
}

/// A saved profile, as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfilePageData {
    pub id: String,
    /// Assessed with the current model.
    pub report: OccupationReport,
    /// The model version the profile was last saved (or re-scored) with.
    pub saved_model_version: String,
    pub created_at: String,
    pub updated_at: String,
    /// (code, title) of the occupation it started from.
    pub base_occupation: Option<(String, Option<String>)>,
    /// Whether this browser holds the edit token.
    pub can_edit: bool,
    /// The edit token, on the first view after saving only.
    pub new_token: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProfileLookup {
    Found(Box<ProfilePageData>),
    NotFound,
}

#[cfg(feature = "ssr")]
mod server {
    use axum::http::{header, request::Parts, HeaderValue, StatusCode};
    use leptos::prelude::*;

    use super::*;
    use crate::profile::{blank_draft, draft_from_report, secret};

    pub fn state() -> Result<crate::server::AppState, ServerFnError> {
        use_context::<crate::server::AppState>()
            .ok_or_else(|| ServerFnError::new("server state is missing"))
    }

    pub fn internal(error: impl std::fmt::Display) -> ServerFnError {
        tracing::error!(%error, "server function failed");
        ServerFnError::new("the server could not read the data")
    }

    /// The value of cookie `name` in the current request.
    pub fn request_cookie(name: &str) -> Option<String> {
        let parts = use_context::<Parts>()?;
        crate::server::cookies::cookie(&parts.headers, name)
    }

    /// Sets the page's status; not when a browser calls the server function after hydration
    /// (server functions are under /api/), where the answer is data, not a page.
    pub fn set_status(status: StatusCode) {
        let server_function =
            use_context::<Parts>().is_some_and(|parts| parts.uri.path().starts_with("/api/"));
        if server_function {
            return;
        }
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
    }

    pub fn add_cookie(value: String) {
        if let (Some(response), Ok(value)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            HeaderValue::from_str(&value),
        ) {
            response.append_header(header::SET_COOKIE, value);
        }
    }

    pub async fn base_title(pool: &crate::db::Pool, code: &str) -> Option<String> {
        crate::db::occupations::occupation_report(pool, code, None)
            .await
            .ok()
            .flatten()
            .map(|report| report.title)
    }

    pub async fn form(
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
                set_status(StatusCode::NOT_FOUND);
                return Ok(ProfileFormLookup::NotFound);
            }
            let Some(stored) = crate::db::profiles::load_profile(&pool, &id)
                .await
                .map_err(internal)?
            else {
                set_status(StatusCode::NOT_FOUND);
                return Ok(ProfileFormLookup::NotFound);
            };
            let from_query = token.filter(|token| secret::is_token(token));
            let token = from_query.clone().or_else(|| request_cookie(EDIT_COOKIE));
            let valid = token
                .as_deref()
                .is_some_and(|token| secret::token_hash(token) == stored.edit_token_hash);
            let (true, Some(token)) = (valid, token) else {
                set_status(StatusCode::FORBIDDEN);
                return Ok(ProfileFormLookup::Forbidden { id });
            };
            if from_query.is_some() {
                add_cookie(crate::server::cookies::edit_cookie(&id, &token));
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
                    Some("onet") => Some(crate::browse::SourceFilter::Onet),
                    Some("curated") => Some(crate::browse::SourceFilter::Curated),
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
                        notice = Some(format!("There is no occupation with code {code:?}; starting from an empty form."));
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

    pub async fn page(id: String) -> Result<ProfileLookup, ServerFnError> {
        let pool = state()?.pool.clone();
        if !secret::is_id(&id) {
            set_status(StatusCode::NOT_FOUND);
            return Ok(ProfileLookup::NotFound);
        }
        let Some(stored) = crate::db::profiles::load_profile(&pool, &id)
            .await
            .map_err(internal)?
        else {
            set_status(StatusCode::NOT_FOUND);
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
            add_cookie(crate::server::cookies::clear_cookie(&id, NEW_TOKEN_COOKIE));
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
}

/// The form's content: a new profile (blank or from `template`, an occupation code), or the
/// profile `id` for editing with `token` (or the token in this browser's cookie).
#[server]
pub async fn load_profile_form(
    id: Option<String>,
    token: Option<String>,
    template: Option<String>,
    source: Option<String>,
) -> Result<ProfileFormLookup, ServerFnError> {
    server::form(id, token, template, source).await
}

/// A saved profile, re-scored with the current model.
#[server]
pub async fn load_profile(id: String) -> Result<ProfileLookup, ServerFnError> {
    server::page(id).await
}
