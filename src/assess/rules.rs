//! The pattern rule table as data: its thresholds, its thirteen rules, the kinds of work each rule
//! covers and the clauses it tests on the ratings.
//!
//! `PATTERN_RULES` is the single source of truth. `pattern::decide` evaluates exactly this table
//! (at compile time, into a 625-entry lookup table) and the methodology page prints exactly this
//! table, so the documented rule and the computed rule cannot drift apart.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clause::{all_hold, clauses_text, Clause};
use super::dimension::{Dimension, Ratings};
use super::kind::{Kind, Kinds, ALL_KINDS};
use super::pattern::Pattern;

// Feasibility thresholds, in whole points of F (0–100). Whole numbers, so that each one is
// exactly equivalent to an integer threshold on s·v·f (see `min_product_for_feasibility`).

/// Below this, there is too little structure, ground truth or repetition to learn from.
pub const FEASIBILITY_TO_ASSIST: u32 = 25;
/// Below this a machine can draft, suggest and retrieve, but neither act, order nor check.
pub const FEASIBILITY_TO_ACT: u32 = 40;
/// When errors are cheap, from this feasibility the machine needs no routine sign-off.
pub const FEASIBILITY_TO_AUTOMATE: u32 = 80;
/// From this feasibility a machine can read every case independently, do moderate-stakes work
/// for a person to sign, or (with a robot) work a controlled physical setting.
pub const FEASIBILITY_TO_RELY_ON: u32 = 65;

// Rating thresholds, on the 1–5 scales.

/// A machine does the work itself (or reads cases independently) only on inputs at least this
/// structured: mostly digital fields in a known format or, for physical work, a controlled setting.
pub const MIN_STANDARDIZATION_TO_ACT: u8 = 4;
/// Physical work can be checked by a machine (sensors, scanners, vision) only from this
/// standardization: a fixed station, a device reading or a line, not the open world.
pub const MIN_STANDARDIZATION_TO_SENSE: u8 = 3;
/// Results can be checked by a machine only from this verifiability.
pub const MIN_VERIFIABILITY_TO_CHECK: u8 = 4;
/// A machine may act without a human in every loop only from this error tolerance.
pub const MIN_ERROR_TOLERANCE_TO_ACT: u8 = 4;
/// From this error tolerance (serious, but usually caught) a person can sign off a machine's
/// decision on a case; below it (grave and possibly unnoticed) the case needs an independent read.
pub const MIN_ERROR_TOLERANCE_TO_SIGN: u8 = 2;
/// Moderate stakes: costly but caught within days and put right.
pub const MODERATE_ERROR_TOLERANCE: u8 = 3;
/// Objective and immediately checkable: what a person can sign without redoing it.
pub const INSTANT_VERIFIABILITY: u8 = 5;

/// Which rule of the table decided a task's pattern. Declared in table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    TooLittleToLearnFrom,
    WorkWithPeople,
    ControlledPhysicalSetting,
    PhysicalWork,
    NotFeasibleEnoughToAct,
    CheapErrors,
    DecideAndSign,
    ModerateStakesCheckable,
    MadeAndObjectivelyChecked,
    QueueOrAlarmStream,
    IndependentReading,
    CheckAfterwards,
    DraftForAPerson,
}

