//! Custom task profiles: what a user types (a `ProfileDraft`, from the form, a CSV file or a JSON
//! body) and the one set of rules it must pass to become a `ValidProfile` that the model scores.
//! Pure apart from the CSV reader (`csv`, server only); the form's live preview runs the same
//! rules in the browser.
//!
//! Invariants:
//! - Every rule lives in `validate`; the form, the CSV upload and the API all go through it, so a
//!   profile the API accepts is one the form accepts.
//! - Every error names its field as a path into the JSON body (`name`, `tasks[3].share`,
//!   `tasks[3].ratings.frequency`); form inputs carry these paths as their `name`, so an error
//!   lands next to the input it is about. Task indices are the row's position in the draft
//!   (blank form rows included), counted from 0.
//! - Text is kept as typed (trimmed at the ends, nothing else): Unicode, emoji and right-to-left
//!   scripts survive; only control characters (which no keyboard types) are refused.
//! - A valid profile always passes `assess::assess_occupation` (1–50 tasks, titles of at most
//!   200 characters, shares in (0, 100]).

#[cfg(feature = "ssr")]
pub mod csv;
mod input;
#[cfg(feature = "ssr")]
pub mod secret;
pub mod suggest;
#[cfg(test)]
mod tests;

pub use input::{draft_from_json, draft_from_pairs};
pub use suggest::{suggest, ArchetypeHint, Suggestion};

use serde::{Deserialize, Serialize};

use crate::assess::{
    assess_occupation, Dimension, Kind, OccupationAssessment, OccupationCode, Rating, Ratings,
    TaskInput, MAX_TASKS, MAX_TITLE_CHARS,
};
use crate::browse::FieldError;
use crate::report::{OccupationReport, ReportSource, ReportTask};

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
pub const MAX_NOTES_CHARS: usize = 1_000;
/// Shares are entered in percent of working time; they need not add up to 100 (they are
/// normalised), but no single task can take more than all of it.
pub const MAX_SHARE_PERCENT: f64 = 100.0;
/// Empty rows the form shows for a new profile, and adds on "add more rows".
pub const BLANK_ROWS: usize = 5;
/// The most rows a submitted form may have, blank ones included.
pub const MAX_FORM_ROWS: usize = 100;

/// A profile as entered, every value still text, so that a form can be shown back exactly as
/// the user typed it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileDraft {
    pub name: String,
    pub description: String,
    /// An O*NET-SOC code, or empty.
    pub base_occupation: String,
    pub tasks: Vec<TaskDraft>,
}

/// One task row as entered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskDraft {
    pub title: String,
    /// Percent of working time, as typed.
    pub share: String,
    /// A kind's machine name (`judging_cases`, …), or empty when not chosen yet.
    #[serde(default)]
    pub kind: String,
    /// By `Dimension::index`: "1".."5", or empty when not chosen yet.
    pub ratings: [String; 4],
    pub notes: String,
}

impl TaskDraft {
    /// A row with nothing entered: forms skip these.
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty()
            && self.share.trim().is_empty()
            && self.kind.trim().is_empty()
            && self.notes.trim().is_empty()
            && self.ratings.iter().all(|rating| rating.trim().is_empty())
    }

    pub fn rating(&self, dimension: Dimension) -> &str {
        &self.ratings[dimension.index()]
    }

    /// The row for a stored task (a template or a saved profile).
    pub fn from_task(
        title: &str,
        share: f64,
        kind: Kind,
        ratings: &Ratings,
        notes: Option<&str>,
    ) -> TaskDraft {
        TaskDraft {
            title: title.to_owned(),
            share: format_share(share),
            kind: kind.name().to_owned(),
            ratings: Dimension::ALL.map(|dimension| ratings.get(dimension).value().to_string()),
            notes: notes.unwrap_or_default().to_owned(),
        }
    }
}

/// A share as a person would type it: `12.5`, `40`.
pub fn format_share(share: f64) -> String {
    let rounded = (share * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let text = format!("{rounded:.2}");
        text.trim_end_matches('0').to_owned()
    }
}

/// Whether blank task rows are skipped (a form always has some) or are errors (an API client
/// that sends an empty task made a mistake).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlankRows {
    Skip,
    Reject,
}

