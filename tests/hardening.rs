//! The HTTP edge (issue 9) over real HTTP: security headers and the CSP nonce, compression,
//! readable 500s with request ids, panics, time and size limits, fingerprinted assets and their
//! cache policy, the page cache, and `/metrics`.

mod common;

use std::io::Read;
use std::net::SocketAddr;

use atlas::server::{self, config::Config, layers, AppState};
use axum::{routing::get, Router};
use common::{spawn_app, spawn_app_with_config, TestApp};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE};
use serde_json::{json, Value};

const OCCUPATION: &str = "/occupations/29-1224.00";

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header on {}", response.url()))
        .to_str()
        .unwrap()
}

/// The headers every answer carries, whatever it is.
fn assert_security_headers(response: &reqwest::Response) {
    let policy = header(response, "content-security-policy");
    assert!(policy.contains("default-src 'self'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("object-src 'none'"), "{policy}");
    let script_src = policy
        .split(';')
        .find(|directive| directive.trim().starts_with("script-src"))
        .expect("a script-src directive");
    assert!(!script_src.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("; style-src 'self';"), "{policy}");
    assert!(
        !policy.contains(" 'unsafe-eval'"),
        "only wasm-unsafe-eval: {policy}"
    );
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
    assert_eq!(
        header(response, "referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    assert_eq!(header(response, "x-frame-options"), "DENY");
    assert!(header(response, "permissions-policy").contains("camera=()"));
    assert!(!header(response, "x-request-id").is_empty());
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "HSTS is off unless configured"
    );
}

/// The nonce the CSP header allows.
fn header_nonce(response: &reqwest::Response) -> String {
    let policy = header(response, "content-security-policy");
    let start = policy.find("'nonce-").expect("the policy has a nonce") + "'nonce-".len();
    let end = start + policy[start..].find('\'').unwrap();
    policy[start..end].to_string()
}

/// Every `<script>` without `src` whose type is JavaScript (no type, a JS type, or module);
/// data blocks such as `application/json` do not run and need no nonce.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let tag_end = start + rest[start..].find('>').unwrap();
        let tag = &rest[start..=tag_end];
        rest = &rest[tag_end..];
        let data_block = tag.contains("type=\"application/") && !tag.contains("javascript");
        if !tag.contains(" src=") && !data_block {
            tags.push(tag);
        }
    }
    tags
}

fn assert_scripts_carry(html: &str, nonce: &str) {
    let scripts = inline_scripts(html);
    assert!(!scripts.is_empty(), "the page has its hydration script");
    for tag in scripts {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "{tag} lacks the header's nonce {nonce}"
        );
    }
}

#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/", 200),
        (OCCUPATION, 200),
        ("/api/v1/occupations?per_page=1", 200),
        ("/api/v1/nothing-here", 404),
        ("/pkg/atlas.css", 200),
        ("/favicon.ico", 200),
        ("/no/such/page", 404),
        ("/healthz", 200),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), status, "{path}");
        assert_security_headers(&response);
    }
}

#[tokio::test]
async fn hsts_is_sent_when_configured() {
    let app = spawn_app_with_config(|config| config.http.hsts = true).await;
    let response = app.get("/").await;
    assert_eq!(
        header(&response, "strict-transport-security"),
        "max-age=63072000"
    );
}

#[tokio::test]
async fn every_inline_script_carries_the_nonce_of_its_own_response() {
    let app = spawn_app().await;
    let mut nonces = Vec::new();
    // The same page three times (the later ones from the page cache), then other pages: each
    // answer has a fresh nonce, and the page's scripts carry exactly that one.
    for path in [
        OCCUPATION,
        OCCUPATION,
        OCCUPATION,
        "/",
        "/profiles/new",
        "/no/such",
    ] {
        let response = app.get(path).await;
        let nonce = header_nonce(&response);
        let html = response.text().await.unwrap();
        assert_scripts_carry(&html, &nonce);
        assert!(!nonces.contains(&nonce), "nonce {nonce} was sent twice");
        nonces.push(nonce);
    }
}

