//! The occupation list's query over HTTP: search, filters, sorts, pagination and bad parameters,
//! through the JSON API (`/api/v1/occupations`) and the server-rendered page (`/occupations`).

mod common;

use common::{spawn_app, TestApp};
use serde_json::Value;

const RADIOLOGISTS: &str = "29-1224.00";

/// The JSON of a list request that must succeed.
async fn api_list(app: &TestApp, query: &str) -> Value {
    let response = app.get(&format!("/api/v1/occupations?{query}")).await;
    assert_eq!(response.status(), 200, "/api/v1/occupations?{query}");
    response.json().await.unwrap()
}

/// Every item matching `query`, read page by page with the largest page size.
async fn all_items(app: &TestApp, query: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut page = 1;
    loop {
        let body = api_list(app, &format!("{query}&per_page=100&page={page}")).await;
        let batch = body["items"].as_array().unwrap().clone();
        let total = body["total"].as_u64().unwrap() as usize;
        items.extend(batch);
        if items.len() >= total || page > 100 {
            assert_eq!(items.len(), total, "pages of {query:?} add up to the total");
            return items;
        }
        page += 1;
    }
}

fn codes(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|item| item["code"].as_str().unwrap().to_string())
        .collect()
}

fn total_of(body: &Value) -> u64 {
    body["total"].as_u64().unwrap()
}

/// The HTML of the list page, which must answer 200.
async fn page_html(app: &TestApp, query: &str) -> String {
    let response = app.get(&format!("/occupations?{query}")).await;
    assert_eq!(response.status(), 200, "/occupations?{query}");
    readable(&response.text().await.unwrap())
}

/// The HTML with hydration markers removed and the usual entities decoded, so that text split
/// across nodes can be searched as it reads.
fn readable(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        text.push_str(&rest[..start]);
        let after = &rest[start..];
        if after.starts_with("<!DOCTYPE") || after.starts_with("<!doctype") {
            text.push_str("<!");
            rest = &after[2..];
        } else if let Some(end) = after.find('>') {
            rest = &after[end + 1..];
        } else {
            rest = "";
        }
    }
    text.push_str(rest);
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The "Showing 1–25 of N occupations" line's N, if the page says it.
fn shown_total(html: &str) -> Option<u64> {
    let start = html.find("Showing ")?;
    let line = &html[start..start + html[start..].find('<')?];
    line.split(" of ").nth(1)?.split(' ').next()?.parse().ok()
}

fn assert_problem_naming(body: &Value, field: &str) {
    let errors = body["errors"].as_array().expect("errors is an array");
    let fields: Vec<&str> = errors
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, [field], "{body}");
    assert!(
        !errors[0]["message"].as_str().unwrap().trim().is_empty(),
        "{body}"
    );
    assert_eq!(body["status"], 400);
}

// --- search -------------------------------------------------------------------------------

#[tokio::test]
async fn a_search_for_a_title_word_puts_that_occupation_first() {
    let app = spawn_app().await;
    let body = api_list(&app, "q=radiologists").await;
    assert_eq!(body["items"][0]["code"], RADIOLOGISTS, "{body}");
    let html = page_html(&app, "q=radiologists").await;
    assert!(
        html.contains(&format!("href=\"/occupations/{RADIOLOGISTS}\"")),
        "the page links to the radiologists"
    );
    assert!(
        html.contains("value=\"radiologists\""),
        "the box keeps the search"
    );
}

#[tokio::test]
async fn a_search_for_an_alternative_title_word_finds_the_occupation() {
    let app = spawn_app().await;
    let found = all_items(&app, "q=neuroradiologist").await;
    assert!(
        codes(&found).contains(&RADIOLOGISTS.to_string()),
        "{found:?}"
    );
    let html = page_html(&app, "q=neuroradiologist").await;
    assert!(html.contains(&format!("href=\"/occupations/{RADIOLOGISTS}\"")));
}

#[tokio::test]
async fn a_search_for_a_word_only_in_a_task_title_finds_the_occupation_and_shows_the_task() {
    let app = spawn_app().await;
    // "mammograms" appears in the catalog only in the radiologists' first task title.
    let found = all_items(&app, "q=mammograms").await;
    assert!(
        codes(&found).contains(&RADIOLOGISTS.to_string()),
        "{found:?}"
    );
    let html = page_html(&app, "q=mammograms").await;
    let matched = html
        .find("class=\"small matched\"")
        .map(|start| &html[start..start + html[start..].find("</div>").unwrap()])
        .expect("the page shows which task matched");
    assert!(matched.contains("mammograms"), "{matched}");
}

#[tokio::test]
async fn a_prefix_of_a_task_word_finds_the_occupation() {
    let app = spawn_app().await;
    let found = all_items(&app, "q=mammog").await;
    assert!(
        codes(&found).contains(&RADIOLOGISTS.to_string()),
        "{found:?}"
    );
}

