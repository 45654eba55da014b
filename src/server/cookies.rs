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
    set_at(&format!("/profiles/{id}"), name, value, max_age)
}

fn set_at(path: &str, name: &str, value: &str, max_age: u32) -> String {
    format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax")
}

/// Cookie listing the profiles saved in this browser, so the plan form can offer them. Scoped to
/// `/plans`: no other page reads it.
pub const MY_PROFILES_COOKIE: &str = "atlas_my_profiles";
/// How many saved profiles the plan form remembers.
const MY_PROFILES_KEPT: usize = 20;

/// The profile ids in the cookie's value (well-formed ones only).
pub fn my_profile_ids(value: &str) -> Vec<String> {
    value
        .split('.')
        .filter(|id| crate::profile::secret::is_id(id))
        .map(str::to_owned)
        .collect()
}

/// The cookie with `id` added first (the most recent profiles are kept).
pub fn my_profiles_cookie(existing: Option<&str>, id: &str) -> String {
    let mut ids = vec![id.to_owned()];
    ids.extend(
        my_profile_ids(existing.unwrap_or(""))
            .into_iter()
            .filter(|known| known != id),
    );
    ids.truncate(MY_PROFILES_KEPT);
    set_at("/plans", MY_PROFILES_COOKIE, &ids.join("."), YEAR_SECONDS)
}

/// A plan's edit token, scoped to the plan's path.
pub fn plan_edit_cookie(id: &str, token: &str) -> String {
    set_at(&format!("/plans/{id}"), EDIT_COOKIE, token, YEAR_SECONDS)
}

/// Holds a new plan's token until its page has shown it.
pub fn plan_new_token_cookie(id: &str, token: &str) -> String {
    set_at(
        &format!("/plans/{id}"),
        NEW_TOKEN_COOKIE,
        token,
        NEW_TOKEN_SECONDS,
    )
}

/// Removes cookie `name` of plan `id`.
pub fn plan_clear_cookie(id: &str, name: &str) -> String {
    set_at(&format!("/plans/{id}"), name, "", 0)
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
    fn the_plan_form_remembers_the_latest_profiles_once_each() {
        let a = "0123456789abcdef0123456789abcdef";
        let b = "fedcba9876543210fedcba9876543210";
        let first = my_profiles_cookie(None, a);
        let value = first.split(';').next().unwrap().split_once('=').unwrap().1;
        let second = my_profiles_cookie(Some(&format!("{value}.junk")), b);
        let value = second.split(';').next().unwrap().split_once('=').unwrap().1;
        assert_eq!(my_profile_ids(value), vec![b.to_owned(), a.to_owned()]);
        assert!(second.contains("Path=/plans;"));
        let again = my_profiles_cookie(Some(value), a);
        let value = again.split(';').next().unwrap().split_once('=').unwrap().1;
        assert_eq!(my_profile_ids(value), vec![a.to_owned(), b.to_owned()]);
    }

    #[test]
    fn cookies_are_scoped_to_the_profile_and_hidden_from_scripts() {
        let text = edit_cookie("ab", "tok");
        assert!(text.starts_with("atlas_edit=tok; Path=/profiles/ab;"));
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax"));
        assert!(clear_cookie("ab", "atlas_edit").contains("Max-Age=0"));
    }
}
