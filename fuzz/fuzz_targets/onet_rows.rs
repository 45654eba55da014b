//! An O*NET release's four tab-separated files (`atlas::onet::read_release_texts`, what
//! `read_release` does once the files are read). The first byte chooses what is fuzzed: 0-3, one
//! file (Occupation Data, Task Statements, Task Ratings, Work Context) with the test fixture's
//! other three; 4, all four, separated by form feeds. Besides not panicking, every imported
//! occupation must keep the importer's promise: 1-50 tasks whose shares add up to 100, which
//! the model accepts.
#![no_main]

use atlas::assess::assess_occupation;
use atlas::onet::{read_release_texts, NoProgress};
use libfuzzer_sys::fuzz_target;

const FIXTURE: [&str; 4] = [
    include_str!("../../tests/fixtures/onet/release-ok/occupation-data.tsv"),
    include_str!("../../tests/fixtures/onet/release-ok/task-statements.tsv"),
    include_str!("../../tests/fixtures/onet/release-ok/task-ratings.tsv"),
    include_str!("../../tests/fixtures/onet/release-ok/work-context.tsv"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut files: [&str; 4] = FIXTURE;
    match selector % 5 {
        4 => {
            let mut parts = text.splitn(4, '\u{c}');
            for file in &mut files {
                *file = parts.next().unwrap_or("");
            }
        }
        which => files[usize::from(which)] = text.as_ref(),
    }
    let Ok(release) =
        read_release_texts("fuzz", files[0], files[1], files[2], files[3], &NoProgress)
    else {
        return;
    };
    for occupation in &release.occupations {
        let tasks = occupation.tasks.len();
        assert!(
            (1..=50).contains(&tasks),
            "{} has {tasks} tasks",
            occupation.code
        );
        let total: f64 = occupation.tasks.iter().map(|task| task.share).sum();
        assert!(
            (total - 100.0).abs() < 1e-6,
            "{}: shares add up to {total}",
            occupation.code
        );
        assert!(
            assess_occupation(&occupation.task_inputs()).is_ok(),
            "{} fails the model",
            occupation.code
        );
    }
});
