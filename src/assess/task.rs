//! The assessment of a single task: scores, pattern, the rule that chose it, the bottleneck,
//! the what-if and a plain-language rationale. `assess_task` is cheap enough for live previews.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::anchors::anchor;
use super::clause::{all_hold, clauses_text};
use super::dimension::{Dimension, Ratings};
use super::kind::Kind;
use super::pattern::{decide, Decision, Pattern};
use super::rules::{Outcome, Rule, MIN_ERROR_TOLERANCE_TO_ACT, MODERATE_ERROR_TOLERANCE};
use super::score::{TaskScores, Tenths};
use super::version::ModelVersion;
use super::whatif::{what_if, WhatIf};

/// A dimension rated at or below this can hold a task back; at 4 or 5 nothing does.
pub const BOTTLENECK_MAX_RATING: u8 = 3;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskAssessment {
    pub model_version: ModelVersion,
    pub kind: Kind,
    pub ratings: Ratings,
    pub pattern: Pattern,
    pub rule: Rule,
    pub scores: TaskScores,
    /// The lowest-rated dimensions, if that rating is at most 3; in `Dimension` order.
    pub bottleneck: Vec<Dimension>,
    pub what_if: Option<WhatIf>,
    /// Borrowed from a table built once per process (see `assess_task`); owned when read back.
    pub rationale: Cow<'static, str>,
}

/// Everything the model says about one task, for its kind and ratings.
pub fn assess_task(kind: Kind, ratings: &Ratings) -> TaskAssessment {
    // There are only 9 × 625 inputs, so each assessment is computed once per process and then
    // copied, with the rationale borrowed rather than cloned: identical results, and assessing
    // a whole catalog writes no rationale text at all.
    static EVERY_ASSESSMENT: OnceLock<Vec<TaskAssessment>> = OnceLock::new();
    let table = EVERY_ASSESSMENT.get_or_init(|| {
        Kind::ALL
            .into_iter()
            .flat_map(|kind| {
                Ratings::every_combination()
                    .map(move |ratings| compute_task_assessment(kind, &ratings))
            })
            .collect()
    });
    let position = kind.index() * super::dimension::RATING_COMBINATIONS + ratings.ordinal();
    match table.get(position) {
        Some(cached) => TaskAssessment {
            model_version: cached.model_version.clone(),
            kind: cached.kind,
            ratings: cached.ratings,
            pattern: cached.pattern,
            rule: cached.rule,
            scores: cached.scores,
            bottleneck: cached.bottleneck.clone(),
            what_if: cached.what_if,
            rationale: Cow::Borrowed(&cached.rationale),
        },
        None => compute_task_assessment(kind, ratings),
    }
}

/// Everything but the rationale, which is left empty.
fn assess_task_without_rationale(kind: Kind, ratings: &Ratings) -> TaskAssessment {
    let decision = decide(kind, ratings);
    TaskAssessment {
        model_version: ModelVersion::current(),
        kind,
        ratings: *ratings,
        pattern: decision.pattern,
        rule: decision.rule,
        scores: TaskScores::of(kind, ratings),
        bottleneck: bottleneck(ratings),
        what_if: what_if(kind, ratings),
        rationale: Cow::Borrowed(""),
    }
}

fn compute_task_assessment(kind: Kind, ratings: &Ratings) -> TaskAssessment {
    let mut assessment = assess_task_without_rationale(kind, ratings);
    let rationale = TaskRationale {
        kind,
        ratings,
        decision: Decision {
            pattern: assessment.pattern,
            rule: assessment.rule,
        },
        scores: &assessment.scores,
        bottleneck: &assessment.bottleneck,
    }
    .to_string();
    assessment.rationale = Cow::Owned(rationale);
    assessment
}

/// The dimensions holding a task back: those sharing the lowest rating, if it is at most 3.
pub fn bottleneck(ratings: &Ratings) -> Vec<Dimension> {
    let lowest = Dimension::ALL
        .into_iter()
        .map(|dimension| ratings.get(dimension).value())
        .min()
        .unwrap_or(u8::MAX);
    if lowest > BOTTLENECK_MAX_RATING {
        return Vec::new();
    }
    Dimension::ALL
        .into_iter()
        .filter(|&dimension| ratings.get(dimension).value() == lowest)
        .collect()
}

/// The rationale as sentences, written straight into the output without intermediate strings.
struct TaskRationale<'a> {
    kind: Kind,
    ratings: &'a Ratings,
    decision: Decision,
    scores: &'a TaskScores,
    bottleneck: &'a [Dimension],
}

