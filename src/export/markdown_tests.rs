//! Tests of the Markdown downloads: the golden summary, and hostile text read back through a
//! real CommonMark parser.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::*;
use crate::export::testing::{assert_golden, fixed_meta, hostile, radiologists, HOSTILE_TITLE};

/// The text of every table cell, list item and paragraph as a reader would see it, with `<br>`
/// read as a line break; fails on any other raw HTML.
fn rendered_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::InlineHtml(html) | Event::Html(html) => {
                assert_eq!(&*html, "<br>", "raw HTML leaked into the Markdown");
                current.push('\n');
            }
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            Event::Start(Tag::TableCell | Tag::Item | Tag::Paragraph | Tag::Heading { .. }) => {
                current.clear();
            }
            Event::End(
                TagEnd::TableCell | TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_),
            ) => {
                blocks.push(std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    blocks
}

#[test]
fn the_report_markdown_matches_its_golden_file() {
    assert_golden(
        "radiologists.md",
        &report_markdown(&radiologists(), &fixed_meta()),
    );
}

#[test]
fn the_summary_has_every_section_the_reader_needs() {
    let report = radiologists();
    let text = report_markdown(&report, &fixed_meta());
    assert!(text.starts_with("# Radiologists (29-1224.00)\n"));
    for section in [
        "## Working time by pattern",
        "## Tasks",
        "## Recommendations",
        "### Second reader — 30% of working time",
        "## What holds the work back",
        "## Method",
        "## Sources",
    ] {
        assert!(text.contains(section), "missing {section}");
    }
    assert!(text.contains(&format!(
        "**Verdict: {}.**",
        report.assessment.verdict.label()
    )));
    assert!(text.contains("/methodology"));
    assert!(text.contains("<https://doi.org/10.1016/S1470-2045(23)00298-X>"));
    assert!(
        !text.contains("## Attribution"),
        "curated data needs no O*NET attribution"
    );
}

#[test]
fn hostile_text_renders_exactly_as_written_in_tables_lists_and_headings() {
    let report = hostile();
    let text = report_markdown(&report, &fixed_meta());
    let blocks = rendered_blocks(&text);
    // In the task table and in the recommendations list.
    let cells = blocks
        .iter()
        .filter(|block| block.as_str() == HOSTILE_TITLE)
        .count();
    assert_eq!(cells, 1, "{blocks:#?}");
    assert!(blocks
        .iter()
        .any(|b| b.starts_with(HOSTILE_TITLE) && b.contains("(60%)")));
    assert!(blocks
        .iter()
        .any(|b| b == &format!("{} (43-9061.00)", report.title)));
    assert!(blocks
        .iter()
        .any(|b| b == "Notes with a | pipe,\na newline and <i>markup</i>."));
    assert!(
        blocks.iter().any(|b| b.contains("O*NET")),
        "O*NET data needs its attribution"
    );
}

#[test]
fn a_table_row_keeps_its_column_count_whatever_the_title() {
    let text = report_markdown(&hostile(), &fixed_meta());
    let task_rows: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("| Task |"))
        .take_while(|line| line.starts_with('|'))
        .collect();
    assert_eq!(task_rows.len(), 4);
    let columns = |line: &str| line.replace("\\|", "").matches('|').count();
    assert!(
        task_rows
            .iter()
            .all(|row| columns(row) == columns(task_rows[0])),
        "{task_rows:#?}"
    );
}

#[test]
fn inline_escapes_markers_at_the_start_and_markup_anywhere() {
    assert_eq!(inline("- not a list"), "\\- not a list");
    assert_eq!(inline("# not a heading"), "\\# not a heading");
    assert_eq!(inline("12. not numbered"), "12\\. not numbered");
    assert_eq!(
        inline("a *b* [c](d) <e> & `f`"),
        "a \\*b\\* \\[c\\](d) \\<e\\> \\& \\`f\\`"
    );
    assert_eq!(inline("one\r\ntwo\nthree"), "one<br>two<br>three");
    for text in [
        "- x", "1) y", "**z**", "<b>", "a|b", "\\", "_u_", "~~s~~", "![i](j)",
    ] {
        assert_eq!(
            rendered_blocks(&inline(text)),
            vec![text.to_owned()],
            "{text}"
        );
    }
}

#[test]
fn a_comparison_shows_every_occupation_side_by_side() {
    let reports = [radiologists(), hostile()];
    let text = comparison_markdown(&reports, &fixed_meta());
    assert!(text.starts_with("# Comparison: Radiologists · "));
    assert!(text.contains("## Radiologists (29-1224.00)"));
    assert!(text.contains("| Pattern | Radiologists | Clerks"));
    let blocks = rendered_blocks(&text);
    assert!(blocks.iter().any(|b| b == HOSTILE_TITLE));
    assert!(text.contains("## Attribution"));
}
