//! Task scores (feasibility, autonomy risk, automatability, complementarity) and the rounding
//! rules for every number the model reports.
//!
//! Automatability follows the pattern: each pattern has a band on the 0–100 scale
//! (`AUTOMATABILITY_BANDS`) and a task sits inside its pattern's band by its feasibility and error
//! tolerance. The bands are ordered like the patterns, so raising a rating never lowers a task's
//! automatability, and they are far enough apart that an occupation's index agrees with its
//! verdict: every replace occupation scores above every human-led one (see `verdict`).
//!
//! Determinism: feasibility depends on ratings only through the integer product s·v·f (1..=125).
//! Its cube root comes from a table of literals, not from `f64::cbrt`, whose last bit may differ
//! between platforms; the remaining arithmetic is IEEE-754 addition, multiplication and division,
//! which are exact to the last bit everywhere, so x86 and wasm give bit-identical scores. The
//! pattern thresholds never look at a float at all: `min_product_for_feasibility` turns each
//! feasibility threshold into an equivalent integer threshold on s·v·f.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::dimension::Ratings;
use super::kind::Kind;
use super::pattern::{decide, Pattern};

/// The four scores of one task, each 0–100 and rounded to one decimal.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskScores {
    /// How well a machine could learn the task: 100 × (∛(s·v·f) − 1) / 4.
    pub feasibility: f64,
    /// How much harm an unsupervised machine error could do: 100 × (5 − e) / 4.
    pub autonomy_risk: f64,
    /// How much of the task the recommended pattern hands to a machine: the pattern's band,
    /// placed inside it by feasibility and error tolerance (`automatability_in_band`).
    pub automatability: f64,
    /// Feasibility where a human must stay responsible: F × R/100.
    pub complementarity: f64,
}

impl TaskScores {
    pub fn of(kind: Kind, ratings: &Ratings) -> TaskScores {
        let exact = exact_scores(kind, ratings);
        TaskScores {
            feasibility: round_to_tenth(exact.feasibility),
            autonomy_risk: round_to_tenth(exact.autonomy_risk),
            automatability: round_to_tenth(exact.automatability),
            complementarity: round_to_tenth(exact.complementarity),
        }
    }
}

/// The automatability band of each pattern, indexed by `Pattern::level`: (lowest, highest).
///
/// Why these numbers: the shared patterns (copilot to triage) leave people doing the work and
/// sit between 10 and 55; the handed-over patterns (human approves, automate) sit from 88 up;
/// human-led sits at 0–5. With a replace verdict needing 60% of time handed over and a human-led
/// one 50% of time human-led, a replace occupation scores at least 0.5995 × 88 = 52.8 and a
/// human-led one at most 0.4995 × 5 + 0.5005 × 100 = 52.6, so sorting by the index never puts a
/// human-led occupation above a replace one. Copilot sits below quality control and quality
/// control below second reader because that is how they follow each other as ratings rise.
pub const AUTOMATABILITY_BANDS: [(f64, f64); 7] = [
    (0.0, 5.0),
    (10.0, 30.0),
    (30.0, 40.0),
    (40.0, 55.0),
    (40.0, 55.0),
    (88.0, 94.0),
    (94.0, 100.0),
];

/// A task's place inside its pattern's band, 0..=1: the mean of feasibility (0–1) and error
/// tolerance ((e − 1) / 4). Both rise with the ratings, so the place does too.
pub(crate) fn place_in_band(feasibility: f64, ratings: &Ratings) -> f64 {
    let tolerance = f64::from(ratings.error_tolerance.value() - 1) / 4.0;
    (feasibility / 100.0 + tolerance) / 2.0
}

/// Automatability of a task under a pattern, before rounding.
pub(crate) fn automatability_in_band(pattern: Pattern, feasibility: f64, ratings: &Ratings) -> f64 {
    let (lowest, highest) = AUTOMATABILITY_BANDS[usize::from(pattern.level())];
    lowest + (highest - lowest) * place_in_band(feasibility, ratings)
}

/// The scores before rounding; occupation indices are summed from these so that rounding
/// happens once, at the end.
pub(crate) fn exact_scores(kind: Kind, ratings: &Ratings) -> TaskScores {
    let feasibility = exact_feasibility(ratings);
    let tolerance = f64::from(ratings.error_tolerance.value());
    let pattern = decide(kind, ratings).pattern;
    TaskScores {
        feasibility,
        autonomy_risk: 25.0 * (5.0 - tolerance),
        automatability: automatability_in_band(pattern, feasibility, ratings),
        // F × R / 100 with R = 25 (5 − e): feasibility where a person must stay responsible.
        complementarity: feasibility * (5.0 - tolerance) / 4.0,
    }
}

