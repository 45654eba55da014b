//! How O*NET's figures become the four ratings: which Work Context elements feed each dimension,
//! their weights and directions, the task-level adjustments, the handling of suppressed and
//! missing figures, and every constant involved (time shares are in `shares`).
//!
//! Each rating is an occupation baseline (a weighted mean of Work Context means, 1–5) moved by
//! the task's own data: its frequency (FT) for frequency, its importance (IM) for error tolerance,
//! and its kind of work (`cues`) for standardization, error tolerance and verifiability. The
//! result is rounded half away from zero and clamped to 1..=5. `mapping_markdown` prints all of it.

use super::elements::ContextElement;
use super::files::{ContextFigures, Estimate, TaskFigures, FREQUENCY_CATEGORIES};
use crate::assess::{Dimension, Rating};

/// Whether a higher element mean raises or lowers the rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Raises,
    /// Read as 6 − mean, which mirrors the 1–5 scale (1 ↔ 5, 2 ↔ 4).
    Lowers,
}

/// One element's part in a dimension's occupation baseline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Driver {
    pub element: ContextElement,
    pub weight: f64,
    pub direction: Direction,
}

/// The occupation baseline of one dimension and why these elements were chosen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DimensionMapping {
    pub dimension: Dimension,
    pub drivers: &'static [Driver],
    pub why: &'static str,
}

const fn driver(element: ContextElement, weight: f64, direction: Direction) -> Driver {
    Driver {
        element,
        weight,
        direction,
    }
}

/// In `Dimension::ALL` order, so `DIMENSION_MAPPINGS[dimension.index()]` is that dimension's.
pub const DIMENSION_MAPPINGS: [DimensionMapping; 4] = [
    DimensionMapping {
        dimension: Dimension::Standardization,
        drivers: &[
            driver(ContextElement::DegreeOfAutomation, 1.0, Direction::Raises),
            driver(ContextElement::StructuredVersusUnstructured, 1.0, Direction::Lowers),
            driver(ContextElement::UsingHands, 1.0, Direction::Lowers),
        ],
        why: "Automated jobs already run on structured inputs; freedom to set one's own tasks means unstructured work. Using Hands is added because the lowest standardization anchor is physical work, which neither of the other two elements measures.",
    },
    DimensionMapping {
        dimension: Dimension::ErrorTolerance,
        drivers: &[
            driver(ContextElement::ConsequenceOfError, 2.0, Direction::Lowers),
            driver(ContextElement::ImpactOfDecisions, 1.0, Direction::Lowers),
            driver(ContextElement::HealthAndSafetyOfOthers, 1.0, Direction::Lowers),
        ],
        why: "Consequence of Error asks exactly how serious an uncorrected mistake is, so it counts double. Impact of Decisions adds cost to the employer; Health and Safety of Other Workers is added because the lowest anchor is harm to people, which the other two only imply.",
    },
    DimensionMapping {
        dimension: Dimension::Verifiability,
        drivers: &[
            driver(ContextElement::ExactOrAccurate, 1.0, Direction::Raises),
            driver(ContextElement::FreedomToMakeDecisions, 1.0, Direction::Lowers),
        ],
        why: "Work that must be exact has a right answer to check against; work done with much freedom of decision is judged rather than checked. Accuracy is rated high in most occupations, so Freedom to Make Decisions is what separates them.",
    },
    DimensionMapping {
        dimension: Dimension::Frequency,
        drivers: &[
            driver(ContextElement::FrequencyOfDecisionMaking, 1.0, Direction::Raises),
            driver(ContextElement::RepeatingSameTasks, 1.0, Direction::Raises),
        ],
        why: "The frequency anchors count repetitions of the same decision, which these two elements describe for the job as a whole; each task's own frequency (FT) carries most of the weight.",
    },
];

pub const fn mapping_for(dimension: Dimension) -> &'static DimensionMapping {
    &DIMENSION_MAPPINGS[dimension.index()]
}

// Scales.

/// Ends of the 1–5 scales (Work Context CX, task importance IM, and the model's ratings).
pub const SCALE_MIN: f64 = 1.0;
pub const SCALE_MAX: f64 = 5.0;
/// The middle of a 1–5 scale: the baseline when no element of a dimension is published.
pub const SCALE_MIDPOINT: f64 = 3.0;
/// The middle of RT, 0–100 percent.
pub const RELEVANCE_MIDPOINT: f64 = 50.0;
/// The middle of the FT categories 1–7.
pub const FREQUENCY_CATEGORY_MIDPOINT: f64 = 4.0;

/// Where each FT category (yearly or less … hourly or more) falls on the frequency anchors
/// (1 a few times a year, 2 monthly, 3 weekly, 4 daily and several times a day, 5 many times an
/// hour).
pub const FREQUENCY_CATEGORY_LEVELS: [f64; FREQUENCY_CATEGORIES] =
    [1.0, 1.5, 2.5, 3.5, 4.0, 4.5, 5.0];
