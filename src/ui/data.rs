//! Server functions: the only way pages get data. Each is thin — parse, call `db`, map — and
//! runs on the server even when called from the browser after hydration. They reach the server
//! only through `server::context`, and are served under `paths::SERVER_FN_PREFIX`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::browse::{CatalogOverview, FieldError, ListQuery, OccupationPage, RawListQuery};
use crate::cases::CaseStudy;
#[cfg(feature = "ssr")]
use crate::compare::MAX_COMPARE;
use crate::report::OccupationReport;
#[cfg(feature = "ssr")]
use crate::server::context::state;

#[cfg(feature = "ssr")]
fn internal(error: impl std::fmt::Display) -> ServerFnError {
    crate::server::context::failure(error, "the server could not read the catalog")
}

#[server(prefix = "/_sf", endpoint = "load_overview")]
pub async fn load_overview() -> Result<CatalogOverview, ServerFnError> {
    let state = state()?;
    let mut overview = crate::db::overview::catalog_overview(&state.pool)
        .await
        .map_err(internal)?;
    let figures = state.figures.current(&state.pool).await.map_err(internal)?;
    overview.weighted = Some(figures.weighted()).filter(|weighted| weighted.with_figures > 0);
    Ok(overview)
}

/// The list page's data: the parsed query (or what is wrong with it) and the page. (The group
/// filter's choices are the fixed `browse::MAJOR_GROUPS`.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListResponse {
    pub query: Result<ListQuery, Vec<FieldError>>,
    pub page: OccupationPage,
}

#[server(prefix = "/_sf", endpoint = "load_occupations")]
pub async fn load_occupations(raw: RawListQuery) -> Result<ListResponse, ServerFnError> {
    let pool = state()?.pool.clone();
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
    Ok(ListResponse { query, page })
}

/// One occupation, or close matches when the code is unknown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OccupationLookup {
    Found(Box<OccupationReport>),
    NotFound {
        close_matches: Vec<(String, String)>,
    },
}

#[server(prefix = "/_sf", endpoint = "load_occupation")]
pub async fn load_occupation(
    code: String,
    source: Option<String>,
) -> Result<OccupationLookup, ServerFnError> {
    use crate::browse::SourceFilter;
    let state = state()?;
    let pool = state.pool.clone();
    let source = match source.as_deref() {
        Some("onet") => Some(SourceFilter::Onet),
        Some("curated") => Some(SourceFilter::Curated),
        _ => None,
    };
    match crate::db::occupations::occupation_report(&pool, &code, source)
        .await
        .map_err(internal)?
    {
        Some(mut report) => {
            state
                .figures
                .attach(&pool, &mut report)
                .await
                .map_err(internal)?;
            Ok(OccupationLookup::Found(Box::new(report)))
        }
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

#[server(prefix = "/_sf", endpoint = "load_comparison")]
pub async fn load_comparison(codes: String) -> Result<Comparison, ServerFnError> {
    let pool = state()?.pool.clone();
    let codes = crate::compare::parse_codes(&codes);
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
        match crate::db::occupations::occupation_report(&pool, &code.code, code.source)
            .await
            .map_err(internal)?
        {
            Some(report) => reports.push(report),
            None => unknown.push(code.to_text()),
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
#[server(prefix = "/_sf", endpoint = "load_methodology_html")]
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

/// A case study with the titles of the occupations it links to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CasePage {
    pub case: CaseStudy,
    pub occupations: Vec<(String, String)>,
}

#[server(prefix = "/_sf", endpoint = "load_cases")]
pub async fn load_cases() -> Result<Vec<CaseStudy>, ServerFnError> {
    Ok(state()?.cases.as_ref().clone())
}

#[server(prefix = "/_sf", endpoint = "load_case")]
pub async fn load_case(slug: String) -> Result<Option<CasePage>, ServerFnError> {
    let state = state()?;
    let Some(case) = state.cases.iter().find(|case| case.slug == slug).cloned() else {
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

/// The `/measures` page: every published measure against the catalog, computed from the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasuresOverview {
    pub summaries: Vec<crate::measures::MeasureSummary>,
    pub catalog_size: usize,
}

#[server(prefix = "/_sf", endpoint = "load_measures")]
pub async fn load_measures() -> Result<MeasuresOverview, ServerFnError> {
    let state = state()?;
    let figures = state.figures.current(&state.pool).await.map_err(internal)?;
    let group_title = |code: &str| {
        crate::browse::MAJOR_GROUPS
            .iter()
            .find(|(group, _)| *group == code)
            .map_or_else(|| code.to_string(), |(_, title)| title.to_string())
    };
    Ok(MeasuresOverview {
        summaries: figures.summaries(group_title),
        catalog_size: figures.atlas.len(),
    })
}
