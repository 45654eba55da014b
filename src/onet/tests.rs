//! The importer against the fixture release in tests/fixtures/onet/release-ok (four imported
//! occupations, one without tasks, one without ratings, one unrated task, suppressed figures,
//! a CXP-only element and a Not Relevant element), and against copies of it changed at test time.

use std::collections::HashSet;

use super::test_support::*;
use super::*;
use crate::assess::{assess_occupation, Pattern};

#[test]
fn the_fixture_imports_rated_occupations_and_counts_what_it_skips_and_drops() {
    let release = read_fixture();
    assert_eq!(release.release, "99.1");
    let codes: Vec<&str> = release
        .occupations
        .iter()
        .map(|o| o.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["15-1252.00", "29-1141.00", "43-3031.00", "47-2111.00"]
    );
    let task_counts: Vec<usize> = release.occupations.iter().map(|o| o.tasks.len()).collect();
    assert_eq!(task_counts, [4, 5, 5, 5]);
    assert_eq!(
        release.skipped,
        [
            (
                "13-1199.00".to_owned(),
                format!("no tasks in {TASK_STATEMENTS_FILE}")
            ),
            (
                "27-3043.00".to_owned(),
                format!("no task has ratings in {TASK_RATINGS_FILE}")
            ),
        ]
    );
    assert_eq!(
        release.dropped_tasks,
        [DroppedTask {
            code: "43-3031.00".to_owned(),
            task_id: "94006".to_owned(),
            reason: format!("no ratings in {TASK_RATINGS_FILE}"),
        }]
    );
    let nurses = occupation(&release, "29-1141.00");
    assert_eq!(nurses.title, "Registered Nurses");
    assert!(nurses.description.starts_with("Fixture description"));
    assert_eq!(nurses.tasks[0].task_type.as_deref(), Some("Core"));
    assert_eq!(nurses.tasks[4].task_type.as_deref(), Some("Supplemental"));
}

#[test]
fn shares_are_tenths_adding_up_to_100_and_every_occupation_passes_the_model() {
    for occupation in &read_fixture().occupations {
        let total: f64 = occupation.tasks.iter().map(|task| task.share).sum();
        assert!(
            (total - 100.0).abs() < 1e-9,
            "{} adds up to {total}",
            occupation.code
        );
        for task in &occupation.tasks {
            assert!(task.share >= 0.1, "{} {}", occupation.code, task.task_id);
            assert!(((task.share * 10.0).round() - task.share * 10.0).abs() < 1e-9);
            for (_, rating) in task.ratings.iter() {
                assert!((1..=5).contains(&rating.value()));
            }
            assert!(task.explanation.ends_with('.') && !task.explanation.contains('\n'));
        }
        assess_occupation(&occupation.task_inputs()).expect("the model accepts the import");
    }
}

#[test]
fn tasks_of_one_occupation_do_not_all_get_the_same_pattern() {
    for occupation in &read_fixture().occupations {
        let assessment = assess_occupation(&occupation.task_inputs()).expect("assessable");
        let patterns: HashSet<Pattern> = assessment
            .tasks
            .iter()
            .map(|task| task.assessment.pattern)
            .collect();
        assert!(
            patterns.len() >= 2,
            "{}: only {patterns:?}",
            occupation.code
        );
    }
}

#[test]
fn task_level_data_moves_ratings_within_an_occupation() {
    let release = read_fixture();
    // Nurses: recording vital signs (mostly hourly) against counselling families (mostly daily).
    let recording = task(&release, "29-1141.00", "93002");
    let counselling = task(&release, "29-1141.00", "93003");
    assert!(recording.ratings.frequency > counselling.ratings.frequency);
    // Clerks: ledger work is data work, answering vendors is work with people.
    let ledger = task(&release, "43-3031.00", "94001");
    let questions = task(&release, "43-3031.00", "94003");
    assert!(ledger.ratings.standardization > questions.ratings.standardization);
    assert!(ledger.ratings.verifiability > questions.ratings.verifiability);
    assert!(ledger.explanation.contains("data work (verb \"record\")"));
    assert!(questions
        .explanation
        .contains("work with people (verb \"answer\")"));
    // The share follows FT, IM and RT: the frequent, important, universal task takes the most time.
    let clerks = occupation(&release, "43-3031.00");
    let largest = clerks
        .tasks
        .iter()
        .max_by(|a, b| a.share.total_cmp(&b.share));
    assert_eq!(largest.map(|task| task.task_id.as_str()), Some("94001"));
}

