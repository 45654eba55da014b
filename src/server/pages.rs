//! HTML answers that plain axum handlers give: a small readable page for errors such as 413 and
//! 429 (same stylesheet and header links as the app, no script), and the Leptos app rendered
//! for a given path with extra context (a form shown again with the user's input and errors).

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

use super::AppState;
use crate::app::shell;

// `ui/pages/profile_form.rs` still names the helper here; the lead's rewrite of that file moves it
// to `crate::html` too, and then this re-export goes.
use crate::html::escape_html;

/// A complete, readable page with a heading and one paragraph. A server error (5xx) also names
/// the request id, which the log has too, so that a report can be matched to its log lines.
pub fn simple_page(status: StatusCode, title: &str, message: &str) -> Response {
    let title = escape_html(title);
    let mut message = escape_html(message);
    if status.is_server_error() {
        if let Some(request_id) = super::layers::current_request_id().filter(|id| !id.is_empty()) {
            message.push_str(&format!(
                "</p><p class=\"request-id\">Reference: <code>{}</code>",
                escape_html(&request_id)
            ));
        }
    }
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"color-scheme\" content=\"light dark\"><title>{title} · Automatability Atlas</title>\
<meta name=\"description\" content=\"{title}\"><link rel=\"stylesheet\" href=\"/pkg/atlas.css\"></head>\
<body><header class=\"site-header\"><a class=\"brand\" href=\"/\">Automatability Atlas</a></header>\
<main id=\"main\"><section class=\"card notice-page\"><h1>{title}</h1><p>{message}</p>\
<p><a href=\"/\">Home</a> · <a href=\"/occupations\">Occupations</a> · <a href=\"/profiles/new\">New profile</a></p></section></main></body></html>"
    );
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response();
    // Written for users and free of internal detail: `layers::readable_errors` leaves it alone.
    response
        .extensions_mut()
        .insert(super::layers::ReadableError);
    response
}

/// Renders the app for `path` (a GET route of the app) with `context` provided, and answers with
/// `status`. The page reads the context through `use_context` in its server function.
pub async fn render_with_context<T>(
    state: &AppState,
    path: &str,
    context: T,
    status: StatusCode,
) -> Response
where
    T: Clone + Send + Sync + 'static,
{
    let app_state = state.clone();
    let options = state.leptos_options.clone();
    let shell_options = options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            super::context::provide(&app_state);
            provide_context(options.clone());
            provide_context(context.clone());
        },
        move || shell(shell_options.clone()),
    );
    // The render reads the response's CSP nonce from the request (see `security`).
    let mut builder = Request::builder().uri(path);
    if let Some(nonce) = super::security::CspNonce::current() {
        builder = builder.extension(nonce);
    }
    let request = match builder.body(Body::empty()) {
        Ok(request) => request,
        Err(_) => {
            return simple_page(
                StatusCode::BAD_REQUEST,
                "Bad request",
                "The address is not valid.",
            )
        }
    };
    let mut response = handler(request).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}