/// The FT category names (Task Categories.txt).
pub const FREQUENCY_CATEGORY_LABELS: [&str; FREQUENCY_CATEGORIES] = [
    "yearly or less",
    "more than yearly",
    "more than monthly",
    "more than weekly",
    "daily",
    "several times daily",
    "hourly or more",
];

// Task-level adjustments.

/// Weight of the task's own FT in its frequency; the occupation baseline has the rest.
pub const TASK_FREQUENCY_WEIGHT: f64 = 0.75;
/// Error tolerance falls by this much per point of task importance (IM) above the midpoint, and
/// rises by as much below it: a mistake in a task the job turns on costs more.
pub const IMPORTANCE_STAKES_SLOPE: f64 = 0.25;

// Precision.

/// A figure O*NET recommends suppressing (Recommend Suppress = Y: small sample or large
/// standard error) is kept at this weight and pulled the rest of the way to its scale's middle.
/// It is not skipped, because skipping would replace it with a guess that knows even less.
pub const SUPPRESSED_FIGURE_WEIGHT: f64 = 0.5;

/// A figure with a suppressed value pulled towards `midpoint`.
pub fn damped(estimate: Estimate, midpoint: f64) -> f64 {
    if estimate.suppressed {
        SUPPRESSED_FIGURE_WEIGHT * estimate.value + (1.0 - SUPPRESSED_FIGURE_WEIGHT) * midpoint
    } else {
        estimate.value
    }
}

/// A continuous score as a rating: rounded half away from zero, then clamped to 1..=5.
pub fn rating_from_score(score: f64) -> Rating {
    let rounded = score.round().clamp(SCALE_MIN, SCALE_MAX);
    // Clamped to 1..=5, so the cast is exact and `new` succeeds; NaN (impossible here, as every
    // input is finite) would cast to 0 and fall back to the lowest rating.
    Rating::new(rounded as u8).unwrap_or(Rating::MIN)
}

/// One element's contribution to a baseline, for explanations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BaselinePart {
    pub driver: Driver,
    /// The published mean, or `None` if the release has none for this occupation.
    pub estimate: Option<Estimate>,
}

/// A dimension's occupation baseline (1–5) and the figures behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub value: f64,
    pub parts: Vec<BaselinePart>,
}

/// The weighted mean of the dimension's drivers; elements without a figure drop out of both sums,
/// and with none at all the baseline is the scale's middle.
pub fn baseline(dimension: Dimension, context: &ContextFigures) -> Baseline {
    let mut weighted = 0.0;
    let mut weights = 0.0;
    let mut parts = Vec::with_capacity(mapping_for(dimension).drivers.len());
    for &driver in mapping_for(dimension).drivers {
        let estimate = context[driver.element.index()].estimate();
        if let Some(estimate) = estimate {
            let value = damped(estimate, SCALE_MIDPOINT);
            let oriented = match driver.direction {
                Direction::Raises => value,
                Direction::Lowers => SCALE_MIN + SCALE_MAX - value,
            };
            weighted += driver.weight * oriented;
            weights += driver.weight;
        }
        parts.push(BaselinePart { driver, estimate });
    }
    let value = if weights > 0.0 {
        weighted / weights
    } else {
        SCALE_MIDPOINT
    };
    Baseline { value, parts }
}

/// Where a task figure came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureSource {
    Rated,
    /// Rated, but O*NET recommends suppressing it; damped.
    Suppressed,
    /// Not rated for this task: the mean over the occupation's rated tasks.
    OccupationMean,
    /// Not rated for any task of the occupation: the middle of the scale.
    Midpoint,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub source: FigureSource,
}

/// The task figures the mapping uses, after damping and filling gaps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ResolvedTask {
    /// IM, 1–5.
    pub importance: Figure,
    /// RT, 0–100.
    pub relevance: Figure,
    /// Mean FT category, 1–7.
    pub frequency_category: Figure,
    /// FT on the frequency anchors, 1–5.
    pub frequency_level: Figure,
}

