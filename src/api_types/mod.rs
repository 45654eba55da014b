//! The public JSON contract, version 1: what `/api/v1` returns and what the JSON downloads
//! contain. Compiles for the server and the browser; serde only.
//!
//! These types are deliberately separate from the domain types in `crate::assess` and
//! `crate::report`. Clients depend on every name here, so the contract changes only when this
//! folder changes: the enums mirror the model's enums and are converted with exhaustive matches, so
//! a new pattern, verdict or dimension in the model breaks the build here rather than silently
//! adding a value that clients have never seen. A test checks that every mirrored value is
//! spelled exactly as the model spells it.

use serde::{Deserialize, Serialize};

use crate::assess::{
    AssessedTask, BottleneckShare, Dimension, DimensionProfile, Pattern, PatternShares, Ratings,
    Verdict, WhatIf,
};
use crate::report::{EvidenceItem, OccupationReport, ReportSource, ReportTask, ONET_ATTRIBUTION};

/// The media type of `ApiProblem` responses (RFC 9457).
pub const PROBLEM_JSON_CONTENT_TYPE: &str = "application/problem+json";

/// Where an occupation's content comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiSource {
    /// The project's own curated catalog.
    Curated,
    /// Imported from an O*NET release (see `source_release` and `attribution`).
    Onet,
    /// A user's custom task profile.
    Profile,
}

impl ApiSource {
    pub const ALL: [ApiSource; 3] = [ApiSource::Curated, ApiSource::Onet, ApiSource::Profile];

    /// `curated`, `onet` or `profile`, as stored in the database and written in JSON.
    pub const fn name(self) -> &'static str {
        match self {
            ApiSource::Curated => "curated",
            ApiSource::Onet => "onet",
            ApiSource::Profile => "profile",
        }
    }

    /// The source with this name, if there is one.
    pub fn from_name(name: &str) -> Option<ApiSource> {
        ApiSource::ALL
            .into_iter()
            .find(|source| source.name() == name)
    }
}

/// The overall verdict for an occupation; mirrors `assess::Verdict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiVerdict {
    /// At least 60% of working time can be handed to a machine.
    Replace,
    /// Neither replace nor human-led: machines take on parts of the work.
    Complement,
    /// Not replace, and at least half of working time is human-led.
    HumanLed,
}

impl From<Verdict> for ApiVerdict {
    fn from(verdict: Verdict) -> ApiVerdict {
        match verdict {
            Verdict::Replace => ApiVerdict::Replace,
            Verdict::Complement => ApiVerdict::Complement,
            Verdict::HumanLed => ApiVerdict::HumanLed,
        }
    }
}

/// A human–machine deployment pattern; mirrors `assess::Pattern`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiPattern {
    /// The machine does the work; humans handle the exceptions.
    Automate,
    /// The machine does the work or decides; a person signs off each result.
    HumanApproves,
    /// Human and machine each read every case; disagreements go to a human.
    SecondReader,
    /// The machine orders the queue or filters the alarm stream; humans handle every case.
    Triage,
    /// The human does the work; the machine checks it afterwards.
    QualityControl,
    /// The machine drafts, suggests and retrieves; the person edits and owns the result.
    Copilot,
    /// Little for a machine to do yet.
    HumanLed,
}

impl From<Pattern> for ApiPattern {
    fn from(pattern: Pattern) -> ApiPattern {
        match pattern {
            Pattern::Automate => ApiPattern::Automate,
            Pattern::HumanApproves => ApiPattern::HumanApproves,
            Pattern::SecondReader => ApiPattern::SecondReader,
            Pattern::Triage => ApiPattern::Triage,
            Pattern::QualityControl => ApiPattern::QualityControl,
            Pattern::Copilot => ApiPattern::Copilot,
            Pattern::HumanLed => ApiPattern::HumanLed,
        }
    }
}

/// One of the four rated dimensions; mirrors `assess::Dimension`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiDimension {
    /// How digital and structured the inputs and outputs are.
    Standardization,
    /// How cheap, visible and reversible a mistake is.
    ErrorTolerance,
    /// How objectively and quickly a result can be checked.
    Verifiability,
    /// How often the same kind of work is done.
    Frequency,
}

impl From<Dimension> for ApiDimension {
    fn from(dimension: Dimension) -> ApiDimension {
        match dimension {
            Dimension::Standardization => ApiDimension::Standardization,
            Dimension::ErrorTolerance => ApiDimension::ErrorTolerance,
            Dimension::Verifiability => ApiDimension::Verifiability,
            Dimension::Frequency => ApiDimension::Frequency,
        }
    }
}

