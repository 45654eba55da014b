//! XLSX downloads with typed cells: numbers are numbers (shares as fractions shown with a percent
//! format, so sums and charts work), text is always written as text (never as a formula, so
//! hostile titles cannot run), headers are bold and frozen, and task and occupation tables carry
//! an autofilter. Human-facing labels ("Second reader") rather than the snake_case names of CSV.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

use super::{attribution, task_rows, ExportError, ExportMeta};
use crate::api_types::{attribution_for, CatalogRow};
use crate::assess::{Dimension, Pattern};
use crate::report::OccupationReport;

/// The report: a Summary sheet and a Tasks sheet.
pub fn report_xlsx(report: &OccupationReport, meta: &ExportMeta) -> Result<Vec<u8>, ExportError> {
    let mut workbook = new_workbook(&report.title, meta)?;
    let styles = Styles::new();
    write_summary(workbook.add_worksheet(), report, meta, &styles)?;
    write_tasks(
        workbook.add_worksheet(),
        std::slice::from_ref(report),
        &styles,
    )?;
    Ok(workbook.save_to_buffer()?)
}

/// Several reports: one summary row each on Summary, all their tasks on Tasks, and About.
pub fn comparison_xlsx(
    reports: &[OccupationReport],
    meta: &ExportMeta,
) -> Result<Vec<u8>, ExportError> {
    let mut workbook = new_workbook("Comparison", meta)?;
    let styles = Styles::new();
    let sheet = workbook.add_worksheet().set_name("Summary")?;
    let mut header = vec![
        "Code",
        "Occupation",
        "Verdict",
        "Automatability index",
        "Complementarity index",
    ];
    header.extend(patterns_by_authority().map(Pattern::label));
    write_header(sheet, &header, &styles)?;
    for (index, report) in reports.iter().enumerate() {
        let row = index as u32 + 1;
        let assessment = &report.assessment;
        sheet.write_string(row, 0, report.code.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 1, &report.title)?;
        sheet.write_string(row, 2, assessment.verdict.label())?;
        sheet.write_number_with_format(
            row,
            3,
            assessment.automatability_index,
            &styles.one_decimal,
        )?;
        sheet.write_number_with_format(
            row,
            4,
            assessment.complementarity_index,
            &styles.one_decimal,
        )?;
        for (offset, pattern) in patterns_by_authority().enumerate() {
            let share = assessment.pattern_shares.get(pattern);
            sheet.write_number_with_format(row, 5 + offset as u16, share, &styles.percent)?;
        }
    }
    finish_table(sheet, reports.len() as u32, &header, &[12.0, 36.0, 14.0])?;
    write_tasks(workbook.add_worksheet(), reports, &styles)?;
    let about = workbook.add_worksheet().set_name("About")?;
    let attribution = reports.iter().find_map(attribution);
    write_about(
        about,
        meta,
        meta.catalog_version.as_deref(),
        attribution,
        &styles,
    )?;
    Ok(workbook.save_to_buffer()?)
}

/// The catalog: one row per occupation, and About.
pub fn catalog_xlsx(rows: &[CatalogRow], meta: &ExportMeta) -> Result<Vec<u8>, ExportError> {
    let mut workbook = new_workbook("Occupation catalog", meta)?;
    let styles = Styles::new();
    let sheet = workbook.add_worksheet().set_name("Occupations")?;
    let mut header = vec![
        "Code",
        "Title",
        "Major group",
        "Major group title",
        "Source",
        "Source release",
        "Verdict",
        "Automatability index",
        "Complementarity index",
        "Dominant pattern",
    ];
    header.extend(patterns_by_authority().map(Pattern::label));
    header.extend([
        "Mean feasibility",
        "Mean autonomy risk",
        "Model version",
        "US employment",
        "Median annual wage",
        "Published measures",
    ]);
    write_header(sheet, &header, &styles)?;
    for (index, item) in rows.iter().enumerate() {
        let row = index as u32 + 1;
        let texts = [
            item.code.as_str(),
            &item.title,
            &item.major_group,
            &item.major_group_title,
            item.source.name(),
            item.source_release.as_deref().unwrap_or(""),
            item.verdict.label(),
        ];
        for (column, text) in texts.into_iter().enumerate() {
            sheet.write_string(row, column as u16, text)?;
        }
        sheet.write_number_with_format(row, 7, item.automatability_index, &styles.one_decimal)?;
        sheet.write_number_with_format(row, 8, item.complementarity_index, &styles.one_decimal)?;
        sheet.write_string(row, 9, item.dominant_pattern.label())?;
        for (offset, pattern) in patterns_by_authority().enumerate() {
            let share = item.pattern_shares.get(pattern);
            sheet.write_number_with_format(row, 10 + offset as u16, share, &styles.percent)?;
        }
        sheet.write_number_with_format(row, 17, item.mean_feasibility, &styles.one_decimal)?;
        sheet.write_number_with_format(row, 18, item.mean_autonomy_risk, &styles.one_decimal)?;
        sheet.write_string(row, 19, &item.model_version)?;
        let employment = item.employment.as_ref();
        if let Some(workers) = employment.and_then(|e| e.employment) {
            sheet.write_number(row, 20, workers as f64)?;
        }
        if let Some(wage) = employment.and_then(|e| e.median_annual_wage) {
            sheet.write_number(row, 21, wage as f64)?;
        }
        sheet.write_string(row, 22, item.measures_text())?;
    }
    finish_table(
        sheet,
        rows.len() as u32,
        &header,
        &[12.0, 36.0, 8.0, 30.0, 10.0, 12.0, 14.0],
    )?;
    let about = workbook.add_worksheet().set_name("About")?;
    let imported = rows.iter().find_map(|row| attribution_for(row.source));
    write_about(
        about,
        meta,
        meta.catalog_version.as_deref(),
        imported.as_deref(),
        &styles,
    )?;
    Ok(workbook.save_to_buffer()?)
}

