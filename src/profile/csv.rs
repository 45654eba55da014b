//! Task lists uploaded as CSV (server only): UTF-8, a header row, one task per row. Columns are
//! found by header name, in any order; `kind` and `notes` are optional (a row without a kind gets
//! the one the caller suggests from its title, as the API does). Every problem is reported with its
//! line (the header is line 1) and column, and a file is used only when all of it is valid.

use std::fmt;

use super::{fill_missing_kinds, validate, BlankRows, ProfileDraft, TaskDraft};
use crate::assess::{Kind, MAX_TASKS};

/// The largest upload accepted, in bytes (50 tasks of long text fit many times over).
pub const MAX_CSV_BYTES: usize = 256 * 1024;

/// The columns, in the order the template uses.
pub const COLUMNS: [&str; 8] = [
    "title",
    "share",
    "kind",
    "standardization",
    "error_tolerance",
    "verifiability",
    "frequency",
    "notes",
];

/// Columns a file may leave out.
const OPTIONAL_COLUMNS: [&str; 2] = ["kind", "notes"];

/// One problem in an uploaded file. `line` 0 means the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, &self.column) {
            (0, _) => write!(formatter, "{}", self.message),
            (line, Some(column)) => {
                write!(formatter, "line {line}, column {column}: {}", self.message)
            }
            (line, None) => write!(formatter, "line {line}: {}", self.message),
        }
    }
}

fn whole_file(message: impl Into<String>) -> Vec<CsvError> {
    vec![CsvError {
        line: 0,
        column: None,
        message: message.into(),
    }]
}

/// The template offered for download: the header and two example rows.
pub fn template() -> String {
    let mut text = COLUMNS.join(",");
    text.push_str("\r\n");
    text.push_str("Read screening mammograms,40,judging_cases,5,1,4,5,Two readers today\r\n");
    text.push_str(
        "\"Discuss results with patients, in person\",10,working_with_people,2,2,2,3,\r\n",
    );
    text
}

/// The tasks in `bytes`, or every problem found (all of them, by line). Rows without a kind get
/// `suggest(title)`.
pub fn parse_tasks(
    bytes: &[u8],
    suggest: impl Fn(&str) -> Kind,
) -> Result<Vec<TaskDraft>, Vec<CsvError>> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(whole_file(format!(
            "the file is {} KB; the limit is {} KB",
            bytes.len() / 1024,
            MAX_CSV_BYTES / 1024
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(utf8) => {
            let line = bytes[..utf8.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1;
            return Err(vec![CsvError {
                line,
                column: None,
                message: "is not UTF-8 text; save the file as \"CSV UTF-8\"".to_owned(),
            }]);
        }
    };
    if text.trim().is_empty() {
        return Err(whole_file(format!(
            "the file is empty; its first line must be the header: {}",
            COLUMNS.join(",")
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => return Err(vec![read_error(text, &error)]),
    };
    let mut positions: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    let mut errors = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let name = header.trim().to_ascii_lowercase();
        match COLUMNS.iter().position(|column| *column == name) {
            Some(slot) if positions[slot].is_some() => errors.push(CsvError {
                line: 1,
                column: Some(name.clone()),
                message: "appears twice in the header".to_owned(),
            }),
            Some(slot) => positions[slot] = Some(index),
            None => errors.push(CsvError {
                line: 1,
                column: Some(header.to_owned()),
                message: format!(
                    "is not a known column; the columns are {}",
                    COLUMNS.join(", ")
                ),
            }),
        }
    }
    for (slot, column) in COLUMNS.iter().enumerate() {
        if positions[slot].is_none() && !OPTIONAL_COLUMNS.contains(column) {
            errors.push(CsvError {
                line: 1,
                column: Some((*column).to_owned()),
                message: "is missing from the header".to_owned(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tasks = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                errors.push(read_error(text, &error));
                continue;
            }
        };
        let line = line_of(text, record.position());
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let field = |slot: usize| {
            positions[slot]
                .and_then(|index| record.get(index))
                .unwrap_or("")
                .to_owned()
        };
        tasks.push(TaskDraft {
            title: field(0),
            share: field(1),
            kind: field(2),
            ratings: [field(3), field(4), field(5), field(6)],
            notes: field(7),
        });
        lines.push(line);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if tasks.is_empty() {
        return Err(whole_file("the file has a header but no tasks"));
    }
    if tasks.len() > MAX_TASKS {
        return Err(whole_file(format!(
            "a profile has at most {MAX_TASKS} tasks; the file has {}",
            tasks.len()
        )));
    }
    // The same rules as the form, with each field error turned into its line and column.
    let mut draft = ProfileDraft {
        name: "upload".to_owned(),
        tasks,
        ..ProfileDraft::default()
    };
    fill_missing_kinds(&mut draft, suggest);
    if let Err(field_errors) = validate(&draft, BlankRows::Reject) {
        return Err(field_errors
            .into_iter()
            .map(|field_error| locate(&field_error.field, &lines, field_error.message))
            .collect());
    }
    Ok(draft.tasks)
}

/// `tasks[3].ratings.frequency` → the line of row 3 and the column `frequency`.
fn locate(field: &str, lines: &[u64], message: String) -> CsvError {
    let parsed = field
        .strip_prefix("tasks[")
        .and_then(|rest| rest.split_once("]."))
        .and_then(|(index, column)| Some((index.parse::<usize>().ok()?, column)));
    match parsed {
        Some((index, column)) => CsvError {
            line: lines.get(index).copied().unwrap_or(0),
            column: Some(column.strip_prefix("ratings.").unwrap_or(column).to_owned()),
            message,
        },
        None => CsvError {
            line: 0,
            column: None,
            message,
        },
    }
}

/// The 1-based line of the file where the record at `position` starts. The csv crate's own line
/// count skips blank lines and miscounts after `\r\n`, so the line is counted from the byte
/// offset; a record's offset may fall on the line break before it, so breaks are skipped first.
pub fn line_of(text: &str, position: Option<&csv::Position>) -> u64 {
    position.map_or(0, |position| {
        let bytes = text.as_bytes();
        let mut end = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
    })
}

/// A csv crate error as a problem at its line (shared with the plan reader).
pub(crate) fn read_error(text: &str, error: &csv::Error) -> CsvError {
    let line = line_of(text, error.position());
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("has {len} fields; the header has {expected_len} (a comma inside a value needs the value in double quotes)"),
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text".to_owned(),
        _ => "cannot be read as CSV".to_owned(),
    };
    CsvError {
        line,
        column: None,
        message,
    }
}
