//! Downloads of a team plan (`crate::plan::PlanDocument`): a CSV of every task of every role, an
//! XLSX workbook with one sheet per view of the plan, and a one-page PDF summary. Pure, like the
//! other downloads: the server computes the document and wires these functions to GET routes.
//!
//! The CSV and the workbook's Tasks sheet share one flattening of the plan into task rows
//! (`plan_task_rows`), so they cannot disagree, and a row's hours are worked out with the same
//! formula as `crate::plan::compute`, so each column adds up to the plan's totals.

mod xlsx;

#[cfg(test)]
pub(crate) mod testing;

use super::csv::{text, write_csv};
use super::{filename, ExportMeta};
use crate::assess::Pattern;
use crate::plan::{format_number, PlanDocument};

pub use super::pdf::plan::plan_pdf;
pub use xlsx::plan_xlsx;

/// The formulas behind a plan's figures, as `src/plan/compute.rs` and `src/plan/pilot.rs`
/// state them, for the workbook's Assumptions sheet and the PDF.
pub(crate) const FORMULAS: [(&str, &str); 6] = [
    (
        "Hours",
        "hours = headcount × hours per FTE-year × the task's share of the role's time (a role's shares add up to 1)",
    ),
    (
        "Hours freed",
        "freed = hours × adoption × (1 − person share); people still spend hours − freed",
    ),
    (
        "Reviewer load",
        "hours × adoption × person share, on tasks where the machine produces the result and a person checks it: automate (exceptions), human approves (sign-off) and second reader (reading and arbitration)",
    ),
    (
        "Freed FTE",
        "freed hours ÷ the plan's hours per FTE-year",
    ),
    (
        "Value of freed hours",
        "freed hours × the role's hourly cost, over the roles that give a cost",
    ),
    (
        "Pilot priority",
        "hours × feasibility × (1 − autonomy risk × the pattern's autonomy weight); human-led tasks and patterns with adoption 0 are not candidates",
    ),
];

/// One task of one role, flattened for tables.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PlanTaskRow<'a> {
    /// Index of the role in the plan.
    pub role_index: usize,
    pub role: &'a str,
    /// `29-1224.00`, `onet:CODE` or `profile:ID`.
    pub reference: String,
    pub headcount: f64,
    pub hours_per_fte: f64,
    pub hourly_cost: Option<f64>,
    pub task: &'a str,
    pub pattern: Pattern,
    /// Hours per year on the task today.
    pub hours: f64,
    pub freed: f64,
    pub feasibility: f64,
    pub autonomy_risk: f64,
    /// 1-based rank in the pilot-first list, if the task is on it.
    pub pilot_rank: Option<usize>,
}

impl PlanTaskRow<'_> {
    /// Hours people still spend on the task.
    pub fn person_hours(&self) -> f64 {
        self.hours - self.freed
    }
}

/// Every task of every role, role by role, in input order.
pub(crate) fn plan_task_rows(doc: &PlanDocument) -> Vec<PlanTaskRow<'_>> {
    let mut rows = Vec::new();
    // Where each role's rows start, so a pilot task is looked up among its own role's rows.
    let mut role_start = Vec::with_capacity(doc.basis.roles.len() + 1);
    for (role_index, role) in doc.basis.roles.iter().enumerate() {
        role_start.push(rows.len());
        // The same operations in the same order as `compute`, so the sums agree to the bit.
        let role_hours = role.headcount * role.hours_per_fte;
        for task in &role.tasks {
            let setting = doc.settings.get(task.pattern);
            let hours = role_hours * task.weight;
            let freed = hours * (setting.adoption / 100.0) * (1.0 - setting.person_share / 100.0);
            rows.push(PlanTaskRow {
                role_index,
                role: &role.title,
                reference: role.reference.to_string(),
                headcount: role.headcount,
                hours_per_fte: role.hours_per_fte,
                hourly_cost: role.hourly_cost,
                task: &task.title,
                pattern: task.pattern,
                hours,
                freed,
                feasibility: task.feasibility,
                autonomy_risk: task.autonomy_risk,
                pilot_rank: None,
            });
        }
    }
    role_start.push(rows.len());
    for (rank, pilot) in doc.results.pilots.iter().enumerate() {
        let (Some(&start), Some(&end)) =
            (role_start.get(pilot.role), role_start.get(pilot.role + 1))
        else {
            continue;
        };
        // A role may list two tasks with one title; each pilot entry takes the first free one.
        if let Some(row) = rows[start..end].iter_mut().find(|row| {
            row.pilot_rank.is_none() && row.task == pilot.task && row.pattern == pilot.pattern
        }) {
            row.pilot_rank = Some(rank + 1);
        }
    }
    rows
}