pub(super) struct Styles {
    pub(super) bold: Format,
    pub(super) wrap: Format,
    pub(super) percent: Format,
    pub(super) one_decimal: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        Styles {
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            percent: Format::new().set_num_format("0.0%"),
            one_decimal: Format::new().set_num_format("0.0"),
        }
    }
}

/// A workbook whose document properties carry the title and the generation time, so two
/// downloads of the same data are byte-for-byte the same file.
pub(super) fn new_workbook(title: &str, meta: &ExportMeta) -> Result<Workbook, ExportError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_timestamp(meta.generated_at.unix_timestamp())?;
    let properties = DocProperties::new()
        .set_title(title)
        .set_author("Automatability Atlas")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// Automate first, as on the site.
pub(super) fn patterns_by_authority() -> impl Iterator<Item = Pattern> {
    Pattern::ALL.into_iter().rev()
}

pub(super) fn write_header(
    sheet: &mut Worksheet,
    header: &[&str],
    styles: &Styles,
) -> Result<(), ExportError> {
    for (column, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *title, &styles.bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Widths for the first columns (the rest get 14), and an autofilter over the table.
pub(super) fn finish_table(
    sheet: &mut Worksheet,
    rows: u32,
    header: &[&str],
    widths: &[f64],
) -> Result<(), ExportError> {
    for column in 0..header.len() {
        let width = widths.get(column).copied().unwrap_or(14.0);
        sheet.set_column_width(column as u16, width)?;
    }
    let last_column = header.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows.max(1), last_column)?;
    Ok(())
}

fn write_summary(
    sheet: &mut Worksheet,
    report: &OccupationReport,
    meta: &ExportMeta,
    styles: &Styles,
) -> Result<(), ExportError> {
    sheet.set_name("Summary")?;
    sheet.set_column_width(0, 28.0)?;
    sheet.set_column_width(1, 90.0)?;
    let assessment = &report.assessment;
    let mut lines = SummaryLines {
        sheet,
        styles,
        row: 0,
    };
    lines.text("Title", &report.title)?;
    lines.text("Code", report.code.as_deref().unwrap_or(""))?;
    if let Some(group) = &report.major_group {
        lines.text("Major group", &format!("{} {}", group.code, group.title))?;
    }
    lines.text("Source", report.source.name())?;
    lines.text("Verdict", assessment.verdict.label())?;
    lines.text("Why", &assessment.verdict_rationale)?;
    lines.text("Margin", &super::margin_sentence(report))?;
    lines.number(
        "Automatability index",
        assessment.automatability_index,
        &styles.one_decimal,
    )?;
    lines.number(
        "Complementarity index",
        assessment.complementarity_index,
        &styles.one_decimal,
    )?;
    lines.heading("Working time by pattern")?;
    for pattern in patterns_by_authority() {
        lines.number(
            pattern.label(),
            assessment.pattern_shares.get(pattern),
            &styles.percent,
        )?;
    }
    lines.heading("Held back by")?;
    for item in &assessment.top_bottlenecks {
        lines.number(item.dimension.label(), item.share, &styles.percent)?;
    }
    if let Some(figures) = &report.figures {
        lines.heading("Employment and published measures")?;
        if let Some(employment) = &figures.employment {
            lines.text("US employment", &employment.workers_text())?;
            lines.text("Median annual wage", &employment.wage_text())?;
            lines.text("Employment source", &employment.source)?;
        }
        for reading in &figures.measures {
            lines.text(
                &reading.title,
                &format!(
                    "{} ({} percentile of {}); the Atlas: {} percentile ({} {:.0}){}",
                    reading.value,
                    crate::measures::ordinal(reading.percentile),
                    reading.covers,
                    crate::measures::ordinal(reading.atlas_percentile),
                    reading.compare_with.label(),
                    reading.atlas_value,
                    reading
                        .disagreement
                        .as_ref()
                        .map(|reason| format!(". {reason}"))
                        .unwrap_or_default()
                ),
            )?;
        }
    }
    lines.row += 1;
    let catalog_version = meta.catalog_version_for(report);
    for (label, value) in about_rows(meta, catalog_version, attribution(report)) {
        lines.text(label, &value)?;
    }
    Ok(())
}

/// Label–value lines down the first two columns of a sheet.
pub(super) struct SummaryLines<'a> {
    pub(super) sheet: &'a mut Worksheet,
    pub(super) styles: &'a Styles,
    pub(super) row: u32,
}

