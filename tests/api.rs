//! The public JSON API, `/api/v1`, over HTTP: the detail's documented shape, the model's names,
//! the scales and patterns, problem responses, ETags and CORS.

mod common;

use std::collections::BTreeSet;

use atlas::api_types::{ApiOccupation, PROBLEM_JSON_CONTENT_TYPE};
use atlas::assess::{Dimension, Pattern, Verdict, MODEL_VERSION};
use common::{spawn_app, TestApp};
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use serde_json::Value;

const RADIOLOGISTS: &str = "29-1224.00";

async fn get_json(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert!(
        response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{path}"
    );
    response.json().await.unwrap()
}

fn pattern_names() -> BTreeSet<&'static str> {
    Pattern::ALL.into_iter().map(Pattern::name).collect()
}

fn verdict_names() -> BTreeSet<&'static str> {
    Verdict::ALL.into_iter().map(Verdict::name).collect()
}

fn dimension_names() -> BTreeSet<&'static str> {
    Dimension::ALL.into_iter().map(Dimension::name).collect()
}

fn keys(object: &Value) -> BTreeSet<&str> {
    object
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {object}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn text<'a>(value: &'a Value, field: &str) -> &'a str {
    value[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string in {value}"))
}

fn index(value: &Value, field: &str) -> f64 {
    let number = value[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{field} is not a number in {value}"));
    assert!((0.0..=100.0).contains(&number), "{field} = {number}");
    number
}

async fn all_list_items(app: &TestApp) -> Vec<Value> {
    let mut items = Vec::new();
    for page in 1.. {
        let body = get_json(
            app,
            &format!("/api/v1/occupations?per_page=100&page={page}"),
        )
        .await;
        let batch = body["items"].as_array().unwrap();
        if batch.is_empty() {
            assert_eq!(items.len() as u64, body["total"].as_u64().unwrap());
            break;
        }
        items.extend(batch.iter().cloned());
    }
    items
}

#[tokio::test]
async fn the_detail_has_every_documented_field() {
    let app = spawn_app().await;
    let detail = get_json(&app, &format!("/api/v1/occupations/{RADIOLOGISTS}")).await;
    for field in [
        "code",
        "title",
        "major_group",
        "major_group_title",
        "source",
        "source_release",
        "verdict",
        "verdict_rationale",
        "automatability_index",
        "complementarity_index",
        "pattern_shares",
        "top_bottlenecks",
        "dimension_profile",
        "tasks",
        "alt_titles",
        "note",
        "evidence",
        "model_version",
        "catalog_version",
        "attribution",
    ] {
        assert!(detail.get(field).is_some(), "{field} missing from {detail}");
    }
    assert_eq!(detail["code"], RADIOLOGISTS);
    assert_eq!(text(&detail, "title"), "Radiologists");
    assert_eq!(detail["major_group"], "29");
    assert_eq!(detail["source"], "curated");
    assert!(detail["source_release"].is_null());
    assert!(detail["attribution"].is_null());
    assert!(!text(&detail, "verdict_rationale").is_empty());
    index(&detail, "automatability_index");
    index(&detail, "complementarity_index");
    assert_eq!(text(&detail, "model_version"), MODEL_VERSION);
    assert!(!text(&detail, "catalog_version").is_empty());

    let shares = &detail["pattern_shares"];
    assert_eq!(keys(shares), pattern_names());
    let sum: f64 = shares
        .as_object()
        .unwrap()
        .values()
        .map(|share| share.as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-6, "pattern shares sum to {sum}");
    assert_eq!(keys(&detail["dimension_profile"]), dimension_names());

    let tasks = detail["tasks"].as_array().unwrap();
    assert!(!tasks.is_empty());
    let mut share_sum = 0.0;
    for task in tasks {
        assert!(!text(task, "title").is_empty(), "{task}");
        let share = task["share"].as_f64().unwrap();
        assert!(share > 0.0 && share <= 1.0, "{task}");
        share_sum += share;
        assert_eq!(keys(&task["ratings"]), dimension_names(), "{task}");
        for rating in task["ratings"].as_object().unwrap().values() {
            let rating = rating.as_u64().expect("a whole number");
            assert!((1..=5).contains(&rating), "{task}");
        }
        assert!(pattern_names().contains(text(task, "pattern")), "{task}");
        for dimension in task["bottleneck"].as_array().expect("bottleneck is a list") {
            assert!(
                dimension_names().contains(dimension.as_str().unwrap()),
                "{task}"
            );
        }
        let what_if = task.get("what_if").expect("what_if is present");
        if !what_if.is_null() {
            assert!(
                dimension_names().contains(text(what_if, "dimension")),
                "{task}"
            );
            assert!(
                pattern_names().contains(text(what_if, "new_pattern")),
                "{task}"
            );
            assert_ne!(what_if["from"], what_if["to"], "{task}");
            assert!(!text(what_if, "text").is_empty());
        }
        assert!(!text(task, "rationale").is_empty(), "{task}");
    }
    assert!(
        (share_sum - 1.0).abs() < 1e-6,
        "task shares sum to {share_sum}"
    );

    // The body is the versioned contract type, field for field.
    let typed: ApiOccupation = serde_json::from_value(detail.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), detail);
}

