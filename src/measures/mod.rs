//! Published occupation measures and employment beside the Atlas's own figures (issue #18).
//!
//! A *measure* is one number per occupation from a published study: LLM exposure (Eloundou et
//! al.), observed AI use (Microsoft's applicability score, Anthropic's observed exposure),
//! probability of computerisation (Frey & Osborne). The Atlas never adjusts its ratings toward
//! any of them: this module places each measure's value among the occupations it covers, sets it
//! beside the Atlas figure it is comparable with, and, where the two disagree by more than
//! [`DISAGREEMENT_POINTS`] percentile points, says why from the occupation's tasks.
//!
//! Everything here is pure and compiles for both builds: `figures::Figures` is the snapshot the
//! server builds from the database (`db::measures`), and the types below are what pages, the API
//! and downloads show.

pub mod codes;
pub mod figures;
#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod import;
pub mod reasons;
pub mod stats;

use serde::{Deserialize, Serialize};

pub use codes::Match;

/// A measure and the Atlas disagree when their percentiles differ by more than this.
pub const DISAGREEMENT_POINTS: f64 = 40.0;
/// A major group's correlation is shown only when it has at least this many occupations.
pub const MIN_GROUP_SIZE: usize = 8;
/// Full-time hours in a working year (52 weeks × 40 hours): employment × this × time share gives
/// the hours of work the home page attributes to each pattern.
pub const HOURS_PER_WORKER_YEAR: f64 = 2080.0;

/// The Atlas figures a measure can be set beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AtlasFigure {
    /// The automatability index, 0–100: how much of the work AI should take over.
    Automatability,
    /// The complementarity index, 0–100: how much AI should assist people in it.
    Complementarity,
    /// The share of working time in any pattern but human-led, 0–100: where AI takes a part at
    /// all. The counterpart of an exposure measure, which counts the tasks AI could touch.
    AiShare,
}

impl AtlasFigure {
    pub const ALL: [AtlasFigure; 3] = [
        AtlasFigure::Automatability,
        AtlasFigure::Complementarity,
        AtlasFigure::AiShare,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            AtlasFigure::Automatability => "automatability",
            AtlasFigure::Complementarity => "complementarity",
            AtlasFigure::AiShare => "ai_share",
        }
    }

    pub fn from_name(name: &str) -> Option<AtlasFigure> {
        AtlasFigure::ALL
            .into_iter()
            .find(|figure| figure.name() == name)
    }

    pub const fn label(self) -> &'static str {
        match self {
            AtlasFigure::Automatability => "Atlas automatability",
            AtlasFigure::Complementarity => "Atlas complementarity",
            AtlasFigure::AiShare => "Atlas share of time with an AI role",
        }
    }

    /// This figure of an assessed occupation, 0–100.
    pub fn of(self, assessment: &crate::assess::OccupationAssessment) -> f64 {
        self.from_summary(
            assessment.automatability_index,
            assessment.complementarity_index,
            assessment.pattern_shares.human_led,
        )
    }

    /// This figure from an occupation's stored summary (indices 0–100, human-led share 0–1).
    pub fn from_summary(self, automatability: f64, complementarity: f64, human_led: f64) -> f64 {
        match self {
            AtlasFigure::Automatability => automatability,
            AtlasFigure::Complementarity => complementarity,
            AtlasFigure::AiShare => (100.0 * (1.0 - human_led)).clamp(0.0, 100.0),
        }
    }
}

/// Where a measure's description and figures come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureOrigin {
    /// Shipped in `data/measures/`, written by `scripts/measures/write_figures.py`.
    Shipped,
    /// Imported from a user's file with `atlas import measures`.
    Imported,
}

/// A measure as described to users: what it is, how it was made, and whose it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureInfo {
    pub name: String,
    pub title: String,
    /// One line: what the number measures.
    pub what: String,
    /// How it was made.
    pub method: String,
    pub citation: String,
    pub version: String,
    pub licence: String,
    pub url: Option<String>,
    /// The Atlas figure it is set beside on occupation pages.
    pub compare_with: AtlasFigure,
    pub origin: MeasureOrigin,
    /// How many occupations the source rates (its own codes).
    pub value_count: usize,
}

/// One measure on one occupation's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureReading {
    pub name: String,
    pub title: String,
    pub what: String,
    pub citation: String,
    pub licence: String,
    /// The source's value, on its own scale.
    pub value: f64,
    /// How the value was found for this occupation's code.
    pub matched: Match,
    /// Percentile of the value among every occupation the source rates (0–100).
    pub percentile: f64,
    /// How many occupations the source rates.
    pub covers: usize,
    pub compare_with: AtlasFigure,
    /// The Atlas figure, 0–100.
    pub atlas_value: f64,
    /// Percentile of the Atlas figure among the catalog's occupations (0–100).
    pub atlas_percentile: f64,
    /// Why the two differ by more than [`DISAGREEMENT_POINTS`] percentile points, if they do.
    pub disagreement: Option<String>,
}

impl MeasureReading {
    /// The measure's percentile minus the Atlas's.
    pub fn gap(&self) -> f64 {
        self.percentile - self.atlas_percentile
    }
}

