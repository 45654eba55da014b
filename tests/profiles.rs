//! Custom task profiles over HTTP: the JSON API (score, save, read, edit, delete), the form posts
//! a browser without JavaScript makes, CSV uploads, downloads, limits and concurrency — all
//! against the real app on a temporary SQLite file.

mod common;

use atlas::api_types::{ApiOccupation, ApiProfile, ApiProfileCreated, PROBLEM_JSON_CONTENT_TYPE};
use atlas::assess::MODEL_VERSION;
use common::{spawn_app, spawn_app_with_config, TestApp};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, LOCATION, RETRY_AFTER, SET_COOKIE};
use reqwest::Response;
use serde_json::{json, Value};

fn radiologist() -> Value {
    json!({
        "name": "Screening radiologist",
        "description": "Breast screening unit, two readers",
        "tasks": [
            {"title": "Read screening mammograms", "share": 40, "notes": "Double reading today", "kind": "judging_cases",
             "ratings": {"standardization": 5, "error_tolerance": 1, "verifiability": 4, "frequency": 5}},
            {"title": "Triage urgent referrals", "share": 20,
             "ratings": {"standardization": 4, "error_tolerance": 2, "verifiability": 3, "frequency": 5}},
            {"title": "Discuss results with patients", "share": 10,
             "ratings": {"standardization": 2, "error_tolerance": 2, "verifiability": 2, "frequency": 3}}
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

async fn create(app: &TestApp, body: &Value) -> ApiProfileCreated {
    let response = post_json(app, "/api/v1/profiles", body).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let created: ApiProfileCreated = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/profiles/{}", created.id));
    created
}

async fn profile_count(app: &TestApp) -> i64 {
    atlas::db::profiles::count_profiles(&app.state.pool)
        .await
        .unwrap()
}

async fn task_row_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM profile_tasks")
        .fetch_one(app.state.pool.any())
        .await
        .unwrap()
}

/// Asserts a problem response naming `field`, and returns its body.
async fn assert_problem(response: Response, status: u16, field: Option<&str>) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["status"], status);
    if let Some(field) = field {
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no errors in {problem}"))
            .iter()
            .map(|error| error["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{field} not in {fields:?}");
    }
    problem
}

#[tokio::test]
async fn scoring_without_saving_returns_the_assessment_in_input_order_and_stores_nothing() {
    let app = spawn_app().await;
    let response = post_json(&app, "/api/v1/assessments", &radiologist()).await;
    assert_eq!(response.status(), 200);
    let assessment: ApiOccupation = response.json().await.unwrap();
    assert_eq!(assessment.model_version, MODEL_VERSION.to_string());
    let titles: Vec<&str> = assessment
        .tasks
        .iter()
        .map(|task| task.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Read screening mammograms",
            "Triage urgent referrals",
            "Discuss results with patients"
        ]
    );
    // The radiology reading task: standardized and frequent, but costly errors.
    assert_eq!(
        serde_json::to_value(assessment.tasks[0].pattern).unwrap(),
        "second_reader"
    );
    assert!(!assessment.tasks[0].rationale.is_empty());
    assert_eq!(
        serde_json::to_value(assessment.tasks[0].kind).unwrap(),
        "judging_cases"
    );
    // A task sent without a kind gets the importer's rule's: "Discuss" is work with people.
    assert_eq!(
        serde_json::to_value(assessment.tasks[2].kind).unwrap(),
        "working_with_people"
    );
    assert!((assessment.tasks.iter().map(|task| task.share).sum::<f64>() - 1.0).abs() < 1e-9);
    assert_eq!(profile_count(&app).await, 0);
}

#[tokio::test]
async fn a_saved_profile_reads_back_intact_with_an_unguessable_id() {
    let app = spawn_app().await;
    let created = create(&app, &radiologist()).await;
    assert_eq!(created.id.len(), 32);
    assert!(created.id.bytes().all(|byte| byte.is_ascii_hexdigit()));
    assert_eq!(created.edit_token.len(), 64);
    assert_eq!(created.url, format!("/profiles/{}", created.id));
    let stored_hash: String =
        sqlx::query_scalar("SELECT edit_token_hash FROM profiles WHERE id = $1")
            .bind(&created.id)
            .fetch_one(app.state.pool.any())
            .await
            .unwrap();
    assert_ne!(
        stored_hash, created.edit_token,
        "only the token's hash is stored"
    );

    let response = app.get(&format!("/api/v1/profiles/{}", created.id)).await;
    assert_eq!(response.status(), 200);
    let profile: ApiProfile = response.json().await.unwrap();
    assert_eq!(profile, created.profile);
    assert_eq!(profile.name, "Screening radiologist");
    assert_eq!(
        profile.assessment.tasks[0].explanation.as_deref(),
        Some("Double reading today")
    );
    assert_eq!(profile.assessment.tasks[1].share_entered, 20.0);
    assert_eq!(
        serde_json::to_value(profile.assessment.source).unwrap(),
        "profile"
    );
    assert_eq!(profile.assessment.code, None);
}

#[tokio::test]
async fn every_validation_rule_is_a_problem_naming_its_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let many_tasks: Vec<Value> = (0..51)
        .map(|index| json!({"title": format!("Task {index}"), "share": 1,
            "ratings": {"standardization": 3, "error_tolerance": 3, "verifiability": 3, "frequency": 3}}))
        .collect();
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|body| body["name"] = json!("")), "name"),
        (
            Box::new(|body| body["name"] = json!("n".repeat(121))),
            "name",
        ),
        (Box::new(|body| body["name"] = json!("bell\u{7}")), "name"),
        (Box::new(|body| body["name"] = json!(42)), "name"),
        (
            Box::new(|body| body["description"] = json!("d".repeat(2001))),
            "description",
        ),
        (
            Box::new(|body| body["base_occupation"] = json!("../../etc")),
            "base_occupation",
        ),
        (
            Box::new(|body| body["base_occupation"] = json!("29-9999.99")),
            "base_occupation",
        ),
        (Box::new(|body| body["tasks"] = json!([])), "tasks"),
        (
            Box::new(move |body| body["tasks"] = json!(many_tasks.clone())),
            "tasks",
        ),
        (
            Box::new(|body| body["tasks"] = json!("all of them")),
            "tasks",
        ),
        (
            Box::new(|body| body["tasks"][0]["title"] = json!("  ")),
            "tasks[0].title",
        ),
        (
            Box::new(|body| body["tasks"][0]["title"] = json!("t".repeat(201))),
            "tasks[0].title",
        ),
        (
            Box::new(|body| body["tasks"][1]["share"] = json!(0)),
            "tasks[1].share",
        ),
        (
            Box::new(|body| body["tasks"][1]["share"] = json!(-5)),
            "tasks[1].share",
        ),
        (
            Box::new(|body| body["tasks"][1]["share"] = json!(100.5)),
            "tasks[1].share",
        ),
        (
            Box::new(|body| body["tasks"][1]["share"] = json!(1e300)),
            "tasks[1].share",
        ),
        (
            Box::new(|body| body["tasks"][1]["share"] = json!("forty")),
            "tasks[1].share",
        ),
        (
            Box::new(|body| {
                body["tasks"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("share")
                    .map(drop)
                    .unwrap_or(())
            }),
            "tasks[1].share",
        ),
        (
            Box::new(|body| body["tasks"][2]["ratings"]["frequency"] = json!(6)),
            "tasks[2].ratings.frequency",
        ),
        (
            Box::new(|body| body["tasks"][2]["ratings"]["frequency"] = json!(0)),
            "tasks[2].ratings.frequency",
        ),
        (
            Box::new(|body| body["tasks"][2]["ratings"]["frequency"] = json!(2.5)),
            "tasks[2].ratings.frequency",
        ),
        (
            Box::new(|body| body["tasks"][2]["ratings"]["frequency"] = json!(null)),
            "tasks[2].ratings.frequency",
        ),
        (
            Box::new(|body| body["tasks"][2]["ratings"]["speed"] = json!(3)),
            "tasks[2].ratings.speed",
        ),
        (
            Box::new(|body| body["tasks"][2]["notes"] = json!("n".repeat(1001))),
            "tasks[2].notes",
        ),
        (
            Box::new(|body| body["tasks"][2]["colour"] = json!("red")),
            "tasks[2].colour",
        ),
        (Box::new(|body| body["owner"] = json!("me")), "owner"),
    ];
    for (change, field) in cases {
        let mut body = radiologist();
        change(&mut body);
        for path in ["/api/v1/profiles", "/api/v1/assessments"] {
            let response = post_json(&app, path, &body).await;
            assert_problem(response, 400, Some(field)).await;
        }
    }
    // Not JSON at all: the position of the syntax error is named.
    let response = app
        .client
        .post(app.url("/api/v1/profiles"))
        .header(CONTENT_TYPE, "application/json")
        .body("{\"name\": \"x\",")
        .send()
        .await
        .unwrap();
    let problem = assert_problem(response, 400, Some("body")).await;
    assert!(problem["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("line 1"));
    // The wrong content type.
    let response = app
        .client
        .post(app.url("/api/v1/profiles"))
        .header(CONTENT_TYPE, "text/plain")
        .body(radiologist().to_string())
        .send()
        .await
        .unwrap();
    assert_problem(response, 415, None).await;
    assert_eq!(profile_count(&app).await, 0);
    assert_eq!(task_row_count(&app).await, 0);
}

#[tokio::test]
async fn a_failure_half_way_through_a_save_leaves_nothing_behind() {
    let app = spawn_app().await;
    // The database refuses the third task, after the profile row and two tasks went in.
    common::fail_inserts_when(
        &app.state.pool,
        "refuse_boom",
        "profile_tasks",
        "NEW.title = 'boom'",
        "refused by test",
    )
    .await;
    let mut body = radiologist();
    body["tasks"][2]["title"] = json!("boom");
    let response = post_json(&app, "/api/v1/profiles", &body).await;
    let problem = assert_problem(response, 500, None).await;
    assert!(
        !problem.to_string().contains("refused by test"),
        "internals leaked: {problem}"
    );
    assert_eq!(profile_count(&app).await, 0);
    assert_eq!(task_row_count(&app).await, 0);
}

#[tokio::test]
async fn only_the_edit_token_changes_or_deletes_a_profile() {
    let app = spawn_app().await;
    let created = create(&app, &radiologist()).await;
    let path = format!("/api/v1/profiles/{}", created.id);
    let mut changed = radiologist();
    changed["name"] = json!("Renamed");
    changed["tasks"] = json!([changed["tasks"][1].clone()]);

    let response = app
        .client
        .put(app.url(&path))
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_problem(response, 401, None).await;
    let wrong = format!("Bearer {}", "0".repeat(64));
    let response = app
        .client
        .put(app.url(&path))
        .header(AUTHORIZATION, &wrong)
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_problem(response, 403, None).await;
    let response = app
        .client
        .delete(app.url(&path))
        .header(AUTHORIZATION, &wrong)
        .send()
        .await
        .unwrap();
    assert_problem(response, 403, None).await;
    let unchanged: ApiProfile = app.get(&path).await.json().await.unwrap();
    assert_eq!(
        unchanged, created.profile,
        "a refused write changes nothing"
    );

    let bearer = format!("Bearer {}", created.edit_token);
    let response = app
        .client
        .put(app.url(&path))
        .header(AUTHORIZATION, &bearer)
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let updated: ApiProfile = response.json().await.unwrap();
    assert_eq!(updated.name, "Renamed");
    assert_eq!(updated.assessment.tasks.len(), 1);
    assert_eq!(updated.created_at, created.profile.created_at);

    let response = app
        .client
        .delete(app.url(&path))
        .header(AUTHORIZATION, &bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_problem(app.get(&path).await, 404, None).await;
    assert_eq!(
        app.get(&format!("/profiles/{}", created.id)).await.status(),
        404
    );
    assert_eq!(profile_count(&app).await, 0);
    assert_eq!(
        task_row_count(&app).await,
        0,
        "deleting really deletes the tasks too"
    );
}

#[tokio::test]
async fn ids_that_cannot_exist_are_404s() {
    let app = spawn_app().await;
    for id in [
        "..%2F..%2Fetc%2Fpasswd",
        "abc",
        &"f".repeat(32),
        "'%20OR%201=1--",
    ] {
        assert_problem(app.get(&format!("/api/v1/profiles/{id}")).await, 404, None).await;
        assert_eq!(
            app.get(&format!("/profiles/{id}")).await.status(),
            404,
            "{id}"
        );
        assert_eq!(
            app.get(&format!("/profiles/{id}/summary.csv"))
                .await
                .status(),
            404,
            "{id}"
        );
    }
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

const FORM: &[(&str, &str)] = &[
    ("name", "</title><script>alert(1)</script> قارئ 🩻"),
    ("description", "Our unit"),
    ("base_occupation", "29-1224.00"),
    ("tasks[0].title", "Read screening mammograms"),
    ("tasks[0].share", "40"),
    ("tasks[0].kind", "judging_cases"),
    ("tasks[0].ratings.standardization", "5"),
    ("tasks[0].ratings.error_tolerance", "1"),
    ("tasks[0].ratings.verifiability", "4"),
    ("tasks[0].ratings.frequency", "5"),
    ("tasks[1].title", ""),
    ("tasks[1].share", ""),
    ("tasks[2].title", "Write reports"),
    ("tasks[2].share", "12,5"),
    ("tasks[2].kind", "making"),
    ("tasks[2].ratings.standardization", "3"),
    ("tasks[2].ratings.error_tolerance", "3"),
    ("tasks[2].ratings.verifiability", "3"),
    ("tasks[2].ratings.frequency", "4"),
    ("action", "save"),
];

fn cookies(response: &Response) -> Vec<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect()
}

fn cookie_pair(set_cookie: &str) -> &str {
    set_cookie.split(';').next().unwrap()
}

#[tokio::test]
async fn the_form_saves_without_javascript_and_shows_the_edit_link_once() {
    let app = spawn_app().await;
    let response = post_form(&app, "/profiles/new", form_body(FORM)).await;
    assert_eq!(response.status(), 303);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let id = location.strip_prefix("/profiles/").unwrap().to_owned();
    let mut set = cookies(&response);
    // The plan form's list of this browser's profiles, scoped to /plans; the other two are the
    // profile's own.
    let position = set
        .iter()
        .position(|cookie| cookie.starts_with("atlas_my_profiles="))
        .expect("the profile is remembered for the plan form");
    let remembered = set.remove(position);
    assert!(remembered.contains(&format!("={id};")) && remembered.contains("Path=/plans;"));
    assert!(remembered.contains("HttpOnly"));
    assert_eq!(set.len(), 2);
    assert!(set
        .iter()
        .all(|cookie| cookie.contains(&format!("Path=/profiles/{id}"))
            && cookie.contains("HttpOnly")));
    let both = set
        .iter()
        .map(|cookie| cookie_pair(cookie))
        .collect::<Vec<_>>()
        .join("; ");
    let token = cookie_pair(&set[0]).split_once('=').unwrap().1.to_owned();

    let first = app
        .client
        .get(app.url(&location))
        .header("cookie", &both)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    let cleared = cookies(&first);
    assert!(cleared
        .iter()
        .any(|cookie| cookie.starts_with("atlas_new_token=;") && cookie.contains("Max-Age=0")));
    let html = first.text().await.unwrap();
    assert!(
        html.contains(&format!("/profiles/{id}/edit?token={token}")),
        "the edit link is shown after saving"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; قارئ 🩻"),
        "the name is shown escaped, as typed"
    );
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("Read screening mammograms") && html.contains("Write reports"));
    assert!(html.contains(&format!("Scored with model version {MODEL_VERSION}")));
    assert!(html.contains("Edit or delete"));

    // Later visits: the link is not shown again; without the cookie the page is read-only.
    let edit_only = cookie_pair(&set[0]);
    let again = app
        .client
        .get(app.url(&location))
        .header("cookie", edit_only)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!again.contains(&token));
    assert!(again.contains("Edit or delete"));
    let stranger = app.get(&location).await.text().await.unwrap();
    assert!(stranger.contains("Read-only"));

    // The blank row 1 was skipped; the decimal comma was understood.
    let profile: ApiProfile = app
        .get(&format!("/api/v1/profiles/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile.assessment.tasks.len(), 2);
    assert_eq!(profile.assessment.tasks[1].share_entered, 12.5);
    assert_eq!(profile.base_occupation.as_deref(), Some("29-1224.00"));
}

#[tokio::test]
async fn a_form_with_errors_comes_back_with_the_input_and_a_message_per_field() {
    let app = spawn_app().await;
    let mut pairs = FORM.to_vec();
    pairs.retain(|(key, _)| *key != "name" && *key != "tasks[0].ratings.frequency");
    pairs.push(("name", ""));
    pairs.push(("tasks[2].share", "lots"));
    pairs.retain(|(key, value)| !(*key == "tasks[2].share" && *value == "12,5"));
    let response = post_form(&app, "/profiles/new", form_body(&pairs)).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Please correct 3 problems"), "{html}");
    assert!(html.contains("enter a name for the profile"));
    assert!(html.contains("choose a rating from 1 to 5"));
    assert!(html.contains("must be a number of percent"));
    assert!(
        html.contains("value=\"Read screening mammograms\""),
        "input kept"
    );
    assert!(
        html.contains("value=\"lots\""),
        "even the wrong value is kept"
    );
    assert!(html.contains("name=\"tasks[2].share\""));
    assert_eq!(profile_count(&app).await, 0);
}

#[tokio::test]
async fn more_rows_come_from_the_server_without_javascript() {
    let app = spawn_app().await;
    let mut pairs = FORM.to_vec();
    pairs.retain(|(key, _)| *key != "action");
    pairs.push(("action", "add_rows"));
    let response = post_form(&app, "/profiles/new", form_body(&pairs)).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("name=\"tasks[7].title\""), "3 rows + 5 more");
    assert!(!html.contains("name=\"tasks[8].title\""));
    assert!(html.contains("value=\"Write reports\""));
    assert_eq!(profile_count(&app).await, 0);
}

#[tokio::test]
async fn an_occupation_is_a_template() {
    let app = spawn_app().await;
    let html = app
        .get("/profiles/new?template=29-1224.00")
        .await
        .text()
        .await
        .unwrap();
    let report = atlas::db::occupations::occupation_report(&app.state.pool, "29-1224.00", None)
        .await
        .unwrap()
        .unwrap();
    assert!(html.contains(&format!("Started from {}", report.title)));
    for task in &report.tasks {
        let escaped = task
            .title
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            html.contains(&format!("value=\"{escaped}\"")),
            "{} missing",
            task.title
        );
    }
    assert!(html.contains("value=\"29-1224.00\""));
}