/// The four task figures of every rated task of one occupation, with gaps filled by the mean of
/// the occupation's other rated tasks (or the scale's middle if none has that figure).
pub fn resolve_tasks(figures: &[&TaskFigures]) -> Vec<ResolvedTask> {
    let importance: Vec<Option<Figure>> = figures
        .iter()
        .map(|task| rated(task.importance, SCALE_MIDPOINT))
        .collect();
    let relevance: Vec<Option<Figure>> = figures
        .iter()
        .map(|task| rated(task.relevance, RELEVANCE_MIDPOINT))
        .collect();
    let category: Vec<Option<Figure>> = figures
        .iter()
        .map(|task| rated(task.frequency.mean_category(), FREQUENCY_CATEGORY_MIDPOINT))
        .collect();
    let level: Vec<Option<Figure>> = figures
        .iter()
        .map(|task| {
            rated(
                task.frequency.weighted_mean(&FREQUENCY_CATEGORY_LEVELS),
                SCALE_MIDPOINT,
            )
        })
        .collect();
    let fill = |column: &[Option<Figure>], midpoint: f64| -> Vec<Figure> {
        let known: Vec<f64> = column.iter().flatten().map(|figure| figure.value).collect();
        let fallback = if known.is_empty() {
            Figure {
                value: midpoint,
                source: FigureSource::Midpoint,
            }
        } else {
            Figure {
                value: known.iter().sum::<f64>() / known.len() as f64,
                source: FigureSource::OccupationMean,
            }
        };
        column
            .iter()
            .map(|figure| figure.unwrap_or(fallback))
            .collect()
    };
    let importance = fill(&importance, SCALE_MIDPOINT);
    let relevance = fill(&relevance, RELEVANCE_MIDPOINT);
    let category = fill(&category, FREQUENCY_CATEGORY_MIDPOINT);
    let level = fill(&level, SCALE_MIDPOINT);
    (0..figures.len())
        .map(|index| ResolvedTask {
            importance: importance[index],
            relevance: relevance[index],
            frequency_category: category[index],
            frequency_level: level[index],
        })
        .collect()
}

fn rated(estimate: Option<Estimate>, midpoint: f64) -> Option<Figure> {
    estimate.map(|estimate| Figure {
        value: damped(estimate, midpoint),
        source: if estimate.suppressed {
            FigureSource::Suppressed
        } else {
            FigureSource::Rated
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onet::files::ElementFigures;

    fn estimate(value: f64, suppressed: bool) -> Estimate {
        Estimate { value, suppressed }
    }

    #[test]
    fn the_mappings_are_in_dimension_order_and_each_has_drivers() {
        for dimension in Dimension::ALL {
            assert_eq!(mapping_for(dimension).dimension, dimension);
            assert!(!mapping_for(dimension).drivers.is_empty());
            assert!(mapping_for(dimension)
                .drivers
                .iter()
                .all(|driver| driver.weight > 0.0));
        }
        for element in ContextElement::ALL {
            assert_eq!(ContextElement::ALL[element.index()], element);
            assert_eq!(ContextElement::from_id(element.id()), Some(element));
        }
        assert_eq!(ContextElement::from_id("4.C.3.d.1"), None);
    }

    #[test]
    fn scores_round_half_away_from_zero_and_stay_on_the_scale() {
        let values = |scores: [f64; 6]| scores.map(|score| rating_from_score(score).value());
        assert_eq!(values([-3.0, 0.4, 1.49, 2.5, 4.5, 9.0]), [1, 1, 1, 3, 5, 5]);
        assert_eq!(rating_from_score(f64::NAN), Rating::MIN);
    }

    #[test]
    fn a_suppressed_figure_counts_halfway_to_the_middle_of_its_scale() {
        assert_eq!(damped(estimate(5.0, true), SCALE_MIDPOINT), 4.0);
        assert_eq!(damped(estimate(20.0, true), RELEVANCE_MIDPOINT), 35.0);
        assert_eq!(damped(estimate(5.0, false), SCALE_MIDPOINT), 5.0);
    }

    #[test]
    fn a_baseline_is_the_weighted_mean_of_oriented_elements_that_are_published() {
        let mut context = [ElementFigures::default(); ContextElement::COUNT];
        assert_eq!(
            baseline(Dimension::ErrorTolerance, &context).value,
            SCALE_MIDPOINT
        );
        context[ContextElement::ConsequenceOfError.index()].mean = Some(estimate(5.0, false));
        context[ContextElement::ImpactOfDecisions.index()].mean = Some(estimate(3.0, false));
        // (2 × (6 − 5) + 1 × (6 − 3)) / 3; Health and Safety is absent and drops out.
        let error_tolerance = baseline(Dimension::ErrorTolerance, &context);
        assert!((error_tolerance.value - 5.0 / 3.0).abs() < 1e-12);
        assert_eq!(error_tolerance.parts.len(), 3);
        assert_eq!(error_tolerance.parts[2].estimate, None);
        context[ContextElement::ConsequenceOfError.index()].not_relevant = true;
        assert_eq!(baseline(Dimension::ErrorTolerance, &context).value, 3.0);
    }

    #[test]
    fn missing_task_figures_take_the_occupation_mean_or_the_midpoint() {
        let rated = TaskFigures {
            importance: Some(estimate(4.0, false)),
            ..TaskFigures::default()
        };
        let unrated = TaskFigures::default();
        let resolved = resolve_tasks(&[&rated, &unrated]);
        assert_eq!(resolved[1].importance.value, 4.0);
        assert_eq!(resolved[1].importance.source, FigureSource::OccupationMean);
        assert_eq!(resolved[0].relevance.value, RELEVANCE_MIDPOINT);
        assert_eq!(resolved[0].relevance.source, FigureSource::Midpoint);
    }
}
