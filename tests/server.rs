//! The server over HTTP: health, pages, the 404 page and static assets.

mod common;

use common::spawn_app;

#[tokio::test]
async fn healthz_reports_the_version_and_a_working_database() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn healthz_says_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.state.pool.close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "unavailable");
}

#[tokio::test]
async fn the_home_page_is_complete_html_with_title_and_description() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = response.text().await.unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "starts with: {}",
        &html[..40.min(html.len())]
    );
    assert!(html.contains("<title>Automatability Atlas</title>"));
    assert!(html.contains(r#"<meta name="description""#));
    assert!(html.contains("Which parts of a job should AI take over?"));
    // The chart's option is rendered on the server, so ECharts can draw it without the wasm bundle.
    assert!(html.contains("data-echarts="));
    assert!(html.contains("/js/echarts.min.js"));
}

#[tokio::test]
async fn an_unknown_path_gets_the_404_page() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page not found"));
    assert!(html.contains("<title>Page not found · Automatability Atlas</title>"));
}

#[tokio::test]
async fn static_assets_are_served_with_their_content_types() {
    let app = spawn_app().await;
    for (path, content_type) in [
        ("/pkg/atlas.css", "text/css"),
        ("/js/charts.js", "text/javascript"),
        ("/favicon.ico", "image/"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let actual = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(actual.starts_with(content_type), "{path}: {actual}");
        assert!(
            !response.bytes().await.unwrap().is_empty(),
            "{path} is empty"
        );
    }
}

#[tokio::test]
async fn an_unknown_occupation_gets_the_404_page_with_close_matches() {
    let app = spawn_app().await;
    // A code in the same broad group, and a title word (the full-text search).
    for (path, expected) in [
        ("/occupations/29-1224.99", "/occupations/29-1224.00"),
        ("/occupations/radiologist", "/occupations/29-1224.00"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains("Did you mean"), "{path}: {html}");
        assert!(html.contains(expected), "{path}: {html}");
    }
}
