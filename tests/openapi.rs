//! The OpenAPI document at `/api/openapi.json`: it is OpenAPI 3.1, every reference in it
//! resolves, it documents every API route, and every documented operation answers with a
//! documented status and a body that validates against the documented schema.

mod common;

use std::collections::BTreeSet;

use common::{spawn_app, TestApp};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use serde_json::{json, Value};

async fn document(app: &TestApp) -> Value {
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    response.json().await.unwrap()
}

/// Every `$ref` string anywhere in `value`.
fn references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                match (key.as_str(), item) {
                    ("$ref", Value::String(target)) => found.push(target.clone()),
                    _ => references(item, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, found)),
        _ => {}
    }
}

fn pointer<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    document.pointer(reference.strip_prefix('#')?)
}

/// Validates `instance` against the schema at `schema` (inline or a `$ref`) inside `document`.
fn validate(document: &Value, schema: &Value, instance: &Value, what: &str) {
    let mut root = schema.clone();
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    root["components"] = document["components"].clone();
    let validator = jsonschema::validator_for(&root)
        .unwrap_or_else(|error| panic!("{what}: the documented schema does not compile: {error}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{error:?}"))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: the body does not match its schema: {errors:#?}"
    );
}

fn radiologist() -> Value {
    json!({"name": "Screening radiologist", "description": "optional",
        "tasks": [{"title": "Read screening mammograms", "share": 40, "notes": "optional",
                   "ratings": {"standardization": 5, "error_tolerance": 1, "verifiability": 4, "frequency": 5}}]})
}

fn team_plan() -> Value {
    json!({
        "name": "Imaging and claims",
        "hours_per_fte": 1700,
        "roles": [
            {"role": "29-1224.00", "headcount": 6, "hourly_cost": 190},
            {"role": "43-9041.00", "headcount": 40, "hours_per_fte": 1800}
        ],
        "assumptions": {"copilot": {"adoption": 50}}
    })
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_every_reference_resolves() {
    let app = spawn_app().await;
    let document = document(&app).await;
    assert!(
        document["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        document["openapi"]
    );
    assert!(document["info"]["title"].is_string() && document["info"]["version"].is_string());
    let mut found = Vec::new();
    references(&document, &mut found);
    assert!(found.len() > 20);
    for reference in found {
        assert!(
            pointer(&document, &reference).is_some(),
            "dangling reference {reference}"
        );
    }
    // Each operation has an id, a tag and at least one response; ids are unique.
    let mut ids = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(ids.insert(id.to_owned()), "operationId {id} twice");
            assert!(!operation["responses"].as_object().unwrap().is_empty());
            assert!(operation["tags"]
                .as_array()
                .is_some_and(|tags| !tags.is_empty()));
        }
    }
}

