//! The shipped occupation catalog: the human-edited files in `data/` (`archetypes.toml` and one
//! `catalog/NN-*.toml` per SOC major group), parsed into domain types, checked as a whole, and
//! assessed by `crate::assess`. Server only (it reads files); the database side is `crate::db::catalog`.
//!
//! Invariants:
//! - A catalog is all or nothing: `read_catalog` returns every problem it found, each naming the
//!   file, the line and the field, and no `Catalog` when there is any.
//! - Every stored assessment comes from `assess::assess_occupation` at load time.
//! - The content hash covers every data file and `MODEL_VERSION`, so a change to either reloads.

mod cases;
mod check;
mod files;
mod load;

use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::assess::{Kind, OccupationAssessment, OccupationCode, Ratings, MODEL_VERSION};

/// The catalog's archetypes, as the profile form's suggester needs them.
pub fn archetype_hints(catalog: &Catalog) -> Vec<crate::profile::ArchetypeHint> {
    catalog
        .archetypes
        .iter()
        .map(|archetype| crate::profile::ArchetypeHint {
            id: archetype.id.clone(),
            label: archetype.label.clone(),
            kind: archetype.kind,
            ratings: archetype.ratings,
            why: archetype.why.clone(),
        })
        .collect()
}

pub use cases::read_cases;
pub use check::{MAX_TASKS_PER_OCCUPATION, MIN_TASKS_PER_OCCUPATION, SHARE_TOLERANCE};
pub use load::{sync_catalog, sync_read_catalog, LoadError, LoadOutcome};

/// A checked, assessed catalog, ready to be stored.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub archetypes: Vec<Archetype>,
    pub major_groups: Vec<MajorGroup>,
    pub occupations: Vec<CatalogOccupation>,
    /// sha256 (hex) over the data files and the model version.
    pub content_hash: String,
}

impl Catalog {
    pub fn task_count(&self) -> usize {
        self.occupations
            .iter()
            .map(|occupation| occupation.tasks.len())
            .sum()
    }
}

/// A task archetype: the shared vocabulary that keeps ratings consistent across occupations.
#[derive(Clone, Debug, PartialEq)]
pub struct Archetype {
    pub id: String,
    pub label: String,
    /// The kind of work the archetype's tasks are, unless a task says otherwise.
    pub kind: Kind,
    pub ratings: Ratings,
    pub why: String,
}

/// A SOC major group, e.g. "29" "Healthcare Practitioners and Technical Occupations".
#[derive(Clone, Debug, PartialEq)]
pub struct MajorGroup {
    pub code: String,
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct CatalogOccupation {
    pub code: OccupationCode,
    pub title: String,
    pub alt_titles: Vec<String>,
    pub note: String,
    pub evidence: Vec<Evidence>,
    pub tasks: Vec<CatalogTask>,
    pub assessment: OccupationAssessment,
}

impl CatalogOccupation {
    /// The two-digit major group, e.g. "29".
    pub fn major_group(&self) -> String {
        format!("{:02}", self.code.major_group())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogTask {
    pub title: String,
    /// Percent of working time as written in the file.
    pub share: f64,
    /// The task's own kind if it sets one, else its archetype's.
    pub kind: Kind,
    pub ratings: Ratings,
    pub archetype: String,
    pub rationale: String,
    pub deviation: Option<String>,
}

/// A published trial or deployment that bears on an occupation.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub source: String,
    pub year: i32,
    pub finding: String,
    pub url: Option<String>,
}

/// One problem in the catalog files: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogProblem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// The field, e.g. `occupation[2].task[3].share`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for CatalogProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.field,
            self.message
        )
    }
}

/// Every problem found in the catalog files (never empty).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct CatalogErrors(pub Vec<CatalogProblem>);

impl fmt::Display for CatalogErrors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(formatter, "the catalog has {} problem(s):", self.0.len())?;
        for problem in &self.0 {
            writeln!(formatter, "  {problem}")?;
        }
        Ok(())
    }
}

/// Reads, checks and assesses the catalog in `data_dir` (`archetypes.toml`, `catalog/*.toml`).
pub fn read_catalog(data_dir: &Path) -> Result<Catalog, CatalogErrors> {
    let sources = files::read_sources(data_dir)?;
    let content_hash = content_hash(&sources);
    let mut catalog = check::check(&sources)?;
    catalog.content_hash = content_hash;
    Ok(catalog)
}

/// Checks and assesses catalog files given as text (the archetypes file and the group files),
/// with the same parser and checks as `read_catalog` but without a data directory. Problems name
/// the files `archetypes.toml` and `catalog/group-N.toml`. The fuzz targets in `fuzz/` call this;
/// the app does not.
#[doc(hidden)]
pub fn check_texts(archetypes: &str, groups: &[&str]) -> Result<Catalog, CatalogErrors> {
    let sources = files::Sources {
        archetypes: files::Source {
            path: PathBuf::from(files::ARCHETYPES_FILE),
            text: archetypes.to_owned(),
        },
        groups: groups
            .iter()
            .enumerate()
            .map(|(index, text)| files::Source {
                path: Path::new(files::GROUPS_DIR).join(format!("group-{index}.toml")),
                text: (*text).to_owned(),
            })
            .collect(),
    };
    let content_hash = content_hash(&sources);
    let mut catalog = check::check(&sources)?;
    catalog.content_hash = content_hash;
    Ok(catalog)
}

/// The hash that decides whether a stored catalog is current.
fn content_hash(sources: &files::Sources) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"model ");
    hasher.update(MODEL_VERSION.as_bytes());
    for source in std::iter::once(&sources.archetypes).chain(&sources.groups) {
        // Names and contents, length-prefixed so that no two different inputs hash alike.
        let name = source
            .path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((source.text.len() as u64).to_le_bytes());
        hasher.update(source.text.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
