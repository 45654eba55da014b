//! Tests of the PDF: text extracted by poppler's `pdftotext`, fonts checked by `pdffonts`, page
//! sizes by `pdfinfo`, and the layout's wrapping measured with the real fonts.

use std::process::Command;

use super::layout::{Measure, Weight};
use super::*;
use crate::assess::{Pattern, Ratings};
use crate::export::testing::{fixed_meta, fonts, hostile, radiologists};
use crate::report::ReportTask;

/// Runs a poppler tool on the PDF and returns its standard output.
fn poppler(tool: &str, pdf: &[u8], extra: &[&str]) -> String {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let mut command = Command::new(tool);
    command.args(extra).arg(file.path());
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("{tool} (poppler-utils) must be installed: {error}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Extracted text with all white space collapsed, so wrapped lines read as one.
fn text_of(pdf: &[u8], extra: &[&str]) -> String {
    poppler("pdftotext", pdf, extra)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_text_holds_the_verdict_the_indices_and_every_task_title() {
    let report = radiologists();
    let pdf = report_pdf(&report, &fixed_meta(), PaperSize::A4, &fonts()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = text_of(&pdf, &[]);
    assert!(
        text.contains(&format!("Verdict: {}", report.assessment.verdict.label())),
        "{text}"
    );
    assert!(
        text.contains(&format!("{:.1}", report.assessment.automatability_index)),
        "{text}"
    );
    for task in &report.tasks {
        assert!(
            text.contains(&task.title),
            "missing {:?} in {text}",
            task.title
        );
    }
    for pattern in Pattern::ALL {
        assert!(
            text.contains(pattern.label()),
            "chart label {} missing",
            pattern.label()
        );
    }
    assert!(text.contains("/methodology"));
    assert!(text.contains("page 1 of 1"));
    assert!(!text.contains("O*NET"));
}

#[test]
fn every_font_in_the_pdf_is_embedded() {
    let pdf = report_pdf(&radiologists(), &fixed_meta(), PaperSize::A4, &fonts()).unwrap();
    let listing = poppler("pdffonts", &pdf, &[]);
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(fonts.len() >= 2, "{listing}");
    for line in fonts {
        let columns: Vec<&str> = line.split_whitespace().collect();
        // name, type (two words), encoding, then emb sub uni object id.
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "{line}");
        assert!(line.contains("DejaVuSans"), "{line}");
    }
}

#[test]
fn letter_and_a4_give_their_own_page_sizes() {
    let report = radiologists();
    let a4 = poppler(
        "pdfinfo",
        &report_pdf(&report, &fixed_meta(), PaperSize::A4, &fonts()).unwrap(),
        &[],
    );
    let letter = poppler(
        "pdfinfo",
        &report_pdf(&report, &fixed_meta(), PaperSize::Letter, &fonts()).unwrap(),
        &[],
    );
    assert!(a4.contains("595.28 x 841.89 pts (A4)"), "{a4}");
    assert!(letter.contains("612 x 792 pts (letter)"), "{letter}");
}

#[test]
fn a_long_task_list_continues_on_a_second_page_with_nothing_cut() {
    let tasks: Vec<ReportTask> = (1..=50)
        .map(|number| ReportTask {
            title: format!(
                "Task number {number}: coordinate the quarterly review of supplier contracts, \
                 reconcile the discrepancies and brief the finance team on the outcome"
            ),
            share: 2.0,
            kind: crate::assess::Kind::Making,
            kind_suggested: false,
            ratings: Ratings::from_values([(number % 5 + 1) as u8, 3, 4, 2]).unwrap(),
            explanation: None,
            archetype: None,
            deviation: None,
        })
        .collect();
    let base = radiologists();
    let report = OccupationReport::build(
        base.code.clone(),
        base.title.clone(),
        base.major_group.clone(),
        base.source.clone(),
        vec![],
        String::new(),
        vec![],
        tasks,
        None,
    )
    .unwrap();
    let pdf = report_pdf(&report, &fixed_meta(), PaperSize::Letter, &fonts()).unwrap();
    let info = poppler("pdfinfo", &pdf, &[]);
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .unwrap();
    assert!(pages >= 2, "{info}");
    let text = text_of(&pdf, &[]);
    for task in &report.tasks {
        assert_eq!(
            text.matches(&collapse(&task.title)).count(),
            1,
            "{}",
            task.title
        );
    }
    let last_page = text_of(&pdf, &["-f", &pages.to_string()]);
    assert!(
        last_page.contains("Method"),
        "the method note ends the document"
    );
    // The header row is repeated on the page the table continues on.
    let second = text_of(&pdf, &["-f", "2", "-l", "2"]);
    assert!(
        second.contains("Task Share S E V F Pattern Held back by"),
        "{second}"
    );
}

#[test]
fn o_net_reports_carry_the_attribution_and_hostile_titles_do_not_break_the_pdf() {
    let report = hostile();
    let pdf = report_pdf(&report, &fixed_meta(), PaperSize::A4, &fonts()).unwrap();
    let text = text_of(&pdf, &[]);
    assert!(text.contains("O*NET"), "{text}");
    assert!(text.contains("<script>alert('x')</script>"), "{text}");
}

#[test]
fn bytes_that_are_not_a_font_are_refused() {
    let error = PdfFonts::from_bytes(b"not a font", b"nor this").unwrap_err();
    assert!(
        matches!(error, ExportError::Font { which: "regular" }),
        "{error}"
    );
}

#[test]
fn wrapped_lines_fit_their_width_and_keep_every_word() {
    let fonts = fonts();
    let measure = Measure::new(&fonts.regular, &fonts.bold).unwrap();
    let text = "Interpret diagnostic CT and MRI studies with an unbreakably-long-hyphenated-compound-word-that-does-not-fit\nand a second paragraph";
    let lines = measure.wrap(text, 8.0, Weight::Regular, 80.0);
    assert!(lines.len() > 3, "{lines:?}");
    for line in &lines {
        assert!(
            measure.width(line, 8.0, Weight::Regular) <= 80.0,
            "{line:?}"
        );
    }
    assert_eq!(
        lines.concat().replace(' ', ""),
        text.replace([' ', '\n'], "")
    );
    assert_eq!(
        measure.wrap("", 8.0, Weight::Bold, 50.0),
        vec![String::new()]
    );
    assert!(
        measure.width("Task", 10.0, Weight::Bold) > measure.width("Task", 10.0, Weight::Regular)
    );
}
