//! Test helpers shared by the module's unit tests: literal ratings and proptest strategies.

use proptest::prelude::*;

use super::dimension::{Rating, Ratings};
use super::input::TaskInput;
use super::kind::Kind;

/// Ratings from literal (s, e, v, f) values; panics on a typo, which is what a test wants.
pub fn ratings(values: [u8; 4]) -> Ratings {
    match Ratings::from_values(values) {
        Ok(ratings) => ratings,
        Err(error) => panic!("bad test ratings {values:?}: {error}"),
    }
}

pub fn any_ratings() -> impl Strategy<Value = Ratings> {
    prop::array::uniform4(1u8..=5).prop_map(ratings)
}

/// A task of a kind with literal (s, e, v, f) ratings.
pub fn task(title: &str, share: f64, kind: Kind, values: [u8; 4]) -> TaskInput {
    TaskInput {
        title: title.to_owned(),
        share,
        kind,
        ratings: ratings(values),
    }
}

pub fn any_kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(Kind::ALL.to_vec())
}

/// Any share a client could send, including NaN, infinities, zero and negatives.
pub fn any_share() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.001f64..1e6,
        1 => prop::num::f64::ANY,
        1 => Just(0.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => -1e6f64..0.0,
    ]
}

/// Any title, including empty, whitespace-only and too long ones.
pub fn any_title() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z ]{1,40}",
        1 => "\\PC{0,250}",
        1 => "\\s{0,5}",
    ]
}

pub fn any_task_input() -> impl Strategy<Value = TaskInput> {
    (any_title(), any_share(), any_kind(), any_ratings()).prop_map(
        |(title, share, kind, ratings)| TaskInput {
            title,
            share,
            kind,
            ratings,
        },
    )
}

/// A share people would really enter: whole hours or percentages, or a plain fraction.
pub fn valid_share() -> impl Strategy<Value = f64> {
    prop_oneof![(1u32..=100).prop_map(f64::from), 0.01f64..1000.0,]
}

pub fn valid_task_input() -> impl Strategy<Value = TaskInput> {
    (valid_share(), any_kind(), any_ratings()).prop_map(|(share, kind, ratings)| TaskInput {
        title: "A task".to_owned(),
        share,
        kind,
        ratings,
    })
}

pub fn valid_tasks(max: usize) -> impl Strategy<Value = Vec<TaskInput>> {
    prop::collection::vec(valid_task_input(), 1..=max)
}

/// Each rating raised by 0..=4 steps, capped at 5.
pub fn raise(ratings: Ratings, steps: [u8; 4]) -> Ratings {
    let mut raised = ratings;
    for (dimension, rating) in ratings.iter() {
        let value = rating
            .value()
            .saturating_add(steps[dimension.index()])
            .min(5);
        raised = raised.with(dimension, Rating::new(value).unwrap_or(Rating::MAX));
    }
    raised
}
