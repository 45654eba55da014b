//! How far an occupation's verdict is from the next one, and which single change would flip it.
//!
//! A verdict rests on two shares of working time (handed over, human-led) compared with
//! thresholds, so it can sit a tenth of a point from flipping. The margin says how many points
//! of working time would have to move, in each direction, and names the single-task changes that
//! would move them: one rating changed (the smallest such change per task) or one task's share of
//! time. Every flip is checked by recomputing the verdict, so what the page says is exactly what
//! the model would do.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::dimension::{Dimension, Rating};
use super::occupation::{AssessedTask, PatternShares};
use super::pattern::{decide, Pattern};
use super::score::{percent_tenths, Tenths};
use super::verdict::{decide_verdict, Verdict, HUMAN_LED_MIN_PERCENT, REPLACE_MIN_PERCENT};
use super::whatif::WHAT_IF_STEP_SIZES;

/// How many single-rating flips a margin lists at most.
pub const MAX_FLIPS: usize = 3;

/// Which share of working time a margin is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarginMeasure {
    /// Automate plus human approves.
    HandedOver,
    HumanLed,
}

impl MarginMeasure {
    pub const fn phrase(self) -> &'static str {
        match self {
            MarginMeasure::HandedOver => "handed-over",
            MarginMeasure::HumanLed => "human-led",
        }
    }
}

/// One change to one task that, alone, would flip the verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum VerdictFlip {
    /// One rating changed: the smallest change of that task's ratings that flips the verdict.
    Rating {
        task: usize,
        title: String,
        dimension: Dimension,
        from: Rating,
        to: Rating,
        new_pattern: Pattern,
    },
    /// The task's share of working time changed, the other tasks keeping their proportions.
    Share {
        task: usize,
        title: String,
        /// Percent of working time now and as needed, one decimal.
        from_percent: f64,
        to_percent: f64,
    },
}

/// The distance to the next verdict in one direction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerdictMargin {
    /// The verdict on the other side.
    pub to: Verdict,
    pub measure: MarginMeasure,
    /// Percentage points of working time that would have to change measure, one decimal.
    pub points: f64,
    /// Single-task changes that would flip it, smallest first.
    pub flips: Vec<VerdictFlip>,
}

/// Both directions: toward more machine work and toward less. `None` where there is no verdict
/// further that way.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VerdictMargins {
    pub toward_more_machine: Option<VerdictMargin>,
    pub toward_less_machine: Option<VerdictMargin>,
}

impl VerdictMargins {
    /// The nearer of the two margins, if any: the one a page headlines.
    pub fn nearest(&self) -> Option<&VerdictMargin> {
        match (&self.toward_more_machine, &self.toward_less_machine) {
            (Some(up), Some(down)) => Some(if down.points < up.points { down } else { up }),
            (Some(only), None) | (None, Some(only)) => Some(only),
            (None, None) => None,
        }
    }
}

/// Working out the margins of an assessed occupation.
pub(crate) fn verdict_margins(
    tasks: &[AssessedTask],
    shares: &PatternShares,
    verdict: Verdict,
) -> VerdictMargins {
    let handed = percent_tenths(shares.handed_over());
    let human_led = percent_tenths(shares.get(Pattern::HumanLed));
    let replace_at = i64::from(REPLACE_MIN_PERCENT) * 10;
    let human_led_at = i64::from(HUMAN_LED_MIN_PERCENT) * 10;
    let (up, down) = match verdict {
        Verdict::Replace => (
            None,
            Some((MarginMeasure::HandedOver, handed - (replace_at - 1))),
        ),
        Verdict::Complement => (
            Some((MarginMeasure::HandedOver, replace_at - handed)),
            Some((MarginMeasure::HumanLed, human_led_at - human_led)),
        ),
        Verdict::HumanLed => (
            Some((MarginMeasure::HumanLed, human_led - (human_led_at - 1))),
            None,
        ),
    };
    let build = |(measure, tenths): (MarginMeasure, i64), more: bool| {
        let flips = flips(tasks, shares, verdict, more, measure);
        let to = flips
            .first()
            .map(|(to, _)| *to)
            .unwrap_or_else(|| neighbour(verdict, more));
        VerdictMargin {
            to,
            measure,
            points: tenths.max(1) as f64 / 10.0,
            flips: flips.into_iter().map(|(_, flip)| flip).collect(),
        }
    };
    VerdictMargins {
        toward_more_machine: up.map(|margin| build(margin, true)),
        toward_less_machine: down.map(|margin| build(margin, false)),
    }
}

