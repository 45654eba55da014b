//! The assessment model: how automatable a task is, which human–machine pattern fits it, and
//! what that means for an occupation made of such tasks.
//!
//! A task is a kind of work (`Kind`: judging cases, making, routing, …) rated 1–5 on four
//! dimensions (`Dimension`): standardization, error tolerance, verifiability and frequency, each
//! on the anchored scales in `anchors`. From the kind and the ratings come one of seven patterns
//! chosen by a fixed rule table (`rules`, `pattern`), four scores (`score`), a bottleneck and a
//! what-if (`task`, `whatif`). An occupation is a list of tasks with time shares (`input`); its
//! indices, pattern shares, bottlenecks, dimension profile and verdict (`occupation`, `verdict`)
//! are time-weighted sums of the task results, and `margin` says how far the verdict is from the
//! next one. `methodology` renders all of it as the methodology document.
//!
//! # Invariants
//!
//! - Pure: no I/O, no async, no dependencies beyond serde and thiserror; the same code runs on
//!   the server and in the browser (wasm32). The only global is a read-only cache of the
//!   9 × 625 possible task assessments, filled on first use (`assess_task`).
//! - Patterns follow the kind of work: second reader only for judging cases, triage only for
//!   routing and watching, automation of physical work only in a controlled setting, at most
//!   copilot for working with people. Exhaustive tests over every kind × 625 ratings check it.
//! - Never panics on user input. Untrusted values enter only through parsers (`Rating::new`,
//!   `TimeShare::new`, `TaskTitle::parse`, `TaskProfile::parse`, `OccupationCode::parse`) that
//!   return typed errors naming the field; every other function is total over its types.
//! - Deterministic to the last bit on every platform: feasibility uses a table of cube roots,
//!   pattern thresholds compare integers (the product s·v·f), verdict thresholds compare shares
//!   rounded to tenths of a percent, and the rest is correctly rounded IEEE arithmetic.
//! - Monotone within a kind: raising any rating never lowers a task's automatability or pattern
//!   level, nor an occupation's automatability index or verdict. Tests check this exhaustively
//!   over every kind and all 625 rating combinations, and by property tests.
//! - The index agrees with the verdict: every replace occupation's automatability index is above
//!   every human-led one's (`score::AUTOMATABILITY_BANDS` explains the bound).
//! - Split-invariant: splitting a task into two identical halves changes no occupation figure.
//! - Self-documenting: thresholds are named constants, the rule table is data, and
//!   `docs/METHODOLOGY.md` begins with `methodology_markdown()` verbatim (a test enforces it).
//! - Versioned: every output carries `MODEL_VERSION`; bump it when any output can change.

mod anchors;
mod clause;
mod code;
mod dimension;
mod input;
mod kind;
mod margin;
mod methodology;
mod occupation;
mod pattern;
mod rules;
mod score;
mod task;
mod verdict;
mod version;
mod whatif;

#[cfg(test)]
mod testing;

pub use anchors::{
    anchor, anchors, Anchor, ERROR_TOLERANCE_ANCHORS, FREQUENCY_ANCHORS, STANDARDIZATION_ANCHORS,
    VERIFIABILITY_ANCHORS,
};
pub use clause::Clause;
pub use code::{OccupationCode, OccupationCodeError};
pub use dimension::{
    Dimension, DimensionError, Rating, RatingError, Ratings, RatingsError, RATING_COMBINATIONS,
};
pub use input::{
    AssessError, ProfileTask, TaskInput, TaskProfile, TaskTitle, TimeShare, TimeShareError,
    TitleError, MAX_TASKS, MAX_TIME_SHARE, MAX_TITLE_CHARS, MIN_TASKS,
};
pub use kind::{Kind, KindAnchor, KindError, Kinds, ALL_KINDS, KIND_COUNT};
pub use margin::{MarginMeasure, VerdictFlip, VerdictMargin, VerdictMargins, MAX_FLIPS};
pub use methodology::{methodology_markdown, Source, LIMITATIONS, SOURCES};
pub use occupation::{
    assess_occupation, assess_profile, AssessedTask, BottleneckShare, DimensionProfile,
    OccupationAssessment, PatternShares, TOP_BOTTLENECKS,
};
pub use pattern::{decide, patterns_allowed, Decision, Pattern};
pub use rules::{
    Outcome, PatternRule, Rule, FALLBACK_RULE, FEASIBILITY_TO_ACT, FEASIBILITY_TO_ASSIST,
    FEASIBILITY_TO_AUTOMATE, FEASIBILITY_TO_RELY_ON, INSTANT_VERIFIABILITY,
    MIN_ERROR_TOLERANCE_TO_ACT, MIN_ERROR_TOLERANCE_TO_SIGN, MIN_STANDARDIZATION_TO_ACT,
    MIN_STANDARDIZATION_TO_SENSE, MIN_VERIFIABILITY_TO_CHECK, MODERATE_ERROR_TOLERANCE,
    PATTERN_RULES,
};
pub use score::{
    feasibility_product, format_percent, min_product_for_feasibility, percent_tenths,
    round_to_hundredth, round_to_tenth, TaskScores, AUTOMATABILITY_BANDS,
};
pub use task::{assess_task, bottleneck, TaskAssessment, BOTTLENECK_MAX_RATING};
pub use verdict::{
    decide_verdict, Verdict, HANDED_OVER_PATTERNS, HUMAN_LED_MIN_PERCENT, REPLACE_MIN_PERCENT,
    SHARED_PATTERNS,
};
pub use version::{ModelVersion, MODEL_VERSION};
pub use whatif::{what_if, WhatIf, WHAT_IF_STEP_SIZES};