/// How many people an occupation employs and what they earn (BLS OEWS).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Employment {
    /// The SOC code the figures are for.
    pub soc_code: String,
    pub matched: Match,
    pub employment: Option<i64>,
    pub median_annual_wage: Option<i64>,
    /// Why the wage is missing ("top-coded": above the highest figure BLS publishes).
    pub wage_note: Option<String>,
    /// How many occupations of the catalog share these figures (O*NET splits some SOC
    /// occupations); weighted totals divide the employment among them.
    pub shared_by: usize,
    pub source: String,
}

/// Everything published about one occupation. `None` figures are said as "no figures".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OccupationFigures {
    pub employment: Option<Employment>,
    pub measures: Vec<MeasureReading>,
    /// How many catalog occupations the Atlas percentiles are among.
    pub atlas_population: usize,
}

/// A correlation with its number of pairs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correlation {
    pub figure: AtlasFigure,
    pub rho: Option<f64>,
    pub pairs: usize,
}

/// A measure's correlation with its Atlas figure within one major group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCorrelation {
    pub group: String,
    pub title: String,
    pub rho: Option<f64>,
    pub pairs: usize,
}

/// One catalog occupation a measure covers, as the scatter and the disagreement list show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasurePoint {
    pub code: String,
    pub title: String,
    pub value: f64,
    pub percentile: f64,
    pub atlas_percentile: f64,
}

/// One measure on the `/measures` page: everything computed from the data at request time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureSummary {
    pub info: MeasureInfo,
    /// Catalog occupations the measure covers, and how many the catalog has.
    pub covered: usize,
    pub catalog_size: usize,
    /// Covered through a crosswalk rather than by the occupation's own code.
    pub crosswalked: usize,
    pub correlations: Vec<Correlation>,
    pub by_group: Vec<GroupCorrelation>,
    pub points: Vec<MeasurePoint>,
    /// The largest gaps between the two percentiles, largest first (at most ten).
    pub disagreements: Vec<MeasurePoint>,
}

/// Workers, wage bill and hours, by verdict or pattern, over the catalog occupations with
/// employment figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeightedRow {
    /// A verdict's or pattern's name.
    pub name: String,
    pub label: String,
    pub workers: f64,
    /// Employment × median annual wage, dollars.
    pub wage_bill: f64,
    /// Employment × time share × [`HOURS_PER_WORKER_YEAR`].
    pub hours: f64,
}

/// The home page's employment-weighted figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WeightedFigures {
    pub by_verdict: Vec<WeightedRow>,
    pub by_pattern: Vec<WeightedRow>,
    /// Catalog occupations with and without employment figures.
    pub with_figures: usize,
    pub without_figures: usize,
    /// Workers in the catalog's occupations, and in all occupations (BLS's total), if known.
    pub catalog_workers: f64,
    pub all_workers: Option<f64>,
    pub source: String,
}

/// 1234567 → "1,234,567".
pub fn with_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A measure in a spreadsheet cell: "eloundou_beta_model=0.893 (99th percentile)".
pub fn measure_cell(name: &str, value: f64, percentile: f64) -> String {
    format!("{name}={value} ({} percentile)", ordinal(percentile))
}

/// A percentile as an ordinal: 81.4 → "81st", 2 → "2nd", 12 → "12th".
pub fn ordinal(percentile: f64) -> String {
    let whole = percentile.round().clamp(0.0, 100.0) as u32;
    let suffix = match (whole % 10, whole % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{whole}{suffix}")
}

impl Employment {
    /// "26,290", or "not published".
    pub fn workers_text(&self) -> String {
        self.employment
            .map_or_else(|| "not published".to_string(), with_thousands)
    }

    /// "$81,680", "above $239,200 (BLS publishes no higher figure)" or "not published".
    pub fn wage_text(&self) -> String {
        match (self.median_annual_wage, self.wage_note.as_deref()) {
            (Some(wage), _) => format!("${}", with_thousands(wage)),
            (None, Some("top-coded")) => {
                "$239,200 or more (BLS publishes no higher figure)".to_string()
            }
            _ => "not published (BLS gives only hourly wages for some occupations)".to_string(),
        }
    }

    /// How the figures were found, when not by the occupation's own code.
    pub fn match_note(&self) -> Option<String> {
        let shared = (self.shared_by > 1).then(|| {
            format!(
                "shared by {} occupations of the catalog in SOC {}",
                self.shared_by, self.soc_code
            )
        });
        match (self.matched, shared) {
            (Match::Exact, None) => None,
            (Match::Exact, Some(shared)) => Some(shared),
            (matched, None) => Some(format!("{} ({})", matched.describe(), self.soc_code)),
            (matched, Some(shared)) => Some(format!("{}; {shared}", matched.describe())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(with_thousands(154_187_380), "154,187,380");
        assert_eq!(with_thousands(999), "999");
        assert_eq!(with_thousands(-1000), "-1,000");
        assert_eq!(ordinal(81.4), "81st");
        assert_eq!(ordinal(12.0), "12th");
        assert_eq!(ordinal(2.2), "2nd");
        assert_eq!(ordinal(73.0), "73rd");
        assert_eq!(ordinal(100.0), "100th");
    }

    #[test]
    fn the_ai_share_is_the_time_not_human_led() {
        assert_eq!(AtlasFigure::AiShare.from_summary(50.0, 20.0, 0.25), 75.0);
        assert_eq!(
            AtlasFigure::Automatability.from_summary(50.0, 20.0, 0.25),
            50.0
        );
        for figure in AtlasFigure::ALL {
            assert_eq!(AtlasFigure::from_name(figure.name()), Some(figure));
        }
    }
}
