//! A cache of rendered catalog pages. A page outside `/profiles` is a function of its URL and of
//! what is loaded (the curated catalog and the O*NET import): no sessions, no cookies, no
//! per-user content. So the HTML of a `GET` is kept and sent again until either changes.
//!
//! Rendering an occupation page (database reads, the assessment, about 60 KB of HTML) costs far
//! more than sending it; with the cache a repeated page costs about what a static file does
//! (BENCHMARKS.md, "Page throughput").
//!
//! What is kept: only `200` HTML answers that set no cookie, for paths outside `/profiles` (those
//! pages show or depend on edit tokens), rendered with a CSP nonce, within [`MAX_BYTES`] in all.
//!
//! Invalidation: the catalog is replaced only by `atlas catalog load` or at start-up, and the
//! O*NET import only by `atlas import onet`, and a published measure by `atlas import measures`,
//! possibly in another process. The `catalog_state` and `onet_import` rows and the measures'
//! stamp (`db::measures::figures_stamp`) say what is loaded; the cache reads them at most once per
//! [`RECHECK_AFTER`] and drops every page when any changed, so a page is at most that much
//! older than a change. A page rendered before a change is not stored after it.
//!
//! Nonces: every response has its own CSP nonce (`security`), and a rendered page carries the
//! nonce of the request that rendered it in its script tags. The cache keeps the page cut at each
//! occurrence of that nonce and joins the pieces with the current request's nonce, so no two
//! answers share one. (The nonce is 128 random bits, so it cannot occur in the page by chance.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::Pool;
use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, HeaderMap, Method, StatusCode};

use super::security::CspNonce;
use crate::db;
use crate::paths::Area;

/// How long a check of what is loaded is trusted before it is read again.
pub const RECHECK_AFTER: Duration = Duration::from_secs(1);
/// The most page bytes kept; past this the cache starts again from empty.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// A page larger than this is not kept (no page of the app comes near it).
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// What is loaded: the page cache is valid while this stays the same.
type LoadedState = (
    Option<db::catalog::CatalogState>,
    Option<db::onet::OnetImportState>,
    String,
);

#[derive(Clone)]
pub struct PageCache {
    pool: Pool,
    recheck_after: Duration,
    inner: Arc<Mutex<Inner>>,
}

struct CachedPage {
    headers: HeaderMap,
    /// The page cut at each occurrence of the nonce it was rendered with.
    pieces: Vec<Bytes>,
    length: usize,
}

#[derive(Default)]
struct Inner {
    /// What was loaded at the last check, and when that was.
    loaded: Option<(Instant, LoadedState)>,
    pages: HashMap<String, CachedPage>,
    bytes: usize,
    /// Counts changes of what is loaded, so that a page rendered before one is not stored after.
    generation: u64,
}

/// The page cut at every occurrence of `nonce`.
fn cut_at(page: &Bytes, nonce: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index + nonce.len() <= page.len() {
        if &page[index..index + nonce.len()] == nonce {
            pieces.push(page.slice(start..index));
            index += nonce.len();
            start = index;
        } else {
            index += 1;
        }
    }
    pieces.push(page.slice(start..));
    pieces
}

impl CachedPage {
    /// The stored page with `nonce` in place of its own: the stored pieces and the nonce as
    /// frames, no copy of the page (a body of exact, known length, so it is sent with
    /// `Content-Length`).
    fn body_with(&self, nonce: &CspNonce) -> PiecesBody {
        let nonce = Bytes::copy_from_slice(nonce.0.as_bytes());
        let mut frames = std::collections::VecDeque::with_capacity(self.pieces.len() * 2);
        for (index, piece) in self.pieces.iter().enumerate() {
            if index > 0 {
                frames.push_back(nonce.clone());
            }
            if !piece.is_empty() {
                frames.push_back(piece.clone());
            }
        }
        let remaining = frames.iter().map(|frame| frame.len() as u64).sum();
        PiecesBody { frames, remaining }
    }
}

/// A response body made of shared pieces.
struct PiecesBody {
    frames: std::collections::VecDeque<Bytes>,
    remaining: u64,
}

impl http_body::Body for PiecesBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let frame = self.frames.pop_front();
        if let Some(bytes) = &frame {
            self.remaining -= bytes.len() as u64;
        }
        std::task::Poll::Ready(frame.map(|bytes| Ok(http_body::Frame::data(bytes))))
    }

    fn is_end_stream(&self) -> bool {
        self.frames.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.remaining)
    }
}

impl PageCache {
    pub fn new(pool: Pool) -> Self {
        Self::with_recheck(pool, RECHECK_AFTER)
    }

