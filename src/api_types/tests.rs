//! Tests of the public JSON contract: names match the model, shapes match the RFCs.

use super::*;

fn json_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|json| json.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[test]
fn mirrored_values_are_spelled_exactly_as_the_model_spells_them() {
    for pattern in Pattern::ALL {
        assert_eq!(json_name(&ApiPattern::from(pattern)), pattern.name());
    }
    for verdict in Verdict::ALL {
        assert_eq!(json_name(&ApiVerdict::from(verdict)), verdict.name());
    }
    for dimension in Dimension::ALL {
        assert_eq!(json_name(&ApiDimension::from(dimension)), dimension.name());
    }
    for source in [ReportSource::Curated, ReportSource::Profile] {
        assert_eq!(json_name(&ApiSource::from(&source)), source.name());
    }
    for source in ApiSource::ALL {
        assert_eq!(json_name(&source), source.name());
        assert_eq!(ApiSource::from_name(source.name()), Some(source));
    }
    assert_eq!(ApiSource::from_name("wiki"), None);
}

#[test]
fn pattern_shares_have_all_seven_keys_in_snake_case() {
    let shares = ApiPatternShares::from(&PatternShares::from_array([0.0; 7]));
    let json = serde_json::to_value(shares).unwrap_or_default();
    let mut keys: Vec<&str> = json
        .as_object()
        .map(|object| object.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    let mut expected: Vec<&str> = Pattern::ALL.iter().map(|p| p.name()).collect();
    expected.sort_unstable();
    assert_eq!(keys, expected);
}

#[test]
fn a_problem_serializes_as_rfc_9457_problem_details() {
    let problem = ApiProblem::new(422, "Invalid task profile")
        .with_detail("One task has no title.")
        .with_errors(vec![ApiFieldError {
            field: "tasks[0].title".to_owned(),
            message: "must not be empty".to_owned(),
        }]);
    let json = serde_json::to_value(&problem).unwrap_or_default();
    assert_eq!(json["type"], "about:blank");
    assert_eq!(json["status"], 422);
    assert_eq!(json["errors"][0]["field"], "tasks[0].title");
    let back: ApiProblem = serde_json::from_value(json).unwrap();
    assert_eq!(back, problem);
    let bare: ApiProblem = serde_json::from_str(
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":null}"#,
    )
    .unwrap();
    assert!(bare.errors.is_empty());
}
