//! What goes on the PDF's pages, top to bottom: title, verdict, indices, the bar chart of
//! working time by pattern, the task table, the method note and any attribution.

use super::layout::{Column, Composer, Rgb, Weight, MUTED, TEXT, TRACK};
use crate::assess::{format_percent, Pattern, Verdict};
use crate::export::{attribution, ExportMeta};
use crate::report::{OccupationReport, ReportSource};

/// Pattern colours, as on the site (style/main.css).
const fn pattern_color(pattern: Pattern) -> Rgb {
    match pattern {
        Pattern::Automate => Rgb(0x8a, 0x3b, 0x12),
        Pattern::HumanApproves => Rgb(0xb8, 0x61, 0x2a),
        Pattern::SecondReader => Rgb(0x1b, 0x5f, 0xc1),
        Pattern::Triage => Rgb(0x2f, 0x7d, 0x9a),
        Pattern::QualityControl => Rgb(0x3f, 0x7f, 0x4f),
        Pattern::Copilot => Rgb(0x6d, 0x5a, 0xa8),
        Pattern::HumanLed => Rgb(0x5b, 0x65, 0x70),
    }
}

const fn verdict_color(verdict: Verdict) -> Rgb {
    match verdict {
        Verdict::Replace => Rgb(0x8a, 0x3b, 0x12),
        Verdict::Complement => Rgb(0x1b, 0x5f, 0xc1),
        Verdict::HumanLed => Rgb(0x3f, 0x7f, 0x4f),
    }
}

pub(super) fn compose_report(c: &mut Composer<'_>, report: &OccupationReport, meta: &ExportMeta) {
    let assessment = &report.assessment;
    c.paragraph(&report.title, 18.0, Weight::Bold, TEXT);
    let mut facts: Vec<String> = report.code.iter().cloned().collect();
    if let Some(group) = &report.major_group {
        facts.push(group.title.clone());
    }
    facts.push(match &report.source {
        ReportSource::Curated => "Curated catalog".to_owned(),
        ReportSource::Onet { release } => format!("Imported from {release}"),
        ReportSource::Profile => "Custom task profile".to_owned(),
    });
    c.paragraph(&facts.join(" · "), 9.0, Weight::Regular, MUTED);

    c.gap(10.0);
    let (pages_before, verdict_top) = (c.pages.len(), c.y);
    c.paragraph(
        &format!("Verdict: {}", assessment.verdict.label()),
        14.0,
        Weight::Bold,
        verdict_color(assessment.verdict),
    );
    c.paragraph(&assessment.verdict_rationale, 9.0, Weight::Regular, TEXT);
    let margin = super::super::margin_sentence(report);
    if !margin.is_empty() {
        c.paragraph(&margin, 9.0, Weight::Regular, TEXT);
    }
    let (left, bar_height) = (c.left(), c.y - verdict_top);
    // The coloured bar beside the verdict is drawn only when the block did not break across
    // pages, which takes a title many lines long.
    if c.pages.len() == pages_before {
        c.rect(
            left - 8.0,
            verdict_top + 3.0,
            3.0,
            bar_height,
            verdict_color(assessment.verdict),
        );
    }

    c.gap(8.0);
    c.ensure(28.0);
    let top = c.y;
    let half = c.page.content_width() / 2.0;
    for (offset, (label, value)) in [
        ("Automatability index", assessment.automatability_index),
        ("Complementarity index", assessment.complementarity_index),
    ]
    .into_iter()
    .enumerate()
    {
        let x = left + offset as f32 * half;
        c.text(
            x,
            top + 16.0,
            16.0,
            Weight::Bold,
            TEXT,
            &format!("{value:.1}"),
        );
        let number_width = c.measure.width(&format!("{value:.1}"), 16.0, Weight::Bold);
        c.text(
            x + number_width + 4.0,
            top + 16.0,
            9.0,
            Weight::Regular,
            MUTED,
            "/ 100",
        );
        c.text(x, top + 27.0, 8.5, Weight::Regular, MUTED, label);
    }
    c.y = top + 30.0;

    c.heading("Working time by pattern", 7.0 * 14.0);
    draw_pattern_chart(c, report);

    c.heading("Tasks", 40.0);
    draw_task_table(c, report);

    c.heading("Method", 30.0);
    c.paragraph(
        "Each task is rated 1–5 on standardization (S), error tolerance (E), verifiability (V) and \
         frequency (F). Feasibility is the geometric mean of S, V and F; error tolerance sets the \
         autonomy risk; a fixed rule table picks each task's pattern, and the verdict follows from \
         the share of working time under each pattern. Full method: /methodology.",
        8.0,
        Weight::Regular,
        MUTED,
    );
    c.paragraph(
        &format!(
            "Model version {} · catalog version {} · generated {}",
            assessment.model_version,
            meta.catalog_version_for(report).unwrap_or("none"),
            meta.generated_at_text()
        ),
        8.0,
        Weight::Regular,
        MUTED,
    );
    if let Some(text) = attribution(report) {
        c.gap(4.0);
        c.paragraph(text, 7.5, Weight::Regular, MUTED);
    }
}

/// One horizontal bar per pattern, automate first, length proportional to its share.
fn draw_pattern_chart(c: &mut Composer<'_>, report: &OccupationReport) {
    let shares = &report.assessment.pattern_shares;
    let label_width = 92.0;
    let value_width = 40.0;
    let track_width = c.page.content_width() - label_width - value_width;
    let row = 14.0;
    for pattern in Pattern::ALL.into_iter().rev() {
        c.ensure(row);
        let (left, top) = (c.left(), c.y);
        let share = shares.get(pattern).clamp(0.0, 1.0) as f32;
        c.text(
            left,
            top + 10.0,
            8.5,
            Weight::Regular,
            TEXT,
            pattern.label(),
        );
        let track_x = left + label_width;
        c.rect(track_x, top + 2.5, track_width, 9.0, TRACK);
        if share > 0.0 {
            c.rect(
                track_x,
                top + 2.5,
                (track_width * share).max(1.0),
                9.0,
                pattern_color(pattern),
            );
        }
        let value = format_percent(f64::from(share));
        let value_x = left + label_width + track_width + value_width
            - c.measure.width(&value, 8.5, Weight::Bold);
        c.text(value_x, top + 10.0, 8.5, Weight::Bold, TEXT, &value);
        c.y = top + row;
    }
}

fn draw_task_table(c: &mut Composer<'_>, report: &OccupationReport) {
    let fixed = [36.0, 16.0, 16.0, 16.0, 16.0, 74.0, 80.0];
    let task_width = c.page.content_width() - fixed.iter().sum::<f32>();
    let columns = [
        Column {
            title: "Task",
            width: task_width,
            right: false,
        },
        Column {
            title: "Share",
            width: fixed[0],
            right: true,
        },
        Column {
            title: "S",
            width: fixed[1],
            right: true,
        },
        Column {
            title: "E",
            width: fixed[2],
            right: true,
        },
        Column {
            title: "V",
            width: fixed[3],
            right: true,
        },
        Column {
            title: "F",
            width: fixed[4],
            right: true,
        },
        Column {
            title: "Pattern",
            width: fixed[5],
            right: false,
        },
        Column {
            title: "Held back by",
            width: fixed[6],
            right: false,
        },
    ];
    let rows: Vec<Vec<String>> = report
        .assessment
        .tasks
        .iter()
        .map(|task| {
            let a = &task.assessment;
            let held_back: Vec<&str> = a.bottleneck.iter().map(|d| d.label()).collect();
            vec![
                task.title.clone(),
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
    c.table(&columns, &rows);
}