#[tokio::test]
async fn a_form_shown_again_with_errors_carries_the_nonce_of_its_response() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/profiles/new"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("name=&tasks%5B0%5D.title=x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let nonce = header_nonce(&response);
    let html = response.text().await.unwrap();
    assert_scripts_carry(&html, &nonce);
}

async fn get_encoded(app: &TestApp, path: &str, encoding: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header(ACCEPT_ENCODING, encoding)
        .send()
        .await
        .unwrap()
}

fn decode(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    match encoding {
        "br" => {
            brotli_decompressor::Decompressor::new(bytes, 4096)
                .read_to_end(&mut plain)
                .unwrap();
        }
        "gzip" => {
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut plain)
                .unwrap();
        }
        other => panic!("unexpected encoding {other}"),
    }
    plain
}

#[tokio::test]
async fn html_json_css_and_wasm_are_compressed_as_the_client_asks() {
    let app = spawn_app().await;
    // The test site has no wasm bundle; a stand-in of realistic size will do.
    let wasm: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8 / 3).collect();
    std::fs::write(app.state.config.site_root.join("pkg/atlas.wasm"), &wasm).unwrap();
    for path in [
        OCCUPATION,
        "/api/v1/occupations?per_page=20",
        "/pkg/atlas.css",
        "/pkg/atlas.wasm",
    ] {
        let plain = app.get(path).await;
        assert!(plain.headers().get(CONTENT_ENCODING).is_none(), "{path}");
        let plain_type = header(&plain, "content-type").to_string();
        let plain_body = plain.bytes().await.unwrap();
        for encoding in ["br", "gzip"] {
            let response = get_encoded(&app, path, encoding).await;
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(header(&response, "content-encoding"), encoding, "{path}");
            assert_eq!(header(&response, "content-type"), plain_type, "{path}");
            assert!(
                header(&response, "vary").contains("accept-encoding"),
                "{path}"
            );
            let body = response.bytes().await.unwrap();
            assert!(
                body.len() * 2 < plain_body.len(),
                "{path} {encoding}: {} of {} bytes",
                body.len(),
                plain_body.len()
            );
            let decoded = decode(encoding, &body);
            if path == OCCUPATION {
                // Same page, other nonce.
                assert_eq!(decoded.len(), plain_body.len(), "{path}");
            } else {
                assert_eq!(decoded, plain_body.as_ref(), "{path} {encoding}");
            }
        }
    }
    assert_eq!(
        get_encoded(&app, "/pkg/atlas.wasm", "br")
            .await
            .headers()
            .get(CONTENT_TYPE)
            .unwrap(),
        "application/wasm"
    );
}

