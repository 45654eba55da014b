//! The one-page PDF summary of a team plan: title, totals, hours by pattern, the top pilot tasks,
//! the assumptions one line each, and provenance. Everything of unbounded length (titles, the
//! description, the lists) is clipped to a fixed number of lines or rows, with "and N more", so
//! the page holds even the largest plan; the full detail is in the CSV and XLSX downloads.

use super::layout::{
    Column, Composer, Measure, PageBox, Weight, CELL_PAD, MUTED, TABLE_SIZE, TEXT,
};
use super::{render, PaperSize, PdfFonts};
use crate::assess::Pattern;
use crate::export::plan::{catalog_version, one_decimal, whole};
use crate::export::{ExportError, ExportMeta};
use crate::plan::settings::{adjustable_patterns, basis, format_percent};
use crate::plan::PlanDocument;

/// How many pilot tasks the page lists.
pub const PILOT_ROWS: usize = 5;
/// How many roles left out the page names before "and N more".
const MISSING_NAMED: usize = 5;

/// The plan as a one-page PDF on `paper`.
pub fn plan_pdf(
    doc: &PlanDocument,
    meta: &ExportMeta,
    fonts: &PdfFonts,
    paper: PaperSize,
) -> Result<Vec<u8>, ExportError> {
    let measure = Measure::new(&fonts.regular, &fonts.bold).ok_or(ExportError::Font {
        which: "regular or bold",
    })?;
    let (width, height) = paper.points();
    let page = PageBox {
        width,
        height,
        margin: 40.0,
        footer: 14.0,
    };
    let mut composer = Composer::new(measure, page);
    compose_plan(&mut composer, doc, meta);
    let Composer { measure, pages, .. } = composer;
    render(&pages, &measure, &doc.basis.name, meta, page, fonts)
}

/// `text` cut to at most `lines` lines of `width` points at `size`, the last line ending in an
/// ellipsis when something was cut. The lines are joined with line breaks, so wrapping the result
/// again at the same width gives the same lines.
fn clip(
    measure: &Measure<'_>,
    text: &str,
    size: f32,
    weight: Weight,
    width: f32,
    lines: usize,
) -> String {
    let mut wrapped = measure.wrap(text, size, weight, width);
    if wrapped.len() <= lines {
        return wrapped.join("\n");
    }
    wrapped.truncate(lines.max(1));
    if let Some(last) = wrapped.last_mut() {
        while !last.is_empty() && measure.width(&format!("{last}…"), size, weight) > width {
            last.pop();
        }
        let kept = last.trim_end().to_owned();
        *last = format!("{kept}…");
    }
    wrapped.join("\n")
}

fn compose_plan(c: &mut Composer<'_>, doc: &PlanDocument, meta: &ExportMeta) {
    let width = c.page.content_width();
    let totals = &doc.results.totals;
    let title = clip(&c.measure, &doc.basis.name, 16.0, Weight::Bold, width, 2);
    c.paragraph(&title, 16.0, Weight::Bold, TEXT);
    let roles = doc.results.roles.len();
    c.paragraph(
        &format!(
            "Team plan · {roles} role{} · {} FTE · {} hours per FTE-year",
            if roles == 1 { "" } else { "s" },
            one_decimal(totals.fte),
            whole(doc.basis.hours_per_fte)
        ),
        9.0,
        Weight::Regular,
        MUTED,
    );
    if !doc.basis.description.trim().is_empty() {
        let description = clip(
            &c.measure,
            &doc.basis.description,
            8.5,
            Weight::Regular,
            width,
            2,
        );
        c.paragraph(&description, 8.5, Weight::Regular, TEXT);
    }

    c.gap(8.0);
    let mut figures = vec![
        ("hours freed per year".to_owned(), whole(totals.freed)),
        ("FTE freed".to_owned(), one_decimal(totals.freed_fte)),
        (
            "FTE of reviewer load".to_owned(),
            one_decimal(totals.review_fte),
        ),
    ];
    if totals.costed_roles > 0 {
        figures.push((
            format!("value freed ({} of {roles} roles)", totals.costed_roles),
            whole(totals.freed_value),
        ));
    }
    let (left, top) = (c.left(), c.y);
    let slot = width / figures.len() as f32;
    for (index, (label, value)) in figures.iter().enumerate() {
        let x = left + index as f32 * slot;
        c.text(x, top + 15.0, 15.0, Weight::Bold, TEXT, value);
        let label = clip(&c.measure, label, 7.5, Weight::Regular, slot - 6.0, 1);
        c.text(x, top + 26.0, 7.5, Weight::Regular, MUTED, &label);
    }
    c.y = top + 30.0;
    c.paragraph(
        &format!(
            "Of {} hours a year, {} are handed over (automate, human approves), of which {} are \
             freed net of {} hours of sign-off and exceptions; {} change shape (second reader, \
             triage, quality control, copilot), saving {}; {} stay with people. Reviewer load: {} \
             hours.",
            whole(totals.hours),
            whole(totals.handed_over),
            whole(totals.handed_over_freed),
            whole(totals.sign_off),
            whole(totals.reshaped),
            whole(totals.reshaped_freed),
            whole(totals.kept),
            whole(totals.review),
        ),
        8.5,
        Weight::Regular,
        TEXT,
    );

    c.heading("Hours per year by pattern", 9.0 * 17.0);
    pattern_table(c, doc);

    c.heading("Pilot first", 40.0);
    pilot_table(c, doc);

    if !doc.missing_roles.is_empty() {
        c.gap(4.0);
        let text = missing_roles_text(&c.measure, &doc.missing_roles, width);
        c.paragraph(&text, 8.0, Weight::Regular, TEXT);
    }

    c.heading("Assumptions", 70.0);
    for pattern in adjustable_patterns() {
        let setting = doc.settings.get(pattern);
        let basis = basis(pattern);
        let line = format!(
            "{}: people still spend {}% of the time ({}); adoption {}%; {}.",
            pattern.label(),
            format_percent(setting.person_share),
            basis.person_work,
            format_percent(setting.adoption),
            if basis.published {
                "published evidence"
            } else {
                "own assumption"
            }
        );
        let line = clip(&c.measure, &line, 7.5, Weight::Regular, width, 1);
        c.paragraph(&line, 7.5, Weight::Regular, TEXT);
    }
    let formula = clip(
        &c.measure,
        "Hours = headcount × hours per FTE-year × task share; freed = hours × adoption × (1 − \
         person share); reviewer load = hours × adoption × person share (automate, human \
         approves, second reader). Sources: the XLSX's Assumptions sheet; method: /methodology.",
        7.5,
        Weight::Regular,
        width,
        2,
    );
    c.paragraph(&formula, 7.5, Weight::Regular, MUTED);
    c.gap(4.0);
    c.paragraph(
        &format!(
            "Model version {} · catalog version {} · generated {}",
            doc.results.model_version,
            catalog_version(doc, meta).unwrap_or("none"),
            meta.generated_at_text()
        ),
        7.5,
        Weight::Regular,
        MUTED,
    );
}

