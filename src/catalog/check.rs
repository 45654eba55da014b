//! The catalog's schema and consistency rules, applied to the raw files. Every problem is
//! collected (not just the first) so that one run of `atlas catalog check` shows them all.
//!
//! Rules: codes well-formed (`NN-NNNN.NN`), in the file's major group and unique across files;
//! 5–12 tasks per occupation; ratings 1–5; shares positive and summing to 100 ± 0.5; no empty
//! title, note or rationale; no two tasks of an occupation with the same text; every archetype
//! has a known kind of work; every task names a known archetype and either has the archetype's
//! kind and ratings or says why not in `deviation` (a task sets `kind` only to differ).

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::files::{self, RawArchetypeFile, RawGroupFile, RawRatings, Source, Sources};
use super::{
    Archetype, Catalog, CatalogErrors, CatalogOccupation, CatalogProblem, CatalogTask, Evidence,
    MajorGroup,
};
use crate::assess::{assess_occupation, Kind, OccupationCode, Ratings, TaskInput};

pub const MIN_TASKS_PER_OCCUPATION: usize = 5;
pub const MAX_TASKS_PER_OCCUPATION: usize = 12;
/// Shares are percent of working time and must add up to 100 within this tolerance.
pub const SHARE_TOLERANCE: f64 = 0.5;
const MAX_TASK_TITLE_CHARS: usize = 200;

