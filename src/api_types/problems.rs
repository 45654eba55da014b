//! Errors as problem documents (RFC 9457).

use serde::{Deserialize, Serialize};

/// One invalid input field and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiFieldError {
    /// The field's path in the request, e.g. `tasks[2].share`.
    pub field: String,
    /// What is wrong, in a sentence a person can act on.
    pub message: String,
}

impl From<crate::browse::FieldError> for ApiFieldError {
    fn from(error: crate::browse::FieldError) -> Self {
        Self {
            field: error.field,
            message: error.message,
        }
    }
}

/// An error response in the problem details format of RFC 9457 (`application/problem+json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiProblem {
    /// A URI reference naming the problem type; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the problem type, the same for every occurrence.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this occurrence; null when the title says it all.
    pub detail: Option<String>,
    /// The invalid fields, for validation errors; empty otherwise.
    #[serde(default)]
    pub errors: Vec<ApiFieldError>,
}

impl ApiProblem {
    /// A problem of type `about:blank` with no detail and no field errors.
    pub fn new(status: u16, title: impl Into<String>) -> ApiProblem {
        ApiProblem {
            problem_type: "about:blank".to_owned(),
            title: title.into(),
            status,
            detail: None,
            errors: Vec::new(),
        }
    }

    pub fn with_detail(self, detail: impl Into<String>) -> ApiProblem {
        ApiProblem {
            detail: Some(detail.into()),
            ..self
        }
    }

    pub fn with_errors(self, errors: Vec<ApiFieldError>) -> ApiProblem {
        ApiProblem { errors, ..self }
    }
}
