//! Fingerprinted assets: the names the pages use for the wasm bundle, its JS glue, the stylesheet
//! and the two chart scripts, and the cache policy of every static file.
//!
//! `scripts/build-site.sh` (through `scripts/fingerprint.mjs`) copies each of those files to a name
//! with its content hash (`pkg/atlas.css` → `pkg/atlas.0123456789abcdef.css`), writes precompressed
//! `.br` and `.gz` copies next to them, and lists the hashes in [`MANIFEST_FILE`] at the site root,
//! one `key: hash` per line. The keys `js` and `wasm` are the ones Leptos's `HydrationScripts` reads
//! (its `hash_files` option), so the hydration script loads the hashed bundle; the other keys are
//! read here. The server reads the manifest once at start-up.
//!
//! A hashed name never changes its content, so it is sent with a year-long immutable cache policy;
//! every other file (the unhashed names stay, for old pages and the plain error pages) must be
//! revalidated. A site without a manifest (tests lay one out without wasm) is served with the
//! plain names.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use axum::{
    body::Body,
    extract::{Request, State},
    response::Response,
};
use http::{header, HeaderValue, StatusCode};

use super::AppState;
use crate::paths::AssetPaths;

/// The manifest at the site root.
pub const MANIFEST_FILE: &str = "asset-hashes.txt";

/// For fingerprinted files: cached for a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For every other static file: may be stored, but must be revalidated before each use.
pub const REVALIDATE: &str = "no-cache";

/// Manifest keys and the site paths they stand for.
const KEYS: [(&str, &str); 5] = [
    ("js", "/pkg/atlas.js"),
    ("wasm", "/pkg/atlas.wasm"),
    ("css", "/pkg/atlas.css"),
    ("echarts", "/js/echarts.min.js"),
    ("charts", "/js/charts.js"),
];

/// What the manifest says, or nothing when the site has none.
#[derive(Clone, Debug, Default)]
pub struct AssetManifest {
    /// The plain site path → the hashed one, e.g. `/pkg/atlas.css` → `/pkg/atlas.0123….css`.
    hashed: AssetPaths,
    /// Every hashed path, to give them the immutable policy.
    immutable: HashSet<String>,
    /// The manifest's absolute path, for Leptos's `hash_file` option.
    file: Option<PathBuf>,
}

/// A manifest that cannot be used; the server refuses to start rather than send pages that
/// name missing files.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("{file}:{line}: expected `key: hash` with a key of js, wasm, css, echarts or charts and a hash of hexadecimal digits")]
    Malformed { file: PathBuf, line: usize },
    #[error("{manifest} names {missing}, which does not exist; rebuild the site with scripts/build-site.sh")]
    Missing { manifest: PathBuf, missing: PathBuf },
    #[error("reading {file}: {source}")]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
}

/// `/pkg/atlas.css` with hash `abc` → `/pkg/atlas.abc.css`.
fn hashed_path(path: &str, hash: &str) -> String {
    let (directory, name) = path.rsplit_once('/').unwrap_or(("", path));
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    // `echarts.min.js` keeps `.min` in the stem: `echarts.min.<hash>.js`.
    format!("{directory}/{stem}.{hash}.{extension}")
}