#[tokio::test]
async fn radiologists_are_a_complement_and_the_list_agrees_with_the_detail() {
    let app = spawn_app().await;
    let detail = get_json(&app, &format!("/api/v1/occupations/{RADIOLOGISTS}")).await;
    assert_eq!(detail["verdict"], "complement");
    let list = get_json(&app, "/api/v1/occupations?q=radiologists").await;
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["code"] == RADIOLOGISTS)
        .expect("the list has the radiologists")
        .clone();
    for field in [
        "title",
        "major_group",
        "major_group_title",
        "source",
        "verdict",
        "automatability_index",
        "complementarity_index",
        "pattern_shares",
        "model_version",
        "catalog_version",
    ] {
        assert_eq!(item[field], detail[field], "{field}");
    }
}

#[tokio::test]
async fn an_unknown_code_is_a_404_problem() {
    let app = spawn_app().await;
    for code in ["99-9999.99", "not-a-code", "29-1224.0"] {
        let response = app.get(&format!("/api/v1/occupations/{code}")).await;
        assert_eq!(response.status(), 404, "{code}");
        assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], 404);
        assert!(!text(&body, "title").is_empty());
        assert!(text(&body, "detail").contains(code), "{body}");
    }
}

#[tokio::test]
async fn a_bad_source_on_the_detail_is_a_400_problem_naming_source() {
    let app = spawn_app().await;
    let response = app
        .get(&format!("/api/v1/occupations/{RADIOLOGISTS}?source=web"))
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "source", "{body}");
    let curated = app
        .get(&format!(
            "/api/v1/occupations/{RADIOLOGISTS}?source=curated"
        ))
        .await;
    assert_eq!(curated.status(), 200);
    let onet = app
        .get(&format!("/api/v1/occupations/{RADIOLOGISTS}?source=onet"))
        .await;
    assert_eq!(onet.status(), 404, "nothing is imported");
}

#[tokio::test]
async fn every_pattern_and_verdict_value_is_one_of_the_models_names() {
    let app = spawn_app().await;
    let items = all_list_items(&app).await;
    assert!(!items.is_empty());
    let mut verdicts_seen = BTreeSet::new();
    for item in &items {
        let verdict = text(item, "verdict");
        assert!(verdict_names().contains(verdict), "{item}");
        verdicts_seen.insert(verdict.to_string());
        assert!(
            pattern_names().contains(text(item, "dominant_pattern")),
            "{item}"
        );
        assert_eq!(keys(&item["pattern_shares"]), pattern_names());
        index(item, "automatability_index");
        index(item, "complementarity_index");
    }
    assert!(
        verdicts_seen.len() > 1,
        "the catalog has more than one verdict"
    );
    // The names the filters accept are the names the API writes.
    for verdict in &verdicts_seen {
        let filtered = get_json(&app, &format!("/api/v1/occupations?verdict={verdict}")).await;
        let expected = items
            .iter()
            .filter(|item| item["verdict"] == **verdict)
            .count();
        assert_eq!(filtered["total"], expected, "{verdict}");
    }
}

#[tokio::test]
async fn dimensions_lists_four_scales_of_five_anchors() {
    let app = spawn_app().await;
    let body = get_json(&app, "/api/v1/dimensions").await;
    assert_eq!(text(&body, "model_version"), MODEL_VERSION);
    let scales = body["items"].as_array().unwrap();
    assert_eq!(scales.len(), 4);
    let names: Vec<&str> = scales.iter().map(|scale| text(scale, "name")).collect();
    assert_eq!(names, Dimension::ALL.map(Dimension::name));
    for scale in scales {
        assert!(!text(scale, "label").is_empty());
        assert!(!text(scale, "question").is_empty());
        let anchors = scale["anchors"].as_array().unwrap();
        assert_eq!(anchors.len(), 5, "{scale}");
        for (anchor, level) in anchors.iter().zip(1u64..) {
            assert_eq!(anchor["level"].as_u64(), Some(level), "{anchor}");
            assert!(!text(anchor, "label").is_empty());
            assert!(!text(anchor, "description").is_empty());
            assert!(anchor.get("example").is_some());
        }
    }
}

