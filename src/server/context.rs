//! The one door from server functions into the server. The pages' server functions (in
//! `ui::data` and `ui::profile_data`) reach the server's state, the request and the response only
//! through this module, and no other part of `ui` names `crate::server` (ARCHITECTURE.md,
//! "Boundaries"); the renders get what they read from here too ([`provide`]).

use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::*;

use super::AppState;
use crate::paths::Area;

pub use super::plans::pages::{plan_form, plan_page};
pub use super::profiles::pages::{profile_form, profile_page};

/// What every Leptos render of this server gets in context: the state (for server functions),
/// the asset names (for the shell) and the response's CSP nonce. Called by the page routes, the
/// static-file and 404 fallback, and `pages::render_with_context`.
pub fn provide(state: &AppState) {
    provide_context(state.clone());
    provide_context(state.assets.paths());
    super::security::provide_request_nonce();
}

/// The server's state, for a server function.
pub fn state() -> Result<AppState, ServerFnError> {
    use_context::<AppState>().ok_or_else(|| ServerFnError::new("server state is missing"))
}

/// A server function's failure: the detail goes to the log, the page gets `message`, which must
/// be written for users.
pub fn failure(error: impl std::fmt::Display, message: &str) -> ServerFnError {
    tracing::error!(%error, "server function failed");
    ServerFnError::new(message)
}

/// The value of cookie `name` in the current request.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    super::cookies::cookie(&parts.headers, name)
}

/// Sets the page's status. Not when a browser calls the server function after hydration: there
/// the answer is data for the page's script, not a page.
pub fn set_page_status(status: StatusCode) {
    let server_function = use_context::<Parts>()
        .is_some_and(|parts| Area::of(parts.uri.path()) == Area::ServerFunction);
    if server_function {
        return;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// Adds a `Set-Cookie` header (made by `cookies`) to the response.
pub fn add_cookie(value: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use crate::paths::{Area, SERVER_FN_PREFIX};

    #[test]
    fn every_server_function_is_served_at_a_named_path_under_the_prefix() {
        let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect();
        assert!(paths.len() >= 9, "the app has at least nine: {paths:?}");
        for path in paths {
            assert_eq!(Area::of(path), Area::ServerFunction, "{path}");
            // Named endpoints, no build-directory hash: `/_sf/` and a Rust function name.
            let name = path
                .strip_prefix(SERVER_FN_PREFIX)
                .and_then(|rest| rest.strip_prefix('/'));
            assert!(
                name.is_some_and(|name| name.starts_with("load_")
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
                "{path} is not /_sf/ and a function name"
            );
        }
    }

    /// The rule of ARCHITECTURE.md, "Boundaries": `ui` and `app` reach the server only through
    /// this module, and the server takes no helper from `ui`.
    #[test]
    fn ui_names_the_server_only_through_its_context_and_the_server_takes_no_helper_from_ui() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut ui_files = vec![root.join("app.rs")];
        collect_rust_files(&root.join("ui"), &mut ui_files);
        for file in ui_files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = !line.trim_start().starts_with("//");
                let named = code && line.contains("crate::server");
                let allowed = line.contains("crate::server::context::");
                assert!(
                    !named || allowed,
                    "{}:{}: {line}",
                    file.display(),
                    number + 1
                );
            }
        }
        let mut server_files = Vec::new();
        collect_rust_files(&root.join("server"), &mut server_files);
        // Built from parts, so that this test's own text does not match.
        let ui_path = ["crate", "ui", ""].join("::");
        let ui_data = ["crate", "ui", "data"].join("::");
        for file in server_files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = !line.trim_start().starts_with("//");
                let helper = code
                    && (line.contains(&ui_data)
                        || line.contains(&ui_path) && line.contains("_COOKIE"));
                assert!(!helper, "{}:{}: {line}", file.display(), number + 1);
            }
        }
    }

    fn collect_rust_files(directory: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(directory).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_rust_files(&path, files);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
}
