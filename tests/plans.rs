//! Team plans over HTTP: the API (assess without saving, create, read, update, delete), the form
//! posts a browser without JavaScript makes, CSV uploads, downloads, and bad input — against the
//! real app on both backends.

mod common;

use atlas::api_types::{ApiPlan, ApiPlanAssessment, ApiPlanCreated, PROBLEM_JSON_CONTENT_TYPE};
use atlas::assess::MODEL_VERSION;
use common::{spawn_app, TestApp};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, LOCATION, SET_COOKIE};
use reqwest::Response;
use serde_json::{json, Value};

fn imaging() -> Value {
    json!({
        "name": "Imaging and claims",
        "hours_per_fte": 1700,
        "roles": [
            {"role": "29-1224.00", "headcount": 6, "hourly_cost": 190},
            {"role": "43-9041.00", "headcount": 40, "hours_per_fte": 1800},
            {"role": "Medical Records Specialists", "headcount": 12}
        ]
    })
}

async fn post_json(app: &TestApp, path: &str, body: &Value) -> Response {
    app.client
        .post(app.url(path))
        .json(body)
        .send()
        .await
        .expect("request failed")
}

async fn plan_count(app: &TestApp) -> i64 {
    atlas::db::plans::count_plans(&app.state.pool)
        .await
        .unwrap()
}

async fn role_row_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM plan_roles")
        .fetch_one(app.state.pool.any())
        .await
        .unwrap()
}

