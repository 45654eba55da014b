//! The plan as a workbook, one sheet per view: Summary, By role, By pattern, Pilot first, Tasks
//! and Assumptions. Cells are typed as in the other workbooks: hours are numbers, percentages
//! are fractions shown with a percent format, and text is always written as text.

use rust_xlsxwriter::{Format, Worksheet};

use super::{catalog_version, plan_task_rows, FORMULAS};
use crate::assess::Pattern;
use crate::export::xlsx::{
    finish_table, new_workbook, patterns_by_authority, write_header, Styles, SummaryLines,
};
use crate::export::{ExportError, ExportMeta};
use crate::plan::compute::hands_over;
use crate::plan::settings::{adjustable_patterns, basis};
use crate::plan::PlanDocument;

/// The sheets, in order.
pub(crate) const SHEETS: [&str; 6] = [
    "Summary",
    "By role",
    "By pattern",
    "Pilot first",
    "Tasks",
    "Assumptions",
];

/// The plan as an XLSX workbook.
pub fn plan_xlsx(doc: &PlanDocument, meta: &ExportMeta) -> Result<Vec<u8>, ExportError> {
    let mut workbook = new_workbook(&doc.basis.name, meta)?;
    let styles = Styles::new();
    let formats = Formats::new();
    let [summary, roles, patterns, pilots, tasks, assumptions] = SHEETS;
    let sheet = workbook.add_worksheet().set_name(summary)?;
    write_summary(sheet, doc, meta, &styles, &formats)?;
    let sheet = workbook.add_worksheet().set_name(roles)?;
    write_roles(sheet, doc, &styles, &formats)?;
    let sheet = workbook.add_worksheet().set_name(patterns)?;
    write_patterns(sheet, doc, &styles, &formats)?;
    let sheet = workbook.add_worksheet().set_name(pilots)?;
    write_pilots(sheet, doc, &styles, &formats)?;
    let sheet = workbook.add_worksheet().set_name(tasks)?;
    write_tasks(sheet, doc, &styles, &formats)?;
    let sheet = workbook.add_worksheet().set_name(assumptions)?;
    write_assumptions(sheet, doc, &styles, &formats)?;
    Ok(workbook.save_to_buffer()?)
}

/// Number formats the report workbooks do not need.
struct Formats {
    hours: Format,
    fte: Format,
    money: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            hours: Format::new().set_num_format("#,##0"),
            fte: Format::new().set_num_format("#,##0.0"),
            money: Format::new().set_num_format("#,##0.00"),
        }
    }
}

