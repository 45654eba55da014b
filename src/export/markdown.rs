//! Markdown downloads: a readable one-page summary of a report, and a side-by-side comparison.
//! CommonMark with GitHub tables.
//!
//! All text that did not come from this file (titles, notes, rationales, sources) goes through
//! `inline`, which escapes every character that could start markup, so a title can neither
//! break a table nor inject HTML: `<script>` is shown, never run. Line breaks inside a cell or
//! heading become `<br>`, the only raw HTML this module writes.

use std::fmt::Write;

use super::{attribution, ExportMeta};
use crate::assess::{format_percent, Pattern, Rule, WhatIf};
use crate::report::{OccupationReport, ReportSource};

/// The report as a one-page summary.
pub fn report_markdown(report: &OccupationReport, meta: &ExportMeta) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let assessment = &report.assessment;
    let _ = writeln!(out, "# {}\n", heading(report));
    let mut facts = Vec::new();
    if let Some(group) = &report.major_group {
        facts.push(format!(
            "{} (major group {})",
            inline(&group.title),
            inline(&group.code)
        ));
    }
    facts.push(source_text(report));
    if !report.alt_titles.is_empty() {
        let titles: Vec<String> = report.alt_titles.iter().map(|t| inline(t)).collect();
        facts.push(format!("also known as {}", titles.join(", ")));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if !report.note.trim().is_empty() {
        let _ = writeln!(out, "{}\n", inline(report.note.trim()));
    }
    let _ = writeln!(
        out,
        "**Verdict: {}.** {}\n",
        assessment.verdict.label(),
        inline(&assessment.verdict_rationale)
    );
    let margin = super::margin_sentence(report);
    if !margin.is_empty() {
        let _ = writeln!(out, "{}\n", inline(&margin));
    }
    write_indices(&mut out, report);
    write_pattern_shares(&mut out, report);
    out.push_str("## Tasks\n\n");
    write_task_table(&mut out, report);
    write_recommendations(&mut out, report);
    write_bottlenecks(&mut out, report);
    write_method(&mut out, report, meta);
    write_sources(&mut out, std::slice::from_ref(report));
    out
}

