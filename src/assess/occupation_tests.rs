//! Tests of the occupation figures: the radiology reference case and the invariants that must
//! hold for any profile (monotonicity, split invariance, shares summing to 1, determinism).

use proptest::prelude::*;

use super::*;
use crate::assess::kind::Kind;
use crate::assess::testing::{any_task_input, raise, task, valid_tasks};
use crate::assess::verdict::{HUMAN_LED_MIN_PERCENT, REPLACE_MIN_PERCENT};

fn radiology() -> Vec<TaskInput> {
    vec![
        task(
            "Read screening images",
            35.0,
            Kind::JudgingCases,
            [5, 1, 4, 5],
        ),
        task(
            "Order the reading worklist",
            15.0,
            Kind::Routing,
            [5, 3, 4, 5],
        ),
        task("Check finished reports", 15.0, Kind::Checking, [4, 2, 4, 4]),
        task(
            "Consult with referring clinicians",
            20.0,
            Kind::WorkingWithPeople,
            [2, 2, 2, 3],
        ),
        task(
            "Perform image-guided procedures",
            15.0,
            Kind::Physical,
            [2, 1, 3, 2],
        ),
    ]
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn radiology_is_complement_with_its_reference_patterns() {
    let result = assess_occupation(&radiology()).unwrap();
    let patterns: Vec<Pattern> = result.tasks.iter().map(|t| t.assessment.pattern).collect();
    assert_eq!(
        patterns,
        vec![
            Pattern::SecondReader,
            Pattern::Triage,
            Pattern::QualityControl,
            Pattern::HumanLed,
            Pattern::HumanLed
        ]
    );
    assert_eq!(result.verdict, Verdict::Complement);
    assert!(close(result.pattern_shares.second_reader, 0.35, 1e-12));
    assert!(close(result.pattern_shares.human_led, 0.35, 1e-12));
    assert_eq!(result.pattern_shares.handed_over(), 0.0);
    let bottlenecks: Vec<(Dimension, f64)> = result
        .top_bottlenecks
        .iter()
        .map(|item| (item.dimension, (item.share * 100.0).round()))
        .collect();
    assert_eq!(
        bottlenecks,
        vec![
            (Dimension::ErrorTolerance, 100.0),
            (Dimension::Standardization, 20.0),
            (Dimension::Verifiability, 20.0)
        ]
    );
    assert_eq!(result.dimension_profile.standardization, 3.8);
    assert!(result
        .verdict_rationale
        .contains("the verdict is complement"));
    assert!(result
        .verdict_rationale
        .contains("second reader 35%, quality control 15% and triage 15%"));
    assert_eq!(result.tasks[0].title, "Read screening images");
    assert!(result.model_version.is_current());
}

#[test]
fn the_indices_are_time_weighted_sums_of_task_scores() {
    let result = assess_occupation(&radiology()).unwrap();
    let expected: f64 = radiology()
        .iter()
        .map(|t| t.share / 100.0 * exact_scores(t.kind, &t.ratings).automatability)
        .sum();
    assert_eq!(result.automatability_index, round_to_tenth(expected));
    let expected: f64 = radiology()
        .iter()
        .map(|t| t.share / 100.0 * exact_scores(t.kind, &t.ratings).complementarity)
        .sum();
    assert_eq!(result.complementarity_index, round_to_tenth(expected));
}

#[test]
fn an_all_automatable_profile_is_replace_and_an_unstructured_one_is_human_led() {
    let automatable = [task(
        "Enter records",
        1.0,
        Kind::MovingInformation,
        [5, 4, 4, 5],
    )];
    assert_eq!(
        assess_occupation(&automatable).unwrap().verdict,
        Verdict::Replace
    );
    let manual = [
        task("Repair pipes", 3.0, Kind::Physical, [1, 3, 2, 2]),
        task("Quote", 1.0, Kind::Making, [5, 4, 4, 5]),
    ];
    let result = assess_occupation(&manual).unwrap();
    assert_eq!(result.verdict, Verdict::HumanLed);
    assert!(result
        .verdict_rationale
        .contains("75% of working time human-led"));
}

/// The extreme occupations of each verdict: a replace one with as little as possible handed over
/// at the bottom of its bands, a human-led one with as much as possible at the top of its.
#[test]
fn no_human_led_occupation_can_score_above_a_replace_one() {
    // Replace with the least index: 60% human approves at its lowest, 40% human-led at 0.
    let lowest_replace = assess_occupation(&[
        task(
            "Sign off drafts",
            f64::from(REPLACE_MIN_PERCENT),
            Kind::Making,
            [4, 4, 3, 3],
        ),
        task(
            "Nothing to learn",
            f64::from(100 - REPLACE_MIN_PERCENT),
            Kind::Making,
            [1, 1, 1, 1],
        ),
    ])
    .unwrap();
    assert_eq!(lowest_replace.verdict, Verdict::Replace);
    // Human-led with the greatest index: 50% human-led at its top, 50% automate at 100.
    let highest_human_led = assess_occupation(&[
        task(
            "Relational, checkable",
            f64::from(HUMAN_LED_MIN_PERCENT),
            Kind::WorkingWithPeople,
            [4, 5, 4, 1],
        ),
        task(
            "Fully automatable",
            f64::from(100 - HUMAN_LED_MIN_PERCENT),
            Kind::MovingInformation,
            [5, 5, 5, 5],
        ),
    ])
    .unwrap();
    assert_eq!(highest_human_led.verdict, Verdict::HumanLed);
    assert!(
        lowest_replace.automatability_index > highest_human_led.automatability_index,
        "{} vs {}",
        lowest_replace.automatability_index,
        highest_human_led.automatability_index
    );
}

#[test]
fn invalid_input_is_a_typed_error_naming_the_field() {
    let mut tasks = radiology();
    tasks[3].share = f64::NAN;
    let error = assess_occupation(&tasks).unwrap_err();
    assert_eq!(
        error.to_string(),
        "tasks[3].share: must be a positive number"
    );
}

/// Replaces task `index` by two halves, the second appended at the end.
fn split(tasks: &[TaskInput], index: usize) -> Vec<TaskInput> {
    let mut result = tasks.to_vec();
    let index = index % tasks.len();
    result[index].share /= 2.0;
    result.push(result[index].clone());
    result
}

fn assert_same_figures(
    a: &OccupationAssessment,
    b: &OccupationAssessment,
) -> Result<(), TestCaseError> {
    // Reported values are rounded, so noise of 1e-9 can at most move one across a rounding step.
    prop_assert!(close(
        a.automatability_index,
        b.automatability_index,
        0.1 + 1e-9
    ));
    prop_assert!(close(
        a.complementarity_index,
        b.complementarity_index,
        0.1 + 1e-9
    ));
    for pattern in Pattern::ALL {
        prop_assert!(close(
            a.pattern_shares.get(pattern),
            b.pattern_shares.get(pattern),
            1e-9
        ));
    }
    for dimension in Dimension::ALL {
        let (x, y) = (
            a.dimension_profile.get(dimension),
            b.dimension_profile.get(dimension),
        );
        prop_assert!(close(x, y, 0.01 + 1e-9));
    }
    prop_assert_eq!(a.verdict, b.verdict);
    prop_assert_eq!(a.top_bottlenecks.len(), b.top_bottlenecks.len());
    for (x, y) in a.top_bottlenecks.iter().zip(&b.top_bottlenecks) {
        prop_assert_eq!(x.dimension, y.dimension);
        prop_assert!(close(x.share, y.share, 1e-9));
    }
    Ok(())
}

proptest! {
    #[test]
    fn splitting_a_task_into_two_identical_halves_changes_no_occupation_figure(
        tasks in valid_tasks(49), index in 0usize..49
    ) {
        let whole = assess_occupation(&tasks).unwrap();
        let halves = assess_occupation(&split(&tasks, index)).unwrap();
        assert_same_figures(&whole, &halves)?;
    }

    #[test]
    fn raising_ratings_never_lowers_the_index_pattern_levels_or_verdict(
        tasks in valid_tasks(20), steps in prop::collection::vec(prop::array::uniform4(0u8..=2), 20)
    ) {
        let raised: Vec<TaskInput> = tasks
            .iter()
            .zip(&steps)
            .map(|(task, &step)| TaskInput { ratings: raise(task.ratings, step), ..task.clone() })
            .collect();
        let before = assess_occupation(&tasks).unwrap();
        let after = assess_occupation(&raised).unwrap();
        prop_assert!(after.automatability_index >= before.automatability_index);
        prop_assert!(after.verdict >= before.verdict);
        for (low, high) in before.tasks.iter().zip(&after.tasks) {
            prop_assert!(high.assessment.pattern >= low.assessment.pattern);
        }
        prop_assert!(after.pattern_shares.handed_over() >= before.pattern_shares.handed_over() - 1e-12);
        prop_assert!(after.pattern_shares.human_led <= before.pattern_shares.human_led + 1e-12);
    }

    #[test]
    fn the_index_bounds_of_each_verdict_keep_replace_above_human_led(tasks in valid_tasks(20)) {
        let result = assess_occupation(&tasks).unwrap();
        match result.verdict {
            Verdict::Replace => prop_assert!(result.automatability_index >= 52.7, "{}", result.automatability_index),
            Verdict::HumanLed => prop_assert!(result.automatability_index <= 52.6, "{}", result.automatability_index),
            Verdict::Complement => {}
        }
    }

    #[test]
    fn pattern_shares_sum_to_one_and_indices_stay_within_0_and_100(tasks in valid_tasks(50)) {
        let result = assess_occupation(&tasks).unwrap();
        let total: f64 = result.pattern_shares.iter().map(|(_, share)| share).sum();
        prop_assert!(close(total, 1.0, 1e-9));
        let task_total: f64 = result.tasks.iter().map(|t| t.share).sum();
        prop_assert!(close(task_total, 1.0, 1e-9));
        for index in [result.automatability_index, result.complementarity_index] {
            prop_assert!((0.0..=100.0).contains(&index));
            prop_assert_eq!(index, round_to_tenth(index));
        }
        for dimension in Dimension::ALL {
            prop_assert!((1.0..=5.0).contains(&result.dimension_profile.get(dimension)));
        }
        prop_assert!(result.top_bottlenecks.len() <= TOP_BOTTLENECKS);
        prop_assert!(result.top_bottlenecks.windows(2).all(|pair| pair[0].share >= pair[1].share - 1e-9));
        prop_assert!(result.top_bottlenecks.iter().all(|item| item.share > 0.0 && item.share <= 1.0 + 1e-9));
    }

    #[test]
    fn the_same_input_gives_the_same_output_to_the_last_bit(tasks in valid_tasks(20)) {
        let first = assess_occupation(&tasks).unwrap();
        let second = assess_occupation(&tasks).unwrap();
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
    }

    #[test]
    fn a_stored_assessment_reads_back_from_json(tasks in valid_tasks(20)) {
        let first = assess_occupation(&tasks).unwrap();
        let back: OccupationAssessment = serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
        // serde_json may parse a long decimal one ulp off unless its `float_roundtrip` feature
        // is on, so unrounded shares are compared with a tolerance; everything else exactly.
        prop_assert_eq!(back.verdict, first.verdict);
        prop_assert_eq!(&back.verdict_rationale, &first.verdict_rationale);
        prop_assert_eq!(back.automatability_index, first.automatability_index);
        prop_assert_eq!(back.dimension_profile, first.dimension_profile);
        for (x, y) in back.tasks.iter().zip(&first.tasks) {
            prop_assert_eq!(&x.assessment, &y.assessment);
            prop_assert!(close(x.share, y.share, 1e-15));
        }
        for pattern in Pattern::ALL {
            prop_assert!(close(back.pattern_shares.get(pattern), first.pattern_shares.get(pattern), 1e-15));
        }
    }

    #[test]
    fn any_input_gives_an_assessment_or_a_typed_error_never_a_panic(
        tasks in prop::collection::vec(any_task_input(), 0..60)
    ) {
        match assess_occupation(&tasks) {
            Ok(result) => prop_assert_eq!(result.tasks.len(), tasks.len()),
            Err(error) => prop_assert!(error.to_string().starts_with("tasks")),
        }
    }
}

#[test]
fn the_dominant_pattern_has_the_largest_share_and_ties_go_to_more_machine_authority() {
    let clear = PatternShares::from_array([0.1, 0.5, 0.1, 0.1, 0.1, 0.1, 0.0]);
    assert_eq!(clear.dominant(), Pattern::Copilot);
    let tied = PatternShares::from_array([0.4, 0.0, 0.0, 0.4, 0.2, 0.0, 0.0]);
    assert_eq!(tied.dominant(), Pattern::SecondReader);
    let all_human = PatternShares::from_array([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(all_human.dominant(), Pattern::HumanLed);
}