const TASK_HEADER: [&str; 18] = [
    "role",
    "role_reference",
    "headcount_fte",
    "hours_per_fte",
    "hourly_cost",
    "task",
    "pattern",
    "task_hours",
    "hours_freed",
    "person_hours",
    "feasibility",
    "autonomy_risk",
    "pilot_rank",
    "plan_name",
    "model_version",
    "catalog_version",
    "generated_at",
    "missing_roles",
];

/// The plan's tasks, one row per role and task. As in the other CSV downloads, provenance (the
/// plan's name, model and catalog version, generation time, and roles left out because their
/// occupation or profile no longer exists) goes in trailing columns, and user text is defused
/// against formula injection.
pub fn plan_csv(doc: &PlanDocument, meta: &ExportMeta) -> String {
    let generated_at = meta.generated_at_text();
    let catalog_version = catalog_version(doc, meta).unwrap_or("");
    let missing_roles = text(&doc.missing_roles.join("; "));
    let plan_name = text(&doc.basis.name);
    let records: Vec<[String; 18]> = plan_task_rows(doc)
        .iter()
        .map(|row| {
            [
                text(row.role),
                text(&row.reference),
                format_number(row.headcount),
                format_number(row.hours_per_fte),
                row.hourly_cost.map(format_number).unwrap_or_default(),
                text(row.task),
                row.pattern.name().to_owned(),
                format!("{:.1}", row.hours),
                format!("{:.1}", row.freed),
                format!("{:.1}", row.person_hours()),
                format!("{:.1}", row.feasibility),
                format!("{:.1}", row.autonomy_risk),
                row.pilot_rank
                    .map(|rank| rank.to_string())
                    .unwrap_or_default(),
                plan_name.clone(),
                text(&doc.results.model_version),
                text(catalog_version),
                generated_at.clone(),
                missing_roles.clone(),
            ]
        })
        .collect();
    write_csv(&TASK_HEADER, &records)
}

/// The catalog version stamped on a plan's downloads: the document's own, else the loaded one.
pub(crate) fn catalog_version<'a>(doc: &'a PlanDocument, meta: &'a ExportMeta) -> Option<&'a str> {
    doc.catalog_version
        .as_deref()
        .or(meta.catalog_version.as_deref())
}

/// The download's file name: `plan-claims-team-2026-11-29.csv`.
pub fn plan_filename(doc: &PlanDocument, meta: &ExportMeta, extension: &str) -> String {
    filename("plan", &doc.basis.name, &meta.date_text(), extension)
}

/// A number of hours or money, whole, with thousands separators: `12,345`.
pub(crate) fn whole(value: f64) -> String {
    let rounded = value.round();
    let sign = if rounded < 0.0 { "-" } else { "" };
    format!(
        "{sign}{}",
        crate::measures::with_thousands(rounded.abs() as i64)
    )
}

/// A number with one decimal and thousands separators: `1,899.5`.
pub(crate) fn one_decimal(value: f64) -> String {
    let tenths = (value * 10.0).round();
    let sign = if tenths < 0.0 { "-" } else { "" };
    let tenths = tenths.abs() as i64;
    format!(
        "{sign}{}.{}",
        crate::measures::with_thousands(tenths / 10),
        tenths % 10
    )
}

#[cfg(test)]
mod tests {
    use super::testing::{sample_document, HOSTILE_ROLE};
    use super::*;
    use crate::export::testing::fixed_meta;

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

    fn column(name: &str) -> usize {
        TASK_HEADER.iter().position(|&item| item == name).unwrap()
    }

