//! Server functions: the only way pages get data. Each is thin — parse, call `db`, map — and
//! runs on the server even when called from the browser after hydration.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::browse::{CatalogOverview, FieldError, ListQuery, OccupationPage, RawListQuery};
use crate::report::{MajorGroupRef, OccupationReport};

#[cfg(feature = "ssr")]
fn state() -> Result<crate::server::AppState, ServerFnError> {
    use_context::<crate::server::AppState>()
        .ok_or_else(|| ServerFnError::new("server state is missing"))
}

#[cfg(feature = "ssr")]
fn internal(error: impl std::fmt::Display) -> ServerFnError {
    // The detail goes to the log; the page gets a generic message.
    tracing::error!(%error, "server function failed");
    ServerFnError::new("the server could not read the catalog")
}

#[server]
pub async fn load_overview() -> Result<CatalogOverview, ServerFnError> {
    crate::db::overview::catalog_overview(&state()?.pool)
        .await
        .map_err(internal)
}

/// The list page's data: the parsed query (or what is wrong with it), the page, and the groups
/// for the filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListResponse {
    pub query: Result<ListQuery, Vec<FieldError>>,
    pub page: OccupationPage,
    pub groups: Vec<MajorGroupRef>,
}

#[server]
pub async fn load_occupations(raw: RawListQuery) -> Result<ListResponse, ServerFnError> {
    let pool = state()?.pool.clone();
    let groups = crate::db::overview::major_groups(&pool)
        .await
        .map_err(internal)?;
    let query = ListQuery::parse(&raw);
    let page = match &query {
        Ok(query) => crate::db::occupations::list_occupations(&pool, query)
            .await
            .map_err(internal)?,
        Err(_) => OccupationPage {
            items: Vec::new(),
            total: 0,
            page: 1,
            per_page: crate::browse::DEFAULT_PER_PAGE,
        },
    };
    Ok(ListResponse {
        query,
        page,
        groups,
    })
}

/// One occupation, or close matches when the code is unknown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OccupationLookup {
    Found(Box<OccupationReport>),
    NotFound {
        close_matches: Vec<(String, String)>,
    },
}

#[server]
pub async fn load_occupation(
    code: String,
    source: Option<String>,
) -> Result<OccupationLookup, ServerFnError> {
    use crate::browse::SourceFilter;
    let pool = state()?.pool.clone();
    let source = match source.as_deref() {
        Some("onet") => Some(SourceFilter::Onet),
        Some("curated") => Some(SourceFilter::Curated),
        _ => None,
    };
    match crate::db::occupations::occupation_report(&pool, &code, source)
        .await
        .map_err(internal)?
    {
        Some(report) => Ok(OccupationLookup::Found(Box::new(report))),
        None => Ok(OccupationLookup::NotFound {
            close_matches: crate::db::occupations::close_matches(&pool, &code, 6)
                .await
                .map_err(internal)?,
        }),
    }
}

/// Up to four occupations side by side; unknown codes are reported, not fatal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub reports: Vec<OccupationReport>,
    pub unknown: Vec<String>,
    pub problem: Option<String>,
}

pub const MAX_COMPARE: usize = 4;

/// Splits `a,b,c` (also accepts spaces) into distinct codes, keeping order.
pub fn parse_codes(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for code in text
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|code| !code.is_empty())
    {
        if !codes.iter().any(|seen| seen == code) {
            codes.push(code.to_string());
        }
    }
    codes
}

#[server]
pub async fn load_comparison(codes: String) -> Result<Comparison, ServerFnError> {
    let pool = state()?.pool.clone();
    let codes = parse_codes(&codes);
    if codes.len() < 2 || codes.len() > MAX_COMPARE {
        return Ok(Comparison {
            reports: Vec::new(),
            unknown: Vec::new(),
            problem: Some(format!(
                "Choose 2 to {MAX_COMPARE} occupations to compare (got {}).",
                codes.len()
            )),
        });
    }
    let mut reports = Vec::new();
    let mut unknown = Vec::new();
    for code in codes {
        match crate::db::occupations::occupation_report(&pool, &code, None)
            .await
            .map_err(internal)?
        {
            Some(report) => reports.push(report),
            None => unknown.push(code),
        }
    }
    Ok(Comparison {
        reports,
        unknown,
        problem: None,
    })
}

/// The methodology document as HTML: the model and the O*NET mapping, rendered from
/// `onet::methodology_document()` (the same text as docs/METHODOLOGY.md).
#[server]
pub async fn load_methodology_html() -> Result<String, ServerFnError> {
    let markdown = crate::onet::methodology_document();
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&markdown, options),
    );
    Ok(html)
}

/// A case study from data/cases/{slug}.toml.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStudy {
    pub slug: String,
    pub title: String,
    pub verdict: crate::assess::Verdict,
    pub summary: String,
    pub occupations: Vec<String>,
    #[serde(default, rename = "figure")]
    pub figures: Vec<CaseFigure>,
    #[serde(default, rename = "section")]
    pub sections: Vec<CaseSection>,
    #[serde(default, rename = "source")]
    pub sources: Vec<CaseSource>,
}

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSource {
    pub citation: String,
    pub year: i32,
    #[serde(default)]
    pub url: Option<String>,
}

/// A case study with the titles of the occupations it links to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CasePage {
    pub case: CaseStudy,
    pub occupations: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
fn read_cases(data_dir: &std::path::Path) -> Result<Vec<CaseStudy>, String> {
    let directory = data_dir.join("cases");
    let mut paths: Vec<_> = std::fs::read_dir(&directory)
        .map_err(|error| format!("{}: {error}", directory.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("{}: {error}", path.display()))?;
            toml::from_str::<CaseStudy>(&text)
                .map_err(|error| format!("{}: {error}", path.display()))
        })
        .collect()
}

#[server]
pub async fn load_cases() -> Result<Vec<CaseStudy>, ServerFnError> {
    read_cases(&state()?.config.data_dir).map_err(internal)
}

#[server]
pub async fn load_case(slug: String) -> Result<Option<CasePage>, ServerFnError> {
    let state = state()?;
    let Some(case) = read_cases(&state.config.data_dir)
        .map_err(internal)?
        .into_iter()
        .find(|case| case.slug == slug)
    else {
        return Ok(None);
    };
    let mut occupations = Vec::new();
    for code in &case.occupations {
        if let Some(report) = crate::db::occupations::occupation_report(&state.pool, code, None)
            .await
            .map_err(internal)?
        {
            occupations.push((
                code.clone(),
                format!("{} — {}", report.title, report.assessment.verdict.label()),
            ));
        }
    }
    Ok(Some(CasePage { case, occupations }))
}
