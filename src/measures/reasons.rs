//! Why a published measure and the Atlas disagree about one occupation, drawn from its tasks.
//! The Atlas's ratings are never moved toward a measure: the reason names the task that carries
//! the difference and what the two numbers measure differently. Pure.

use crate::assess::{AssessedTask, Dimension, OccupationAssessment, Pattern};

use super::{ordinal, AtlasFigure};

/// Whether a task counts toward the Atlas figure: it has an AI role at all (for the AI share and
/// complementarity) or the machine acts itself (for automatability).
fn counts_toward(figure: AtlasFigure, pattern: Pattern) -> bool {
    match figure {
        AtlasFigure::Automatability => {
            matches!(pattern, Pattern::Automate | Pattern::HumanApproves)
        }
        AtlasFigure::Complementarity | AtlasFigure::AiShare => pattern != Pattern::HumanLed,
    }
}

/// The task with the largest share among those `keep` accepts (the first such in input order on
/// a tie).
fn largest(
    assessment: &OccupationAssessment,
    keep: impl Fn(&AssessedTask) -> bool,
) -> Option<&AssessedTask> {
    assessment.tasks.iter().filter(|task| keep(task)).fold(
        None,
        |best: Option<&AssessedTask>, task| match best {
            Some(best) if best.share >= task.share => Some(best),
            _ => Some(task),
        },
    )
}

/// The task adding most to the Atlas figure (share × the task's own figure), if any adds.
fn largest_contribution(
    assessment: &OccupationAssessment,
    figure: AtlasFigure,
) -> Option<&AssessedTask> {
    let contribution = |task: &AssessedTask| {
        let own = match figure {
            AtlasFigure::Automatability => task.assessment.scores.automatability,
            AtlasFigure::Complementarity => task.assessment.scores.complementarity,
            AtlasFigure::AiShare => {
                f64::from(u8::from(task.assessment.pattern != Pattern::HumanLed))
            }
        };
        task.share * own
    };
    assessment
        .tasks
        .iter()
        .filter(|task| contribution(task) > 0.0)
        .fold(None, |best: Option<&AssessedTask>, task| match best {
            Some(best) if contribution(best) >= contribution(task) => Some(best),
            _ => Some(task),
        })
}

/// "error tolerance 1 and verifiability 2": the task's limiting ratings.
fn limits(task: &AssessedTask) -> String {
    let parts: Vec<String> = task
        .assessment
        .bottleneck
        .iter()
        .map(|&dimension| {
            format!(
                "{} {}",
                dimension.phrase(),
                task.assessment.ratings.get(dimension).value()
            )
        })
        .collect();
    if parts.is_empty() {
        "no rating at 3 or below, but its kind of work keeps a person in charge".to_string()
    } else {
        parts.join(" and ")
    }
}

/// "structured inputs (standardization 5), …": the task's ratings of 4 or more.
fn strengths(task: &AssessedTask) -> String {
    let parts: Vec<String> = Dimension::ALL
        .into_iter()
        .filter_map(|dimension| {
            let value = task.assessment.ratings.get(dimension).value();
            (value >= 4).then(|| format!("{} {value}", dimension.phrase()))
        })
        .collect();
    if parts.is_empty() {
        "its kind of work".to_string()
    } else {
        parts.join(", ")
    }
}

