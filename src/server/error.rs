//! The one error type at the HTTP edge: it knows its status, answers JSON clients with
//! `application/problem+json`, and never shows internal detail (that goes to the log).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::api_types::{ApiFieldError, ApiProblem, PROBLEM_JSON_CONTENT_TYPE};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(String),
    #[error("invalid request")]
    Invalid(Vec<ApiFieldError>),
    #[error("{0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(error: impl std::fmt::Display) -> AppError {
        AppError::Internal(error.to_string())
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::internal(error)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let problem = match &self {
            AppError::NotFound(detail) => {
                ApiProblem::new(status.as_u16(), "Not found").with_detail(detail.clone())
            }
            AppError::Invalid(errors) => ApiProblem::new(status.as_u16(), "Invalid request")
                .with_detail("One or more parameters are invalid; see `errors`.".to_string())
                .with_errors(errors.clone()),
            AppError::Unavailable(detail) => {
                ApiProblem::new(status.as_u16(), "Unavailable").with_detail(detail.clone())
            }
            AppError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                ApiProblem::new(status.as_u16(), "Internal server error").with_detail(
                    "Something went wrong on our side; it has been logged.".to_string(),
                )
            }
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        (
            status,
            [(header::CONTENT_TYPE, PROBLEM_JSON_CONTENT_TYPE)],
            body,
        )
            .into_response()
    }
}