    #[test]
    fn the_plan_csv_has_the_headers_and_one_row_per_task_of_every_role() {
        let doc = sample_document();
        let text = plan_csv(&doc, &fixed_meta());
        assert!(text.starts_with("\u{feff}role,role_reference,headcount_fte,"));
        assert!(text.contains("\r\n"));
        let (header, rows) = parse(&text);
        assert_eq!(header, TASK_HEADER);
        let tasks: usize = doc.basis.roles.iter().map(|role| role.tasks.len()).sum();
        assert_eq!(rows.len(), tasks);
        assert_eq!(rows[0][column("role")], "Claims clerks");
        assert_eq!(rows[0][column("role_reference")], "43-9041.00");
        assert_eq!(rows[0][column("task")], "Key claims");
        assert_eq!(rows[0][column("pattern")], "automate");
        // 10 FTE × 1,000 h × 0.5 = 5,000 h; automate keeps 10% with people.
        assert_eq!(rows[0][column("task_hours")], "5000.0");
        assert_eq!(rows[0][column("hours_freed")], "4500.0");
        assert_eq!(rows[0][column("person_hours")], "500.0");
        assert_eq!(rows[0][column("hourly_cost")], "40");
        assert_eq!(rows[0][column("plan_name")], "Claims team");
        assert_eq!(rows[0][column("model_version")], "test-model");
        assert_eq!(rows[0][column("catalog_version")], "2026-11-01.ab12cd34");
        assert_eq!(rows[0][column("generated_at")], "2026-11-29T08:30:00Z");
        assert_eq!(rows[0][column("missing_roles")], "29-9999.00");
    }

    #[test]
    fn the_csv_hours_add_up_to_the_plan_totals() {
        let doc = sample_document();
        let rows = plan_task_rows(&doc);
        let hours: f64 = rows.iter().map(|row| row.hours).sum();
        let freed: f64 = rows.iter().map(|row| row.freed).sum();
        assert!((hours - doc.results.totals.hours).abs() < 1e-6, "{hours}");
        assert!((freed - doc.results.totals.freed).abs() < 1e-6, "{freed}");
        assert!(doc.results.totals.freed > 0.0);
    }

    #[test]
    fn pilot_ranks_follow_the_pilot_first_list_and_human_led_tasks_have_none() {
        let doc = sample_document();
        let (_, rows) = parse(&plan_csv(&doc, &fixed_meta()));
        let rank = column("pilot_rank");
        for (position, pilot) in doc.results.pilots.iter().enumerate() {
            let row = rows
                .iter()
                .find(|row| row[rank] == (position + 1).to_string())
                .unwrap_or_else(|| panic!("no row ranked {}", position + 1));
            assert_eq!(row[column("task")], pilot.task);
            assert_eq!(row[column("pattern")], pilot.pattern.name());
        }
        let human_led: Vec<&Vec<String>> = rows
            .iter()
            .filter(|row| row[column("pattern")] == "human_led")
            .collect();
        assert!(!human_led.is_empty());
        assert!(human_led.iter().all(|row| row[rank].is_empty()));
        let ranked = rows.iter().filter(|row| !row[rank].is_empty()).count();
        assert_eq!(ranked, doc.results.pilots.len());
    }

    #[test]
    fn a_role_title_or_plan_name_a_spreadsheet_would_run_is_defused() {
        let doc = sample_document();
        let (_, rows) = parse(&plan_csv(&doc, &fixed_meta()));
        let hostile = rows
            .iter()
            .find(|row| row[column("role")].contains("cmd"))
            .expect("the hostile role's rows");
        assert_eq!(hostile[column("role")], format!("'{HOSTILE_ROLE}"));
        let mut renamed = doc.clone();
        renamed.basis.name = "+SUM(A1:A9)".to_owned();
        let (_, rows) = parse(&plan_csv(&renamed, &fixed_meta()));
        assert_eq!(rows[0][column("plan_name")], "'+SUM(A1:A9)");
    }

    #[test]
    fn a_plan_download_is_named_after_the_plan_and_the_date() {
        let doc = sample_document();
        assert_eq!(
            plan_filename(&doc, &fixed_meta(), "csv"),
            "plan-claims-team-2026-11-29.csv"
        );
        assert_eq!(whole(1_234_567.4), "1,234,567");
        assert_eq!(whole(-1_500.0), "-1,500");
        assert_eq!(one_decimal(1_899.95), "1,900.0");
        assert_eq!(one_decimal(8.25), "8.3");
        assert_eq!(one_decimal(0.04), "0.0");
    }
}