/// s·v·f, the only way standardization, verifiability and frequency enter the model. 1..=125.
pub const fn feasibility_product(ratings: &Ratings) -> u32 {
    ratings.standardization.value() as u32
        * ratings.verifiability.value() as u32
        * ratings.frequency.value() as u32
}

/// Feasibility before rounding.
pub(crate) fn exact_feasibility(ratings: &Ratings) -> f64 {
    // Ratings are 1..=5, so the product is 1..=125 and the index 0..=124.
    let cube_root = CUBE_ROOTS[(feasibility_product(ratings) - 1) as usize];
    (cube_root - 1.0) * 25.0
}

/// The smallest product s·v·f whose feasibility is at least `points`, so that
/// `F ≥ points ⇔ s·v·f ≥ min_product_for_feasibility(points)` exactly, for whole-number
/// thresholds. Derivation: 100 × (∛p − 1) / 4 ≥ T ⇔ ∛p ≥ (25 + T) / 25 ⇔ 25³ × p ≥ (25 + T)³.
pub const fn min_product_for_feasibility(points: u32) -> u32 {
    let base = 25 + points as u64;
    let cube = base.saturating_mul(base).saturating_mul(base);
    let product = cube.div_ceil(25 * 25 * 25);
    if product > u32::MAX as u64 {
        u32::MAX
    } else {
        product as u32
    }
}

/// Rounds to one decimal, half away from zero: how scores and indices are reported.
pub fn round_to_tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Rounds to two decimals: how mean ratings (1–5) are reported.
pub fn round_to_hundredth(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// A share of working time (0..=1) in tenths of a percent, rounded half up. Verdict thresholds
/// compare these integers, so the verdict always agrees with the percentages shown. The 1e-6
/// nudge makes exact halves that float division lands a hair below (59.95% from 1199/2000) round
/// up like their decimal value, so entering hours or percentages cannot flip a verdict.
pub fn percent_tenths(share: f64) -> i64 {
    // `as` saturates and maps NaN to 0; shares are finite here anyway.
    (share * 1000.0 + 1e-6).round() as i64
}

/// A share as a percentage with at most one decimal: `62%`, `59.7%`.
pub fn format_percent(share: f64) -> String {
    Percent(share).to_string()
}

/// Displays a share the way `format_percent` does, without allocating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Percent(pub(crate) f64);

impl fmt::Display for Percent {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}%", Tenths::of_tenths(percent_tenths(self.0)))
    }
}

/// Writes a number rounded to one decimal without going through float formatting, which is
/// slow and which we do not need for numbers that are already rounded. `48.1`, `0.0`, `100.0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tenths {
    tenths: i64,
    trim_zero: bool,
}

impl Tenths {
    /// Always shows the decimal: `40.0`.
    pub(crate) fn of(value: f64) -> Tenths {
        Tenths {
            tenths: (value * 10.0).round() as i64,
            trim_zero: false,
        }
    }

    /// The same number with a zero decimal dropped: `5`, `0.1`.
    pub(crate) fn trimmed(self) -> Tenths {
        Tenths {
            trim_zero: true,
            ..self
        }
    }

    /// A whole number, written without a decimal: `4`.
    pub(crate) fn whole(value: u8) -> Tenths {
        Tenths::of_tenths(i64::from(value) * 10)
    }

    /// Drops a zero decimal: `60`, `59.7`.
    fn of_tenths(tenths: i64) -> Tenths {
        Tenths {
            tenths,
            trim_zero: true,
        }
    }
}

impl fmt::Display for Tenths {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.tenths < 0 { "-" } else { "" };
        let magnitude = self.tenths.unsigned_abs();
        let (whole, decimal) = (magnitude / 10, magnitude % 10);
        if self.trim_zero && decimal == 0 {
            write!(formatter, "{sign}{whole}")
        } else {
            write!(formatter, "{sign}{whole}.{decimal}")
        }
    }
}

