//! The shipped catalog in `data/`: it passes the check, covers every major group, and its
//! archetype vocabulary is consistent.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use atlas::assess::Verdict;
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
