//! The shipped catalog in `data/`: it passes the check, covers every major group, and its
//! archetype vocabulary is consistent.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use atlas::assess::{Kind, Pattern, Verdict, KIND_COUNT};
use atlas::catalog::{read_catalog, Catalog};

use crate::repo_root;

fn shipped_catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        read_catalog(&repo_root().join("data")).unwrap_or_else(|errors| panic!("{errors}"))
    })
}

#[test]
fn the_shipped_catalog_passes_the_check_and_covers_all_22_major_groups() {
    let catalog = shipped_catalog();
    assert!(
        catalog.occupations.len() >= 250,
        "{}",
        catalog.occupations.len()
    );
    let expected: Vec<String> = (11..=53)
        .step_by(2)
        .map(|group| group.to_string())
        .collect();
    assert_eq!(expected.len(), 22);
    let mut declared: Vec<String> = catalog
        .major_groups
        .iter()
        .map(|g| g.code.clone())
        .collect();
    declared.sort();
    assert_eq!(declared, expected);
    let used: HashSet<String> = catalog
        .occupations
        .iter()
        .map(|o| o.major_group())
        .collect();
    let mut used: Vec<String> = used.into_iter().collect();
    used.sort();
    assert_eq!(used, expected);
}

#[test]
fn radiologists_are_a_complement_not_a_replacement() {
    let radiologists = shipped_catalog()
        .occupations
        .iter()
        .find(|occupation| occupation.code.as_str() == "29-1224.00")
        .expect("29-1224.00 in the shipped catalog");
    assert_eq!(radiologists.assessment.verdict, Verdict::Complement);
}

#[test]
fn no_two_shipped_archetypes_share_an_id() {
    let text = std::fs::read_to_string(repo_root().join("data/archetypes.toml")).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for archetype in file["archetype"].as_array().expect("[[archetype]] tables") {
        let id = archetype["id"].as_str().expect("string id");
        *seen.entry(id).or_default() += 1;
    }
    let repeated: Vec<_> = seen.iter().filter(|(_, &count)| count > 1).collect();
    assert!(repeated.is_empty(), "repeated ids: {repeated:?}");
    assert_eq!(seen.len(), shipped_catalog().archetypes.len());
}

#[test]
fn every_shipped_archetype_is_used_by_at_least_one_task() {
    let catalog = shipped_catalog();
    let used: HashSet<&str> = catalog
        .occupations
        .iter()
        .flat_map(|occupation| &occupation.tasks)
        .map(|task| task.archetype.as_str())
        .collect();
    let unused: Vec<&str> = catalog
        .archetypes
        .iter()
        .map(|archetype| archetype.id.as_str())
        .filter(|id| !used.contains(id))
        .collect();
    assert!(unused.is_empty(), "archetypes no task uses: {unused:?}");
}

/// One row of `tests/fixtures/golden_patterns.toml`: a real catalog task with the pattern a
/// domain expert expects, written from what the task is before the model's rules were read.
#[derive(serde::Deserialize)]
struct GoldenCase {
    code: String,
    task: String,
    expected: String,
    why: String,
    #[serde(default)]
    also_acceptable: Vec<String>,
    /// Where the model, reviewed, gives another pattern, which one and why.
    model_differs: Option<GoldenDifference>,
}

#[derive(serde::Deserialize)]
struct GoldenDifference {
    pattern: String,
    why: String,
}

fn golden_cases() -> Vec<GoldenCase> {
    #[derive(serde::Deserialize)]
    struct GoldenFile {
        case: Vec<GoldenCase>,
    }
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/golden_patterns.toml"))
        .expect("tests/fixtures/golden_patterns.toml");
    toml::from_str::<GoldenFile>(&text)
        .unwrap_or_else(|error| panic!("golden_patterns.toml: {error}"))
        .case
}

#[test]
fn the_golden_table_spans_at_least_forty_tasks_in_fifteen_major_groups_and_every_pattern() {
    let cases = golden_cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let groups: HashSet<&str> = cases.iter().map(|case| &case.code[..2]).collect();
    assert!(groups.len() >= 15, "{} major groups", groups.len());
    let expected: HashSet<&str> = cases.iter().map(|case| case.expected.as_str()).collect();
    for pattern in Pattern::ALL {
        assert!(
            expected.contains(pattern.name()),
            "no case expects {pattern}"
        );
    }
    assert!(cases.iter().all(|case| !case.why.trim().is_empty()));
}

