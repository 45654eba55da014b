//! The four files an import reads, parsed into plain figures that borrow from the files' text:
//! occupations, task statements, per-task ratings (IM, RT, FT) and per-occupation Work Context
//! (CX, CXP). Nothing here maps anything to the four dimensions; `mapping` does.

use std::collections::HashMap;

use super::elements::ContextElement;
use super::error::OnetError;
use super::table::{Column, Row, Table};
use super::Progress;
use crate::assess::OccupationCode;

pub const OCCUPATION_DATA_FILE: &str = "Occupation Data.txt";
pub const TASK_STATEMENTS_FILE: &str = "Task Statements.txt";
pub const TASK_RATINGS_FILE: &str = "Task Ratings.txt";
pub const WORK_CONTEXT_FILE: &str = "Work Context.txt";

const CODE: &str = "O*NET-SOC Code";
const TITLE: &str = "Title";
const DESCRIPTION: &str = "Description";
const TASK_ID: &str = "Task ID";
const TASK: &str = "Task";
const TASK_TYPE: &str = "Task Type";
const ELEMENT_ID: &str = "Element ID";
const SCALE_ID: &str = "Scale ID";
const CATEGORY: &str = "Category";
const DATA_VALUE: &str = "Data Value";
const RECOMMEND_SUPPRESS: &str = "Recommend Suppress";
const NOT_RELEVANT: &str = "Not Relevant";

/// The columns each file must have, for the documentation; the readers below ask for exactly these.
pub const REQUIRED_COLUMNS: [(&str, &[&str]); 4] = [
    (OCCUPATION_DATA_FILE, &[CODE, TITLE, DESCRIPTION]),
    (TASK_STATEMENTS_FILE, &[CODE, TASK_ID, TASK]),
    (
        TASK_RATINGS_FILE,
        &[CODE, TASK_ID, SCALE_ID, CATEGORY, DATA_VALUE],
    ),
    (
        WORK_CONTEXT_FILE,
        &[CODE, ELEMENT_ID, SCALE_ID, CATEGORY, DATA_VALUE],
    ),
];

/// Columns read when present: Task Type, Recommend Suppress, Not Relevant.
pub const OPTIONAL_COLUMNS: [&str; 3] = [TASK_TYPE, RECOMMEND_SUPPRESS, NOT_RELEVANT];

/// Number of FT categories (Task Categories.txt: yearly or less … hourly or more).
pub const FREQUENCY_CATEGORIES: usize = 7;
/// Number of CXP categories of the five-point Work Context items.
pub const CONTEXT_CATEGORIES: usize = 5;

pub struct OccupationRow<'text> {
    pub code: &'text str,
    pub title: &'text str,
    pub description: &'text str,
}

pub struct TaskRow<'text> {
    pub code: &'text str,
    pub task_id: &'text str,
    pub statement: &'text str,
    pub task_type: Option<&'text str>,
}

/// One published figure and whether O*NET recommends suppressing it (low precision).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub suppressed: bool,
}

/// Percentages of respondents per category (FT or CXP), as published.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distribution<const CATEGORIES: usize> {
    pub percents: [f64; CATEGORIES],
    pub seen: bool,
    pub suppressed: bool,
}

impl<const CATEGORIES: usize> Default for Distribution<CATEGORIES> {
    fn default() -> Self {
        Distribution {
            percents: [0.0; CATEGORIES],
            seen: false,
            suppressed: false,
        }
    }
}

impl<const CATEGORIES: usize> Distribution<CATEGORIES> {
    /// The percentage-weighted mean of `levels` (one per category), or `None` without data.
    pub fn weighted_mean(&self, levels: &[f64; CATEGORIES]) -> Option<Estimate> {
        let total: f64 = self.percents.iter().sum();
        if !self.seen || total <= 0.0 {
            return None;
        }
        let weighted: f64 = self
            .percents
            .iter()
            .zip(levels)
            .map(|(percent, level)| percent * level)
            .sum();
        Some(Estimate {
            value: weighted / total,
            suppressed: self.suppressed,
        })
    }

