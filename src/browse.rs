//! The occupation list's query: what the URL of `/occupations` (and `/api/v1/occupations`) may
//! say, parsed into a typed query with a clear message per bad parameter, and written back into a
//! URL so that every view can be bookmarked and shared. Compiles for the server and the browser.

use serde::{Deserialize, Serialize};

use crate::assess::{Pattern, PatternShares, Verdict};

pub const DEFAULT_PER_PAGE: u32 = 25;

/// The 22 SOC 2018 major groups (code, title): fixed facts, so the filter form needs no query.
pub const MAJOR_GROUPS: [(&str, &str); 22] = [
    ("11", "Management Occupations"),
    ("13", "Business and Financial Operations Occupations"),
    ("15", "Computer and Mathematical Occupations"),
    ("17", "Architecture and Engineering Occupations"),
    ("19", "Life, Physical, and Social Science Occupations"),
    ("21", "Community and Social Service Occupations"),
    ("23", "Legal Occupations"),
    ("25", "Educational Instruction and Library Occupations"),
    (
        "27",
        "Arts, Design, Entertainment, Sports, and Media Occupations",
    ),
    ("29", "Healthcare Practitioners and Technical Occupations"),
    ("31", "Healthcare Support Occupations"),
    ("33", "Protective Service Occupations"),
    ("35", "Food Preparation and Serving Related Occupations"),
    (
        "37",
        "Building and Grounds Cleaning and Maintenance Occupations",
    ),
    ("39", "Personal Care and Service Occupations"),
    ("41", "Sales and Related Occupations"),
    ("43", "Office and Administrative Support Occupations"),
    ("45", "Farming, Fishing, and Forestry Occupations"),
    ("47", "Construction and Extraction Occupations"),
    ("49", "Installation, Maintenance, and Repair Occupations"),
    ("51", "Production Occupations"),
    ("53", "Transportation and Material Moving Occupations"),
];
pub const MAX_PER_PAGE: u32 = 100;
pub const MAX_QUERY_CHARS: usize = 200;
/// The last page number a list query accepts (a far larger page count than any catalog needs).
pub const MAX_PAGE: u32 = 100_000;

/// The query parameters exactly as they arrived (all optional strings).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawListQuery {
    pub q: Option<String>,
    pub group: Option<String>,
    pub verdict: Option<String>,
    pub pattern: Option<String>,
    pub source: Option<String>,
    pub sort: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// Which occupations to show by origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFilter {
    Curated,
    Onet,
}

impl SourceFilter {
    pub const ALL: [SourceFilter; 2] = [SourceFilter::Curated, SourceFilter::Onet];
    pub const fn name(self) -> &'static str {
        match self {
            SourceFilter::Curated => "curated",
            SourceFilter::Onet => "onet",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            SourceFilter::Curated => "Curated catalog",
            SourceFilter::Onet => "O*NET import",
        }
    }
}

/// The list's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (the default when searching).
    Relevance,
    /// A–Z (the default otherwise).
    Title,
    Code,
    /// Most automatable first.
    Automatability,
    /// Most complementary first.
    Complementarity,
    /// Most US workers first (BLS OEWS).
    Employment,
    /// Highest median annual wage first (BLS OEWS; top-coded wages count as unknown).
    Wage,
}

impl Sort {
    pub const ALL: [Sort; 7] = [
        Sort::Relevance,
        Sort::Title,
        Sort::Code,
        Sort::Automatability,
        Sort::Complementarity,
        Sort::Employment,
        Sort::Wage,
    ];
    pub const fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Title => "title",
            Sort::Code => "code",
            Sort::Automatability => "automatability",
            Sort::Complementarity => "complementarity",
            Sort::Employment => "employment",
            Sort::Wage => "wage",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "Best match",
            Sort::Title => "Title (A–Z)",
            Sort::Code => "Code",
            Sort::Automatability => "Most automatable",
            Sort::Complementarity => "Most complementary",
            Sort::Employment => "Most workers",
            Sort::Wage => "Highest median wage",
        }
    }
}

