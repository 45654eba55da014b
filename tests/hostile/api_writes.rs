//! The JSON API's writes — `POST /api/v1/profiles`, `POST /api/v1/assessments` and
//! `PUT /api/v1/profiles/{id}` — and `DELETE`, with every hostile body.

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{json, Value};

use crate::common::{spawn_app, TestApp};
use crate::corpus::{
    BAD_JSON_RATINGS, BAD_JSON_SHARES, CONTROL_CHARACTERS, INJECTIONS, TEXT_LIMITS,
};
use crate::{assert_untouched_and_serving, seed, valid_body, Answer, Seeded};

/// One hostile body and the field its answer must name (`body` for one that is not a JSON
/// object at all).
struct Case {
    label: String,
    body: Vec<u8>,
    field: String,
}

/// Where each text field sits in the body, and how an error names it.
fn text_field(name: &str) -> (&'static str, &'static str) {
    match name {
        "name" => ("/name", "name"),
        "description" => ("/description", "description"),
        "title" => ("/tasks/0/title", "tasks[0].title"),
        "notes" => ("/tasks/0/notes", "tasks[0].notes"),
        other => panic!("no text field {other}"),
    }
}

/// The valid body with the value at `pointer` replaced.
fn with_value(pointer: &str, value: Value) -> Vec<u8> {
    let mut body = valid_body();
    *body.pointer_mut(pointer).expect("pointer into the body") = value;
    body.to_string().into_bytes()
}

/// The valid body with the value at `pointer` replaced by raw JSON text, which may be a literal
/// that no JSON value can hold (`1e309`, `NaN`).
fn with_literal(pointer: &str, literal: &str) -> Vec<u8> {
    const MARK: &str = "\"@@hostile@@\"";
    let text = String::from_utf8(with_value(pointer, json!("@@hostile@@"))).unwrap();
    assert!(text.contains(MARK));
    text.replace(MARK, literal).into_bytes()
}