impl fmt::Display for TaskRationale<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.ratings;
        self.write_feasibility(out)?;

        let tolerance = r.error_tolerance;
        let consequence = if tolerance.value() >= MIN_ERROR_TOLERANCE_TO_ACT {
            "errors alone would not stop a machine from acting on its own"
        } else if tolerance.value() >= MODERATE_ERROR_TOLERANCE {
            "a machine may act only with a person signing off"
        } else {
            "a person must stay responsible for every result"
        };
        write!(out, " Error tolerance {tolerance} (")?;
        write_lowercase_first(out, anchor(Dimension::ErrorTolerance, tolerance).label)?;
        write!(
            out,
            ") puts autonomy risk at {}: {consequence}.",
            Tenths::of(self.scores.autonomy_risk),
        )?;
        write!(out, " The task is {}", self.kind.phrase())?;
        if self.kind.needs_a_robot() {
            out.write_str(": a machine doing it would need a robot")?;
        }
        out.write_str(".")?;

        let row = self.decision.rule.doc();
        write!(out, " Rule {} applies (", row.rule.number())?;
        if row.kinds.is_all() && row.when.is_empty() {
            out.write_str("no earlier rule did")?;
        } else if !row.kinds.is_all() {
            write!(out, "kind {}", self.kind.name())?;
            if !row.when.is_empty() {
                out.write_str(" and ")?;
            }
        }
        for (position, clause) in row.when.iter().enumerate() {
            if position > 0 {
                out.write_str(" and ")?;
            }
            write!(out, "{}", clause.with_values(r))?;
        }
        write!(out, "): {}", row.why)?;
        if let Outcome::Choose { when, .. } = row.outcome {
            let met = if all_hold(when, r) {
                "is met"
            } else {
                "is not met"
            };
            write!(out, " Its test {} {met} (", clauses_text(when))?;
            for (position, clause) in when.iter().enumerate() {
                if position > 0 {
                    out.write_str(", ")?;
                }
                write!(out, "{}", clause.subject(r))?;
            }
            out.write_str(").")?;
        }

        let pattern = self.decision.pattern;
        write!(
            out,
            " Pattern: {}. {} Automatability is {} and complementarity {}.",
            pattern.label(),
            pattern.meaning(),
            Tenths::of(self.scores.automatability),
            Tenths::of(self.scores.complementarity),
        )?;

        if let Some(&first) = self.bottleneck.first() {
            out.write_str(" Held back most by ")?;
            write_list(out, self.bottleneck.iter().map(|d| d.phrase()))?;
            write!(out, " ({}).", r.get(first))?;
        }
        Ok(())
    }
}