/// Fraction of working time (0..=1) under each pattern; the seven values sum to 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPatternShares {
    /// Share of working time whose tasks are `automate`.
    pub automate: f64,
    /// Share of working time whose tasks are `human_approves`.
    pub human_approves: f64,
    /// Share of working time whose tasks are `second_reader`.
    pub second_reader: f64,
    /// Share of working time whose tasks are `triage`.
    pub triage: f64,
    /// Share of working time whose tasks are `quality_control`.
    pub quality_control: f64,
    /// Share of working time whose tasks are `copilot`.
    pub copilot: f64,
    /// Share of working time whose tasks are `human_led`.
    pub human_led: f64,
}

impl From<&PatternShares> for ApiPatternShares {
    fn from(shares: &PatternShares) -> ApiPatternShares {
        ApiPatternShares {
            automate: shares.automate,
            human_approves: shares.human_approves,
            second_reader: shares.second_reader,
            triage: shares.triage,
            quality_control: shares.quality_control,
            copilot: shares.copilot,
            human_led: shares.human_led,
        }
    }
}

/// The share of working time that one dimension holds back.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiBottleneck {
    /// The dimension rated lowest (at most 3) on the tasks it holds back.
    pub dimension: ApiDimension,
    /// Fraction of working time (0..=1) spent on those tasks.
    pub share: f64,
}

impl From<&BottleneckShare> for ApiBottleneck {
    fn from(item: &BottleneckShare) -> ApiBottleneck {
        ApiBottleneck {
            dimension: item.dimension.into(),
            share: item.share,
        }
    }
}

/// Time-weighted mean rating per dimension, 1–5 with two decimals.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiDimensionProfile {
    /// Mean standardization rating.
    pub standardization: f64,
    /// Mean error tolerance rating.
    pub error_tolerance: f64,
    /// Mean verifiability rating.
    pub verifiability: f64,
    /// Mean frequency rating.
    pub frequency: f64,
}

impl From<&DimensionProfile> for ApiDimensionProfile {
    fn from(profile: &DimensionProfile) -> ApiDimensionProfile {
        ApiDimensionProfile {
            standardization: profile.standardization,
            error_tolerance: profile.error_tolerance,
            verifiability: profile.verifiability,
            frequency: profile.frequency,
        }
    }
}

/// The four ratings of a task, each a whole number from 1 to 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiRatings {
    /// 1 (unstructured, physical) to 5 (fully digital and structured).
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub standardization: u8,
    /// 1 (grave, possibly unnoticed errors) to 5 (harmless, instantly reversible errors).
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub error_tolerance: u8,
    /// 1 (no one can tell soon) to 5 (objectively and immediately checkable).
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub verifiability: u8,
    /// 1 (rare) to 5 (many times an hour or day).
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub frequency: u8,
}

impl From<&Ratings> for ApiRatings {
    fn from(ratings: &Ratings) -> ApiRatings {
        ApiRatings {
            standardization: ratings.standardization.value(),
            error_tolerance: ratings.error_tolerance.value(),
            verifiability: ratings.verifiability.value(),
            frequency: ratings.frequency.value(),
        }
    }
}

/// The smallest single-rating change that would change a task's pattern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiWhatIf {
    /// The dimension whose rating would change.
    pub dimension: ApiDimension,
    /// Its current rating.
    pub from: u8,
    /// The rating that would change the pattern.
    pub to: u8,
    /// The pattern the task would then get.
    pub new_pattern: ApiPattern,
    /// The change in words, e.g. `error tolerance 2 → 4 would make this human approves`.
    pub text: String,
}

impl From<&WhatIf> for ApiWhatIf {
    fn from(change: &WhatIf) -> ApiWhatIf {
        ApiWhatIf {
            dimension: change.dimension.into(),
            from: change.from.value(),
            to: change.to.value(),
            new_pattern: change.new_pattern.into(),
            text: change.to_string(),
        }
    }
}

