//! The two cookies profiles use, both scoped to one profile's path, `HttpOnly` and
//! `SameSite=Lax`: the edit token (kept a year, for convenience) and the new token (kept until
//! the saved page has shown it once).

use axum::http::{header, HeaderMap};

/// Cookie holding a profile's edit token, scoped to the profile's path.
pub const EDIT_COOKIE: &str = "atlas_edit";
/// Cookie holding a new profile's token until its page has shown it once.
pub const NEW_TOKEN_COOKIE: &str = "atlas_new_token";

const YEAR_SECONDS: u32 = 365 * 24 * 60 * 60;
const NEW_TOKEN_SECONDS: u32 = 10 * 60;

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
}

fn set(id: &str, name: &str, value: &str, max_age: u32) -> String {
    format!("{name}={value}; Path=/profiles/{id}; Max-Age={max_age}; HttpOnly; SameSite=Lax")
}

/// Keeps the edit token in this browser.
pub fn edit_cookie(id: &str, token: &str) -> String {
    set(id, EDIT_COOKIE, token, YEAR_SECONDS)
}

/// Holds a new profile's token until its page has shown it.
pub fn new_token_cookie(id: &str, token: &str) -> String {
    set(id, NEW_TOKEN_COOKIE, token, NEW_TOKEN_SECONDS)
}

/// Removes cookie `name` of profile `id`.
pub fn clear_cookie(id: &str, name: &str) -> String {
    set(id, name, "", 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("atlas_edit_x=1; atlas_edit=abc ; other=2"),
        );
        assert_eq!(cookie(&headers, "atlas_edit").as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
    }

    #[test]
    fn cookies_are_scoped_to_the_profile_and_hidden_from_scripts() {
        let text = edit_cookie("ab", "tok");
        assert!(text.starts_with("atlas_edit=tok; Path=/profiles/ab;"));
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax"));
        assert!(clear_cookie("ab", "atlas_edit").contains("Max-Age=0"));
    }
}
