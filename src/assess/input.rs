//! Parsing what people type into the types the model trusts: `TimeShare`, `TaskTitle` and
//! `TaskProfile` (a validated, normalised list of tasks).
//!
//! Every error names the field it is about (`tasks[3].share: must be a positive number`), with
//! tasks counted from 0 as in a JSON path, so forms can attach the message to the right input.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::dimension::Ratings;
use super::kind::Kind;

pub const MAX_TITLE_CHARS: usize = 200;
/// Time shares may be given in any positive unit (percent, hours a week, minutes a day);
/// this cap only keeps sums far from overflow and typos like 1e300 out.
pub const MAX_TIME_SHARE: f64 = 1e6;
pub const MIN_TASKS: usize = 1;
pub const MAX_TASKS: usize = 50;

/// The relative amount of working time a task takes, in any positive unit.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct TimeShare(f64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TimeShareError {
    /// Zero, negative, negative infinity and NaN all land here: none is an amount of time.
    #[error("must be a positive number")]
    NotPositive,
    #[error("must be at most 1000000")]
    TooLarge,
}

impl TimeShare {
    pub fn new(value: f64) -> Result<TimeShare, TimeShareError> {
        if value.is_nan() || value <= 0.0 {
            Err(TimeShareError::NotPositive)
        } else if value > MAX_TIME_SHARE {
            Err(TimeShareError::TooLarge)
        } else {
            Ok(TimeShare(value))
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for TimeShare {
    type Error = TimeShareError;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        TimeShare::new(value)
    }
}

impl From<TimeShare> for f64 {
    fn from(share: TimeShare) -> f64 {
        share.0
    }
}

/// A task's title: trimmed, not empty, at most 200 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TaskTitle(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TitleError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most 200 characters, got {chars}")]
    TooLong { chars: usize },
}

impl TaskTitle {
    pub fn parse(text: &str) -> Result<TaskTitle, TitleError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(TitleError::Empty);
        }
        // Characters, not bytes: a limit in bytes would punish non-Latin scripts. Counting is
        // skipped when the byte length alone proves the title short enough.
        if trimmed.len() > MAX_TITLE_CHARS {
            let chars = trimmed.chars().count();
            if chars > MAX_TITLE_CHARS {
                return Err(TitleError::TooLong { chars });
            }
        }
        Ok(TaskTitle(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TaskTitle {
    type Error = TitleError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        TaskTitle::parse(&text)
    }
}

impl From<TaskTitle> for String {
    fn from(title: TaskTitle) -> String {
        title.0
    }
}

impl fmt::Display for TaskTitle {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// One task as entered, before validation. The kind and the ratings are already typed, because a
/// form or a JSON body cannot produce an unknown `Kind` or an out-of-range `Rating` without
/// failing to parse first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskInput {
    pub title: String,
    pub share: f64,
    pub kind: Kind,
    pub ratings: Ratings,
}

/// Why a list of tasks cannot be assessed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AssessError {
    #[error("tasks: at least one task is required")]
    NoTasks,
    #[error("tasks: at most {max} tasks are allowed, got {count}")]
    TooManyTasks { count: usize, max: usize },
    #[error("tasks[{index}].title: {reason}")]
    Title { index: usize, reason: TitleError },
    #[error("tasks[{index}].share: {reason}")]
    Share {
        index: usize,
        reason: TimeShareError,
    },
}

impl AssessError {
    /// The path of the offending field, e.g. `tasks[3].share`, for attaching form errors.
    pub fn field(&self) -> String {
        match self {
            AssessError::NoTasks | AssessError::TooManyTasks { .. } => "tasks".to_owned(),
            AssessError::Title { index, .. } => format!("tasks[{index}].title"),
            AssessError::Share { index, .. } => format!("tasks[{index}].share"),
        }
    }
}

/// One validated task with its share of working time normalised to a fraction of the total.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileTask {
    title: TaskTitle,
    share: f64,
    kind: Kind,
    ratings: Ratings,
}

impl ProfileTask {
    pub fn title(&self) -> &TaskTitle {
        &self.title
    }

    /// Fraction of working time, in (0, 1]; the shares of a profile sum to 1.
    pub fn share(&self) -> f64 {
        self.share
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn ratings(&self) -> &Ratings {
        &self.ratings
    }
}

/// The tasks of an occupation or of a personal profile: 1..=50 tasks, valid titles, positive
/// shares normalised to sum to 1 (up to float rounding).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<TaskInput>", into = "Vec<TaskInput>")]
pub struct TaskProfile {
    tasks: Vec<ProfileTask>,
}

impl TaskProfile {
    pub fn parse(inputs: &[TaskInput]) -> Result<TaskProfile, AssessError> {
        // The count is checked first so that an oversized request costs nothing more.
        if inputs.len() < MIN_TASKS {
            return Err(AssessError::NoTasks);
        }
        if inputs.len() > MAX_TASKS {
            return Err(AssessError::TooManyTasks {
                count: inputs.len(),
                max: MAX_TASKS,
            });
        }
        let mut tasks = Vec::with_capacity(inputs.len());
        let mut total = 0.0;
        for (index, input) in inputs.iter().enumerate() {
            let title = TaskTitle::parse(&input.title)
                .map_err(|reason| AssessError::Title { index, reason })?;
            let share = TimeShare::new(input.share)
                .map_err(|reason| AssessError::Share { index, reason })?;
            total += share.value();
            tasks.push(ProfileTask {
                title,
                share: share.value(),
                kind: input.kind,
                ratings: input.ratings,
            });
        }
        // At most 50 shares of at most 1e6 each: the total is finite and positive.
        for task in &mut tasks {
            task.share /= total;
        }
        Ok(TaskProfile { tasks })
    }

