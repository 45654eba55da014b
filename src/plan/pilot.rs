//! The pilot-first list: which tasks of a plan to try first, and what to measure while trying.
//!
//! priority = hours × feasibility × (1 − autonomy risk × the pattern's autonomy weight), where
//! hours are the task's hours in the plan, feasibility is the model's (how well a machine could
//! learn the task, 0–1) and autonomy risk is the model's (how much harm an unsupervised error could
//! do, 0–1, from error tolerance). The weight says how much of that harm the pattern lets through
//! before a person sees it: all of it when the machine acts alone, little when a person owns every
//! result. Human-led tasks, and patterns with adoption set to 0, are not candidates.

use crate::assess::{Dimension, Pattern};

/// How much of an unsupervised error's harm the pattern exposes before a person sees it.
pub const fn autonomy_weight(pattern: Pattern) -> f64 {
    match pattern {
        // Nothing stands between the machine's result and its effect.
        Pattern::Automate => 1.0,
        // A person signs off, but approvals of machine work drift toward rubber-stamping.
        Pattern::HumanApproves => 0.6,
        // A missed urgent case waits in the low-priority queue.
        Pattern::Triage => 0.5,
        // A person reads every case; the machine's miss only matters where both miss.
        Pattern::SecondReader => 0.3,
        // The person did the work; the machine only adds a check.
        Pattern::QualityControl => 0.2,
        // The person edits and owns each result.
        Pattern::Copilot => 0.2,
        Pattern::HumanLed => 0.0,
    }
}

/// What to measure in a pilot of a task under `pattern`.
pub const fn pattern_measure(pattern: Pattern) -> &'static str {
    match pattern {
        Pattern::Automate => "the share of cases finished without a person, the error rate in an audited sample, and exceptions and complaints per 1,000 cases",
        Pattern::HumanApproves => "the share of results approved unchanged, the errors caught at sign-off, and minutes per sign-off against the assumed person share",
        Pattern::SecondReader => "the disagreement rate, minutes of arbitration per case, and findings added and missed against two human readers",
        Pattern::Triage => "urgent cases found in the low-priority queue (misses), time to handle urgent cases, and the share routed to the fast lane",
        Pattern::QualityControl => "flags per 100 items, the share of flags that were real errors, and errors found later that the check missed",
        Pattern::Copilot => "minutes per item with and without the copilot, the rework rate, and the share of suggestions kept",
        Pattern::HumanLed => "nothing yet: keep the task with people",
    }
}

/// What to measure about the task's bottleneck, the dimension that holds the pattern back.
pub const fn bottleneck_measure(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Standardization => "the share of inputs that arrive complete and in the expected form",
        Dimension::ErrorTolerance => "what each error found cost and how soon it surfaced",
        Dimension::Verifiability => "how often a result can be checked against an outcome, and how often two people agree on the same case",
        Dimension::Frequency => "cases per week, to know whether the pilot sees enough of them to say anything",
    }
}

/// The priority of a task (hours in the plan, feasibility and autonomy risk in 0–100).
pub fn priority(pattern: Pattern, hours: f64, feasibility: f64, autonomy_risk: f64) -> f64 {
    let safety = 1.0 - (autonomy_risk / 100.0) * autonomy_weight(pattern);
    hours * (feasibility / 100.0) * safety.max(0.0)
}

/// The sentence of what to measure: the pattern's figures, then the bottleneck's.
pub fn what_to_measure(pattern: Pattern, bottleneck: &[Dimension]) -> String {
    let mut text = format!("Measure {}", pattern_measure(pattern));
    if let Some(dimension) = bottleneck.first() {
        text.push_str("; and, for the bottleneck (");
        text.push_str(&dimension.label().to_lowercase());
        text.push_str("), ");
        text.push_str(bottleneck_measure(*dimension));
    }
    text.push('.');
    text
}