#[tokio::test]
async fn every_word_of_a_search_must_match() {
    let app = spawn_app().await;
    let one_word = total_of(&api_list(&app, "q=read").await);
    let two_words = all_items(&app, "q=read%20mammog").await;
    assert!(codes(&two_words).contains(&RADIOLOGISTS.to_string()));
    assert!(
        (two_words.len() as u64) < one_word,
        "{} of {one_word}",
        two_words.len()
    );
}

#[tokio::test]
async fn a_query_of_only_punctuation_returns_zero_results_cleanly() {
    let app = spawn_app().await;
    // ! ? . , " ' * ( ) - ^ : — the characters of FTS5's query syntax among them.
    let punctuation = "%21%3F.%2C%22%27*()-%5E%3A";
    let body = api_list(&app, &format!("q={punctuation}")).await;
    assert_eq!(total_of(&body), 0);
    assert!(body["items"].as_array().unwrap().is_empty());
    let html = page_html(&app, &format!("q={punctuation}")).await;
    assert!(html.contains("No occupations match."));
}

#[tokio::test]
async fn search_operators_are_taken_as_plain_words_never_as_syntax() {
    let app = spawn_app().await;
    for query in [
        "q=NOT",
        "q=AND%20OR",
        "q=NEAR(read%20scan)",
        "q=title%3Aradiologists",
        "q=-radiologists",
        "q=%22read",
        "q=radiolog*",
    ] {
        let response = app.get(&format!("/api/v1/occupations?{query}")).await;
        assert_eq!(response.status(), 200, "{query}");
        let response = app.get(&format!("/occupations?{query}")).await;
        assert_eq!(response.status(), 200, "{query}");
    }
    // The operator characters are dropped, so the words still search.
    let body = api_list(&app, "q=-%5Eradiologists%3A").await;
    assert_eq!(body["items"][0]["code"], RADIOLOGISTS, "{body}");
}

#[tokio::test]
async fn a_search_longer_than_the_limit_is_a_400_naming_q() {
    let app = spawn_app().await;
    let long = "a".repeat(atlas::browse::MAX_QUERY_CHARS + 1);
    let response = app.get(&format!("/api/v1/occupations?q={long}")).await;
    assert_eq!(response.status(), 400);
    assert_problem_naming(&response.json().await.unwrap(), "q");
}

// --- filters ------------------------------------------------------------------------------

/// Checks that `param=value` keeps exactly the items whose `field` equals `value`.
async fn assert_filter_keeps_exactly_the_matching_items(
    app: &TestApp,
    everything: &[Value],
    param: &str,
    value: &str,
    field: &str,
) -> Vec<Value> {
    let filtered = all_items(app, &format!("{param}={value}")).await;
    assert!(!filtered.is_empty(), "{param}={value} matches something");
    for item in &filtered {
        assert_eq!(item[field], value, "{param}={value}: {item}");
    }
    let expected: Vec<String> = codes(
        &everything
            .iter()
            .filter(|item| item[field] == value)
            .cloned()
            .collect::<Vec<_>>(),
    );
    let mut actual = codes(&filtered);
    let mut expected_sorted = expected.clone();
    actual.sort();
    expected_sorted.sort();
    assert_eq!(actual, expected_sorted, "{param}={value}");
    filtered
}

#[tokio::test]
async fn each_filter_narrows_the_list_to_items_that_satisfy_it() {
    let app = spawn_app().await;
    let everything = all_items(&app, "").await;
    for (param, value, field) in [
        ("group", "29", "major_group"),
        ("verdict", "replace", "verdict"),
        ("pattern", "second_reader", "dominant_pattern"),
    ] {
        let filtered =
            assert_filter_keeps_exactly_the_matching_items(&app, &everything, param, value, field)
                .await;
        assert!(
            filtered.len() < everything.len(),
            "{param}={value} narrows the list"
        );
        let html = page_html(&app, &format!("{param}={value}")).await;
        assert_eq!(
            shown_total(&html),
            Some(filtered.len() as u64),
            "the page counts the same as the API for {param}={value}"
        );
    }
}

#[tokio::test]
async fn the_curated_source_filter_keeps_every_curated_occupation() {
    let app = spawn_app().await;
    let everything = all_items(&app, "").await;
    let curated = assert_filter_keeps_exactly_the_matching_items(
        &app,
        &everything,
        "source",
        "curated",
        "source",
    )
    .await;
    assert!(curated.len() <= everything.len());
}