async fn problem_fields(response: Response, status: u16) -> Vec<String> {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
    let problem: Value = response.json().await.unwrap();
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| error["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn an_assessment_adds_up_and_saves_nothing() {
    let app = spawn_app().await;
    let response = post_json(&app, "/api/v1/plan-assessments", &imaging()).await;
    assert_eq!(response.status(), 200);
    let plan: ApiPlanAssessment = response.json().await.unwrap();
    assert_eq!(plan.model_version, MODEL_VERSION.to_string());
    assert_eq!(plan.roles.len(), 3);
    // The title was looked up.
    assert_eq!(plan.roles[2].role, "29-2072.00");
    assert_eq!(plan.roles[0].hours, 6.0 * 1700.0);
    assert_eq!(plan.roles[1].hours, 40.0 * 1800.0);
    assert_eq!(plan.totals.fte, 58.0);
    let sum_freed: f64 = plan.roles.iter().map(|role| role.hours_freed).sum();
    assert!((sum_freed - plan.totals.hours_freed).abs() < 1e-6);
    let parts = plan.totals.handed_over_hours + plan.totals.reshaped_hours + plan.totals.kept_hours;
    assert!((parts - plan.totals.hours).abs() < 1e-6);
    assert!(plan.totals.hours_freed > 0.0 && plan.totals.hours_freed < plan.totals.hours);
    // Only the radiologists give a cost.
    assert_eq!(plan.totals.costed_roles, 1);
    assert!((plan.totals.freed_value - plan.roles[0].hours_freed * 190.0).abs() < 1e-6);
    // The radiologists' second-reader hours carry the published assumption.
    let second = plan
        .by_pattern
        .iter()
        .find(|pattern| pattern.hours.pattern == atlas::api_types::ApiPattern::SecondReader)
        .unwrap();
    assert_eq!(second.person_share, 56.0);
    assert!(second.published && second.evidence.contains("MASAI"));
    assert!(!plan.pilot_first.is_empty());
    assert!(plan
        .pilot_first
        .windows(2)
        .all(|pair| pair[0].priority >= pair[1].priority));
    assert_eq!(plan_count(&app).await, 0);
}

#[tokio::test]
async fn adoption_moves_the_totals() {
    let app = spawn_app().await;
    let full: ApiPlanAssessment = post_json(&app, "/api/v1/plan-assessments", &imaging())
        .await
        .json()
        .await
        .unwrap();
    let mut half = imaging();
    half["assumptions"] = json!({
        "automate": {"adoption": 50}, "human_approves": {"adoption": 50},
        "second_reader": {"adoption": 50}, "triage": {"adoption": 50},
        "quality_control": {"adoption": 50}, "copilot": {"adoption": 50}
    });
    let half: ApiPlanAssessment = post_json(&app, "/api/v1/plan-assessments", &half)
        .await
        .json()
        .await
        .unwrap();
    assert!((half.totals.hours_freed * 2.0 - full.totals.hours_freed).abs() < 1e-6);
    assert_eq!(half.totals.hours, full.totals.hours);
}

#[tokio::test]
async fn bad_input_names_the_row_and_field_and_saves_nothing() {
    let app = spawn_app().await;
    let body = json!({
        "name": "Broken",
        "roles": [
            {"role": "99-9999.00", "headcount": 3},
            {"role": "29-1224.00", "headcount": 0},
            {"role": "29-1141.00", "headcount": -2},
            {"role": "15-1252.00", "headcount": 4, "hours_per_fte": 20000},
            {"role": "profile:0123456789abcdef0123456789abcdef", "headcount": 1},
            {"role": "43-9041.00", "headcount": 1},
            {"role": "43-9041", "headcount": 1}
        ],
        "assumptions": {"copilot": {"person_share": 140}}
    });
    let fields = problem_fields(post_json(&app, "/api/v1/plans", &body).await, 400).await;
    // Numbers first (no lookup happens while they are wrong).
    for field in [
        "roles[1].headcount",
        "roles[2].headcount",
        "roles[3].hours_per_fte",
        "roles[6].role",
        "assumptions.copilot.person_share",
    ] {
        assert!(
            fields.contains(&field.to_owned()),
            "{field} not in {fields:?}"
        );
    }
    // Numbers right, references wrong: each unknown role is named.
    let body = json!({
        "name": "Unknown roles",
        "roles": [
            {"role": "99-9999.00", "headcount": 3},
            {"role": "profile:0123456789abcdef0123456789abcdef", "headcount": 1},
            {"role": "Astronaut of the deep sea", "headcount": 1}
        ]
    });
    let fields = problem_fields(post_json(&app, "/api/v1/plans", &body).await, 400).await;
    assert_eq!(
        fields,
        vec!["roles[0].role", "roles[1].role", "roles[2].role"]
    );
    let too_many: Vec<Value> = (0..101)
        .map(|index| json!({"role": format!("11-{index:04}.00"), "headcount": 1}))
        .collect();
    let fields = problem_fields(
        post_json(
            &app,
            "/api/v1/plans",
            &json!({"name": "Big", "roles": too_many}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(fields, vec!["roles"]);
    assert_eq!(plan_count(&app).await, 0);
    assert_eq!(role_row_count(&app).await, 0);
}

#[tokio::test]
async fn a_plan_is_saved_read_updated_and_deleted_with_its_token() {
    let app = spawn_app().await;
    let response = post_json(&app, "/api/v1/plans", &imaging()).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let created: ApiPlanCreated = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/plans/{}", created.id));
    assert_eq!(created.edit_token.len(), 64);
    let stored_hash: String = sqlx::query_scalar("SELECT edit_token_hash FROM plans")
        .fetch_one(app.state.pool.any())
        .await
        .unwrap();
    assert_ne!(stored_hash, created.edit_token);
    let read: ApiPlan = app.get(&location).await.json().await.unwrap();
    assert_eq!(read.assessment.roles.len(), 3);
    assert_eq!(read.assessment, created.plan.assessment);

    let mut changed = imaging();
    changed["roles"][1]["headcount"] = json!(20);
    let put = |token: &str| {
        app.client
            .put(app.url(&location))
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .json(&changed)
    };
    let wrong = "0".repeat(64);
    assert_eq!(put(&wrong).send().await.unwrap().status(), 403);
    let updated: ApiPlan = put(&created.edit_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(updated.assessment.roles[1].headcount, 20.0);
    assert!(updated.assessment.totals.hours < read.assessment.totals.hours);

    // The page shows the plan; the edit link's token is shown once, from the cookie.
    let page = app.get(&format!("/plans/{}", created.id)).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Imaging and claims"));
    assert!(html.contains("Pilot first"));
    assert!(html.contains("Radiologists"));

    let delete = |token: &str| {
        app.client
            .delete(app.url(&location))
            .header(AUTHORIZATION, format!("Bearer {token}"))
    };
    assert_eq!(delete(&wrong).send().await.unwrap().status(), 403);
    assert_eq!(
        delete(&created.edit_token).send().await.unwrap().status(),
        204
    );
    assert_eq!(app.get(&location).await.status(), 404);
    assert_eq!(role_row_count(&app).await, 0);
}

fn form_body(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

async fn post_form(app: &TestApp, path: &str, body: String) -> Response {
    app.client
        .post(app.url(path))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_form_shows_errors_in_place_then_saves_and_sets_the_edit_cookie() {
    let app = spawn_app().await;
    let bad = form_body(&[
        ("name", "Ward 7"),
        ("roles[0].role", "29-1141.00 — Registered Nurses"),
        ("roles[0].headcount", "0"),
        ("roles[1].role", ""),
        ("roles[2].role", "29-1224.00"),
        ("roles[2].headcount", "2"),
        ("action", "save"),
    ]);
    let response = post_form(&app, "/plans/new", bad).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Role 1, headcount: must be more than 0 FTE"),
        "{html}"
    );
    assert!(html.contains("value=\"Ward 7\""));
    assert_eq!(plan_count(&app).await, 0);

    let good = form_body(&[
        ("name", "Ward 7"),
        ("roles[0].role", "29-1141.00 — Registered Nurses"),
        ("roles[0].headcount", "30"),
        ("roles[2].role", "29-1224.00"),
        ("roles[2].headcount", "2"),
        ("adoption.copilot", "50"),
        ("action", "save"),
    ]);
    let response = post_form(&app, "/plans/new", good).await;
    assert_eq!(response.status(), 303);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let cookies: Vec<&str> = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect();
    assert!(cookies
        .iter()
        .any(|cookie| cookie.starts_with("atlas_edit=")
            && cookie.contains(&format!("Path={location}"))));
    let id = location.trim_start_matches("/plans/");
    let plan: ApiPlan = app
        .get(&format!("/api/v1/plans/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(plan.assessment.roles.len(), 2);
    let copilot = plan
        .assessment
        .by_pattern
        .iter()
        .find(|pattern| pattern.hours.pattern == atlas::api_types::ApiPattern::Copilot)
        .unwrap();
    assert_eq!(copilot.adoption, 50.0);
}

fn multipart(file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "atlas-plan-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"roles_csv\"; filename=\"team.csv\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, file: &[u8]) -> Response {
    let (content_type, body) = multipart(file);
    app.client
        .post(app.url("/plans/new"))
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_csv_fills_the_form_or_names_each_bad_line() {
    let app = spawn_app().await;
    let template = app.get("/plans/template.csv").await.bytes().await.unwrap();
    let response = upload(&app, &template).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("Loaded 4 roles from team.csv"), "{html}");
    // The title in the template was resolved to its code.
    assert!(html.contains("value=\"43-4051.00\""), "{html}");

    let bad = b"role,headcount\r\n29-1224.00,2\r\n99-9999.00,3\r\n29-1141.00,zero\r\n";
    let response = upload(&app, bad).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("team.csv: line 4, column headcount"),
        "{html}"
    );
    let bad_ref = b"role,headcount\r\n29-1224.00,2\r\n99-9999.00,3\r\n";
    let html = upload(&app, bad_ref).await.text().await.unwrap();
    assert!(
        html.contains("team.csv: line 3, column role: there is no occupation with code 99-9999.00"),
        "{html}"
    );
    assert_eq!(plan_count(&app).await, 0);
}

#[tokio::test]
async fn a_plan_naming_a_deleted_profile_still_reads_and_says_so() {
    let app = spawn_app().await;
    let profile: Value = post_json(
        &app,
        "/api/v1/profiles",
        &json!({"name": "Our coders", "tasks": [
            {"title": "Assign diagnosis codes to discharge summaries", "share": 70, "kind": "moving_information",
             "ratings": {"standardization": 4, "error_tolerance": 3, "verifiability": 4, "frequency": 5}},
            {"title": "Query physicians about unclear notes", "share": 30, "kind": "working_with_people",
             "ratings": {"standardization": 2, "error_tolerance": 3, "verifiability": 2, "frequency": 3}}
        ]}),
    )
    .await
    .json()
    .await
    .unwrap();
    let profile_id = profile["id"].as_str().unwrap();
    let created: ApiPlanCreated = post_json(
        &app,
        "/api/v1/plans",
        &json!({"name": "Coding team", "roles": [
            {"role": format!("profile:{profile_id}"), "headcount": 12},
            {"role": "29-2072.00", "headcount": 3}
        ]}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(created.plan.assessment.roles[0].title, "Our coders");
    let token = profile["edit_token"].as_str().unwrap();
    let deleted = app
        .client
        .delete(app.url(&format!("/api/v1/profiles/{profile_id}")))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let plan: ApiPlan = app
        .get(&format!("/api/v1/plans/{}", created.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(plan.assessment.roles.len(), 1);
    assert_eq!(
        plan.assessment.missing_roles,
        vec![format!("profile:{profile_id}")]
    );
}