/// The roles left out, as many named as fit on two lines, then "and N more".
fn missing_roles_text(measure: &Measure<'_>, missing: &[String], width: f32) -> String {
    let lead = "Left out, because the occupation or profile no longer exists:";
    for named in (1..=missing.len().min(MISSING_NAMED)).rev() {
        let mut text = format!("{lead} {}", missing[..named].join("; "));
        let more = missing.len() - named;
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
        text.push('.');
        if measure.wrap(&text, 8.0, Weight::Regular, width).len() <= 2 {
            return text;
        }
    }
    // Not even one name fits on two lines: name none.
    format!("{lead} {} roles.", missing.len())
}

fn pattern_table(c: &mut Composer<'_>, doc: &PlanDocument) {
    let number = 72.0;
    let columns = [
        Column {
            title: "Pattern",
            width: c.page.content_width() - 5.0 * number,
            right: false,
        },
        Column {
            title: "Hours",
            width: number,
            right: true,
        },
        Column {
            title: "Freed",
            width: number,
            right: true,
        },
        Column {
            title: "People still",
            width: number,
            right: true,
        },
        Column {
            title: "Person share",
            width: number,
            right: true,
        },
        Column {
            title: "Adoption",
            width: number,
            right: true,
        },
    ];
    let mut rows: Vec<Vec<String>> = Pattern::ALL
        .into_iter()
        .rev()
        .map(|pattern| {
            let figures = doc.results.pattern(pattern);
            let setting = doc.settings.get(pattern);
            vec![
                pattern.label().to_owned(),
                whole(figures.hours),
                whole(figures.freed),
                whole(figures.person_hours()),
                format!("{}%", format_percent(setting.person_share)),
                format!("{}%", format_percent(setting.adoption)),
            ]
        })
        .collect();
    let totals = &doc.results.totals;
    rows.push(vec![
        "Total".to_owned(),
        whole(totals.hours),
        whole(totals.freed),
        whole(totals.hours - totals.freed),
        String::new(),
        String::new(),
    ]);
    c.table(&columns, &rows);
}