#[tokio::test]
async fn patterns_lists_the_seven_patterns() {
    let app = spawn_app().await;
    let body = get_json(&app, "/api/v1/patterns").await;
    assert_eq!(text(&body, "model_version"), MODEL_VERSION);
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    let names: BTreeSet<&str> = items.iter().map(|item| text(item, "name")).collect();
    assert_eq!(names, pattern_names());
    let levels: BTreeSet<u64> = items
        .iter()
        .map(|item| item["level"].as_u64().unwrap())
        .collect();
    assert_eq!(levels, (0..=6).collect());
    for item in items {
        assert!(!text(item, "label").is_empty());
        assert!(!text(item, "meaning").is_empty());
        assert!(!text(item, "advice").is_empty());
    }
}

#[tokio::test]
async fn an_etag_round_trip_gives_304_and_a_stale_etag_gives_the_body() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/occupations?group=29".to_string(),
        format!("/api/v1/occupations/{RADIOLOGISTS}"),
        "/api/v1/dimensions".to_string(),
        "/api/v1/patterns".to_string(),
    ] {
        let first = app.get(&path).await;
        assert_eq!(first.status(), 200, "{path}");
        let etag = first.headers()[ETAG].to_str().unwrap().to_string();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "{path}: {etag}"
        );
        let first_body = first.bytes().await.unwrap();

        let again = app
            .client
            .get(app.url(&path))
            .header(IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()[ETAG], etag.as_str(), "{path}");
        assert!(again.bytes().await.unwrap().is_empty(), "{path}");

        let listed = app
            .client
            .get(app.url(&path))
            .header(IF_NONE_MATCH, format!("\"stale\", {etag}"))
            .send()
            .await
            .unwrap();
        assert_eq!(listed.status(), 304, "{path}: one of several tags");

        let stale = app
            .client
            .get(app.url(&path))
            .header(IF_NONE_MATCH, "\"0000\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), 200, "{path}");
        assert_eq!(stale.bytes().await.unwrap(), first_body, "{path}");
    }
}

#[tokio::test]
async fn different_content_has_a_different_etag() {
    let app = spawn_app().await;
    let first = app.get("/api/v1/occupations?page=1").await;
    let second = app.get("/api/v1/occupations?page=2").await;
    assert_ne!(first.headers()[ETAG], second.headers()[ETAG]);
}

#[tokio::test]
async fn every_api_response_allows_any_origin() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/api/v1/occupations".to_string(), 200),
        (format!("/api/v1/occupations/{RADIOLOGISTS}"), 200),
        ("/api/v1/dimensions".to_string(), 200),
        ("/api/v1/patterns".to_string(), 200),
        ("/api/v1/occupations?verdict=maybe".to_string(), 400),
        ("/api/v1/occupations/99-9999.99".to_string(), 404),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            response
                .headers()
                .get(ACCESS_CONTROL_ALLOW_ORIGIN)
                .map(|value| value.to_str().unwrap()),
            Some("*"),
            "{path}"
        );
    }
    // A 304 keeps the header too.
    let etag = app.get("/api/v1/patterns").await.headers()[ETAG].clone();
    let not_modified = app
        .client
        .get(app.url("/api/v1/patterns"))
        .header(IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);
    assert_eq!(not_modified.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}

#[tokio::test]
async fn a_repeated_list_parameter_is_a_problem_not_a_plain_text_error() {
    let app = spawn_app().await;
    let response = app
        .get("/api/v1/occupations?verdict=replace&verdict=complement")
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "verdict", "{body}");
}

#[tokio::test]
async fn search_text_with_query_syntax_never_breaks_the_search() {
    let app = spawn_app().await;
    let hostile = [
        "\"",
        "'",
        "&",
        "|",
        "!",
        ":*",
        "()",
        "radiol\" OR \"",
        "nurse & | !x",
        "(radiol",
        "radiol:*",
        "a:b:c",
        "\\",
        "'; DROP TABLE occupations; --",
        "NEAR(a b)",
        "AND OR NOT",
        "*",
        "^radiol",
        "nurse)(",
        "ü:* & !",
    ];
    for text in hostile {
        let response = app
            .client
            .get(app.url("/api/v1/occupations"))
            .query(&[("q", text)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{text:?}");
    }
    // Punctuation only separates words: these still find the radiologists.
    for text in [
        "radiol!",
        "\"radiol\"",
        "(radiol)",
        "radiol:*",
        "RADIOL & read",
    ] {
        let body: Value = app
            .client
            .get(app.url("/api/v1/occupations"))
            .query(&[("q", text)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let codes: Vec<&str> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&RADIOLOGISTS), "{text:?}: {codes:?}");
    }
}

#[tokio::test]
async fn search_folds_case_and_diacritics() {
    let app = spawn_app().await;
    let plain = get_json(&app, "/api/v1/occupations?q=saute").await;
    let accented = get_json(&app, "/api/v1/occupations?q=SAUT%C3%89").await;
    assert!(plain["total"].as_u64().unwrap() >= 1, "{plain}");
    assert_eq!(plain["total"], accented["total"]);
}
