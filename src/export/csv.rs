//! CSV downloads: one row per task (a report or a comparison) or per occupation (the catalog).
//!
//! Format: RFC 4180 (comma separated, CRLF line ends, fields quoted when they hold a comma, a
//! quote or a line break, quotes doubled), UTF-8 with a byte order mark, a snake_case header row.
//! The BOM is what makes Excel read the file as UTF-8 rather than the Windows code page (without
//! it, "Lång" arrives as "LÃ¥ng"); LibreOffice recognises it too. pandas' `read_csv` skips it
//! with its default settings (checked with pandas 3.1: the first column is `occupation_code`, not
//! `\u{feff}occupation_code`); Python's own `csv` module needs `encoding="utf-8-sig"`.
//!
//! Provenance (model and catalog version, generation time, O*NET attribution where it applies)
//! goes in trailing columns, because a CSV file has nowhere else to put it that every reader
//! accepts. Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`, tab or carriage return) get a leading apostrophe, as OWASP advises against CSV injection.

use std::borrow::Cow;

use super::{attribution, percent_one_decimal, task_rows, ExportMeta, TaskRow};
use crate::api_types::{attribution_for, CatalogRow};
use crate::assess::Pattern;
use crate::report::OccupationReport;

const TASK_HEADER: [&str; 25] = [
    "occupation_code",
    "occupation_title",
    "task",
    "share_percent",
    "kind",
    "standardization",
    "error_tolerance",
    "verifiability",
    "frequency",
    "feasibility",
    "autonomy_risk",
    "pattern",
    "bottleneck",
    "what_if",
    "rationale",
    "explanation",
    "verdict_margin",
    "us_employment",
    "median_annual_wage",
    "published_measures",
    "source",
    "model_version",
    "catalog_version",
    "generated_at",
    "attribution",
];

/// The report's tasks, one row each.
pub fn report_csv(report: &OccupationReport, meta: &ExportMeta) -> String {
    comparison_csv(std::slice::from_ref(report), meta)
}

/// The tasks of every report, one row each, occupation by occupation.
pub fn comparison_csv(reports: &[OccupationReport], meta: &ExportMeta) -> String {
    let generated_at = meta.generated_at_text();
    let mut rows = Vec::new();
    for report in reports {
        let catalog_version = meta.catalog_version_for(report).unwrap_or("");
        for row in task_rows(report) {
            rows.push(task_record(&row, report, catalog_version, &generated_at));
        }
    }
    write_csv(&TASK_HEADER, &rows)
}

fn task_record(
    row: &TaskRow<'_>,
    report: &OccupationReport,
    catalog_version: &str,
    generated_at: &str,
) -> [String; 25] {
    let [standardization, error_tolerance, verifiability, frequency] = row.ratings;
    let (employment, wage, measures) = super::figures_cells(report);
    [
        text(row.code),
        text(row.occupation),
        text(row.task),
        format!("{:.1}", row.share_percent),
        row.kind.name().to_owned(),
        standardization.to_string(),
        error_tolerance.to_string(),
        verifiability.to_string(),
        frequency.to_string(),
        format!("{:.1}", row.feasibility),
        format!("{:.1}", row.autonomy_risk),
        row.pattern.name().to_owned(),
        text(&row.bottleneck),
        text(&row.what_if),
        text(row.rationale),
        text(row.explanation),
        text(&super::margin_sentence(report)),
        employment,
        wage,
        text(&measures),
        report.source.name().to_owned(),
        report.assessment.model_version.to_string(),
        text(catalog_version),
        generated_at.to_owned(),
        attribution(report).unwrap_or("").to_owned(),
    ]
}

const CATALOG_HEADER: [&str; 26] = [
    "code",
    "title",
    "major_group",
    "major_group_title",
    "source",
    "source_release",
    "verdict",
    "automatability_index",
    "complementarity_index",
    "dominant_pattern",
    "share_automate_percent",
    "share_human_approves_percent",
    "share_second_reader_percent",
    "share_triage_percent",
    "share_quality_control_percent",
    "share_copilot_percent",
    "share_human_led_percent",
    "mean_feasibility",
    "mean_autonomy_risk",
    "us_employment",
    "median_annual_wage",
    "published_measures",
    "model_version",
    "catalog_version",
    "generated_at",
    "attribution",
];