    /// The mean category number (1-based).
    pub fn mean_category(&self) -> Option<Estimate> {
        let mut numbers = [0.0; CATEGORIES];
        for (index, number) in numbers.iter_mut().enumerate() {
            *number = (index + 1) as f64;
        }
        self.weighted_mean(&numbers)
    }

    fn record(&mut self, category: usize, percent: f64, suppressed: bool) {
        self.percents[category - 1] = percent;
        self.seen = true;
        self.suppressed |= suppressed;
    }
}

/// What Task Ratings says about one task.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TaskFigures {
    /// IM, 1–5.
    pub importance: Option<Estimate>,
    /// RT, percent of incumbents for whom the task is relevant.
    pub relevance: Option<Estimate>,
    /// FT, percent of incumbents per frequency category.
    pub frequency: Distribution<FREQUENCY_CATEGORIES>,
}

/// What Work Context says about one element of one occupation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ElementFigures {
    /// CX, the mean on the 1–5 scale.
    pub mean: Option<Estimate>,
    /// CXP, used when a release lacks the CX row.
    pub categories: Distribution<CONTEXT_CATEGORIES>,
    pub not_relevant: bool,
}

impl ElementFigures {
    /// The element's 1–5 mean: CX if published, else computed from CXP. An element flagged Not
    /// Relevant has no value: its question does not apply to the occupation.
    pub fn estimate(&self) -> Option<Estimate> {
        if self.not_relevant {
            return None;
        }
        self.mean.or_else(|| self.categories.mean_category())
    }
}

pub type ContextFigures = [ElementFigures; ContextElement::COUNT];

pub type TaskKey<'text> = (&'text str, &'text str);

pub fn read_occupations<'text>(
    text: &'text str,
    progress: &dyn Progress,
) -> Result<Vec<OccupationRow<'text>>, OnetError> {
    let table = Table::parse(OCCUPATION_DATA_FILE, text)?;
    let code = table.column(CODE)?;
    let title = table.column(TITLE)?;
    let description = table.column(DESCRIPTION)?;
    let mut occupations = Vec::new();
    in_stage(OCCUPATION_DATA_FILE, text, progress, || {
        table.for_each_row(progress, |row| {
            occupations.push(OccupationRow {
                code: checked_code(row, code)?,
                title: row.text(title),
                description: row.text(description),
            });
            Ok(())
        })
    })?;
    Ok(occupations)
}

pub fn read_tasks<'text>(
    text: &'text str,
    progress: &dyn Progress,
) -> Result<Vec<TaskRow<'text>>, OnetError> {
    let table = Table::parse(TASK_STATEMENTS_FILE, text)?;
    let code = table.column(CODE)?;
    let task_id = table.column(TASK_ID)?;
    let statement = table.column(TASK)?;
    let task_type = table.optional_column(TASK_TYPE);
    let mut tasks = Vec::new();
    in_stage(TASK_STATEMENTS_FILE, text, progress, || {
        table.for_each_row(progress, |row| {
            tasks.push(TaskRow {
                code: row.text(code),
                task_id: non_empty(row, task_id)?,
                statement: non_empty(row, statement)?,
                task_type: row
                    .optional_text(task_type)
                    .filter(|kind| !kind.is_empty() && !kind.eq_ignore_ascii_case("n/a")),
            });
            Ok(())
        })
    })?;
    Ok(tasks)
}