    fn with_recheck(pool: Pool, recheck_after: Duration) -> Self {
        Self {
            pool,
            recheck_after,
            inner: Arc::new(Mutex::new(Inner::default())),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind, still safe to use.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Drops every page if what is loaded has changed since the last check (read at most once per
    /// `recheck_after`), and answers the current generation. Answers `None` when the state cannot
    /// be read: nothing is cached then.
    async fn ensure_current(&self) -> Option<u64> {
        {
            let inner = self.lock();
            if let Some((checked, _)) = &inner.loaded {
                if checked.elapsed() < self.recheck_after {
                    return Some(inner.generation);
                }
            }
        }
        let catalog = db::catalog::catalog_state(&self.pool).await.ok()?;
        let onet = db::onet::onet_import_state(&self.pool).await.ok()?;
        let figures = db::measures::figures_stamp(&self.pool).await.ok()?;
        let state = (catalog, onet, figures);
        let mut inner = self.lock();
        let changed = inner.loaded.as_ref().is_none_or(|(_, old)| *old != state);
        if changed {
            inner.pages.clear();
            inner.bytes = 0;
            inner.generation += 1;
        }
        inner.loaded = Some((Instant::now(), state));
        Some(inner.generation)
    }

    fn get(&self, key: &str, nonce: &CspNonce) -> Option<Response> {
        let inner = self.lock();
        let page = inner.pages.get(key)?;
        let mut response = Response::new(Body::new(page.body_with(nonce)));
        *response.headers_mut() = page.headers.clone();
        Some(response)
    }

    /// Stores a page rendered in `generation` with `nonce`, unless what is loaded has changed since.
    fn insert(
        &self,
        generation: u64,
        key: String,
        headers: HeaderMap,
        body: &Bytes,
        nonce: &CspNonce,
    ) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.bytes + body.len() > MAX_BYTES {
            inner.pages.clear();
            inner.bytes = 0;
        }
        inner.bytes += body.len();
        let page = CachedPage {
            headers,
            pieces: cut_at(body, nonce.0.as_bytes()),
            length: body.len(),
        };
        if let Some(old) = inner.pages.insert(key, page) {
            inner.bytes -= old.length;
        }
    }
}

/// Only the site's own pages are cached: the profile pages show edit tokens and depend on
/// cookies, and server functions and the API answer data, not pages.
fn is_cacheable_path(path: &str) -> bool {
    Area::of(path) == Area::Site
}

/// Middleware for the page routes: answers a repeated `GET` from the cache, and keeps the first
/// answer when it is a complete `200` HTML page that sets no cookie.
pub async fn serve_cached(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let nonce = request.extensions().get::<CspNonce>().cloned();
    let (Some(nonce), true) = (
        nonce,
        request.method() == Method::GET && is_cacheable_path(request.uri().path()),
    ) else {
        return next.run(request).await;
    };
    let Some(generation) = cache.ensure_current().await else {
        return next.run(request).await;
    };
    let key = request
        .uri()
        .path_and_query()
        .map(|path| path.as_str().to_string())
        .unwrap_or_default();
    if let Some(response) = cache.get(&key, &nonce) {
        return response;
    }
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let sets_cookie = response.headers().contains_key(header::SET_COOKIE);
    if response.status() != StatusCode::OK || !is_html || sets_cookie {
        return response;
    }
    let (parts, body) = response.into_parts();
    match to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => {
            cache.insert(generation, key, parts.headers.clone(), &bytes, &nonce);
            Response::from_parts(parts, Body::from(bytes))
        }
        // Only a page over MAX_PAGE_BYTES or a failing render gets here; the body is gone, so
        // answer as a failed render would.
        Err(error) => {
            tracing::error!(%error, "page could not be read for the cache");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nonce(text: &str) -> CspNonce {
        CspNonce(text.to_string())
    }

    /// The body's frames joined, checking the size it announced.
    fn joined(body: PiecesBody) -> Vec<u8> {
        use http_body::Body as _;
        let announced = body.size_hint().exact().expect("an exact size");
        let bytes: Vec<u8> = body
            .frames
            .iter()
            .flat_map(|frame| frame.to_vec())
            .collect();
        assert_eq!(bytes.len() as u64, announced);
        bytes
    }

    fn page(cache: &PageCache, key: &str) -> bool {
        cache.get(key, &nonce("n")).is_some()
    }

    #[test]
    fn a_cached_page_is_sent_with_the_current_nonce_in_place_of_its_own() {
        let body =
            Bytes::from_static(b"<script nonce=\"OLD\">a</script><link crossorigin=\"OLD\">OLD");
        let pieces = cut_at(&body, b"OLD");
        assert_eq!(pieces.len(), 4);
        let page = CachedPage {
            headers: HeaderMap::new(),
            pieces,
            length: body.len(),
        };
        assert_eq!(
            joined(page.body_with(&nonce("fresh"))),
            b"<script nonce=\"fresh\">a</script><link crossorigin=\"fresh\">fresh"
        );
        let plain = CachedPage {
            headers: HeaderMap::new(),
            pieces: cut_at(&Bytes::from_static(b"no scripts"), b"OLD"),
            length: 10,
        };
        assert_eq!(joined(plain.body_with(&nonce("x"))), b"no scripts");
    }

    #[test]
    fn profile_pages_are_never_cached() {
        assert!(!is_cacheable_path("/profiles/new"));
        assert!(!is_cacheable_path("/profiles/abc/edit"));
        assert!(!is_cacheable_path("/profiles"));
        assert!(is_cacheable_path("/occupations/29-1224.00"));
        assert!(is_cacheable_path("/"));
        assert!(!is_cacheable_path("/_sf/load_overview1234"));
    }

    #[tokio::test]
    async fn a_catalog_change_drops_the_pages_and_refuses_pages_rendered_before_it() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
        let pool = db::connect(&url).await.expect("database");
        db::migrate(&pool).await.expect("migrations");
        // Rechecked on every request, so that the test needs no waiting.
        let cache = PageCache::with_recheck(pool.clone(), Duration::ZERO);
        let old = Bytes::from_static(b"old");

        let before = cache.ensure_current().await.expect("state readable");
        cache.insert(before, "/a".into(), HeaderMap::new(), &old, &nonce("n"));
        assert!(page(&cache, "/a"));
        assert_eq!(
            cache.ensure_current().await,
            Some(before),
            "nothing changed yet"
        );
        assert!(page(&cache, "/a"));

        let data_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        crate::catalog::sync_catalog(&pool, &data_dir, false)
            .await
            .expect("the shipped catalog loads");
        let after = cache.ensure_current().await.expect("state readable");
        assert_ne!(after, before);
        assert!(!page(&cache, "/a"), "pages of the old catalog are dropped");

        cache.insert(before, "/b".into(), HeaderMap::new(), &old, &nonce("n"));
        assert!(
            !page(&cache, "/b"),
            "a page rendered before the change is not stored"
        );
        cache.insert(after, "/b".into(), HeaderMap::new(), &old, &nonce("n"));
        assert!(page(&cache, "/b"));
    }

    /// A router whose pages count how often they are rendered, behind the cache.
    fn counted_pages(cache: PageCache) -> (axum::Router, Arc<std::sync::atomic::AtomicUsize>) {
        use axum::routing::get;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let renders = Arc::new(AtomicUsize::new(0));
        let page = |status: StatusCode, cookie: bool, renders: Arc<AtomicUsize>| {
            get(move || async move {
                renders.fetch_add(1, Ordering::SeqCst);
                let mut response = (
                    status,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    "<html>page</html>",
                )
                    .into_response();
                if cookie {
                    response
                        .headers_mut()
                        .insert(header::SET_COOKIE, "a=b".parse().unwrap());
                }
                response
            })
        };
        let router = axum::Router::new()
            .route("/plain", page(StatusCode::OK, false, renders.clone()))
            .route("/cookie", page(StatusCode::OK, true, renders.clone()))
            .route(
                "/missing",
                page(StatusCode::NOT_FOUND, false, renders.clone()),
            )
            .route(
                "/profiles/{id}",
                page(StatusCode::OK, false, renders.clone()),
            )
            .route_layer(axum::middleware::from_fn_with_state(cache, serve_cached));
        (router, renders)
    }

    async fn renders_of_two_requests(path: &str) -> usize {
        use tower::ServiceExt;
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
        let pool = db::connect(&url).await.expect("database");
        db::migrate(&pool).await.expect("migrations");
        let (router, renders) =
            counted_pages(PageCache::with_recheck(pool, Duration::from_secs(60)));
        for _ in 0..2 {
            let request = Request::builder()
                .uri(path)
                .extension(CspNonce("n".into()))
                .body(Body::empty())
                .unwrap();
            router.clone().oneshot(request).await.unwrap();
        }
        renders.load(std::sync::atomic::Ordering::SeqCst)
    }

    #[tokio::test]
    async fn only_plain_200_pages_outside_profiles_are_kept() {
        assert_eq!(renders_of_two_requests("/plain").await, 1, "kept");
        assert_eq!(renders_of_two_requests("/cookie").await, 2, "sets a cookie");
        assert_eq!(renders_of_two_requests("/missing").await, 2, "not 200");
        assert_eq!(
            renders_of_two_requests("/profiles/abc").await,
            2,
            "a profile"
        );
    }

    #[tokio::test]
    async fn an_onet_import_drops_the_pages() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
        let pool = db::connect(&url).await.expect("database");
        db::migrate(&pool).await.expect("migrations");
        let cache = PageCache::with_recheck(pool.clone(), Duration::ZERO);
        let before = cache.ensure_current().await.expect("state readable");
        cache.insert(
            before,
            "/occupations".into(),
            HeaderMap::new(),
            &Bytes::from_static(b"list"),
            &nonce("n"),
        );
        assert!(page(&cache, "/occupations"));

        let release = crate::onet::test_support::fixture();
        crate::onet::import::import_release(&pool, &release, false, &crate::onet::NoProgress)
            .await
            .expect("the fixture release imports");
        let after = cache.ensure_current().await.expect("state readable");
        assert_ne!(after, before);
        assert!(
            !page(&cache, "/occupations"),
            "pages from before the import are dropped"
        );
    }
}
