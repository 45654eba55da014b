//! Server functions and shapes for the profile pages: the form (new, from a template, editing,
//! or shown again after a failed submit) and a saved profile. Writes do not go through server
//! functions: forms post to plain routes in `server::profiles`, which work without JavaScript.
//! Who may edit (the edit-token checks and cookies) is decided on the server, in
//! `server::profiles::pages`, reached through `server::context`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::browse::FieldError;
use crate::profile::ProfileDraft;
use crate::report::OccupationReport;

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

/// The form's content: a new profile (blank or from `template`, an occupation code), or the
/// profile `id` for editing with `token` (or the token in this browser's cookie).
#[server(prefix = "/_sf", endpoint = "load_profile_form")]
pub async fn load_profile_form(
    id: Option<String>,
    token: Option<String>,
    template: Option<String>,
    source: Option<String>,
) -> Result<ProfileFormLookup, ServerFnError> {
    crate::server::context::profile_form(id, token, template, source).await
}

/// A saved profile, re-scored with the current model.
#[server(prefix = "/_sf", endpoint = "load_profile")]
pub async fn load_profile(id: String) -> Result<ProfileLookup, ServerFnError> {
    crate::server::context::profile_page(id).await
}