fn write_summary(
    sheet: &mut Worksheet,
    doc: &PlanDocument,
    meta: &ExportMeta,
    styles: &Styles,
    formats: &Formats,
) -> Result<(), ExportError> {
    sheet.set_column_width(0, 44.0)?;
    sheet.set_column_width(1, 80.0)?;
    let totals = &doc.results.totals;
    let mut lines = SummaryLines {
        sheet,
        styles,
        row: 0,
    };
    lines.text("Plan", &doc.basis.name)?;
    if !doc.basis.description.trim().is_empty() {
        lines.text("Description", &doc.basis.description)?;
    }
    lines.number("Roles", doc.results.roles.len() as f64, &formats.hours)?;
    lines.number("Total FTE", totals.fte, &formats.fte)?;
    lines.number(
        "Hours per FTE-year (roles may give their own)",
        doc.basis.hours_per_fte,
        &formats.hours,
    )?;
    lines.number("Hours per year", totals.hours, &formats.hours)?;
    lines.heading("Hours per year with the assumptions")?;
    lines.number(
        "Handed over (automate, human approves)",
        totals.handed_over,
        &formats.hours,
    )?;
    lines.number(
        "  freed, net of sign-off and exceptions",
        totals.handed_over_freed,
        &formats.hours,
    )?;
    lines.number("  sign-off and exceptions", totals.sign_off, &formats.hours)?;
    lines.number(
        "Change shape (second reader, triage, quality control, copilot)",
        totals.reshaped,
        &formats.hours,
    )?;
    lines.number("  saved", totals.reshaped_freed, &formats.hours)?;
    lines.number("Kept with people (human-led)", totals.kept, &formats.hours)?;
    lines.number("Hours freed in all", totals.freed, &formats.hours)?;
    lines.number("Freed FTE", totals.freed_fte, &formats.fte)?;
    lines.number("Reviewer load, hours", totals.review, &formats.hours)?;
    lines.number("Reviewer load, FTE", totals.review_fte, &formats.fte)?;
    if totals.costed_roles > 0 {
        lines.number(
            &format!(
                "Value of freed hours ({} of {} roles give a cost)",
                totals.costed_roles,
                doc.results.roles.len()
            ),
            totals.freed_value,
            &formats.money,
        )?;
    } else {
        lines.text("Value of freed hours", "no role gives an hourly cost")?;
    }
    if !doc.missing_roles.is_empty() {
        lines.heading("Roles left out: their occupation or profile no longer exists")?;
        for role in &doc.missing_roles {
            lines.text("Left out", role)?;
        }
    }
    lines.row += 1;
    lines.text("Model version", &doc.results.model_version)?;
    lines.text(
        "Catalog version",
        catalog_version(doc, meta).unwrap_or("none"),
    )?;
    lines.text("Generated at", &meta.generated_at_text())?;
    lines.text(
        "Method",
        "See the Assumptions sheet for the figures behind every number, and /methodology for the model.",
    )?;
    Ok(())
}

fn write_roles(
    sheet: &mut Worksheet,
    doc: &PlanDocument,
    styles: &Styles,
    formats: &Formats,
) -> Result<(), ExportError> {
    let mut header = vec![
        "Role",
        "Reference",
        "Verdict",
        "Headcount (FTE)",
        "Hours per FTE-year",
        "Hourly cost",
        "Hours per year",
    ];
    let pattern_titles: Vec<String> = patterns_by_authority()
        .map(|pattern| format!("{} hours", pattern.label()))
        .collect();
    header.extend(pattern_titles.iter().map(String::as_str));
    header.extend(["Hours freed", "Reviewer load hours", "Value of freed hours"]);
    write_header(sheet, &header, styles)?;
    for (index, role) in doc.results.roles.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string(row, 0, &role.title)?;
        sheet.write_string(row, 1, role.reference.to_string())?;
        sheet.write_string(row, 2, role.verdict.label())?;
        sheet.write_number_with_format(row, 3, role.headcount, &formats.fte)?;
        sheet.write_number_with_format(row, 4, role.hours_per_fte, &formats.hours)?;
        if let Some(cost) = role.hourly_cost {
            sheet.write_number_with_format(row, 5, cost, &formats.money)?;
        }
        sheet.write_number_with_format(row, 6, role.hours, &formats.hours)?;
        for (offset, pattern) in patterns_by_authority().enumerate() {
            let hours = role.by_pattern[usize::from(pattern.level())].hours;
            sheet.write_number_with_format(row, 7 + offset as u16, hours, &formats.hours)?;
        }
        sheet.write_number_with_format(row, 14, role.freed, &formats.hours)?;
        sheet.write_number_with_format(row, 15, role.review, &formats.hours)?;
        if let Some(value) = role.freed_value {
            sheet.write_number_with_format(row, 16, value, &formats.money)?;
        }
    }
    finish_table(
        sheet,
        doc.results.roles.len() as u32,
        &header,
        &[40.0, 14.0, 12.0],
    )
}

