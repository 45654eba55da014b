//! Case studies (`data/cases/{slug}.toml`, shown at `/cases/{slug}`): the shape both builds
//! share. The server reads and checks the files once at start-up (`catalog::read_cases`), and
//! `atlas catalog check` checks them with the catalog.

use serde::{Deserialize, Serialize};

use crate::assess::Verdict;

/// A case study: a kind of work, what studies found about AI in it, and the model's verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStudy {
    /// The file's name without `.toml`, and the page's address.
    pub slug: String,
    pub title: String,
    pub verdict: Verdict,
    pub summary: String,
    /// O*NET-SOC codes of the curated occupations the case links to.
    pub occupations: Vec<String>,
    #[serde(default, rename = "figure")]
    pub figures: Vec<CaseFigure>,
    #[serde(default, rename = "section")]
    pub sections: Vec<CaseSection>,
    #[serde(default, rename = "source")]
    pub sources: Vec<CaseSource>,
}

/// A headline figure, with the study it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFigure {
    pub value: String,
    pub label: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// A cited publication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSource {
    pub citation: String,
    pub year: i32,
    #[serde(default)]
    pub url: Option<String>,
}
