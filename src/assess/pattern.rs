//! The seven human–machine patterns and the decision of which one fits a task.
//!
//! `decide` looks the answer up in a table of 9 kinds × 625 ratings that the compiler fills by
//! evaluating `rules::PATTERN_RULES` on every combination, so deciding is a single array read and
//! the table cannot disagree with the documented rules.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::dimension::{Ratings, RATING_COMBINATIONS};
use super::kind::{Kind, KIND_COUNT};
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
            Pattern::HumanApproves => "Let a system do the work or make the decision and have a person sign off each result before it takes effect.",
            Pattern::SecondReader => "Run the system as an independent second reader next to the person; send every disagreement to a person.",
            Pattern::Triage => "Use the system to order and route the queue so urgent cases reach people first; people still handle every case.",
            Pattern::QualityControl => "Let people do the work and have the system check the finished result for misses and errors.",
            Pattern::Copilot => "Give people a copilot that drafts, suggests and retrieves; the person edits, decides and owns the result.",
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
            Pattern::Copilot => {
                "The machine drafts, suggests and retrieves; the person edits, decides and owns the result."
            }
            Pattern::QualityControl => {
                "The human does the work; the machine checks the result afterwards."
            }
            Pattern::SecondReader => {
                "Human and machine each read every case independently; disagreements go to a human."
            }
            Pattern::Triage => {
                "The machine orders the queue or filters the alarm stream; humans handle every case, urgent first."
            }
            Pattern::HumanApproves => {
                "The machine does the work or decides; a person signs off each result."
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

/// The pattern for a kind of work with a set of ratings: the first rule in `PATTERN_RULES` that
/// covers the kind and applies to the ratings.
pub const fn decide(kind: Kind, ratings: &Ratings) -> Decision {
    DECISIONS[kind.index()][ratings.ordinal()]
}

const DECISIONS: [[Decision; RATING_COMBINATIONS]; KIND_COUNT] = evaluate_every_combination();

const fn evaluate_every_combination() -> [[Decision; RATING_COMBINATIONS]; KIND_COUNT] {
    let mut table = [[Decision {
        pattern: Pattern::HumanLed,
        rule: Rule::TooLittleToLearnFrom,
    }; RATING_COMBINATIONS]; KIND_COUNT];
    let mut kind_position = 0;
    while kind_position < KIND_COUNT {
        let kind = Kind::ALL[kind_position];
        let mut ordinal = 0;
        while ordinal < RATING_COMBINATIONS {
            table[kind_position][ordinal] = evaluate_rules(kind, &Ratings::from_ordinal(ordinal));
            ordinal += 1;
        }
        kind_position += 1;
    }
    table
}

/// Walks the rule table top to bottom.
const fn evaluate_rules(kind: Kind, ratings: &Ratings) -> Decision {
    let mut position = 0;
    while position < PATTERN_RULES.len() {
        let row = PATTERN_RULES[position];
        if row.applies_to(kind, ratings) {
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

/// The patterns a kind of work can get at all, in level order: what the rule table allows it.
pub fn patterns_allowed(kind: Kind) -> Vec<Pattern> {
    Pattern::ALL
        .into_iter()
        .filter(|&pattern| {
            Ratings::every_combination().any(|ratings| decide(kind, &ratings).pattern == pattern)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assess::dimension::Dimension;
    use crate::assess::testing::{any_kind, any_ratings, raise, ratings};

    /// The rule as the methodology states it in words, on the float feasibility: an independent
    /// check of both the rule table and the integer product thresholds.
    fn rule_as_written(kind: Kind, r: &Ratings) -> Pattern {
        let (s, e, v, f) = (
            r.standardization.value(),
            r.error_tolerance.value(),
            r.verifiability.value(),
            r.frequency.value(),
        );
        let feasibility = 100.0 * ((f64::from(s) * f64::from(v) * f64::from(f)).cbrt() - 1.0) / 4.0;
        if feasibility < 25.0 {
            return Pattern::HumanLed;
        }
        match kind {
            Kind::WorkingWithPeople if feasibility >= 40.0 => Pattern::Copilot,
            Kind::WorkingWithPeople => Pattern::HumanLed,
            Kind::Physical if s >= 4 && e >= 4 && feasibility >= 65.0 => Pattern::Automate,
            Kind::Physical if s >= 3 && v >= 4 && feasibility >= 40.0 => Pattern::QualityControl,
            Kind::Physical => Pattern::HumanLed,
            _ if feasibility < 40.0 => Pattern::Copilot,
            _ if s >= 4 && e >= 4 && feasibility >= 80.0 => Pattern::Automate,
            _ if s >= 4 && e >= 4 => Pattern::HumanApproves,
            Kind::Routing | Kind::Watching => Pattern::Triage,
            Kind::Making if s >= 4 && e == 3 && v == 5 && feasibility >= 65.0 => {
                Pattern::HumanApproves
            }
            Kind::Making => Pattern::Copilot,
            Kind::Checking if v >= 4 => Pattern::QualityControl,
            Kind::JudgingCases if s >= 4 && e >= 2 && v >= 4 && feasibility >= 65.0 => {
                Pattern::HumanApproves
            }
            _ if s >= 4 && e == 3 && v >= 4 && feasibility >= 65.0 => Pattern::HumanApproves,
            Kind::JudgingCases if s >= 4 && v >= 4 && feasibility >= 65.0 => Pattern::SecondReader,
            Kind::JudgingCases | Kind::Checking | Kind::MovingInformation if v >= 4 => {
                Pattern::QualityControl
            }
            _ => Pattern::Copilot,
        }
    }

    fn every_kind_and_rating() -> impl Iterator<Item = (Kind, Ratings)> {
        Kind::ALL
            .into_iter()
            .flat_map(|kind| Ratings::every_combination().map(move |r| (kind, r)))
    }

    #[test]
    fn the_rule_table_agrees_with_the_rule_as_written_for_every_kind_and_all_625_ratings() {
        for (kind, r) in every_kind_and_rating() {
            assert_eq!(
                decide(kind, &r).pattern,
                rule_as_written(kind, &r),
                "{kind} {r:?}"
            );
        }
    }

    #[test]
    fn the_deciding_rule_is_the_first_that_covers_the_kind_and_applies() {
        for (kind, r) in every_kind_and_rating() {
            let decision = decide(kind, &r);
            let first = PATTERN_RULES.iter().find(|row| row.applies_to(kind, &r));
            assert_eq!(first.map(|row| row.rule), Some(decision.rule));
            assert_eq!(
                decision.rule.doc().outcome.pattern_for(&r),
                decision.pattern
            );
        }
    }

    #[test]
    fn the_rule_table_is_numbered_in_order_and_ends_with_an_unconditional_rule_for_every_kind() {
        for (position, row) in PATTERN_RULES.iter().enumerate() {
            assert_eq!(usize::from(row.rule.number()), position + 1);
            assert_eq!(row.rule.doc(), *row);
        }
        let last = PATTERN_RULES[PATTERN_RULES.len() - 1];
        assert!(last.when.is_empty() && last.kinds.is_all());
        assert_eq!(last, FALLBACK_RULE);
    }

    #[test]
    fn every_rule_decides_at_least_one_combination() {
        for row in PATTERN_RULES {
            assert!(
                every_kind_and_rating().any(|(kind, r)| decide(kind, &r).rule == row.rule),
                "rule {} never fires",
                row.rule.number()
            );
        }
    }

    /// Each pattern's meaning, as the kinds of work it can be true of.
    fn meaning_allows(pattern: Pattern, kind: Kind) -> bool {
        match pattern {
            // Every kind has cases where a machine has too little to learn from.
            Pattern::HumanLed => true,
            // Drafting needs digital work or, with people, material to prepare; a robot drafts nothing.
            Pattern::Copilot => kind != Kind::Physical,
            // Only cases can be read independently.
            Pattern::SecondReader => kind == Kind::JudgingCases,
            // Only a queue or an alarm stream can be ordered.
            Pattern::Triage => matches!(kind, Kind::Routing | Kind::Watching),
            // Checking afterwards needs a finished result of the person's own: cases decided,
            // work checked, records entered, or physical work done.
            Pattern::QualityControl => matches!(
                kind,
                Kind::JudgingCases | Kind::Checking | Kind::MovingInformation | Kind::Physical
            ),
            // Signing off each result is not how a robot or a relationship works.
            Pattern::HumanApproves => !matches!(kind, Kind::Physical | Kind::WorkingWithPeople),
            // Never where the relationship is the work.
            Pattern::Automate => kind != Kind::WorkingWithPeople,
        }
    }

    #[test]
    fn each_pattern_comes_only_from_the_kinds_its_meaning_allows() {
        for (kind, r) in every_kind_and_rating() {
            let pattern = decide(kind, &r).pattern;
            assert!(meaning_allows(pattern, kind), "{kind} {r:?} got {pattern}");
        }
    }

    #[test]
    fn every_kind_gets_every_pattern_its_meaning_allows_for_some_ratings() {
        for kind in Kind::ALL {
            let allowed: Vec<Pattern> = Pattern::ALL
                .into_iter()
                .filter(|&pattern| meaning_allows(pattern, kind))
                .collect();
            // Routing and watching are ordered rather than checked, service exchanges and
            // making are drafted rather than checked: the table gives them no quality control,
            // which their meaning would allow only for some kinds anyway.
            for pattern in patterns_allowed(kind) {
                assert!(allowed.contains(&pattern), "{kind}: {pattern}");
            }
            assert!(
                patterns_allowed(kind).contains(&Pattern::HumanLed),
                "{kind}"
            );
        }
    }

    #[test]
    fn physical_work_is_automated_only_in_a_controlled_setting_with_bounded_errors() {
        for r in Ratings::every_combination() {
            if decide(Kind::Physical, &r).pattern == Pattern::Automate {
                assert!(r.standardization.value() >= 4, "{r:?}");
                assert!(r.error_tolerance.value() >= 4, "{r:?}");
            }
        }
        // The digital criteria alone never hand physical work over.
        let open_world = ratings([2, 5, 5, 5]);
        assert_eq!(
            decide(Kind::Physical, &open_world).pattern,
            Pattern::HumanLed
        );
        let fixed_station = ratings([3, 5, 5, 5]);
        assert_eq!(
            decide(Kind::Physical, &fixed_station).pattern,
            Pattern::QualityControl
        );
        assert_eq!(
            decide(Kind::Making, &ratings([5, 5, 5, 5])).pattern,
            Pattern::Automate
        );
    }

    #[test]
    fn the_radiology_reference_tasks_get_their_reference_patterns() {
        let cases = [
            (
                "Read screening images",
                Kind::JudgingCases,
                [5, 1, 4, 5],
                Pattern::SecondReader,
            ),
            (
                "Order the reading worklist",
                Kind::Routing,
                [5, 3, 4, 5],
                Pattern::Triage,
            ),
            (
                "Check finished reports",
                Kind::Checking,
                [4, 2, 4, 4],
                Pattern::QualityControl,
            ),
            (
                "Dictate structured reports",
                Kind::Making,
                [4, 2, 3, 5],
                Pattern::Copilot,
            ),
            (
                "Consult with referring clinicians",
                Kind::WorkingWithPeople,
                [2, 2, 2, 3],
                Pattern::HumanLed,
            ),
            (
                "Perform image-guided procedures",
                Kind::Physical,
                [2, 1, 3, 2],
                Pattern::HumanLed,
            ),
        ];
        for (task, kind, values, expected) in cases {
            assert_eq!(decide(kind, &ratings(values)).pattern, expected, "{task}");
        }
    }

    #[test]
    fn the_same_ratings_lead_to_different_patterns_for_different_kinds() {
        let queue_like = ratings([5, 3, 5, 5]);
        assert_eq!(decide(Kind::Routing, &queue_like).pattern, Pattern::Triage);
        assert_eq!(
            decide(Kind::Physical, &queue_like).pattern,
            Pattern::QualityControl
        );
        assert_eq!(
            decide(Kind::Making, &queue_like).pattern,
            Pattern::HumanApproves
        );
        let costly_draft = ratings([4, 2, 4, 4]);
        assert_eq!(
            decide(Kind::Making, &costly_draft).pattern,
            Pattern::Copilot
        );
        assert_eq!(
            decide(Kind::JudgingCases, &costly_draft).pattern,
            Pattern::HumanApproves
        );
        assert_eq!(
            decide(Kind::JudgingCases, &ratings([4, 1, 4, 4])).pattern,
            Pattern::SecondReader
        );
    }

    #[test]
    fn automate_happens_only_when_errors_are_cheap() {
        for (kind, r) in every_kind_and_rating() {
            if decide(kind, &r).pattern == Pattern::Automate {
                assert!(r.error_tolerance.value() >= 4, "{kind} {r:?}");
            }
        }
    }

    #[test]
    fn raising_any_single_rating_never_lowers_the_pattern_within_a_kind() {
        for (kind, r) in every_kind_and_rating() {
            for dimension in Dimension::ALL {
                if let Some(higher) = r.get(dimension).offset(1) {
                    let before = decide(kind, &r).pattern;
                    let after = decide(kind, &r.with(dimension, higher)).pattern;
                    assert!(
                        after.level() >= before.level(),
                        "{kind} {r:?} raising {dimension}: {before} -> {after}"
                    );
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
            kind in any_kind(), r in any_ratings(), steps in prop::array::uniform4(0u8..=4)
        ) {
            let higher = raise(r, steps);
            prop_assert!(decide(kind, &higher).pattern.level() >= decide(kind, &r).pattern.level());
        }
    }
}
