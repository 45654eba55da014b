//! Roles uploaded as CSV (server only): UTF-8, a header row, one role per row. Columns are found
//! by header name in any order: `role` (a catalog code, `onet:CODE`, a profile id or address, or
//! an occupation's title) and `headcount` are required, `hours_per_fte` and `hourly_cost`
//! optional. Every problem is reported by line (the header is line 1) and column, and a file is
//! used only when all of it is valid.

use super::{validate, PlanDraft, RoleDraft, MAX_ROLES};
use crate::browse::FieldError;
pub use crate::profile::csv::CsvError;
use crate::profile::csv::{line_of, read_error};

/// The largest upload accepted, in bytes.
pub const MAX_CSV_BYTES: usize = 256 * 1024;

/// The columns, in the order the template uses.
pub const COLUMNS: [&str; 4] = ["role", "headcount", "hours_per_fte", "hourly_cost"];

/// Other names a header may use for each column (spreadsheets exported from HR systems).
const ALIASES: [(&str, usize); 8] = [
    ("code", 0),
    ("occupation", 0),
    ("profile", 0),
    ("profile_id", 0),
    ("fte", 1),
    ("hours", 2),
    ("cost", 3),
    ("loaded_hourly_cost", 3),
];

/// The template offered for download: the header and example rows that use every column.
pub fn template() -> String {
    let mut text = COLUMNS.join(",");
    text.push_str("\r\n");
    text.push_str("29-1224.00,6,1700,190\r\n");
    text.push_str("43-9041.00,40,,38\r\n");
    text.push_str("29-2072.00,12,1800,41.5\r\n");
    text.push_str("Customer Service Representatives,25,,\r\n");
    text
}

/// A parsed upload: the rows, and the file line of each.
#[derive(Clone, Debug, PartialEq)]
pub struct Upload {
    pub roles: Vec<RoleDraft>,
    pub lines: Vec<u64>,
}

impl Upload {
    /// A field error about `roles[i].column` as the line and column of the file.
    pub fn locate(&self, error: &FieldError) -> CsvError {
        let parsed = error
            .field
            .strip_prefix("roles[")
            .and_then(|rest| rest.split_once("]."))
            .and_then(|(index, column)| Some((index.parse::<usize>().ok()?, column)));
        match parsed {
            Some((index, column)) => CsvError {
                line: self.lines.get(index).copied().unwrap_or(0),
                column: Some(column.to_owned()),
                message: error.message.clone(),
            },
            None => CsvError {
                line: 0,
                column: None,
                message: error.message.clone(),
            },
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

fn header_slot(name: &str) -> Option<usize> {
    COLUMNS
        .iter()
        .position(|column| *column == name)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == name)
                .map(|(_, slot)| *slot)
        })
}

/// The roles in `bytes`, checked by the plan's rules, or every problem found.
pub fn parse_roles(bytes: &[u8]) -> Result<Upload, Vec<CsvError>> {
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
        let name = header.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match header_slot(&name) {
            Some(slot) if positions[slot].is_some() => errors.push(CsvError {
                line: 1,
                column: Some(header.trim().to_owned()),
                message: format!("is a second {} column", COLUMNS[slot]),
            }),
            Some(slot) => positions[slot] = Some(index),
            None => errors.push(CsvError {
                line: 1,
                column: Some(header.trim().to_owned()),
                message: format!(
                    "is not a known column; the columns are {}",
                    COLUMNS.join(", ")
                ),
            }),
        }
    }
    for slot in 0..2 {
        if positions[slot].is_none() {
            errors.push(CsvError {
                line: 1,
                column: Some(COLUMNS[slot].to_owned()),
                message: "is missing from the header".to_owned(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut roles = Vec::new();
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
        roles.push(RoleDraft {
            role: field(0),
            headcount: field(1),
            hours_per_fte: field(2),
            hourly_cost: field(3),
        });
        lines.push(line);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if roles.is_empty() {
        return Err(whole_file("the file has a header but no roles"));
    }
    if roles.len() > MAX_ROLES {
        return Err(whole_file(format!(
            "a plan has at most {MAX_ROLES} roles; the file has {}",
            roles.len()
        )));
    }
    let upload = Upload { roles, lines };
    // The plan's own rules, with each role's errors turned into its line and column.
    let draft = PlanDraft {
        name: "upload".to_owned(),
        roles: upload.roles.clone(),
        ..PlanDraft::default()
    };
    if let Err(field_errors) = validate(&draft) {
        return Err(field_errors
            .iter()
            .map(|field_error| upload.locate(field_error))
            .collect());
    }
    Ok(upload)
}
