//! Where things live on the site, in one place: the path prefixes that decide how the server
//! treats a request (a server function, the JSON API, the profile pages, or the rest of the site),
//! and the fingerprinted names of the site's files for the page being rendered. Both builds.
//!
//! Every test of a request path against a prefix goes through [`Area::of`]; nothing else spells
//! these prefixes.

use std::collections::HashMap;
use std::sync::Arc;

/// The prefix of every server function. The `#[server]` macro takes its prefix as a literal, so
/// each server function repeats this value as `#[server(prefix = "/_sf", endpoint = "name")]`; a
/// test in `server::context` checks that every registered server function is `/_sf/name`. Server
/// functions have a prefix of their own so that no public URL (`/api`, `/api/v1/…`) can be mistaken
/// for one. The endpoint is named because the macro's default appends a hash of the directory the
/// crate is built in: a wasm bundle and a server binary built from two clones (or one of them left
/// in a shared target directory by another clone) then call different URLs, and every call from
/// the page is a 404.
pub const SERVER_FN_PREFIX: &str = "/_sf";
/// The public JSON API, version 1.
pub const API_PREFIX: &str = "/api/v1";
/// The OpenAPI document of the API (outside the version prefix: it describes the version).
pub const OPENAPI_PATH: &str = "/api/openapi.json";
/// Profile pages, their form posts and downloads.
pub const PROFILES_PREFIX: &str = "/profiles";
/// Team plan pages, their form posts and downloads: user data like profiles.
pub const PLANS_PREFIX: &str = "/plans";

/// How the server treats a request, by its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// A server function: answers in Leptos's own encoding, to a page's script.
    ServerFunction,
    /// The JSON API and its OpenAPI document: errors are problem documents.
    Api,
    /// The profile and plan pages and form posts: they depend on cookies and show edit tokens.
    Profiles,
    /// Every other page, download and static file.
    Site,
}

impl Area {
    pub fn of(path: &str) -> Area {
        if is_under(path, SERVER_FN_PREFIX) {
            Area::ServerFunction
        } else if is_under(path, API_PREFIX) || path == OPENAPI_PATH {
            Area::Api
        } else if is_under(path, PROFILES_PREFIX) || is_under(path, PLANS_PREFIX) {
            Area::Profiles
        } else {
            Area::Site
        }
    }
}

/// `path` is `prefix` itself or a path below it (`/api/v1/x`, not `/api/v1x`).
fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The fingerprinted names of the site's files (`/pkg/atlas.css` → `/pkg/atlas.0123….css`). The
/// server provides them to every render as context (`server::context::provide`); the shell asks
/// for names through [`asset_url`], so a page never names a file the site does not have.
#[derive(Clone, Debug, Default)]
pub struct AssetPaths(Arc<HashMap<&'static str, String>>);

impl AssetPaths {
    pub fn new(hashed: HashMap<&'static str, String>) -> Self {
        Self(Arc::new(hashed))
    }

    /// The address a page should use for the site file at `path`.
    pub fn url(&self, path: &str) -> String {
        self.0
            .get(path)
            .cloned()
            .unwrap_or_else(|| path.to_string())
    }

    pub fn contains(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }
}

/// The address of the site file `path` for the page being rendered: its fingerprinted name when
/// the render has [`AssetPaths`] in context, else the plain name (the browser, which never
/// re-renders the shell, keeps what the server wrote).
pub fn asset_url(path: &str) -> String {
    match leptos::prelude::use_context::<AssetPaths>() {
        Some(paths) => paths.url(path),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_prefix_names_its_own_area_and_the_api_page_is_a_page() {
        assert_eq!(Area::of("/_sf/load_occupations123"), Area::ServerFunction);
        assert_eq!(Area::of("/api/v1/occupations"), Area::Api);
        assert_eq!(Area::of("/api/v1"), Area::Api);
        assert_eq!(Area::of("/api/openapi.json"), Area::Api);
        assert_eq!(Area::of("/profiles/abc/edit"), Area::Profiles);
        assert_eq!(Area::of("/profiles"), Area::Profiles);
        for page in [
            "/api",
            "/api/",
            "/api/load_overview",
            "/",
            "/occupations",
            "/profilesx",
        ] {
            assert_eq!(Area::of(page), Area::Site, "{page}");
        }
        assert_eq!(Area::of("/api/v1x"), Area::Site);
        assert_eq!(Area::of("/_sfx"), Area::Site);
    }

    #[test]
    fn an_asset_without_a_fingerprint_keeps_its_plain_name() {
        let paths = AssetPaths::new(HashMap::from([(
            "/pkg/atlas.css",
            "/pkg/atlas.0f.css".to_string(),
        )]));
        assert_eq!(paths.url("/pkg/atlas.css"), "/pkg/atlas.0f.css");
        assert_eq!(paths.url("/js/charts.js"), "/js/charts.js");
    }
}