/// A profile that passed every rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidProfile {
    pub name: String,
    pub description: String,
    pub base_occupation: Option<String>,
    pub tasks: Vec<ValidTask>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidTask {
    pub title: String,
    /// Percent of working time as entered, in (0, 100].
    pub share: f64,
    pub kind: Kind,
    /// True only for a task read back from a profile saved under model 1.x, which had no kind:
    /// the kind is a suggestion until the profile is saved again.
    #[serde(default)]
    pub kind_suggested: bool,
    pub ratings: Ratings,
    pub notes: Option<String>,
}

impl ValidProfile {
    pub fn task_inputs(&self) -> Vec<TaskInput> {
        self.tasks
            .iter()
            .map(|task| TaskInput {
                title: task.title.clone(),
                share: task.share,
                kind: task.kind,
                ratings: task.ratings,
            })
            .collect()
    }

    /// The model's assessment; `None` only if the rules above and the model's disagree (a bug).
    pub fn assess(&self) -> Option<OccupationAssessment> {
        assess_occupation(&self.task_inputs()).ok()
    }

    /// The report a profile page, a download or the API shows.
    pub fn report(&self) -> Option<OccupationReport> {
        let tasks = self
            .tasks
            .iter()
            .map(|task| ReportTask {
                title: task.title.clone(),
                share: task.share,
                kind: task.kind,
                kind_suggested: task.kind_suggested,
                ratings: task.ratings,
                explanation: task.notes.clone(),
                archetype: None,
                deviation: None,
            })
            .collect();
        OccupationReport::build(
            None,
            self.name.clone(),
            None,
            ReportSource::Profile,
            Vec::new(),
            self.description.clone(),
            Vec::new(),
            tasks,
            None,
        )
        .ok()
    }

    /// The draft that shows this profile in the form.
    pub fn to_draft(&self) -> ProfileDraft {
        ProfileDraft {
            name: self.name.clone(),
            description: self.description.clone(),
            base_occupation: self.base_occupation.clone().unwrap_or_default(),
            tasks: self
                .tasks
                .iter()
                .map(|task| {
                    TaskDraft::from_task(
                        &task.title,
                        task.share,
                        task.kind,
                        &task.ratings,
                        task.notes.as_deref(),
                    )
                })
                .collect(),
        }
    }
}

/// The path of a task's field, e.g. `tasks[3].share`.
pub fn task_field(index: usize, field: &str) -> String {
    format!("tasks[{index}].{field}")
}

/// The path of a task's rating, e.g. `tasks[3].ratings.frequency`.
pub fn rating_field(index: usize, dimension: Dimension) -> String {
    format!("tasks[{index}].ratings.{}", dimension.name())
}

fn error(field: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// Control characters other than line breaks and tabs: never typed, often an attack. Unicode's
/// line and paragraph separators are not control characters, but they break a line all the same,
/// so a single-line field refuses them too.
fn has_control(text: &str, allow_newlines: bool) -> bool {
    text.chars().any(|character| {
        if allow_newlines {
            character.is_control() && !matches!(character, '\n' | '\r' | '\t')
        } else {
            character.is_control() || matches!(character, '\u{2028}' | '\u{2029}')
        }
    })
}

/// A text field: trimmed; required or not; a character limit; newlines allowed or not.
pub(crate) fn check_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    required: Option<&str>,
    max_chars: usize,
    multiline: bool,
) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        if let Some(message) = required {
            errors.push(error(field, message));
        }
        return String::new();
    }
    let chars = trimmed.chars().count();
    if chars > max_chars {
        errors.push(error(
            field,
            format!("must be at most {max_chars} characters; this has {chars}"),
        ));
    } else if has_control(trimmed, multiline) {
        errors.push(error(
            field,
            if multiline {
                "must not contain control characters (line breaks and tabs are fine)"
            } else {
                "must not contain control characters or line breaks"
            },
        ));
    }
    trimmed.to_owned()
}

