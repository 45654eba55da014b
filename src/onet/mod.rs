//! The O*NET importer: reads a release (a directory or O*NET's zip) and maps its task and Work
//! Context ratings to the model's four dimensions and a time share per task (`read_release`, pure
//! apart from reading the files); `import` assesses the result and stores it through `db::onet`;
//! `progress` shows the CLI's progress. No network. Server only (it reads files and uses `zip`).
//!
//! Pipeline: `source` finds the files and the release number; `table` splits tab-separated rows
//! and finds columns by header name; `files` turns the four files into figures; `elements` names
//! the Work Context elements used; `mapping` holds the mapping's constants and computes baselines;
//! `shares` estimates time shares; `cues` reads the kind of work from a task statement; `rate`
//! rates a task and explains the rating; `markdown` documents it all (`mapping_markdown`, and
//! `methodology_document`, which is docs/METHODOLOGY.md).
//!
//! Invariants:
//! - Every error names the file; bad data also names the line and the column (line 1 = header).
//! - Deterministic: occupations in code order, tasks in file order, no hash-map iteration order
//!   reaches the output, and the arithmetic is plain IEEE addition, multiplication and division.
//! - Every imported occupation has 1..=50 tasks whose shares are whole tenths of a percent adding
//!   up to 100, so `OnetOccupation::task_inputs` always passes `assess::assess_occupation`.

mod cues;
mod elements;
mod error;
mod files;
pub mod import;
mod mapping;
mod markdown;
pub mod progress;
mod rate;
mod shares;
mod source;
mod table;

#[cfg(test)]
mod error_tests;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::assess::{Dimension, Kind, Ratings, TaskInput, MAX_TASKS, MAX_TITLE_CHARS};

pub use error::OnetError;
pub use files::{OCCUPATION_DATA_FILE, TASK_RATINGS_FILE, TASK_STATEMENTS_FILE, WORK_CONTEXT_FILE};
pub use markdown::{mapping_markdown, methodology_document};

use files::{ContextFigures, OccupationRow, TaskFigures, TaskKey, TaskRow};
use source::ReleaseFiles;

/// Receives progress reports while a release is read (the CLI shows them as progress bars).
pub trait Progress {
    /// A stage begins; `total` is in the stage's own unit (bytes for files, occupations for mapping).
    fn start(&self, stage: &str, total: u64);
    fn advance(&self, n: u64);
    fn finish(&self);
}

/// Progress reports that go nowhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _stage: &str, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}

/// The name of the last stage, after the four files are read.
pub const MAPPING_STAGE: &str = "Mapping occupations";

/// An imported release.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnetRelease {
    /// "29.3", from Read Me.txt or the folder or archive name; "unknown" if none says.
    pub release: String,
    /// In code order.
    pub occupations: Vec<OnetOccupation>,
    /// Occupations not imported: (code, reason), in code order.
    pub skipped: Vec<(String, String)>,
    /// Tasks left out of imported occupations, grouped by occupation in code order.
    pub dropped_tasks: Vec<DroppedTask>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnetOccupation {
    pub code: String,
    pub title: String,
    pub description: String,
    /// In the order of Task Statements.txt.
    pub tasks: Vec<OnetTask>,
}

