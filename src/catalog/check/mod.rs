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

mod tasks;

use tasks::check_tasks;

pub const MIN_TASKS_PER_OCCUPATION: usize = 5;
pub const MAX_TASKS_PER_OCCUPATION: usize = 12;
/// Shares are percent of working time and must add up to 100 within this tolerance.
pub const SHARE_TOLERANCE: f64 = 0.5;

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
