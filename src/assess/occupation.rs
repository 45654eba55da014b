//! The assessment of an occupation (or of a personal task profile): per-task results, the
//! time-weighted indices, pattern shares, top bottlenecks, dimension profile and the verdict.
//!
//! Every occupation figure is a sum over tasks of (normalised share × task figure), so
//! splitting a task into two identical halves changes nothing beyond float noise.

use serde::{Deserialize, Serialize};

use super::dimension::Dimension;
use super::input::{AssessError, TaskInput, TaskProfile};
use super::margin::{verdict_margins, VerdictMargins};
use super::pattern::Pattern;
use super::score::{exact_scores, round_to_hundredth, round_to_tenth};
use super::task::{assess_task, TaskAssessment};
use super::verdict::{decide_verdict, verdict_rationale, Verdict};
use super::version::ModelVersion;

/// How many bottleneck dimensions an occupation reports.
pub const TOP_BOTTLENECKS: usize = 3;

/// Fraction of working time (0..=1) under each pattern, in level order; sums to 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatternShares {
    pub human_led: f64,
    pub copilot: f64,
    pub quality_control: f64,
    pub second_reader: f64,
    pub triage: f64,
    pub human_approves: f64,
    pub automate: f64,
}

impl PatternShares {
    /// From shares indexed by `Pattern::level`.
    pub fn from_array(shares: [f64; 7]) -> PatternShares {
        let [human_led, copilot, quality_control, second_reader, triage, human_approves, automate] =
            shares;
        PatternShares {
            human_led,
            copilot,
            quality_control,
            second_reader,
            triage,
            human_approves,
            automate,
        }
    }

    pub const fn get(&self, pattern: Pattern) -> f64 {
        match pattern {
            Pattern::HumanLed => self.human_led,
            Pattern::Copilot => self.copilot,
            Pattern::QualityControl => self.quality_control,
            Pattern::SecondReader => self.second_reader,
            Pattern::Triage => self.triage,
            Pattern::HumanApproves => self.human_approves,
            Pattern::Automate => self.automate,
        }
    }

    /// The time a machine does itself: automate plus human approves.
    pub fn handed_over(&self) -> f64 {
        self.automate + self.human_approves
    }

    pub fn iter(&self) -> impl Iterator<Item = (Pattern, f64)> + '_ {
        Pattern::ALL
            .into_iter()
            .map(|pattern| (pattern, self.get(pattern)))
    }

    /// The pattern with the largest share of time, an occupation's "dominant pattern" (the list's
    /// filter and sort). Ties go to the pattern with more machine authority, so that the choice
    /// is deterministic.
    pub fn dominant(&self) -> Pattern {
        self.iter()
            .fold((Pattern::HumanLed, f64::MIN), |best, (pattern, share)| {
                if share >= best.1 {
                    (pattern, share)
                } else {
                    best
                }
            })
            .0
    }
}

/// Time-weighted mean rating per dimension (1–5, two decimals), for the radar chart.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionProfile {
    pub standardization: f64,
    pub error_tolerance: f64,
    pub verifiability: f64,
    pub frequency: f64,
}

impl DimensionProfile {
    pub const fn get(&self, dimension: Dimension) -> f64 {
        match dimension {
            Dimension::Standardization => self.standardization,
            Dimension::ErrorTolerance => self.error_tolerance,
            Dimension::Verifiability => self.verifiability,
            Dimension::Frequency => self.frequency,
        }
    }
}

/// The fraction of working time spent on tasks that this dimension holds back.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BottleneckShare {
    pub dimension: Dimension,
    pub share: f64,
}

