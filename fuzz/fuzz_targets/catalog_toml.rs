//! The catalog's TOML files (`atlas::catalog::check_texts`, the parser and checks behind
//! `read_catalog`). The first byte chooses which file is fuzzed: even, a group file checked
//! against the shipped archetypes; odd, the archetypes file with the small group file of the
//! seeds (a shipped group file is 100 KB, and parsing it on every run made the target ten times
//! slower). Besides not panicking, every problem must name a line of its file and say something.
#![no_main]

use atlas::catalog::{check_texts, MAX_TASKS_PER_OCCUPATION, MIN_TASKS_PER_OCCUPATION};
use libfuzzer_sys::fuzz_target;

const ARCHETYPES: &str = include_str!("../../data/archetypes.toml");
/// The seed starts with its selector byte, which is not part of the file.
const GROUP_SEED: &str = include_str!("../seeds/catalog_toml/group.toml");

fn line_count(text: &str) -> usize {
    text.bytes().filter(|&byte| byte == b'\n').count() + 1
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (archetypes, group) = if selector % 2 == 0 {
        (ARCHETYPES, text.as_ref())
    } else {
        (text.as_ref(), &GROUP_SEED[1..])
    };
    match check_texts(archetypes, &[group]) {
        Ok(catalog) => {
            for occupation in &catalog.occupations {
                let tasks = occupation.tasks.len();
                assert!(
                    (MIN_TASKS_PER_OCCUPATION..=MAX_TASKS_PER_OCCUPATION).contains(&tasks),
                    "{} has {tasks} tasks",
                    occupation.code
                );
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a refused catalog names a problem");
            for problem in &errors.0 {
                let file = if problem.file.ends_with("archetypes.toml") {
                    archetypes
                } else {
                    group
                };
                assert!(
                    problem.line <= line_count(file),
                    "\"{problem}\" names a line past the end of the file"
                );
                assert!(!problem.message.trim().is_empty(), "an empty message");
            }
        }
    }
});