impl OnetOccupation {
    /// The model's input for these tasks, with statements longer than the model's title limit
    /// shortened at a word boundary (`short_title`).
    pub fn task_inputs(&self) -> Vec<TaskInput> {
        self.tasks
            .iter()
            .map(|task| TaskInput {
                title: short_title(&task.statement),
                share: task.share,
                kind: task.kind,
                ratings: task.ratings,
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnetTask {
    pub task_id: String,
    /// The full task statement.
    pub statement: String,
    /// "Core" or "Supplemental", when the release says.
    pub task_type: Option<String>,
    /// Percent of working time, in whole tenths; the tasks of an occupation add up to 100.
    pub share: f64,
    /// The kind of work, read from the statement (`cues::kind_of_work`).
    pub kind: Kind,
    pub ratings: Ratings,
    /// Which O*NET figures drove these ratings and this share, and which word the kind.
    pub explanation: String,
}

/// A task that is listed but not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedTask {
    pub code: String,
    pub task_id: String,
    pub reason: String,
}

/// A task statement cut to the model's title limit (200 characters) at a word boundary, with an
/// ellipsis; shorter statements are returned as they are.
pub fn short_title(statement: &str) -> String {
    let trimmed = statement.trim();
    if trimmed.len() <= MAX_TITLE_CHARS || trimmed.chars().count() <= MAX_TITLE_CHARS {
        return trimmed.to_owned();
    }
    let kept: String = trimmed.chars().take(MAX_TITLE_CHARS - 1).collect();
    let cut = match kept.rfind(' ') {
        Some(space) if space > kept.len() / 2 => &kept[..space],
        _ => kept.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':']))
}

/// Reads a release from a directory or a zip archive and maps it. See `mapping_markdown` for
/// what is read and how it becomes ratings and shares.
pub fn read_release(path: &Path, progress: &dyn Progress) -> Result<OnetRelease, OnetError> {
    let mut release_files = ReleaseFiles::open(path)?;
    let release = release_files.release_name()?;
    // All four files are fetched before any is parsed, so a missing one fails fast.
    let occupation_text = release_files.read_required(OCCUPATION_DATA_FILE)?;
    let task_text = release_files.read_required(TASK_STATEMENTS_FILE)?;
    let rating_text = release_files.read_required(TASK_RATINGS_FILE)?;
    let context_text = release_files.read_required(WORK_CONTEXT_FILE)?;
    read_release_texts(
        &release,
        &occupation_text,
        &task_text,
        &rating_text,
        &context_text,
        progress,
    )
}

/// Parses and maps a release from the text of its four files: what `read_release` does once it
/// has read them. Public for the fuzz targets in `fuzz/`, which feed it arbitrary text.
#[doc(hidden)]
pub fn read_release_texts(
    release: &str,
    occupation_text: &str,
    task_text: &str,
    rating_text: &str,
    context_text: &str,
    progress: &dyn Progress,
) -> Result<OnetRelease, OnetError> {
    let occupations = files::read_occupations(occupation_text, progress)?;
    let tasks = files::read_tasks(task_text, progress)?;
    let ratings = files::read_task_ratings(rating_text, progress)?;
    let context = files::read_work_context(context_text, progress)?;
    Ok(assemble(
        release.to_owned(),
        &occupations,
        &tasks,
        &ratings,
        &context,
        progress,
    ))
}

fn assemble(
    release: String,
    occupation_rows: &[OccupationRow<'_>],
    task_rows: &[TaskRow<'_>],
    ratings: &HashMap<TaskKey<'_>, TaskFigures>,
    context: &HashMap<&str, ContextFigures>,
    progress: &dyn Progress,
) -> OnetRelease {
    let mut tasks_by_code: HashMap<&str, Vec<&TaskRow<'_>>> = HashMap::new();
    for task in task_rows {
        tasks_by_code.entry(task.code).or_default().push(task);
    }
    let mut sorted: Vec<&OccupationRow<'_>> = occupation_rows.iter().collect();
    sorted.sort_by_key(|occupation| occupation.code);
    sorted.dedup_by_key(|occupation| occupation.code);
    let known: HashSet<&str> = sorted.iter().map(|occupation| occupation.code).collect();

    let mut skipped: Vec<(String, String)> = tasks_by_code
        .keys()
        .filter(|code| !known.contains(*code))
        .map(|code| {
            (
                (*code).to_owned(),
                format!("has tasks in {TASK_STATEMENTS_FILE} but is not in {OCCUPATION_DATA_FILE}"),
            )
        })
        .collect();
    let mut occupations = Vec::with_capacity(sorted.len());
    let mut dropped_tasks = Vec::new();
    progress.start(MAPPING_STAGE, sorted.len() as u64);
    for occupation in sorted {
        let tasks = tasks_by_code
            .get(occupation.code)
            .map_or(&[][..], Vec::as_slice);
        match map_occupation(occupation, tasks, ratings, context.get(occupation.code)) {
            Ok((mapped, dropped)) => {
                occupations.push(mapped);
                dropped_tasks.extend(dropped);
            }
            Err(reason) => skipped.push((occupation.code.to_owned(), reason)),
        }
        progress.advance(1);
    }
    progress.finish();
    skipped.sort();
    OnetRelease {
        release,
        occupations,
        skipped,
        dropped_tasks,
    }
}

/// One occupation, or the reason it cannot be imported.
fn map_occupation(
    occupation: &OccupationRow<'_>,
    tasks: &[&TaskRow<'_>],
    ratings: &HashMap<TaskKey<'_>, TaskFigures>,
    context: Option<&ContextFigures>,
) -> Result<(OnetOccupation, Vec<DroppedTask>), String> {
    if tasks.is_empty() {
        return Err(format!("no tasks in {TASK_STATEMENTS_FILE}"));
    }
    let drop = |task: &TaskRow<'_>, reason: String| DroppedTask {
        code: occupation.code.to_owned(),
        task_id: task.task_id.to_owned(),
        reason,
    };
    let mut dropped = Vec::new();
    let mut rated: Vec<(&TaskRow<'_>, &TaskFigures)> = Vec::with_capacity(tasks.len());
    for &task in tasks {
        match ratings.get(&(task.code, task.task_id)) {
            Some(figures) => rated.push((task, figures)),
            None => dropped.push(drop(task, format!("no ratings in {TASK_RATINGS_FILE}"))),
        }
    }
    if rated.is_empty() {
        return Err(format!("no task has ratings in {TASK_RATINGS_FILE}"));
    }
    let context = context
        .filter(|figures| figures.iter().any(|element| element.estimate().is_some()))
        .ok_or_else(|| {
            format!("no ratings in {WORK_CONTEXT_FILE} for the elements the mapping uses")
        })?;

    let baselines = Dimension::ALL.map(|dimension| mapping::baseline(dimension, context));
    let figures: Vec<&TaskFigures> = rated.iter().map(|(_, figures)| *figures).collect();
    let resolved = mapping::resolve_tasks(&figures);
    let weights: Vec<f64> = resolved.iter().map(shares::time_weight).collect();

    // The model takes at most MAX_TASKS tasks; the largest shares are kept.
    let mut kept: Vec<usize> = (0..rated.len()).collect();
    if kept.len() > MAX_TASKS {
        kept.sort_by(|&left, &right| {
            weights[right]
                .total_cmp(&weights[left])
                .then(left.cmp(&right))
        });
        for &index in &kept[MAX_TASKS..] {
            let reason = format!("outside the {MAX_TASKS} largest time shares, the model's limit");
            dropped.push(drop(rated[index].0, reason));
        }
        kept.truncate(MAX_TASKS);
        kept.sort_unstable();
    }
    let kept_weights: Vec<f64> = kept.iter().map(|&index| weights[index]).collect();
    let tenths = shares::shares_in_tenths(&kept_weights);

    let onet_tasks = kept
        .iter()
        .zip(tenths)
        .map(|(&index, tenths)| {
            let task = rated[index].0;
            let cue = cues::classify(task.statement);
            let task_ratings = rate::rate_task(&baselines, &resolved[index], &cue);
            let (kind, kind_word) = cues::kind_of_work(task.statement, &cue);
            let mut explanation = rate::explain(&task_ratings, &baselines, &resolved[index], &cue);
            explanation.push_str(&kind_sentence(kind, &kind_word));
            OnetTask {
                task_id: task.task_id.to_owned(),
                statement: task.statement.to_owned(),
                task_type: task.task_type.map(str::to_owned),
                share: f64::from(tenths) / 10.0,
                kind,
                ratings: task_ratings,
                explanation,
            }
        })
        .collect();
    Ok((
        OnetOccupation {
            code: occupation.code.to_owned(),
            title: occupation.title.to_owned(),
            description: occupation.description.to_owned(),
            tasks: onet_tasks,
        },
        dropped,
    ))
}

/// The sentence added to an imported task's explanation about its kind of work.
fn kind_sentence(kind: Kind, word: &str) -> String {
    if word.is_empty() {
        format!(
            " Kind of work: {} (nothing in the statement says otherwise).",
            kind.name()
        )
    } else {
        format!(" Kind of work: {} (from \"{word}\").", kind.name())
    }
}

/// The kind of work the importer's rule reads from a task statement (`cues::kind_of_work`). Also
/// used to suggest a kind for a stored task that has none: an O*NET row imported under model 1.x,
/// or a profile task saved under it.
pub fn kind_for_statement(statement: &str) -> Kind {
    cues::kind_of_work(statement, &cues::classify(statement)).0
}