/// Starts the app from `state` with the routes of `extra` added, inside the same layers.
async fn serve_with(state: AppState, extra: Router) -> SocketAddr {
    let http = state.config.http.clone();
    let router = layers::apply(server::routes(state).merge(extra), &http, None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(server::serve_router(
        listener,
        router,
        std::future::pending(),
    ));
    address
}

/// Routes that fail in the ways a handler can: a panic, an error body that names internals, and
/// a request that never finishes.
fn failing_routes() -> Router {
    Router::new()
        .route(
            "/test/panic",
            get(|| async {
                if std::hint::black_box(true) {
                    panic!("secret detail of the panic");
                }
                "unreachable"
            }),
        )
        .route(
            "/api/v1/test/panic",
            get(|| async {
                if std::hint::black_box(true) {
                    panic!("secret detail of the panic");
                }
                "unreachable"
            }),
        )
        .route(
            "/test/leak",
            get(|| async {
                (
                    http::StatusCode::INTERNAL_SERVER_ERROR,
                    "connection to postgres://admin:hunter2@db failed",
                )
            }),
        )
        .route(
            "/test/forever",
            get(|| async {
                std::future::pending::<()>().await;
                "unreachable"
            }),
        )
}

async fn spawn_failing(adjust: impl FnOnce(&mut Config)) -> (TestApp, String) {
    let app = spawn_app_with_config(adjust).await;
    let address = serve_with(app.state.clone(), failing_routes()).await;
    (app, format!("http://{address}"))
}

#[tokio::test]
async fn a_panic_in_a_handler_is_a_readable_500_page_with_the_request_id() {
    let (app, base) = spawn_failing(|_| {}).await;
    for path in ["/test/panic", "/test/leak"] {
        let response = app
            .client
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 500, "{path}");
        assert_security_headers(&response);
        assert!(header(&response, "content-type").starts_with("text/html"));
        let request_id = header(&response, "x-request-id").to_string();
        let html = response.text().await.unwrap();
        assert!(html.contains("Something went wrong"), "{html}");
        assert!(
            html.contains(&format!("<code>{request_id}</code>")),
            "{path}: the page names request {request_id}: {html}"
        );
        assert!(
            !html.contains("secret") && !html.contains("hunter2"),
            "{html}"
        );
    }
}

#[tokio::test]
async fn a_request_id_from_a_proxy_is_kept_and_a_strange_one_replaced() {
    let (app, base) = spawn_failing(|_| {}).await;
    let kept = app
        .client
        .get(format!("{base}/test/panic"))
        .header("x-request-id", "proxy-1234.abc")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&kept, "x-request-id"), "proxy-1234.abc");
    assert!(kept.text().await.unwrap().contains("proxy-1234.abc"));
    let replaced = app
        .client
        .get(format!("{base}/test/panic"))
        .header("x-request-id", "<script>alert(1)</script>")
        .send()
        .await
        .unwrap();
    let id = header(&replaced, "x-request-id").to_string();
    assert!(!id.contains('<'), "{id}");
    assert!(!replaced.text().await.unwrap().contains("alert(1)"));
}

