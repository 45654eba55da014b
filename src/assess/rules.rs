//! The pattern rule table as data: its thresholds, its ten rules and the clauses they test.
//!
//! `PATTERN_RULES` is the single source of truth. `pattern::decide` evaluates exactly this table
//! (at compile time, into a 625-entry lookup table) and the methodology page prints exactly this
//! table, so the documented rule and the computed rule cannot drift apart.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clause::{all_hold, clauses_text, Clause};
use super::dimension::{Dimension, Ratings};
use super::pattern::Pattern;

// Feasibility thresholds, in whole points of F (0–100). Whole numbers, so that each one is
// exactly equivalent to an integer threshold on s·v·f (see `min_product_for_feasibility`).

/// Below this, there is too little structure, ground truth or repetition to learn from.
pub const FEASIBILITY_TO_ASSIST: u32 = 25;
/// On physical or semi-structured work, a machine may check results only from this feasibility.
pub const FEASIBILITY_TO_CHECK: u32 = 40;
/// On structured work below this, a machine can draft and suggest but not act.
pub const FEASIBILITY_TO_ACT: u32 = 40;
/// When errors are cheap, from this feasibility the machine needs no routine sign-off.
pub const FEASIBILITY_TO_AUTOMATE: u32 = 80;
/// When errors are costly, below this a machine only checks or assists.
pub const FEASIBILITY_TO_SHARE: u32 = 65;
/// When errors are costly, from this feasibility a machine can read every case independently.
pub const FEASIBILITY_TO_READ_INDEPENDENTLY: u32 = 85;

// Rating thresholds, on the 1–5 scales.

/// Standardization at or below this is physical or unstructured work.
pub const MAX_UNSTRUCTURED_STANDARDIZATION: u8 = 2;
/// Standardization of semi-structured work: partly templated, partly free-form.
pub const SEMI_STRUCTURED_STANDARDIZATION: u8 = 3;
/// Results can be checked by a machine only from this verifiability.
pub const MIN_VERIFIABILITY_TO_CHECK: u8 = 4;
/// A machine may act without a human in every loop only from this error tolerance.
pub const MIN_ERROR_TOLERANCE_TO_ACT: u8 = 4;
/// Moderate stakes: costly but caught within days and put right.
pub const MODERATE_ERROR_TOLERANCE: u8 = 3;
/// Objective and immediately checkable.
pub const INSTANT_VERIFIABILITY: u8 = 5;
/// Mostly checkable against ground truth, as in a screening queue.
pub const QUEUE_VERIFIABILITY: u8 = 4;
/// The same decision many times an hour or day.
pub const HIGH_VOLUME_FREQUENCY: u8 = 5;

/// Which rule of the table decided a task's pattern. Declared in table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    TooLittleToLearnFrom,
    UnstructuredWork,
    SemiStructuredWork,
    NotFeasibleEnoughToAct,
    CheapErrors,
    ModerateFeasibility,
    ModerateStakesInstantCheck,
    HighVolumeQueue,
    IndependentReading,
    CostlyErrors,
}

impl Rule {
    /// Its number in the table, 1..=10.
    pub const fn number(self) -> u8 {
        match self {
            Rule::TooLittleToLearnFrom => 1,
            Rule::UnstructuredWork => 2,
            Rule::SemiStructuredWork => 3,
            Rule::NotFeasibleEnoughToAct => 4,
            Rule::CheapErrors => 5,
            Rule::ModerateFeasibility => 6,
            Rule::ModerateStakesInstantCheck => 7,
            Rule::HighVolumeQueue => 8,
            Rule::IndependentReading => 9,
            Rule::CostlyErrors => 10,
        }
    }

    /// Its row in `PATTERN_RULES`.
    pub const fn doc(self) -> PatternRule {
        PATTERN_RULES[self.number() as usize - 1]
    }
}

/// What a rule assigns once its conditions hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Always {
        pattern: Pattern,
    },
    Choose {
        when: &'static [Clause],
        then: Pattern,
        otherwise: Pattern,
    },
}

impl Outcome {
    pub const fn pattern_for(&self, ratings: &Ratings) -> Pattern {
        match *self {
            Outcome::Always { pattern } => pattern,
            Outcome::Choose {
                when,
                then,
                otherwise,
            } => {
                if all_hold(when, ratings) {
                    then
                } else {
                    otherwise
                }
            }
        }
    }
}

/// `human_led`, or `quality_control if v ≥ 4 and F ≥ 40, else human_led`.
impl fmt::Display for Outcome {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Outcome::Always { pattern } => formatter.write_str(pattern.name()),
            Outcome::Choose {
                when,
                then,
                otherwise,
            } => write!(
                formatter,
                "{} if {}, else {}",
                then.name(),
                clauses_text(when),
                otherwise.name()
            ),
        }
    }
}

/// One row of the rule table: when it applies, what it assigns, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PatternRule {
    pub rule: Rule,
    pub when: &'static [Clause],
    pub outcome: Outcome,
    pub why: &'static str,
}

impl PatternRule {
    pub const fn applies_to(&self, ratings: &Ratings) -> bool {
        all_hold(self.when, ratings)
    }

    pub fn condition_text(&self) -> String {
        clauses_text(self.when)
    }
}