impl TaskRationale<'_> {
    fn write_feasibility(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.ratings;
        write!(
            out,
            "Feasibility is {} of 100, the geometric mean of standardization {}, verifiability {} and frequency {}",
            Tenths::of(self.scores.feasibility),
            r.standardization,
            r.verifiability,
            r.frequency,
        )?;
        let learnable = [
            Dimension::Standardization,
            Dimension::Verifiability,
            Dimension::Frequency,
        ];
        let lowest = learnable.iter().map(|&d| r.get(d)).min();
        let highest = learnable.iter().map(|&d| r.get(d)).max();
        match (lowest, highest) {
            (Some(lowest), Some(highest)) if lowest < highest => {
                out.write_str(", held down by ")?;
                write_list(
                    out,
                    learnable
                        .iter()
                        .filter(|&&d| r.get(d) == lowest)
                        .map(|d| d.phrase()),
                )?;
                out.write_str(".")
            }
            _ => out.write_str("."),
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn write_list<'a>(
    out: &mut fmt::Formatter<'_>,
    items: impl Iterator<Item = &'a str>,
) -> fmt::Result {
    let items: Vec<&str> = items.collect();
    for (position, item) in items.iter().enumerate() {
        if position > 0 {
            let separator = if position + 1 == items.len() {
                " and "
            } else {
                ", "
            };
            out.write_str(separator)?;
        }
        out.write_str(item)?;
    }
    Ok(())
}

fn write_lowercase_first(out: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        write!(out, "{}", first.to_lowercase())?;
    }
    out.write_str(chars.as_str())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assess::testing::{any_kind, any_ratings, ratings};

    #[test]
    fn the_bottleneck_is_every_dimension_sharing_the_lowest_rating_of_three_or_less() {
        assert_eq!(
            bottleneck(&ratings([5, 1, 4, 5])),
            vec![Dimension::ErrorTolerance]
        );
        assert_eq!(
            bottleneck(&ratings([2, 2, 2, 3])),
            vec![
                Dimension::Standardization,
                Dimension::ErrorTolerance,
                Dimension::Verifiability
            ]
        );
        assert_eq!(
            bottleneck(&ratings([3, 5, 3, 4])),
            vec![Dimension::Standardization, Dimension::Verifiability]
        );
        assert!(bottleneck(&ratings([4, 4, 5, 4])).is_empty());
    }

    #[test]
    fn a_task_assessment_carries_everything_the_preview_needs() {
        let assessment = assess_task(Kind::JudgingCases, &ratings([5, 1, 4, 5]));
        assert_eq!(assessment.pattern, Pattern::SecondReader);
        assert_eq!(assessment.rule, Rule::IndependentReading);
        assert_eq!(assessment.kind, Kind::JudgingCases);
        assert_eq!(assessment.scores.feasibility, 91.0);
        assert_eq!(assessment.scores.autonomy_risk, 100.0);
        // Second reader's band is 40–55; the place is (0.910 + 0) / 2.
        assert_eq!(assessment.scores.automatability, 46.8);
        assert_eq!(assessment.scores.complementarity, 91.0);
        assert_eq!(assessment.bottleneck, vec![Dimension::ErrorTolerance]);
        assert!(assessment.what_if.is_some());
        assert!(assessment.model_version.is_current());
    }

    #[test]
    fn the_rationale_explains_feasibility_error_tolerance_kind_rule_and_pattern() {
        let text = assess_task(Kind::JudgingCases, &ratings([5, 1, 4, 5])).rationale;
        assert_eq!(
            text,
            "Feasibility is 91.0 of 100, the geometric mean of standardization 5, verifiability 4 and frequency 5, \
             held down by verifiability. Error tolerance 1 (grave and possibly unnoticed) puts autonomy risk at 100.0: \
             a person must stay responsible for every result. The task is judging cases. Rule 11 applies (kind \
             judging_cases and standardization 5 ≥ 4 and verifiability 4 ≥ 4 and feasibility 91.0 ≥ 65): \
             Structured cases with ground truth where a miss is grave and may go unnoticed (a cancer on a scan, \
             a fatal dose): a signature on the machine's answer is not enough, so the machine reads every case \
             independently alongside the person and disagreements go to a person. Pattern: Second reader. Human and machine each read \
             every case independently; disagreements go to a human. Automatability is 46.8 and complementarity \
             91.0. Held back most by error tolerance (1)."
        );
    }

    #[test]
    fn the_rationale_says_which_way_a_two_way_rule_went_and_when_a_robot_is_needed() {
        let text = assess_task(Kind::Physical, &ratings([2, 2, 2, 3])).rationale;
        assert!(text.contains("Rule 4 applies (kind physical)"), "{text}");
        assert!(
            text.contains("a machine doing it would need a robot"),
            "{text}"
        );
        assert!(
            text.contains(
                "Its test s ≥ 3 and v ≥ 4 and F ≥ 40 is not met (standardization 2, verifiability 2, feasibility 32.2)."
            ),
            "{text}"
        );
        assert!(text.contains("Pattern: Human-led."), "{text}");
        let text = assess_task(Kind::Making, &ratings([5, 5, 5, 5])).rationale;
        assert!(
            text.contains("Its test F ≥ 80 is met (feasibility 100.0)."),
            "{text}"
        );
        assert!(!text.contains("Held back"), "{text}");
        let text = assess_task(Kind::ServiceExchange, &ratings([4, 2, 4, 4])).rationale;
        assert!(
            text.contains("Rule 13 applies (no earlier rule did)"),
            "{text}"
        );
    }

    proptest! {
        #[test]
        fn task_assessments_are_consistent_and_deterministic(kind in any_kind(), r in any_ratings()) {
            let assessment = assess_task(kind, &r);
            prop_assert_eq!(assessment.pattern, decide(kind, &r).pattern);
            prop_assert_eq!(assessment.scores, TaskScores::of(kind, &r));
            prop_assert!(!assessment.rationale.is_empty());
            prop_assert!(assessment.rationale.contains(assessment.pattern.label()));
            let json = serde_json::to_string(&assessment).unwrap();
            let back: TaskAssessment = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &assessment);
            prop_assert_eq!(serde_json::to_string(&assess_task(kind, &r)).unwrap(), json);
            prop_assert_eq!(assess_task(kind, &r), compute_task_assessment(kind, &r));
        }
    }
}
