//! Tests of `browse`: parsing list queries and writing them back into URLs.
use super::*;

fn raw(pairs: &[(&str, &str)]) -> RawListQuery {
    let mut raw = RawListQuery::default();
    for (key, value) in pairs {
        let value = Some(value.to_string());
        match *key {
            "q" => raw.q = value,
            "group" => raw.group = value,
            "verdict" => raw.verdict = value,
            "pattern" => raw.pattern = value,
            "source" => raw.source = value,
            "sort" => raw.sort = value,
            "page" => raw.page = value,
            "per_page" => raw.per_page = value,
            other => panic!("unknown key {other}"),
        }
    }
    raw
}

#[test]
fn an_empty_query_lists_everything_by_title() {
    let query = ListQuery::parse(&RawListQuery::default()).unwrap();
    assert_eq!(query, ListQuery::default());
    assert_eq!(query.to_query_string(), "");
}

#[test]
fn a_search_defaults_to_relevance_order() {
    let query = ListQuery::parse(&raw(&[("q", "  radiology  ")])).unwrap();
    assert_eq!(query.q.as_deref(), Some("radiology"));
    assert_eq!(query.sort, Sort::Relevance);
    assert_eq!(query.to_query_string(), "q=radiology");
}

#[test]
fn every_bad_parameter_gets_its_own_message() {
    let errors = ListQuery::parse(&raw(&[
        ("group", "12"),
        ("verdict", "maybe"),
        ("pattern", "robot"),
        ("source", "web"),
        ("sort", "random"),
        ("page", "0"),
        ("per_page", "1000"),
    ]))
    .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
    assert_eq!(
        fields,
        ["group", "verdict", "pattern", "source", "sort", "page", "per_page"]
    );
    assert!(
        errors[1].message.contains("replace"),
        "{}",
        errors[1].message
    );
}

#[test]
fn a_query_survives_the_trip_through_its_url() {
    let query = ListQuery::parse(&raw(&[
        ("q", "read & write"),
        ("group", "29"),
        ("verdict", "complement"),
        ("pattern", "second_reader"),
        ("source", "curated"),
        ("sort", "automatability"),
        ("page", "3"),
        ("per_page", "50"),
    ]))
    .unwrap();
    let url = query.to_query_string();
    assert!(url.contains("q=read%20%26%20write"), "{url}");
    let mut back = RawListQuery::default();
    for pair in url.split('&') {
        let (key, value) = pair.split_once('=').unwrap();
        let value = percent_decode(value);
        match key {
            "q" => back.q = Some(value),
            "group" => back.group = Some(value),
            "verdict" => back.verdict = Some(value),
            "pattern" => back.pattern = Some(value),
            "source" => back.source = Some(value),
            "sort" => back.sort = Some(value),
            "page" => back.page = Some(value),
            "per_page" => back.per_page = Some(value),
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ListQuery::parse(&back).unwrap(), query);
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            out.push(u8::from_str_radix(&text[index + 1..index + 3], 16).unwrap());
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn page_count_rounds_up_and_is_never_zero() {
    let page = |total| OccupationPage {
        items: vec![],
        total,
        page: 1,
        per_page: 25,
    };
    assert_eq!(page(0).page_count(), 1);
    assert_eq!(page(25).page_count(), 1);
    assert_eq!(page(26).page_count(), 2);
}
