//! The snapshot of published figures the server answers from: every measure's values, the
//! employment figures and the catalog's own summary figures, with the percentiles,
//! correlations and weighted totals computed from them. Built by `db::measures::snapshot`;
//! pure.

use std::collections::HashMap;

use crate::assess::{OccupationAssessment, Pattern, Verdict};

use super::codes::{self, Match};
use super::stats::{percentile_rank, sorted_population, spearman};
use super::{
    reasons, AtlasFigure, Correlation, Employment, GroupCorrelation, MeasureInfo, MeasurePoint,
    MeasureReading, MeasureSummary, OccupationFigures, WeightedFigures, WeightedRow,
    DISAGREEMENT_POINTS, HOURS_PER_WORKER_YEAR, MIN_GROUP_SIZE,
};

/// The lowest wage BLS top-codes (May 2024): a top-coded median counts as this in wage bills.
pub const TOP_CODED_WAGE: f64 = 239_200.0;

/// One measure's values, by normalised code.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureData {
    pub info: MeasureInfo,
    pub values: HashMap<String, f64>,
    sorted: Vec<f64>,
}

impl MeasureData {
    pub fn new(info: MeasureInfo, values: HashMap<String, f64>) -> MeasureData {
        let sorted = sorted_population(values.values().copied());
        MeasureData {
            info,
            values,
            sorted,
        }
    }

    /// The value for the Atlas occupation `code`, and how it was found.
    pub fn find(&self, code: &str) -> Option<(f64, Match)> {
        codes::find(code, &self.values, codes::mean, false)
    }

    /// The percentile of `value` among everything the source rates.
    pub fn percentile(&self, value: f64) -> Option<f64> {
        percentile_rank(value, &self.sorted)
    }
}

/// One BLS row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EmploymentRow {
    pub employment: Option<i64>,
    pub median_annual_wage: Option<i64>,
    pub top_coded: bool,
}

/// A curated catalog occupation's stored summary.
#[derive(Clone, Debug, PartialEq)]
pub struct AtlasEntry {
    pub code: String,
    pub title: String,
    pub major_group: String,
    pub verdict: Verdict,
    pub automatability: f64,
    pub complementarity: f64,
    /// Shares of time (0–1) by `Pattern::level`.
    pub pattern_shares: [f64; 7],
}

impl AtlasEntry {
    pub fn figure(&self, figure: AtlasFigure) -> f64 {
        figure.from_summary(
            self.automatability,
            self.complementarity,
            self.pattern_shares[0],
        )
    }
}

/// Everything published, with the catalog it is compared with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub measures: Vec<MeasureData>,
    pub employment: HashMap<String, EmploymentRow>,
    /// The citation shown beside employment figures; `None` when none are loaded.
    pub employment_source: Option<String>,
    /// BLS's total of all occupations, if the file had it.
    pub all_workers: Option<i64>,
    pub atlas: Vec<AtlasEntry>,
    atlas_sorted: [Vec<f64>; 3],
    /// Catalog occupations per SOC code of their employment figures.
    employment_sharing: HashMap<String, usize>,
}

fn figure_index(figure: AtlasFigure) -> usize {
    match figure {
        AtlasFigure::Automatability => 0,
        AtlasFigure::Complementarity => 1,
        AtlasFigure::AiShare => 2,
    }
}

impl Figures {
    pub fn new(
        measures: Vec<MeasureData>,
        employment: HashMap<String, EmploymentRow>,
        employment_source: Option<String>,
        all_workers: Option<i64>,
        atlas: Vec<AtlasEntry>,
    ) -> Figures {
        let atlas_sorted = AtlasFigure::ALL
            .map(|figure| sorted_population(atlas.iter().map(|entry| entry.figure(figure))));
        let mut figures = Figures {
            measures,
            employment,
            employment_source,
            all_workers,
            atlas,
            atlas_sorted,
            employment_sharing: HashMap::new(),
        };
        let mut sharing = HashMap::new();
        for entry in &figures.atlas {
            if let Some((soc, _, _)) = figures.find_employment(&entry.code) {
                *sharing.entry(soc).or_insert(0) += 1;
            }
        }
        figures.employment_sharing = sharing;
        figures
    }