/// The next verdict in a direction, for a margin no single change reaches.
fn neighbour(verdict: Verdict, more: bool) -> Verdict {
    match (verdict, more) {
        (Verdict::HumanLed, _) | (Verdict::Complement, false) => {
            if more {
                Verdict::Complement
            } else {
                Verdict::HumanLed
            }
        }
        (Verdict::Complement, true) | (Verdict::Replace, _) => {
            if more {
                Verdict::Replace
            } else {
                Verdict::Complement
            }
        }
    }
}

/// True when `candidate` lies beyond `verdict` in the direction asked for.
fn is_beyond(verdict: Verdict, candidate: Verdict, more: bool) -> bool {
    if more {
        candidate > verdict
    } else {
        candidate < verdict
    }
}

/// Shares with one task moved from one pattern to another.
fn moved(shares: &PatternShares, share: f64, from: Pattern, to: Pattern) -> PatternShares {
    let mut by_pattern = [0.0; 7];
    for (pattern, value) in shares.iter() {
        by_pattern[usize::from(pattern.level())] = value;
    }
    by_pattern[usize::from(from.level())] -= share;
    by_pattern[usize::from(to.level())] += share;
    PatternShares::from_array(by_pattern)
}

fn flips(
    tasks: &[AssessedTask],
    shares: &PatternShares,
    verdict: Verdict,
    more: bool,
    measure: MarginMeasure,
) -> Vec<(Verdict, VerdictFlip)> {
    let mut by_rating: Vec<(i8, f64, Verdict, VerdictFlip)> = tasks
        .iter()
        .enumerate()
        .filter_map(|(index, task)| {
            rating_flip(task, shares, verdict, more)
                .map(|(size, to, flip)| (size, task.share, to, with_task(flip, index, task)))
        })
        .collect();
    // Smallest change first, then the task with most time, then task order.
    by_rating.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut result: Vec<(Verdict, VerdictFlip)> = by_rating
        .into_iter()
        .take(MAX_FLIPS)
        .map(|(_, _, to, flip)| (to, flip))
        .collect();
    if let Some(share_flip) = share_flip(tasks, verdict, more, measure) {
        result.push(share_flip);
    }
    result
}

fn with_task(flip: VerdictFlip, index: usize, task: &AssessedTask) -> VerdictFlip {
    match flip {
        VerdictFlip::Rating {
            dimension,
            from,
            to,
            new_pattern,
            ..
        } => VerdictFlip::Rating {
            task: index,
            title: task.title.clone(),
            dimension,
            from,
            to,
            new_pattern,
        },
        share @ VerdictFlip::Share { .. } => share,
    }
}

/// The smallest single-rating change of one task that flips the verdict in the direction asked,
/// searched like the what-if: sizes 1–4, the direction's own way first, dimensions in order.
fn rating_flip(
    task: &AssessedTask,
    shares: &PatternShares,
    verdict: Verdict,
    more: bool,
) -> Option<(i8, Verdict, VerdictFlip)> {
    let assessment = &task.assessment;
    for size in WHAT_IF_STEP_SIZES {
        let deltas = if more { [size, -size] } else { [-size, size] };
        for delta in deltas {
            for dimension in Dimension::ALL {
                let from = assessment.ratings.get(dimension);
                let Some(to) = from.offset(delta) else {
                    continue;
                };
                let new_pattern =
                    decide(assessment.kind, &assessment.ratings.with(dimension, to)).pattern;
                if new_pattern == assessment.pattern {
                    continue;
                }
                let after =
                    decide_verdict(&moved(shares, task.share, assessment.pattern, new_pattern));
                if is_beyond(verdict, after, more) {
                    let flip = VerdictFlip::Rating {
                        task: 0,
                        title: String::new(),
                        dimension,
                        from,
                        to,
                        new_pattern,
                    };
                    return Some((size, after, flip));
                }
            }
        }
    }
    None
}