/// A share in percent: `25`, `12.5`, `12,5` or `25%`.
pub fn parse_share(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("enter the share of working time in percent, e.g. 25".to_owned());
    }
    let number = trimmed.strip_suffix('%').unwrap_or(trimmed).trim();
    let normalised = number.replace(',', ".");
    let value: f64 = normalised
        .parse()
        .ok()
        .filter(|value: &f64| value.is_finite())
        .ok_or_else(|| format!("must be a number of percent, e.g. 25 (got {trimmed:?})"))?;
    if value <= 0.0 {
        Err("must be more than 0 percent".to_owned())
    } else if value > MAX_SHARE_PERCENT {
        Err("must be at most 100 percent of working time".to_owned())
    } else {
        Ok(value)
    }
}

/// A kind of work by its machine name.
pub fn parse_kind(text: &str) -> Result<Kind, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("choose the kind of work this task is".to_owned());
    }
    Kind::parse(trimmed).map_err(|error| error.to_string())
}

/// Fills every row that has a title but no kind with `suggest(title)`, as the API and the CSV
/// upload do before validation (a form always shows a kind to accept or change). Returns the
/// indices of the rows filled.
pub fn fill_missing_kinds(draft: &mut ProfileDraft, suggest: impl Fn(&str) -> Kind) -> Vec<usize> {
    let mut filled = Vec::new();
    for (index, task) in draft.tasks.iter_mut().enumerate() {
        if task.kind.trim().is_empty() && !task.title.trim().is_empty() {
            task.kind = suggest(task.title.trim()).name().to_owned();
            filled.push(index);
        }
    }
    filled
}

/// The path of a task's kind, e.g. `tasks[3].kind`.
pub fn kind_field(index: usize) -> String {
    task_field(index, "kind")
}

/// A rating: a whole number from 1 to 5.
pub fn parse_rating(text: &str) -> Result<Rating, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("choose a rating from 1 to 5".to_owned());
    }
    trimmed
        .parse::<u8>()
        .ok()
        .and_then(|value| Rating::new(value).ok())
        .ok_or_else(|| format!("must be a whole number from 1 to 5 (got {trimmed:?})"))
}

/// Checks every rule and returns the profile, or one message per offending field (all of them,
/// not only the first).
pub fn validate(
    draft: &ProfileDraft,
    blank_rows: BlankRows,
) -> Result<ValidProfile, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = check_text(
        &mut errors,
        "name",
        &draft.name,
        Some("enter a name for the profile"),
        MAX_NAME_CHARS,
        false,
    );
    let description = check_text(
        &mut errors,
        "description",
        &draft.description,
        None,
        MAX_DESCRIPTION_CHARS,
        true,
    );
    let base_occupation = match draft.base_occupation.trim() {
        "" => None,
        text => match OccupationCode::parse(text) {
            Ok(code) => Some(code.as_str().to_owned()),
            Err(reason) => {
                let message = reason.to_string();
                let message = message.trim_start_matches("code: ");
                errors.push(error("base_occupation", message));
                None
            }
        },
    };
    if draft.tasks.len() > MAX_FORM_ROWS {
        errors.push(error(
            "tasks",
            format!(
                "at most {MAX_FORM_ROWS} rows can be sent; got {}",
                draft.tasks.len()
            ),
        ));
        return Err(errors);
    }
    let mut tasks = Vec::new();
    let mut entered = 0;
    for (index, task) in draft.tasks.iter().enumerate() {
        if blank_rows == BlankRows::Skip && task.is_blank() {
            continue;
        }
        entered += 1;
        let title = check_text(
            &mut errors,
            &task_field(index, "title"),
            &task.title,
            Some("enter what the task is"),
            MAX_TITLE_CHARS,
            false,
        );
        let share = parse_share(&task.share)
            .map_err(|message| errors.push(error(task_field(index, "share"), message)))
            .ok();
        // Without a title there is nothing to say the kind of; the title's error says enough.
        let kind = match parse_kind(&task.kind) {
            Ok(kind) => Some(kind),
            Err(_) if title.is_empty() && task.kind.trim().is_empty() => None,
            Err(message) => {
                errors.push(error(kind_field(index), message));
                None
            }
        };
        let mut values = [Rating::MIN; 4];
        let mut ratings_ok = true;
        for dimension in Dimension::ALL {
            match parse_rating(task.rating(dimension)) {
                Ok(rating) => values[dimension.index()] = rating,
                Err(message) => {
                    ratings_ok = false;
                    errors.push(error(rating_field(index, dimension), message));
                }
            }
        }
        let notes = check_text(
            &mut errors,
            &task_field(index, "notes"),
            &task.notes,
            None,
            MAX_NOTES_CHARS,
            true,
        );
        if let (Some(share), Some(kind), true, false) = (share, kind, ratings_ok, title.is_empty())
        {
            tasks.push(ValidTask {
                title,
                share,
                kind,
                kind_suggested: false,
                ratings: Ratings::new(values[0], values[1], values[2], values[3]),
                notes: (!notes.is_empty()).then_some(notes),
            });
        }
    }
    if entered == 0 {
        errors.push(error("tasks", "add at least one task"));
    } else if entered > MAX_TASKS {
        errors.push(error(
            "tasks",
            format!("a profile has at most {MAX_TASKS} tasks; this has {entered}"),
        ));
    }
    if errors.is_empty() {
        Ok(ValidProfile {
            name,
            description,
            base_occupation,
            tasks,
        })
    } else {
        Err(errors)
    }
}