/// A validated list query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    /// Search text, trimmed; `None` when empty.
    pub q: Option<String>,
    /// Two-digit SOC major group.
    pub group: Option<String>,
    pub verdict: Option<Verdict>,
    /// Dominant pattern (the pattern with the largest share of working time).
    pub pattern: Option<Pattern>,
    pub source: Option<SourceFilter>,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            q: None,
            group: None,
            verdict: None,
            pattern: None,
            source: None,
            sort: Sort::Title,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

/// One bad query parameter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

fn field_error(field: &str, message: String) -> FieldError {
    FieldError {
        field: field.to_string(),
        message,
    }
}

/// A non-empty, trimmed value, or `None`.
fn present(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter()
        .map(|item| name(*item))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The search text, trimmed; `None` when empty.
fn search_text(value: &Option<String>, errors: &mut Vec<FieldError>) -> Option<String> {
    let q = present(value).map(str::to_string);
    if q.as_ref()
        .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
    {
        errors.push(field_error(
            "q",
            format!("must be at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    q
}

/// A two-digit SOC major group: 11 to 55, odd.
fn major_group(value: &Option<String>, errors: &mut Vec<FieldError>) -> Option<String> {
    let group = present(value)?;
    let valid = group.len() == 2
        && group.bytes().all(|byte| byte.is_ascii_digit())
        && group
            .parse::<u8>()
            .is_ok_and(|number| (11..=55).contains(&number) && number % 2 == 1);
    if !valid {
        errors.push(field_error(
            "group",
            format!("{group:?} is not a SOC major group (two digits, 11 to 55, odd)"),
        ));
    }
    Some(group.to_string())
}

/// One of `all`, by its `name`; `None` when absent or not one of them (then with an error).
fn one_of<T: Copy>(
    field: &str,
    value: &Option<String>,
    all: &[T],
    name: fn(T) -> &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let text = present(value)?;
    let found = all.iter().copied().find(|item| name(*item) == text);
    if found.is_none() {
        errors.push(field_error(
            field,
            format!("{text:?} is not one of {}", names(all, name)),
        ));
    }
    found
}

/// The order: as asked, except that "best match" needs search text; by default best match when
/// searching and title otherwise.
fn sort_order(value: &Option<String>, searching: bool, errors: &mut Vec<FieldError>) -> Sort {
    let default = if searching {
        Sort::Relevance
    } else {
        Sort::Title
    };
    match one_of("sort", value, &Sort::ALL, Sort::name, errors) {
        None if present(value).is_some() => Sort::Title,
        None => default,
        Some(Sort::Relevance) if !searching => Sort::Title,
        Some(sort) => sort,
    }
}

/// A whole number in `range`, or `default` when absent; when it is not one, `default` and an
/// error saying what was `expected`.
fn number_in(
    field: &str,
    value: &Option<String>,
    range: std::ops::RangeInclusive<u32>,
    default: u32,
    expected: String,
    errors: &mut Vec<FieldError>,
) -> u32 {
    let Some(text) = present(value) else {
        return default;
    };
    match text.parse::<u32>() {
        Ok(number) if range.contains(&number) => number,
        _ => {
            errors.push(field_error(field, format!("{text:?} {expected}")));
            default
        }
    }
}

impl ListQuery {
    /// Parses every parameter, collecting one message per bad one.
    pub fn parse(raw: &RawListQuery) -> Result<ListQuery, Vec<FieldError>> {
        let mut errors = Vec::new();
        // In the order of the form, so that messages are too.
        let q = search_text(&raw.q, &mut errors);
        let group = major_group(&raw.group, &mut errors);
        let verdict = one_of(
            "verdict",
            &raw.verdict,
            &Verdict::ALL,
            Verdict::name,
            &mut errors,
        );
        let pattern = one_of(
            "pattern",
            &raw.pattern,
            &Pattern::ALL,
            Pattern::name,
            &mut errors,
        );
        let source = one_of(
            "source",
            &raw.source,
            &SourceFilter::ALL,
            SourceFilter::name,
            &mut errors,
        );
        let sort = sort_order(&raw.sort, q.is_some(), &mut errors);
        let page = number_in(
            "page",
            &raw.page,
            1..=MAX_PAGE,
            1,
            format!("is not a page number (1 to {MAX_PAGE})"),
            &mut errors,
        );
        let per_page = number_in(
            "per_page",
            &raw.per_page,
            1..=MAX_PER_PAGE,
            DEFAULT_PER_PAGE,
            format!("must be a number from 1 to {MAX_PER_PAGE}"),
            &mut errors,
        );
        let query = ListQuery {
            q,
            group,
            verdict,
            pattern,
            source,
            sort,
            page,
            per_page,
        };
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// The query string (without `?`) for this query, leaving out defaults, so URLs stay short.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if let Some(group) = &self.group {
            pairs.push(("group", group.clone()));
        }
        if let Some(verdict) = self.verdict {
            pairs.push(("verdict", verdict.name().to_string()));
        }
        if let Some(pattern) = self.pattern {
            pairs.push(("pattern", pattern.name().to_string()));
        }
        if let Some(source) = self.source {
            pairs.push(("source", source.name().to_string()));
        }
        let default_sort = if self.q.is_some() {
            Sort::Relevance
        } else {
            Sort::Title
        };
        if self.sort != default_sort {
            pairs.push(("sort", self.sort.name().to_string()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", encode_component(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The same query on another page.
    pub fn with_page(&self, page: u32) -> ListQuery {
        ListQuery {
            page,
            ..self.clone()
        }
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass; space becomes %20).
pub fn encode_component(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// One row of the occupation list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OccupationSummary {
    pub code: String,
    pub title: String,
    pub major_group: String,
    pub major_group_title: String,
    /// "curated" or "onet".
    pub source: String,
    pub source_release: Option<String>,
    pub verdict: Verdict,
    pub automatability_index: f64,
    pub complementarity_index: f64,
    pub dominant_pattern: Pattern,
    pub pattern_shares: PatternShares,
    pub mean_feasibility: f64,
    pub mean_autonomy_risk: f64,
    /// US employment of its SOC occupation (BLS OEWS), if published.
    #[serde(default)]
    pub employment: Option<i64>,
    /// Median annual wage in dollars, if published (not when top-coded).
    #[serde(default)]
    pub median_annual_wage: Option<i64>,
    /// A matching task title when the search matched task text (shown as "matched: …").
    pub matched_task: Option<String>,
}

/// A page of the occupation list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OccupationPage {
    pub items: Vec<OccupationSummary>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl OccupationPage {
    pub fn page_count(&self) -> u32 {
        let per_page = u64::from(self.per_page.max(1));
        self.total.div_ceil(per_page).max(1) as u32
    }
}

/// Verdict counts of one SOC major group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupVerdicts {
    pub code: String,
    pub title: String,
    pub replace: u32,
    pub complement: u32,
    pub human_led: u32,
}

/// One occupation on the automation map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub code: String,
    pub title: String,
    pub feasibility: f64,
    pub autonomy_risk: f64,
    pub verdict: Verdict,
}

/// The whole visible catalog at a glance (the home page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogOverview {
    pub catalog_version: Option<String>,
    pub occupation_count: u64,
    pub task_count: u64,
    /// Mean over occupations of each pattern's share of working time.
    pub pattern_time: PatternShares,
    pub groups: Vec<GroupVerdicts>,
    pub points: Vec<MapPoint>,
    /// Employment-weighted figures (issue #18), attached by the server; `None` until then.
    #[serde(default)]
    pub weighted: Option<crate::measures::WeightedFigures>,
}

#[cfg(test)]
#[path = "browse_tests.rs"]
mod tests;
