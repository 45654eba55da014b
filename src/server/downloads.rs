//! Downloads: plain GET routes with `Content-Disposition: attachment`, so links work without
//! JavaScript and URLs stay stable. `/occupations/{code}/summary.{ext}` (the curated entry where
//! there is one), `/occupations/{code}/{source}/summary.{ext}` (the `curated` or `onet` entry),
//! `/compare/summary.{ext}?codes=a,onet:b` and `/occupations/export.{csv,xlsx,json}?<list query>`.

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use time::OffsetDateTime;

use super::error::AppError;
use super::AppState;
use crate::api_types::{ApiFieldError, ApiSource, CatalogRow};
use crate::browse::SourceFilter;
use crate::browse::{ListQuery, OccupationSummary, RawListQuery, MAX_PER_PAGE};
use crate::compare::{parse_codes, MAX_COMPARE};
use crate::db;
use crate::export::{self, ExportMeta, PaperSize};
use crate::report::OccupationReport;

/// The most rows a catalog export holds (the whole catalog and any import fit).
const MAX_EXPORT_ROWS: u32 = 5_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/occupations/export.csv",
            get(|state, query| catalog_export(state, query, "csv")),
        )
        .route(
            "/occupations/export.xlsx",
            get(|state, query| catalog_export(state, query, "xlsx")),
        )
        .route(
            "/occupations/export.json",
            get(|state, query| catalog_export(state, query, "json")),
        )
        .route("/occupations/{code}/{file}", get(occupation_summary))
        .route(
            "/occupations/{code}/{source}/{file}",
            get(occupation_summary_from_source),
        )
        .route("/compare/{file}", get(comparison_summary))
        .route("/profiles/{id}/{file}", get(profile_summary))
}

/// A format a summary can be downloaded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Markdown,
    Xlsx,
    Pdf(PaperSize),
}

impl Format {
    /// From a file name like `summary.csv` or `summary-letter.pdf`.
    fn from_file(file: &str) -> Option<Format> {
        match file {
            "summary.csv" => Some(Format::Csv),
            "summary.json" => Some(Format::Json),
            "summary.md" => Some(Format::Markdown),
            "summary.xlsx" => Some(Format::Xlsx),
            "summary.pdf" => Some(Format::Pdf(PaperSize::A4)),
            "summary-letter.pdf" => Some(Format::Pdf(PaperSize::Letter)),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Xlsx => "xlsx",
            Format::Pdf(_) => "pdf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Pdf(_) => "application/pdf",
        }
    }
}

fn attachment(format: Format, filename: String, body: Vec<u8>) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

fn render(
    state: &AppState,
    report: &OccupationReport,
    format: Format,
    meta: &ExportMeta,
) -> Result<Vec<u8>, AppError> {
    Ok(match format {
        Format::Csv => export::csv::report_csv(report, meta).into_bytes(),
        Format::Json => serde_json::to_vec_pretty(&export::json::report_json(report, meta))
            .map_err(AppError::internal)?,
        Format::Markdown => export::markdown::report_markdown(report, meta).into_bytes(),
        Format::Xlsx => export::xlsx::report_xlsx(report, meta).map_err(AppError::internal)?,
        Format::Pdf(paper) => {
            let fonts = state.pdf_fonts.as_deref().ok_or_else(|| {
                AppError::Unavailable(
                    "PDF downloads need the fonts in the site's fonts/ folder; run the build"
                        .to_string(),
                )
            })?;
            export::pdf::report_pdf(report, meta, paper, fonts).map_err(AppError::internal)?
        }
    })
}

async fn meta(state: &AppState) -> Result<ExportMeta, AppError> {
    let catalog = db::catalog::catalog_state(&state.pool).await?;
    Ok(ExportMeta::new(
        OffsetDateTime::now_utc(),
        catalog.map(|catalog| catalog.catalog_version),
    ))
}

async fn occupation_summary(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    occupation_download(&state, &code, None, &file).await
}

