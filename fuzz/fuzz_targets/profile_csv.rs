//! The CSV task list of a profile upload (`atlas::profile::csv::parse_tasks`), with arbitrary
//! bytes. Besides not panicking, the reader must keep its promises: a file it accepts passes the
//! profile rules and the model, and a file it refuses gets at least one problem, each naming a
//! line the file has.
#![no_main]

use atlas::onet::kind_for_statement;
use atlas::profile::csv::parse_tasks;
use atlas::profile::{validate, BlankRows, ProfileDraft};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_tasks(data, kind_for_statement) {
        Ok(tasks) => {
            let draft = ProfileDraft {
                name: "fuzz".to_owned(),
                tasks,
                ..ProfileDraft::default()
            };
            let profile = validate(&draft, BlankRows::Reject)
                .expect("a file the reader accepts passes the profile rules");
            assert!(
                profile.assess().is_some(),
                "a file the reader accepts passes the model"
            );
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused file names a problem");
            let lines = data.iter().filter(|&&byte| byte == b'\n').count() as u64 + 1;
            for error in &errors {
                assert!(
                    error.line <= lines,
                    "\"{error}\" names line {} of a file with {lines} lines",
                    error.line
                );
                assert!(!error.message.trim().is_empty(), "an empty message");
            }
        }
    }
});
