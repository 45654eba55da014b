//! The importer's inputs and failures: directory and zip layouts, release names, and the errors
//! for missing files and columns and malformed cells, each checked for the file, line and column
//! it names. Built on copies of the fixture release changed at test time.

use std::path::Path;

use tempfile::TempDir;

use super::test_support::*;
use super::*;

#[test]
fn a_missing_file_is_named() {
    for missing in [WORK_CONTEXT_FILE, TASK_RATINGS_FILE, OCCUPATION_DATA_FILE] {
        let error = read_changed(|name, text| (name != missing).then_some(text)).unwrap_err();
        assert!(
            matches!(&error, OnetError::MissingFile(name) if name == missing),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("required file \"{missing}\" is missing from the release")
        );
    }
}

#[test]
fn a_missing_column_is_named_with_its_file() {
    let error = read_changed(|name, text| {
        Some(if name == TASK_RATINGS_FILE {
            text.replacen("Data Value", "Value", 1)
        } else {
            text
        })
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Task Ratings.txt: missing required column \"Data Value\""
    );
    assert!(matches!(error, OnetError::MissingColumn { .. }));
}

#[test]
fn a_malformed_number_is_reported_with_file_line_and_column() {
    let error = read_changed(|name, text| {
        Some(if name == TASK_RATINGS_FILE {
            edit_cells(&text, |line, cells| {
                if line == 3 {
                    cells[7] = "9o.5".to_owned()
                }
            })
        } else {
            text
        })
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Task Ratings.txt:3:8 (Data Value): expected a number, got \"9o.5\""
    );
    match error {
        OnetError::Malformed {
            file,
            line,
            column,
            column_name,
            ..
        } => {
            assert_eq!(
                (file.as_str(), line, column, column_name.as_str()),
                (TASK_RATINGS_FILE, 3, 8, "Data Value")
            );
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn out_of_scale_values_short_rows_and_bad_codes_are_malformed() {
    let importance_of_seven = read_changed(|name, text| {
        Some(if name == TASK_RATINGS_FILE {
            edit_cells(&text, |line, cells| {
                if line == 2 {
                    cells[7] = "7.00".to_owned()
                }
            })
        } else {
            text
        })
    });
    let message = importance_of_seven.unwrap_err().to_string();
    assert_eq!(
        message,
        "Task Ratings.txt:2:8 (Data Value): expected a number from 1 to 5, got 7"
    );

    let short_row = read_changed(|name, text| {
        Some(if name == WORK_CONTEXT_FILE {
            edit_cells(&text, |line, cells| {
                if line == 5 {
                    cells.truncate(6)
                }
            })
        } else {
            text
        })
    });
    let message = short_row.unwrap_err().to_string();
    assert_eq!(
        message,
        "Work Context.txt:5:7 (Category): expected 16 tab-separated cells, found 6"
    );

    let bad_code = read_changed(|name, text| {
        Some(if name == OCCUPATION_DATA_FILE {
            text.replace("47-2111.00", "47-2111")
        } else {
            text
        })
    });
    let message = bad_code.unwrap_err().to_string();
    assert!(
        message.starts_with("Occupation Data.txt:7:1 (O*NET-SOC Code): code: must look like"),
        "{message}"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_replaced_rather_than_fatal() {
    let (_kept, folder) = changed_copy("latin1", |_, text| Some(text));
    let path = folder.join(OCCUPATION_DATA_FILE);
    let mut bytes = std::fs::read(&path).expect("read");
    let marker = b"build and maintain";
    let at = bytes
        .windows(marker.len())
        .position(|window| window == marker)
        .expect("a description");
    bytes[at] = 0xC9; // "É" in Windows-1252, not valid UTF-8 on its own
    std::fs::write(&path, bytes).expect("write");
    let release = read_release(&folder, &NoProgress).expect("imports");
    let developers = occupation(&release, "15-1252.00");
    assert!(
        developers.description.contains("\u{fffd}uild and maintain"),
        "{}",
        developers.description
    );
}

#[test]
fn a_path_that_is_neither_a_directory_nor_a_zip_is_an_error_naming_it() {
    let temporary = TempDir::new().expect("temporary directory");
    let not_zip = temporary.path().join("release.zip");
    std::fs::write(&not_zip, "not a zip").expect("write");
    let message = read_release(&not_zip, &NoProgress).unwrap_err().to_string();
    assert!(message.starts_with(&format!(
        "cannot read the zip archive {}",
        not_zip.display()
    )));
    let missing = Path::new("/nonexistent/onet-29.3");
    assert!(matches!(
        read_release(missing, &NoProgress),
        Err(OnetError::Io { .. })
    ));
}

#[test]
fn without_a_read_me_the_release_comes_from_the_folder_or_archive_name() {
    let without_read_me = |name: &str, text: String| (name != "Read Me.txt").then_some(text);
    let (_kept, folder) = changed_copy("onet-28.2", without_read_me);
    assert_eq!(
        read_release(&folder, &NoProgress).expect("imports").release,
        "28.2"
    );
    let archive = folder.with_file_name("db_27_1_text.zip");
    zip_directory(&folder, &archive, "");
    assert_eq!(
        read_release(&archive, &NoProgress)
            .expect("imports")
            .release,
        "27.1"
    );
    let (_kept, plain) = changed_copy("plain", without_read_me);
    assert_eq!(
        read_release(&plain, &NoProgress).expect("imports").release,
        "unknown"
    );
}

#[test]
fn a_directory_holding_the_release_in_a_subfolder_is_read_like_the_release_itself() {
    let (temporary, _folder) = changed_copy("db_99_1_text", |_, text| Some(text));
    assert_eq!(
        read_release(temporary.path(), &NoProgress).expect("imports"),
        read_fixture()
    );
}

#[test]
fn a_zip_with_or_without_a_top_folder_gives_the_same_release_as_the_directory() {
    let directory = read_fixture();
    let temporary = TempDir::new().expect("temporary directory");
    for (name, prefix) in [("nested.zip", "db_99_1_text/"), ("flat.zip", "")] {
        let archive = temporary.path().join(name);
        zip_directory(&fixture(), &archive, prefix);
        let zipped = read_release(&archive, &NoProgress).expect("the archive imports");
        assert_eq!(zipped, directory, "{name}");
    }
}