/// ∛1 … ∛125 as the nearest f64 to the exact value (computed to 60 digits, printed shortest
/// round-trip). Decimal literals are parsed with correct rounding on every platform.
#[rustfmt::skip]
const CUBE_ROOTS: [f64; 125] = [
    1.0, 1.2599210498948732, 1.4422495703074083, 1.5874010519681996, 1.709975946676697,
    1.8171205928321397, 1.9129311827723892, 2.0, 2.080083823051904, 2.154434690031884,
    2.2239800905693157, 2.2894284851066637, 2.3513346877207577, 2.41014226417523, 2.4662120743304703,
    2.5198420997897464, 2.571281590658235, 2.6207413942088964, 2.668401648721945, 2.7144176165949068,
    2.7589241763811208, 2.8020393306553872, 2.8438669798515654, 2.8844991406148166, 2.924017738212866,
    2.9624960684073707, 3.0, 3.0365889718756627, 3.072316825685847, 3.107232505953859,
    3.141380652391393, 3.174802103936399, 3.2075343299958265, 3.2396118012774835, 3.2710663101885897,
    3.3019272488946267, 3.3322218516459534, 3.361975406798963, 3.391211443014167, 3.419951893353394,
    3.4482172403827303, 3.4760266448864496, 3.5033980603867243, 3.530348335326063, 3.556893304490063,
    3.5830478710159466, 3.608826080138695, 3.6342411856642793, 3.6593057100229713, 3.684031498640387,
    3.7084297692661896, 3.732511156817248, 3.756285754221072, 3.7797631496846193, 3.8029524607613916,
    3.8258623655447783, 3.848501131276805, 3.8708766406277966, 3.8929964158732604, 3.9148676411688634,
    3.936497183102173, 3.9578916096804053, 3.9790572078963917, 4.0, 4.020725758589058,
    4.04124002062219, 4.0615481004456795, 4.081655101917348, 4.101565929702348, 4.121285299808557,
    4.140817749422853, 4.160167646103808, 4.179339196381232, 4.198336453808408, 4.2171633265087465,
    4.235823584254893, 4.254320865115006, 4.272658681697917, 4.2908404270262075, 4.308869380063768,
    4.326748710922225, 4.344481485768612, 4.362070671454838, 4.379519139887889, 4.396829672158179,
    4.414004962442104, 4.431047621693634, 4.447960181138631, 4.464745095584537, 4.481404746557165,
    4.497941445275415, 4.514357435474001, 4.530654896083493, 4.546835943776344, 4.562902635386966,
    4.5788569702133275, 4.594700892207039, 4.610436292058447, 4.626065009182742, 4.641588833612779,
    4.657009507803836, 4.67232872835526, 4.687548147653598, 4.702669375441515, 4.717693980316533,
    4.732623491163369, 4.7474593985234, 4.762203155904598, 4.776856181035017, 4.791419857062784,
    4.805895533705333, 4.82028452835046, 4.8345881271116395, 4.84880758583988, 4.86294413109428,
    4.876998961073314, 4.890973246508748, 4.904868131524017, 4.918684734458728, 4.932424148660941,
    4.946087443248701, 4.959675663842301, 4.973189833268591, 4.986630952238646, 5.0,
];

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assess::clause::Clause;
    use crate::assess::rules::{Outcome, PATTERN_RULES};
    use crate::assess::testing::{any_kind, any_ratings, ratings};

    /// Products s·v·f that three ratings can actually produce.
    fn reachable_products() -> Vec<u32> {
        let mut products: Vec<u32> = Ratings::every_combination()
            .map(|r| feasibility_product(&r))
            .collect();
        products.sort_unstable();
        products.dedup();
        products
    }

    fn feasibility_of_product(product: u32) -> f64 {
        (CUBE_ROOTS[product as usize - 1] - 1.0) * 25.0
    }

    #[test]
    fn the_cube_root_table_agrees_with_the_platform_cube_root() {
        for (position, &root) in CUBE_ROOTS.iter().enumerate() {
            let product = (position + 1) as f64;
            let platform = product.cbrt();
            assert!(
                (root - platform).abs() <= 2.0 * f64::EPSILON * platform,
                "∛{product}"
            );
            assert!((root * root * root - product).abs() < 1e-12 * product);
        }
        for (product, root) in [(1, 1.0), (8, 2.0), (27, 3.0), (64, 4.0), (125, 5.0)] {
            assert_eq!(CUBE_ROOTS[product - 1], root);
        }
    }

    #[test]
    fn feasibility_matches_the_worked_examples() {
        let feasibility = |values| TaskScores::of(Kind::Making, &ratings(values)).feasibility;
        assert_eq!(feasibility([1, 3, 1, 1]), 0.0);
        assert_eq!(feasibility([5, 3, 5, 5]), 100.0);
        // ∛25 = 2.924…, so (5, 5, 1) gives 48.1 (the "48.0" was rounded by hand).
        assert_eq!(feasibility([5, 3, 5, 1]), 48.1);
        assert_eq!(feasibility([2, 3, 2, 2]), 25.0);
    }

    #[test]
    fn every_integer_feasibility_threshold_is_equivalent_to_a_product_threshold() {
        for points in 0..=100 {
            let min_product = min_product_for_feasibility(points);
            for product in 1..=125 {
                let by_float = feasibility_of_product(product) >= f64::from(points);
                assert_eq!(
                    by_float,
                    product >= min_product,
                    "F ≥ {points}, s·v·f = {product}"
                );
            }
        }
        assert_eq!(min_product_for_feasibility(25), 8);
        assert_eq!(min_product_for_feasibility(40), 18);
        assert_eq!(min_product_for_feasibility(100), 125);
        assert_eq!(min_product_for_feasibility(u32::MAX), u32::MAX);
    }

    #[test]
    fn rounded_feasibility_never_contradicts_a_threshold_of_the_rule_table() {
        // The rationale prints the rounded value next to the threshold it was compared with;
        // for every product ratings can reach, the two must tell the same story. (Not true of
        // every whole number: F(16) = 37.996 prints as 38.0, so a threshold of 38 would mislead.)
        let thresholds: Vec<u32> = PATTERN_RULES
            .iter()
            .flat_map(|row| {
                let nested: &[Clause] = match row.outcome {
                    Outcome::Choose { when, .. } => when,
                    Outcome::Always { .. } => &[],
                };
                row.when.iter().chain(nested).copied()
            })
            .filter_map(|clause| match clause {
                Clause::FeasibilityBelow { points } | Clause::FeasibilityAtLeast { points } => {
                    Some(points)
                }
                _ => None,
            })
            .collect();
        assert!(thresholds.len() >= 5);
        for product in reachable_products() {
            let exact = feasibility_of_product(product);
            for &points in &thresholds {
                let threshold = f64::from(points);
                assert_eq!(
                    round_to_tenth(exact) >= threshold,
                    exact >= threshold,
                    "{product} vs {points}"
                );
            }
        }
    }

    #[test]
    fn autonomy_risk_runs_from_100_at_error_tolerance_1_to_0_at_5() {
        let risks: Vec<f64> = (1..=5)
            .map(|e| TaskScores::of(Kind::Making, &ratings([5, e, 5, 5])).autonomy_risk)
            .collect();
        assert_eq!(risks, vec![100.0, 75.0, 50.0, 25.0, 0.0]);
    }

    #[test]
    fn automatability_lies_in_its_patterns_band_and_complementarity_follows_its_formula() {
        for kind in Kind::ALL {
            for r in Ratings::every_combination() {
                let exact = exact_scores(kind, &r);
                let pattern = decide(kind, &r).pattern;
                let (lowest, highest) = AUTOMATABILITY_BANDS[usize::from(pattern.level())];
                assert!(
                    (lowest..=highest).contains(&exact.automatability),
                    "{kind} {r:?}"
                );
                let t = (f64::from(r.error_tolerance.value()) - 1.0) / 4.0;
                assert!((exact.complementarity - exact.feasibility * (1.0 - t)).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn the_bands_rise_with_machine_authority_along_every_step_a_kind_can_take() {
        for pattern_pair in Pattern::ALL.windows(2) {
            let (_, lower_top) = AUTOMATABILITY_BANDS[usize::from(pattern_pair[0].level())];
            let (upper_bottom, _) = AUTOMATABILITY_BANDS[usize::from(pattern_pair[1].level())];
            // Second reader and triage share a band: no kind can get both.
            if pattern_pair == [Pattern::SecondReader, Pattern::Triage] {
                assert_eq!(lower_top, AUTOMATABILITY_BANDS[4].1);
                continue;
            }
            assert!(lower_top <= upper_bottom, "{pattern_pair:?}");
        }
    }

    #[test]
    fn automatability_never_falls_when_any_rating_rises_within_a_kind() {
        for kind in Kind::ALL {
            for r in Ratings::every_combination() {
                for (dimension, rating) in r.iter() {
                    if let Some(higher) = rating.offset(1) {
                        let before = exact_scores(kind, &r).automatability;
                        let after = exact_scores(kind, &r.with(dimension, higher)).automatability;
                        assert!(after >= before, "{kind} {r:?} raising {dimension}");
                    }
                }
            }
        }
    }

    #[test]
    fn percentages_round_half_up_and_drop_a_zero_decimal() {
        assert_eq!(format_percent(0.62), "62%");
        assert_eq!(format_percent(0.597), "59.7%");
        assert_eq!(format_percent(1199.0 / 2000.0), "60%");
        assert_eq!(format_percent(0.0), "0%");
        assert_eq!(format_percent(1.0), "100%");
        assert_eq!(percent_tenths(0.2 + 0.2 + 0.2), 600);
        assert_eq!(Tenths::of(48.09).to_string(), "48.1");
        assert_eq!(Tenths::of(40.0).to_string(), "40.0");
        assert_eq!(Tenths::of(-0.25).to_string(), "-0.3");
    }

    proptest! {
        #[test]
        fn scores_stay_within_0_and_100_and_are_reproducible(kind in any_kind(), r in any_ratings()) {
            let scores = TaskScores::of(kind, &r);
            for value in [scores.feasibility, scores.autonomy_risk, scores.automatability, scores.complementarity] {
                prop_assert!((0.0..=100.0).contains(&value));
                prop_assert_eq!(value, round_to_tenth(value));
            }
            prop_assert_eq!(TaskScores::of(kind, &r), scores);
        }
    }
}
