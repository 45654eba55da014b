//! Reading the catalog files and parsing their TOML into raw, span-carrying structs.
//! Nothing here judges the content; `check` does.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{CatalogErrors, CatalogProblem};

/// One file's path and text.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    /// The 1-based line of a byte offset in this file.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count()
            + 1
    }

    pub fn problem(
        &self,
        offset: usize,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> CatalogProblem {
        CatalogProblem {
            file: self.path.clone(),
            line: self.line_of(offset),
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The files of one catalog: archetypes first, then the group files in name order.
#[derive(Clone, Debug)]
pub struct Sources {
    pub archetypes: Source,
    pub groups: Vec<Source>,
}

pub const ARCHETYPES_FILE: &str = "archetypes.toml";
pub const GROUPS_DIR: &str = "catalog";

/// Reads `data_dir/archetypes.toml` and every `data_dir/catalog/*.toml`.
pub fn read_sources(data_dir: &Path) -> Result<Sources, CatalogErrors> {
    let whole_file = |path: &Path, message: String| CatalogProblem {
        file: path.to_path_buf(),
        line: 0,
        field: "file".to_string(),
        message,
    };
    let read = |path: PathBuf| -> Result<Source, CatalogProblem> {
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Source { path, text }),
            Err(error) => Err(whole_file(&path, format!("cannot read: {error}"))),
        }
    };
    let archetypes =
        read(data_dir.join(ARCHETYPES_FILE)).map_err(|problem| CatalogErrors(vec![problem]))?;
    let groups_dir = data_dir.join(GROUPS_DIR);
    let entries = std::fs::read_dir(&groups_dir).map_err(|error| {
        CatalogErrors(vec![whole_file(
            &groups_dir,
            format!("cannot list: {error}"),
        )])
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(CatalogErrors(vec![whole_file(
            &groups_dir,
            "no .toml files".to_string(),
        )]));
    }
    let mut groups = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for path in paths {
        match read(path) {
            Ok(source) => groups.push(source),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(Sources { archetypes, groups })
    } else {
        Err(CatalogErrors(problems))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArchetypeFile {
    #[serde(default)]
    pub archetype: Vec<Spanned<RawArchetype>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArchetype {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    pub kind: Spanned<String>,
    pub ratings: Spanned<RawRatings>,
    pub why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroupFile {
    pub major_group: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub occupation: Vec<Spanned<RawOccupation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOccupation {
    pub code: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub alt_titles: Vec<Spanned<String>>,
    pub note: Spanned<String>,
    #[serde(default)]
    pub evidence: Vec<Spanned<RawEvidence>>,
    #[serde(default)]
    pub task: Vec<Spanned<RawTask>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub title: Spanned<String>,
    pub share: Spanned<f64>,
    pub archetype: Spanned<String>,
    /// Only when the task's kind differs from its archetype's.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    pub ratings: Spanned<RawRatings>,
    pub rationale: Spanned<String>,
    #[serde(default)]
    pub deviation: Option<Spanned<String>>,
}

/// Ratings as written: any integer, so that an out-of-range value is reported with its line
/// instead of failing the whole file's parse.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRatings {
    pub standardization: Spanned<i64>,
    pub error_tolerance: Spanned<i64>,
    pub verifiability: Spanned<i64>,
    pub frequency: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub source: Spanned<String>,
    pub year: Spanned<i64>,
    pub finding: Spanned<String>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// Parses `source` as TOML into `T`, turning a syntax or shape error into a problem with its line.
pub fn parse<T: for<'de> Deserialize<'de>>(source: &Source) -> Result<T, CatalogProblem> {
    toml::from_str::<T>(&source.text).map_err(|error| {
        let offset = error.span().map(|span| span.start).unwrap_or(0);
        let field = error_field(error.message());
        let message = match error.message().trim() {
            "" => unexpected_character(&source.text, offset),
            message => message.to_string(),
        };
        source.problem(offset, field, message)
    })
}

/// What is wrong at `offset`, for the syntax errors whose TOML message is empty (the fuzzer
/// found one: a carriage return that does not end a line).
fn unexpected_character(text: &str, offset: usize) -> String {
    let rest = text.get(offset..).unwrap_or("");
    match rest.chars().next() {
        Some('\r') if !rest.starts_with("\r\n") => {
            "a carriage return that does not end a line; TOML allows one only before a line feed"
                .to_string()
        }
        Some(character) if character.is_control() => format!(
            "the control character U+{:04X} is not allowed here",
            u32::from(character)
        ),
        Some(character) => format!("`{character}` is not valid TOML here"),
        None => "the file ends where TOML expects more".to_string(),
    }
}

/// The field a serde error is about, when its message names one (`missing field `note``);
/// `toml` for syntax errors, whose messages quote the expected characters instead
/// ("expected newline, `#`").
fn error_field(message: &str) -> String {
    const NAMING_A_FIELD: [&str; 4] = [
        "unknown field `",
        "missing field `",
        "duplicate field `",
        "duplicate key `",
    ];
    NAMING_A_FIELD
        .iter()
        .find_map(|prefix| message.trim_start().strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next())
        .filter(|name| !name.is_empty() && name.len() < 40)
        .map_or_else(|| "toml".to_string(), str::to_string)
}