fn write_patterns(
    sheet: &mut Worksheet,
    doc: &PlanDocument,
    styles: &Styles,
    formats: &Formats,
) -> Result<(), ExportError> {
    let header = [
        "Pattern",
        "Hours per year",
        "Hours freed",
        "Hours people still spend",
        "Person share",
        "Adoption",
        "What changes",
    ];
    write_header(sheet, &header, styles)?;
    let mut row = 0;
    for pattern in patterns_by_authority() {
        row += 1;
        let figures = doc.results.pattern(pattern);
        let setting = doc.settings.get(pattern);
        sheet.write_string(row, 0, pattern.label())?;
        sheet.write_number_with_format(row, 1, figures.hours, &formats.hours)?;
        sheet.write_number_with_format(row, 2, figures.freed, &formats.hours)?;
        sheet.write_number_with_format(row, 3, figures.person_hours(), &formats.hours)?;
        sheet.write_number_with_format(row, 4, setting.person_share / 100.0, &styles.percent)?;
        sheet.write_number_with_format(row, 5, setting.adoption / 100.0, &styles.percent)?;
        let change = if hands_over(pattern) {
            "handed over"
        } else if pattern == Pattern::HumanLed {
            "kept with people"
        } else {
            "changes shape"
        };
        sheet.write_string(row, 6, change)?;
    }
    let totals = &doc.results.totals;
    row += 1;
    sheet.write_string_with_format(row, 0, "Total", &styles.bold)?;
    sheet.write_number_with_format(row, 1, totals.hours, &formats.hours)?;
    sheet.write_number_with_format(row, 2, totals.freed, &formats.hours)?;
    sheet.write_number_with_format(row, 3, totals.hours - totals.freed, &formats.hours)?;
    for (column, width) in [18.0, 14.0, 14.0, 16.0, 12.0, 12.0, 18.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(column as u16, width)?;
    }
    Ok(())
}

fn write_pilots(
    sheet: &mut Worksheet,
    doc: &PlanDocument,
    styles: &Styles,
    formats: &Formats,
) -> Result<(), ExportError> {
    let header = [
        "Rank",
        "Role",
        "Task",
        "Pattern",
        "Hours per year",
        "Hours freed",
        "Feasibility",
        "Autonomy risk",
        "Held back by",
        "Priority",
        "What to measure",
    ];
    write_header(sheet, &header, styles)?;
    for (index, pilot) in doc.results.pilots.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_number(row, 0, f64::from(row))?;
        sheet.write_string(row, 1, &pilot.role_title)?;
        sheet.write_string_with_format(row, 2, &pilot.task, &styles.wrap)?;
        sheet.write_string(row, 3, pilot.pattern.label())?;
        sheet.write_number_with_format(row, 4, pilot.hours, &formats.hours)?;
        sheet.write_number_with_format(row, 5, pilot.freed, &formats.hours)?;
        sheet.write_number_with_format(row, 6, pilot.feasibility, &styles.one_decimal)?;
        sheet.write_number_with_format(row, 7, pilot.autonomy_risk, &styles.one_decimal)?;
        let held_back: Vec<&str> = pilot.bottleneck.iter().map(|d| d.label()).collect();
        sheet.write_string(row, 8, held_back.join(", "))?;
        sheet.write_number_with_format(row, 9, pilot.priority, &formats.hours)?;
        sheet.write_string_with_format(row, 10, &pilot.measure, &styles.wrap)?;
    }
    finish_table(
        sheet,
        doc.results.pilots.len() as u32,
        &header,
        &[
            6.0, 30.0, 48.0, 16.0, 12.0, 12.0, 10.0, 10.0, 16.0, 10.0, 80.0,
        ],
    )
}