fn multipart(file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "atlas-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"tasks_csv\"; filename=\"team.csv\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, file: &[u8]) -> Response {
    let (content_type, body) = multipart(file);
    app.client
        .post(app.url("/profiles/new"))
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_csv_fills_the_form_or_names_every_bad_line_and_column() {
    let app = spawn_app().await;
    let template = app.get("/profiles/template.csv").await;
    assert_eq!(template.status(), 200);
    assert!(template.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let good = template.bytes().await.unwrap();
    let response = upload(&app, &good).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("Loaded 2 tasks from team.csv"));
    assert!(html.contains("value=\"Read screening mammograms\""));

    let bad = b"title,share,standardization,error_tolerance,verifiability,frequency\nRead,40,5,1,4,5\nWrite,abc,3,3,3,3\nTalk,10,3,3,3,7\n";
    let response = upload(&app, bad).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("team.csv: line 3, column share: must be a number of percent"),
        "{html}"
    );
    assert!(html.contains("team.csv: line 4, column frequency: must be a whole number from 1 to 5"));
    assert_eq!(profile_count(&app).await, 0, "an upload never saves");
}

#[tokio::test]
async fn oversized_requests_get_a_readable_413() {
    let app = spawn_app().await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let response = post_form(&app, "/profiles/new", form_body(&[("name", &huge)])).await;
    assert_eq!(response.status(), 413);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("That was too much to send"));
    let mut body = radiologist();
    body["description"] = json!("y".repeat(600 * 1024));
    assert_problem(post_json(&app, "/api/v1/profiles", &body).await, 413, None).await;
    let csv = format!(
        "title,share,standardization,error_tolerance,verifiability,frequency\n{}",
        "a,1,1,1,1,1\n".repeat(30_000)
    );
    assert_eq!(upload(&app, csv.as_bytes()).await.status(), 413);
    assert_eq!(profile_count(&app).await, 0);
}

