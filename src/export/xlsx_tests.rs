//! Tests of the XLSX downloads, read back with calamine.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::*;
use crate::export::testing::{catalog_row, fixed_meta, hostile, radiologists, HOSTILE_TITLE};

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("a readable xlsx file")
}

#[test]
fn a_report_workbook_has_typed_cells_that_calamine_reads_back() {
    let report = radiologists();
    let mut workbook = open(report_xlsx(&report, &fixed_meta()).unwrap());
    assert_eq!(workbook.sheet_names(), ["Summary", "Tasks"]);
    let tasks = workbook.worksheet_range("Tasks").unwrap();
    assert_eq!(tasks.height(), report.tasks.len() + 1);
    assert_eq!(
        tasks.get_value((0, 2)),
        Some(&Data::String("Task".to_owned()))
    );
    assert_eq!(
        tasks.get_value((1, 2)),
        Some(&Data::String("Read screening mammograms".to_owned()))
    );
    match tasks.get_value((1, 3)) {
        Some(Data::Float(share)) => assert!((share - 0.3).abs() < 1e-12, "{share}"),
        other => panic!("share should be a number, got {other:?}"),
    }
    assert_eq!(tasks.get_value((1, 5)), Some(&Data::Float(1.0)));
    assert_eq!(
        tasks.get_value((1, 10)),
        Some(&Data::String("Second reader".to_owned()))
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    let index = summary
        .rows()
        .find(|row| row[0] == Data::String("Automatability index".to_owned()))
        .map(|row| row[1].clone());
    assert_eq!(
        index,
        Some(Data::Float(report.assessment.automatability_index))
    );
}

#[test]
fn hostile_text_survives_an_xlsx_round_trip_as_text() {
    let report = hostile();
    let mut workbook = open(report_xlsx(&report, &fixed_meta()).unwrap());
    let tasks = workbook.worksheet_range("Tasks").unwrap();
    assert_eq!(
        tasks.get_value((1, 1)),
        Some(&Data::String(report.title.clone()))
    );
    assert_eq!(
        tasks.get_value((1, 2)),
        Some(&Data::String(HOSTILE_TITLE.to_owned()))
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    assert!(summary
        .rows()
        .any(|row| matches!(&row[1], Data::String(text) if text.contains("O*NET"))));
    let formula = workbook.worksheet_formula("Tasks").unwrap();
    assert!(formula.used_cells().all(|(_, _, text)| text.is_empty()));
}

#[test]
fn catalog_and_comparison_workbooks_have_a_row_per_occupation_and_an_about_sheet() {
    let reports = [radiologists(), hostile()];
    let rows: Vec<CatalogRow> = reports.iter().map(catalog_row).collect();
    let mut catalog = open(catalog_xlsx(&rows, &fixed_meta()).unwrap());
    assert_eq!(catalog.sheet_names(), ["Occupations", "About"]);
    let occupations = catalog.worksheet_range("Occupations").unwrap();
    assert_eq!(occupations.height(), 3);
    assert!(matches!(
        occupations.get_value((1, 10)),
        Some(Data::Float(_))
    ));
    let mut comparison = open(comparison_xlsx(&reports, &fixed_meta()).unwrap());
    assert_eq!(comparison.sheet_names(), ["Summary", "Tasks", "About"]);
    let tasks = comparison.worksheet_range("Tasks").unwrap();
    assert_eq!(
        tasks.height(),
        1 + reports[0].tasks.len() + reports[1].tasks.len()
    );
}

#[test]
fn the_same_data_gives_the_same_file() {
    let first = report_xlsx(&radiologists(), &fixed_meta()).unwrap();
    let second = report_xlsx(&radiologists(), &fixed_meta()).unwrap();
    assert_eq!(first, second);
}