fn case(label: impl Into<String>, body: Vec<u8>, field: &str) -> Case {
    Case {
        label: label.into(),
        body,
        field: field.to_owned(),
    }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for injection in INJECTIONS {
        cases.push(case(
            format!("base_occupation {injection:?}"),
            with_value("/base_occupation", json!(injection)),
            "base_occupation",
        ));
    }
    for (name, limit) in TEXT_LIMITS {
        let (pointer, field) = text_field(name);
        for character in CONTROL_CHARACTERS {
            let text = format!("{} {character} end", INJECTIONS[0]);
            cases.push(case(
                format!("{name} with {character:?}"),
                with_value(pointer, json!(text)),
                field,
            ));
        }
        // Characters, not bytes, are counted: these are over the limit by one character.
        for unit in ["x", "é", "🩻"] {
            cases.push(case(
                format!("{name} of {} {unit:?}", limit + 1),
                with_value(pointer, json!(unit.repeat(limit + 1))),
                field,
            ));
        }
        cases.push(case(
            format!("{name} of 200,000 characters"),
            with_value(pointer, json!("y".repeat(200_000))),
            field,
        ));
        for wrong_type in [json!(42), json!(true), json!(["a"]), json!({"text": "a"})] {
            cases.push(case(
                format!("{name} = {wrong_type}"),
                with_value(pointer, wrong_type),
                field,
            ));
        }
    }
    for single_line in ["name", "title"] {
        let (pointer, field) = text_field(single_line);
        for line_break in ["first\nsecond", "first\r\nsecond", "first\u{2028}second"] {
            cases.push(case(
                format!("{single_line} with a line break {line_break:?}"),
                with_value(pointer, json!(line_break)),
                field,
            ));
        }
    }
    for (literal, names_share) in BAD_JSON_SHARES {
        cases.push(case(
            format!("share {literal}"),
            with_literal("/tasks/0/share", literal),
            if *names_share {
                "tasks[0].share"
            } else {
                "body"
            },
        ));
    }
    for (literal, names_rating) in BAD_JSON_RATINGS {
        cases.push(case(
            format!("frequency {literal}"),
            with_literal("/tasks/1/ratings/frequency", literal),
            if *names_rating {
                "tasks[1].ratings.frequency"
            } else {
                "body"
            },
        ));
    }
    let task = valid_body()["tasks"][0].clone();
    for (label, tasks, field) in [
        ("no tasks", json!([]), "tasks"),
        ("tasks as an object", json!({"0": task.clone()}), "tasks"),
        ("tasks as text", json!("all"), "tasks"),
        ("a null task", json!([null]), "tasks[0]"),
        ("a number as a task", json!([task.clone(), 7]), "tasks[1]"),
        ("51 tasks", json!(vec![task.clone(); 51]), "tasks"),
        ("101 tasks", json!(vec![task.clone(); 101]), "tasks"),
        (
            "10,000 empty tasks",
            json!(vec![json!({}); 10_000]),
            "tasks",
        ),
        (
            "ratings as a list",
            json!([{"title": "t", "share": 5, "ratings": [1, 2, 3, 4]}]),
            "tasks[0].ratings",
        ),
        (
            "an unknown dimension",
            json!([{"title": "t", "share": 5, "ratings": {"standardization": 1,
                "error_tolerance": 1, "verifiability": 1, "frequency": 1, "__proto__": 1}}]),
            "tasks[0].ratings.__proto__",
        ),
    ] {
        cases.push(case(label, with_value("/tasks", tasks), field));
    }
    let mut with_unknown = valid_body();
    with_unknown["__proto__"] = json!({"admin": true});
    cases.push(case(
        "an unknown top-level field",
        with_unknown.to_string().into_bytes(),
        "__proto__",
    ));
    let mut invalid_utf8 = with_value("/name", json!("@@"));
    let at = invalid_utf8.windows(2).position(|w| w == b"@@").unwrap();
    invalid_utf8.splice(at..at + 2, [0xFF, 0xFE]);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(valid_body().to_string().into_bytes());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for (label, body) in [
        ("an empty body", Vec::new()),
        ("a cut-off body", b"{\"name\": \"x\",".to_vec()),
        ("an array", b"[]".to_vec()),
        ("null", b"null".to_vec()),
        ("a string", b"\"profile\"".to_vec()),
        ("a huge number", b"1e309".to_vec()),
        ("invalid UTF-8 in a string", invalid_utf8),
        ("a lone surrogate", with_literal("/name", "\"\\ud800\"")),
        ("a byte-order mark", with_bom),
        (
            "trailing garbage",
            format!("{} x", valid_body()).into_bytes(),
        ),
        ("two objects", format!("{0}{0}", valid_body()).into_bytes()),
        ("nesting 100,000 deep", deep.into_bytes()),
        ("NUL bytes", vec![0; 1_000]),
    ] {
        cases.push(case(label, body, "body"));
    }
    cases
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    content_type: Option<&str>,
    token: Option<&str>,
    body: Vec<u8>,
) -> Answer {
    let mut request = app.client.request(method, app.url(path)).body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    Answer::read(request.send().await.expect("request failed")).await
}

/// The three routes that take a profile body, with the token a PUT needs.
fn body_routes(seeded: &Seeded) -> [(reqwest::Method, String, Option<String>); 3] {
    [
        (reqwest::Method::POST, "/api/v1/profiles".to_owned(), None),
        (
            reqwest::Method::POST,
            "/api/v1/assessments".to_owned(),
            None,
        ),
        (
            reqwest::Method::PUT,
            format!("/api/v1/profiles/{}", seeded.id),
            Some(seeded.token.clone()),
        ),
    ]
}