/// Several reports side by side: a summary table, pattern shares, then each one's tasks.
pub fn comparison_markdown(reports: &[OccupationReport], meta: &ExportMeta) -> String {
    let mut out = String::with_capacity(8 * 1024 * reports.len().max(1));
    let titles: Vec<String> = reports.iter().map(|r| inline(&r.title)).collect();
    let _ = writeln!(out, "# Comparison: {}\n", titles.join(" · "));
    let rows = reports
        .iter()
        .map(|report| {
            let assessment = &report.assessment;
            vec![
                heading(report),
                assessment.verdict.label().to_owned(),
                format!("{:.1}", assessment.automatability_index),
                format!("{:.1}", assessment.complementarity_index),
                format_percent(assessment.pattern_shares.handed_over()),
                format_percent(assessment.pattern_shares.get(Pattern::HumanLed)),
                assessment
                    .top_bottlenecks
                    .first()
                    .map_or_else(|| "none".to_owned(), |b| b.dimension.label().to_owned()),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            ("Occupation", false),
            ("Verdict", false),
            ("Automatability", true),
            ("Complementarity", true),
            ("Handed to a machine", true),
            ("Human-led", true),
            ("Held back most by", false),
        ],
        rows,
    );
    out.push_str("## Working time by pattern\n\n");
    let mut columns = vec![("Pattern".to_owned(), false)];
    columns.extend(titles.iter().map(|title| (title.clone(), true)));
    let columns: Vec<(&str, bool)> = columns.iter().map(|(t, r)| (t.as_str(), *r)).collect();
    let rows = patterns_by_authority()
        .map(|pattern| {
            let mut row = vec![pattern.label().to_owned()];
            row.extend(
                reports
                    .iter()
                    .map(|r| format_percent(r.assessment.pattern_shares.get(pattern))),
            );
            row
        })
        .collect();
    table(&mut out, &columns, rows);
    for report in reports {
        let _ = writeln!(out, "## {}\n", heading(report));
        let assessment = &report.assessment;
        let _ = writeln!(
            out,
            "**Verdict: {}.** {}\n",
            assessment.verdict.label(),
            inline(&assessment.verdict_rationale)
        );
        write_task_table(&mut out, report);
    }
    match reports.first() {
        Some(first) => write_method(&mut out, first, meta),
        None => out.push_str("No occupations were selected.\n"),
    }
    write_sources(&mut out, reports);
    out
}

fn heading(report: &OccupationReport) -> String {
    match &report.code {
        Some(code) => format!("{} ({})", inline(&report.title), inline(code)),
        None => inline(&report.title),
    }
}

fn source_text(report: &OccupationReport) -> String {
    match &report.source {
        ReportSource::Curated => "curated catalog".to_owned(),
        ReportSource::Onet { release } => {
            format!("imported from {}", inline(release))
        }
        ReportSource::Profile => "custom task profile".to_owned(),
    }
}

fn write_indices(out: &mut String, report: &OccupationReport) {
    let assessment = &report.assessment;
    table(
        out,
        &[("Index", false), ("Value", true), ("Meaning", false)],
        vec![
            vec![
                "Automatability index".to_owned(),
                format!("{:.1} / 100", assessment.automatability_index),
                "How much of the work a machine could do, discounted for the harm its errors could do.".to_owned(),
            ],
            vec![
                "Complementarity index".to_owned(),
                format!("{:.1} / 100", assessment.complementarity_index),
                "How much of the work a machine could help with while a person stays responsible.".to_owned(),
            ],
        ],
    );
}

/// Automate first: the order in which a reader asks "what can a machine take?".
fn patterns_by_authority() -> impl Iterator<Item = Pattern> {
    Pattern::ALL.into_iter().rev()
}

fn write_pattern_shares(out: &mut String, report: &OccupationReport) {
    out.push_str("## Working time by pattern\n\n");
    let shares = &report.assessment.pattern_shares;
    let rows = patterns_by_authority()
        .map(|pattern| {
            vec![
                pattern.label().to_owned(),
                format_percent(shares.get(pattern)),
                pattern.meaning().to_owned(),
            ]
        })
        .collect();
    table(
        out,
        &[
            ("Pattern", false),
            ("Share of working time", true),
            ("Who does what", false),
        ],
        rows,
    );
}

fn write_task_table(out: &mut String, report: &OccupationReport) {
    let rows = report
        .assessment
        .tasks
        .iter()
        .map(|task| {
            let a = &task.assessment;
            let held_back: Vec<&str> = a.bottleneck.iter().map(|d| d.label()).collect();
            vec![
                inline(&task.title),
                a.kind.label().to_owned(),
                format_percent(task.share),
                a.ratings.standardization.to_string(),
                a.ratings.error_tolerance.to_string(),
                a.ratings.verifiability.to_string(),
                a.ratings.frequency.to_string(),
                a.pattern.label().to_owned(),
                if held_back.is_empty() {
                    "—".to_owned()
                } else {
                    held_back.join(", ")
                },
            ]
        })
        .collect();
    table(
        out,
        &[
            ("Task", false),
            ("Kind of work", false),
            ("Share", true),
            ("S", true),
            ("E", true),
            ("V", true),
            ("F", true),
            ("Pattern", false),
            ("Held back by", false),
        ],
        rows,
    );
    out.push_str(
        "S standardization, E error tolerance, V verifiability, F frequency: each rated 1–5, \
         5 being the most favourable to automation.\n\n",
    );
}

fn write_recommendations(out: &mut String, report: &OccupationReport) {
    out.push_str("## Recommendations\n\n");
    let shares = &report.assessment.pattern_shares;
    let mut present: Vec<Pattern> = Pattern::ALL
        .into_iter()
        .filter(|&p| {
            report
                .assessment
                .tasks
                .iter()
                .any(|t| t.assessment.pattern == p)
        })
        .collect();
    // Largest share first; equal shares by machine authority, highest first.
    present.sort_by(|a, b| shares.get(*b).total_cmp(&shares.get(*a)).then(b.cmp(a)));
    for pattern in present {
        let _ = writeln!(
            out,
            "### {} — {} of working time\n\n{}\n\n**What to do:** {}\n",
            pattern.label(),
            format_percent(shares.get(pattern)),
            pattern.meaning(),
            pattern.deployment_advice()
        );
        let tasks: Vec<_> = report
            .assessment
            .tasks
            .iter()
            .filter(|t| t.assessment.pattern == pattern)
            .collect();
        let mut rules: Vec<Rule> = tasks.iter().map(|t| t.assessment.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        let reasons: Vec<&str> = rules.iter().map(|rule| rule.doc().why).collect();
        let _ = writeln!(out, "**Why:** {}\n", inline(&reasons.join(" ")));
        for task in tasks {
            let _ = write!(
                out,
                "- {} ({})",
                inline(&task.title),
                format_percent(task.share)
            );
            if let Some(change) = &task.assessment.what_if {
                let _ = write!(out, ". What-if: {}", what_if_sentence(change));
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

/// `raising error tolerance from 2 to 4 would make it Human approves.`
fn what_if_sentence(change: &WhatIf) -> String {
    let verb = if change.is_raise() {
        "raising"
    } else {
        "lowering"
    };
    format!(
        "{verb} {} from {} to {} would make it {}.",
        change.dimension.phrase(),
        change.from,
        change.to,
        change.new_pattern.label()
    )
}

fn write_bottlenecks(out: &mut String, report: &OccupationReport) {
    out.push_str("## What holds the work back\n\n");
    let top = &report.assessment.top_bottlenecks;
    if top.is_empty() {
        out.push_str("No task is held back by a rating of 3 or lower.\n\n");
        return;
    }
    for item in top {
        let _ = writeln!(
            out,
            "- {}: {} of working time. {}",
            item.dimension.label(),
            format_percent(item.share),
            item.dimension.question()
        );
    }
    out.push('\n');
}

fn write_method(out: &mut String, report: &OccupationReport, meta: &ExportMeta) {
    out.push_str("## Method\n\n");
    let _ = writeln!(
        out,
        "Each task is rated 1–5 on standardization, error tolerance, verifiability and frequency. \
         Feasibility is the geometric mean of standardization, verifiability and frequency; error \
         tolerance sets the autonomy risk; a fixed rule table picks the pattern, and the verdict \
         follows from the share of working time under each pattern. The full method, thresholds \
         and rule table are at /methodology.\n\n\
         Model version {}; catalog version {}; generated {}.\n",
        report.assessment.model_version,
        inline(meta.catalog_version_for(report).unwrap_or("none")),
        meta.generated_at_text()
    );
}

fn write_sources(out: &mut String, reports: &[OccupationReport]) {
    let evidence: Vec<_> = reports.iter().flat_map(|r| &r.evidence).collect();
    if !evidence.is_empty() {
        out.push_str("## Sources\n\n");
        for item in evidence {
            let _ = write!(
                out,
                "- {} ({}). {}",
                inline(&item.source),
                item.year,
                inline(&item.finding)
            );
            if let Some(url) = item.url.as_deref() {
                out.push(' ');
                out.push_str(&link(url));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if let Some(text) = reports.iter().find_map(attribution) {
        let _ = writeln!(out, "## Attribution\n\n{}\n", inline(text));
    }
}

/// An autolink for a plain http(s) URL; anything else is shown as escaped text.
fn link(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '`')
        });
    if plain {
        format!("<{url}>")
    } else {
        inline(url)
    }
}

/// A GitHub table; `columns` are (header, right aligned). Cells must already be escaped.
fn table(out: &mut String, columns: &[(&str, bool)], rows: Vec<Vec<String>>) {
    let header: Vec<&str> = columns.iter().map(|(title, _)| *title).collect();
    let rule: Vec<&str> = columns
        .iter()
        .map(|(_, right)| if *right { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |\n| {} |", header.join(" | "), rule.join(" | "));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// Text as inline Markdown that renders exactly as written: every ASCII character that can start
/// markup is backslash-escaped, a leading list or heading marker too, line breaks become `<br>`.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    // A marker at the very start would turn a list item's text into a nested list or heading.
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if text.starts_with(['#', '-', '+', '=']) {
        out.push('\\');
    } else if !digits.is_empty() && text[digits.len()..].starts_with(['.', ')']) {
        out.push_str(&digits);
        out.push('\\');
        for _ in 0..digits.len() {
            chars.next();
        }
    }
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
