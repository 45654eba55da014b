use super::*;

fn task(title: &str, share: &str, ratings: [&str; 4]) -> TaskDraft {
    TaskDraft {
        title: title.to_owned(),
        share: share.to_owned(),
        kind: "judging_cases".to_owned(),
        ratings: ratings.map(str::to_owned),
        notes: String::new(),
    }
}

fn valid_draft() -> ProfileDraft {
    ProfileDraft {
        name: "Screening radiologist".to_owned(),
        description: String::new(),
        base_occupation: String::new(),
        tasks: vec![
            task("Read screening mammograms", "40", ["5", "1", "4", "5"]),
            task("Talk with patients", "10", ["2", "2", "2", "3"]),
        ],
    }
}

fn fields(draft: &ProfileDraft) -> Vec<String> {
    validate(draft, BlankRows::Skip)
        .unwrap_err()
        .into_iter()
        .map(|error| error.field)
        .collect()
}

#[test]
fn a_valid_draft_becomes_a_profile_with_typed_ratings() {
    let profile = validate(&valid_draft(), BlankRows::Skip).unwrap();
    assert_eq!(profile.tasks.len(), 2);
    assert_eq!(profile.tasks[0].share, 40.0);
    assert_eq!(
        profile.tasks[0]
            .ratings
            .get(Dimension::ErrorTolerance)
            .value(),
        1
    );
    assert!(profile.assess().is_some());
    assert_eq!(profile.report().unwrap().source, ReportSource::Profile);
}

#[test]
fn every_rule_names_its_field() {
    type Change = Box<dyn Fn(&mut ProfileDraft)>;
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|d| d.name = "  ".into()), "name"),
        (Box::new(|d| d.name = "x".repeat(121)), "name"),
        (Box::new(|d| d.name = "a\u{0}b".into()), "name"),
        (
            Box::new(|d| d.description = "d".repeat(2001)),
            "description",
        ),
        (
            Box::new(|d| d.base_occupation = "29-12".into()),
            "base_occupation",
        ),
        (
            Box::new(|d| d.tasks[1].title = String::new()),
            "tasks[1].title",
        ),
        (
            Box::new(|d| d.tasks[0].title = "t".repeat(201)),
            "tasks[0].title",
        ),
        (
            Box::new(|d| d.tasks[0].share = String::new()),
            "tasks[0].share",
        ),
        (
            Box::new(|d| d.tasks[0].share = "lots".into()),
            "tasks[0].share",
        ),
        (
            Box::new(|d| d.tasks[0].share = "-5".into()),
            "tasks[0].share",
        ),
        (
            Box::new(|d| d.tasks[0].share = "0".into()),
            "tasks[0].share",
        ),
        (
            Box::new(|d| d.tasks[0].share = "101".into()),
            "tasks[0].share",
        ),
        (
            Box::new(|d| d.tasks[0].share = "1e400".into()),
            "tasks[0].share",
        ),
        (
            Box::new(|d| d.tasks[0].ratings[3] = String::new()),
            "tasks[0].ratings.frequency",
        ),
        (
            Box::new(|d| d.tasks[0].ratings[0] = "6".into()),
            "tasks[0].ratings.standardization",
        ),
        (
            Box::new(|d| d.tasks[0].ratings[1] = "2.5".into()),
            "tasks[0].ratings.error_tolerance",
        ),
        (
            Box::new(|d| d.tasks[0].notes = "n".repeat(1001)),
            "tasks[0].notes",
        ),
        (Box::new(|d| d.tasks.clear()), "tasks"),
        (
            Box::new(|d| d.tasks = vec![task("t", "1", ["3"; 4]); 51]),
            "tasks",
        ),
    ];
    for (change, field) in cases {
        let mut draft = valid_draft();
        change(&mut draft);
        assert_eq!(
            fields(&draft),
            vec![field.to_owned()],
            "expected one error on {field}"
        );
    }
}

#[test]
fn all_problems_are_reported_at_once() {
    let mut draft = valid_draft();
    draft.name.clear();
    draft.tasks[0].share = "x".into();
    draft.tasks[1].ratings = Default::default();
    assert_eq!(fields(&draft).len(), 6);
}

#[test]
fn blank_rows_are_skipped_in_forms_and_refused_in_the_api() {
    let mut draft = valid_draft();
    draft.tasks.insert(1, TaskDraft::default());
    let profile = validate(&draft, BlankRows::Skip).unwrap();
    assert_eq!(profile.tasks.len(), 2);
    let errors = validate(&draft, BlankRows::Reject).unwrap_err();
    assert!(errors.iter().any(|error| error.field == "tasks[1].title"));
}