    pub fn tasks(&self) -> &[ProfileTask] {
        &self.tasks
    }
}

impl TryFrom<Vec<TaskInput>> for TaskProfile {
    type Error = AssessError;

    fn try_from(inputs: Vec<TaskInput>) -> Result<Self, Self::Error> {
        TaskProfile::parse(&inputs)
    }
}

impl From<TaskProfile> for Vec<TaskInput> {
    fn from(profile: TaskProfile) -> Vec<TaskInput> {
        profile
            .tasks
            .into_iter()
            .map(|task| TaskInput {
                title: task.title.into(),
                share: task.share,
                kind: task.kind,
                ratings: task.ratings,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assess::testing::{any_task_input, ratings};

    fn task(title: &str, share: f64) -> TaskInput {
        TaskInput {
            title: title.to_owned(),
            share,
            kind: Kind::Making,
            ratings: ratings([3, 3, 3, 3]),
        }
    }

    #[test]
    fn shares_must_be_positive_finite_and_at_most_a_million() {
        for bad in [0.0, -0.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
            assert_eq!(
                TimeShare::new(bad),
                Err(TimeShareError::NotPositive),
                "{bad}"
            );
        }
        for too_large in [1e6 + 1.0, f64::INFINITY, f64::MAX] {
            assert_eq!(TimeShare::new(too_large), Err(TimeShareError::TooLarge));
        }
        assert_eq!(TimeShare::new(1e6).map(TimeShare::value), Ok(1e6));
        assert_eq!(
            TimeShare::new(f64::MIN_POSITIVE).map(TimeShare::value),
            Ok(f64::MIN_POSITIVE)
        );
    }

    #[test]
    fn titles_are_trimmed_and_limited_to_200_characters() {
        assert_eq!(
            TaskTitle::parse("  Read images \n").unwrap().as_str(),
            "Read images"
        );
        assert_eq!(TaskTitle::parse(" \t\n"), Err(TitleError::Empty));
        let long = "é".repeat(MAX_TITLE_CHARS);
        assert!(
            TaskTitle::parse(&long).is_ok(),
            "200 two-byte characters are allowed"
        );
        let too_long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            TaskTitle::parse(&too_long),
            Err(TitleError::TooLong { chars: 201 })
        );
    }

    #[test]
    fn errors_name_the_field_with_its_task_index() {
        let inputs = [
            task("a", 1.0),
            task("b", 1.0),
            task("c", 1.0),
            task("d", -2.0),
        ];
        let error = TaskProfile::parse(&inputs).unwrap_err();
        assert_eq!(
            error.to_string(),
            "tasks[3].share: must be a positive number"
        );
        assert_eq!(error.field(), "tasks[3].share");
        let error = TaskProfile::parse(&[task("a", 1.0), task(" ", 1.0)]).unwrap_err();
        assert_eq!(error.to_string(), "tasks[1].title: must not be empty");
        assert_eq!(
            TaskProfile::parse(&[]).unwrap_err().to_string(),
            "tasks: at least one task is required"
        );
        let many = vec![task("a", 1.0); 51];
        assert_eq!(
            TaskProfile::parse(&many).unwrap_err().to_string(),
            "tasks: at most 50 tasks are allowed, got 51"
        );
    }

    #[test]
    fn shares_are_normalised_to_fractions_of_the_total() {
        let profile = TaskProfile::parse(&[task("a", 30.0), task("b", 10.0)]).unwrap();
        let shares: Vec<f64> = profile.tasks().iter().map(ProfileTask::share).collect();
        assert_eq!(shares, vec![0.75, 0.25]);
        assert_eq!(profile.tasks()[0].title().as_str(), "a");
    }

    #[test]
    fn a_profile_deserializes_through_validation() {
        let json = r#"[{"title":" x ","share":2,"kind":"making","ratings":{"standardization":1,"error_tolerance":2,"verifiability":3,"frequency":4}}]"#;
        let profile: TaskProfile = serde_json::from_str(json).unwrap();
        assert_eq!(profile.tasks()[0].share(), 1.0);
        assert_eq!(profile.tasks()[0].title().as_str(), "x");
        assert!(serde_json::from_str::<TaskProfile>("[]").is_err());
    }

    proptest! {
        #[test]
        fn parsing_any_task_list_never_panics_and_bad_shares_are_typed_errors(
            inputs in prop::collection::vec(any_task_input(), 0..60)
        ) {
            match TaskProfile::parse(&inputs) {
                Ok(profile) => {
                    prop_assert_eq!(profile.tasks().len(), inputs.len());
                    let total: f64 = profile.tasks().iter().map(ProfileTask::share).sum();
                    prop_assert!((total - 1.0).abs() < 1e-9);
                    prop_assert!(profile.tasks().iter().all(|task| task.share() >= 0.0 && task.share() <= 1.0));
                }
                Err(AssessError::NoTasks) => prop_assert!(inputs.is_empty()),
                Err(AssessError::TooManyTasks { count, .. }) => prop_assert!(count > MAX_TASKS),
                Err(AssessError::Share { index, .. }) => {
                    prop_assert!(TimeShare::new(inputs[index].share).is_err());
                }
                Err(AssessError::Title { index, .. }) => {
                    prop_assert!(TaskTitle::parse(&inputs[index].title).is_err());
                }
            }
        }
    }
}
