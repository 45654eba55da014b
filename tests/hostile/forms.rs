//! The form posts a browser without JavaScript makes — `POST /profiles/new`,
//! `POST /profiles/{id}/edit` and `POST /profiles/{id}/delete` — with hostile values in every
//! field, bodies that are not UTF-8 or not a form, and forged row indices.

use reqwest::header::CONTENT_TYPE;

use crate::common::{spawn_app, TestApp};
use crate::corpus::{BAD_RATINGS, BAD_SHARES, CONTROL_CHARACTERS, INJECTIONS, TEXT_LIMITS};
use crate::{assert_untouched_and_serving, seed, Answer, Seeded};

/// A complete, valid form with two tasks (the same profile as `valid_body`).
fn valid_pairs() -> Vec<(String, String)> {
    let mut owned: Vec<(String, String)> = [
        ("name", "Night shift dispatcher"),
        ("description", "Emergency dispatch centre"),
        ("base_occupation", "43-4051.00"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect();
    for (index, title, share, kind, ratings) in [
        (
            0,
            "Take emergency calls",
            "60",
            "service_exchange",
            ["4", "1", "3", "5"],
        ),
        (
            1,
            "Log incidents",
            "40",
            "moving_information",
            ["5", "3", "4", "5"],
        ),
    ] {
        owned.push((format!("tasks[{index}].title"), title.to_owned()));
        owned.push((format!("tasks[{index}].share"), share.to_owned()));
        owned.push((format!("tasks[{index}].kind"), kind.to_owned()));
        for (dimension, rating) in [
            "standardization",
            "error_tolerance",
            "verifiability",
            "frequency",
        ]
        .iter()
        .zip(ratings)
        {
            owned.push((
                format!("tasks[{index}].ratings.{dimension}"),
                rating.to_owned(),
            ));
        }
    }
    owned.push(("action".to_owned(), "save".to_owned()));
    owned
}

/// The valid form with `key` set to `value` (added if the form has no such key).
fn with_pair(key: &str, value: &str) -> Vec<(String, String)> {
    let mut pairs = valid_pairs();
    match pairs.iter_mut().find(|(name, _)| name == key) {
        Some(pair) => pair.1 = value.to_owned(),
        None => pairs.push((key.to_owned(), value.to_owned())),
    }
    pairs
}

fn encode(pairs: &[(String, String)]) -> Vec<u8> {
    serde_urlencoded::to_string(pairs).unwrap().into_bytes()
}

/// A form whose answer must be 422 with the form shown again, saying one of `messages` next to
/// a field.
struct Case {
    label: String,
    pairs: Vec<(String, String)>,
    messages: &'static [&'static str],
}

const SHARE_MESSAGES: &[&str] = &[
    "must be a number of percent",
    "must be more than 0 percent",
    "must be at most 100 percent",
    "enter the share of working time",
];
const RATING_MESSAGES: &[&str] = &["from 1 to 5"];
const CODE_MESSAGES: &[&str] = &["must look like NN-NNNN.NN"];
const CONTROL_MESSAGES: &[&str] = &["must not contain control characters"];

fn form_field(name: &str) -> &'static str {
    match name {
        "name" => "name",
        "description" => "description",
        "title" => "tasks[0].title",
        "notes" => "tasks[0].notes",
        other => panic!("no text field {other}"),
    }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for injection in INJECTIONS {
        cases.push(Case {
            label: format!("base_occupation {injection:?}"),
            pairs: with_pair("base_occupation", injection),
            messages: CODE_MESSAGES,
        });
        cases.push(Case {
            label: format!("share {injection:?}"),
            pairs: with_pair("tasks[1].share", injection),
            messages: SHARE_MESSAGES,
        });
        cases.push(Case {
            label: format!("rating {injection:?}"),
            pairs: with_pair("tasks[0].ratings.verifiability", injection),
            messages: RATING_MESSAGES,
        });
    }
    for share in BAD_SHARES {
        cases.push(Case {
            label: format!("share {share:?}"),
            pairs: with_pair("tasks[0].share", share),
            messages: SHARE_MESSAGES,
        });
    }
    for rating in BAD_RATINGS {
        cases.push(Case {
            label: format!("rating {rating:?}"),
            pairs: with_pair("tasks[1].ratings.frequency", rating),
            messages: RATING_MESSAGES,
        });
    }
    for (name, limit) in TEXT_LIMITS {
        for character in CONTROL_CHARACTERS {
            cases.push(Case {
                label: format!("{name} with {character:?}"),
                pairs: with_pair(
                    form_field(name),
                    &format!("{} {character} end", INJECTIONS[1]),
                ),
                messages: CONTROL_MESSAGES,
            });
        }
        cases.push(Case {
            label: format!("{name} one character too long"),
            pairs: with_pair(form_field(name), &"🩻".repeat(limit + 1)),
            messages: &["characters; this has"],
        });
    }
    for single_line in ["name", "title"] {
        for line_break in ["first\nsecond", "first\r\nsecond", "first\u{2028}second"] {
            cases.push(Case {
                label: format!("{single_line} with a line break {line_break:?}"),
                pairs: with_pair(form_field(single_line), line_break),
                messages: &["must not contain control characters or line breaks"],
            });
        }
    }
    for field in ["description", "tasks[1].notes"] {
        // Valid text, but the form comes back (the name is missing) with it in a textarea.
        let mut pairs = with_pair(field, "</textarea><script>alert('atlas')</script>");
        pairs.retain(|(key, _)| key != "name");
        cases.push(Case {
            label: format!("{field} that closes its textarea"),
            pairs,
            messages: &["enter a name for the profile"],
        });
    }
    cases.push(Case {
        label: "no name".to_owned(),
        pairs: with_pair("name", "   "),
        messages: &["enter a name for the profile"],
    });
    let mut many = valid_pairs();
    for index in 2..51 {
        many.push((format!("tasks[{index}].title"), format!("Task {index}")));
        many.push((format!("tasks[{index}].share"), "1".to_owned()));
        for dimension in [
            "standardization",
            "error_tolerance",
            "verifiability",
            "frequency",
        ] {
            many.push((
                format!("tasks[{index}].ratings.{dimension}"),
                "3".to_owned(),
            ));
        }
    }
    cases.push(Case {
        label: "51 tasks".to_owned(),
        pairs: many,
        messages: &["at most 50 tasks"],
    });
    cases
}

