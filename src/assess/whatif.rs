//! What-if: the smallest change to a single rating that would change a task's pattern.
//!
//! The search order is fixed so the answer is reproducible and explainable: step sizes 1, 2, 3
//! and 4; for each size raises before lowers; within each, dimensions in `Dimension::ALL` order.
//! The first change whose pattern differs is the answer.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::dimension::{Dimension, Rating, Ratings};
use super::kind::Kind;
use super::pattern::{decide, Pattern};

/// One rating changed, and the pattern the task would then get.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatIf {
    pub dimension: Dimension,
    pub from: Rating,
    pub to: Rating,
    pub new_pattern: Pattern,
}

impl WhatIf {
    /// True when the change raises the rating.
    pub fn is_raise(&self) -> bool {
        self.to > self.from
    }
}

/// `error tolerance 2 → 4 would make this human approves`: words, not identifiers, because
/// people read it on pages and in downloads.
impl fmt::Display for WhatIf {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} {} → {} would make this {}",
            self.dimension.phrase(),
            self.from,
            self.to,
            self.new_pattern.phrase()
        )
    }
}

/// Step sizes tried, smallest first; 4 is the whole width of the scale.
pub const WHAT_IF_STEP_SIZES: [i8; 4] = [1, 2, 3, 4];

/// The smallest single-rating change that changes the pattern of a task of this kind, or `None`
/// if no single change does (tasks rated so low, like all 1s, that no one rating can lift them
/// out of human-led, or costly work on loose inputs that stays copilot whatever one rating does).
/// The kind is never changed: it is what the task is, not a rating.
pub fn what_if(kind: Kind, ratings: &Ratings) -> Option<WhatIf> {
    let current = decide(kind, ratings).pattern;
    for size in WHAT_IF_STEP_SIZES {
        for delta in [size, -size] {
            for dimension in Dimension::ALL {
                let from = ratings.get(dimension);
                let Some(to) = from.offset(delta) else {
                    continue;
                };
                let new_pattern = decide(kind, &ratings.with(dimension, to)).pattern;
                if new_pattern != current {
                    return Some(WhatIf {
                        dimension,
                        from,
                        to,
                        new_pattern,
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assess::testing::{any_kind, any_ratings, ratings};

    #[test]
    fn the_what_if_text_reads_as_the_issue_writes_it() {
        let change = WhatIf {
            dimension: Dimension::ErrorTolerance,
            from: Rating::new(2).unwrap(),
            to: Rating::new(4).unwrap(),
            new_pattern: Pattern::HumanApproves,
        };
        assert_eq!(
            change.to_string(),
            "error tolerance 2 → 4 would make this human approves"
        );
        assert!(change.is_raise());
    }

    #[test]
    fn a_screening_read_becomes_a_signed_decision_when_a_miss_is_no_longer_grave() {
        // Reading screening images (judging cases, 5,1,4,5) is second_reader. s and f are
        // already 5, so error tolerance is the first dimension that can rise, and 1 → 2 (serious
        // but usually caught) lets a person sign off the machine's decision.
        let change = what_if(Kind::JudgingCases, &ratings([5, 1, 4, 5])).unwrap();
        assert_eq!(
            change.to_string(),
            "error tolerance 1 → 2 would make this human approves"
        );
        assert!(change.is_raise());
    }

    #[test]
    fn raises_are_tried_before_lowers_and_dimensions_in_order() {
        // Ordering the worklist (routing, 5,3,4,5) is triage. s is already 5, so error tolerance
        // is the first dimension that can rise, and 3 → 4 makes cheap errors with F = 91: automate.
        let change = what_if(Kind::Routing, &ratings([5, 3, 4, 5])).unwrap();
        assert_eq!(
            change.to_string(),
            "error tolerance 3 → 4 would make this automate"
        );
    }

    #[test]
    fn a_what_if_is_missing_only_when_no_single_change_moves_the_pattern() {
        for kind in Kind::ALL {
            for r in Ratings::every_combination() {
                if what_if(kind, &r).is_none() {
                    // E.g. costly drafting on loose inputs (making, 2,1,4,4) is copilot whichever
                    // one rating changes.
                    let current = decide(kind, &r).pattern;
                    for dimension in Dimension::ALL {
                        for rating in Rating::ALL {
                            assert_eq!(
                                decide(kind, &r.with(dimension, rating)).pattern,
                                current,
                                "{kind} {r:?}"
                            );
                        }
                    }
                }
            }
            assert!(what_if(kind, &ratings([1, 1, 1, 1])).is_none(), "{kind}");
            assert!(what_if(kind, &ratings([4, 3, 4, 4])).is_some(), "{kind}");
        }
    }

    fn steps(change: &WhatIf) -> i8 {
        (change.to.value() as i8 - change.from.value() as i8).abs()
    }

    proptest! {
        #[test]
        fn the_what_if_is_the_smallest_change_and_really_changes_the_pattern(kind in any_kind(), r in any_ratings()) {
            if let Some(change) = what_if(kind, &r) {
                let current = decide(kind, &r).pattern;
                prop_assert_eq!(change.from, r.get(change.dimension));
                prop_assert_ne!(change.new_pattern, current);
                prop_assert_eq!(decide(kind, &r.with(change.dimension, change.to)).pattern, change.new_pattern);
                // No smaller change moves the pattern.
                for dimension in Dimension::ALL {
                    for rating in Rating::ALL {
                        let size = (rating.value() as i8 - r.get(dimension).value() as i8).abs();
                        if size > 0 && size < steps(&change) {
                            prop_assert_eq!(decide(kind, &r.with(dimension, rating)).pattern, current);
                        }
                    }
                }
            }
        }
    }
}