/// The sentence shown when `measure` (titled so) puts the occupation at `measure_percentile` and
/// the Atlas at `atlas_percentile`, more than `DISAGREEMENT_POINTS` apart.
pub fn explain(
    measure: &str,
    figure: AtlasFigure,
    measure_percentile: f64,
    atlas_percentile: f64,
    assessment: &OccupationAssessment,
) -> String {
    let ranks = format!(
        "{measure} puts this occupation at the {} percentile, the Atlas at the {}.",
        ordinal(measure_percentile),
        ordinal(atlas_percentile)
    );
    if measure_percentile > atlas_percentile {
        // The measure sees more for AI than the Atlas: name the largest task the Atlas holds back.
        let held_back = largest(assessment, |task| {
            !counts_toward(figure, task.assessment.pattern)
        });
        let why = match figure {
            AtlasFigure::Automatability => "A whole-occupation estimate of computerisation cannot see that the largest task is one where a machine should not act alone.",
            AtlasFigure::Complementarity | AtlasFigure::AiShare => "Exposure and usage count the tasks a model can help with; the Atlas also asks whether the result can be checked and an error afforded.",
        };
        match held_back {
            Some(task) => format!(
                "{ranks} The Atlas keeps “{}” ({:.0}% of the time) {}, because of {}. {why}",
                task.title,
                100.0 * task.share,
                task.assessment.pattern.phrase(),
                limits(task)
            ),
            None => format!("{ranks} {why}"),
        }
    } else {
        // The Atlas sees more for AI than the measure: name the task that adds most to its figure.
        let given = largest_contribution(assessment, figure);
        let why = match figure {
            AtlasFigure::Automatability => "A whole-occupation estimate of computerisation counts only outright replacement; the Atlas also counts the work AI does under a person's control, task by task.",
            AtlasFigure::Complementarity | AtlasFigure::AiShare => "Language-model exposure and chat use see little of work done through sensors, machines and records systems; the Atlas counts any AI role there, including checking and routing.",
        };
        match given {
            Some(task) => format!(
                "{ranks} The Atlas gives “{}” ({:.0}% of the time) the pattern {}, for {}. {why}",
                task.title,
                100.0 * task.share,
                task.assessment.pattern.phrase(),
                strengths(task)
            ),
            None => format!("{ranks} {why}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{assess_occupation, Kind, Rating, Ratings, TaskInput};

    fn ratings(values: [u8; 4]) -> Ratings {
        let [s, e, v, f] = values.map(|value| Rating::new(value).unwrap());
        Ratings::new(s, e, v, f)
    }

    fn occupation() -> OccupationAssessment {
        assess_occupation(&[
            TaskInput {
                title: "Counsel families after a diagnosis".into(),
                share: 60.0,
                kind: Kind::WorkingWithPeople,
                ratings: ratings([1, 1, 1, 2]),
            },
            TaskInput {
                title: "Enter results into the records system".into(),
                share: 40.0,
                kind: Kind::MovingInformation,
                ratings: ratings([5, 4, 5, 5]),
            },
        ])
        .unwrap()
    }

    #[test]
    fn a_measure_above_the_atlas_is_explained_by_the_largest_task_held_back() {
        let text = explain(
            "LLM exposure",
            AtlasFigure::AiShare,
            90.0,
            3.0,
            &occupation(),
        );
        assert!(
            text.contains("90th percentile, the Atlas at the 3rd"),
            "{text}"
        );
        assert!(
            text.contains("“Counsel families after a diagnosis” (60% of the time) human-led"),
            "{text}"
        );
        assert!(text.contains("error tolerance 1"), "{text}");
    }

    #[test]
    fn a_computerisation_estimate_below_the_atlas_names_the_task_ai_reads_beside_people() {
        let assessment = assess_occupation(&[
            TaskInput {
                title: "Read screening mammograms".into(),
                share: 50.0,
                kind: Kind::JudgingCases,
                ratings: ratings([5, 1, 4, 5]),
            },
            TaskInput {
                title: "Discuss findings with patients".into(),
                share: 50.0,
                kind: Kind::WorkingWithPeople,
                ratings: ratings([1, 1, 1, 2]),
            },
        ])
        .unwrap();
        let text = explain(
            "Computerisation",
            AtlasFigure::Automatability,
            3.0,
            56.0,
            &assessment,
        );
        assert!(
            text.contains(
                "“Read screening mammograms” (50% of the time) the pattern second reader"
            ),
            "{text}"
        );
        assert!(text.contains("outright replacement"), "{text}");
    }

    #[test]
    fn a_measure_below_the_atlas_is_explained_by_the_largest_task_given_to_ai() {
        let text = explain(
            "Computerisation",
            AtlasFigure::Automatability,
            5.0,
            70.0,
            &occupation(),
        );
        assert!(
            text.contains(
                "“Enter results into the records system” (40% of the time) the pattern automate"
            ),
            "{text}"
        );
        assert!(text.contains("standardization 5"), "{text}");
    }
}