#[tokio::test]
async fn a_flood_of_writes_from_one_client_is_slowed_with_retry_after() {
    let app = spawn_app_with_config(|config| {
        config.write_rate_per_minute = 1;
        config.write_burst = 2;
    })
    .await;
    for _ in 0..2 {
        assert_eq!(
            post_json(&app, "/api/v1/profiles", &radiologist())
                .await
                .status(),
            201
        );
    }
    let response = post_json(&app, "/api/v1/profiles", &radiologist()).await;
    assert!(
        response.headers()[RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    assert_problem(response, 429, None).await;
    let response = post_form(&app, "/profiles/new", form_body(FORM)).await;
    assert_eq!(response.status(), 429);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Too many changes at once"));
    // Reading is never limited.
    assert_eq!(app.get("/profiles/new").await.status(), 200);
    assert_eq!(profile_count(&app).await, 2);
}

#[tokio::test]
async fn fifty_profiles_saved_in_parallel_are_all_there_intact() {
    let app = spawn_app().await;
    let saves = (0..50).map(|index| {
        let client = app.client.clone();
        let url = app.url("/api/v1/profiles");
        async move {
            let mut body = radiologist();
            body["name"] = json!(format!("Parallel profile {index}"));
            body["tasks"][1]["share"] = json!(index + 1);
            let response = client.post(url).json(&body).send().await.unwrap();
            assert_eq!(response.status(), 201);
            (index, response.json::<ApiProfileCreated>().await.unwrap())
        }
    });
    let created = futures_join_all(saves).await;
    assert_eq!(profile_count(&app).await, 50);
    assert_eq!(task_row_count(&app).await, 150);
    for (index, created) in created {
        let profile: ApiProfile = app
            .get(&format!("/api/v1/profiles/{}", created.id))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(profile.name, format!("Parallel profile {index}"));
        assert_eq!(
            profile.assessment.tasks[1].share_entered,
            (index + 1) as f64
        );
        assert_eq!(profile, created.profile);
    }
}

// Two races this catches, both once answered 500: update and delete read the token's hash before
// they write, and in a deferred SQLite transaction a commit by another connection in between made
// the write fail with "database is locked"; and reading a profile back while it was deleted could
// see the profile row but no tasks.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_edits_deletes_and_saves_all_succeed() {
    let app = spawn_app().await;
    let mut created = Vec::new();
    for _ in 0..12 {
        created.push(create(&app, &radiologist()).await);
    }
    let writes = (0..96).map(|index| {
        let client = app.client.clone();
        let target = &created[index % created.len()];
        let (id, token) = (target.id.clone(), target.edit_token.clone());
        let base = app.url("/api/v1/profiles");
        async move {
            let mut body = radiologist();
            body["name"] = json!(format!("Edit {index}"));
            let (expected, response) = match index % 8 {
                // Two profiles are deleted near the end, while others are still being edited.
                7 if index >= 84 => (
                    204,
                    client
                        .delete(format!("{base}/{id}"))
                        .header(AUTHORIZATION, format!("Bearer {token}"))
                        .send()
                        .await
                        .unwrap(),
                ),
                3 => (201, client.post(&base).json(&body).send().await.unwrap()),
                _ => (
                    200,
                    client
                        .put(format!("{base}/{id}"))
                        .header(AUTHORIZATION, format!("Bearer {token}"))
                        .json(&body)
                        .send()
                        .await
                        .unwrap(),
                ),
            };
            (index, expected, response.status().as_u16())
        }
    });
    for (index, expected, status) in futures_join_all(writes).await {
        // An edit that lands after its profile's delete is a 404; nothing else may fail.
        assert!(
            status == expected || (expected == 200 && status == 404),
            "write {index}: expected {expected}, got {status}"
        );
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// Runs the futures concurrently on the test's runtime.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.unwrap());
    }
    outputs
}

#[tokio::test]
async fn editing_through_the_form_needs_the_token() {
    let app = spawn_app().await;
    let created = create(&app, &radiologist()).await;
    let id = &created.id;
    let response = app.get(&format!("/profiles/{id}/edit")).await;
    assert_eq!(response.status(), 403);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("can only be changed with its edit link"));

    let response = app
        .get(&format!("/profiles/{id}/edit?token={}", created.edit_token))
        .await;
    assert_eq!(response.status(), 200);
    assert!(cookies(&response)
        .iter()
        .any(|cookie| cookie.starts_with(&format!("atlas_edit={}", created.edit_token))));
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("action=\"/profiles/{id}/edit\"")));
    assert!(html.contains("value=\"Triage urgent referrals\""));

    let mut pairs = FORM.to_vec();
    pairs.push(("token", "f00d"));
    let response = post_form(&app, &format!("/profiles/{id}/edit"), form_body(&pairs)).await;
    assert_eq!(response.status(), 403);
    let wrong = "0".repeat(64);
    let mut pairs = FORM.to_vec();
    pairs.push(("token", &wrong));
    assert_eq!(
        post_form(&app, &format!("/profiles/{id}/edit"), form_body(&pairs))
            .await
            .status(),
        403
    );
    let unchanged: ApiProfile = app
        .get(&format!("/api/v1/profiles/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unchanged, created.profile);

    let mut pairs = FORM.to_vec();
    pairs.push(("token", &created.edit_token));
    let response = post_form(&app, &format!("/profiles/{id}/edit"), form_body(&pairs)).await;
    assert_eq!(response.status(), 303);
    let updated: ApiProfile = app
        .get(&format!("/api/v1/profiles/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(updated.assessment.tasks[1].title, "Write reports");

    let delete = |confirm: &'static str| {
        form_body(&[("token", created.edit_token.as_str()), ("confirm", confirm)])
    };
    assert_eq!(
        post_form(&app, &format!("/profiles/{id}/delete"), delete("no"))
            .await
            .status(),
        422
    );
    assert_eq!(profile_count(&app).await, 1);
    let response = post_form(&app, &format!("/profiles/{id}/delete"), delete("yes")).await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("Profile deleted"));
    assert_eq!(profile_count(&app).await, 0);
}

#[tokio::test]
async fn profiles_download_in_every_format_and_unknown_ones_are_404() {
    let app = spawn_app().await;
    let created = create(&app, &radiologist()).await;
    for (file, kind) in [
        ("summary.csv", "text/csv"),
        ("summary.json", "application/json"),
        ("summary.md", "text/markdown"),
        ("summary.xlsx", "application/vnd.openxmlformats"),
    ] {
        let response = app.get(&format!("/profiles/{}/{file}", created.id)).await;
        assert_eq!(response.status(), 200, "{file}");
        assert!(response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(kind));
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\"profile-screening-radiologist-"),
            "{disposition}"
        );
        assert!(!response.bytes().await.unwrap().is_empty());
    }
    let csv = app
        .get(&format!("/profiles/{}/summary.csv", created.id))
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), 3);
    let unknown = format!("/profiles/{}/summary.csv", "a".repeat(32));
    assert_eq!(app.get(&unknown).await.status(), 404);
}