impl SummaryLines<'_> {
    pub(super) fn text(&mut self, label: &str, value: &str) -> Result<(), ExportError> {
        self.sheet
            .write_string_with_format(self.row, 0, label, &self.styles.bold)?;
        self.sheet
            .write_string_with_format(self.row, 1, value, &self.styles.wrap)?;
        self.row += 1;
        Ok(())
    }

    pub(super) fn number(
        &mut self,
        label: &str,
        value: f64,
        format: &Format,
    ) -> Result<(), ExportError> {
        self.sheet.write_string(self.row, 0, label)?;
        self.sheet
            .write_number_with_format(self.row, 1, value, format)?;
        self.row += 1;
        Ok(())
    }

    /// A blank line, then a bold heading.
    pub(super) fn heading(&mut self, label: &str) -> Result<(), ExportError> {
        self.row += 1;
        self.sheet
            .write_string_with_format(self.row, 0, label, &self.styles.bold)?;
        self.row += 1;
        Ok(())
    }
}

fn about_rows(
    meta: &ExportMeta,
    catalog_version: Option<&str>,
    attribution: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Model version", crate::assess::MODEL_VERSION.to_owned()),
        (
            "Catalog version",
            catalog_version.unwrap_or("none").to_owned(),
        ),
        ("Generated at", meta.generated_at_text()),
        (
            "Method",
            "See /methodology for the rating scales, formulas and rule table.".to_owned(),
        ),
    ];
    if let Some(text) = attribution {
        rows.push(("Attribution", text.to_owned()));
    }
    rows
}

fn write_about(
    sheet: &mut Worksheet,
    meta: &ExportMeta,
    catalog_version: Option<&str>,
    attribution: Option<&str>,
    styles: &Styles,
) -> Result<(), ExportError> {
    sheet.set_column_width(0, 20.0)?;
    sheet.set_column_width(1, 90.0)?;
    for (row, (label, value)) in about_rows(meta, catalog_version, attribution)
        .into_iter()
        .enumerate()
    {
        sheet.write_string_with_format(row as u32, 0, label, &styles.bold)?;
        sheet.write_string_with_format(row as u32, 1, &value, &styles.wrap)?;
    }
    Ok(())
}

fn write_tasks(
    sheet: &mut Worksheet,
    reports: &[OccupationReport],
    styles: &Styles,
) -> Result<(), ExportError> {
    sheet.set_name("Tasks")?;
    let mut header = vec!["Code", "Occupation", "Task", "Share"];
    header.extend(Dimension::ALL.map(Dimension::label));
    header.extend([
        "Feasibility",
        "Autonomy risk",
        "Pattern",
        "Held back by",
        "What if",
        "Rationale",
        "Explanation",
        "Kind of work",
    ]);
    write_header(sheet, &header, styles)?;
    let mut row = 0;
    for report in reports {
        for (task, assessed) in task_rows(report).iter().zip(&report.assessment.tasks) {
            row += 1;
            sheet.write_string(row, 0, task.code)?;
            sheet.write_string(row, 1, task.occupation)?;
            sheet.write_string_with_format(row, 2, task.task, &styles.wrap)?;
            sheet.write_number_with_format(row, 3, assessed.share, &styles.percent)?;
            for (offset, rating) in task.ratings.iter().enumerate() {
                sheet.write_number(row, 4 + offset as u16, f64::from(*rating))?;
            }
            sheet.write_number_with_format(row, 8, task.feasibility, &styles.one_decimal)?;
            sheet.write_number_with_format(row, 9, task.autonomy_risk, &styles.one_decimal)?;
            sheet.write_string(row, 10, task.pattern.label())?;
            let held_back: Vec<&str> = assessed
                .assessment
                .bottleneck
                .iter()
                .map(|d| d.label())
                .collect();
            sheet.write_string(row, 11, held_back.join(", "))?;
            sheet.write_string(row, 12, &task.what_if)?;
            sheet.write_string(row, 13, task.rationale)?;
            sheet.write_string(row, 14, task.explanation)?;
            sheet.write_string(row, 15, task.kind.label())?;
        }
    }
    let widths = [
        12.0, 24.0, 48.0, 8.0, 9.0, 9.0, 9.0, 9.0, 10.0, 10.0, 16.0, 18.0, 44.0, 60.0, 50.0, 20.0,
    ];
    finish_table(sheet, row, &header, &widths)
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
