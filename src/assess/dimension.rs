//! The four rated dimensions and the validated 1–5 rating on each: `Dimension`, `Rating`, `Ratings`.
//!
//! Everything per-dimension is a fixed struct or a four-element array indexed by
//! `Dimension::index`, never a map, so adding a dimension breaks the build wherever it matters.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One of the four things every task is rated on. Declared in the canonical order used for
/// display, for ties and for the what-if search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Standardization,
    ErrorTolerance,
    Verifiability,
    Frequency,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Standardization,
        Dimension::ErrorTolerance,
        Dimension::Verifiability,
        Dimension::Frequency,
    ];

    /// Position in `Dimension::ALL`, for per-dimension arrays.
    pub const fn index(self) -> usize {
        match self {
            Dimension::Standardization => 0,
            Dimension::ErrorTolerance => 1,
            Dimension::Verifiability => 2,
            Dimension::Frequency => 3,
        }
    }

    /// The snake_case identifier used in JSON, CSV headers and URLs.
    pub const fn name(self) -> &'static str {
        match self {
            Dimension::Standardization => "standardization",
            Dimension::ErrorTolerance => "error_tolerance",
            Dimension::Verifiability => "verifiability",
            Dimension::Frequency => "frequency",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Dimension::Standardization => "Standardization",
            Dimension::ErrorTolerance => "Error tolerance",
            Dimension::Verifiability => "Verifiability",
            Dimension::Frequency => "Frequency",
        }
    }

    /// The label as it reads inside a sentence.
    pub const fn phrase(self) -> &'static str {
        match self {
            Dimension::Standardization => "standardization",
            Dimension::ErrorTolerance => "error tolerance",
            Dimension::Verifiability => "verifiability",
            Dimension::Frequency => "frequency",
        }
    }

    /// The one-letter name used in the formulas (s, e, v, f).
    pub const fn symbol(self) -> &'static str {
        match self {
            Dimension::Standardization => "s",
            Dimension::ErrorTolerance => "e",
            Dimension::Verifiability => "v",
            Dimension::Frequency => "f",
        }
    }

    /// The question a rater answers for this dimension.
    pub const fn question(self) -> &'static str {
        match self {
            Dimension::Standardization => {
                "How digital and structured are the inputs and outputs: does every case arrive and leave in the same form?"
            }
            Dimension::ErrorTolerance => {
                "What does a mistake cost, how soon is it noticed, and how easily is it put right?"
            }
            Dimension::Verifiability => {
                "Can anyone tell, objectively and soon, whether the work was done right?"
            }
            Dimension::Frequency => {
                "How often is this same kind of decision or piece of work done?"
            }
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DimensionError {
    #[error(
        "dimension: must be one of standardization, error_tolerance, verifiability, frequency"
    )]
    Unknown,
}

impl FromStr for Dimension {
    type Err = DimensionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Dimension::ALL
            .into_iter()
            .find(|dimension| dimension.name() == text)
            .ok_or(DimensionError::Unknown)
    }
}

/// A rating from 1 to 5 on one dimension, 5 being the most favourable to automation.
/// The field is private so that every `Rating` in the program is in range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum RatingError {
    #[error("must be a whole number from 1 to 5, got {value}")]
    OutOfRange { value: u8 },
}

impl Rating {
    pub const MIN: Rating = Rating(1);
    pub const MAX: Rating = Rating(5);
    pub const ALL: [Rating; 5] = [Rating(1), Rating(2), Rating(3), Rating(4), Rating(5)];

    pub const fn new(value: u8) -> Result<Rating, RatingError> {
        if value >= 1 && value <= 5 {
            Ok(Rating(value))
        } else {
            Err(RatingError::OutOfRange { value })
        }
    }

    pub const fn value(self) -> u8 {
        self.0
    }

    /// Position 0..=4, for five-element per-level arrays such as the anchors.
    pub const fn index(self) -> usize {
        (self.0 - 1) as usize
    }

