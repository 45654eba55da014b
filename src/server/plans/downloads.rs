//! A saved plan's downloads: plain GET routes with `Content-Disposition: attachment`, recomputed
//! like the page, with the page's assumptions in the query (`?adoption.copilot=50`).

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

use super::{document, settings_from_query};
use crate::api_types::ApiPlanAssessment;
use crate::export::{self, ExportMeta, PaperSize};
use crate::profile::secret;
use crate::server::error::AppError;
use crate::server::AppState;

#[derive(Clone, Copy)]
enum PlanFormat {
    Csv,
    Json,
    Xlsx,
    Pdf(PaperSize),
}

impl PlanFormat {
    fn from_file(file: &str) -> Option<PlanFormat> {
        match file {
            "plan.csv" => Some(PlanFormat::Csv),
            "plan.json" => Some(PlanFormat::Json),
            "plan.xlsx" => Some(PlanFormat::Xlsx),
            "plan.pdf" => Some(PlanFormat::Pdf(PaperSize::A4)),
            "plan-letter.pdf" => Some(PlanFormat::Pdf(PaperSize::Letter)),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            PlanFormat::Csv => "csv",
            PlanFormat::Json => "json",
            PlanFormat::Xlsx => "xlsx",
            PlanFormat::Pdf(_) => "pdf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            PlanFormat::Csv => "text/csv; charset=utf-8",
            PlanFormat::Json => "application/json",
            PlanFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            PlanFormat::Pdf(_) => "application/pdf",
        }
    }
}

pub(super) async fn plan_download(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let format = PlanFormat::from_file(&file)
        .ok_or_else(|| AppError::NotFound(format!("no download called {file:?}")))?;
    let missing = || AppError::NotFound(format!("no plan with id {id:?}"));
    if !secret::is_id(&id) {
        return Err(missing());
    }
    let stored = crate::db::plans::load_plan(&state.pool, &id)
        .await?
        .ok_or_else(missing)?;
    let (settings, errors) =
        settings_from_query(&stored.plan.settings, query.as_deref().unwrap_or(""));
    if !errors.is_empty() {
        return Err(AppError::Invalid(
            errors.into_iter().map(Into::into).collect(),
        ));
    }
    let doc = document(&state, Some(id.clone()), &stored.plan, &settings).await?;
    let meta = ExportMeta::new(OffsetDateTime::now_utc(), doc.catalog_version.clone());
    let body = match format {
        PlanFormat::Csv => export::plan::plan_csv(&doc, &meta).into_bytes(),
        PlanFormat::Json => serde_json::to_vec_pretty(&serde_json::json!({
            "id": id,
            "url": format!("/plans/{id}"),
            "generated_at": meta.generated_at_text(),
            "plan": ApiPlanAssessment::from(&doc),
        }))
        .map_err(AppError::internal)?,
        PlanFormat::Xlsx => export::plan::plan_xlsx(&doc, &meta).map_err(AppError::internal)?,
        PlanFormat::Pdf(paper) => {
            let fonts = state.pdf_fonts.as_deref().ok_or_else(|| {
                AppError::Unavailable(
                    "PDF downloads need the fonts in the site's fonts/ folder; run the build"
                        .to_owned(),
                )
            })?;
            export::plan::plan_pdf(&doc, &meta, fonts, paper).map_err(AppError::internal)?
        }
    };
    let filename = export::plan::plan_filename(&doc, &meta, format.extension());
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