fn write_tasks(
    sheet: &mut Worksheet,
    doc: &PlanDocument,
    styles: &Styles,
    formats: &Formats,
) -> Result<(), ExportError> {
    let header = [
        "Role",
        "Reference",
        "Headcount (FTE)",
        "Hours per FTE-year",
        "Hourly cost",
        "Task",
        "Pattern",
        "Hours per year",
        "Hours freed",
        "Hours people still spend",
        "Feasibility",
        "Autonomy risk",
        "Pilot rank",
    ];
    write_header(sheet, &header, styles)?;
    let rows = plan_task_rows(doc);
    for (index, task) in rows.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string(row, 0, task.role)?;
        sheet.write_string(row, 1, &task.reference)?;
        sheet.write_number_with_format(row, 2, task.headcount, &formats.fte)?;
        sheet.write_number_with_format(row, 3, task.hours_per_fte, &formats.hours)?;
        if let Some(cost) = task.hourly_cost {
            sheet.write_number_with_format(row, 4, cost, &formats.money)?;
        }
        sheet.write_string_with_format(row, 5, task.task, &styles.wrap)?;
        sheet.write_string(row, 6, task.pattern.label())?;
        sheet.write_number_with_format(row, 7, task.hours, &formats.hours)?;
        sheet.write_number_with_format(row, 8, task.freed, &formats.hours)?;
        sheet.write_number_with_format(row, 9, task.person_hours(), &formats.hours)?;
        sheet.write_number_with_format(row, 10, task.feasibility, &styles.one_decimal)?;
        sheet.write_number_with_format(row, 11, task.autonomy_risk, &styles.one_decimal)?;
        if let Some(rank) = task.pilot_rank {
            sheet.write_number(row, 12, rank as f64)?;
        }
    }
    finish_table(
        sheet,
        rows.len() as u32,
        &header,
        &[30.0, 14.0, 10.0, 10.0, 10.0, 48.0, 16.0],
    )
}