    /// The rating `delta` steps away, if that is still on the scale.
    pub const fn offset(self, delta: i8) -> Option<Rating> {
        let moved = self.0 as i16 + delta as i16;
        if moved >= 1 && moved <= 5 {
            Some(Rating(moved as u8))
        } else {
            None
        }
    }
}

impl TryFrom<u8> for Rating {
    type Error = RatingError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Rating::new(value)
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> u8 {
        rating.0
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.0)
    }
}

/// The four ratings of one task. Any combination of valid ratings is a valid `Ratings`,
/// so the fields are public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    pub standardization: Rating,
    pub error_tolerance: Rating,
    pub verifiability: Rating,
    pub frequency: Rating,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum RatingsError {
    #[error("ratings.{dimension}: {reason}")]
    Rating {
        dimension: Dimension,
        reason: RatingError,
    },
}

/// How many distinct `Ratings` exist (5⁴), the size of every lookup table keyed by them.
pub const RATING_COMBINATIONS: usize = 625;

impl Ratings {
    pub const fn new(
        standardization: Rating,
        error_tolerance: Rating,
        verifiability: Rating,
        frequency: Rating,
    ) -> Ratings {
        Ratings {
            standardization,
            error_tolerance,
            verifiability,
            frequency,
        }
    }

    /// Builds ratings from plain numbers in `Dimension::ALL` order (s, e, v, f).
    pub fn from_values(values: [u8; 4]) -> Result<Ratings, RatingsError> {
        let mut ratings = [Rating::MIN; 4];
        for dimension in Dimension::ALL {
            let value = values[dimension.index()];
            ratings[dimension.index()] =
                Rating::new(value).map_err(|reason| RatingsError::Rating { dimension, reason })?;
        }
        let [standardization, error_tolerance, verifiability, frequency] = ratings;
        Ok(Ratings::new(
            standardization,
            error_tolerance,
            verifiability,
            frequency,
        ))
    }

    pub const fn get(&self, dimension: Dimension) -> Rating {
        match dimension {
            Dimension::Standardization => self.standardization,
            Dimension::ErrorTolerance => self.error_tolerance,
            Dimension::Verifiability => self.verifiability,
            Dimension::Frequency => self.frequency,
        }
    }

    /// A copy with one rating replaced.
    pub const fn with(self, dimension: Dimension, rating: Rating) -> Ratings {
        let mut changed = self;
        match dimension {
            Dimension::Standardization => changed.standardization = rating,
            Dimension::ErrorTolerance => changed.error_tolerance = rating,
            Dimension::Verifiability => changed.verifiability = rating,
            Dimension::Frequency => changed.frequency = rating,
        }
        changed
    }

    pub fn iter(&self) -> impl Iterator<Item = (Dimension, Rating)> + '_ {
        Dimension::ALL
            .into_iter()
            .map(|dimension| (dimension, self.get(dimension)))
    }

    /// Position 0..625 in a base-5 numbering (s most significant), for lookup tables.
    pub const fn ordinal(&self) -> usize {
        self.standardization.index() * 125
            + self.error_tolerance.index() * 25
            + self.verifiability.index() * 5
            + self.frequency.index()
    }

    /// The inverse of `ordinal`, wrapping modulo 625 so it is total.
    pub const fn from_ordinal(ordinal: usize) -> Ratings {
        Ratings::new(
            base5_digit(ordinal, 125),
            base5_digit(ordinal, 25),
            base5_digit(ordinal, 5),
            base5_digit(ordinal, 1),
        )
    }

    /// All 625 combinations, in ordinal order.
    pub fn every_combination() -> impl Iterator<Item = Ratings> {
        (0..RATING_COMBINATIONS).map(Ratings::from_ordinal)
    }
}

