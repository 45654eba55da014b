//! Contract types of issue #18: an occupation's published measures and employment. Mirrors of
//! `measures::{MeasureReading, Employment}`.

use serde::{Deserialize, Serialize};

use crate::measures::figures::Figures;
use crate::measures::{AtlasFigure, Employment, Match, MeasureReading};

/// The Atlas figure a measure is set beside; mirrors `measures::AtlasFigure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiAtlasFigure {
    /// The automatability index, 0–100.
    Automatability,
    /// The complementarity index, 0–100.
    Complementarity,
    /// The share of working time in any pattern but human-led, 0–100.
    AiShare,
}

impl From<AtlasFigure> for ApiAtlasFigure {
    fn from(figure: AtlasFigure) -> ApiAtlasFigure {
        match figure {
            AtlasFigure::Automatability => ApiAtlasFigure::Automatability,
            AtlasFigure::Complementarity => ApiAtlasFigure::Complementarity,
            AtlasFigure::AiShare => ApiAtlasFigure::AiShare,
        }
    }
}

/// How a figure was found for an occupation's code; mirrors `measures::Match`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiMatch {
    /// By the occupation's own code.
    Exact,
    /// The figure of the whole SOC occupation this O*NET occupation is part of.
    SocParent,
    /// The mean of the O*NET occupations inside the occupation's SOC code.
    OnetChildren,
    /// The figure of the SOC broad occupation.
    Broad,
}

impl From<Match> for ApiMatch {
    fn from(matched: Match) -> ApiMatch {
        match matched {
            Match::Exact => ApiMatch::Exact,
            Match::SocParent => ApiMatch::SocParent,
            Match::OnetChildren => ApiMatch::OnetChildren,
            Match::Broad => ApiMatch::Broad,
        }
    }
}

/// One published measure for one occupation, beside the Atlas's own figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiMeasureReading {
    /// The measure's identifier, e.g. `eloundou_beta_model`.
    pub name: String,
    pub title: String,
    /// What the number measures.
    pub what: String,
    pub citation: String,
    pub licence: String,
    /// The source's value, on its own scale.
    pub value: f64,
    /// How the value was found for this occupation's code.
    pub matched: ApiMatch,
    /// Percentile (0–100) of the value among every occupation the source rates.
    pub percentile: f64,
    /// How many occupations the source rates.
    pub covers: u64,
    /// The Atlas figure it is set beside.
    pub compare_with: ApiAtlasFigure,
    /// That Atlas figure, 0–100.
    pub atlas_value: f64,
    /// Its percentile (0–100) among the curated catalog's occupations.
    pub atlas_percentile: f64,
    /// Why the two percentiles differ by more than 40 points, drawn from the tasks; else null.
    pub disagreement: Option<String>,
}

impl From<&MeasureReading> for ApiMeasureReading {
    fn from(reading: &MeasureReading) -> ApiMeasureReading {
        ApiMeasureReading {
            name: reading.name.clone(),
            title: reading.title.clone(),
            what: reading.what.clone(),
            citation: reading.citation.clone(),
            licence: reading.licence.clone(),
            value: reading.value,
            matched: reading.matched.into(),
            percentile: round_tenth(reading.percentile),
            covers: reading.covers as u64,
            compare_with: reading.compare_with.into(),
            atlas_value: round_tenth(reading.atlas_value),
            atlas_percentile: round_tenth(reading.atlas_percentile),
            disagreement: reading.disagreement.clone(),
        }
    }
}

/// A measure's value for an occupation in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiMeasureValue {
    /// The measure's identifier.
    pub name: String,
    pub value: f64,
    /// Percentile (0–100) among every occupation the source rates.
    pub percentile: f64,
}

/// National employment and median annual wage (BLS OEWS).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiEmployment {
    /// The SOC code the figures are for.
    pub soc_code: String,
    pub matched: ApiMatch,
    /// US employment; null when BLS publishes none.
    pub employment: Option<i64>,
    /// Median annual wage in US dollars; null when top-coded or not published.
    pub median_annual_wage: Option<i64>,
    /// `top-coded` (above the highest figure BLS publishes) or `not available`; else null.
    pub wage_note: Option<String>,
    /// How many catalog occupations share these SOC figures.
    pub shared_by: u64,
    pub source: String,
}

impl From<&Employment> for ApiEmployment {
    fn from(employment: &Employment) -> ApiEmployment {
        ApiEmployment {
            soc_code: employment.soc_code.clone(),
            matched: employment.matched.into(),
            employment: employment.employment,
            median_annual_wage: employment.median_annual_wage,
            wage_note: employment.wage_note.clone(),
            shared_by: employment.shared_by as u64,
            source: employment.source.clone(),
        }
    }
}

fn round_tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The list item's published figures for `code`.
pub fn list_figures(
    figures: &Figures,
    code: &str,
) -> (Vec<ApiMeasureValue>, Option<ApiEmployment>) {
    let measures = figures
        .measures
        .iter()
        .filter_map(|measure| {
            let (value, _) = measure.find(code)?;
            Some(ApiMeasureValue {
                name: measure.info.name.clone(),
                value,
                percentile: round_tenth(measure.percentile(value)?),
            })
        })
        .collect();
    let employment = figures
        .employment_for(code)
        .as_ref()
        .map(ApiEmployment::from);
    (measures, employment)
}