#[tokio::test]
async fn the_onet_source_filter_is_empty_without_an_import() {
    let app = spawn_app().await;
    let body = api_list(&app, "source=onet").await;
    assert_eq!(total_of(&body), 0);
    assert!(body["items"].as_array().unwrap().is_empty());
    let html = page_html(&app, "source=onet").await;
    assert!(html.contains("No occupations match."));
}

#[tokio::test]
async fn filters_combine_and_every_item_satisfies_all_of_them() {
    let app = spawn_app().await;
    let radiologists = api_list(&app, "q=radiologists").await["items"][0].clone();
    let verdict = radiologists["verdict"].as_str().unwrap();
    let combined = all_items(&app, &format!("group=29&verdict={verdict}&source=curated")).await;
    assert!(codes(&combined).contains(&RADIOLOGISTS.to_string()));
    for item in &combined {
        assert_eq!(item["major_group"], "29", "{item}");
        assert_eq!(item["verdict"], verdict, "{item}");
        assert_eq!(item["source"], "curated", "{item}");
    }
    let group_only = total_of(&api_list(&app, "group=29").await);
    assert!(combined.len() as u64 <= group_only);
    let searched = all_items(&app, &format!("q=mammog&verdict={verdict}")).await;
    assert!(codes(&searched).contains(&RADIOLOGISTS.to_string()));
}

// --- sorts --------------------------------------------------------------------------------

fn number(item: &Value, field: &str) -> f64 {
    item[field].as_f64().unwrap()
}