#[test]
fn error_indices_count_blank_rows_so_messages_land_on_the_right_row() {
    let mut draft = valid_draft();
    draft.tasks.insert(0, TaskDraft::default());
    draft.tasks[2].share = "abc".into();
    assert_eq!(fields(&draft), vec!["tasks[2].share".to_owned()]);
}

#[test]
fn text_is_kept_as_typed() {
    let mut draft = valid_draft();
    draft.name = "  <script>alert(1)</script> مرحبا 🚀 ".into();
    draft.description = "line one\nline two".into();
    let profile = validate(&draft, BlankRows::Skip).unwrap();
    assert_eq!(profile.name, "<script>alert(1)</script> مرحبا 🚀");
    assert_eq!(profile.description, "line one\nline two");
}

#[test]
fn unicode_line_separators_are_line_breaks_in_single_line_fields_only() {
    for separator in ['\u{2028}', '\u{2029}'] {
        let mut draft = valid_draft();
        draft.name = format!("first{separator}second");
        draft.tasks[0].title = format!("read{separator}write");
        draft.tasks[1].notes = format!("note{separator}more");
        draft.description = format!("one{separator}two");
        assert_eq!(fields(&draft), ["name", "tasks[0].title"]);
    }
}

#[test]
fn shares_accept_percent_signs_and_decimal_commas() {
    assert_eq!(parse_share("12,5"), Ok(12.5));
    assert_eq!(parse_share(" 25 % "), Ok(25.0));
    assert!(parse_share("NaN").is_err());
    assert!(parse_share("inf").is_err());
}

#[test]
fn form_pairs_fill_rows_by_index_and_refuse_huge_indices() {
    let pairs: Vec<(String, String)> = [
        ("name", "N"),
        ("tasks[2].title", "Third"),
        ("tasks[2].ratings.frequency", "4"),
        ("tasks[0].share", "10"),
        ("action", "save"),
        ("tasks[x].title", "ignored"),
    ]
    .iter()
    .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
    .collect();
    let draft = draft_from_pairs(&pairs).unwrap();
    assert_eq!(draft.tasks.len(), 3);
    assert_eq!(draft.tasks[2].title, "Third");
    assert_eq!(draft.tasks[2].rating(Dimension::Frequency), "4");
    assert_eq!(draft.tasks[0].share, "10");
    let huge = vec![("tasks[100].title".to_owned(), "x".to_owned())];
    assert_eq!(draft_from_pairs(&huge).unwrap_err().field, "tasks");
}

#[test]
fn json_bodies_report_wrong_types_and_unknown_fields_by_path() {
    let body = serde_json::json!({
        "name": 5,
        "colour": "red",
        "tasks": [
            {"title": "A", "share": "40", "ratings": {"standardization": "high", "speed": 3}},
            "not an object"
        ]
    });
    let errors: Vec<String> = draft_from_json(&body)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    for field in [
        "colour",
        "name",
        "tasks[0].share",
        "tasks[0].ratings.standardization",
        "tasks[0].ratings.speed",
        "tasks[1]",
    ] {
        assert!(
            errors.contains(&field.to_owned()),
            "{field} missing from {errors:?}"
        );
    }
}

#[test]
fn a_json_body_of_the_documented_shape_validates() {
    let body = serde_json::json!({"name": "Screening radiologist", "description": "optional",
        "tasks": [{"title": "Read screening mammograms", "share": 40, "notes": "optional", "kind": "judging_cases",
                   "ratings": {"standardization": 5, "error_tolerance": 1, "verifiability": 4, "frequency": 5}}]});
    let draft = draft_from_json(&body).unwrap();
    let profile = validate(&draft, BlankRows::Reject).unwrap();
    assert_eq!(profile.tasks[0].notes.as_deref(), Some("optional"));
    assert_eq!(profile.tasks[0].kind, crate::assess::Kind::JudgingCases);
    let json_non_integer = serde_json::json!({"name": "x", "tasks": [{"title": "t", "share": 1, "kind": "making",
        "ratings": {"standardization": 2.5, "error_tolerance": 1, "verifiability": 4, "frequency": 5}}]});
    let draft = draft_from_json(&json_non_integer).unwrap();
    let errors = validate(&draft, BlankRows::Reject).unwrap_err();
    assert_eq!(errors[0].field, "tasks[0].ratings.standardization");
}

#[test]
fn a_template_round_trips_through_the_form() {
    let profile = validate(&valid_draft(), BlankRows::Skip).unwrap();
    let report = profile.report().unwrap();
    let draft = draft_from_report(&report);
    assert_eq!(draft.tasks.len(), 2);
    assert_eq!(draft.tasks[0].share, "40");
    assert_eq!(
        validate(&profile.to_draft(), BlankRows::Skip).unwrap(),
        profile
    );
}