/// Every expert expectation holds, except those reviewed and recorded as differences; a recorded
/// difference must still be what the model does, so a change of the model shows up here either
/// way. The blind agreement rate is kept in the closing notes and docs/METHODOLOGY.md.
#[test]
fn every_golden_task_gets_its_expected_pattern_or_its_recorded_difference() {
    let catalog = shipped_catalog();
    let mut failures = Vec::new();
    for case in golden_cases() {
        let Some(occupation) = catalog
            .occupations
            .iter()
            .find(|occupation| occupation.code.as_str() == case.code)
        else {
            failures.push(format!("{}: no such occupation", case.code));
            continue;
        };
        let Some(task) = occupation
            .assessment
            .tasks
            .iter()
            .find(|task| task.title == case.task)
        else {
            failures.push(format!("{}: no task titled {:?}", case.code, case.task));
            continue;
        };
        let got = task.assessment.pattern.name();
        match &case.model_differs {
            Some(difference) => {
                assert!(!difference.why.trim().is_empty());
                if got != difference.pattern {
                    failures.push(format!(
                        "{} {:?}: recorded difference {} but the model now gives {got} (expected by the expert: {})",
                        case.code, case.task, difference.pattern, case.expected
                    ));
                }
            }
            None => {
                let acceptable = std::iter::once(&case.expected).chain(&case.also_acceptable);
                if !acceptable.clone().any(|pattern| pattern == got) {
                    failures.push(format!(
                        "{} {:?}: got {got}, expected {}; {}",
                        case.code, case.task, case.expected, case.why
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_shipped_task_has_a_kind_and_physical_automation_happens_only_in_controlled_settings() {
    for occupation in &shipped_catalog().occupations {
        for (task, assessed) in occupation.tasks.iter().zip(&occupation.assessment.tasks) {
            assert_eq!(assessed.assessment.kind, task.kind);
            if task.kind == Kind::Physical && assessed.assessment.pattern == Pattern::Automate {
                assert!(
                    task.ratings.standardization.value() >= 4,
                    "{}: {}",
                    occupation.code,
                    task.title
                );
            }
        }
    }
}

/// docs/CATALOG-PATTERNS.md: how many shipped tasks of each kind get each pattern, and the
/// verdicts. Regenerate with `UPDATE_CATALOG_PATTERNS=1 cargo test --release --features ssr
/// --test catalog catalog_patterns` after changing the data or the model.
fn catalog_patterns_markdown(catalog: &Catalog) -> String {
    let mut counts = [[0usize; 7]; KIND_COUNT];
    for occupation in &catalog.occupations {
        for task in &occupation.assessment.tasks {
            counts[task.assessment.kind.index()][usize::from(task.assessment.pattern.level())] += 1;
        }
    }
    let mut text = String::from(
        "# Kinds of work and patterns in the shipped catalog\n\n<!-- Generated by tests/catalog/shipped.rs from data/ and the model; do not edit by hand. -->\n\n",
    );
    text.push_str(&format!(
        "Model {}, {} occupations, {} tasks. Each cell counts the tasks of a kind of work (row) that get a pattern (column); an empty cell is a pattern the kind never gets in the catalog.\n\n",
        atlas::assess::MODEL_VERSION,
        catalog.occupations.len(),
        catalog.task_count()
    ));
    text.push_str("| Kind |");
    for pattern in Pattern::ALL {
        text.push_str(&format!(" {} |", pattern.label()));
    }
    text.push_str(" All |\n|---|");
    text.push_str(&"---|".repeat(Pattern::ALL.len() + 1));
    text.push('\n');
    for kind in Kind::ALL {
        text.push_str(&format!("| {} |", kind.label()));
        for pattern in Pattern::ALL {
            let count = counts[kind.index()][usize::from(pattern.level())];
            if count == 0 {
                text.push_str(" |");
            } else {
                text.push_str(&format!(" {count} |"));
            }
        }
        text.push_str(&format!(
            " {} |\n",
            counts[kind.index()].iter().sum::<usize>()
        ));
    }
    text.push_str("| All |");
    for pattern in Pattern::ALL {
        let total: usize = counts
            .iter()
            .map(|row| row[usize::from(pattern.level())])
            .sum();
        text.push_str(&format!(" {total} |"));
    }
    text.push_str(&format!(" {} |\n\n", catalog.task_count()));
    text.push_str("Verdicts:");
    for verdict in Verdict::ALL {
        let count = catalog
            .occupations
            .iter()
            .filter(|occupation| occupation.assessment.verdict == verdict)
            .count();
        text.push_str(&format!(" {} {count};", verdict.label()));
    }
    text.pop();
    text.push_str(".\n");
    text
}

#[test]
fn the_catalog_patterns_document_matches_the_shipped_catalog() {
    let expected = catalog_patterns_markdown(shipped_catalog());
    let path = repo_root().join("docs/CATALOG-PATTERNS.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == expected {
        return;
    }
    if std::env::var_os("UPDATE_CATALOG_PATTERNS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/CATALOG-PATTERNS.md");
        return;
    }
    panic!("docs/CATALOG-PATTERNS.md is out of date; regenerate it with UPDATE_CATALOG_PATTERNS=1 and review the diff:\n{expected}");
}

#[test]
fn sorting_the_shipped_catalog_by_the_index_never_puts_a_human_led_occupation_above_a_replace_one()
{
    let catalog = shipped_catalog();
    let index_of = |verdict: Verdict| {
        catalog
            .occupations
            .iter()
            .filter(move |occupation| occupation.assessment.verdict == verdict)
            .map(|occupation| occupation.assessment.automatability_index)
    };
    let lowest_replace = index_of(Verdict::Replace).fold(f64::MAX, f64::min);
    let highest_human_led = index_of(Verdict::HumanLed).fold(f64::MIN, f64::max);
    assert!(
        lowest_replace > highest_human_led,
        "{lowest_replace} vs {highest_human_led}"
    );
}

#[test]
fn the_shipped_case_studies_pass_the_check_and_name_only_catalog_occupations() {
    let codes: HashSet<String> = shipped_catalog()
        .occupations
        .iter()
        .map(|occupation| occupation.code.as_str().to_string())
        .collect();
    let cases = atlas::catalog::read_cases(&repo_root().join("data"), Some(&codes))
        .unwrap_or_else(|errors| panic!("{errors}"));
    assert!(cases.len() >= 3, "{}", cases.len());
}