#[tokio::test]
async fn every_hostile_api_body_is_a_400_naming_the_field_and_changes_nothing() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let cases = cases();
    assert!(cases.len() > 120, "the corpus shrank to {}", cases.len());
    for (method, path, token) in body_routes(&seeded) {
        for case in &cases {
            let answer = send(
                &app,
                method.clone(),
                &path,
                Some("application/json"),
                token.as_deref(),
                case.body.clone(),
            )
            .await;
            answer.assert_names_field(&format!("{method} {path}: {}", case.label), &case.field);
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}

#[tokio::test]
async fn api_writes_in_another_content_type_or_too_large_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let body = valid_body().to_string().into_bytes();
    for (method, path, token) in body_routes(&seeded) {
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/xml"),
            Some("text/json"),
            Some("application/jsonp"),
            Some("application/json-patch"),
            Some(""),
        ] {
            let answer = send(
                &app,
                method.clone(),
                &path,
                content_type,
                token.as_deref(),
                body.clone(),
            )
            .await;
            answer.assert_problem_detail(&format!("{method} {path} as {content_type:?}"), 415);
        }
        let mut huge = valid_body();
        huge["description"] = json!("z".repeat(600 * 1024));
        let answer = send(
            &app,
            method.clone(),
            &path,
            Some("application/json"),
            token.as_deref(),
            huge.to_string().into_bytes(),
        )
        .await;
        answer.assert_problem_detail(&format!("{method} {path} over 512 KB"), 413);
    }
    assert_untouched_and_serving(&app, &seeded).await;
}

#[tokio::test]
async fn hostile_tokens_and_ids_change_and_delete_nothing() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let body = valid_body().to_string().into_bytes();
    let path = format!("/api/v1/profiles/{}", seeded.id);
    let wrong_token = "0".repeat(64);
    let upper_case_token = seeded.token.to_uppercase();
    let longer_token = format!("{}0", seeded.token);
    let cases: Vec<(String, Option<String>, u16)> = vec![
        ("no header".to_owned(), None, 401),
        (
            "Basic".to_owned(),
            Some("Basic YWRtaW46YWRtaW4=".to_owned()),
            401,
        ),
        ("empty".to_owned(), Some(String::new()), 401),
        ("one letter".to_owned(), Some("Bearer x".to_owned()), 403),
        ("SQL".to_owned(), Some("Bearer ' OR '1'='1".to_owned()), 403),
        (
            "traversal".to_owned(),
            Some("Bearer ../../etc/passwd".to_owned()),
            403,
        ),
        (
            "a wrong token".to_owned(),
            Some(format!("Bearer {wrong_token}")),
            403,
        ),
        (
            "the token in upper case".to_owned(),
            Some(format!("Bearer {upper_case_token}")),
            403,
        ),
        (
            "the token and one more digit".to_owned(),
            Some(format!("Bearer {longer_token}")),
            403,
        ),
        (
            "the hash of the token".to_owned(),
            Some(format!(
                "Bearer {}",
                atlas::profile::secret::token_hash(&seeded.token)
            )),
            403,
        ),
    ];
    for (label, authorization, status) in &cases {
        for method in [reqwest::Method::PUT, reqwest::Method::DELETE] {
            let mut request = app
                .client
                .request(method.clone(), app.url(&path))
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
            if let Some(value) = authorization {
                request = request.header(AUTHORIZATION, value);
            }
            let answer = Answer::read(request.send().await.unwrap()).await;
            answer.assert_problem_detail(&format!("{method} with {label}"), *status);
        }
    }
    for segment in crate::corpus::path_segments() {
        let path = format!("/api/v1/profiles/{segment}");
        for method in [
            reqwest::Method::GET,
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
        ] {
            let answer = send(
                &app,
                method.clone(),
                &path,
                Some("application/json"),
                Some(&seeded.token),
                body.clone(),
            )
            .await;
            assert!(
                (400..500).contains(&answer.status),
                "{method} {path}: {} {}",
                answer.status,
                answer.body
            );
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}
