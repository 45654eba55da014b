//! The anchor texts that define what each rating means: for every dimension and every level
//! 1..=5 a short label, a behavioural description and a concrete example.
//!
//! These are the scales raters use. The rating form, the methodology page and the downloads all
//! show them, so they are written for people who have never seen the model.

use serde::Serialize;

use super::dimension::{Dimension, Rating};

/// What one level of one dimension means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub label: &'static str,
    pub description: &'static str,
    pub example: &'static str,
}

const fn anchor_text(
    label: &'static str,
    description: &'static str,
    example: &'static str,
) -> Anchor {
    Anchor {
        label,
        description,
        example,
    }
}

pub const STANDARDIZATION_ANCHORS: [Anchor; 5] = [
    anchor_text(
        "Unstructured, physical",
        "The work happens in the physical world or in open conversation. Every case is new, and nothing arrives or leaves in a fixed form.",
        "Repairing a burst pipe in an old house.",
    ),
    anchor_text(
        "Mostly physical or conversational",
        "Mostly hands-on or face to face. A few forms or checklists recur, but most of what matters is never written down in a set format.",
        "Interviewing a patient about their symptoms.",
    ),
    anchor_text(
        "Mixed",
        "Partly templated, partly free-form: there is a known structure, but much of the content is written or decided case by case.",
        "Writing a project proposal from a template.",
    ),
    anchor_text(
        "Mostly digital and structured",
        "Inputs and outputs are mostly digital fields in a known format, with some free text or exceptions that someone has to read.",
        "Processing an insurance claim form that has a notes field.",
    ),
    anchor_text(
        "Fully digital, fixed format",
        "Everything arrives and leaves digitally in a structured, fixed format. Cases differ in content, never in shape.",
        "Reading a standard screening image; categorising bank transactions.",
    ),
];

pub const ERROR_TOLERANCE_ANCHORS: [Anchor; 5] = [
    anchor_text(
        "Grave and possibly unnoticed",
        "A mistake can harm someone's life or liberty or lose a large sum, and it may go unnoticed until it is too late to act.",
        "Missing a cancer on a scan; wrongly sending someone to prison.",
    ),
    anchor_text(
        "Serious and hard to undo",
        "A mistake causes serious harm or cost. It is usually caught, but undoing it is slow, expensive or only partly possible.",
        "A flawed clause in a signed contract.",
    ),
    anchor_text(
        "Costly but put right",
        "A mistake costs money, time or trust. It is caught within days and put right.",
        "A complaint routed to the wrong department.",
    ),
    anchor_text(
        "Minor, caught quickly",
        "A mistake is minor and is caught quickly in the normal flow of work.",
        "A meeting booked at the wrong time.",
    ),
    anchor_text(
        "Cheap, undone at once",
        "A mistake costs next to nothing, is seen at once and is simply undone.",
        "A wrong product suggestion in an online shop.",
    ),
];

pub const VERIFIABILITY_ANCHORS: [Anchor; 5] = [
    anchor_text(
        "A matter of judgment",
        "Whether the work was done well is a matter of judgment, known years later if ever.",
        "Setting a company's strategy; a therapy session.",
    ),
    anchor_text(
        "Expert opinion, slow feedback",
        "Experts can judge the result but often disagree, and real feedback is slow to arrive.",
        "Grading an essay.",
    ),
    anchor_text(
        "Partly checkable",
        "Part of the result can be checked against facts, the rest is judgment; feedback comes within weeks.",
        "A quarterly sales forecast.",
    ),
    anchor_text(
        "Mostly checkable",
        "The result can mostly be checked against ground truth, and labelled outcomes exist to learn from.",
        "A screening read later confirmed or ruled out by biopsy.",
    ),
    anchor_text(
        "Objective and immediate",
        "Right or wrong is objective and known at once, and labelled examples are plentiful.",
        "A payment matched to its invoice; code passing its tests.",
    ),
];

pub const FREQUENCY_ANCHORS: [Anchor; 5] = [
    anchor_text(
        "Rare, one-off",
        "Done once or a few times a year; each occurrence is an event of its own.",
        "Choosing the site for a new plant.",
    ),
    anchor_text(
        "Monthly or per project",
        "Comes round about once a month or once per project.",
        "Drawing up the annual budget.",
    ),
    anchor_text(
        "Weekly",
        "Done every week or a few times a week.",
        "Writing the weekly team report.",
    ),
    anchor_text(
        "Daily",
        "Done every day, usually several times a day.",
        "Answering internal support tickets.",
    ),
    anchor_text(
        "Many times an hour",
        "The same decision is made many times an hour or a day.",
        "Reading screening images; scanning items at a till.",
    ),
];

/// All five anchors of one dimension, level 1 first.
pub const fn anchors(dimension: Dimension) -> &'static [Anchor; 5] {
    match dimension {
        Dimension::Standardization => &STANDARDIZATION_ANCHORS,
        Dimension::ErrorTolerance => &ERROR_TOLERANCE_ANCHORS,
        Dimension::Verifiability => &VERIFIABILITY_ANCHORS,
        Dimension::Frequency => &FREQUENCY_ANCHORS,
    }
}

/// The anchor for one level of one dimension. `Rating` is always 1..=5, so this cannot fail.
pub const fn anchor(dimension: Dimension, level: Rating) -> &'static Anchor {
    &anchors(dimension)[level.index()]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_dimension_has_five_non_empty_anchors() {
        for dimension in Dimension::ALL {
            for level in Rating::ALL {
                let text = anchor(dimension, level);
                assert!(!text.label.trim().is_empty(), "{dimension} {level} label");
                assert!(
                    !text.description.trim().is_empty(),
                    "{dimension} {level} description"
                );
                assert!(
                    !text.example.trim().is_empty(),
                    "{dimension} {level} example"
                );
            }
        }
    }

    #[test]
    fn no_two_anchors_share_a_label_description_or_example() {
        let mut labels = HashSet::new();
        let mut descriptions = HashSet::new();
        let mut examples = HashSet::new();
        for dimension in Dimension::ALL {
            for level in Rating::ALL {
                let text = anchor(dimension, level);
                assert!(labels.insert(text.label), "duplicate label {}", text.label);
                assert!(
                    descriptions.insert(text.description),
                    "duplicate description"
                );
                assert!(
                    examples.insert(text.example),
                    "duplicate example {}",
                    text.example
                );
            }
        }
        assert_eq!(labels.len(), 20);
    }

    #[test]
    fn anchor_texts_end_as_sentences_and_contain_no_table_breaking_characters() {
        for dimension in Dimension::ALL {
            for text in anchors(dimension) {
                assert!(text.description.ends_with('.'), "{}", text.description);
                assert!(text.example.ends_with('.'), "{}", text.example);
                for part in [text.label, text.description, text.example] {
                    assert!(!part.contains('|') && !part.contains('\n'), "{part}");
                }
            }
        }
    }
}