/// The download of one entry when a code has two (an imported occupation's page links here).
async fn occupation_summary_from_source(
    State(state): State<AppState>,
    Path((code, source, file)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let source = SourceFilter::ALL
        .into_iter()
        .find(|known| known.name() == source)
        .ok_or_else(|| AppError::NotFound(format!("no source called {source:?}")))?;
    occupation_download(&state, &code, Some(source), &file).await
}

async fn occupation_download(
    state: &AppState,
    code: &str,
    source: Option<SourceFilter>,
    file: &str,
) -> Result<Response, AppError> {
    let format = Format::from_file(file)
        .ok_or_else(|| AppError::NotFound(format!("no download called {file:?}")))?;
    let mut report = db::occupations::occupation_report(&state.pool, code, source)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no occupation with code {code:?}")))?;
    state.figures.attach(&state.pool, &mut report).await?;
    let meta = meta(state).await?;
    let body = render(state, &report, format, &meta)?;
    let name = format!("{} {}", report.title, code);
    Ok(attachment(
        format,
        export::filename("", &name, &meta.date_text(), format.extension()),
        body,
    ))
}

async fn profile_summary(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let format = Format::from_file(&file)
        .ok_or_else(|| AppError::NotFound(format!("no download called {file:?}")))?;
    let missing = || AppError::NotFound(format!("no profile with id {id:?}"));
    if !crate::profile::secret::is_id(&id) {
        return Err(missing());
    }
    let stored = db::profiles::load_profile(&state.pool, &id)
        .await?
        .ok_or_else(missing)?;
    let report = stored
        .profile
        .report()
        .ok_or_else(|| AppError::internal(format!("stored profile {id} cannot be assessed")))?;
    let meta = ExportMeta::new(OffsetDateTime::now_utc(), None);
    let body = render(&state, &report, format, &meta)?;
    Ok(attachment(
        format,
        export::filename(
            "",
            &format!("profile {}", report.title),
            &meta.date_text(),
            format.extension(),
        ),
        body,
    ))
}

async fn comparison_summary(
    State(state): State<AppState>,
    Path(file): Path<String>,
    uri: Uri,
) -> Result<Response, AppError> {
    let format = Format::from_file(&file)
        .ok_or_else(|| AppError::NotFound(format!("no download called {file:?}")))?;
    // `codes=a,b` as the compare page links it, or `codes=a&codes=b` as a form of checkboxes
    // sends it: every `codes` value counts.
    let codes_text = query_pairs(&uri)?
        .into_iter()
        .filter(|(key, _)| key == "codes")
        .map(|(_, value)| value)
        .collect::<Vec<_>>()
        .join(",");
    let codes = parse_codes(&codes_text);
    if codes.len() < 2 || codes.len() > MAX_COMPARE {
        return Err(AppError::Invalid(vec![ApiFieldError {
            field: "codes".to_string(),
            message: format!("give 2 to {MAX_COMPARE} occupation codes separated by commas"),
        }]));
    }
    let mut reports = Vec::with_capacity(codes.len());
    for code in &codes {
        let report = db::occupations::occupation_report(&state.pool, &code.code, code.source)
            .await?
            .ok_or_else(|| {
                AppError::NotFound(format!("no occupation with code {:?}", code.to_text()))
            })?;
        reports.push(report);
    }
    let meta = meta(&state).await?;
    let body = match format {
        Format::Csv => export::csv::comparison_csv(&reports, &meta).into_bytes(),
        Format::Json => serde_json::to_vec_pretty(&export::json::comparison_json(&reports, &meta))
            .map_err(AppError::internal)?,
        Format::Markdown => export::markdown::comparison_markdown(&reports, &meta).into_bytes(),
        Format::Xlsx => {
            export::xlsx::comparison_xlsx(&reports, &meta).map_err(AppError::internal)?
        }
        Format::Pdf(_) => {
            return Err(AppError::NotFound(
                "comparisons download as CSV, JSON, Markdown or XLSX".to_string(),
            ))
        }
    };
    let name = format!(
        "comparison {}",
        codes
            .iter()
            .map(|code| code.code.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    );
    Ok(attachment(
        format,
        export::filename("", &name, &meta.date_text(), format.extension()),
        body,
    ))
}

/// The query string's `key=value` pairs in order, decoded. A query string that cannot be read
/// is a problem response, not axum's plain-text rejection.
pub fn query_pairs(uri: &Uri) -> Result<Vec<(String, String)>, AppError> {
    Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map(|Query(pairs)| pairs)
        .map_err(|rejection| {
            AppError::Invalid(vec![ApiFieldError {
                field: "query".to_string(),
                message: rejection.body_text(),
            }])
        })
}

/// The value of `key`, which may be given at most once (an API client that sends two values
/// would otherwise get one of them silently).
pub fn single_value(pairs: &[(String, String)], key: &str) -> Result<Option<String>, AppError> {
    let mut values = pairs.iter().filter(|(name, _)| name == key);
    let first = values.next().map(|(_, value)| value.clone());
    if values.next().is_some() {
        return Err(AppError::Invalid(vec![given_twice(key)]));
    }
    Ok(first)
}

fn given_twice(key: &str) -> ApiFieldError {
    ApiFieldError {
        field: key.to_string(),
        message: "must be given at most once".to_string(),
    }
}

/// The list query's parameters exactly as they arrived. Unlike `Query<RawListQuery>`, whose
/// rejection of a repeated parameter is plain text, this answers with a problem naming every
/// repeated parameter. Unknown parameters are ignored.
pub struct ListParams(pub RawListQuery);

impl<S: Send + Sync> FromRequestParts<S> for ListParams {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let mut raw = RawListQuery::default();
        let mut errors: Vec<ApiFieldError> = Vec::new();
        for (key, value) in query_pairs(&parts.uri)? {
            let slot = match key.as_str() {
                "q" => &mut raw.q,
                "group" => &mut raw.group,
                "verdict" => &mut raw.verdict,
                "pattern" => &mut raw.pattern,
                "source" => &mut raw.source,
                "sort" => &mut raw.sort,
                "page" => &mut raw.page,
                "per_page" => &mut raw.per_page,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            } else if !errors.iter().any(|error| error.field == key) {
                errors.push(given_twice(&key));
            }
        }
        if errors.is_empty() {
            Ok(ListParams(raw))
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

/// The list query parsed for an API or export: bad parameters become a 400 with one message each.
pub fn parse_list_query(raw: &RawListQuery) -> Result<ListQuery, AppError> {
    ListQuery::parse(raw)
        .map_err(|errors| AppError::Invalid(errors.into_iter().map(ApiFieldError::from).collect()))
}

pub fn catalog_row(summary: OccupationSummary, catalog_version: Option<String>) -> CatalogRow {
    CatalogRow {
        code: summary.code,
        title: summary.title,
        major_group: summary.major_group,
        major_group_title: summary.major_group_title,
        source: ApiSource::from_name(&summary.source).unwrap_or(ApiSource::Curated),
        source_release: summary.source_release,
        verdict: summary.verdict,
        automatability_index: summary.automatability_index,
        complementarity_index: summary.complementarity_index,
        dominant_pattern: summary.dominant_pattern,
        pattern_shares: summary.pattern_shares,
        mean_feasibility: summary.mean_feasibility,
        mean_autonomy_risk: summary.mean_autonomy_risk,
        model_version: crate::assess::MODEL_VERSION.to_string(),
        catalog_version,
        published_measures: Vec::new(),
        employment: None,
    }
}

async fn catalog_export(
    State(state): State<AppState>,
    ListParams(raw): ListParams,
    extension: &'static str,
) -> Result<Response, AppError> {
    let mut query = parse_list_query(&raw)?;
    // The export holds every matching occupation, not one page of them.
    query.page = 1;
    query.per_page = MAX_PER_PAGE;
    let meta = meta(&state).await?;
    let figures = state.figures.current(&state.pool).await?;
    let mut rows = Vec::new();
    loop {
        let page = db::occupations::list_occupations(&state.pool, &query).await?;
        let last_page = page.items.len() < query.per_page as usize;
        rows.extend(
            page.items
                .into_iter()
                .map(|item| catalog_row(item, meta.catalog_version.clone()).with_figures(&figures)),
        );
        // Checked after adding the page, so the export never grows past the limit.
        if last_page || rows.len() >= MAX_EXPORT_ROWS as usize {
            break;
        }
        query.page += 1;
    }
    rows.truncate(MAX_EXPORT_ROWS as usize);
    let (format, body) = match extension {
        "csv" => (
            Format::Csv,
            export::csv::catalog_csv(&rows, &meta).into_bytes(),
        ),
        "xlsx" => (
            Format::Xlsx,
            export::xlsx::catalog_xlsx(&rows, &meta).map_err(AppError::internal)?,
        ),
        _ => (
            Format::Json,
            serde_json::to_vec_pretty(&export::json::catalog_json(&rows, &meta))
                .map_err(AppError::internal)?,
        ),
    };
    Ok(attachment(
        format,
        export::filename("", "occupations", &meta.date_text(), format.extension()),
        body,
    ))
}
