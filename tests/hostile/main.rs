//! Hostile input against the real app (issue 9): a corpus of bad values — markup, SQL and path
//! traversal in codes and ids, overlong and control-character text, invalid UTF-8, malformed CSV,
//! huge, negative and not-a-number shares, wrong content types — sent to every form and API
//! route. Every answer must be a 4xx that names the field or the problem, nothing may be stored
//! or changed, and the server must keep serving.
//!
//! Text that is merely unusual (markup or SQL in a profile's name) is valid input: it is stored as
//! typed and must come back escaped. `free_text_is_stored_as_typed_and_always_rendered_escaped`
//! checks that side.

#[path = "../common/mod.rs"]
mod common;

mod api_writes;
mod corpus;
mod csv_uploads;
mod forms;
mod raw;
mod reads;

use std::sync::atomic::{AtomicUsize, Ordering};

use atlas::api_types::{ApiProfileCreated, PROBLEM_JSON_CONTENT_TYPE};
use common::TestApp;
use reqwest::header::CONTENT_TYPE;
use serde_json::{json, Value};

/// Answers read by this test binary so far (RELIABILITY.md quotes the total).
static ANSWERS_READ: AtomicUsize = AtomicUsize::new(0);

/// An answer read in full, with what is needed to explain a failed assertion.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    pub async fn read(response: reqwest::Response) -> Answer {
        ANSWERS_READ.fetch_add(1, Ordering::Relaxed);
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_owned();
        // No value from the corpus may end up in a header (response splitting).
        for (name, value) in response.headers() {
            let value = String::from_utf8_lossy(value.as_bytes());
            assert!(
                !value.contains("stolen"),
                "a request value reached the {name} header: {value}"
            );
        }
        let bytes = response.bytes().await.expect("body could not be read");
        Answer {
            status,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The body as a problem document (RFC 9457) with this status; panics naming `context`.
    pub fn problem(&self, context: &str, status: u16) -> Value {
        assert_eq!(
            self.status, status,
            "{context}: expected {status}, got {} with {}",
            self.status, self.body
        );
        assert_eq!(
            self.content_type, PROBLEM_JSON_CONTENT_TYPE,
            "{context}: not a problem document: {}",
            self.body
        );
        let problem: Value = serde_json::from_str(&self.body).unwrap_or_else(|error| {
            panic!("{context}: problem is not JSON ({error}): {}", self.body)
        });
        assert_eq!(problem["status"], status, "{context}: {problem}");
        problem
    }

    /// Asserts a 400 problem whose `errors` name `field` with a non-empty message.
    pub fn assert_names_field(&self, context: &str, field: &str) {
        let problem = self.problem(context, 400);
        let errors = problem["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("{context}: no errors in {problem}"));
        let named = errors.iter().find(|error| error["field"] == field);
        let message = named
            .and_then(|error| error["message"].as_str())
            .unwrap_or_else(|| panic!("{context}: {field} is not named in {problem}"));
        assert!(!message.trim().is_empty(), "{context}: empty message");
    }

    /// Asserts a problem with this status whose `detail` is not empty.
    pub fn assert_problem_detail(&self, context: &str, status: u16) {
        let problem = self.problem(context, status);
        let detail = problem["detail"].as_str().unwrap_or("");
        assert!(
            !detail.trim().is_empty(),
            "{context}: no detail in {problem}"
        );
    }

    /// Asserts that markup from the corpus did not come back unescaped in a page. (Problem
    /// documents are JSON and may quote a value as it was sent.)
    pub fn assert_no_raw_markup(&self, context: &str) {
        if !self.content_type.starts_with("text/html") {
            return;
        }
        for raw in ["<script>alert('atlas')", "<img src=x", "<b>bold"] {
            assert!(
                !self.body.contains(raw),
                "{context}: {raw:?} came back unescaped"
            );
        }
    }

    /// Asserts an HTML page with this status that says `text`.
    pub fn assert_page_says(&self, context: &str, status: u16, text: &str) {
        assert_eq!(
            self.status,
            status,
            "{context}: expected {status}, got {}: {}",
            self.status,
            excerpt(&self.body)
        );
        assert!(
            self.content_type.starts_with("text/html"),
            "{context}: not a page ({})",
            self.content_type
        );
        assert!(
            self.body.contains(text),
            "{context}: the page does not say {text:?}: {}",
            excerpt(&self.body)
        );
    }
}

/// The readable part of a long page, for failure messages.
pub fn excerpt(body: &str) -> String {
    let start = body.find("<main").unwrap_or(0);
    body[start..].chars().take(1_500).collect()
}

/// A complete, valid API body with two tasks; cases change one value of it.
pub fn valid_body() -> Value {
    json!({
        "name": "Night shift dispatcher",
        "description": "Emergency dispatch centre",
        "base_occupation": "43-4051.00",
        "tasks": [
            {"title": "Take emergency calls", "share": 60, "notes": "Scripted questions",
             "ratings": {"standardization": 4, "error_tolerance": 1, "verifiability": 3, "frequency": 5}},
            {"title": "Log incidents", "share": 40,
             "ratings": {"standardization": 5, "error_tolerance": 3, "verifiability": 4, "frequency": 5}}
        ]
    })
}

/// A profile saved through the API before the hostile requests, which they must leave alone.
pub struct Seeded {
    pub id: String,
    pub token: String,
    /// What `GET /api/v1/profiles/{id}` answered right after saving.
    pub snapshot: Value,
}

pub async fn seed(app: &TestApp) -> Seeded {
    let response = app
        .client
        .post(app.url("/api/v1/profiles"))
        .json(&valid_body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "the valid body is saved");
    let created: ApiProfileCreated = response.json().await.unwrap();
    let snapshot = read_profile(app, &created.id).await;
    Seeded {
        id: created.id,
        token: created.edit_token,
        snapshot,
    }
}

pub async fn read_profile(app: &TestApp, id: &str) -> Value {
    let response = app.get(&format!("/api/v1/profiles/{id}")).await;
    assert_eq!(response.status(), 200, "profile {id} is readable");
    response.json().await.unwrap()
}

pub async fn profile_count(app: &TestApp) -> i64 {
    atlas::db::profiles::count_profiles(&app.state.pool)
        .await
        .unwrap()
}

/// After a barrage: only the seeded profile exists, it is exactly as saved, and the server
/// still answers its health check and a catalog page.
pub async fn assert_untouched_and_serving(app: &TestApp, seeded: &Seeded) {
    assert_eq!(
        profile_count(app).await,
        1,
        "a hostile request stored a profile"
    );
    assert_eq!(
        read_profile(app, &seeded.id).await,
        seeded.snapshot,
        "a hostile request changed the seeded profile"
    );
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(
        app.get("/api/v1/occupations/29-1224.00").await.status(),
        200
    );
    eprintln!(
        "hostile: {} answers checked so far in this run",
        ANSWERS_READ.load(Ordering::Relaxed)
    );
}

#[tokio::test]
async fn free_text_is_stored_as_typed_and_always_rendered_escaped() {
    let app = common::spawn_app().await;
    let mut body = valid_body();
    let hostile_name = "<script>alert('atlas')</script> '; DROP TABLE profiles; --";
    let hostile_title = "\"><img src=x onerror=alert(1)> ../../etc/passwd";
    let formula = "=HYPERLINK(\"http://attacker.invalid\",\"click\")";
    // A textarea ends only at `</textarea>`; what follows it would run as markup.
    let breakout = "</textarea><script>alert('atlas')</script>";
    body["name"] = json!(hostile_name);
    body["description"] = json!(breakout);
    body["tasks"][0]["title"] = json!(hostile_title);
    body["tasks"][0]["notes"] = json!(breakout);
    body["tasks"][1]["title"] = json!(formula);
    let response = app
        .client
        .post(app.url("/api/v1/profiles"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let created: ApiProfileCreated = response.json().await.unwrap();
    let stored = read_profile(&app, &created.id).await;
    assert_eq!(stored["name"], hostile_name, "stored exactly as typed");
    assert_eq!(stored["tasks"][0]["title"], hostile_title);

    let page = Answer::read(app.get(&format!("/profiles/{}", created.id)).await).await;
    assert_eq!(page.status, 200);
    for raw in ["<script>alert('atlas')", "<img src=x"] {
        assert!(!page.body.contains(raw), "{raw} reached the page unescaped");
    }
    assert!(page.body.contains("&lt;script&gt;alert("));
    // The edit page shows the description and the notes in textareas.
    let edit = Answer::read(
        app.get(&format!(
            "/profiles/{}/edit?token={}",
            created.id, created.edit_token
        ))
        .await,
    )
    .await;
    assert_eq!(edit.status, 200);
    assert!(
        edit.body.contains("name=\"description\""),
        "not the edit form"
    );
    edit.assert_no_raw_markup("the edit page");
    let markdown = Answer::read(
        app.get(&format!("/profiles/{}/summary.md", created.id))
            .await,
    )
    .await;
    assert_eq!(markdown.status, 200);
    // Markdown escapes markup with a backslash: no `<` may stand without one.
    let bytes = markdown.body.as_bytes();
    for (at, _) in markdown.body.match_indices('<') {
        assert!(
            at > 0 && bytes[at - 1] == b'\\',
            "an unescaped < in the Markdown: {}",
            markdown.body
        );
    }
    assert!(markdown.body.contains("\\<script\\>alert("));
    let csv = Answer::read(
        app.get(&format!("/profiles/{}/summary.csv", created.id))
            .await,
    )
    .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.body.contains("'=HYPERLINK"),
        "a formula is defused with an apostrophe: {}",
        csv.body
    );
    // The SQL in the name was data, not a statement: the tables are all there.
    assert_eq!(profile_count(&app).await, 1);
    assert_eq!(app.get("/occupations/29-1224.00").await.status(), 200);
}