/// Whether a task counts toward the measure a margin is about.
fn counts_toward(measure: MarginMeasure, pattern: Pattern) -> bool {
    match measure {
        MarginMeasure::HandedOver => matches!(pattern, Pattern::Automate | Pattern::HumanApproves),
        MarginMeasure::HumanLed => pattern == Pattern::HumanLed,
    }
}

/// The share the largest task that counts toward the measure would need for the verdict to
/// flip, the other tasks keeping their proportions. Found by bisection on the recomputed
/// verdict, then rounded outward to a tenth of a percent and checked again.
fn share_flip(
    tasks: &[AssessedTask],
    verdict: Verdict,
    more: bool,
    measure: MarginMeasure,
) -> Option<(Verdict, VerdictFlip)> {
    // Growing a handed-over task or shrinking a human-led one gives the machine more work.
    let grow = match measure {
        MarginMeasure::HandedOver => more,
        MarginMeasure::HumanLed => !more,
    };
    let (index, task) = tasks
        .iter()
        .enumerate()
        .filter(|(_, task)| counts_toward(measure, task.assessment.pattern))
        .max_by(|a, b| a.1.share.total_cmp(&b.1.share).then(b.0.cmp(&a.0)))?;
    let verdict_at = |share: f64| decide_verdict(&shares_with_task_at(tasks, index, share));
    let flips_at = |share: f64| is_beyond(verdict, verdict_at(share), more);
    // The far end: the task taking (almost) all the time, or almost none of it.
    let far = if grow { 1.0 - 1e-9 } else { 1e-9 };
    if tasks.len() < 2 || !flips_at(far) {
        return None;
    }
    let (mut holds, mut flipped) = (task.share, far);
    for _ in 0..60 {
        let middle = (holds + flipped) / 2.0;
        if flips_at(middle) {
            flipped = middle;
        } else {
            holds = middle;
        }
    }
    let tenths = flipped * 1000.0;
    let mut needed = if grow { tenths.ceil() } else { tenths.floor() } / 1000.0;
    if !flips_at(needed) {
        needed = flipped;
    }
    let to = verdict_at(needed);
    Some((
        to,
        VerdictFlip::Share {
            task: index,
            title: task.title.clone(),
            from_percent: percent_tenths(task.share) as f64 / 10.0,
            to_percent: percent_tenths(needed) as f64 / 10.0,
        },
    ))
}

/// Pattern shares with one task's normalised share set to `share` and the others scaled to fill
/// the rest in their current proportions.
fn shares_with_task_at(tasks: &[AssessedTask], index: usize, share: f64) -> PatternShares {
    let others: f64 = tasks
        .iter()
        .enumerate()
        .filter(|(position, _)| *position != index)
        .map(|(_, task)| task.share)
        .sum();
    let scale = if others > 0.0 {
        (1.0 - share) / others
    } else {
        0.0
    };
    let mut by_pattern = [0.0; 7];
    for (position, task) in tasks.iter().enumerate() {
        let value = if position == index {
            share
        } else {
            task.share * scale
        };
        by_pattern[usize::from(task.assessment.pattern.level())] += value;
    }
    PatternShares::from_array(by_pattern)
}

/// `5 points of handed-over time from replace`
impl fmt::Display for VerdictMargin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = if self.points == 1.0 {
            "point"
        } else {
            "points"
        };
        write!(
            formatter,
            "{} {unit} of {} time from {}",
            Tenths::of(self.points).trimmed(),
            self.measure.phrase(),
            self.to.label().to_lowercase()
        )
    }
}

