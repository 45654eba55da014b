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
    /// No credentials where they are needed (an `Authorization: Bearer` header).
    #[error("{0}")]
    Unauthorized(String),
    /// Credentials that do not allow this.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("too many requests; retry after {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(error: impl std::fmt::Display) -> AppError {
        AppError::Internal(error.to_string())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
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
            AppError::Unauthorized(detail) => {
                ApiProblem::new(status.as_u16(), "Unauthorized").with_detail(detail.clone())
            }
            AppError::Forbidden(detail) => {
                ApiProblem::new(status.as_u16(), "Forbidden").with_detail(detail.clone())
            }
            AppError::PayloadTooLarge(detail) => {
                ApiProblem::new(status.as_u16(), "Payload too large").with_detail(detail.clone())
            }
            AppError::UnsupportedMediaType(detail) => {
                ApiProblem::new(status.as_u16(), "Unsupported media type")
                    .with_detail(detail.clone())
            }
            AppError::TooManyRequests { retry_after } => {
                ApiProblem::new(status.as_u16(), "Too many requests").with_detail(format!(
                    "This client is sending changes too fast; retry after {retry_after} seconds."
                ))
            }
            AppError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                ApiProblem::new(status.as_u16(), "Internal server error").with_detail(
                    "Something went wrong on our side; it has been logged.".to_string(),
                )
            }
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, PROBLEM_JSON_CONTENT_TYPE)],
            body,
        )
            .into_response();
        match &self {
            AppError::TooManyRequests { retry_after } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, (*retry_after).into());
            }
            AppError::Unauthorized(_) => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer"),
                );
            }
            _ => {}
        }
        response
    }
}
