//! The checks of an occupation's tasks: the list as a whole (count, distinct titles, shares adding
//! up to 100) and each task (share, rationale, ratings, kind, and its consistency with its
//! archetype: the archetype's kind and ratings, or a `deviation` saying why not).

use std::collections::HashMap;

use toml::Spanned;

use super::super::files::{self, Source};
use super::super::{Archetype, CatalogProblem, CatalogTask};
use super::{
    check_kind, check_ratings, non_empty, MAX_TASKS_PER_OCCUPATION, MIN_TASKS_PER_OCCUPATION,
    SHARE_TOLERANCE,
};
use crate::assess::{Kind, Ratings};

const MAX_TASK_TITLE_CHARS: usize = 200;

/// The task list as a whole (count, distinct titles, shares adding up to 100) and each task.
pub(super) fn check_tasks(
    source: &Source,
    raw: &files::RawOccupation,
    occupation_start: usize,
    base: &str,
    archetypes: Option<&HashMap<&str, &Archetype>>,
    problems: &mut Vec<CatalogProblem>,
) -> Vec<CatalogTask> {
    let count = raw.task.len();
    if !(MIN_TASKS_PER_OCCUPATION..=MAX_TASKS_PER_OCCUPATION).contains(&count) {
        problems.push(source.problem(
            occupation_start,
            format!("{base}.task"),
            format!("has {count} tasks; an occupation needs {MIN_TASKS_PER_OCCUPATION} to {MAX_TASKS_PER_OCCUPATION}"),
        ));
    }
    let mut tasks = Vec::with_capacity(count);
    let mut seen_titles: HashMap<String, usize> = HashMap::new();
    for (index, raw_task) in raw.task.iter().enumerate() {
        let number = index + 1;
        let field = format!("{base}.task[{number}]");
        check_title_is_new(
            source,
            raw_task.get_ref(),
            number,
            &field,
            &mut seen_titles,
            problems,
        );
        if let Some(task) = check_task(source, raw_task, &field, archetypes, problems) {
            tasks.push(task);
        }
    }
    let total: f64 = raw
        .task
        .iter()
        .map(|task| *task.get_ref().share.get_ref())
        .sum();
    if count > 0 && (total - 100.0).abs() > SHARE_TOLERANCE {
        problems.push(source.problem(
            occupation_start,
            format!("{base}.task.share"),
            format!("shares add up to {total}, not 100 (± {SHARE_TOLERANCE})"),
        ));
    }
    tasks
}

/// A title that is present, short enough and not the same text as an earlier task's.
fn check_title_is_new(
    source: &Source,
    raw_task: &files::RawTask,
    number: usize,
    field: &str,
    seen_titles: &mut HashMap<String, usize>,
    problems: &mut Vec<CatalogProblem>,
) {
    if !non_empty(source, &raw_task.title, &format!("{field}.title"), problems) {
        return;
    }
    let title = raw_task.title.get_ref().trim();
    if title.chars().count() > MAX_TASK_TITLE_CHARS {
        problems.push(source.problem(
            raw_task.title.span().start,
            format!("{field}.title"),
            format!("is longer than {MAX_TASK_TITLE_CHARS} characters"),
        ));
    }
    let key = normalised(title);
    if let Some(first) = seen_titles.get(&key) {
        problems.push(source.problem(
            raw_task.title.span().start,
            format!("{field}.title"),
            format!("same text as task {first} of this occupation"),
        ));
    } else {
        seen_titles.insert(key, number);
    }
}

