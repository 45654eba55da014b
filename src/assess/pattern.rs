//! The seven human–machine patterns and the decision of which one fits a task.
//!
//! `decide` looks the answer up in a 625-entry table that the compiler fills by evaluating
//! `rules::PATTERN_RULES` on every combination of ratings, so deciding is a single array read
//! and the table cannot disagree with the documented rules.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::dimension::{Ratings, RATING_COMBINATIONS};
use super::rules::{Rule, FALLBACK_RULE, PATTERN_RULES};

/// How work is split between people and machines, declared in order of machine authority so
/// that the derived `Ord` and `level` agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    HumanLed,
    Copilot,
    QualityControl,
    SecondReader,
    Triage,
    HumanApproves,
    Automate,
}

impl Pattern {
    pub const ALL: [Pattern; 7] = [
        Pattern::HumanLed,
        Pattern::Copilot,
        Pattern::QualityControl,
        Pattern::SecondReader,
        Pattern::Triage,
        Pattern::HumanApproves,
        Pattern::Automate,
    ];

    /// Machine authority, 0 (human-led) to 6 (automate).
    pub const fn level(self) -> u8 {
        match self {
            Pattern::HumanLed => 0,
            Pattern::Copilot => 1,
            Pattern::QualityControl => 2,
            Pattern::SecondReader => 3,
            Pattern::Triage => 4,
            Pattern::HumanApproves => 5,
            Pattern::Automate => 6,
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Pattern::HumanLed => "human_led",
            Pattern::Copilot => "copilot",
            Pattern::QualityControl => "quality_control",
            Pattern::SecondReader => "second_reader",
            Pattern::Triage => "triage",
            Pattern::HumanApproves => "human_approves",
            Pattern::Automate => "automate",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Pattern::HumanLed => "Human-led",
            Pattern::Copilot => "Copilot",
            Pattern::QualityControl => "Quality control",
            Pattern::SecondReader => "Second reader",
            Pattern::Triage => "Triage",
            Pattern::HumanApproves => "Human approves",
            Pattern::Automate => "Automate",
        }
    }

    /// What to deploy under each pattern, in one sentence for people planning the work.
    pub const fn deployment_advice(self) -> &'static str {
        match self {
            Pattern::Automate => "Let a system do these tasks end to end; route exceptions and complaints to a person.",
            Pattern::HumanApproves => "Let a system prepare the result and have a person approve it, or sample and audit a share of it.",
            Pattern::SecondReader => "Run the system as an independent second reader next to the person; send every disagreement to a person.",
            Pattern::Triage => "Use the system to order and route the queue so urgent cases reach people first; people still handle every case.",
            Pattern::QualityControl => "Let people do the work and have the system check the finished result for misses and errors.",
            Pattern::Copilot => "Give people a copilot that drafts, suggests and retrieves; the person leads and decides.",
            Pattern::HumanLed => "Keep these tasks with people; look for tools that support them rather than do the work.",
        }
    }

    /// The label as it reads inside a sentence.
    pub const fn phrase(self) -> &'static str {
        match self {
            Pattern::HumanLed => "human-led",
            Pattern::Copilot => "copilot",
            Pattern::QualityControl => "quality control",
            Pattern::SecondReader => "second reader",
            Pattern::Triage => "triage",
            Pattern::HumanApproves => "human approves",
            Pattern::Automate => "automate",
        }
    }

    /// Who does what under this pattern.
    pub const fn meaning(self) -> &'static str {
        match self {
            Pattern::HumanLed => "Little for a machine to do yet; people do the work.",
            Pattern::Copilot => "The human leads; the machine drafts, suggests and retrieves.",
            Pattern::QualityControl => {
                "The human does the work; the machine checks the result afterwards."
            }
            Pattern::SecondReader => {
                "Human and machine each do the work independently; disagreements go to a human."
            }
            Pattern::Triage => {
                "The machine orders or routes the queue; humans do the work, urgent cases first."
            }
            Pattern::HumanApproves => {
                "The machine does the work; a human signs off or checks samples."
            }
            Pattern::Automate => "The machine does the work; humans handle the exceptions.",
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// The pattern for a task and the rule that chose it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Decision {
    pub pattern: Pattern,
    pub rule: Rule,
}

/// The pattern for a set of ratings: the first rule in `PATTERN_RULES` that applies.
pub const fn decide(ratings: &Ratings) -> Decision {
    DECISIONS[ratings.ordinal()]
}

const DECISIONS: [Decision; RATING_COMBINATIONS] = evaluate_every_combination();

const fn evaluate_every_combination() -> [Decision; RATING_COMBINATIONS] {
    let mut table = [Decision {
        pattern: Pattern::HumanLed,
        rule: Rule::TooLittleToLearnFrom,
    }; RATING_COMBINATIONS];
    let mut ordinal = 0;
    while ordinal < RATING_COMBINATIONS {
        table[ordinal] = evaluate_rules(&Ratings::from_ordinal(ordinal));
        ordinal += 1;
    }
    table
}