#[tokio::test]
async fn every_api_route_is_documented() {
    let app = spawn_app().await;
    let document = document(&app).await;
    let documented: BTreeSet<String> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect();
    let expected: BTreeSet<String> = [
        "GET /api/v1/occupations",
        "GET /api/v1/occupations/{code}",
        "GET /api/v1/dimensions",
        "GET /api/v1/patterns",
        "POST /api/v1/assessments",
        "POST /api/v1/profiles",
        "GET /api/v1/profiles/{id}",
        "PUT /api/v1/profiles/{id}",
        "DELETE /api/v1/profiles/{id}",
        "POST /api/v1/plan-assessments",
        "POST /api/v1/plans",
        "GET /api/v1/plans/{id}",
        "PUT /api/v1/plans/{id}",
        "DELETE /api/v1/plans/{id}",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(documented, expected);
    // A route that is not documented does not exist: it is a problem document, not a page.
    let response = app.get("/api/v1/nothing/here").await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
}

struct Call {
    method: Method,
    path: String,
    template: &'static str,
    body: Option<Value>,
    token: Option<String>,
    expect: u16,
}

fn call(
    method: Method,
    template: &'static str,
    path: String,
    body: Option<Value>,
    token: Option<String>,
    expect: u16,
) -> Call {
    Call {
        method,
        path,
        template,
        body,
        token,
        expect,
    }
}

#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let app = spawn_app().await;
    let document = document(&app).await;
    let created = app
        .client
        .post(app.url("/api/v1/profiles"))
        .json(&radiologist())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let token = created["edit_token"].as_str().unwrap().to_owned();
    let unknown = "a".repeat(32);
    let profile = "/api/v1/profiles/{id}";
    let mut invalid = radiologist();
    invalid["tasks"][0]["share"] = json!(-1);
    let plan_created = app
        .client
        .post(app.url("/api/v1/plans"))
        .json(&team_plan())
        .send()
        .await
        .unwrap();
    assert_eq!(plan_created.status(), 201);
    let plan_created: Value = plan_created.json().await.unwrap();
    let plan_id = plan_created["id"].as_str().unwrap().to_owned();
    let plan_token = plan_created["edit_token"].as_str().unwrap().to_owned();
    let plan = "/api/v1/plans/{id}";
    let mut invalid_plan = team_plan();
    invalid_plan["roles"][0]["headcount"] = json!(0);
    let mut calls = vec![
        call(
            Method::GET,
            "/api/v1/occupations",
            "/api/v1/occupations?q=radiol&per_page=5".into(),
            None,
            None,
            200,
        ),
        call(
            Method::GET,
            "/api/v1/occupations",
            "/api/v1/occupations?group=29&sort=automatability&page=2".into(),
            None,
            None,
            200,
        ),
        call(
            Method::GET,
            "/api/v1/occupations",
            "/api/v1/occupations?verdict=maybe".into(),
            None,
            None,
            400,
        ),
        call(
            Method::GET,
            "/api/v1/occupations/{code}",
            "/api/v1/occupations/29-1224.00".into(),
            None,
            None,
            200,
        ),
        call(
            Method::GET,
            "/api/v1/occupations/{code}",
            "/api/v1/occupations/43-9021.00?source=curated".into(),
            None,
            None,
            200,
        ),
        call(
            Method::GET,
            "/api/v1/occupations/{code}",
            "/api/v1/occupations/99-9999.99".into(),
            None,
            None,
            404,
        ),
        call(
            Method::GET,
            "/api/v1/occupations/{code}",
            "/api/v1/occupations/29-1224.00?source=elsewhere".into(),
            None,
            None,
            400,
        ),
        call(
            Method::GET,
            "/api/v1/dimensions",
            "/api/v1/dimensions".into(),
            None,
            None,
            200,
        ),
        call(
            Method::GET,
            "/api/v1/patterns",
            "/api/v1/patterns".into(),
            None,
            None,
            200,
        ),
        call(
            Method::POST,
            "/api/v1/assessments",
            "/api/v1/assessments".into(),
            Some(radiologist()),
            None,
            200,
        ),
        call(
            Method::POST,
            "/api/v1/assessments",
            "/api/v1/assessments".into(),
            Some(invalid.clone()),
            None,
            400,
        ),
        call(
            Method::POST,
            "/api/v1/profiles",
            "/api/v1/profiles".into(),
            Some(radiologist()),
            None,
            201,
        ),
        call(
            Method::POST,
            "/api/v1/profiles",
            "/api/v1/profiles".into(),
            Some(invalid.clone()),
            None,
            400,
        ),
        call(
            Method::GET,
            profile,
            format!("/api/v1/profiles/{id}"),
            None,
            None,
            200,
        ),
        call(
            Method::GET,
            profile,
            format!("/api/v1/profiles/{unknown}"),
            None,
            None,
            404,
        ),
        call(
            Method::PUT,
            profile,
            format!("/api/v1/profiles/{id}"),
            Some(radiologist()),
            None,
            401,
        ),
        call(
            Method::PUT,
            profile,
            format!("/api/v1/profiles/{id}"),
            Some(radiologist()),
            Some("0".repeat(64)),
            403,
        ),
        call(
            Method::PUT,
            profile,
            format!("/api/v1/profiles/{id}"),
            Some(invalid),
            Some(token.clone()),
            400,
        ),
        call(
            Method::PUT,
            profile,
            format!("/api/v1/profiles/{id}"),
            Some(radiologist()),
            Some(token.clone()),
            200,
        ),
        call(
            Method::DELETE,
            profile,
            format!("/api/v1/profiles/{id}"),
            None,
            Some("0".repeat(64)),
            403,
        ),
        call(
            Method::DELETE,
            profile,
            format!("/api/v1/profiles/{id}"),
            None,
            Some(token.clone()),
            204,
        ),
        call(
            Method::DELETE,
            profile,
            format!("/api/v1/profiles/{id}"),
            None,
            Some(token),
            404,
        ),
    ];
    for (method, path, body, token, expect) in [
        (
            Method::POST,
            "/api/v1/plan-assessments".to_owned(),
            Some(team_plan()),
            None,
            200,
        ),
        (
            Method::POST,
            "/api/v1/plan-assessments".to_owned(),
            Some(invalid_plan.clone()),
            None,
            400,
        ),
        (
            Method::POST,
            "/api/v1/plans".to_owned(),
            Some(team_plan()),
            None,
            201,
        ),
        (
            Method::POST,
            "/api/v1/plans".to_owned(),
            Some(invalid_plan.clone()),
            None,
            400,
        ),
        (
            Method::GET,
            format!("/api/v1/plans/{plan_id}"),
            None,
            None,
            200,
        ),
        (
            Method::GET,
            format!("/api/v1/plans/{unknown}"),
            None,
            None,
            404,
        ),
        (
            Method::PUT,
            format!("/api/v1/plans/{plan_id}"),
            Some(team_plan()),
            None,
            401,
        ),
        (
            Method::PUT,
            format!("/api/v1/plans/{plan_id}"),
            Some(team_plan()),
            Some("0".repeat(64)),
            403,
        ),
        (
            Method::PUT,
            format!("/api/v1/plans/{plan_id}"),
            Some(invalid_plan),
            Some(plan_token.clone()),
            400,
        ),
        (
            Method::PUT,
            format!("/api/v1/plans/{plan_id}"),
            Some(team_plan()),
            Some(plan_token.clone()),
            200,
        ),
        (
            Method::DELETE,
            format!("/api/v1/plans/{plan_id}"),
            None,
            Some("0".repeat(64)),
            403,
        ),
        (
            Method::DELETE,
            format!("/api/v1/plans/{plan_id}"),
            None,
            Some(plan_token.clone()),
            204,
        ),
        (
            Method::DELETE,
            format!("/api/v1/plans/{plan_id}"),
            None,
            Some(plan_token.clone()),
            404,
        ),
    ] {
        let template = if path.starts_with("/api/v1/plans/") {
            plan
        } else if path == "/api/v1/plans" {
            "/api/v1/plans"
        } else {
            "/api/v1/plan-assessments"
        };
        calls.push(call(method, template, path, body, token, expect));
    }
    let mut covered = BTreeSet::new();
    for call in calls {
        let what = format!("{} {}", call.method, call.path);
        let operation = &document["paths"][call.template][call.method.as_str().to_lowercase()];
        assert!(operation.is_object(), "{what} is not documented");
        if let Some(body) = &call.body {
            let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
            // The example bodies here are the documented shape; the invalid one differs only in a value.
            if call.expect < 400 {
                validate(&document, schema, body, &format!("{what} request"));
            }
        }
        let mut request = app.client.request(call.method.clone(), app.url(&call.path));
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        if let Some(token) = &call.token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_eq!(status, call.expect, "{what}");
        let documented = &operation["responses"][status.to_string()];
        assert!(
            documented.is_object(),
            "{what} answered {status}, which is not documented"
        );
        covered.insert((call.template, call.method.to_string(), status));
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_owned());
        match documented["content"].as_object() {
            None => assert!(
                response.bytes().await.unwrap().is_empty(),
                "{what}: documented without a body"
            ),
            Some(content) => {
                let content_type =
                    content_type.unwrap_or_else(|| panic!("{what}: no content type"));
                let (media, entry) = content.iter().next().unwrap();
                assert!(
                    content_type.starts_with(media.as_str()),
                    "{what}: {content_type} is not {media}"
                );
                let body: Value = response.json().await.unwrap();
                validate(&document, &entry["schema"], &body, &what);
            }
        }
    }
    // Every documented operation was called at least once.
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            assert!(
                covered
                    .iter()
                    .any(|(template, called, _)| template == path
                        && called.eq_ignore_ascii_case(method)),
                "{method} {path} was never called"
            );
        }
    }
}