/// One task: share, rationale, ratings, kind, and its consistency with its archetype.
fn check_task(
    source: &Source,
    raw_task: &Spanned<files::RawTask>,
    field: &str,
    archetypes: Option<&HashMap<&str, &Archetype>>,
    problems: &mut Vec<CatalogProblem>,
) -> Option<CatalogTask> {
    let task_start = raw_task.span().start;
    let raw_task = raw_task.get_ref();
    let share = *raw_task.share.get_ref();
    if !(share.is_finite() && share > 0.0) {
        problems.push(source.problem(
            raw_task.share.span().start,
            format!("{field}.share"),
            "must be a positive number",
        ));
    }
    non_empty(
        source,
        &raw_task.rationale,
        &format!("{field}.rationale"),
        problems,
    );
    let ratings = check_ratings(
        source,
        &raw_task.ratings,
        &format!("{field}.ratings"),
        problems,
    );
    let own_kind = raw_task
        .kind
        .as_ref()
        .map(|kind| check_kind(source, kind, &format!("{field}.kind"), problems));
    let archetype_id = raw_task.archetype.get_ref().trim();
    let archetype = find_archetype(source, raw_task, field, archetypes, problems);
    let deviation = raw_task
        .deviation
        .as_ref()
        .map(|text| text.get_ref().trim().to_string());
    if let (Some(archetype), Some(ratings)) = (archetype, ratings) {
        check_deviation(
            source,
            raw_task,
            task_start,
            field,
            archetype,
            ratings,
            own_kind.flatten(),
            problems,
        );
    }
    // An unreadable kind is already reported; without an archetype there is no kind to inherit.
    let kind = match own_kind {
        Some(kind) => kind,
        None => archetype.map(|archetype| archetype.kind),
    };
    Some(CatalogTask {
        title: raw_task.title.get_ref().trim().to_string(),
        share,
        kind: kind?,
        ratings: ratings?,
        archetype: archetype_id.to_string(),
        rationale: raw_task.rationale.get_ref().trim().to_string(),
        deviation,
    })
}

/// The task's archetype, or `None` (reported) when it names an unknown one; `None` unreported
/// when archetypes.toml itself did not parse.
fn find_archetype<'a>(
    source: &Source,
    raw_task: &files::RawTask,
    field: &str,
    archetypes: Option<&HashMap<&str, &'a Archetype>>,
    problems: &mut Vec<CatalogProblem>,
) -> Option<&'a Archetype> {
    let archetype_id = raw_task.archetype.get_ref().trim();
    let found = archetypes?.get(archetype_id).copied();
    if found.is_none() {
        problems.push(source.problem(
            raw_task.archetype.span().start,
            format!("{field}.archetype"),
            format!("unknown archetype {archetype_id:?} (see archetypes.toml)"),
        ));
    }
    found
}

/// A deviation is required when the ratings or the kind differ from the archetype's, and
/// forbidden when both are equal; a `kind` equal to the archetype's is redundant and refused.
#[allow(clippy::too_many_arguments)]
fn check_deviation(
    source: &Source,
    raw_task: &files::RawTask,
    task_start: usize,
    field: &str,
    archetype: &Archetype,
    ratings: Ratings,
    own_kind: Option<Kind>,
    problems: &mut Vec<CatalogProblem>,
) {
    let archetype_id = &archetype.id;
    if let (Some(kind), Some(raw_kind)) = (own_kind, &raw_task.kind) {
        if kind == archetype.kind {
            problems.push(source.problem(
                raw_kind.span().start,
                format!("{field}.kind"),
                format!(
                    "equals archetype {archetype_id:?}'s kind; remove it (a task sets `kind` only to differ)"
                ),
            ));
        }
    }
    let ratings_differ = archetype.ratings != ratings;
    let kind_differs = own_kind.is_some_and(|kind| kind != archetype.kind);
    // Problems with the deviation itself point at its line; a missing one at what differs.
    let deviation_start = raw_task
        .deviation
        .as_ref()
        .map_or(task_start, |text| text.span().start);
    let deviation = raw_task
        .deviation
        .as_ref()
        .map(|text| text.get_ref().trim());
    match (deviation, ratings_differ, kind_differs) {
        (None, true, _) => problems.push(source.problem(
            raw_task.ratings.span().start,
            format!("{field}.deviation"),
            format!(
                "ratings differ from archetype {archetype_id:?} ({}); say why in `deviation`",
                describe(&archetype.ratings)
            ),
        )),
        (None, false, true) => problems.push(
            source.problem(
                raw_task
                    .kind
                    .as_ref()
                    .map_or(task_start, |kind| kind.span().start),
                format!("{field}.deviation"),
                format!(
                    "kind differs from archetype {archetype_id:?} ({}); say why in `deviation`",
                    archetype.kind
                ),
            ),
        ),
        (Some(""), _, _) => problems.push(source.problem(
            deviation_start,
            format!("{field}.deviation"),
            "must not be empty",
        )),
        (Some(_), false, false) => problems.push(source.problem(
            deviation_start,
            format!("{field}.deviation"),
            format!(
                "the kind and ratings equal archetype {archetype_id:?}'s; remove the deviation"
            ),
        )),
        _ => {}
    }
}

fn normalised(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

fn describe(ratings: &Ratings) -> String {
    format!(
        "standardization {}, error_tolerance {}, verifiability {}, frequency {}",
        ratings.standardization, ratings.error_tolerance, ratings.verifiability, ratings.frequency
    )
}