/// One task of an occupation with the model's assessment of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiTask {
    /// The task as written.
    pub title: String,
    /// Fraction of working time (0..=1), normalised so that an occupation's tasks sum to 1.
    pub share: f64,
    /// The share as entered (percent for catalog tasks, any unit for profiles).
    pub share_entered: f64,
    /// The kind of work the task is; the pattern follows it and the ratings.
    pub kind: ApiKind,
    /// True when the kind was not stored but suggested from the title (a profile saved under
    /// model 1.x, or an O*NET row imported before 2.0); it is stored once the profile is saved.
    pub kind_suggested: bool,
    /// The four ratings the assessment is computed from.
    pub ratings: ApiRatings,
    /// How well a machine could learn the task, 0–100.
    pub feasibility: f64,
    /// How much harm an unsupervised machine error could do, 0–100.
    pub autonomy_risk: f64,
    /// How much of the task the recommended pattern gives a machine, 0–100: a place in the
    /// pattern's band (human-led 0–5, copilot 10–30, quality control 30–40, second reader and
    /// triage 40–55, human approves 88–94, automate 94–100).
    pub automatability: f64,
    /// Feasibility where a human must stay responsible, 0–100.
    pub complementarity: f64,
    /// The recommended deployment pattern.
    pub pattern: ApiPattern,
    /// The dimensions holding the task back (lowest rating, if at most 3); may be empty.
    pub bottleneck: Vec<ApiDimension>,
    /// The smallest change that would change the pattern; null if no single change does.
    pub what_if: Option<ApiWhatIf>,
    /// The model's explanation of the scores and the pattern.
    pub rationale: String,
    /// The catalog's reason for the ratings, or the user's notes; null if none was written.
    pub explanation: Option<String>,
}

impl ApiTask {
    /// The task as assessed, with what was stored for it (if anything) alongside.
    pub fn new(assessed: &AssessedTask, stored: Option<&ReportTask>) -> ApiTask {
        let assessment = &assessed.assessment;
        ApiTask {
            title: assessed.title.clone(),
            share: assessed.share,
            share_entered: stored.map_or(assessed.share, |task| task.share),
            kind: assessment.kind.into(),
            kind_suggested: stored.is_some_and(|task| task.kind_suggested),
            ratings: (&assessment.ratings).into(),
            feasibility: assessment.scores.feasibility,
            autonomy_risk: assessment.scores.autonomy_risk,
            automatability: assessment.scores.automatability,
            complementarity: assessment.scores.complementarity,
            pattern: assessment.pattern.into(),
            bottleneck: assessment.bottleneck.iter().map(|&d| d.into()).collect(),
            what_if: assessment.what_if.as_ref().map(ApiWhatIf::from),
            rationale: assessment.rationale.to_string(),
            explanation: stored.and_then(|task| task.explanation.clone()),
        }
    }
}

/// A published finding about automation in an occupation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiEvidence {
    /// Who published it (authors, journal or organisation).
    pub source: String,
    /// Year of publication.
    pub year: i32,
    /// What was found, in one or two sentences.
    pub finding: String,
    /// Where to read it; null if there is no stable link.
    pub url: Option<String>,
}

impl From<&EvidenceItem> for ApiEvidence {
    fn from(item: &EvidenceItem) -> ApiEvidence {
        ApiEvidence {
            source: item.source.clone(),
            year: item.year,
            finding: item.finding.clone(),
            url: item.url.clone(),
        }
    }
}

/// One occupation (or custom profile) with its full assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiOccupation {
    /// O*NET-SOC code, e.g. `29-1224.00`; null for a custom profile.
    pub code: Option<String>,
    /// The occupation's or profile's title.
    pub title: String,
    /// SOC major group, two digits, e.g. `29`; null for a custom profile.
    pub major_group: Option<String>,
    /// The major group's title; null for a custom profile.
    pub major_group_title: Option<String>,
    /// `curated`, `onet` or `profile`.
    pub source: ApiSource,
    /// The O*NET release for imported occupations; null otherwise.
    pub source_release: Option<String>,
    /// `replace`, `complement` or `human_led`.
    pub verdict: ApiVerdict,
    /// Why the verdict is what it is, naming the figures it rests on.
    pub verdict_rationale: String,
    /// How far the verdict is from the next one each way, and which single changes would flip it.
    pub verdict_margins: ApiVerdictMargins,
    /// Time-weighted task automatability, 0–100, one decimal.
    pub automatability_index: f64,
    /// Time-weighted task complementarity, 0–100, one decimal.
    pub complementarity_index: f64,
    /// Fraction of working time under each of the seven patterns.
    pub pattern_shares: ApiPatternShares,
    /// Up to three dimensions holding the most working time back, largest first.
    pub top_bottlenecks: Vec<ApiBottleneck>,
    /// Time-weighted mean rating per dimension.
    pub dimension_profile: ApiDimensionProfile,
    /// The tasks, in the order they were entered.
    pub tasks: Vec<ApiTask>,
    /// Other titles the occupation is known by.
    pub alt_titles: Vec<String>,
    /// The occupation note, or the profile's description.
    pub note: String,
    /// Published findings about automation in this occupation.
    pub evidence: Vec<ApiEvidence>,
    /// Version of the assessment model that computed these figures.
    pub model_version: String,
    /// Version of the catalog the occupation came from; null for a custom profile.
    pub catalog_version: Option<String>,
    /// Attribution that must accompany this data (O*NET's, for imported occupations); else null.
    pub attribution: Option<String>,
    /// Published measures of this occupation beside the Atlas's figures (empty for a profile).
    pub published_measures: Vec<ApiMeasureReading>,
    /// US employment and median wage (BLS OEWS); null when none are published or for a profile.
    pub employment: Option<ApiEmployment>,
}

