//! Read-only routes — the API, downloads and pages — with hostile codes, ids, file names and
//! query parameters: a 4xx that says what is wrong, never a 5xx, never markup echoed unescaped.

use atlas::browse::MAX_PAGE;

use crate::common::{spawn_app, TestApp};
use crate::corpus::{encode_path_segment, path_segments, INJECTIONS};
use crate::{assert_untouched_and_serving, seed, Answer};

const LIST_PARAMETERS: [&str; 7] = [
    "group", "verdict", "pattern", "source", "sort", "page", "per_page",
];

async fn get(app: &TestApp, path: &str) -> Answer {
    Answer::read(app.get(path).await).await
}

fn assert_client_error(path: &str, answer: &Answer) {
    assert!(
        (400..500).contains(&answer.status),
        "GET {path}: expected a 4xx, got {}: {}",
        answer.status,
        crate::excerpt(&answer.body)
    );
    assert!(
        !answer.body.trim().is_empty(),
        "GET {path}: an empty answer"
    );
    answer.assert_no_raw_markup(path);
}

#[tokio::test]
async fn hostile_codes_ids_and_file_names_in_paths_are_4xx_on_every_read_route() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    for segment in path_segments() {
        let mut paths = vec![
            format!("/api/v1/occupations/{segment}"),
            format!("/occupations/{segment}"),
            format!("/occupations/29-1224.00/{segment}"),
            format!("/compare/{segment}?codes=29-1224.00,29-2034.00"),
            format!("/profiles/{segment}"),
            format!("/profiles/{segment}/edit"),
            format!("/profiles/{}/{segment}", seeded.id),
            format!("/api/v1/{segment}"),
        ];
        for file in [
            "summary.csv",
            "summary.json",
            "summary.md",
            "summary.xlsx",
            "summary.pdf",
            "summary-letter.pdf",
        ] {
            paths.push(format!("/occupations/{segment}/{file}"));
            paths.push(format!("/profiles/{segment}/{file}"));
        }
        for path in paths {
            let answer = get(&app, &path).await;
            assert_client_error(&path, &answer);
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}

#[tokio::test]
async fn hostile_list_parameters_are_400s_naming_the_parameter() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let mut values: Vec<String> = INJECTIONS.iter().map(|text| text.to_string()).collect();
    values.extend(
        [
            "-1",
            "0",
            "99999999999999999999",
            "4294967296",
            "1e309",
            "NaN",
            "1.5",
        ]
        .map(str::to_owned),
    );
    for parameter in LIST_PARAMETERS {
        for value in &values {
            let query = format!("{parameter}={}", encode_path_segment(value));
            if parameter == "page" && value == "0" {
                continue; // checked below with its own message
            }
            for path in [
                format!("/api/v1/occupations?{query}"),
                format!("/occupations/export.csv?{query}"),
                format!("/occupations/export.json?{query}"),
            ] {
                let answer = get(&app, &path).await;
                answer.assert_names_field(&format!("GET {path}"), parameter);
            }
            // The page shows the problem next to the search form instead.
            let path = format!("/occupations?{query}");
            let answer = get(&app, &path).await;
            assert!(answer.status < 500, "GET {path}: {}", answer.status);
            answer.assert_no_raw_markup(&path);
        }
    }
    for (query, field) in [
        ("page=0", "page"),
        ("q=a&q=b", "q"),
        ("sort=title&sort=code", "sort"),
        (&format!("q={}", "x".repeat(201)), "q"),
        ("source=onet&source=%00", "source"),
    ] {
        let answer = get(&app, &format!("/api/v1/occupations?{query}")).await;
        answer.assert_names_field(query, field);
    }
    // The last page there may be is valid and simply empty (no overflow in the offset); the next
    // one is refused with the range.
    let last = format!("/api/v1/occupations?page={MAX_PAGE}&per_page=100");
    let answer = get(&app, &last).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains("\"items\":[]"), "{}", answer.body);
    let past = format!("/api/v1/occupations?page={}", MAX_PAGE + 1);
    let answer = get(&app, &past).await;
    answer.assert_names_field(&past, "page");
    assert!(
        answer.body.contains(&format!("1 to {MAX_PAGE}")),
        "{}",
        answer.body
    );
    assert_untouched_and_serving(&app, &seeded).await;
}

#[tokio::test]
async fn hostile_search_text_is_only_ever_searched_for() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let fts_syntax = [
        "\"",
        "\"\"",
        "*",
        "NEAR(a b)",
        "a OR",
        "AND",
        "NOT x",
        "-x",
        "^x",
        "x:y",
        "(",
        ")",
        "{x}",
        "title:nurse",
        "nurse*",
        "\u{0}",
        "\u{FFFD}",
        "🩻",
        "ß",
        "İ",
    ];
    for text in INJECTIONS.iter().chain(fts_syntax.iter()) {
        let query = format!("q={}", encode_path_segment(text));
        for path in [
            format!("/api/v1/occupations?{query}"),
            format!("/occupations/export.csv?{query}"),
            format!("/occupations?{query}"),
        ] {
            let answer = get(&app, &path).await;
            // A search for odd text is still a search: it finds little or nothing.
            assert_eq!(
                answer.status,
                200,
                "GET {path}: {}",
                crate::excerpt(&answer.body)
            );
            answer.assert_no_raw_markup(&path);
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}

#[tokio::test]
async fn hostile_codes_in_comparisons_and_templates_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    for injection in INJECTIONS {
        let code = encode_path_segment(injection);
        for path in [
            format!("/compare/summary.csv?codes=29-1224.00,{code}"),
            format!("/compare/summary.json?codes={code},{code}"),
            format!("/compare/summary.md?codes={code}&codes=29-1224.00"),
            format!("/api/v1/occupations/29-1224.00?source={code}"),
        ] {
            let answer = get(&app, &path).await;
            assert_client_error(&path, &answer);
        }
        for path in [
            format!("/compare?codes=29-1224.00,{code}"),
            format!("/profiles/new?template={code}"),
        ] {
            let answer = get(&app, &path).await;
            assert!(answer.status < 500, "GET {path}: {}", answer.status);
            answer.assert_no_raw_markup(&path);
        }
    }
    let many = vec!["29-1224.00"; 1_000].join(",");
    let path = format!("/compare/summary.csv?codes={many}");
    assert_client_error(&path, &get(&app, &path).await);
    assert_untouched_and_serving(&app, &seeded).await;
}