#[tokio::test]
async fn sorting_by_title_is_ascending_and_is_the_default() {
    let app = spawn_app().await;
    let sorted = all_items(&app, "sort=title").await;
    let keys: Vec<(String, String)> = sorted
        .iter()
        .map(|item| {
            (
                item["title"].as_str().unwrap().to_ascii_lowercase(),
                item["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for pair in keys.windows(2) {
        assert!(pair[0] <= pair[1], "{:?} before {:?}", pair[0], pair[1]);
    }
    assert_eq!(codes(&all_items(&app, "").await), codes(&sorted));
}

#[tokio::test]
async fn sorting_by_code_is_ascending() {
    let app = spawn_app().await;
    let sorted = codes(&all_items(&app, "sort=code").await);
    for pair in sorted.windows(2) {
        assert!(pair[0] <= pair[1], "{} before {}", pair[0], pair[1]);
    }
}

#[tokio::test]
async fn sorting_by_automatability_and_complementarity_is_descending() {
    let app = spawn_app().await;
    for (sort, field) in [
        ("automatability", "automatability_index"),
        ("complementarity", "complementarity_index"),
    ] {
        let sorted = all_items(&app, &format!("sort={sort}")).await;
        let values: Vec<f64> = sorted.iter().map(|item| number(item, field)).collect();
        for pair in values.windows(2) {
            assert!(
                pair[0] >= pair[1],
                "sort={sort}: {} before {}",
                pair[0],
                pair[1]
            );
        }
        assert!(
            values.first() > values.last(),
            "sort={sort} has something to order"
        );
        // The order is the order of the whole list, not of one page.
        let first_page = api_list(&app, &format!("sort={sort}&per_page=5")).await;
        assert_eq!(
            codes(first_page["items"].as_array().unwrap()),
            codes(&sorted[..5])
        );
    }
}

#[tokio::test]
async fn a_sort_applies_within_a_filter() {
    let app = spawn_app().await;
    let sorted = all_items(&app, "group=29&sort=automatability").await;
    assert!(sorted.iter().all(|item| item["major_group"] == "29"));
    let values: Vec<f64> = sorted
        .iter()
        .map(|item| number(item, "automatability_index"))
        .collect();
    assert!(
        values.windows(2).all(|pair| pair[0] >= pair[1]),
        "{values:?}"
    );
}

// --- pagination ---------------------------------------------------------------------------

#[tokio::test]
async fn the_first_two_pages_are_full_and_disjoint() {
    let app = spawn_app().await;
    let first = api_list(&app, "page=1").await;
    let second = api_list(&app, "page=2").await;
    let per_page = atlas::browse::DEFAULT_PER_PAGE as usize;
    assert_eq!(first["per_page"], per_page);
    assert_eq!(first["page"], 1);
    assert_eq!(second["page"], 2);
    let first_codes = codes(first["items"].as_array().unwrap());
    let second_codes = codes(second["items"].as_array().unwrap());
    assert_eq!(first_codes.len(), per_page);
    assert_eq!(second_codes.len(), per_page);
    assert!(
        first_codes.iter().all(|code| !second_codes.contains(code)),
        "{first_codes:?} / {second_codes:?}"
    );
    assert_eq!(total_of(&first), total_of(&second));
}

#[tokio::test]
async fn the_last_page_holds_the_remainder_and_the_pages_cover_the_list_once() {
    let app = spawn_app().await;
    let total = total_of(&api_list(&app, "").await);
    // A page size that does not divide the total, so the last page is shorter.
    let per_page = (7..=100u64)
        .find(|size| !total.is_multiple_of(*size) && total > *size)
        .expect("a page size that leaves a remainder");
    let pages = total.div_ceil(per_page);
    let mut seen = Vec::new();
    for page in 1..=pages {
        let body = api_list(&app, &format!("per_page={per_page}&page={page}")).await;
        let items = codes(body["items"].as_array().unwrap());
        if page < pages {
            assert_eq!(items.len() as u64, per_page, "page {page}");
        } else {
            assert_eq!(items.len() as u64, total % per_page, "last page {page}");
            assert!((items.len() as u64) < per_page);
        }
        seen.extend(items);
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no occupation on two pages");
    assert_eq!(seen.len() as u64, total);
}

#[tokio::test]
async fn a_page_beyond_the_end_is_empty_but_keeps_the_total() {
    let app = spawn_app().await;
    let total = total_of(&api_list(&app, "").await);
    let beyond = total.div_ceil(10) + 1;
    let body = api_list(&app, &format!("per_page=10&page={beyond}")).await;
    assert!(body["items"].as_array().unwrap().is_empty(), "{body}");
    assert_eq!(total_of(&body), total);
    assert_eq!(body["page"], beyond);
    let html = page_html(&app, &format!("per_page=10&page={beyond}")).await;
    assert!(
        html.contains("No occupation matches"),
        "the page says it is empty"
    );
}

#[tokio::test]
async fn the_smallest_and_largest_page_sizes_are_honoured() {
    let app = spawn_app().await;
    let total = total_of(&api_list(&app, "").await);
    let one = api_list(&app, "per_page=1").await;
    assert_eq!(one["items"].as_array().unwrap().len(), 1);
    assert_eq!(one["per_page"], 1);
    assert_eq!(total_of(&one), total);
    let hundred = api_list(&app, "per_page=100").await;
    assert_eq!(
        hundred["items"].as_array().unwrap().len() as u64,
        total.min(100)
    );
    assert_eq!(hundred["per_page"], 100);
    assert_eq!(
        codes(&one["items"].as_array().unwrap()[..1]),
        codes(&hundred["items"].as_array().unwrap()[..1])
    );
}

#[tokio::test]
async fn a_page_size_over_the_limit_is_a_400_problem_naming_per_page() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/occupations?per_page=101").await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["content-type"],
        atlas::api_types::PROBLEM_JSON_CONTENT_TYPE
    );
    let body: Value = response.json().await.unwrap();
    assert_problem_naming(&body, "per_page");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("100"),
        "the message says the limit: {body}"
    );
}

// --- bad parameters -----------------------------------------------------------------------

#[tokio::test]
async fn each_bad_parameter_is_a_400_naming_it_and_the_page_shows_the_message() {
    let app = spawn_app().await;
    for (query, field) in [
        ("group=12", "group"),
        ("group=2", "group"),
        ("verdict=maybe", "verdict"),
        ("pattern=robot", "pattern"),
        ("source=web", "source"),
        ("sort=random", "sort"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=-1", "page"),
        ("per_page=0", "per_page"),
        ("per_page=many", "per_page"),
    ] {
        let response = app.get(&format!("/api/v1/occupations?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        assert_eq!(
            response.headers()["content-type"],
            atlas::api_types::PROBLEM_JSON_CONTENT_TYPE,
            "{query}"
        );
        let body: Value = response.json().await.unwrap();
        assert_problem_naming(&body, field);
        let message = body["errors"][0]["message"].as_str().unwrap().to_string();

        let html = page_html(&app, query).await;
        assert!(
            html.contains("Some filters could not be understood"),
            "{query}: the page says something is wrong"
        );
        assert!(
            html.contains(&message),
            "{query}: the page shows {message:?}"
        );
    }
}

#[tokio::test]
async fn several_bad_parameters_get_one_error_each() {
    let app = spawn_app().await;
    let query = "group=12&verdict=maybe&sort=random&page=0&pattern=second_reader";
    let response = app.get(&format!("/api/v1/occupations?{query}")).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    let mut fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    fields.sort();
    assert_eq!(fields, ["group", "page", "sort", "verdict"], "{body}");
    let html = page_html(&app, query).await;
    for error in body["errors"].as_array().unwrap() {
        let message = error["message"].as_str().unwrap();
        assert!(html.contains(message), "the page shows {message:?}");
    }
}

#[tokio::test]
async fn empty_parameters_mean_no_filter() {
    let app = spawn_app().await;
    let everything = api_list(&app, "").await;
    let blank = api_list(
        &app,
        "q=&group=&verdict=&pattern=&source=&sort=&page=&per_page=",
    )
    .await;
    assert_eq!(blank, everything);
}