const VERIFIABLE_AND_FEASIBLE_TO_CHECK: &[Clause] = &[
    Clause::RatingAtLeast {
        dimension: Dimension::Verifiability,
        rating: MIN_VERIFIABILITY_TO_CHECK,
    },
    Clause::FeasibilityAtLeast {
        points: FEASIBILITY_TO_CHECK,
    },
];

/// The last rule has no conditions, so evaluation always ends in a rule.
pub const FALLBACK_RULE: PatternRule = PatternRule {
    rule: Rule::CostlyErrors,
    when: &[],
    outcome: Outcome::Always {
        pattern: Pattern::QualityControl,
    },
    why: "Feasible work with costly errors and no special structure: the human does the work and the machine checks it.",
};

/// The rule table, evaluated top to bottom; the first rule whose conditions hold decides.
pub const PATTERN_RULES: [PatternRule; 10] = [
    PatternRule {
        rule: Rule::TooLittleToLearnFrom,
        when: &[Clause::FeasibilityBelow {
            points: FEASIBILITY_TO_ASSIST,
        }],
        outcome: Outcome::Always {
            pattern: Pattern::HumanLed,
        },
        why: "Too little structure, ground truth or repetition for a machine to learn from.",
    },
    PatternRule {
        rule: Rule::UnstructuredWork,
        when: &[Clause::RatingAtMost {
            dimension: Dimension::Standardization,
            rating: MAX_UNSTRUCTURED_STANDARDIZATION,
        }],
        outcome: Outcome::Choose {
            when: VERIFIABLE_AND_FEASIBLE_TO_CHECK,
            then: Pattern::QualityControl,
            otherwise: Pattern::HumanLed,
        },
        why: "Physical or unstructured work: a machine can at most check the results.",
    },
    PatternRule {
        rule: Rule::SemiStructuredWork,
        when: &[Clause::RatingEquals {
            dimension: Dimension::Standardization,
            rating: SEMI_STRUCTURED_STANDARDIZATION,
        }],
        outcome: Outcome::Choose {
            when: VERIFIABLE_AND_FEASIBLE_TO_CHECK,
            then: Pattern::QualityControl,
            otherwise: Pattern::Copilot,
        },
        why: "Semi-structured work: a machine can draft or check, not act.",
    },
    PatternRule {
        rule: Rule::NotFeasibleEnoughToAct,
        when: &[Clause::FeasibilityBelow {
            points: FEASIBILITY_TO_ACT,
        }],
        outcome: Outcome::Always {
            pattern: Pattern::Copilot,
        },
        why: "Structured, but not yet feasible enough for a machine to act: it drafts, suggests and retrieves.",
    },
    PatternRule {
        rule: Rule::CheapErrors,
        when: &[Clause::RatingAtLeast {
            dimension: Dimension::ErrorTolerance,
            rating: MIN_ERROR_TOLERANCE_TO_ACT,
        }],
        outcome: Outcome::Choose {
            when: &[Clause::FeasibilityAtLeast {
                points: FEASIBILITY_TO_AUTOMATE,
            }],
            then: Pattern::Automate,
            otherwise: Pattern::HumanApproves,
        },
        why: "Mistakes are minor and caught quickly: the machine can do the work, with a human signing off until feasibility is high.",
    },
    PatternRule {
        rule: Rule::ModerateFeasibility,
        when: &[Clause::FeasibilityBelow {
            points: FEASIBILITY_TO_SHARE,
        }],
        outcome: Outcome::Choose {
            when: &[Clause::RatingAtLeast {
                dimension: Dimension::Verifiability,
                rating: MIN_VERIFIABILITY_TO_CHECK,
            }],
            then: Pattern::QualityControl,
            otherwise: Pattern::Copilot,
        },
        why: "Costly mistakes and only moderate feasibility: the machine checks finished work where results are checkable, and otherwise assists.",
    },
    PatternRule {
        rule: Rule::ModerateStakesInstantCheck,
        when: &[
            Clause::RatingEquals {
                dimension: Dimension::ErrorTolerance,
                rating: MODERATE_ERROR_TOLERANCE,
            },
            Clause::RatingEquals {
                dimension: Dimension::Verifiability,
                rating: INSTANT_VERIFIABILITY,
            },
        ],
        outcome: Outcome::Always {
            pattern: Pattern::HumanApproves,
        },
        why: "Moderate stakes and instantly checkable: the machine does the work and a human signs off.",
    },
    PatternRule {
        rule: Rule::HighVolumeQueue,
        when: &[
            Clause::RatingEquals {
                dimension: Dimension::ErrorTolerance,
                rating: MODERATE_ERROR_TOLERANCE,
            },
            Clause::RatingEquals {
                dimension: Dimension::Verifiability,
                rating: QUEUE_VERIFIABILITY,
            },
            Clause::RatingEquals {
                dimension: Dimension::Frequency,
                rating: HIGH_VOLUME_FREQUENCY,
            },
        ],
        outcome: Outcome::Always {
            pattern: Pattern::Triage,
        },
        why: "A high-volume queue with moderate stakes: the machine orders it, people do the work, urgent first.",
    },
    PatternRule {
        rule: Rule::IndependentReading,
        when: &[Clause::FeasibilityAtLeast {
            points: FEASIBILITY_TO_READ_INDEPENDENTLY,
        }],
        outcome: Outcome::Always {
            pattern: Pattern::SecondReader,
        },
        why: "High feasibility but costly mistakes: the machine reads every case independently, never alone.",
    },
    FALLBACK_RULE,
];