    /// The employment row for an Atlas code: its SOC code (or broad code), the row, the match.
    fn find_employment(&self, code: &str) -> Option<(String, EmploymentRow, Match)> {
        let soc = codes::soc_of(code).to_string();
        if let Some(row) = self.employment.get(&soc) {
            let whole = code.ends_with(".00") || code == soc;
            let matched = if whole {
                Match::Exact
            } else {
                Match::SocParent
            };
            return Some((soc, *row, matched));
        }
        let broad = codes::broad_of(&soc);
        self.employment
            .get(&broad)
            .map(|row| (broad, *row, Match::Broad))
    }

    /// How many people the occupation `code` employs and what they earn.
    pub fn employment_for(&self, code: &str) -> Option<Employment> {
        let (soc_code, row, matched) = self.find_employment(code)?;
        Some(Employment {
            shared_by: self
                .employment_sharing
                .get(&soc_code)
                .copied()
                .unwrap_or(1)
                .max(1),
            soc_code,
            matched,
            employment: row.employment,
            median_annual_wage: row.median_annual_wage,
            wage_note: if row.top_coded {
                Some("top-coded".to_string())
            } else if row.median_annual_wage.is_none() {
                Some("not available".to_string())
            } else {
                None
            },
            source: self.employment_source.clone().unwrap_or_default(),
        })
    }

    fn atlas_percentile(&self, figure: AtlasFigure, value: f64) -> Option<f64> {
        percentile_rank(value, &self.atlas_sorted[figure_index(figure)])
    }

    /// Everything published about the occupation `code`, assessed as `assessment`.
    pub fn for_occupation(
        &self,
        code: &str,
        assessment: &OccupationAssessment,
    ) -> OccupationFigures {
        let measures = self
            .measures
            .iter()
            .filter_map(|measure| {
                let (value, matched) = measure.find(code)?;
                let percentile = measure.percentile(value)?;
                let figure = measure.info.compare_with;
                let atlas_value = figure.of(assessment);
                let atlas_percentile = self.atlas_percentile(figure, atlas_value)?;
                let disagreement = ((percentile - atlas_percentile).abs() > DISAGREEMENT_POINTS)
                    .then(|| {
                        reasons::explain(
                            &measure.info.title,
                            figure,
                            percentile,
                            atlas_percentile,
                            assessment,
                        )
                    });
                Some(MeasureReading {
                    name: measure.info.name.clone(),
                    title: measure.info.title.clone(),
                    what: measure.info.what.clone(),
                    citation: measure.info.citation.clone(),
                    licence: measure.info.licence.clone(),
                    value,
                    matched,
                    percentile,
                    covers: measure.values.len(),
                    compare_with: figure,
                    atlas_value,
                    atlas_percentile,
                    disagreement,
                })
            })
            .collect();
        OccupationFigures {
            employment: self.employment_for(code),
            measures,
            atlas_population: self.atlas.len(),
        }
    }

    /// Each measure against the catalog: coverage, correlations overall and by major group, the
    /// scatter's points and the largest disagreements. `group_title` names a major group.
    pub fn summaries(&self, group_title: impl Fn(&str) -> String) -> Vec<MeasureSummary> {
        self.measures
            .iter()
            .map(|measure| self.summary(measure, &group_title))
            .collect()
    }