#[test]
fn explanations_name_the_figures_behind_the_ratings() {
    let release = read_fixture();
    let ledger = task(&release, "43-3031.00", "94001");
    assert!(ledger.explanation.starts_with(&format!(
        "Standardization {} from Degree of Automation 2.6, Determine Own Tasks 3.0 (inverted) and Using Hands 2.0 (inverted)",
        ledger.ratings.standardization
    )));
    for expected in [
        "Consequence of Error 3.2 (inverted)",
        "-0.4 for importance 4.4",
        "Exact or Accurate 4.6",
        "typically several times daily",
        "relevance 100%",
    ] {
        assert!(
            ledger.explanation.contains(expected),
            "{expected}: {}",
            ledger.explanation
        );
    }
}

#[test]
fn unknown_columns_are_ignored_and_optional_columns_may_be_absent() {
    let optional = [
        "Title",
        "Element Name",
        "Scale Name",
        "Task Type",
        "N",
        "Date",
    ];
    let reshaped = read_changed(|name, text| {
        if name == "Read Me.txt" {
            return Some(text);
        }
        let header: Vec<String> = text
            .lines()
            .next()
            .unwrap_or("")
            .split('\t')
            .map(str::to_owned)
            .collect();
        let kept: Vec<usize> = (0..header.len())
            .filter(|&index| {
                name == OCCUPATION_DATA_FILE || !optional.contains(&header[index].as_str())
            })
            .collect();
        Some(edit_cells(&text, |line, cells| {
            let mut reshaped: Vec<String> =
                kept.iter().map(|&index| cells[index].clone()).collect();
            // A column no release has, in the middle of the row.
            reshaped.insert(
                1,
                if line == 1 {
                    "Reviewer Note".to_owned()
                } else {
                    "looks fine".to_owned()
                },
            );
            *cells = reshaped;
        }))
    })
    .expect("imports");
    let original = read_fixture();
    assert_eq!(reshaped.occupations.len(), original.occupations.len());
    for (changed, unchanged) in reshaped.occupations.iter().zip(&original.occupations) {
        for (changed, unchanged) in changed.tasks.iter().zip(&unchanged.tasks) {
            assert_eq!(
                (changed.share, changed.ratings, &changed.explanation),
                (unchanged.share, unchanged.ratings, &unchanged.explanation)
            );
            // Without the Task Type column there is no task type.
            assert_eq!(changed.task_type, None);
        }
    }
}

#[test]
fn suppressed_figures_are_damped_towards_mid_scale_rather_than_skipped() {
    let release = read_fixture();
    let unsuppressed = read_changed(|name, text| {
        Some(if name == TASK_RATINGS_FILE || name == WORK_CONTEXT_FILE {
            text.replace("\tY\t", "\tN\t")
        } else {
            text
        })
    })
    .expect("imports");
    // Task 94005's importance 4.9 counts as 3.95 and its relevance 58% as 54%: a smaller share.
    let damped = task(&release, "43-3031.00", "94005");
    let trusted = task(&unsuppressed, "43-3031.00", "94005");
    assert!(
        damped.share < trusted.share,
        "{} vs {}",
        damped.share,
        trusted.share
    );
    assert!(
        damped
            .explanation
            .contains("importance 4.0 (damped, low precision)"),
        "{}",
        damped.explanation
    );
    assert!(damped
        .explanation
        .contains("relevance 54% (damped, low precision)"));
    assert!(
        trusted.explanation.contains("importance 4.9,") && !trusted.explanation.contains("damped")
    );
    // Electricians' Exact or Accurate, 4.5 but suppressed, counts as 3.75.
    let wiring = task(&release, "47-2111.00", "95001");
    assert!(
        wiring
            .explanation
            .contains("Exact or Accurate 3.8 (damped, low precision)"),
        "{}",
        wiring.explanation
    );
}

#[test]
fn gaps_are_filled_from_cxp_from_the_occupation_or_left_out_and_said_so() {
    let release = read_fixture();
    // Software Developers: Degree of Automation comes only as CXP (mean 2.5); Health and Safety
    // is flagged Not Relevant.
    let programming = task(&release, "15-1252.00", "91001");
    assert!(programming.explanation.contains("Degree of Automation 2.5"));
    assert!(programming
        .explanation
        .contains("Safety of Others (not published)"));
    // Nurses' task 93004 has no RT row: the mean of the other four tasks' RT, 88%.
    let monitoring = task(&release, "29-1141.00", "93004");
    assert!(
        monitoring
            .explanation
            .contains("relevance 88% (occupation mean)"),
        "{}",
        monitoring.explanation
    );
}

#[test]
fn reading_is_deterministic_and_independent_of_row_order() {
    let first = read_fixture();
    assert_eq!(read_fixture(), first);
    // Task order follows Task Statements.txt by design; the other files' order must not matter.
    let reversed = read_changed(|name, text| {
        if name == "Read Me.txt" || name == TASK_STATEMENTS_FILE {
            return Some(text);
        }
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        Some(lines.join("\n") + "\n")
    })
    .expect("imports");
    assert_eq!(reversed.occupations, first.occupations);
    assert_eq!(reversed.skipped, first.skipped);
}