/// A new draft with `BLANK_ROWS` empty rows.
pub fn blank_draft() -> ProfileDraft {
    ProfileDraft {
        tasks: vec![TaskDraft::default(); BLANK_ROWS],
        ..ProfileDraft::default()
    }
}

/// The draft for "use as a template": the occupation's tasks and ratings, ready to adjust.
pub fn draft_from_report(report: &OccupationReport) -> ProfileDraft {
    ProfileDraft {
        name: format!("{} (my version)", report.title)
            .chars()
            .take(MAX_NAME_CHARS)
            .collect(),
        description: String::new(),
        base_occupation: report.code.clone().unwrap_or_default(),
        tasks: report
            .tasks
            .iter()
            .take(MAX_TASKS)
            .map(|task| {
                TaskDraft::from_task(&task.title, task.share, task.kind, &task.ratings, None)
            })
            .collect(),
    }
}

/// The live preview: the assessment of every complete row (rows with errors are left out), with
/// the draft index of each assessed task. `None` when no row is complete.
pub fn preview(draft: &ProfileDraft) -> Option<(OccupationAssessment, Vec<usize>)> {
    let mut inputs = Vec::new();
    let mut rows = Vec::new();
    for (index, task) in draft.tasks.iter().enumerate().take(MAX_FORM_ROWS) {
        let title = task.title.trim();
        if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
            continue;
        }
        let Ok(share) = parse_share(&task.share) else {
            continue;
        };
        let Ok(kind) = parse_kind(&task.kind) else {
            continue;
        };
        let Ok(ratings) = Dimension::ALL
            .map(|dimension| parse_rating(task.rating(dimension)))
            .into_iter()
            .collect::<Result<Vec<Rating>, String>>()
        else {
            continue;
        };
        if inputs.len() == MAX_TASKS {
            break;
        }
        inputs.push(TaskInput {
            title: title.to_owned(),
            share,
            kind,
            ratings: Ratings::new(ratings[0], ratings[1], ratings[2], ratings[3]),
        });
        rows.push(index);
    }
    assess_occupation(&inputs)
        .ok()
        .map(|assessment| (assessment, rows))
}

/// Fills, in every row with a title, the kind and the ratings left empty with the suggestion for
/// its title (`suggest`), keeping whatever the user chose. Returns, per row filled, its index and
/// the suggestion used: the form lists them so the user sees where each value came from.
pub fn fill_suggestions(
    draft: &mut ProfileDraft,
    hints: &[ArchetypeHint],
) -> Vec<(usize, Suggestion)> {
    let mut filled = Vec::new();
    for (index, task) in draft.tasks.iter_mut().enumerate() {
        let missing_kind = task.kind.trim().is_empty();
        let missing_rating = task.ratings.iter().any(|rating| rating.trim().is_empty());
        if task.title.trim().is_empty() || !(missing_kind || missing_rating) {
            continue;
        }
        let Some(suggestion) = suggest(&task.title, hints) else {
            continue;
        };
        if missing_kind {
            task.kind = suggestion.kind.name().to_owned();
        }
        for dimension in Dimension::ALL {
            let slot = &mut task.ratings[dimension.index()];
            if slot.trim().is_empty() {
                *slot = suggestion.ratings.get(dimension).value().to_string();
            }
        }
        filled.push((index, suggestion));
    }
    filled
}
