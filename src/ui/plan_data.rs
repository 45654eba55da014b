//! Server functions and shapes for the plan pages: the form (new, editing, or shown again after a
//! failed submit) and a saved plan with its results. Writes are plain form posts to routes in
//! `server::plans`, which work without JavaScript; who may edit is decided in
//! `server::plans::pages`, reached through `server::context`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::browse::FieldError;
use crate::plan::{PlanDocument, PlanDraft};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanFormMode {
    New,
    Edit { id: String, token: String },
}

/// Everything the plan form shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanForm {
    pub mode: PlanFormMode,
    pub draft: PlanDraft,
    /// One per offending field, named by path (`roles[2].headcount`).
    pub errors: Vec<FieldError>,
    pub notice: Option<String>,
    /// Problems in an uploaded CSV file, by line and column.
    pub upload_errors: Vec<String>,
    /// Suggestions for the role fields: (reference, title), occupations then this browser's
    /// saved profiles.
    pub choices: Vec<(String, String)>,
    /// This browser's saved profiles: (id, name).
    pub profiles: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanFormLookup {
    Ready(Box<PlanForm>),
    Forbidden { id: String },
    NotFound,
}

/// A saved plan, as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPageData {
    pub id: String,
    /// Recomputed with the current model, under the assumptions in the address (if any) or the
    /// plan's own.
    pub doc: PlanDocument,
    /// The plan's saved assumptions, as `name=value` pairs that differ from the defaults.
    pub saved_assumptions: Vec<(String, String)>,
    /// Problems with assumptions given in the address (the saved ones are used instead).
    pub assumption_errors: Vec<FieldError>,
    pub created_at: String,
    pub updated_at: String,
    pub can_edit: bool,
    /// The edit token, on the first view after saving only.
    pub new_token: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanLookup {
    Found(Box<PlanPageData>),
    NotFound,
}

/// The form's content: a new plan, or the plan `id` for editing with `token` (or the token in
/// this browser's cookie).
#[server(prefix = "/_sf", endpoint = "load_plan_form")]
pub async fn load_plan_form(
    id: Option<String>,
    token: Option<String>,
) -> Result<PlanFormLookup, ServerFnError> {
    crate::server::context::plan_form(id, token).await
}

/// A saved plan with its results; `query` is the page's query string (assumptions to try).
#[server(prefix = "/_sf", endpoint = "load_plan")]
pub async fn load_plan(id: String, query: String) -> Result<PlanLookup, ServerFnError> {
    crate::server::context::plan_page(id, query).await
}