fn write_assumptions(
    sheet: &mut Worksheet,
    doc: &PlanDocument,
    styles: &Styles,
    formats: &Formats,
) -> Result<(), ExportError> {
    let header = [
        "Pattern",
        "Person share",
        "Adoption",
        "What the person still does",
        "Source",
        "Evidence",
    ];
    write_header(sheet, &header, styles)?;
    let mut row = 0;
    for pattern in adjustable_patterns() {
        row += 1;
        let setting = doc.settings.get(pattern);
        let basis = basis(pattern);
        sheet.write_string(row, 0, pattern.label())?;
        sheet.write_number_with_format(row, 1, setting.person_share / 100.0, &styles.percent)?;
        sheet.write_number_with_format(row, 2, setting.adoption / 100.0, &styles.percent)?;
        sheet.write_string_with_format(row, 3, basis.person_work, &styles.wrap)?;
        let source = if basis.published {
            "published"
        } else {
            "own assumption"
        };
        sheet.write_string(row, 4, source)?;
        sheet.write_string_with_format(row, 5, basis.evidence, &styles.wrap)?;
    }
    row += 2;
    sheet.write_string_with_format(row, 0, "Hours per FTE-year", &styles.bold)?;
    sheet.write_number_with_format(row, 1, doc.basis.hours_per_fte, &formats.hours)?;
    sheet.write_string_with_format(
        row,
        3,
        "The plan's figure, for roles that do not give their own; also the unit of every FTE total.",
        &styles.wrap,
    )?;
    row += 2;
    sheet.write_string_with_format(row, 0, "Formulas", &styles.bold)?;
    for (name, formula) in FORMULAS {
        row += 1;
        sheet.write_string(row, 0, name)?;
        sheet.merge_range(row, 1, row, 5, formula, &styles.wrap)?;
    }
    for (column, width) in [18.0, 12.0, 10.0, 36.0, 16.0, 100.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(column as u16, width)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::export::plan::testing::{sample_document, HOSTILE_ROLE};
    use crate::export::testing::fixed_meta;

    fn label_value(range: &calamine::Range<Data>, label: &str) -> Option<Data> {
        range
            .rows()
            .find(|row| row[0] == Data::String(label.to_owned()))
            .map(|row| row[1].clone())
    }

    #[test]
    fn the_workbook_is_a_zip_whose_workbook_xml_names_the_six_sheets() {
        let bytes = plan_xlsx(&sample_document(), &fixed_meta()).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut workbook_xml = String::new();
        archive
            .by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut workbook_xml)
            .unwrap();
        for name in SHEETS {
            assert!(
                workbook_xml.contains(&format!("name=\"{name}\"")),
                "{name} missing from {workbook_xml}"
            );
        }
    }

    #[test]
    fn every_sheet_reads_back_with_typed_cells_and_the_plan_totals() {
        let doc = sample_document();
        let bytes = plan_xlsx(&doc, &fixed_meta()).unwrap();
        let mut workbook = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(workbook.sheet_names(), SHEETS);
        let totals = &doc.results.totals;

        let summary = workbook.worksheet_range("Summary").unwrap();
        assert_eq!(
            label_value(&summary, "Plan"),
            Some(Data::String("Claims team".into()))
        );
        assert_eq!(
            label_value(&summary, "Freed FTE"),
            Some(Data::Float(totals.freed_fte))
        );
        assert_eq!(
            label_value(&summary, "Reviewer load, hours"),
            Some(Data::Float(totals.review))
        );
        assert_eq!(
            label_value(&summary, "Left out"),
            Some(Data::String("29-9999.00".into()))
        );
        assert_eq!(
            label_value(&summary, "Value of freed hours (2 of 3 roles give a cost)"),
            Some(Data::Float(totals.freed_value))
        );
        assert_eq!(
            label_value(&summary, "Model version"),
            Some(Data::String("test-model".into()))
        );

        let roles = workbook.worksheet_range("By role").unwrap();
        assert_eq!(roles.height(), doc.results.roles.len() + 1);
        assert_eq!(
            roles.get_value((0, 7)),
            Some(&Data::String("Automate hours".into()))
        );
        assert_eq!(
            roles.get_value((3, 0)),
            Some(&Data::String(HOSTILE_ROLE.into()))
        );
        // Radiologists give no cost: the value cell stays empty.
        assert!(matches!(roles.get_value((2, 16)), None | Some(Data::Empty)));

        let patterns = workbook.worksheet_range("By pattern").unwrap();
        assert_eq!(patterns.height(), 7 + 2);
        assert_eq!(
            patterns.get_value((1, 0)),
            Some(&Data::String("Automate".into()))
        );
        assert_eq!(patterns.get_value((1, 4)), Some(&Data::Float(0.1)));
        assert_eq!(patterns.get_value((8, 1)), Some(&Data::Float(totals.hours)));

        let pilots = workbook.worksheet_range("Pilot first").unwrap();
        assert_eq!(pilots.height(), doc.results.pilots.len() + 1);
        assert_eq!(
            pilots.get_value((1, 2)),
            Some(&Data::String(doc.results.pilots[0].task.clone()))
        );

        let tasks = workbook.worksheet_range("Tasks").unwrap();
        let count: usize = doc.basis.roles.iter().map(|role| role.tasks.len()).sum();
        assert_eq!(tasks.height(), count + 1);

        let assumptions = workbook.worksheet_range("Assumptions").unwrap();
        assert_eq!(
            label_value(&assumptions, "Hours per FTE-year"),
            Some(Data::Float(1_000.0))
        );
        assert!(assumptions
            .rows()
            .any(|row| matches!(&row[5], Data::String(text) if text.contains("MASAI"))));
        assert!(assumptions
            .rows()
            .any(|row| row[0] == Data::String("Reviewer load".into())));

        // The hostile title is text everywhere, never a formula.
        for sheet in SHEETS {
            let formulas = workbook.worksheet_formula(sheet).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, text)| text.is_empty()),
                "{sheet}"
            );
        }
    }

    #[test]
    fn the_same_plan_gives_the_same_file() {
        let first = plan_xlsx(&sample_document(), &fixed_meta()).unwrap();
        let second = plan_xlsx(&sample_document(), &fixed_meta()).unwrap();
        assert_eq!(first, second);
    }
}