async fn post(app: &TestApp, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Answer {
    let mut request = app.client.post(app.url(path)).body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    Answer::read(request.send().await.expect("request failed")).await
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

/// The two forms that save a profile: new, and edit with the seeded profile's token.
fn form_routes(seeded: &Seeded) -> [(String, Vec<(String, String)>); 2] {
    [
        ("/profiles/new".to_owned(), Vec::new()),
        (
            format!("/profiles/{}/edit", seeded.id),
            vec![("token".to_owned(), seeded.token.clone())],
        ),
    ]
}

#[tokio::test]
async fn every_hostile_form_value_comes_back_as_a_422_with_a_message_and_saves_nothing() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let cases = cases();
    assert!(cases.len() > 100, "the corpus shrank to {}", cases.len());
    for (path, extra) in form_routes(&seeded) {
        for case in &cases {
            let mut pairs = case.pairs.clone();
            pairs.extend(extra.iter().cloned());
            let answer = post(&app, &path, FORM, encode(&pairs)).await;
            let context = format!("POST {path}: {}", case.label);
            answer.assert_page_says(&context, 422, "class=\"field-error\"");
            assert!(
                case.messages
                    .iter()
                    .any(|message| answer.body.contains(message)),
                "{context}: none of {:?} on the page: {}",
                case.messages,
                crate::excerpt(&answer.body)
            );
            answer.assert_no_raw_markup(&context);
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}

/// The valid form with the name's encoded bytes replaced by `bytes` (percent-encoded or raw).
fn with_raw_name(bytes: &[u8]) -> Vec<u8> {
    let mut pairs = valid_pairs();
    pairs.retain(|(key, _)| key != "name");
    let mut body = b"name=".to_vec();
    body.extend_from_slice(bytes);
    body.push(b'&');
    body.extend(encode(&pairs));
    body
}

#[tokio::test]
async fn form_bodies_that_are_not_utf8_or_not_a_form_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    for (path, extra) in form_routes(&seeded) {
        let extra_body = encode(&extra);
        let join = |mut body: Vec<u8>| {
            if !extra_body.is_empty() {
                body.push(b'&');
                body.extend_from_slice(&extra_body);
            }
            body
        };
        // Not UTF-8 once decoded: a percent-encoded invalid sequence, and raw bytes.
        for (label, name) in [
            ("percent-encoded 0xFF", b"%FF%FEname".as_slice()),
            ("an encoded lone surrogate", b"%ED%A0%80".as_slice()),
            ("an overlong slash", b"..%C0%AF..%C0%AFetc".as_slice()),
            ("raw Latin-1", b"Caf\xE9".as_slice()),
        ] {
            let answer = post(&app, &path, FORM, join(with_raw_name(name))).await;
            answer.assert_page_says(&format!("POST {path}: {label}"), 400, "UTF-8");
        }
        // Forged row indices: past the last row a form may have.
        for key in ["tasks[100].title", "tasks[9999].share"] {
            let mut pairs = valid_pairs();
            pairs.push((key.to_owned(), "x".to_owned()));
            pairs.extend(extra.iter().cloned());
            let answer = post(&app, &path, FORM, encode(&pairs)).await;
            answer.assert_page_says(&format!("POST {path}: {key}"), 400, "at most 100 rows");
        }
        let mut pairs = valid_pairs();
        pairs.extend(extra.iter().cloned());
        for content_type in [
            None,
            Some("application/json"),
            Some("text/plain"),
            Some("application/x-www-form-urlencodedx"),
        ] {
            let answer = post(&app, &path, content_type, encode(&pairs)).await;
            answer.assert_page_says(
                &format!("POST {path} as {content_type:?}"),
                415,
                "application/x-www-form-urlencoded",
            );
        }
        let mut huge = valid_pairs();
        huge.push(("description".to_owned(), "d".repeat(1_100_000)));
        huge.extend(extra.iter().cloned());
        let answer = post(&app, &path, FORM, encode(&huge)).await;
        answer.assert_page_says(&format!("POST {path} over 1 MB"), 413, "Nothing was saved");
    }
    // A multipart body without its boundary, and one that stops half-way.
    for (label, content_type, body) in [
        ("no boundary", "multipart/form-data", b"--x\r\n".to_vec()),
        (
            "cut off",
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nabc".to_vec(),
        ),
        (
            "garbage",
            "multipart/form-data; boundary=x",
            vec![0xFF; 4_096],
        ),
    ] {
        let answer = post(&app, "/profiles/new", Some(content_type), body).await;
        answer.assert_page_says(&format!("multipart {label}"), 400, "could not be read");
    }
    assert_untouched_and_serving(&app, &seeded).await;
}

#[tokio::test]
async fn hostile_tokens_ids_and_confirmations_on_the_edit_and_delete_forms_change_nothing() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let edit = format!("/profiles/{}/edit", seeded.id);
    let delete = format!("/profiles/{}/delete", seeded.id);
    let wrong = "0".repeat(64);
    for token in [
        "",
        "' OR '1'='1",
        "../../etc/passwd",
        wrong.as_str(),
        &seeded.token.to_uppercase(),
        &atlas::profile::secret::token_hash(&seeded.token),
    ] {
        let mut pairs = valid_pairs();
        pairs.push(("token".to_owned(), token.to_owned()));
        let answer = post(&app, &edit, FORM, encode(&pairs)).await;
        answer.assert_page_says(
            &format!("edit with token {token:?}"),
            403,
            "Nothing was changed",
        );
        let delete_pairs = vec![
            ("token".to_owned(), token.to_owned()),
            ("confirm".to_owned(), "yes".to_owned()),
        ];
        let answer = post(&app, &delete, FORM, encode(&delete_pairs)).await;
        answer.assert_page_says(
            &format!("delete with token {token:?}"),
            403,
            "Nothing was changed",
        );
    }
    for confirm in ["", "no", "YES", "yes\0", "' OR 1=1"] {
        let pairs = vec![
            ("token".to_owned(), seeded.token.clone()),
            ("confirm".to_owned(), confirm.to_owned()),
        ];
        let answer = post(&app, &delete, FORM, encode(&pairs)).await;
        answer.assert_page_says(
            &format!("delete confirmed {confirm:?}"),
            422,
            "Nothing was deleted",
        );
    }
    for segment in crate::corpus::path_segments() {
        for action in ["edit", "delete"] {
            let path = format!("/profiles/{segment}/{action}");
            let pairs = vec![
                ("token".to_owned(), seeded.token.clone()),
                ("confirm".to_owned(), "yes".to_owned()),
            ];
            let answer = post(&app, &path, FORM, encode(&pairs)).await;
            assert!(
                (400..500).contains(&answer.status),
                "POST {path}: {} {}",
                answer.status,
                crate::excerpt(&answer.body)
            );
            answer.assert_no_raw_markup(&path);
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}