/// The catalog, one row per occupation.
pub fn catalog_csv(rows: &[CatalogRow], meta: &ExportMeta) -> String {
    let generated_at = meta.generated_at_text();
    let records: Vec<[String; 26]> = rows
        .iter()
        .map(|row| {
            let share = |pattern: Pattern| {
                format!(
                    "{:.1}",
                    percent_one_decimal(row.pattern_shares.get(pattern))
                )
            };
            let catalog_version = row
                .catalog_version
                .as_deref()
                .or(meta.catalog_version.as_deref())
                .unwrap_or("");
            [
                text(&row.code),
                text(&row.title),
                text(&row.major_group),
                text(&row.major_group_title),
                row.source.name().to_owned(),
                text(row.source_release.as_deref().unwrap_or("")),
                row.verdict.name().to_owned(),
                format!("{:.1}", row.automatability_index),
                format!("{:.1}", row.complementarity_index),
                row.dominant_pattern.name().to_owned(),
                share(Pattern::Automate),
                share(Pattern::HumanApproves),
                share(Pattern::SecondReader),
                share(Pattern::Triage),
                share(Pattern::QualityControl),
                share(Pattern::Copilot),
                share(Pattern::HumanLed),
                format!("{:.1}", row.mean_feasibility),
                format!("{:.1}", row.mean_autonomy_risk),
                number(row.employment.as_ref().and_then(|e| e.employment)),
                number(row.employment.as_ref().and_then(|e| e.median_annual_wage)),
                text(&row.measures_text()),
                text(&row.model_version),
                text(catalog_version),
                generated_at.clone(),
                attribution_for(row.source).unwrap_or_default(),
            ]
        })
        .collect();
    write_csv(&CATALOG_HEADER, &records)
}

