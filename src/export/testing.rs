//! Fixtures for the export tests: a radiology-like report built from literal ratings, a report
//! full of hostile text, a fixed `ExportMeta`, the fonts, and the golden-file check.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::pdf::PdfFonts;
use super::ExportMeta;
use crate::api_types::{ApiSource, CatalogRow};
use crate::assess::{AssessedTask, Kind, Pattern, Ratings};
use crate::report::{EvidenceItem, MajorGroupRef, OccupationReport, ReportSource, ReportTask};

/// 2026-11-29T08:30:00Z, so golden files do not change with the clock.
pub fn fixed_meta() -> ExportMeta {
    let moment = OffsetDateTime::from_unix_timestamp(1_795_941_000).unwrap();
    ExportMeta::new(moment, Some("2026-11-01.ab12cd34".to_owned()))
}

fn task(title: &str, share: f64, values: [u8; 4], explanation: Option<&str>) -> ReportTask {
    ReportTask {
        title: title.to_owned(),
        share,
        kind: fixture_kind(title),
        kind_suggested: false,
        ratings: Ratings::from_values(values).unwrap(),
        explanation: explanation.map(str::to_owned),
        archetype: None,
        deviation: None,
    }
}

/// The kind of each fixture task, by its first word, as a rater would choose it.
fn fixture_kind(title: &str) -> Kind {
    match title.split_whitespace().next().unwrap_or("") {
        "Read" | "Interpret" | "Review" => Kind::JudgingCases,
        "Prioritise" => Kind::Routing,
        "Draft" => Kind::Making,
        "Discuss" => Kind::WorkingWithPeople,
        "Perform" => Kind::Physical,
        _ => Kind::MovingInformation,
    }
}

/// A radiologist's week as the catalog might rate it.
pub fn radiologists() -> OccupationReport {
    let tasks = vec![
        task(
            "Read screening mammograms",
            30.0,
            [5, 1, 4, 5],
            Some(
                "Digital images in a fixed format, read by the thousand; a missed cancer is grave.",
            ),
        ),
        task(
            "Interpret diagnostic CT and MRI studies",
            25.0,
            [4, 1, 3, 4],
            Some("Structured images, but varied questions and no quick ground truth."),
        ),
        task("Prioritise the reading worklist", 10.0, [5, 3, 4, 5], None),
        task(
            "Draft structured reports from dictation",
            15.0,
            [4, 4, 4, 5],
            Some("Templates and dictation; errors are caught when the report is signed."),
        ),
        task(
            "Discuss findings with referring clinicians",
            10.0,
            [2, 2, 2, 3],
            None,
        ),
        task(
            "Perform image-guided biopsies",
            10.0,
            [1, 1, 3, 2],
            Some("Hands-on procedures on patients."),
        ),
    ];
    OccupationReport::build(
        Some("29-1224.00".to_owned()),
        "Radiologists".to_owned(),
        Some(MajorGroupRef {
            code: "29".to_owned(),
            title: "Healthcare Practitioners and Technical Occupations".to_owned(),
        }),
        ReportSource::Curated,
        vec![
            "Diagnostic radiologist".to_owned(),
            "Interventional radiologist".to_owned(),
        ],
        "Physicians who diagnose and treat with medical imaging.".to_owned(),
        vec![EvidenceItem {
            source: "Lång et al., The Lancet Oncology (MASAI trial)".to_owned(),
            year: 2023,
            finding:
                "AI-supported mammography screening found cancers at a rate similar to double \
                      reading, with 44% less reading workload."
                    .to_owned(),
            url: Some("https://doi.org/10.1016/S1470-2045(23)00298-X".to_owned()),
        }],
        tasks,
        Some("2026-11-01.ab12cd34".to_owned()),
    )
    .unwrap()
}

/// Text that breaks naive writers: separators, quotes, newlines, pipes, markup, emoji and
/// right-to-left scripts.
pub const HOSTILE_TITLE: &str =
    "Review \"urgent\" cases, then | file <script>alert('x')</script>\nsecond line 🦀 קריאה ראשונה قراءة";

/// An imported (O*NET) profile whose titles and notes are hostile.
pub fn hostile() -> OccupationReport {
    OccupationReport::build(
        Some("43-9061.00".to_owned()),
        format!("Clerks, \"general\" | <b>office</b> 📎 {}", "משרד"),
        Some(MajorGroupRef {
            code: "43".to_owned(),
            title: "Office and Administrative Support Occupations".to_owned(),
        }),
        ReportSource::Onet {
            release: "O*NET 29.3".to_owned(),
        },
        vec![],
        "Notes with a | pipe,\na newline and <i>markup</i>.".to_owned(),
        vec![],
        vec![
            task(
                HOSTILE_TITLE,
                60.0,
                [5, 5, 5, 5],
                Some("Why: \"because\", | *really*"),
            ),
            task("File, sort & route mail", 40.0, [3, 3, 3, 3], None),
        ],
        None,
    )
    .unwrap()
}

/// A catalog summary row for `report`, as the database layer would fill it.
pub fn catalog_row(report: &OccupationReport) -> CatalogRow {
    let assessment = &report.assessment;
    let time_weighted = |score: fn(&AssessedTask) -> f64| {
        assessment
            .tasks
            .iter()
            .map(|task| task.share * score(task))
            .sum()
    };
    let shares = &assessment.pattern_shares;
    CatalogRow {
        code: report.code.clone().unwrap_or_default(),
        title: report.title.clone(),
        major_group: report
            .major_group
            .as_ref()
            .map(|g| g.code.clone())
            .unwrap_or_default(),
        major_group_title: report
            .major_group
            .as_ref()
            .map(|g| g.title.clone())
            .unwrap_or_default(),
        source: ApiSource::from(&report.source),
        source_release: None,
        verdict: assessment.verdict,
        automatability_index: assessment.automatability_index,
        complementarity_index: assessment.complementarity_index,
        dominant_pattern: Pattern::ALL
            .into_iter()
            .max_by(|a, b| shares.get(*a).total_cmp(&shares.get(*b)))
            .unwrap(),
        pattern_shares: assessment.pattern_shares,
        mean_feasibility: time_weighted(|task| task.assessment.scores.feasibility),
        mean_autonomy_risk: time_weighted(|task| task.assessment.scores.autonomy_risk),
        model_version: assessment.model_version.to_string(),
        catalog_version: report.catalog_version.clone(),
        published_measures: Vec::new(),
        employment: None,
    }
}

/// DejaVu Sans regular and bold from the `dejavu-fonts-ttf` npm package.
pub fn fonts() -> PdfFonts {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/dejavu-fonts-ttf/ttf");
    let read = |name: &str| {
        let path = directory.join(name);
        std::fs::read(&path).unwrap_or_else(|error| {
            panic!(
                "{}: {error}; run `npm install` (package dejavu-fonts-ttf)",
                path.display()
            )
        })
    };
    PdfFonts::from_bytes(&read("DejaVuSans.ttf"), &read("DejaVuSans-Bold.ttf")).unwrap()
}

fn golden_path(name: &str) -> PathBuf {
    // The golden files live in the project even when the tests run from a scratch crate.
    Path::new(file!())
        .ancestors()
        .nth(3)
        .map(|root| root.join("tests/fixtures/golden").join(name))
        .unwrap()
}

/// Compares `actual` with the golden file `name`; with `UPDATE_GOLDEN=1`, rewrites it instead.
pub fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; run the tests with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the output; if the change is intended, rerun with UPDATE_GOLDEN=1.\n--- output ---\n{actual}",
        path.display()
    );
}
