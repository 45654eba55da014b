//! JSON downloads, in the public contract of `crate::api_types` plus provenance: a report is an
//! `ApiOccupation` with `generated_at` added; the catalog and comparisons wrap their items in an
//! object that says when, and from which model and catalog version, they were generated.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::ExportMeta;
use crate::api_types::{ApiOccupation, ApiOccupationListItem, CatalogRow};
use crate::assess::MODEL_VERSION;
use crate::report::OccupationReport;

/// The report as an `ApiOccupation` object with `generated_at` added.
pub fn report_json(report: &OccupationReport, meta: &ExportMeta) -> Value {
    let mut occupation = ApiOccupation::from(report);
    if occupation.catalog_version.is_none() {
        occupation.catalog_version = meta.catalog_version.clone();
    }
    let mut object = match to_value(&occupation) {
        Value::Object(object) => object,
        _ => Map::new(),
    };
    object.insert("generated_at".to_owned(), meta.generated_at_text().into());
    Value::Object(object)
}

/// `{generated_at, model_version, catalog_version, total, items: [ApiOccupationListItem]}`.
pub fn catalog_json(rows: &[CatalogRow], meta: &ExportMeta) -> Value {
    let items: Vec<ApiOccupationListItem> = rows.iter().map(Into::into).collect();
    json!({
        "generated_at": meta.generated_at_text(),
        "model_version": MODEL_VERSION,
        "catalog_version": meta.catalog_version,
        "total": items.len(),
        "items": to_value(&items),
    })
}

/// `{generated_at, model_version, catalog_version, items: [report_json…]}`.
pub fn comparison_json(reports: &[OccupationReport], meta: &ExportMeta) -> Value {
    let items: Vec<Value> = reports
        .iter()
        .map(|report| {
            let mut item = report_json(report, meta);
            // The wrapper says when; repeating it in every item would only add noise.
            if let Value::Object(object) = &mut item {
                object.remove("generated_at");
            }
            item
        })
        .collect();
    json!({
        "generated_at": meta.generated_at_text(),
        "model_version": MODEL_VERSION,
        "catalog_version": meta.catalog_version,
        "items": items,
    })
}

/// These types serialize without error (string keys only); a non-finite number becomes null.
fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api_types::{ApiPattern, ApiSource, ApiVerdict};
    use crate::export::testing::{catalog_row, fixed_meta, hostile, radiologists, HOSTILE_TITLE};

    #[test]
    fn a_report_json_round_trips_into_an_api_occupation() {
        let report = radiologists();
        let value = report_json(&report, &fixed_meta());
        assert_eq!(value["generated_at"], "2026-11-29T08:30:00Z");
        let text = serde_json::to_string_pretty(&value).unwrap();
        let back: ApiOccupation = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ApiOccupation::from(&report));
        assert_eq!(back.tasks.len(), 6);
        assert_eq!(back.tasks[0].pattern, ApiPattern::SecondReader);
        assert_eq!(back.tasks[0].share_entered, 30.0);
        assert!((back.tasks[0].share - 0.3).abs() < 1e-12);
        assert_eq!(back.source, ApiSource::Curated);
        assert_eq!(back.model_version, MODEL_VERSION);
        assert!(back.attribution.is_none());
    }

    #[test]
    fn a_report_json_uses_the_contract_names_for_every_field() {
        let value = report_json(&radiologists(), &fixed_meta());
        for key in [
            "code",
            "title",
            "major_group",
            "major_group_title",
            "source",
            "source_release",
            "verdict",
            "verdict_rationale",
            "automatability_index",
            "complementarity_index",
            "pattern_shares",
            "top_bottlenecks",
            "dimension_profile",
            "tasks",
            "alt_titles",
            "note",
            "evidence",
            "model_version",
            "catalog_version",
            "attribution",
        ] {
            assert!(value.get(key).is_some(), "missing {key}");
        }
        assert_eq!(value["major_group"], "29");
        let task = &value["tasks"][0];
        for key in [
            "title",
            "share",
            "share_entered",
            "ratings",
            "feasibility",
            "autonomy_risk",
            "pattern",
            "bottleneck",
            "what_if",
            "rationale",
            "explanation",
        ] {
            assert!(task.get(key).is_some(), "missing tasks[0].{key}");
        }
        assert_eq!(task["ratings"]["error_tolerance"], 1);
        assert_eq!(task["bottleneck"][0], "error_tolerance");
        // Screening reads (judging cases, 5,1,4,5): error tolerance 1 → 2 makes a signed decision.
        assert_eq!(task["kind"], "judging_cases");
        assert_eq!(task["what_if"]["new_pattern"], "human_approves");
        assert_eq!(task["what_if"]["from"], 1);
        assert!(value["tasks"][2]["explanation"].is_null());
    }

    #[test]
    fn o_net_data_carries_its_attribution_and_hostile_text_is_kept_verbatim() {
        let value = report_json(&hostile(), &fixed_meta());
        let back: ApiOccupation = serde_json::from_value(value).unwrap();
        assert_eq!(back.source, ApiSource::Onet);
        assert_eq!(back.source_release.as_deref(), Some("O*NET 29.3"));
        assert!(back.attribution.unwrap().contains("O*NET"));
        assert_eq!(back.tasks[0].title, HOSTILE_TITLE);
        // The profile has no catalog version of its own, so the download's is stamped.
        assert_eq!(back.catalog_version.as_deref(), Some("2026-11-01.ab12cd34"));
    }

    #[test]
    fn the_catalog_json_lists_items_in_the_list_contract() {
        let value = catalog_json(&[catalog_row(&radiologists())], &fixed_meta());
        assert_eq!(value["total"], 1);
        let items: Vec<ApiOccupationListItem> =
            serde_json::from_value(value["items"].clone()).unwrap();
        assert_eq!(items[0].code, "29-1224.00");
        assert_eq!(
            items[0].verdict,
            ApiVerdict::from(radiologists().assessment.verdict)
        );
        assert!(value["items"][0].get("tasks").is_none());
        assert_eq!(
            value["items"][0]["pattern_shares"]
                .as_object()
                .unwrap()
                .len(),
            7
        );
    }

    #[test]
    fn a_comparison_json_holds_every_report() {
        let value = comparison_json(&[radiologists(), hostile()], &fixed_meta());
        let items: Vec<ApiOccupation> = serde_json::from_value(value["items"].clone()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].code.as_deref(), Some("43-9061.00"));
        assert_eq!(value["generated_at"], "2026-11-29T08:30:00Z");
    }
}