/// Checks every file and, when nothing is wrong, builds the assessed catalog.
pub fn check(sources: &Sources) -> Result<Catalog, CatalogErrors> {
    let mut problems = Vec::new();
    // When archetypes.toml itself does not parse, that one problem is reported and task
    // archetypes go unchecked, rather than every task being flagged as naming an unknown one.
    let archetypes = check_archetypes(&sources.archetypes, &mut problems);
    let by_id: Option<HashMap<&str, &Archetype>> = archetypes.as_ref().map(|archetypes| {
        archetypes
            .iter()
            .map(|archetype| (archetype.id.as_str(), archetype))
            .collect()
    });
    let mut major_groups = Vec::new();
    let mut occupations = Vec::new();
    let mut seen_codes: HashMap<String, (std::path::PathBuf, usize)> = HashMap::new();
    for source in &sources.groups {
        let file: RawGroupFile = match files::parse(source) {
            Ok(file) => file,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let group_code = file.major_group.get_ref().trim().to_string();
        let group_ok =
            group_code.len() == 2 && group_code.bytes().all(|byte| byte.is_ascii_digit());
        if !group_ok {
            problems.push(source.problem(
                file.major_group.span().start,
                "major_group",
                "must be two digits, e.g. \"29\"",
            ));
        }
        if non_empty(source, &file.title, "title", &mut problems) && group_ok {
            major_groups.push(MajorGroup {
                code: group_code.clone(),
                title: file.title.get_ref().trim().to_string(),
            });
        }
        for raw in &file.occupation {
            if let Some(occupation) =
                check_occupation(source, raw, &group_code, by_id.as_ref(), &mut problems)
            {
                let code = occupation.code.as_str().to_string();
                let line = source.line_of(raw.get_ref().code.span().start);
                if let Some((first_file, first_line)) = seen_codes.get(&code) {
                    problems.push(source.problem(
                        raw.get_ref().code.span().start,
                        format!("occupation[{code}].code"),
                        format!(
                            "duplicate code, first defined at {}:{first_line}",
                            first_file.display()
                        ),
                    ));
                } else {
                    seen_codes.insert(code, (source.path.clone(), line));
                    occupations.push(occupation);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Catalog {
            archetypes: archetypes.unwrap_or_default(),
            major_groups,
            occupations,
            content_hash: String::new(),
        })
    } else {
        Err(CatalogErrors(problems))
    }
}

/// The archetypes that passed their checks, or `None` when the file does not parse at all.
fn check_archetypes(source: &Source, problems: &mut Vec<CatalogProblem>) -> Option<Vec<Archetype>> {
    let file: RawArchetypeFile = match files::parse(source) {
        Ok(file) => file,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    let mut archetypes = Vec::new();
    let mut seen = HashSet::new();
    for raw in &file.archetype {
        let raw = raw.get_ref();
        let id = raw.id.get_ref().trim().to_string();
        let field = |name: &str| format!("archetype[{id}].{name}");
        if !non_empty(source, &raw.id, "archetype.id", problems) {
            continue;
        }
        if !seen.insert(id.clone()) {
            problems.push(source.problem(
                raw.id.span().start,
                field("id"),
                "duplicate archetype id",
            ));
        }
        let label_ok = non_empty(source, &raw.label, &field("label"), problems);
        let why_ok = non_empty(source, &raw.why, &field("why"), problems);
        let kind = check_kind(source, &raw.kind, &field("kind"), problems);
        let ratings = check_ratings(source, &raw.ratings, &field("ratings"), problems);
        if let (Some(ratings), Some(kind), true, true) = (ratings, kind, label_ok, why_ok) {
            archetypes.push(Archetype {
                id,
                label: raw.label.get_ref().trim().to_string(),
                kind,
                ratings,
                why: raw.why.get_ref().trim().to_string(),
            });
        }
    }
    if file.archetype.is_empty() {
        problems.push(source.problem(0, "archetype", "no archetypes defined"));
    }
    Some(archetypes)
}

fn check_occupation(
    source: &Source,
    raw: &Spanned<files::RawOccupation>,
    group_code: &str,
    archetypes: Option<&HashMap<&str, &Archetype>>,
    problems: &mut Vec<CatalogProblem>,
) -> Option<CatalogOccupation> {
    let start = problems.len();
    let occupation_start = raw.span().start;
    let raw = raw.get_ref();
    let base = format!("occupation[{}]", raw.code.get_ref().trim());
    let code = check_code(source, raw, group_code, &base, problems);
    let evidence = check_header(source, raw, &base, problems);
    let tasks = check_tasks(source, raw, occupation_start, &base, archetypes, problems);
    // Without archetypes (archetypes.toml did not parse, already reported) tasks have no kind to
    // inherit, so the occupation cannot be assessed; saying so per occupation would only repeat it.
    if problems.len() > start || archetypes.is_none() {
        return None;
    }
    let assessment = assess_tasks(source, &tasks, occupation_start, &base, problems)?;
    Some(CatalogOccupation {
        code: code?,
        title: raw.title.get_ref().trim().to_string(),
        alt_titles: raw
            .alt_titles
            .iter()
            .map(|alt| alt.get_ref().trim().to_string())
            .collect(),
        note: raw.note.get_ref().trim().to_string(),
        evidence,
        tasks,
        assessment,
    })
}

/// The code: well formed and in this file's major group.
fn check_code(
    source: &Source,
    raw: &files::RawOccupation,
    group_code: &str,
    base: &str,
    problems: &mut Vec<CatalogProblem>,
) -> Option<OccupationCode> {
    match OccupationCode::parse(raw.code.get_ref().trim()) {
        Ok(code) => {
            if format!("{:02}", code.major_group()) != group_code {
                problems.push(source.problem(
                    raw.code.span().start,
                    format!("{base}.code"),
                    format!(
                        "belongs to major group {:02}, but this file is major group {group_code}",
                        code.major_group()
                    ),
                ));
            }
            Some(code)
        }
        Err(error) => {
            problems.push(source.problem(
                raw.code.span().start,
                format!("{base}.code"),
                error.to_string(),
            ));
            None
        }
    }
}

/// Title, note, alternative titles and evidence; returns the evidence that passed.
fn check_header(
    source: &Source,
    raw: &files::RawOccupation,
    base: &str,
    problems: &mut Vec<CatalogProblem>,
) -> Vec<Evidence> {
    non_empty(source, &raw.title, &format!("{base}.title"), problems);
    non_empty(source, &raw.note, &format!("{base}.note"), problems);
    for (index, alt) in raw.alt_titles.iter().enumerate() {
        non_empty(
            source,
            alt,
            &format!("{base}.alt_titles[{}]", index + 1),
            problems,
        );
    }
    raw.evidence
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            check_evidence(
                source,
                item,
                &format!("{base}.evidence[{}]", index + 1),
                problems,
            )
        })
        .collect()
}

/// The task list as a whole (count, distinct titles, shares adding up to 100) and each task.
fn check_tasks(
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

fn assess_tasks(
    source: &Source,
    tasks: &[CatalogTask],
    occupation_start: usize,
    base: &str,
    problems: &mut Vec<CatalogProblem>,
) -> Option<crate::assess::OccupationAssessment> {
    let inputs: Vec<TaskInput> = tasks
        .iter()
        .map(|task| TaskInput {
            title: task.title.clone(),
            share: task.share,
            kind: task.kind,
            ratings: task.ratings,
        })
        .collect();
    match assess_occupation(&inputs) {
        Ok(assessment) => Some(assessment),
        Err(error) => {
            problems.push(source.problem(
                occupation_start,
                format!("{base}.{}", error.field()),
                error.to_string(),
            ));
            None
        }
    }
}

/// A kind of work named by its machine name.
fn check_kind(
    source: &Source,
    raw: &Spanned<String>,
    field: &str,
    problems: &mut Vec<CatalogProblem>,
) -> Option<Kind> {
    match Kind::parse(raw.get_ref()) {
        Ok(kind) => Some(kind),
        Err(error) => {
            problems.push(source.problem(raw.span().start, field.to_string(), error.to_string()));
            None
        }
    }
}

fn check_evidence(
    source: &Source,
    raw: &Spanned<files::RawEvidence>,
    field: &str,
    problems: &mut Vec<CatalogProblem>,
) -> Option<Evidence> {
    let raw = raw.get_ref();
    let source_ok = non_empty(source, &raw.source, &format!("{field}.source"), problems);
    let finding_ok = non_empty(source, &raw.finding, &format!("{field}.finding"), problems);
    let year = *raw.year.get_ref();
    let year_ok = (1900..=2100).contains(&year);
    if !year_ok {
        problems.push(source.problem(
            raw.year.span().start,
            format!("{field}.year"),
            "must be a year between 1900 and 2100",
        ));
    }
    let url = raw.url.as_ref().map(|url| url.get_ref().trim().to_string());
    if let (Some(url), Some(raw_url)) = (&url, &raw.url) {
        if !url.starts_with("https://") {
            problems.push(source.problem(
                raw_url.span().start,
                format!("{field}.url"),
                "must start with https://",
            ));
        }
    }
    (source_ok && finding_ok && year_ok).then(|| Evidence {
        source: raw.source.get_ref().trim().to_string(),
        year: year as i32,
        finding: raw.finding.get_ref().trim().to_string(),
        url,
    })
}

/// Checks the four ratings; reports each out-of-range value at its own line.
fn check_ratings(
    source: &Source,
    raw: &Spanned<RawRatings>,
    field: &str,
    problems: &mut Vec<CatalogProblem>,
) -> Option<Ratings> {
    let raw = raw.get_ref();
    let mut values = [0u8; 4];
    let mut ok = true;
    for (slot, (name, value)) in values.iter_mut().zip([
        ("standardization", &raw.standardization),
        ("error_tolerance", &raw.error_tolerance),
        ("verifiability", &raw.verifiability),
        ("frequency", &raw.frequency),
    ]) {
        match u8::try_from(*value.get_ref()) {
            Ok(number @ 1..=5) => *slot = number,
            _ => {
                ok = false;
                problems.push(source.problem(
                    value.span().start,
                    format!("{field}.{name}"),
                    format!("must be an integer from 1 to 5, got {}", value.get_ref()),
                ));
            }
        }
    }
    if !ok {
        return None;
    }
    // Every value is 1..=5 here, so this cannot fail; a failure would still be reported, not panic.
    match Ratings::from_values(values) {
        Ok(ratings) => Some(ratings),
        Err(error) => {
            problems.push(source.problem(0, field.to_string(), error.to_string()));
            None
        }
    }
}

/// Reports an empty (or blank) string; returns whether the value is usable.
fn non_empty(
    source: &Source,
    value: &Spanned<String>,
    field: &str,
    problems: &mut Vec<CatalogProblem>,
) -> bool {
    if value.get_ref().trim().is_empty() {
        problems.push(source.problem(value.span().start, field.to_string(), "must not be empty"));
        false
    } else {
        true
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