#[tokio::test]
async fn json_downloads_match_the_documented_schemas() {
    let app = spawn_app().await;
    let document = document(&app).await;
    let schema = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    let occupation: Value = app
        .get("/occupations/29-1224.00/summary.json")
        .await
        .json()
        .await
        .unwrap();
    assert!(occupation["generated_at"].is_string());
    validate(
        &document,
        &schema("ApiOccupation"),
        &occupation,
        "occupation summary.json",
    );

    let created: Value = app
        .client
        .post(app.url("/api/v1/profiles"))
        .json(&radiologist())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let profile: Value = app
        .get(&format!(
            "/profiles/{}/summary.json",
            created["id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    validate(
        &document,
        &schema("ApiOccupation"),
        &profile,
        "profile summary.json",
    );

    let catalog: Value = app
        .get("/occupations/export.json?group=29")
        .await
        .json()
        .await
        .unwrap();
    let items = catalog["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        validate(
            &document,
            &schema("ApiOccupationListItem"),
            item,
            "export.json item",
        );
    }
    let comparison: Value = app
        .get("/compare/summary.json?codes=29-1224.00,43-9021.00")
        .await
        .json()
        .await
        .unwrap();
    for item in comparison["items"].as_array().unwrap() {
        validate(&document, &schema("ApiOccupation"), item, "comparison item");
    }
}
