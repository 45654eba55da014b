//! The clauses the pattern rules are built from (`F < 25`, `s ≤ 2`, `v ≥ 4`): how each is
//! tested, written as a formula, and written out with a task's own values.

use std::fmt;

use serde::Serialize;

use super::dimension::{Dimension, Ratings};
use super::score::{exact_feasibility, feasibility_product, min_product_for_feasibility, Tenths};

/// One test on a task's ratings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "test", rename_all = "snake_case")]
pub enum Clause {
    FeasibilityBelow { points: u32 },
    FeasibilityAtLeast { points: u32 },
    RatingAtMost { dimension: Dimension, rating: u8 },
    RatingEquals { dimension: Dimension, rating: u8 },
    RatingAtLeast { dimension: Dimension, rating: u8 },
}

impl Clause {
    /// Feasibility is compared through the integer product, never through a float.
    pub const fn holds(&self, ratings: &Ratings) -> bool {
        let product = feasibility_product(ratings);
        match *self {
            Clause::FeasibilityBelow { points } => product < min_product_for_feasibility(points),
            Clause::FeasibilityAtLeast { points } => product >= min_product_for_feasibility(points),
            Clause::RatingAtMost { dimension, rating } => ratings.get(dimension).value() <= rating,
            Clause::RatingEquals { dimension, rating } => ratings.get(dimension).value() == rating,
            Clause::RatingAtLeast { dimension, rating } => ratings.get(dimension).value() >= rating,
        }
    }

    /// The test filled in with a task's values: `feasibility 32.2 < 40`, `standardization 2 ≤ 2`.
    pub fn with_values<'a>(&'a self, ratings: &'a Ratings) -> impl fmt::Display + 'a {
        ClauseWithValues {
            clause: self,
            ratings,
            show_test: true,
        }
    }

    /// Just the tested quantity and its value: `feasibility 32.2`, `verifiability 2`.
    pub fn subject<'a>(&'a self, ratings: &'a Ratings) -> impl fmt::Display + 'a {
        ClauseWithValues {
            clause: self,
            ratings,
            show_test: false,
        }
    }
}

struct ClauseWithValues<'a> {
    clause: &'a Clause,
    ratings: &'a Ratings,
    show_test: bool,
}

impl fmt::Display for ClauseWithValues<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (subject, value, operator, bound): (&str, Tenths, &str, u32) = match *self.clause {
            Clause::FeasibilityBelow { points } => (
                "feasibility",
                Tenths::of(exact_feasibility(self.ratings)),
                "<",
                points,
            ),
            Clause::FeasibilityAtLeast { points } => (
                "feasibility",
                Tenths::of(exact_feasibility(self.ratings)),
                "≥",
                points,
            ),
            Clause::RatingAtMost { dimension, rating } => (
                dimension.phrase(),
                Tenths::whole(self.ratings.get(dimension).value()),
                "≤",
                u32::from(rating),
            ),
            Clause::RatingEquals { dimension, rating } => (
                dimension.phrase(),
                Tenths::whole(self.ratings.get(dimension).value()),
                "=",
                u32::from(rating),
            ),
            Clause::RatingAtLeast { dimension, rating } => (
                dimension.phrase(),
                Tenths::whole(self.ratings.get(dimension).value()),
                "≥",
                u32::from(rating),
            ),
        };
        if self.show_test {
            write!(formatter, "{subject} {value} {operator} {bound}")
        } else {
            write!(formatter, "{subject} {value}")
        }
    }
}

/// Written with the formula symbols: `F < 25`, `s ≤ 2`, `e = 3`, `v ≥ 4`.
impl fmt::Display for Clause {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Clause::FeasibilityBelow { points } => write!(formatter, "F < {points}"),
            Clause::FeasibilityAtLeast { points } => write!(formatter, "F ≥ {points}"),
            Clause::RatingAtMost { dimension, rating } => {
                write!(formatter, "{} ≤ {rating}", dimension.symbol())
            }
            Clause::RatingEquals { dimension, rating } => {
                write!(formatter, "{} = {rating}", dimension.symbol())
            }
            Clause::RatingAtLeast { dimension, rating } => {
                write!(formatter, "{} ≥ {rating}", dimension.symbol())
            }
        }
    }
}

/// True when every clause holds; an empty list always holds.
pub const fn all_hold(clauses: &[Clause], ratings: &Ratings) -> bool {
    let mut position = 0;
    while position < clauses.len() {
        if !clauses[position].holds(ratings) {
            return false;
        }
        position += 1;
    }
    true
}

/// Joins clauses with "and"; `otherwise` for none.
pub fn clauses_text(clauses: &[Clause]) -> String {
    if clauses.is_empty() {
        return "otherwise".to_owned();
    }
    clauses
        .iter()
        .map(Clause::to_string)
        .collect::<Vec<_>>()
        .join(" and ")
}
