//! What a page, a download or the API shows about one assessed occupation or custom profile:
//! the stored facts (titles, notes, tasks with their ratings, evidence) together with the
//! assessment recomputed from those ratings by `crate::assess`. Compiles for the server and the
//! browser; the browser recomputes `assessment` for what-if previews with the same code.

use serde::{Deserialize, Serialize};

use crate::assess::{
    assess_occupation, AssessError, Kind, OccupationAssessment, Ratings, TaskInput,
};

/// Where an occupation's content comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportSource {
    /// The curated catalog shipped in data/ (the project's own ratings).
    Curated,
    /// Imported from an O*NET release, e.g. "29.3"; shown with O*NET's attribution.
    Onet { release: String },
    /// A user's custom task profile.
    Profile,
}

impl ReportSource {
    /// The value used in URLs, filters and the API: `curated`, `onet` or `profile`.
    pub fn name(&self) -> &'static str {
        match self {
            ReportSource::Curated => "curated",
            ReportSource::Onet { .. } => "onet",
            ReportSource::Profile => "profile",
        }
    }
}

/// The attribution O*NET's licence (CC BY 4.0) asks for wherever imported data appears.
pub const ONET_ATTRIBUTION: &str = "This page includes information from the O*NET Database by the \
U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 \
license. O*NET® is a trademark of USDOL/ETA. Automatability Atlas has modified all or some of this \
information; USDOL/ETA has not approved, endorsed, or tested these modifications.";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MajorGroupRef {
    /// Two digits, e.g. "29".
    pub code: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub source: String,
    pub year: i32,
    pub finding: String,
    pub url: Option<String>,
}

/// One task as stored: its text, share as entered, ratings and the explanation written with them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportTask {
    pub title: String,
    /// Share of working time as entered (percent for catalog tasks); the assessment normalises.
    pub share: f64,
    /// The kind of work (model 2.0).
    pub kind: Kind,
    /// True when the kind was not stored but suggested: a profile task saved under model 1.x,
    /// re-assessed with the kind `profile::suggest` reads from its title until the user saves one.
    #[serde(default)]
    pub kind_suggested: bool,
    pub ratings: Ratings,
    /// The catalog's reason for these ratings, or the user's notes for a profile task.
    pub explanation: Option<String>,
    /// The catalog archetype the task instantiates, if any.
    pub archetype: Option<String>,
    /// Why the ratings differ from the archetype's, if they do.
    pub deviation: Option<String>,
}

/// Everything shown about one occupation or profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OccupationReport {
    /// O*NET-SOC code for occupations; `None` for profiles.
    pub code: Option<String>,
    pub title: String,
    pub major_group: Option<MajorGroupRef>,
    pub source: ReportSource,
    pub alt_titles: Vec<String>,
    /// The occupation note, or the profile's description.
    pub note: String,
    pub evidence: Vec<EvidenceItem>,
    pub tasks: Vec<ReportTask>,
    /// Recomputed from `tasks` whenever the report is built.
    pub assessment: OccupationAssessment,
    /// The catalog this came from (`None` for profiles).
    pub catalog_version: Option<String>,
    /// Published measures and employment for this occupation, attached by the server where it
    /// shows an occupation (`None` for profiles, and until attached).
    #[serde(default)]
    pub figures: Option<crate::measures::OccupationFigures>,
}

impl OccupationReport {
    /// The model's input for these tasks.
    pub fn task_inputs(tasks: &[ReportTask]) -> Vec<TaskInput> {
        tasks
            .iter()
            .map(|task| TaskInput {
                title: task.title.clone(),
                share: task.share,
                kind: task.kind,
                ratings: task.ratings,
            })
            .collect()
    }

    /// Assesses `tasks` and builds the report around them.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        code: Option<String>,
        title: String,
        major_group: Option<MajorGroupRef>,
        source: ReportSource,
        alt_titles: Vec<String>,
        note: String,
        evidence: Vec<EvidenceItem>,
        tasks: Vec<ReportTask>,
        catalog_version: Option<String>,
    ) -> Result<OccupationReport, AssessError> {
        let assessment = assess_occupation(&Self::task_inputs(&tasks))?;
        Ok(OccupationReport {
            code,
            title,
            major_group,
            source,
            alt_titles,
            note,
            evidence,
            tasks,
            assessment,
            catalog_version,
            figures: None,
        })
    }

    /// Whether any task's kind is a suggestion rather than stored (a profile saved under 1.x).
    pub fn has_suggested_kinds(&self) -> bool {
        self.tasks.iter().any(|task| task.kind_suggested)
    }

    /// Whether O*NET's attribution must be shown with this report.
    pub fn needs_onet_attribution(&self) -> bool {
        matches!(self.source, ReportSource::Onet { .. })
    }
}