/// The attribution a source requires, if any.
pub fn attribution_for(source: ApiSource) -> Option<String> {
    match source {
        ApiSource::Onet => Some(ONET_ATTRIBUTION.to_owned()),
        ApiSource::Curated | ApiSource::Profile => None,
    }
}

impl From<&ReportSource> for ApiSource {
    fn from(source: &ReportSource) -> ApiSource {
        match source {
            ReportSource::Curated => ApiSource::Curated,
            ReportSource::Onet { .. } => ApiSource::Onet,
            ReportSource::Profile => ApiSource::Profile,
        }
    }
}

impl From<&OccupationReport> for ApiOccupation {
    fn from(report: &OccupationReport) -> ApiOccupation {
        let assessment = &report.assessment;
        let source = ApiSource::from(&report.source);
        let source_release = match &report.source {
            ReportSource::Onet { release } => Some(release.clone()),
            ReportSource::Curated | ReportSource::Profile => None,
        };
        ApiOccupation {
            code: report.code.clone(),
            title: report.title.clone(),
            major_group: report.major_group.as_ref().map(|group| group.code.clone()),
            major_group_title: report.major_group.as_ref().map(|group| group.title.clone()),
            source,
            source_release,
            verdict: assessment.verdict.into(),
            verdict_rationale: assessment.verdict_rationale.clone(),
            verdict_margins: (&assessment.margins).into(),
            automatability_index: assessment.automatability_index,
            complementarity_index: assessment.complementarity_index,
            pattern_shares: (&assessment.pattern_shares).into(),
            top_bottlenecks: assessment.top_bottlenecks.iter().map(Into::into).collect(),
            dimension_profile: (&assessment.dimension_profile).into(),
            tasks: assessment
                .tasks
                .iter()
                .enumerate()
                .map(|(index, assessed)| ApiTask::new(assessed, report.tasks.get(index)))
                .collect(),
            alt_titles: report.alt_titles.clone(),
            note: report.note.clone(),
            evidence: report.evidence.iter().map(Into::into).collect(),
            model_version: assessment.model_version.to_string(),
            catalog_version: report.catalog_version.clone(),
            attribution: attribution_for(source),
            published_measures: report
                .figures
                .iter()
                .flat_map(|figures| figures.measures.iter().map(Into::into))
                .collect(),
            employment: report
                .figures
                .as_ref()
                .and_then(|figures| figures.employment.as_ref())
                .map(Into::into),
        }
    }
}

mod figures;
mod kinds;
mod lists;
mod plans;
mod problems;
mod profiles;
#[cfg(test)]
mod tests;

pub use figures::{
    list_figures, ApiAtlasFigure, ApiEmployment, ApiMatch, ApiMeasureReading, ApiMeasureValue,
};
pub use kinds::{ApiKind, ApiMarginMeasure, ApiVerdictFlip, ApiVerdictMargin, ApiVerdictMargins};
pub use lists::{ApiList, ApiOccupationListItem, CatalogRow};
pub use plans::{
    ApiAssumptionRequest, ApiPatternHours, ApiPilotTask, ApiPlan, ApiPlanAssessment,
    ApiPlanCreated, ApiPlanPattern, ApiPlanRequest, ApiPlanRole, ApiPlanRoleRequest, ApiPlanTotals,
};
pub use problems::{ApiFieldError, ApiProblem};
pub use profiles::{ApiProfile, ApiProfileCreated, ApiProfileRequest, ApiTaskRequest};