/// Walks the rule table top to bottom.
const fn evaluate_rules(ratings: &Ratings) -> Decision {
    let mut position = 0;
    while position < PATTERN_RULES.len() {
        let row = PATTERN_RULES[position];
        if row.applies_to(ratings) {
            return Decision {
                pattern: row.outcome.pattern_for(ratings),
                rule: row.rule,
            };
        }
        position += 1;
    }
    // Unreachable while the fallback is the last row, and harmless if it ever is not.
    Decision {
        pattern: FALLBACK_RULE.outcome.pattern_for(ratings),
        rule: FALLBACK_RULE.rule,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assess::dimension::Dimension;
    use crate::assess::testing::{any_ratings, raise, ratings};

    /// The rule exactly as the issue writes it, on the float feasibility, as an independent
    /// check of both the rule table and the integer product thresholds.
    fn rule_as_written(r: &Ratings) -> Pattern {
        let (s, e, v, f) = (
            r.standardization.value(),
            r.error_tolerance.value(),
            r.verifiability.value(),
            r.frequency.value(),
        );
        let feasibility = 100.0 * ((f64::from(s) * f64::from(v) * f64::from(f)).cbrt() - 1.0) / 4.0;
        let check_or = |otherwise| {
            if v >= 4 && feasibility >= 40.0 {
                Pattern::QualityControl
            } else {
                otherwise
            }
        };
        if feasibility < 25.0 {
            Pattern::HumanLed
        } else if s <= 2 {
            check_or(Pattern::HumanLed)
        } else if s == 3 {
            check_or(Pattern::Copilot)
        } else if feasibility < 40.0 {
            Pattern::Copilot
        } else if e >= 4 {
            if feasibility >= 80.0 {
                Pattern::Automate
            } else {
                Pattern::HumanApproves
            }
        } else if feasibility < 65.0 {
            if v >= 4 {
                Pattern::QualityControl
            } else {
                Pattern::Copilot
            }
        } else if e == 3 && v == 5 {
            Pattern::HumanApproves
        } else if e == 3 && v == 4 && f == 5 {
            Pattern::Triage
        } else if feasibility >= 85.0 {
            Pattern::SecondReader
        } else {
            Pattern::QualityControl
        }
    }

    #[test]
    fn the_rule_table_agrees_with_the_rule_as_written_for_all_625_ratings() {
        for r in Ratings::every_combination() {
            assert_eq!(decide(&r).pattern, rule_as_written(&r), "{r:?}");
        }
    }

    #[test]
    fn the_deciding_rule_is_the_first_that_applies() {
        for r in Ratings::every_combination() {
            let decision = decide(&r);
            let first = PATTERN_RULES.iter().find(|row| row.applies_to(&r));
            assert_eq!(first.map(|row| row.rule), Some(decision.rule));
            assert_eq!(
                decision.rule.doc().outcome.pattern_for(&r),
                decision.pattern
            );
        }
    }

    #[test]
    fn the_rule_table_is_numbered_in_order_and_ends_with_an_unconditional_rule() {
        for (position, row) in PATTERN_RULES.iter().enumerate() {
            assert_eq!(usize::from(row.rule.number()), position + 1);
            assert_eq!(row.rule.doc(), *row);
        }
        assert!(PATTERN_RULES[PATTERN_RULES.len() - 1].when.is_empty());
        assert_eq!(PATTERN_RULES[PATTERN_RULES.len() - 1], FALLBACK_RULE);
    }

    #[test]
    fn every_rule_decides_at_least_one_combination() {
        for row in PATTERN_RULES {
            assert!(
                Ratings::every_combination().any(|r| decide(&r).rule == row.rule),
                "rule {} never fires",
                row.rule.number()
            );
        }
    }

    #[test]
    fn the_radiology_reference_tasks_get_their_reference_patterns() {
        let cases = [
            ("Read screening images", [5, 1, 4, 5], Pattern::SecondReader),
            ("Order the reading worklist", [5, 3, 4, 5], Pattern::Triage),
            (
                "Check finished reports",
                [4, 2, 4, 4],
                Pattern::QualityControl,
            ),
            (
                "Consult with referring clinicians",
                [2, 2, 2, 3],
                Pattern::HumanLed,
            ),
            (
                "Perform image-guided procedures",
                [2, 1, 3, 2],
                Pattern::HumanLed,
            ),
        ];
        for (task, values, expected) in cases {
            assert_eq!(decide(&ratings(values)).pattern, expected, "{task}");
        }
    }

    #[test]
    fn automate_happens_only_when_errors_are_cheap() {
        for r in Ratings::every_combination() {
            if decide(&r).pattern == Pattern::Automate {
                assert!(r.error_tolerance.value() >= 4, "{r:?}");
            }
        }
        let best_but_grave = ratings([5, 1, 5, 5]);
        assert_ne!(decide(&best_but_grave).pattern, Pattern::Automate);
    }

    #[test]
    fn raising_any_single_rating_never_lowers_the_pattern_over_all_625_ratings() {
        for r in Ratings::every_combination() {
            for dimension in Dimension::ALL {
                if let Some(higher) = r.get(dimension).offset(1) {
                    let before = decide(&r).pattern;
                    let after = decide(&r.with(dimension, higher)).pattern;
                    assert!(after.level() >= before.level(), "{r:?} raising {dimension}");
                }
            }
        }
    }

    #[test]
    fn levels_follow_the_declared_order_and_names_match_serde() {
        for (position, pattern) in Pattern::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(pattern.level()), position);
            let json = serde_json::to_string(&pattern).unwrap();
            assert_eq!(json, format!("\"{}\"", pattern.name()));
        }
        assert!(Pattern::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }

    proptest! {
        #[test]
        fn raising_ratings_never_lowers_the_pattern_level(
            r in any_ratings(), steps in prop::array::uniform4(0u8..=4)
        ) {
            let higher = raise(r, steps);
            prop_assert!(decide(&higher).pattern.level() >= decide(&r).pattern.level());
        }

        #[test]
        fn raising_error_tolerance_never_lowers_the_pattern(r in any_ratings(), step in 0u8..=4) {
            let higher = raise(r, [0, step, 0, 0]);
            prop_assert!(decide(&higher).pattern >= decide(&r).pattern);
        }

        #[test]
        fn automate_implies_error_tolerance_of_at_least_four(r in any_ratings()) {
            if decide(&r).pattern == Pattern::Automate {
                prop_assert!(r.error_tolerance.value() >= 4);
            }
        }
    }
}
