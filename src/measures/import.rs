//! `atlas import measures NAME FILE`: a measure from a user's CSV, read by header, stored in
//! one transaction (nothing is half-saved), with a report of how its codes matched the Atlas's
//! occupations. Server only.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use super::codes::{self, Match};
use super::file::{read_measure_csv, FileError};
use super::{AtlasFigure, MeasureInfo, MeasureOrigin};
use crate::db::measures::{occupation_codes, stored_measure, write_measure, WriteOutcome};
use crate::db::Pool;
use crate::onet::Progress;

/// What the user may say about a measure; what is left out is kept from a stored measure of the
/// same name, or given a plain default for a new one.
#[derive(Clone, Debug, Default)]
pub struct MeasureOptions {
    pub column: Option<String>,
    pub title: Option<String>,
    pub what: Option<String>,
    pub citation: Option<String>,
    pub version: Option<String>,
    pub licence: Option<String>,
    pub url: Option<String>,
    pub compare_with: Option<AtlasFigure>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportMeasureError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error("measure name {0:?}: use 2 to 40 lowercase letters, digits and underscores")]
    Name(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// How an import went.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    pub info: MeasureInfo,
    pub outcome: WriteOutcome,
    pub rows: usize,
    pub code_column: String,
    pub value_column: String,
    /// Atlas occupations (curated or imported) with a figure by their own code.
    pub matched: usize,
    /// Atlas occupations with a figure through a crosswalk (their SOC code or its O*NET parts).
    pub crosswalked: usize,
    /// Atlas occupations without a figure.
    pub without: usize,
    /// The file's codes that match no Atlas occupation, even through a crosswalk.
    pub unmatched: Vec<String>,
}

fn valid_name(name: &str) -> bool {
    (2..=40).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Reads `path` and stores it as measure `name`, replacing a stored one of that name.
pub async fn import_measure(
    pool: &Pool,
    name: &str,
    path: &Path,
    options: MeasureOptions,
    progress: &dyn Progress,
) -> Result<ImportReport, ImportMeasureError> {
    if !valid_name(name) {
        return Err(ImportMeasureError::Name(name.to_string()));
    }
    let file = read_measure_csv(path, options.column.as_deref())?;
    let stored = stored_measure(pool, name).await?;
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().to_string(),
    );
    let pick = |given: Option<String>, kept: Option<&String>, default: String| {
        given.or_else(|| kept.cloned()).unwrap_or(default)
    };
    let info = MeasureInfo {
        name: name.to_string(),
        title: pick(options.title, stored.as_ref().map(|s| &s.title), name.to_string()),
        what: pick(
            options.what,
            stored.as_ref().map(|s| &s.what),
            format!("Column {} of {file_name}.", file.value_column),
        ),
        method: stored
            .as_ref()
            .map(|s| s.method.clone())
            .unwrap_or_else(|| format!("Imported from {file_name} with `atlas import measures`; its source describes how it was made.")),
        citation: pick(options.citation, stored.as_ref().map(|s| &s.citation), file_name.clone()),
        version: pick(options.version, stored.as_ref().map(|s| &s.version), file_name.clone()),
        licence: pick(options.licence, stored.as_ref().map(|s| &s.licence), "as stated by its source".to_string()),
        url: options.url.or_else(|| stored.as_ref().and_then(|s| s.url.clone())),
        compare_with: options
            .compare_with
            .or(stored.as_ref().map(|s| s.compare_with))
            .unwrap_or(AtlasFigure::AiShare),
        origin: MeasureOrigin::Imported,
        value_count: file.values.len(),
    };
    let occupations = occupation_codes(pool).await?;
    let (mut matched, mut crosswalked) = (0, 0);
    for code in &occupations {
        match codes::find(code, &file.values, codes::mean, false) {
            Some((_, Match::Exact)) => matched += 1,
            Some(_) => crosswalked += 1,
            None => {}
        }
    }
    let socs: HashSet<&str> = occupations.iter().map(|code| codes::soc_of(code)).collect();
    let unmatched: BTreeSet<String> = file
        .values
        .keys()
        .filter(|code| !socs.contains(codes::soc_of(code)))
        .cloned()
        .collect();
    progress.start("Storing values", file.values.len() as u64);
    let outcome = write_measure(pool, &info, &file.values, &|rows| {
        progress.advance(rows as u64)
    })
    .await?;
    progress.finish();
    Ok(ImportReport {
        info,
        outcome,
        rows: file.rows,
        code_column: file.code_column,
        value_column: file.value_column,
        matched,
        crosswalked,
        without: occupations.len() - matched - crosswalked,
        unmatched: unmatched.into_iter().collect(),
    })
}
