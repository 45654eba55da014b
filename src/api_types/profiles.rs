//! Custom profiles: what a client sends and what it gets back.

use serde::{Deserialize, Serialize};

use super::*;

/// A saved custom profile: its assessment (the fields of an occupation, with `code` and
/// `major_group` null and `source` = `profile`) plus what identifies the profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiProfile {
    /// 32 hex digits; unguessable.
    pub id: String,
    /// The profile's page, a path on this server: `/profiles/{id}`.
    pub url: String,
    /// The profile's name as entered (also in `title`).
    pub name: String,
    /// The description as entered (also in `note`); may be empty.
    pub description: String,
    /// The O*NET-SOC code the profile started from, if any.
    pub base_occupation: Option<String>,
    /// When it was saved first, RFC 3339.
    pub created_at: String,
    /// When it was last changed, RFC 3339.
    pub updated_at: String,
    /// The model version it was last saved with; `model_version` is the one these figures
    /// come from (profiles are re-scored when the model changes).
    pub saved_model_version: String,
    #[serde(flatten)]
    pub assessment: ApiOccupation,
}

/// The answer to saving a new profile: the only time the edit token is returned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiProfileCreated {
    pub id: String,
    pub url: String,
    /// The page that edits the profile in a browser, with the token in it.
    pub edit_url: String,
    /// Send it as `Authorization: Bearer <edit_token>` to PUT or DELETE the profile. Only its
    /// hash is stored: it cannot be shown again.
    pub edit_token: String,
    pub profile: ApiProfile,
}

/// A profile to score or save: `POST /api/v1/assessments`, `POST /api/v1/profiles`,
/// `PUT /api/v1/profiles/{id}`. Documentation of the request body; the server reads bodies
/// field by field (see `crate::profile::draft_from_json`) so that every mistake is reported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiProfileRequest {
    /// 1–120 characters (after trimming spaces at either end); no control characters.
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 120, pattern = r"\S")
    )]
    pub name: String,
    /// Up to 2,000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub description: Option<String>,
    /// An O*NET-SOC code of an occupation in the catalog, e.g. `29-1224.00`; empty or null for
    /// none.
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(pattern = r"^\s*([0-9]{2}-[0-9]{4}\.[0-9]{2})?\s*$")
    )]
    pub base_occupation: Option<String>,
    /// 1–50 tasks; their order is kept.
    #[cfg_attr(feature = "ssr", schema(min_items = 1, max_items = 50))]
    pub tasks: Vec<ApiTaskRequest>,
}

/// One task of a profile request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiTaskRequest {
    /// 1–200 characters (after trimming spaces at either end); no control characters.
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub title: String,
    /// Percent of working time, more than 0 and at most 100; shares are normalised to sum to 100.
    #[cfg_attr(feature = "ssr", schema(exclusive_minimum = 0, maximum = 100))]
    pub share: f64,
    /// The kind of work. Optional: when it is left out, the server suggests one from the title
    /// (the rule the O*NET importer uses), stores it, and the response shows it.
    #[serde(default)]
    pub kind: Option<ApiKind>,
    /// Up to 1,000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 1000))]
    pub notes: Option<String>,
    /// Each a whole number from 1 to 5.
    pub ratings: ApiRatings,
}