/// One base-5 digit of an ordinal as a rating; `% 5` keeps it in range for any input.
const fn base5_digit(ordinal: usize, place: usize) -> Rating {
    Rating((ordinal / place % 5) as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_outside_one_to_five_are_refused() {
        assert_eq!(Rating::new(0), Err(RatingError::OutOfRange { value: 0 }));
        assert_eq!(Rating::new(6), Err(RatingError::OutOfRange { value: 6 }));
        assert_eq!(
            Rating::new(255),
            Err(RatingError::OutOfRange { value: 255 })
        );
        for value in 1..=5 {
            assert_eq!(Rating::new(value).map(Rating::value), Ok(value));
        }
    }

    #[test]
    fn a_rating_deserializes_only_when_in_range() {
        assert_eq!(
            serde_json::from_str::<Rating>("4").ok(),
            Rating::new(4).ok()
        );
        let error = serde_json::from_str::<Rating>("7").map(|_| ()).unwrap_err();
        assert!(error
            .to_string()
            .contains("must be a whole number from 1 to 5, got 7"));
        assert!(serde_json::from_str::<Rating>("0").is_err());
        assert!(serde_json::from_str::<Rating>("-1").is_err());
        assert!(serde_json::from_str::<Rating>("2.5").is_err());
    }

    #[test]
    fn ratings_serialize_as_snake_case_numbers_and_refuse_unknown_fields() {
        let ratings = Ratings::from_values([5, 1, 4, 5]).unwrap();
        let json = serde_json::to_string(&ratings).unwrap();
        assert_eq!(
            json,
            r#"{"standardization":5,"error_tolerance":1,"verifiability":4,"frequency":5}"#
        );
        assert_eq!(serde_json::from_str::<Ratings>(&json).unwrap(), ratings);
        let extra =
            r#"{"standardization":5,"error_tolerance":1,"verifiability":4,"frequency":5,"x":1}"#;
        assert!(serde_json::from_str::<Ratings>(extra).is_err());
    }

    #[test]
    fn from_values_names_the_dimension_that_is_out_of_range() {
        let error = Ratings::from_values([3, 3, 9, 3]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "ratings.verifiability: must be a whole number from 1 to 5, got 9"
        );
    }

    #[test]
    fn get_and_with_address_the_same_field() {
        let ratings = Ratings::from_values([1, 2, 3, 4]).unwrap();
        for dimension in Dimension::ALL {
            assert_eq!(
                ratings.get(dimension).value() as usize,
                dimension.index() + 1
            );
            let changed = ratings.with(dimension, Rating::MAX);
            for other in Dimension::ALL {
                let expected = if other == dimension {
                    Rating::MAX
                } else {
                    ratings.get(other)
                };
                assert_eq!(changed.get(other), expected);
            }
        }
    }

    #[test]
    fn ordinal_numbers_all_625_combinations_once() {
        let mut seen = [false; RATING_COMBINATIONS];
        for (position, ratings) in Ratings::every_combination().enumerate() {
            assert_eq!(ratings.ordinal(), position);
            assert_eq!(Ratings::from_ordinal(position), ratings);
            seen[position] = true;
        }
        assert!(seen.iter().all(|&was_seen| was_seen));
    }

    #[test]
    fn dimension_names_round_trip_through_from_str_and_serde() {
        for dimension in Dimension::ALL {
            assert_eq!(dimension.name().parse::<Dimension>(), Ok(dimension));
            let json = serde_json::to_string(&dimension).unwrap();
            assert_eq!(json, format!("\"{}\"", dimension.name()));
            assert_eq!(dimension.to_string(), dimension.name());
        }
        assert_eq!("speed".parse::<Dimension>(), Err(DimensionError::Unknown));
    }

    #[test]
    fn offset_stays_on_the_scale() {
        assert_eq!(Rating::MIN.offset(-1), None);
        assert_eq!(Rating::MAX.offset(1), None);
        assert_eq!(Rating::MIN.offset(4), Some(Rating::MAX));
        assert_eq!(Rating::MAX.offset(i8::MIN), None);
        assert_eq!(Rating::MIN.offset(i8::MAX), None);
    }
}