#[test]
fn more_tasks_than_the_model_takes_keeps_the_largest_shares() {
    let extra_tasks = 3;
    let changed = read_changed(|name, text| {
        let copies = |template_line: usize, text: &str| -> String {
            let mut out = text.to_owned();
            let lines: Vec<&str> = text.lines().collect();
            for copy in 0..(MAX_TASKS + extra_tasks) {
                // Copies of task 95001 under new IDs; the rows keep its figures.
                for line in lines
                    .iter()
                    .filter(|line| line.contains("\t95001\t"))
                    .take(template_line)
                {
                    out.push_str(&line.replace("\t95001\t", &format!("\t{}\t", 96000 + copy)));
                    out.push('\n');
                }
            }
            out
        };
        Some(match name {
            TASK_STATEMENTS_FILE => copies(1, &text),
            TASK_RATINGS_FILE => copies(usize::MAX, &text),
            _ => text,
        })
    })
    .expect("imports");
    let electricians = occupation(&changed, "47-2111.00");
    assert_eq!(electricians.tasks.len(), MAX_TASKS);
    let dropped: Vec<&DroppedTask> = changed
        .dropped_tasks
        .iter()
        .filter(|task| task.code == "47-2111.00")
        .collect();
    // 5 original tasks plus the copies, less the 50 kept.
    assert_eq!(dropped.len(), 5 + extra_tasks);
    // The lowest-weight original tasks go first; the copies of 95001 carry its large weight.
    assert!(dropped.iter().any(|task| task.task_id == "95004"));
    assess_occupation(&electricians.task_inputs()).expect("the model accepts the import");
}

#[test]
fn progress_is_reported_per_file_in_bytes_and_then_per_occupation() {
    let progress = RecordingProgress::default();
    read_release(&fixture(), &progress).expect("imports");
    let stages = progress.stages.borrow();
    let names: Vec<&str> = stages.iter().map(|(name, _, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            OCCUPATION_DATA_FILE,
            TASK_STATEMENTS_FILE,
            TASK_RATINGS_FILE,
            WORK_CONTEXT_FILE,
            MAPPING_STAGE
        ]
    );
    let context_bytes = std::fs::metadata(fixture().join(WORK_CONTEXT_FILE))
        .expect("size")
        .len();
    assert_eq!(stages[3].1, context_bytes);
    assert!(stages[3].2 > context_bytes / 2 && stages[3].2 <= context_bytes + 1);
    assert_eq!((stages[4].1, stages[4].2), (6, 6));
    assert_eq!(*progress.finished.borrow(), 5);
}

#[test]
fn long_statements_are_shortened_for_the_model_at_a_word_boundary() {
    let statement = "Inspect ".repeat(40);
    let title = short_title(&statement);
    assert!(
        title.chars().count() <= MAX_TITLE_CHARS && title.ends_with("Inspect…"),
        "{title}"
    );
    assert_eq!(short_title("  Record payments.  "), "Record payments.");
}

#[test]
fn the_mapping_document_names_every_element_constant_and_word_list() {
    let text = mapping_markdown();
    assert!(text.starts_with("## Importing O*NET\n"));
    for dimension in Dimension::ALL {
        for driver in mapping::mapping_for(dimension).drivers {
            assert!(
                text.contains(driver.element.id()),
                "{}",
                driver.element.id()
            );
        }
    }
    for word in cues::DATA_VERBS.iter().chain(cues::PHYSICAL_OBJECTS) {
        assert!(text.contains(word), "{word}");
    }
    for constant in [
        format!("{} × the task's FT level", mapping::TASK_FREQUENCY_WEIGHT),
        format!("−{} per point", mapping::IMPORTANCE_STAKES_SLOPE),
        format!("weight {}", mapping::SUPPRESSED_FIGURE_WEIGHT),
        format!("at least {}%", shares::MIN_RELEVANCE_PERCENT),
        "| 7 | hourly or more | 5 |".to_owned(),
        "| data work | +1 | +0.5 | +1 | 0 |".to_owned(),
    ] {
        assert!(text.contains(&constant), "{constant}");
    }
}

#[test]
fn an_occupation_without_work_context_is_skipped_with_the_reason() {
    let release = read_changed(|name, text| {
        Some(if name == WORK_CONTEXT_FILE {
            text.lines()
                .filter(|line| !line.starts_with("47-2111.00\t"))
                .map(|line| format!("{line}\n"))
                .collect()
        } else {
            text
        })
    })
    .expect("imports");
    assert!(release.occupations.iter().all(|o| o.code != "47-2111.00"));
    let reason = format!("no ratings in {WORK_CONTEXT_FILE} for the elements the mapping uses");
    assert!(release.skipped.contains(&("47-2111.00".to_owned(), reason)));
    assert_eq!(release.occupations.len(), 3);
}
