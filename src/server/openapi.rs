//! The OpenAPI 3.1 document of `/api/v1`, generated from the code: the schemas come from the
//! types in `crate::api_types` (derived with utoipa) and the operations from the `#[utoipa::path]`
//! attributes on the handlers in `api` and `profiles`. Served at `/api/openapi.json` and printed
//! by `atlas openapi`; tests/openapi.rs checks that every documented route answers as documented.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{api, profiles};
use crate::api_types::{
    ApiBottleneck, ApiDimension, ApiDimensionProfile, ApiEvidence, ApiFieldError, ApiOccupation,
    ApiOccupationListItem, ApiPattern, ApiPatternShares, ApiProblem, ApiProfile, ApiProfileCreated,
    ApiProfileRequest, ApiRatings, ApiSource, ApiTask, ApiTaskRequest, ApiVerdict, ApiWhatIf,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Automatability Atlas API",
        version = "1.0.0",
        description = "Which tasks of a job AI should take over, assist, or leave alone — and why. \
Occupations from the curated catalog and O*NET imports, the rating scales and patterns, and custom \
task profiles. Errors are application/problem+json (RFC 9457) with a per-field `errors` list for \
invalid input. Every response allows any origin (CORS); catalog resources carry an ETag.",
        license(name = "Data from O*NET is CC BY 4.0; see `attribution` on imported occupations")
    ),
    paths(
        api::list,
        api::detail,
        api::dimensions,
        api::patterns,
        profiles::api::assess_api,
        profiles::api::create_api,
        profiles::api::get_api,
        profiles::api::update_api,
        profiles::api::delete_api,
    ),
    components(schemas(
        ApiSource, ApiVerdict, ApiPattern, ApiDimension, ApiPatternShares, ApiBottleneck,
        ApiDimensionProfile, ApiRatings, ApiWhatIf, ApiTask, ApiEvidence, ApiOccupation,
        ApiOccupationListItem, ApiFieldError, ApiProblem, ApiProfile, ApiProfileCreated,
        ApiProfileRequest, ApiTaskRequest, api::ApiScales, api::ApiDimensionScale, api::ApiAnchor,
        api::ApiPatterns, api::ApiPatternDoc,
    )),
    modifiers(&EditToken),
    tags(
        (name = "occupations", description = "The catalog: curated occupations and O*NET imports"),
        (name = "model", description = "The rating scales and the deployment patterns"),
        (name = "profiles", description = "Custom task profiles: score, save, read, edit, delete"),
    )
)]
pub struct ApiDoc;

/// The edit token of a profile, sent as `Authorization: Bearer <edit_token>`.
struct EditToken;

impl Modify for EditToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "edit_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The `edit_token` returned once when the profile was created.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as JSON text.
pub fn openapi_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}