impl AssetManifest {
    /// Reads `MANIFEST_FILE` in `site_root`; an empty manifest when there is none.
    pub fn load(site_root: &Path) -> Result<Self, AssetError> {
        let file = site_root.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default())
            }
            Err(source) => return Err(AssetError::Read { file, source }),
        };
        let mut manifest = Self::default();
        let mut hashed_paths = HashMap::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let malformed = || AssetError::Malformed {
                file: file.clone(),
                line: index + 1,
            };
            let (key, hash) = line.split_once(':').ok_or_else(malformed)?;
            let (key, hash) = (key.trim(), hash.trim());
            let plain = KEYS
                .iter()
                .find(|(known, _)| *known == key)
                .map(|(_, path)| *path)
                .ok_or_else(malformed)?;
            if hash.is_empty() || !hash.bytes().all(|byte| byte.is_ascii_hexdigit()) {
                return Err(malformed());
            }
            let hashed = hashed_path(plain, hash);
            let on_disk = site_root.join(hashed.trim_start_matches('/'));
            if !on_disk.is_file() {
                return Err(AssetError::Missing {
                    manifest: file.clone(),
                    missing: on_disk,
                });
            }
            manifest.immutable.insert(hashed.clone());
            hashed_paths.insert(plain, hashed);
        }
        manifest.hashed = AssetPaths::new(hashed_paths);
        manifest.file = Some(std::path::absolute(&file).unwrap_or(file));
        Ok(manifest)
    }

    /// The address a page should use for the site file at `path` (`/pkg/atlas.css`).
    pub fn url(&self, path: &str) -> String {
        self.hashed.url(path)
    }

    /// The hashed names, as renders get them in context (`crate::paths::asset_url`).
    pub fn paths(&self) -> AssetPaths {
        self.hashed.clone()
    }

    /// The manifest file when the wasm bundle and its glue are fingerprinted, for Leptos's
    /// `HydrationScripts` (which reads the `js` and `wasm` lines).
    pub fn hydration_hash_file(&self) -> Option<&Path> {
        let bundle_hashed =
            self.hashed.contains("/pkg/atlas.js") && self.hashed.contains("/pkg/atlas.wasm");
        self.file.as_deref().filter(|_| bundle_hashed)
    }

    fn cache_policy(&self, path: &str) -> &'static str {
        if self.immutable.contains(path) {
            IMMUTABLE
        } else {
            REVALIDATE
        }
    }
}

/// The fallback of the router: a static file of the site (precompressed when the client takes
/// brotli or gzip and the build made the copy), with its cache policy, or the app's 404 page.
pub async fn serve_files(State(state): State<AppState>, request: Request<Body>) -> Response {
    let path = request.uri().path().to_string();
    let context_state = state.clone();
    let handler = leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        move || super::context::provide(&context_state),
        crate::app::shell,
    );
    let uri = request.uri().clone();
    let mut response = handler(uri, State(state.clone()), request).await;
    if matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED)
        && !response.headers().contains_key(header::CACHE_CONTROL)
    {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(state.assets.cache_policy(&path)),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_the_directory_stem_and_extension() {
        assert_eq!(hashed_path("/pkg/atlas.css", "00ff"), "/pkg/atlas.00ff.css");
        assert_eq!(
            hashed_path("/js/echarts.min.js", "ab"),
            "/js/echarts.min.ab.js"
        );
    }

    #[test]
    fn a_site_without_a_manifest_uses_the_plain_names() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = AssetManifest::load(dir.path()).unwrap();
        assert_eq!(manifest.url("/pkg/atlas.css"), "/pkg/atlas.css");
        assert_eq!(manifest.cache_policy("/pkg/atlas.css"), REVALIDATE);
        assert!(manifest.hydration_hash_file().is_none());
    }

    #[test]
    fn a_manifest_maps_the_names_and_refuses_missing_or_malformed_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg/atlas.00ff.css"), "body{}").unwrap();
        std::fs::write(dir.path().join(MANIFEST_FILE), "css: 00ff\n").unwrap();
        let manifest = AssetManifest::load(dir.path()).unwrap();
        assert_eq!(manifest.url("/pkg/atlas.css"), "/pkg/atlas.00ff.css");
        assert_eq!(manifest.cache_policy("/pkg/atlas.00ff.css"), IMMUTABLE);
        assert_eq!(manifest.cache_policy("/pkg/atlas.css"), REVALIDATE);
        assert!(
            manifest.hydration_hash_file().is_none(),
            "no bundle in this one"
        );

        std::fs::write(dir.path().join(MANIFEST_FILE), "css: 00ff\nwasm: 1234\n").unwrap();
        let error = AssetManifest::load(dir.path()).unwrap_err();
        assert!(error.to_string().contains("atlas.1234.wasm"), "{error}");

        std::fs::write(dir.path().join(MANIFEST_FILE), "style: 00ff\n").unwrap();
        let error = AssetManifest::load(dir.path()).unwrap_err();
        assert!(error.to_string().contains(":1: expected"), "{error}");
    }
}