/// `if "Read screening images" had error tolerance 3 instead of 1 (human approves)`
impl fmt::Display for VerdictFlip {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerdictFlip::Rating {
                title,
                dimension,
                from,
                to,
                new_pattern,
                ..
            } => write!(
                formatter,
                "“{title}” rated {} {to} instead of {from} (it would become {})",
                dimension.phrase(),
                new_pattern.phrase()
            ),
            VerdictFlip::Share {
                title,
                from_percent,
                to_percent,
                ..
            } => write!(
                formatter,
                "“{title}” taking {}% of working time instead of {}%",
                Tenths::of(*to_percent).trimmed(),
                Tenths::of(*from_percent).trimmed()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::kind::Kind;
    use crate::assess::occupation::assess_occupation;
    use crate::assess::testing::task;

    #[test]
    fn a_complement_occupation_five_points_short_of_replace_says_so_and_names_the_flips() {
        // 55% automate (cheap, structured records), 45% copilot (costly drafting).
        let assessment = assess_occupation(&[
            task("Enter orders", 55.0, Kind::MovingInformation, [5, 4, 4, 5]),
            task("Draft replies", 45.0, Kind::Making, [4, 2, 3, 4]),
        ])
        .unwrap();
        assert_eq!(assessment.verdict, Verdict::Complement);
        let up = assessment.margins.toward_more_machine.as_ref().unwrap();
        assert_eq!(up.to, Verdict::Replace);
        assert_eq!(up.points, 5.0);
        assert_eq!(up.to_string(), "5 points of handed-over time from replace");
        // Raising the drafting task's error tolerance 2 → 4 hands it over (a rise of 2 steps,
        // since 3 with v = 3 stays copilot); growing the entry task to 60% also flips it.
        assert!(up.flips.iter().any(|flip| matches!(
            flip,
            VerdictFlip::Rating {
                task: 1,
                dimension: Dimension::ErrorTolerance,
                ..
            }
        )));
        assert!(up.flips.iter().any(|flip| matches!(flip,
            VerdictFlip::Share { task: 0, to_percent, .. } if *to_percent == 60.0)));
        let down = assessment.margins.toward_less_machine.as_ref().unwrap();
        assert_eq!(down.to, Verdict::HumanLed);
        assert_eq!(down.points, 50.0);
    }

    #[test]
    fn a_replace_verdict_exactly_at_the_threshold_is_a_tenth_of_a_point_from_complement() {
        let assessment = assess_occupation(&[
            task("Enter orders", 60.0, Kind::MovingInformation, [5, 4, 4, 5]),
            task(
                "Talk to customers",
                40.0,
                Kind::WorkingWithPeople,
                [2, 3, 2, 3],
            ),
        ])
        .unwrap();
        assert_eq!(assessment.verdict, Verdict::Replace);
        let down = assessment.margins.toward_less_machine.as_ref().unwrap();
        assert_eq!(down.points, 0.1);
        // Any change that takes the entry task out of handed-over leaves 40% human-led.
        assert_eq!(down.to, Verdict::Complement);
        assert!(assessment.margins.toward_more_machine.is_none());
        assert_eq!(assessment.margins.nearest(), Some(down));
    }

    #[test]
    fn every_listed_flip_really_flips_the_verdict() {
        let inputs = [
            task("Read images", 35.0, Kind::JudgingCases, [5, 1, 4, 5]),
            task("Order worklist", 15.0, Kind::Routing, [5, 3, 4, 5]),
            task("Check reports", 15.0, Kind::Checking, [4, 2, 4, 4]),
            task("Consult", 20.0, Kind::WorkingWithPeople, [2, 2, 2, 3]),
            task("Procedures", 15.0, Kind::Physical, [2, 1, 3, 2]),
        ];
        let assessment = assess_occupation(&inputs).unwrap();
        for (margin, more) in [
            (&assessment.margins.toward_more_machine, true),
            (&assessment.margins.toward_less_machine, false),
        ] {
            let Some(margin) = margin else { continue };
            for flip in &margin.flips {
                let mut changed = inputs.to_vec();
                match flip {
                    VerdictFlip::Rating {
                        task,
                        dimension,
                        to,
                        ..
                    } => changed[*task].ratings = changed[*task].ratings.with(*dimension, *to),
                    VerdictFlip::Share {
                        task, to_percent, ..
                    } => {
                        let others: f64 = (0..changed.len())
                            .filter(|position| position != task)
                            .map(|position| changed[position].share)
                            .sum();
                        // Shares are percentages summing to 100 here.
                        let target = to_percent / 100.0;
                        changed[*task].share = target * others / (1.0 - target);
                    }
                }
                let after = assess_occupation(&changed).unwrap().verdict;
                assert!(
                    is_beyond(assessment.verdict, after, more),
                    "{flip} leaves {after}"
                );
            }
        }
    }
}