fn pilot_table(c: &mut Composer<'_>, doc: &PlanDocument) {
    let pilots = &doc.results.pilots;
    if pilots.is_empty() {
        c.paragraph(
            "No task is a candidate: every task is human-led, or adoption is set to 0.",
            8.5,
            Weight::Regular,
            TEXT,
        );
        return;
    }
    let fixed = [16.0, 118.0, 84.0, 48.0, 48.0];
    let columns = [
        Column {
            title: "#",
            width: fixed[0],
            right: true,
        },
        Column {
            title: "Task",
            width: c.page.content_width() - fixed.iter().sum::<f32>(),
            right: false,
        },
        Column {
            title: "Role",
            width: fixed[1],
            right: false,
        },
        Column {
            title: "Pattern",
            width: fixed[2],
            right: false,
        },
        Column {
            title: "Hours",
            width: fixed[3],
            right: true,
        },
        Column {
            title: "Freed",
            width: fixed[4],
            right: true,
        },
    ];
    let cell = |text: &str, column: &Column| {
        let width = column.width - 2.0 * CELL_PAD;
        clip(&c.measure, text, TABLE_SIZE, Weight::Regular, width, 2)
    };
    let rows: Vec<Vec<String>> = pilots
        .iter()
        .take(PILOT_ROWS)
        .enumerate()
        .map(|(index, pilot)| {
            vec![
                (index + 1).to_string(),
                cell(&pilot.task, &columns[1]),
                cell(&pilot.role_title, &columns[2]),
                pilot.pattern.label().to_owned(),
                whole(pilot.hours),
                whole(pilot.freed),
            ]
        })
        .collect();
    c.table(&columns, &rows);
    let more = pilots.len().saturating_sub(PILOT_ROWS);
    if more > 0 {
        c.paragraph(
            &format!(
                "and {more} more candidate task{}; the XLSX download's Pilot first sheet lists \
                 them all, with what to measure in each pilot.",
                if more == 1 { "" } else { "s" }
            ),
            7.5,
            Weight::Regular,
            MUTED,
        );
    } else {
        c.gap(2.0);
    }
    if let Some(first) = pilots.first() {
        let text = clip(
            &c.measure,
            &format!("First pilot: {}", first.measure),
            7.5,
            Weight::Regular,
            c.page.content_width(),
            2,
        );
        c.paragraph(&text, 7.5, Weight::Regular, TEXT);
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;
    use crate::export::plan::testing::{large_document, sample_document};
    use crate::export::testing::{fixed_meta, fonts};

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

    fn pages(pdf: &[u8]) -> usize {
        let info = poppler("pdfinfo", pdf, &[]);
        info.lines()
            .find_map(|line| line.strip_prefix("Pages:"))
            .and_then(|count| count.trim().parse().ok())
            .unwrap_or_else(|| panic!("no page count in {info}"))
    }

    fn text_of(pdf: &[u8]) -> String {
        poppler("pdftotext", pdf, &[])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_plan_pdf_is_one_page_with_the_totals_patterns_pilots_and_assumptions() {
        let doc = sample_document();
        let pdf = plan_pdf(&doc, &fixed_meta(), &fonts(), PaperSize::A4).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pages(&pdf), 1);
        let text = text_of(&pdf);
        assert!(text.contains("Claims team"), "{text}");
        assert!(text.contains(&whole(doc.results.totals.freed)), "{text}");
        for pattern in Pattern::ALL {
            assert!(
                text.contains(pattern.label()),
                "{} missing",
                pattern.label()
            );
        }
        assert!(text.contains(&doc.results.pilots[0].task), "{text}");
        assert!(text.contains("29-9999.00"), "{text}");
        assert!(text.contains("Model version test-model"), "{text}");
        assert!(text.contains("2026-11-29T08:30:00Z"), "{text}");
        assert!(text.contains("page 1 of 1"), "{text}");
        // Six pilot candidates (every task but the human-led one): five rows and one more.
        assert_eq!(doc.results.pilots.len(), 6);
        assert!(text.contains("and 1 more candidate task;"), "{text}");
    }

    #[test]
    fn the_largest_plan_still_fits_on_one_page_of_either_paper_size() {
        let doc = large_document();
        assert_eq!(doc.results.roles.len(), crate::plan::MAX_ROLES);
        for paper in [PaperSize::A4, PaperSize::Letter] {
            let pdf = plan_pdf(&doc, &fixed_meta(), &fonts(), paper).unwrap();
            assert_eq!(pages(&pdf), 1, "{paper:?}");
            let text = text_of(&pdf);
            let more = doc.results.pilots.len() - PILOT_ROWS;
            assert!(text.contains(&format!("and {more} more")), "{text}");
            let left_out = &text[text.find("Left out").expect("roles left out")..];
            assert!(
                left_out.contains("Missing role number 0 with a long title"),
                "{text}"
            );
            assert!(left_out.contains(" more."), "{text}");
            assert!(text.contains("generated 2026-11-29T08:30:00Z"), "{text}");
        }
    }

    #[test]
    fn clipped_text_keeps_to_its_lines_and_says_it_was_cut() {
        let fonts = fonts();
        let measure = Measure::new(&fonts.regular, &fonts.bold).unwrap();
        let long = "word ".repeat(200);
        let clipped = clip(&measure, &long, 8.0, Weight::Regular, 120.0, 2);
        let lines: Vec<&str> = clipped.lines().collect();
        assert_eq!(lines.len(), 2, "{clipped}");
        assert!(clipped.ends_with('…'), "{clipped}");
        for line in &lines {
            assert!(measure.width(line, 8.0, Weight::Regular) <= 120.0, "{line}");
        }
        assert_eq!(measure.wrap(&clipped, 8.0, Weight::Regular, 120.0).len(), 2);
        assert_eq!(
            clip(&measure, "short", 8.0, Weight::Regular, 120.0, 1),
            "short"
        );
    }
}