#[tokio::test]
async fn profiles_saved_with_an_older_model_are_rescored_on_view_and_survive_catalog_reloads() {
    let app = spawn_app().await;
    let created = create(&app, &radiologist()).await;
    sqlx::query("UPDATE profiles SET model_version = '0.9.0', verdict = 'replace' WHERE id = $1")
        .bind(&created.id)
        .execute(app.state.pool.any())
        .await
        .unwrap();
    let html = app.get(&created.url).await.text().await.unwrap();
    assert!(html.contains(&format!("Saved with model version 0.9.0; shown re-scored with the current model, version {MODEL_VERSION}")));
    let (version, verdict): (String, String) =
        sqlx::query_as("SELECT model_version, verdict FROM profiles WHERE id = $1")
            .bind(&created.id)
            .fetch_one(app.state.pool.any())
            .await
            .unwrap();
    assert_eq!(version, MODEL_VERSION.to_string());
    assert_eq!(
        json!(verdict),
        serde_json::to_value(created.profile.assessment.verdict).unwrap()
    );

    atlas::catalog::sync_catalog(&app.state.pool, &app.state.config.data_dir, true)
        .await
        .unwrap();
    let after: ApiProfile = app
        .get(&format!("/api/v1/profiles/{}", created.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after.assessment, created.profile.assessment);
}