/// IM, RT and FT per (occupation, task). Other scales are skipped. When a release repeats a
/// row, the later one counts.
pub fn read_task_ratings<'text>(
    text: &'text str,
    progress: &dyn Progress,
) -> Result<HashMap<TaskKey<'text>, TaskFigures>, OnetError> {
    let table = Table::parse(TASK_RATINGS_FILE, text)?;
    let code = table.column(CODE)?;
    let task_id = table.column(TASK_ID)?;
    let scale = table.column(SCALE_ID)?;
    let category = table.column(CATEGORY)?;
    let value = table.column(DATA_VALUE)?;
    let suppress = table.optional_column(RECOMMEND_SUPPRESS);
    let mut ratings: HashMap<TaskKey<'text>, TaskFigures> = HashMap::new();
    in_stage(TASK_RATINGS_FILE, text, progress, || {
        table.for_each_row(progress, |row| {
            // Every Data Value must be a number, whether or not its scale is used.
            row.number(value)?;
            let suppressed = row.flag(suppress)?;
            let estimate = |minimum, maximum| -> Result<Option<Estimate>, OnetError> {
                Ok(Some(Estimate {
                    value: row.number_within(value, minimum, maximum)?,
                    suppressed,
                }))
            };
            let key = (row.text(code), row.text(task_id));
            match row.text(scale) {
                "IM" => ratings.entry(key).or_default().importance = estimate(1.0, 5.0)?,
                "RT" => ratings.entry(key).or_default().relevance = estimate(0.0, 100.0)?,
                "FT" => {
                    let number = row.category(category, FREQUENCY_CATEGORIES)?;
                    let percent = row.number_within(value, 0.0, 100.0)?;
                    let figures = ratings.entry(key).or_default();
                    figures.frequency.record(number, percent, suppressed);
                }
                _ => {}
            }
            Ok(())
        })
    })?;
    Ok(ratings)
}

/// CX and CXP of the elements in `ContextElement::ALL`, per occupation; other rows are checked
/// for a numeric Data Value and otherwise skipped.
pub fn read_work_context<'text>(
    text: &'text str,
    progress: &dyn Progress,
) -> Result<HashMap<&'text str, ContextFigures>, OnetError> {
    let table = Table::parse(WORK_CONTEXT_FILE, text)?;
    let code = table.column(CODE)?;
    let element_id = table.column(ELEMENT_ID)?;
    let scale = table.column(SCALE_ID)?;
    let category = table.column(CATEGORY)?;
    let value = table.column(DATA_VALUE)?;
    let suppress = table.optional_column(RECOMMEND_SUPPRESS);
    let not_relevant = table.optional_column(NOT_RELEVANT);
    let mut context: HashMap<&'text str, ContextFigures> = HashMap::new();
    in_stage(WORK_CONTEXT_FILE, text, progress, || {
        table.for_each_row(progress, |row| {
            row.number(value)?;
            let Some(element) = ContextElement::from_id(row.text(element_id)) else {
                return Ok(());
            };
            let suppressed = row.flag(suppress)?;
            let irrelevant = row.flag(not_relevant)?;
            let scale_id = row.text(scale);
            if scale_id != "CX" && scale_id != "CXP" {
                return Ok(());
            }
            let figures = &mut context.entry(row.text(code)).or_default()[element.index()];
            figures.not_relevant |= irrelevant;
            if scale_id == "CX" {
                figures.mean = Some(Estimate {
                    value: row.number_within(value, 1.0, 5.0)?,
                    suppressed,
                });
            } else {
                let number = row.category(category, CONTEXT_CATEGORIES)?;
                let percent = row.number_within(value, 0.0, 100.0)?;
                figures.categories.record(number, percent, suppressed);
            }
            Ok(())
        })
    })?;
    Ok(context)
}

/// An occupation code that `assess::OccupationCode` accepts, so that every imported occupation
/// can be stored and linked.
fn checked_code<'text>(row: &Row<'_, 'text>, column: Column) -> Result<&'text str, OnetError> {
    let code = row.text(column);
    OccupationCode::parse(code).map_err(|error| row.malformed(column, error.to_string()))?;
    Ok(code)
}

fn non_empty<'text>(row: &Row<'_, 'text>, column: Column) -> Result<&'text str, OnetError> {
    let cell = row.text(column);
    if cell.is_empty() {
        Err(row.malformed(column, "must not be empty".to_owned()))
    } else {
        Ok(cell)
    }
}

/// Runs one reading stage between `progress.start` and `progress.finish`, sized in bytes.
fn in_stage<T>(
    stage: &str,
    text: &str,
    progress: &dyn Progress,
    work: impl FnOnce() -> Result<T, OnetError>,
) -> Result<T, OnetError> {
    progress.start(stage, text.len() as u64);
    let result = work();
    progress.finish();
    result
}
