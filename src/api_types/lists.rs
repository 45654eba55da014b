//! Lists: one occupation's summary row and a page of results.

use serde::{Deserialize, Serialize};

use super::*;

/// One occupation's summary as the database stores it, for lists and catalog downloads. Filled
/// by the database layer from the summary columns of `occupations`.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogRow {
    pub code: String,
    pub title: String,
    pub major_group: String,
    pub major_group_title: String,
    pub source: ApiSource,
    pub source_release: Option<String>,
    pub verdict: Verdict,
    pub automatability_index: f64,
    pub complementarity_index: f64,
    pub dominant_pattern: Pattern,
    pub pattern_shares: PatternShares,
    pub mean_feasibility: f64,
    pub mean_autonomy_risk: f64,
    pub model_version: String,
    pub catalog_version: Option<String>,
    /// Filled by [`CatalogRow::with_figures`]; empty until then.
    pub published_measures: Vec<ApiMeasureValue>,
    pub employment: Option<ApiEmployment>,
}

impl CatalogRow {
    /// Adds the published measures and employment for this occupation.
    pub fn with_figures(mut self, figures: &crate::measures::figures::Figures) -> Self {
        let (measures, employment) = list_figures(figures, &self.code);
        self.published_measures = measures;
        self.employment = employment;
        self
    }

    /// "eloundou_beta_model=0.893 (99th percentile); …" for a spreadsheet cell.
    pub fn measures_text(&self) -> String {
        self.published_measures
            .iter()
            .map(|measure| {
                crate::measures::measure_cell(&measure.name, measure.value, measure.percentile)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// One occupation in a list: its summary figures, without tasks, note, evidence or rationale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiOccupationListItem {
    /// O*NET-SOC code, e.g. `29-1224.00`.
    pub code: String,
    /// The occupation's title.
    pub title: String,
    /// SOC major group, two digits, e.g. `29`.
    pub major_group: String,
    /// The major group's title.
    pub major_group_title: String,
    /// `curated` or `onet`.
    pub source: ApiSource,
    /// The O*NET release for imported occupations; null otherwise.
    pub source_release: Option<String>,
    /// `replace`, `complement` or `human_led`.
    pub verdict: ApiVerdict,
    /// Time-weighted task automatability, 0–100, one decimal.
    pub automatability_index: f64,
    /// Time-weighted task complementarity, 0–100, one decimal.
    pub complementarity_index: f64,
    /// The pattern with the largest share of working time.
    pub dominant_pattern: ApiPattern,
    /// Fraction of working time under each of the seven patterns.
    pub pattern_shares: ApiPatternShares,
    /// Time-weighted task feasibility, 0–100.
    pub mean_feasibility: f64,
    /// Time-weighted task autonomy risk, 0–100.
    pub mean_autonomy_risk: f64,
    /// Version of the assessment model that computed these figures.
    pub model_version: String,
    /// Version of the catalog the occupation came from.
    pub catalog_version: Option<String>,
    /// Attribution that must accompany this data (O*NET's, for imported occupations); else null.
    pub attribution: Option<String>,
    /// Published measures of this occupation: value and percentile.
    pub published_measures: Vec<ApiMeasureValue>,
    /// US employment and median wage (BLS OEWS); null when none are published.
    pub employment: Option<ApiEmployment>,
}

impl From<&CatalogRow> for ApiOccupationListItem {
    fn from(row: &CatalogRow) -> ApiOccupationListItem {
        ApiOccupationListItem {
            code: row.code.clone(),
            title: row.title.clone(),
            major_group: row.major_group.clone(),
            major_group_title: row.major_group_title.clone(),
            source: row.source,
            source_release: row.source_release.clone(),
            verdict: row.verdict.into(),
            automatability_index: row.automatability_index,
            complementarity_index: row.complementarity_index,
            dominant_pattern: row.dominant_pattern.into(),
            pattern_shares: (&row.pattern_shares).into(),
            mean_feasibility: row.mean_feasibility,
            mean_autonomy_risk: row.mean_autonomy_risk,
            model_version: row.model_version.clone(),
            catalog_version: row.catalog_version.clone(),
            attribution: attribution_for(row.source),
            published_measures: row.published_measures.clone(),
            employment: row.employment.clone(),
        }
    }
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiList<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// How many items match, on all pages together.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u32,
    /// The most items a page holds.
    pub per_page: u32,
}