/// A whole number, or an empty cell.
fn number(value: Option<i64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// A text cell, defused if a spreadsheet would read it as a formula.
pub(crate) fn text(value: &str) -> String {
    let defused: Cow<'_, str> = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    };
    defused.into_owned()
}

/// Writes the header and records as RFC 4180 CSV with a UTF-8 byte order mark.
pub(crate) fn write_csv<const N: usize>(header: &[&str; N], records: &[[String; N]]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(256 * (records.len() + 1)));
    // Writing to a Vec cannot fail, and every record has exactly N fields (the array type says
    // so), which is the only other way the csv writer can refuse a record.
    let _ = writer.write_record(header);
    for record in records {
        let _ = writer.write_record(record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let mut text = String::with_capacity(bytes.len() + 3);
    text.push('\u{feff}');
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::testing::{
        assert_golden, catalog_row, fixed_meta, hostile, radiologists, HOSTILE_TITLE,
    };

    fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let body = text.strip_prefix('\u{feff}').expect("starts with a BOM");
        let mut reader = ::csv::Reader::from_reader(body.as_bytes());
        let header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|record| record.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    }

    #[test]
    fn the_report_csv_has_a_header_and_one_row_per_task_that_the_csv_crate_reads_back() {
        let report = radiologists();
        let text = report_csv(&report, &fixed_meta());
        assert!(text.starts_with("\u{feff}occupation_code,"));
        assert!(text.contains("\r\n"));
        let (header, rows) = parse(&text);
        assert_eq!(header, TASK_HEADER);
        assert_eq!(rows.len(), report.tasks.len());
        assert_eq!(rows[0][2], "Read screening mammograms");
        assert_eq!(rows[0][3], "30.0");
        assert_eq!(rows[0][4], "judging_cases");
        assert_eq!(rows[0][11], "second_reader");
        assert!(rows[0][16].starts_with("Margin: "), "{}", rows[0][16]);
        assert_eq!(
            rows[0][task_column("catalog_version")],
            "2026-11-01.ab12cd34"
        );
        assert_eq!(rows[0][task_column("generated_at")], "2026-11-29T08:30:00Z");
        // No published figures attached: the three cells are empty.
        for name in ["us_employment", "median_annual_wage", "published_measures"] {
            assert_eq!(rows[0][task_column(name)], "", "{name}");
        }
        let total: f64 = rows.iter().map(|row| row[3].parse::<f64>().unwrap()).sum();
        assert!((total - 100.0).abs() < 0.5, "{total}");
    }

    #[test]
    fn the_report_csv_matches_its_golden_file() {
        assert_golden(
            "radiologists.csv",
            &report_csv(&radiologists(), &fixed_meta()),
        );
    }

    #[test]
    fn hostile_text_survives_a_csv_round_trip_and_o_net_rows_carry_the_attribution() {
        let report = hostile();
        let (_, rows) = parse(&report_csv(&report, &fixed_meta()));
        assert_eq!(rows[0][1], report.title);
        assert_eq!(rows[0][2], HOSTILE_TITLE);
        assert_eq!(rows[0][15], "Why: \"because\", | *really*");
        assert_eq!(rows[0][task_column("source")], "onet");
        assert!(rows[0][task_column("attribution")].contains("O*NET"));
    }

    #[test]
    fn cells_that_a_spreadsheet_would_run_as_formulas_are_defused() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-2"), "'-2");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Plain = text"), "Plain = text");
    }

    #[test]
    fn a_comparison_csv_lists_every_task_of_every_occupation() {
        let reports = [radiologists(), hostile()];
        let (_, rows) = parse(&comparison_csv(&reports, &fixed_meta()));
        assert_eq!(rows.len(), reports[0].tasks.len() + reports[1].tasks.len());
        assert_eq!(rows.last().unwrap()[0], "43-9061.00");
    }

    #[test]
    fn the_catalog_csv_has_one_row_per_occupation_with_shares_in_percent() {
        let report = radiologists();
        let text = catalog_csv(
            &[catalog_row(&report), catalog_row(&hostile())],
            &fixed_meta(),
        );
        let (header, rows) = parse(&text);
        assert_eq!(header, CATALOG_HEADER);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][6], report.assessment.verdict.name());
        let shares: f64 = rows[0][10..17]
            .iter()
            .map(|cell| cell.parse::<f64>().unwrap())
            .sum();
        assert!((shares - 100.0).abs() < 0.5, "{shares}");
        let attribution = CATALOG_HEADER
            .iter()
            .position(|&name| name == "attribution");
        assert!(rows[1][attribution.unwrap()].contains("O*NET"));
    }

    fn task_column(name: &str) -> usize {
        TASK_HEADER
            .iter()
            .position(|&column| column == name)
            .unwrap()
    }

    #[test]
    fn published_figures_fill_their_three_cells_on_every_task_row() {
        use crate::measures::{AtlasFigure, Employment, Match, MeasureReading, OccupationFigures};
        let mut report = radiologists();
        report.figures = Some(OccupationFigures {
            employment: Some(Employment {
                soc_code: "29-1224".into(),
                matched: Match::Exact,
                employment: Some(26_290),
                median_annual_wage: None,
                wage_note: Some("top-coded".into()),
                shared_by: 1,
                source: "BLS OEWS".into(),
            }),
            measures: vec![MeasureReading {
                name: "exposure".into(),
                title: "Exposure".into(),
                what: "A share".into(),
                citation: "A study".into(),
                licence: "MIT".into(),
                value: 0.49,
                matched: Match::Exact,
                percentile: 72.4,
                covers: 923,
                compare_with: AtlasFigure::AiShare,
                atlas_value: 78.0,
                atlas_percentile: 69.0,
                disagreement: None,
            }],
            atlas_population: 268,
        });
        let (_, rows) = parse(&report_csv(&report, &fixed_meta()));
        for row in &rows {
            assert_eq!(row[task_column("us_employment")], "26290");
            assert_eq!(row[task_column("median_annual_wage")], "");
            assert_eq!(
                row[task_column("published_measures")],
                "exposure=0.49 (72nd percentile)"
            );
        }
    }
}