#[tokio::test]
async fn an_internal_error_in_the_api_is_a_problem_document_with_the_request_id() {
    let (app, base) = spawn_failing(|_| {}).await;
    let response = app
        .client
        .get(format!("{base}/api/v1/test/panic"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(
        header(&response, "content-type"),
        "application/problem+json"
    );
    let request_id = header(&response, "x-request-id").to_string();
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["title"], "Internal server error");
    assert_eq!(problem["request_id"], json!(request_id));

    // A real failure: the database is gone.
    app.state.pool.close().await;
    let response = app.get("/api/v1/occupations").await;
    assert_eq!(response.status(), 500);
    let request_id = header(&response, "x-request-id").to_string();
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["request_id"], json!(request_id));
    let text = problem.to_string();
    assert!(!text.contains("pool") && !text.contains("closed"), "{text}");
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_answered_with_503() {
    let (app, base) =
        spawn_failing(|config| config.http.request_timeout = std::time::Duration::from_millis(200))
            .await;
    let response = app
        .client
        .get(format!("{base}/test/forever"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_security_headers(&response);
    assert!(response.headers().contains_key("retry-after"));
    let request_id = header(&response, "x-request-id").to_string();
    let html = response.text().await.unwrap();
    assert!(html.contains("This took too long"), "{html}");
    assert!(html.contains(&request_id));
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused_with_413() {
    let app = spawn_app_with_config(|config| config.http.max_body_bytes = 4096).await;
    let response = app
        .client
        .post(app.url("/api/v1/assessments"))
        .header(CONTENT_TYPE, "application/json")
        .body(vec![b' '; 10_000])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_security_headers(&response);
    assert_eq!(
        header(&response, "content-type"),
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["title"], "Payload too large");

    let page = app
        .client
        .post(app.url("/profiles/new"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(vec![b'a'; 10_000])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 413);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("That was too much to send"));
}

/// A site with fingerprinted copies of the stylesheet, the chart scripts and a stand-in bundle,
/// and the manifest listing them, as scripts/build-site.sh writes it.
fn fingerprint_site(config: &mut Config) {
    let site = &config.site_root;
    std::fs::create_dir_all(site.join("js")).unwrap();
    let css = std::fs::read(site.join("pkg/atlas.css")).unwrap();
    std::fs::write(site.join("pkg/atlas.0123456789abcdef.css"), css).unwrap();
    std::fs::write(
        site.join("pkg/atlas.1111111111111111.js"),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(site.join("pkg/atlas.2222222222222222.wasm"), b"\0asm").unwrap();
    std::fs::write(site.join("js/echarts.min.3333333333333333.js"), "var e;").unwrap();
    std::fs::write(site.join("js/charts.4444444444444444.js"), "var c;").unwrap();
    std::fs::write(
        site.join("asset-hashes.txt"),
        "js: 1111111111111111\nwasm: 2222222222222222\ncss: 0123456789abcdef\n\
         echarts: 3333333333333333\ncharts: 4444444444444444\n",
    )
    .unwrap();
}

#[tokio::test]
async fn pages_name_the_fingerprinted_assets_which_are_cached_for_a_year() {
    let app = spawn_app_with_config(fingerprint_site).await;
    let html = app.get(OCCUPATION).await.text().await.unwrap();
    for hashed in [
        "/pkg/atlas.0123456789abcdef.css",
        "/js/echarts.min.3333333333333333.js",
        "/js/charts.4444444444444444.js",
        "atlas.1111111111111111",
        "atlas.2222222222222222",
    ] {
        assert!(html.contains(hashed), "the page names {hashed}");
    }
    assert!(!html.contains("\"/pkg/atlas.css\""));

    for path in [
        "/pkg/atlas.0123456789abcdef.css",
        "/js/echarts.min.3333333333333333.js",
        "/pkg/atlas.2222222222222222.wasm",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            "public, max-age=31536000, immutable",
            "{path}"
        );
    }
    // The plain names still work, for the plain error pages, but must be revalidated.
    for path in ["/pkg/atlas.css", "/js/charts.js", "/favicon.ico"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
    }
    let missing = app.get("/pkg/atlas.ffffffffffffffff.css").await;
    assert_eq!(missing.status(), 404);
    assert!(missing
        .headers()
        .get(CACHE_CONTROL)
        .is_none_or(|value| value != "public, max-age=31536000, immutable"));
}

#[tokio::test]
async fn a_site_without_a_manifest_serves_the_plain_names() {
    let app = spawn_app().await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(
        html.contains("href=\"/pkg/atlas.css\""),
        "tests lay out no manifest"
    );
    let response = app.get("/pkg/atlas.css").await;
    assert_eq!(header(&response, "cache-control"), "no-cache");
}

/// A configuration for a start-up that is expected to fail, with the site in `site_root`.
fn start_up_config(site_root: &std::path::Path, database_url: String) -> Config {
    Config {
        database_url: database_url.into(),
        listen_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: site_root.to_path_buf(),
        data_dir: common::repo_root().join("data"),
        log_json: false,
        write_rate_per_minute: 10,
        write_burst: 10,
        trust_forwarded_for: false,
        http: Default::default(),
    }
}

#[tokio::test]
async fn a_manifest_naming_a_missing_file_stops_the_start_up_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("asset-hashes.txt"), "wasm: 00ff\n").unwrap();
    let config = start_up_config(
        dir.path(),
        format!("sqlite://{}", dir.path().join("atlas.db").display()),
    );
    let error = AppState::open(config).await.err().expect("refused");
    let message = format!("{error:#}");
    assert!(message.contains("atlas.00ff.wasm"), "{message}");
    assert!(message.contains("scripts/build-site.sh"), "{message}");
}

#[tokio::test]
async fn a_database_that_cannot_be_opened_is_named_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?password=hunter2",
        dir.path().join("missing-dir").join("atlas.db").display()
    );
    let config = start_up_config(dir.path(), url);
    let error = AppState::open(config).await.err().expect("refused");
    let message = format!("{error:#} {error:?}");
    assert!(
        message.contains("opening the database sqlite://"),
        "{message}"
    );
    assert!(message.contains("password=***"), "{message}");
    assert!(!message.contains("hunter2"), "{message}");
}

