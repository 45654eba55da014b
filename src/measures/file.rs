//! Reading measure and employment files (server only): the shipped `data/measures/` (a
//! `measures.toml` describing CSV files of figures) and a user's CSV for `atlas import
//! measures`, read by header. Every problem names the file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::codes::normalise_code;
use super::{AtlasFigure, MeasureInfo, MeasureOrigin};

/// The columns a code may be in, by header (compared without case): Anthropic's
/// `occ_code`, BLS's `OCC_CODE`, Microsoft's `SOC Code`, O*NET's `O*NET-SOC Code`, Frey &
/// Osborne's `SOC code`, and the shipped files' `code`.
pub const CODE_COLUMNS: [&str; 6] = [
    "code",
    "occ_code",
    "soc_code",
    "soc code",
    "o*net-soc code",
    "onetsoc_code",
];

/// The value columns known from published files, tried in this order when no column is named.
pub const VALUE_COLUMNS: [&str; 6] = [
    "value",
    "observed_exposure",
    "ai_applicability_score",
    "dv_rating_beta",
    "human_rating_beta",
    "probability",
];

/// A problem with a file, at a line when there is one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|line| format!(":{line}")).unwrap_or_default())]
pub struct FileError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

fn error(path: &Path, line: Option<usize>, message: impl Into<String>) -> FileError {
    FileError {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// A measure file as read: its values by normalised code, and which columns were used.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureFile {
    pub values: HashMap<String, f64>,
    pub code_column: String,
    pub value_column: String,
    /// Rows read (not counting the header).
    pub rows: usize,
}

/// A CSV file as read: its header, and each record with its line number.
type CsvContent = (Vec<String>, Vec<(usize, csv::StringRecord)>);

fn read_csv(path: &Path) -> Result<CsvContent, FileError> {
    let text = std::fs::read(path).map_err(|e| error(path, None, format!("cannot read: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| error(path, Some(1), format!("the header cannot be read: {e}")))?
        .iter()
        .map(|header| header.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|position| position.line() as usize);
            error(path, line, format!("{e}"))
        })?;
        let line = record
            .position()
            .map_or(0, |position| position.line() as usize);
        records.push((line, record));
    }
    Ok((headers, records))
}

fn find_column(headers: &[String], wanted: &[&str]) -> Option<usize> {
    wanted.iter().find_map(|name| {
        headers
            .iter()
            .position(|header| header.eq_ignore_ascii_case(name))
    })
}

/// Reads a measure from a CSV file by its header: the code column is found among
/// [`CODE_COLUMNS`]; the value column is `column` when given, else the first of
/// [`VALUE_COLUMNS`] present. Every code must be a SOC or O*NET-SOC code and every value a finite
/// number; a code may appear once.
pub fn read_measure_csv(path: &Path, column: Option<&str>) -> Result<MeasureFile, FileError> {
    let (headers, records) = read_csv(path)?;
    let code_index = find_column(&headers, &CODE_COLUMNS).ok_or_else(|| {
        error(
            path,
            Some(1),
            format!(
                "no code column: the header needs one of {} (it has {})",
                CODE_COLUMNS.join(", "),
                headers.join(", ")
            ),
        )
    })?;
    let value_index = match column {
        Some(column) => find_column(&headers, &[column]).ok_or_else(|| {
            error(
                path,
                Some(1),
                format!(
                    "no column named {column:?} (the header has {})",
                    headers.join(", ")
                ),
            )
        })?,
        None => find_column(&headers, &VALUE_COLUMNS).ok_or_else(|| {
            error(
                path,
                Some(1),
                format!(
                    "no value column: name one with --column, or use one of {} (the header has {})",
                    VALUE_COLUMNS.join(", "),
                    headers.join(", ")
                ),
            )
        })?,
    };
    let mut values = HashMap::new();
    for (line, record) in &records {
        let field = |index: usize| record.get(index).unwrap_or("").trim();
        let raw_code = field(code_index);
        let code = normalise_code(raw_code).ok_or_else(|| {
            error(
                path,
                Some(*line),
                format!(
                "{}: {raw_code:?} is not a SOC code (NN-NNNN) or an O*NET-SOC code (NN-NNNN.NN)",
                headers[code_index]
            ),
            )
        })?;
        let raw_value = field(value_index);
        let value: f64 = raw_value
            .parse()
            .ok()
            .filter(|value: &f64| value.is_finite())
            .ok_or_else(|| {
                error(
                    path,
                    Some(*line),
                    format!("{}: {raw_value:?} is not a number", headers[value_index]),
                )
            })?;
        if values.insert(code.clone(), value).is_some() {
            return Err(error(
                path,
                Some(*line),
                format!("{}: {code} appears twice", headers[code_index]),
            ));
        }
    }
    if values.is_empty() {
        return Err(error(path, None, "the file has no rows"));
    }
    Ok(MeasureFile {
        values,
        code_column: headers[code_index].clone(),
        value_column: headers[value_index].clone(),
        rows: records.len(),
    })
}

/// One row of the employment file.
#[derive(Clone, Debug, PartialEq)]
pub struct EmploymentLine {
    pub code: String,
    pub level: String,
    pub employment: Option<i64>,
    pub median_annual_wage: Option<i64>,
    pub wage_note: Option<String>,
}

/// Reads `code,group,employment,median_annual_wage,wage_note` (the file the figures script
/// writes). Where a code is both a detailed and a broad row, the detailed one is kept.
pub fn read_employment_csv(path: &Path) -> Result<Vec<EmploymentLine>, FileError> {
    let (headers, records) = read_csv(path)?;
    let column = |name: &str| {
        find_column(&headers, &[name])
            .ok_or_else(|| error(path, Some(1), format!("no column named {name:?}")))
    };
    let (code, group, employment, wage, note) = (
        column("code")?,
        column("group")?,
        column("employment")?,
        column("median_annual_wage")?,
        column("wage_note")?,
    );
    let mut lines: Vec<EmploymentLine> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, record) in &records {
        let field = |index: usize| record.get(index).unwrap_or("").trim();
        let number = |index: usize| -> Result<Option<i64>, FileError> {
            let raw = field(index);
            if raw.is_empty() {
                return Ok(None);
            }
            raw.parse::<i64>().map(Some).map_err(|_| {
                error(
                    path,
                    Some(*line),
                    format!("{}: {raw:?} is not a whole number", headers[index]),
                )
            })
        };
        let normalised = normalise_code(field(code)).ok_or_else(|| {
            error(
                path,
                Some(*line),
                format!("code: {:?} is not a SOC code", field(code)),
            )
        })?;
        let level = field(group).to_string();
        if !matches!(level.as_str(), "detailed" | "broad" | "total") {
            return Err(error(
                path,
                Some(*line),
                format!("group: {level:?} is not detailed, broad or total"),
            ));
        }
        let entry = EmploymentLine {
            code: normalised.clone(),
            level,
            employment: number(employment)?,
            median_annual_wage: number(wage)?,
            wage_note: Some(field(note).to_string()).filter(|note| !note.is_empty()),
        };
        match seen.get(&normalised) {
            Some(&index) if entry.level == "detailed" => lines[index] = entry,
            Some(_) => {}
            None => {
                seen.insert(normalised, lines.len());
                lines.push(entry);
            }
        }
    }
    Ok(lines)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedToml {
    measure: Vec<ShippedMeasureToml>,
    employment: ShippedEmploymentToml,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedMeasureToml {
    name: String,
    title: String,
    what: String,
    method: String,
    citation: String,
    version: String,
    licence: String,
    url: Option<String>,
    compare_with: String,
    file: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedEmploymentToml {
    citation: String,
    version: String,
    licence: String,
    url: Option<String>,
    file: String,
}

/// Where the employment figures come from.
#[derive(Clone, Debug, PartialEq)]
pub struct EmploymentSource {
    pub citation: String,
    pub version: String,
    pub licence: String,
    pub url: Option<String>,
}

/// The shipped figures: every measure with its values, and the employment figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Shipped {
    pub measures: Vec<(MeasureInfo, HashMap<String, f64>)>,
    pub employment_source: EmploymentSource,
    pub employment: Vec<EmploymentLine>,
}

/// The file describing the shipped figures, inside the data directory.
pub fn shipped_index(data_dir: &Path) -> PathBuf {
    data_dir.join("measures").join("measures.toml")
}

/// Reads `data/measures/measures.toml` and the files it names.
pub fn read_shipped(data_dir: &Path) -> Result<Shipped, FileError> {
    let index = shipped_index(data_dir);
    let text = std::fs::read_to_string(&index)
        .map_err(|e| error(&index, None, format!("cannot read: {e}")))?;
    let parsed: ShippedToml = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start].lines().count().max(1));
        error(&index, line, e.message().to_string())
    })?;
    let folder = index.parent().unwrap_or(data_dir).to_path_buf();
    let mut measures = Vec::new();
    for entry in parsed.measure {
        let compare_with = AtlasFigure::from_name(&entry.compare_with).ok_or_else(|| {
            error(
                &index,
                None,
                format!(
                "measure {}: compare_with {:?} is not automatability, complementarity or ai_share",
                entry.name, entry.compare_with
            ),
            )
        })?;
        let file = read_measure_csv(&folder.join(&entry.file), None)?;
        measures.push((
            MeasureInfo {
                name: entry.name,
                title: entry.title,
                what: entry.what,
                method: entry.method,
                citation: entry.citation,
                version: entry.version,
                licence: entry.licence,
                url: entry.url,
                compare_with,
                origin: MeasureOrigin::Shipped,
                value_count: file.values.len(),
            },
            file.values,
        ));
    }
    let employment = read_employment_csv(&folder.join(&parsed.employment.file))?;
    Ok(Shipped {
        measures,
        employment_source: EmploymentSource {
            citation: parsed.employment.citation,
            version: parsed.employment.version,
            licence: parsed.employment.licence,
            url: parsed.employment.url,
        },
        employment,
    })
}
