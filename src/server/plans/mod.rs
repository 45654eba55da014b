//! Team plans over HTTP: the form posts (create, add rows, upload a CSV, update, delete), the CSV
//! template, the downloads, and the API (`/api/v1/plans`, `/api/v1/plan-assessments`). Every
//! route validates with `crate::plan::validate`, looks up titles and checks that every role
//! exists (`resolve`), and writes in one transaction; results are computed on every read
//! (`document`) and never stored.

pub(super) mod api;
mod downloads;
mod forms;
pub(super) mod pages;

use axum::response::Redirect;
use axum::routing::{get, post};
use axum::Router;

use super::AppState;
use crate::browse::FieldError;
use crate::db::plans as store;
use crate::plan::{
    CheckedPlan, PlanBasis, PlanDocument, RoleBasis, RoleRef, RoleText, Settings, ValidPlan,
};

/// The largest form body: 100 roles and the assumptions fit many times over.
pub const MAX_FORM_BYTES: usize = 256 * 1024;
/// The largest JSON body.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// Routes that change plans (the caller puts the rate limit on them).
pub fn write_router() -> Router<AppState> {
    Router::new()
        .route("/plans", get(|| async { Redirect::to("/plans/new") }))
        .route("/plans/new", post(forms::new_form_post))
        .route("/plans/{id}/edit", post(forms::update_form))
        .route("/plans/{id}/delete", post(forms::delete_form))
        .route("/api/v1/plans", post(api::create_api))
        .route(
            "/api/v1/plans/{id}",
            get(api::get_api)
                .put(api::update_api)
                .delete(api::delete_api),
        )
        .layer(axum::extract::DefaultBodyLimit::max(
            MAX_FORM_BYTES + crate::plan::csv::MAX_CSV_BYTES,
        ))
}

/// Routes that read or only compute.
pub fn read_router() -> Router<AppState> {
    Router::new()
        .route("/plans/template.csv", get(forms::csv_template))
        .route("/plans/{id}/{file}", get(downloads::plan_download))
        .route("/api/v1/plan-assessments", post(api::assess_api))
}

/// The message for a role that does not exist.
fn missing_message(reference: &RoleRef) -> String {
    match reference {
        RoleRef::Occupation(code) => format!(
            "there is no occupation with code {code} in the catalog; check the code or pick one from the suggestions"
        ),
        RoleRef::Imported(code) => {
            format!("there is no imported O*NET occupation with code {code}")
        }
        RoleRef::Profile(id) => format!(
            "there is no saved profile with id {id}; it may have been deleted"
        ),
    }
}

/// The plan once every role's title is looked up and every reference is known to exist, or one
/// error per role that is not.
async fn resolve(
    state: &AppState,
    checked: CheckedPlan,
) -> Result<Result<ValidPlan, Vec<FieldError>>, sqlx::Error> {
    let mut found = Vec::with_capacity(checked.roles.len());
    for (_, role) in &checked.roles {
        found.push(match &role.role {
            RoleText::Title(title) => store::occupation_by_title(&state.pool, title).await?,
            RoleText::Ref(reference) => {
                if store::role_exists(&state.pool, reference).await? {
                    Ok(reference.clone())
                } else {
                    Err(missing_message(reference))
                }
            }
        });
    }
    let mut answers = found.into_iter();
    Ok(checked.resolve(|_| {
        answers
            .next()
            .unwrap_or_else(|| Err("the role could not be looked up".to_owned()))
    }))
}

/// Validates `draft` and resolves its roles.
async fn check(
    state: &AppState,
    draft: &crate::plan::PlanDraft,
) -> Result<Result<ValidPlan, Vec<FieldError>>, sqlx::Error> {
    match crate::plan::validate(draft) {
        Ok(checked) => resolve(state, checked).await,
        Err(errors) => Ok(Err(errors)),
    }
}

/// The plan's results under `settings`, from its roles' current reports. Roles whose occupation
/// or profile no longer exists are left out and named in `missing_roles`.
pub async fn document(
    state: &AppState,
    id: Option<String>,
    plan: &ValidPlan,
    settings: &Settings,
) -> Result<PlanDocument, sqlx::Error> {
    let mut roles = Vec::with_capacity(plan.roles.len());
    let mut missing = Vec::new();
    for role in &plan.roles {
        match store::role_report(&state.pool, &role.reference).await? {
            Some(report) => roles.push(RoleBasis::from_report(
                role.reference.clone(),
                &report,
                role.headcount,
                role.hours_per_fte(plan.hours_per_fte),
                role.hourly_cost,
            )),
            None => missing.push(role.reference.to_string()),
        }
    }
    let catalog_version = crate::db::catalog::catalog_state(&state.pool)
        .await?
        .map(|catalog| catalog.catalog_version);
    let basis = PlanBasis {
        name: plan.name.clone(),
        description: plan.description.clone(),
        hours_per_fte: plan.hours_per_fte,
        roles,
        model_version: crate::assess::MODEL_VERSION.to_string(),
    };
    Ok(PlanDocument::new(
        id,
        basis,
        settings.clone(),
        missing,
        catalog_version,
        super::profiles::now(),
    ))
}

/// Stores a new plan under a fresh id; returns the id and the edit token.
async fn save_new(state: &AppState, plan: &ValidPlan) -> Result<(String, String), String> {
    use crate::profile::secret;
    let id = secret::new_id().map_err(|error| error.to_string())?;
    let token = secret::new_token().map_err(|error| error.to_string())?;
    store::insert_plan(
        &state.pool,
        &id,
        &secret::token_hash(&token),
        plan,
        &super::profiles::now(),
    )
    .await
    .map_err(|error| error.to_string())?;
    tracing::info!(%id, roles = plan.roles.len(), "plan saved");
    Ok((id, token))
}

/// The assumptions in a query string on top of `saved`; bad values are reported and ignored.
pub fn settings_from_query(saved: &Settings, query: &str) -> (Settings, Vec<FieldError>) {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    match saved.with_pairs(&pairs) {
        Ok(settings) => (settings, Vec::new()),
        Err(errors) => (saved.clone(), errors),
    }
}