#[tokio::test]
async fn a_changed_profile_is_never_served_from_the_page_cache() {
    let app = spawn_app().await;
    let body = json!({"name": "First name", "tasks": [{"title": "Read scans", "share": 100,
        "ratings": {"standardization": 3, "error_tolerance": 3, "verifiability": 3, "frequency": 3}}]});
    let created: Value = app
        .client
        .post(app.url("/api/v1/profiles"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = created["url"].as_str().unwrap().to_string();
    let path = url
        .trim_start_matches(&format!("http://{}", app.address))
        .to_string();
    let first = app.get(&path).await.text().await.unwrap();
    assert!(first.contains("First name"), "{path}");

    let mut renamed = body.clone();
    renamed["name"] = json!("Second name");
    let update = app
        .client
        .put(app.url(&format!(
            "/api/v1/profiles/{}",
            created["id"].as_str().unwrap()
        )))
        .bearer_auth(created["edit_token"].as_str().unwrap())
        .json(&renamed)
        .send()
        .await
        .unwrap();
    assert_eq!(update.status(), 200);
    let second = app.get(&path).await.text().await.unwrap();
    assert!(
        second.contains("Second name"),
        "the profile page is rendered afresh"
    );
}

#[tokio::test]
async fn metrics_are_off_unless_an_address_is_configured() {
    let app = spawn_app().await;
    assert_eq!(app.state.config.http.metrics_addr, None);
    assert_eq!(app.get("/metrics").await.status(), 404);
    app.get(OCCUPATION).await;
    let text = server::metrics::render(&app.state).await;
    assert!(
        !text.contains("atlas_http_requests_total{"),
        "nothing is counted when metrics are off: {text}"
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_and_report_the_database() {
    let app = spawn_app_with_config(|config| {
        config.http.metrics_addr = Some("127.0.0.1:0".parse().unwrap())
    })
    .await;
    // The metrics listener, as `atlas serve` starts it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let metrics_address = listener.local_addr().unwrap();
    tokio::spawn(server::metrics::serve(
        listener,
        app.state.clone(),
        std::future::pending(),
    ));
    assert_eq!(app.get(OCCUPATION).await.status(), 200);
    assert_eq!(app.get("/occupations/11-1011.00").await.status(), 200);
    assert_eq!(app.get("/no/such/page").await.status(), 404);
    assert_eq!(
        app.get("/metrics").await.status(),
        404,
        "not on the app's address"
    );

    let response = app
        .client
        .get(format!("http://{metrics_address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/plain; version=0.0.4"));
    let text = response.text().await.unwrap();
    assert!(
        text.contains("atlas_http_requests_total{route=\"/occupations/{code}\",status=\"2xx\"} 2"),
        "{text}"
    );
    // The unknown page and the /metrics asked of the app's address.
    assert!(
        text.contains("atlas_http_requests_total{route=\"fallback\",status=\"4xx\"} 2"),
        "{text}"
    );
    assert!(text.contains("# TYPE atlas_http_request_duration_seconds histogram"));
    assert!(
        text.contains("atlas_http_request_duration_seconds_count 4"),
        "{text}"
    );
    assert!(text.contains("atlas_db_pool_connections{state=\"open\"}"));
    assert!(text.contains("atlas_db_pool_connections{state=\"idle\"}"));
    assert!(text.contains("atlas_profiles_stored 0"), "{text}");
}