#[test]
fn the_preview_scores_complete_rows_only() {
    let mut draft = valid_draft();
    draft.tasks.push(task("Half done", "", ["1", "", "", ""]));
    let (assessment, rows) = preview(&draft).unwrap();
    assert_eq!(rows, vec![0, 1]);
    assert_eq!(assessment.tasks.len(), 2);
    assert!(preview(&blank_draft()).is_none());
}

#[test]
fn shares_are_formatted_as_typed() {
    assert_eq!(format_share(40.0), "40");
    assert_eq!(format_share(12.5), "12.5");
    assert_eq!(format_share(3.333_333), "3.33");
}

#[cfg(feature = "ssr")]
mod csv_files {
    use super::super::csv::{parse_tasks as parse_with, template, CsvError};
    use crate::assess::Kind;

    /// Every row without a kind gets `making`, as if the caller's suggester said so.
    fn parse_tasks(bytes: &[u8]) -> Result<Vec<super::TaskDraft>, Vec<CsvError>> {
        parse_with(bytes, |_| Kind::Making)
    }

    fn errors(text: &str) -> Vec<String> {
        parse_tasks(text.as_bytes())
            .unwrap_err()
            .iter()
            .map(CsvError::to_string)
            .collect()
    }

    #[test]
    fn the_template_parses_with_its_kinds() {
        let tasks = parse_tasks(template().as_bytes()).unwrap();
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[1].title, "Discuss results with patients, in person");
        assert_eq!(tasks[0].kind, "judging_cases");
        assert_eq!(tasks[1].kind, "working_with_people");
    }

    #[test]
    fn columns_may_come_in_any_order_with_a_bom_and_without_kind_or_notes() {
        let text = "\u{feff}Frequency,title,share,verifiability,error_tolerance,standardization\n5,Read,40,4,1,5\n";
        let tasks = parse_tasks(text.as_bytes()).unwrap();
        assert_eq!(tasks[0].ratings, ["5", "1", "4", "5"].map(str::to_owned));
        // No kind column: the suggested kind fills the row.
        assert_eq!(tasks[0].kind, "making");
    }

    #[test]
    fn an_unknown_kind_is_named_by_line_and_column() {
        let text = "title,share,kind,standardization,error_tolerance,verifiability,frequency\nRead,40,dancing,5,1,4,5\n";
        let found = errors(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("line 2, column kind: must be one of judging_cases"),
            "{found:?}"
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "title,share,standardization,error_tolerance,verifiability,frequency\nRead,40,5,1,4,5\n,10,2,2,2,3\nWrite,x,2,2,2,9\n";
        assert_eq!(
            errors(text),
            vec![
                "line 3, column title: enter what the task is",
                "line 4, column share: must be a number of percent, e.g. 25 (got \"x\")",
                "line 4, column frequency: must be a whole number from 1 to 5 (got \"9\")",
            ]
        );
    }

    #[test]
    fn header_problems_are_named() {
        let text = "title,share,standardisation,error_tolerance,verifiability,frequency\n";
        let found = errors(text);
        assert!(found
            .iter()
            .any(|e| e.starts_with("line 1, column standardisation: is not a known column")));
        assert!(found
            .iter()
            .any(|e| e == "line 1, column standardization: is missing from the header"));
    }

    #[test]
    fn ragged_rows_empty_files_and_bad_encoding_are_refused() {
        let ragged =
            "title,share,standardization,error_tolerance,verifiability,frequency\nRead,40,5,1\n";
        assert!(errors(ragged)[0].starts_with("line 2: has 4 fields; the header has 6"));
        assert!(errors("")[0].starts_with("the file is empty"));
        let latin1 = b"title,share,standardization,error_tolerance,verifiability,frequency\nCaf\xe9,40,5,1,4,5\n";
        let found: Vec<String> = parse_tasks(latin1)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(found[0].starts_with("line 2: is not UTF-8"), "{found:?}");
        let header_only = "title,share,standardization,error_tolerance,verifiability,frequency\n";
        assert_eq!(
            errors(header_only),
            vec!["the file has a header but no tasks"]
        );
    }

    #[test]
    fn more_than_fifty_tasks_are_refused() {
        let mut text =
            String::from("title,share,standardization,error_tolerance,verifiability,frequency\n");
        for index in 0..51 {
            text.push_str(&format!("Task {index},1,3,3,3,3\n"));
        }
        assert!(errors(&text)[0].contains("at most 50 tasks"));
    }
}