    fn summary(
        &self,
        measure: &MeasureData,
        group_title: &impl Fn(&str) -> String,
    ) -> MeasureSummary {
        let figure = measure.info.compare_with;
        let covered: Vec<(&AtlasEntry, f64, Match)> = self
            .atlas
            .iter()
            .filter_map(|entry| {
                measure
                    .find(&entry.code)
                    .map(|(value, matched)| (entry, value, matched))
            })
            .collect();
        let values: Vec<f64> = covered.iter().map(|(_, value, _)| *value).collect();
        let correlations = AtlasFigure::ALL
            .into_iter()
            .map(|figure| {
                let atlas: Vec<f64> = covered
                    .iter()
                    .map(|(entry, _, _)| entry.figure(figure))
                    .collect();
                Correlation {
                    figure,
                    rho: spearman(&values, &atlas),
                    pairs: values.len(),
                }
            })
            .collect();
        let mut groups: Vec<&str> = covered
            .iter()
            .map(|(entry, _, _)| entry.major_group.as_str())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let by_group = groups
            .into_iter()
            .map(|group| {
                let (values, atlas): (Vec<f64>, Vec<f64>) = covered
                    .iter()
                    .filter(|(entry, _, _)| entry.major_group == group)
                    .map(|(entry, value, _)| (*value, entry.figure(figure)))
                    .unzip();
                GroupCorrelation {
                    group: group.to_string(),
                    title: group_title(group),
                    rho: (values.len() >= MIN_GROUP_SIZE)
                        .then(|| spearman(&values, &atlas))
                        .flatten(),
                    pairs: values.len(),
                }
            })
            .collect();
        let points: Vec<MeasurePoint> = covered
            .iter()
            .filter_map(|(entry, value, _)| {
                Some(MeasurePoint {
                    code: entry.code.clone(),
                    title: entry.title.clone(),
                    value: *value,
                    percentile: measure.percentile(*value)?,
                    atlas_percentile: self.atlas_percentile(figure, entry.figure(figure))?,
                })
            })
            .collect();
        let mut disagreements: Vec<MeasurePoint> = points
            .iter()
            .filter(|point| (point.percentile - point.atlas_percentile).abs() > DISAGREEMENT_POINTS)
            .cloned()
            .collect();
        disagreements.sort_by(|a, b| {
            let gap = |point: &MeasurePoint| (point.percentile - point.atlas_percentile).abs();
            gap(b).total_cmp(&gap(a)).then_with(|| a.code.cmp(&b.code))
        });
        disagreements.truncate(10);
        MeasureSummary {
            info: measure.info.clone(),
            covered: covered.len(),
            catalog_size: self.atlas.len(),
            crosswalked: covered
                .iter()
                .filter(|(_, _, matched)| *matched != Match::Exact)
                .count(),
            correlations,
            by_group,
            points,
            disagreements,
        }
    }

    /// Workers, wage bill and hours of work over the catalog, by verdict and by pattern. An
    /// occupation sharing its SOC figures with others of the catalog counts for its part.
    pub fn weighted(&self) -> WeightedFigures {
        let mut by_verdict: Vec<WeightedRow> = Verdict::ALL
            .iter()
            .rev()
            .map(|verdict| WeightedRow {
                name: verdict.name().to_string(),
                label: verdict.label().to_string(),
                workers: 0.0,
                wage_bill: 0.0,
                hours: 0.0,
            })
            .collect();
        let mut by_pattern: Vec<WeightedRow> = Pattern::ALL
            .iter()
            .rev()
            .map(|pattern| WeightedRow {
                name: pattern.name().to_string(),
                label: pattern.label().to_string(),
                workers: 0.0,
                wage_bill: 0.0,
                hours: 0.0,
            })
            .collect();
        let (mut with_figures, mut catalog_workers) = (0, 0.0);
        for entry in &self.atlas {
            let Some(employment) = self.employment_for(&entry.code) else {
                continue;
            };
            let Some(workers) = employment.employment else {
                continue;
            };
            with_figures += 1;
            let workers = workers as f64 / employment.shared_by as f64;
            let wage = match (
                employment.median_annual_wage,
                employment.wage_note.as_deref(),
            ) {
                (Some(wage), _) => wage as f64,
                (None, Some("top-coded")) => TOP_CODED_WAGE,
                _ => 0.0,
            };
            catalog_workers += workers;
            let row = &mut by_verdict[Verdict::ALL.len() - 1 - verdict_index(entry.verdict)];
            row.workers += workers;
            row.wage_bill += workers * wage;
            row.hours += workers * HOURS_PER_WORKER_YEAR;
            for pattern in Pattern::ALL {
                let share = entry.pattern_shares[usize::from(pattern.level())];
                let row = &mut by_pattern[Pattern::ALL.len() - 1 - usize::from(pattern.level())];
                row.workers += workers * share;
                row.wage_bill += workers * share * wage;
                row.hours += workers * share * HOURS_PER_WORKER_YEAR;
            }
        }
        WeightedFigures {
            by_verdict,
            by_pattern,
            with_figures,
            without_figures: self.atlas.len() - with_figures,
            catalog_workers,
            all_workers: self.all_workers.map(|workers| workers as f64),
            source: self.employment_source.clone().unwrap_or_default(),
        }
    }
}

fn verdict_index(verdict: Verdict) -> usize {
    Verdict::ALL
        .iter()
        .position(|&other| other == verdict)
        .unwrap_or(0)
}