impl Rule {
    /// Its number in the table, 1..=13.
    pub const fn number(self) -> u8 {
        match self {
            Rule::TooLittleToLearnFrom => 1,
            Rule::WorkWithPeople => 2,
            Rule::ControlledPhysicalSetting => 3,
            Rule::PhysicalWork => 4,
            Rule::NotFeasibleEnoughToAct => 5,
            Rule::CheapErrors => 6,
            Rule::DecideAndSign => 7,
            Rule::ModerateStakesCheckable => 8,
            Rule::MadeAndObjectivelyChecked => 9,
            Rule::QueueOrAlarmStream => 10,
            Rule::IndependentReading => 11,
            Rule::CheckAfterwards => 12,
            Rule::DraftForAPerson => 13,
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

    /// Every pattern this outcome can assign.
    pub const fn patterns(&self) -> [Pattern; 2] {
        match *self {
            Outcome::Always { pattern } => [pattern, pattern],
            Outcome::Choose {
                then, otherwise, ..
            } => [then, otherwise],
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

/// One row of the rule table: which kinds of work it covers, when it applies to their ratings,
/// what it assigns, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PatternRule {
    pub rule: Rule,
    pub kinds: Kinds,
    pub when: &'static [Clause],
    pub outcome: Outcome,
    pub why: &'static str,
}

impl PatternRule {
    pub const fn applies_to(&self, kind: Kind, ratings: &Ratings) -> bool {
        self.kinds.contains(kind) && all_hold(self.when, ratings)
    }

    pub fn condition_text(&self) -> String {
        clauses_text(self.when)
    }
}

/// The kinds whose work is digital: everything but physical work and working with people.
const DIGITAL_KINDS: Kinds = Kinds(&[
    Kind::JudgingCases,
    Kind::Making,
    Kind::Routing,
    Kind::Watching,
    Kind::Checking,
    Kind::MovingInformation,
    Kind::ServiceExchange,
]);

const STRUCTURED: Clause = Clause::RatingAtLeast {
    dimension: Dimension::Standardization,
    rating: MIN_STANDARDIZATION_TO_ACT,
};
const CHECKABLE: Clause = Clause::RatingAtLeast {
    dimension: Dimension::Verifiability,
    rating: MIN_VERIFIABILITY_TO_CHECK,
};
const CHEAP_ERRORS: Clause = Clause::RatingAtLeast {
    dimension: Dimension::ErrorTolerance,
    rating: MIN_ERROR_TOLERANCE_TO_ACT,
};
const MODERATE_STAKES: Clause = Clause::RatingEquals {
    dimension: Dimension::ErrorTolerance,
    rating: MODERATE_ERROR_TOLERANCE,
};
const RELIABLE_ENOUGH: Clause = Clause::FeasibilityAtLeast {
    points: FEASIBILITY_TO_RELY_ON,
};

/// The last rule covers every kind and has no conditions, so evaluation always ends in a rule.
pub const FALLBACK_RULE: PatternRule = PatternRule {
    rule: Rule::DraftForAPerson,
    kinds: ALL_KINDS,
    when: &[],
    outcome: Outcome::Always {
        pattern: Pattern::Copilot,
    },
    why: "Digital work a machine can help with but should not do or sign off alone: it drafts, suggests and retrieves, and the person edits, decides and owns the result.",
};

/// The rule table, evaluated top to bottom; the first rule that covers the task's kind and whose
/// conditions hold decides.
pub const PATTERN_RULES: [PatternRule; 13] = [
    PatternRule {
        rule: Rule::TooLittleToLearnFrom,
        kinds: ALL_KINDS,
        when: &[Clause::FeasibilityBelow {
            points: FEASIBILITY_TO_ASSIST,
        }],
        outcome: Outcome::Always {
            pattern: Pattern::HumanLed,
        },
        why: "Too little structure, ground truth or repetition for a machine to learn from.",
    },
    PatternRule {
        rule: Rule::WorkWithPeople,
        kinds: Kinds(&[Kind::WorkingWithPeople]),
        when: &[],
        outcome: Outcome::Choose {
            when: &[Clause::FeasibilityAtLeast {
                points: FEASIBILITY_TO_ACT,
            }],
            then: Pattern::Copilot,
            otherwise: Pattern::HumanLed,
        },
        why: "The relationship is the work: a machine can at most prepare, draft and retrieve for the person who leads it.",
    },
    PatternRule {
        rule: Rule::ControlledPhysicalSetting,
        kinds: Kinds(&[Kind::Physical]),
        when: &[STRUCTURED, CHEAP_ERRORS, RELIABLE_ENOUGH],
        outcome: Outcome::Always {
            pattern: Pattern::Automate,
        },
        why: "Physical work in a controlled setting (the same objects in the same place) with bounded errors: a robot can do it, with people handling exceptions.",
    },
    PatternRule {
        rule: Rule::PhysicalWork,
        kinds: Kinds(&[Kind::Physical]),
        when: &[],
        outcome: Outcome::Choose {
            when: &[
                Clause::RatingAtLeast {
                    dimension: Dimension::Standardization,
                    rating: MIN_STANDARDIZATION_TO_SENSE,
                },
                CHECKABLE,
                Clause::FeasibilityAtLeast {
                    points: FEASIBILITY_TO_ACT,
                },
            ],
            then: Pattern::QualityControl,
            otherwise: Pattern::HumanLed,
        },
        why: "Physical work outside a controlled setting: doing it would need a robot, so people do the work. Where the result can be sensed in a known form (a device reading, a fixed station, a line) a machine checks it afterwards; in the open world it stays with people.",
    },
    PatternRule {
        rule: Rule::NotFeasibleEnoughToAct,
        kinds: DIGITAL_KINDS,
        when: &[Clause::FeasibilityBelow {
            points: FEASIBILITY_TO_ACT,
        }],
        outcome: Outcome::Always {
            pattern: Pattern::Copilot,
        },
        why: "Not yet feasible enough for a machine to act, order or check: it drafts, suggests and retrieves.",
    },
    PatternRule {
        rule: Rule::CheapErrors,
        kinds: DIGITAL_KINDS,
        when: &[STRUCTURED, CHEAP_ERRORS],
        outcome: Outcome::Choose {
            when: &[Clause::FeasibilityAtLeast {
                points: FEASIBILITY_TO_AUTOMATE,
            }],
            then: Pattern::Automate,
            otherwise: Pattern::HumanApproves,
        },
        why: "Structured digital work whose mistakes are minor and caught quickly: the machine can do it, with a person signing off until feasibility is high.",
    },
    PatternRule {
        rule: Rule::DecideAndSign,
        kinds: Kinds(&[Kind::JudgingCases]),
        when: &[
            STRUCTURED,
            Clause::RatingAtLeast {
                dimension: Dimension::ErrorTolerance,
                rating: MIN_ERROR_TOLERANCE_TO_SIGN,
            },
            CHECKABLE,
            RELIABLE_ENOUGH,
        ],
        outcome: Outcome::Always {
            pattern: Pattern::HumanApproves,
        },
        why: "Structured cases with ground truth whose wrong decisions are serious but usually caught: the machine prepares each decision and a person signs it, accountable for every one.",
    },
    PatternRule {
        rule: Rule::ModerateStakesCheckable,
        kinds: Kinds(&[
            Kind::MovingInformation,
            Kind::ServiceExchange,
        ]),
        when: &[STRUCTURED, MODERATE_STAKES, CHECKABLE, RELIABLE_ENOUGH],
        outcome: Outcome::Always {
            pattern: Pattern::HumanApproves,
        },
        why: "Moderate stakes, structured and checkable: the machine does the work or decides, and a person signs each result.",
    },
    PatternRule {
        rule: Rule::MadeAndObjectivelyChecked,
        kinds: Kinds(&[Kind::Making]),
        when: &[
            STRUCTURED,
            MODERATE_STAKES,
            Clause::RatingAtLeast {
                dimension: Dimension::Verifiability,
                rating: INSTANT_VERIFIABILITY,
            },
            RELIABLE_ENOUGH,
        ],
        outcome: Outcome::Always {
            pattern: Pattern::HumanApproves,
        },
        why: "Something made whose result can be checked objectively and at once (a calculation, a filing against its rules): a person can sign it without making it again, so the machine makes it and the person signs. Where checking it means judging or redoing it, the machine only drafts.",
    },
    PatternRule {
        rule: Rule::QueueOrAlarmStream,
        kinds: Kinds(&[Kind::Routing, Kind::Watching]),
        when: &[],
        outcome: Outcome::Always {
            pattern: Pattern::Triage,
        },
        why: "A queue to order or an alarm stream to filter, where a wrong call is costly: the machine orders and flags, and people handle every case, urgent first.",
    },
    PatternRule {
        rule: Rule::IndependentReading,
        kinds: Kinds(&[Kind::JudgingCases]),
        when: &[STRUCTURED, CHECKABLE, RELIABLE_ENOUGH],
        outcome: Outcome::Always {
            pattern: Pattern::SecondReader,
        },
        why: "Structured cases with ground truth where a miss is grave and may go unnoticed (a cancer on a scan, a fatal dose): a signature on the machine's answer is not enough, so the machine reads every case independently alongside the person and disagreements go to a person.",
    },
    PatternRule {
        rule: Rule::CheckAfterwards,
        kinds: Kinds(&[
            Kind::JudgingCases,
            Kind::Checking,
            Kind::MovingInformation,
        ]),
        when: &[CHECKABLE],
        outcome: Outcome::Always {
            pattern: Pattern::QualityControl,
        },
        why: "Checkable results but too costly or too loosely structured to hand over: the person does the work and the machine checks it afterwards.",
    },
    FALLBACK_RULE,
];