/// One task of an occupation: its title, its normalised share and its assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessedTask {
    pub title: String,
    pub share: f64,
    pub assessment: TaskAssessment,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OccupationAssessment {
    pub model_version: ModelVersion,
    /// In input order.
    pub tasks: Vec<AssessedTask>,
    /// Σ share × automatability, 0–100, one decimal. Agrees with the verdict: every replace
    /// occupation scores above every human-led one (see `score::AUTOMATABILITY_BANDS`).
    pub automatability_index: f64,
    /// Σ share × complementarity, 0–100, one decimal.
    pub complementarity_index: f64,
    pub pattern_shares: PatternShares,
    /// Up to three dimensions with a non-zero share, largest first, ties in `Dimension` order.
    pub top_bottlenecks: Vec<BottleneckShare>,
    pub dimension_profile: DimensionProfile,
    pub verdict: Verdict,
    pub verdict_rationale: String,
    /// How far the verdict is from the next one each way, and what would flip it.
    pub margins: VerdictMargins,
}

/// Validates the tasks and assesses them as one occupation.
pub fn assess_occupation(inputs: &[TaskInput]) -> Result<OccupationAssessment, AssessError> {
    TaskProfile::parse(inputs).map(|profile| assess_profile(&profile))
}

/// Assesses an already validated profile; cannot fail.
pub fn assess_profile(profile: &TaskProfile) -> OccupationAssessment {
    let mut automatability = 0.0;
    let mut complementarity = 0.0;
    let mut by_pattern = [0.0; 7];
    let mut by_bottleneck = [0.0; 4];
    let mut rating_sums = [0.0; 4];
    let mut tasks = Vec::with_capacity(profile.tasks().len());

    for task in profile.tasks() {
        let share = task.share();
        let ratings = task.ratings();
        let assessment = assess_task(task.kind(), ratings);
        // Indices are summed from unrounded scores so that rounding happens once.
        let exact = exact_scores(task.kind(), ratings);
        automatability += share * exact.automatability;
        complementarity += share * exact.complementarity;
        by_pattern[usize::from(assessment.pattern.level())] += share;
        for dimension in &assessment.bottleneck {
            by_bottleneck[dimension.index()] += share;
        }
        for (dimension, rating) in ratings.iter() {
            rating_sums[dimension.index()] += share * f64::from(rating.value());
        }
        tasks.push(AssessedTask {
            title: task.title().as_str().to_owned(),
            share,
            assessment,
        });
    }

    let pattern_shares = PatternShares::from_array(by_pattern);
    let top_bottlenecks = top_bottlenecks(by_bottleneck);
    let verdict = decide_verdict(&pattern_shares);
    let mean = |dimension: Dimension| round_to_hundredth(rating_sums[dimension.index()]);
    let margins = verdict_margins(&tasks, &pattern_shares, verdict);
    OccupationAssessment {
        model_version: ModelVersion::current(),
        tasks,
        automatability_index: round_to_tenth(automatability.clamp(0.0, 100.0)),
        complementarity_index: round_to_tenth(complementarity.clamp(0.0, 100.0)),
        pattern_shares,
        verdict_rationale: verdict_rationale(verdict, &pattern_shares, &top_bottlenecks),
        top_bottlenecks,
        dimension_profile: DimensionProfile {
            standardization: mean(Dimension::Standardization),
            error_tolerance: mean(Dimension::ErrorTolerance),
            verifiability: mean(Dimension::Verifiability),
            frequency: mean(Dimension::Frequency),
        },
        verdict,
        margins,
    }
}

/// Largest first; shares equal to within 1e-9 are ties and keep `Dimension` order, so float
/// noise (from splitting a task, say) cannot reorder them.
fn top_bottlenecks(by_dimension: [f64; 4]) -> Vec<BottleneckShare> {
    let mut present: Vec<BottleneckShare> = Dimension::ALL
        .into_iter()
        .map(|dimension| BottleneckShare {
            dimension,
            share: by_dimension[dimension.index()],
        })
        .filter(|item| item.share > 0.0)
        .collect();
    // Stable sort on a rounded key keeps Dimension order among ties.
    present.sort_by_key(|item| std::cmp::Reverse((item.share * 1e9).round() as i64));
    present.truncate(TOP_BOTTLENECKS);
    present
}

#[cfg(test)]
#[path = "occupation_tests.rs"]
mod tests;
