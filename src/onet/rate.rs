//! One task's ratings from its occupation's baselines and its own figures, and the sentence that
//! says which O*NET figures drove them.

use std::fmt::Write;

use super::cues::{TaskCue, TaskKind};
use super::mapping::{
    damped, rating_from_score, Baseline, Direction, Figure, FigureSource, ResolvedTask,
    FREQUENCY_CATEGORY_LABELS, IMPORTANCE_STAKES_SLOPE, SCALE_MIDPOINT, TASK_FREQUENCY_WEIGHT,
};
use crate::assess::{Dimension, Ratings};

/// The baselines of the four dimensions, in `Dimension::ALL` order.
pub type Baselines = [Baseline; 4];

/// The rating before rounding: baseline, task-level adjustments, kind-of-work shift.
pub fn task_score(
    dimension: Dimension,
    baselines: &Baselines,
    task: &ResolvedTask,
    cue: &TaskCue,
) -> f64 {
    let baseline = baselines[dimension.index()].value;
    let kind_shift = cue.kind.shift(dimension);
    match dimension {
        Dimension::Standardization | Dimension::Verifiability => baseline + kind_shift,
        Dimension::ErrorTolerance => baseline + importance_shift(task) + kind_shift,
        Dimension::Frequency => {
            TASK_FREQUENCY_WEIGHT * task.frequency_level.value
                + (1.0 - TASK_FREQUENCY_WEIGHT) * baseline
                + kind_shift
        }
    }
}

pub fn rate_task(baselines: &Baselines, task: &ResolvedTask, cue: &TaskCue) -> Ratings {
    let rating = |dimension| rating_from_score(task_score(dimension, baselines, task, cue));
    Ratings::new(
        rating(Dimension::Standardization),
        rating(Dimension::ErrorTolerance),
        rating(Dimension::Verifiability),
        rating(Dimension::Frequency),
    )
}

fn importance_shift(task: &ResolvedTask) -> f64 {
    -IMPORTANCE_STAKES_SLOPE * (task.importance.value - SCALE_MIDPOINT)
}

/// One sentence naming, per dimension, the figures behind the rating, then those behind the
/// share. (Writing to a `String` cannot fail, so the `write!` results are ignored.)
pub fn explain(
    ratings: &Ratings,
    baselines: &Baselines,
    task: &ResolvedTask,
    cue: &TaskCue,
) -> String {
    let mut sentence = String::with_capacity(480);
    for dimension in Dimension::ALL {
        if dimension != Dimension::Standardization {
            sentence.push_str("; ");
        }
        let label = if dimension == Dimension::Standardization {
            dimension.label()
        } else {
            dimension.phrase()
        };
        let _ = write!(sentence, "{label} {} from ", ratings.get(dimension));
        if dimension == Dimension::Frequency {
            let typical = (task.frequency_category.value.round().clamp(1.0, 7.0) as usize) - 1;
            let _ = write!(
                sentence,
                "this task's frequency (typically {}",
                FREQUENCY_CATEGORY_LABELS[typical]
            );
            if let Some(note) = source_note(task.frequency_category.source) {
                let _ = write!(sentence, "; {note}");
            }
            sentence.push_str(") with ");
        }
        write_parts(&mut sentence, &baselines[dimension.index()]);
        if dimension == Dimension::ErrorTolerance {
            let shift = importance_shift(task);
            if shift != 0.0 {
                let _ = write!(sentence, ", {shift:+.1} for importance ");
                write_figure(&mut sentence, task.importance, 1, "");
            }
        }
        let kind_shift = cue.kind.shift(dimension);
        if cue.kind != TaskKind::Unclassified && kind_shift != 0.0 {
            let _ = write!(sentence, ", {kind_shift:+} for {}", cue.kind.label());
            if dimension == Dimension::Standardization {
                let what = if cue.from_verb { "verb" } else { "mentions" };
                let _ = write!(sentence, " ({what} \"{}\")", cue.word);
            }
        }
    }
    sentence.push_str("; share from importance ");
    write_figure(&mut sentence, task.importance, 1, "");
    sentence.push_str(", relevance ");
    write_figure(&mut sentence, task.relevance, 0, "%");
    sentence.push_str(" and frequency category ");
    write_figure(&mut sentence, task.frequency_category, 1, "");
    sentence.push('.');
    sentence
}

fn write_parts(sentence: &mut String, baseline: &Baseline) {
    let count = baseline.parts.len();
    for (position, part) in baseline.parts.iter().enumerate() {
        if position > 0 {
            sentence.push_str(if position + 1 == count { " and " } else { ", " });
        }
        let element = part.driver.element;
        match part.estimate {
            None => {
                let _ = write!(sentence, "{} (not published)", element.label());
            }
            Some(estimate) => {
                let used = damped(estimate, SCALE_MIDPOINT);
                let _ = write!(sentence, "{} {used:.1}", element.label());
                let mut notes = Vec::new();
                if part.driver.direction == Direction::Lowers {
                    notes.push("inverted");
                }
                if estimate.suppressed {
                    notes.push("damped, low precision");
                }
                if !notes.is_empty() {
                    let _ = write!(sentence, " ({})", notes.join(", "));
                }
            }
        }
    }
}

fn write_figure(sentence: &mut String, figure: Figure, decimals: usize, unit: &str) {
    let _ = write!(sentence, "{:.*}{unit}", decimals, figure.value);
    if let Some(note) = source_note(figure.source) {
        let _ = write!(sentence, " ({note})");
    }
}

fn source_note(source: FigureSource) -> Option<&'static str> {
    match source {
        FigureSource::Rated => None,
        FigureSource::Suppressed => Some("damped, low precision"),
        FigureSource::OccupationMean => Some("occupation mean"),
        FigureSource::Midpoint => Some("not rated"),
    }
}
