//! CSV task lists uploaded to `POST /profiles/new`: malformed files of every kind are named by
//! line (and column where there is one), never half-used and never saved.

use reqwest::header::CONTENT_TYPE;

use crate::common::{spawn_app, TestApp};
use crate::{assert_untouched_and_serving, seed, Answer};

const HEADER: &str = "title,share,standardization,error_tolerance,verifiability,frequency,notes";

/// A multipart body with the file and a profile name, as the upload form sends it.
fn multipart(file_name: &str, file: &[u8], name: &[u8]) -> (String, Vec<u8>) {
    let boundary = "hostile-boundary-7f3a";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(name);
    body.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"tasks_csv\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, file_name: &str, file: &[u8]) -> Answer {
    let (content_type, body) = multipart(file_name, file, b"Upload test");
    let response = app
        .client
        .post(app.url("/profiles/new"))
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .expect("request failed");
    Answer::read(response).await
}

/// A file with the header and these rows.
fn rows(lines: &[&str]) -> Vec<u8> {
    let mut text = format!("{HEADER}\n");
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.into_bytes()
}

/// Each malformed file and what the page must say about it (after `team.csv: `).
fn cases() -> Vec<(&'static str, Vec<u8>, String)> {
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in HEADER.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let mut latin1 = rows(&["Read,40,5,1,4,5,"]);
    latin1.extend_from_slice(b"Caf\xE9 duty,10,3,3,3,3,\n");
    let fifty_one: Vec<String> = (0..51)
        .map(|index| format!("Task {index},1,3,3,3,3,"))
        .collect();
    let fifty_one: Vec<&str> = fifty_one.iter().map(String::as_str).collect();
    let mut blank_lines = format!("{HEADER}\n").into_bytes();
    blank_lines.extend(",,,,,,\n".repeat(20_000).into_bytes());
    vec![
        ("an empty file", Vec::new(), "the file is empty".to_owned()),
        (
            "only a BOM",
            b"\xEF\xBB\xBF \r\n".to_vec(),
            "the file is empty".to_owned(),
        ),
        (
            "a header and no tasks",
            rows(&[]),
            "the file has a header but no tasks".to_owned(),
        ),
        (
            "only blank rows",
            blank_lines,
            "the file has a header but no tasks".to_owned(),
        ),
        (
            "no header",
            b"Read,40,5,1,4,5\n".to_vec(),
            "line 1, column Read: is not a known column".to_owned(),
        ),
        (
            "a missing column",
            b"title,share,standardization,error_tolerance,verifiability\nRead,40,5,1,4\n".to_vec(),
            "line 1, column frequency: is missing from the header".to_owned(),
        ),
        (
            "a column twice",
            format!("{HEADER},share\nRead,40,5,1,4,5,,40\n").into_bytes(),
            "line 1, column share: appears twice in the header".to_owned(),
        ),
        (
            "an injected column name",
            format!("{HEADER},<b>bold</b>\nRead,40,5,1,4,5,,x\n").into_bytes(),
            "line 1, column &lt;b&gt;bold&lt;/b&gt;: is not a known column".to_owned(),
        ),
        (
            "an unclosed quote",
            rows(&["\"Read screening,40,5,1,4,5,", "Write,10,3,3,3,3,"]),
            "line 2: has 1 fields; the header has 7".to_owned(),
        ),
        (
            "too few fields",
            rows(&["Read,40,5,1,4,5,", "Write,10,3"]),
            "line 3: has 3 fields; the header has 7".to_owned(),
        ),
        (
            "an unquoted comma",
            rows(&["Read, write and sign,40,5,1,4,5,"]),
            "line 2: has 8 fields; the header has 7".to_owned(),
        ),
        (
            "Latin-1 text",
            latin1,
            "line 3: is not UTF-8 text".to_owned(),
        ),
        ("UTF-16", utf16, "line 1: is not UTF-8 text".to_owned()),
        (
            "a PNG image",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "line 1: is not UTF-8 text".to_owned(),
        ),
        (
            "a NUL in a title",
            rows(&["Read\0scans,40,5,1,4,5,"]),
            "line 2, column title: must not contain control characters".to_owned(),
        ),
        (
            "an escape sequence in the notes",
            rows(&["Read,40,5,1,4,5,\u{1b}[31mred"]),
            "line 2, column notes: must not contain control characters".to_owned(),
        ),
        (
            "a huge share",
            rows(&["Read,1e309,5,1,4,5,"]),
            "line 2, column share: must be a number of percent".to_owned(),
        ),
        (
            "a 20-digit share",
            rows(&["Read,99999999999999999999,5,1,4,5,"]),
            "line 2, column share: must be at most 100 percent".to_owned(),
        ),
        (
            "a negative share",
            rows(&["Read,40,5,1,4,5,", "Write,-10,3,3,3,3,"]),
            "line 3, column share: must be more than 0 percent".to_owned(),
        ),
        (
            "a NaN share",
            rows(&["Read,NaN,5,1,4,5,"]),
            "line 2, column share: must be a number of percent".to_owned(),
        ),
        (
            "a rating of 6",
            rows(&["Read,40,5,1,4,6,"]),
            "line 2, column frequency: must be a whole number from 1 to 5".to_owned(),
        ),
        (
            "SQL in a rating",
            rows(&["Read,40,5,1,'; DROP TABLE profiles; --,5,"]),
            "line 2, column verifiability: must be a whole number from 1 to 5".to_owned(),
        ),
        (
            "a title too long",
            rows(&[&format!("{},40,5,1,4,5,", "t".repeat(201))]),
            "line 2, column title: must be at most 200 characters".to_owned(),
        ),
        (
            "51 tasks",
            rows(&fifty_one),
            "a profile has at most 50 tasks; the file has 51".to_owned(),
        ),
    ]
}

#[tokio::test]
async fn every_malformed_csv_is_named_by_line_and_column_and_nothing_is_saved() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    for (label, file, message) in cases() {
        let answer = upload(&app, "team.csv", &file).await;
        answer.assert_page_says(label, 422, &format!("team.csv: {message}"));
        assert!(
            !answer.body.contains("Loaded "),
            "{label}: part of a bad file was used"
        );
    }
    // A file name is text the page shows: it must come back escaped.
    let answer = upload(
        &app,
        "<img src=x onerror=alert(1)>.csv",
        &rows(&["Read,0,5,1,4,5,"]),
    )
    .await;
    assert_eq!(answer.status, 422);
    assert!(
        !answer.body.contains("<img src=x"),
        "the file name came back unescaped"
    );
    // The profile's name sent with the file is text too, and must be UTF-8.
    let (content_type, body) = multipart("team.csv", &rows(&["Read,40,5,1,4,5,"]), b"Caf\xE9");
    let response = app
        .client
        .post(app.url("/profiles/new"))
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    Answer::read(response).await.assert_page_says(
        "a Latin-1 name",
        400,
        "The name is not UTF-8 text",
    );
    // Over the 256 KB limit.
    let big = rows(&[&format!("Read,40,5,1,4,5,{}", "n".repeat(300 * 1024))]);
    let answer = upload(&app, "team.csv", &big).await;
    answer.assert_page_says("a 300 KB file", 413, "Nothing was saved");
    assert_untouched_and_serving(&app, &seeded).await;
}
