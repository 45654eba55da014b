//! The OpenAPI 3.1 document of `/api/v1`, generated from the code: the schemas come from the
//! types in `crate::api_types` (derived with utoipa) and the operations from the `#[utoipa::path]`
//! attributes on the handlers in `api` and `profiles`. Served at `/api/openapi.json` and printed
//! by `atlas openapi`; tests/openapi.rs checks that every documented route answers as documented.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{api, plans, profiles};
use crate::api_types::{
    ApiAssumptionRequest, ApiBottleneck, ApiDimension, ApiDimensionProfile, ApiEvidence,
    ApiFieldError, ApiOccupation, ApiOccupationListItem, ApiPattern, ApiPatternHours,
    ApiPatternShares, ApiPilotTask, ApiPlan, ApiPlanAssessment, ApiPlanCreated, ApiPlanPattern,
    ApiPlanRequest, ApiPlanRole, ApiPlanRoleRequest, ApiPlanTotals, ApiProblem, ApiProfile,
    ApiProfileCreated, ApiProfileRequest, ApiRatings, ApiSource, ApiTask, ApiTaskRequest,
    ApiVerdict, ApiWhatIf,
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
        plans::api::assess_api,
        plans::api::create_api,
        plans::api::get_api,
        plans::api::update_api,
        plans::api::delete_api,
    ),
    components(schemas(
        ApiSource, ApiVerdict, ApiPattern, ApiDimension, ApiPatternShares, ApiBottleneck,
        ApiDimensionProfile, ApiRatings, ApiWhatIf, ApiTask, ApiEvidence, ApiOccupation,
        ApiOccupationListItem, ApiFieldError, ApiProblem, ApiProfile, ApiProfileCreated,
        ApiProfileRequest, ApiTaskRequest, api::ApiScales, api::ApiDimensionScale, api::ApiAnchor,
        api::ApiPatterns, api::ApiPatternDoc, ApiPlanRequest, ApiPlanRoleRequest,
        ApiAssumptionRequest, ApiPlanAssessment, ApiPlan, ApiPlanCreated, ApiPlanRole,
        ApiPlanTotals, ApiPlanPattern, ApiPatternHours, ApiPilotTask,
    )),
    modifiers(&EditToken),
    tags(
        (name = "occupations", description = "The catalog: curated occupations and O*NET imports"),
        (name = "model", description = "The rating scales and the deployment patterns"),
        (name = "profiles", description = "Custom task profiles: score, save, read, edit, delete"),
        (name = "plans", description = "Team plans: roles and headcounts → hours by pattern, hours freed, reviewer load, pilot-first tasks"),
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
    let mut document = match serde_json::to_value(ApiDoc::openapi()) {
        Ok(document) => document,
        Err(error) => return format!("{{\"error\": \"{error}\"}}"),
    };
    add_profile_links(&mut document);
    serde_json::to_string_pretty(&document)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}

/// The links from creating a profile to reading, updating and deleting it, so that a client
/// (or a generator) knows the new `id` is the path parameter of the other three. Added to the
/// JSON rather than with utoipa's `links(...)`, which (in 5.5) writes the Link Object's
/// `operationId` as `operation_id`, a key the specification does not have.
fn add_profile_links(document: &mut serde_json::Value) {
    let link = |operation_id: &str, description: &str| {
        serde_json::json!({
            "operationId": operation_id,
            "parameters": { "id": "$response.body#/id" },
            "description": description,
        })
    };
    let links = serde_json::json!({
        "read": link("get_api", "Read the profile, scored with the current model."),
        "update": link("update_api", "Replace the profile; send the `edit_token` as a Bearer token."),
        "delete": link("delete_api", "Delete the profile; send the `edit_token` as a Bearer token."),
    });
    if let Some(created) = document
        .pointer_mut("/paths/~1api~1v1~1profiles/post/responses/201")
        .and_then(serde_json::Value::as_object_mut)
    {
        created.insert("links".to_string(), links);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::openapi_json;
    use crate::assess::{MAX_TASKS, MAX_TITLE_CHARS};
    use crate::profile::{
        MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_NOTES_CHARS, MAX_SHARE_PERCENT,
    };

    fn document() -> Value {
        serde_json::from_str(&openapi_json()).unwrap()
    }

    #[test]
    fn the_request_schemas_state_the_limits_the_validation_applies() {
        let document = document();
        let schemas = &document["components"]["schemas"];
        let profile = &schemas["ApiProfileRequest"];
        assert_eq!(profile["additionalProperties"], false);
        let properties = &profile["properties"];
        assert_eq!(properties["name"]["maxLength"], MAX_NAME_CHARS);
        assert_eq!(properties["name"]["minLength"], 1);
        assert_eq!(
            properties["description"]["maxLength"],
            MAX_DESCRIPTION_CHARS
        );
        assert_eq!(properties["tasks"]["minItems"], 1);
        assert_eq!(properties["tasks"]["maxItems"], MAX_TASKS);
        let task = &schemas["ApiTaskRequest"];
        assert_eq!(task["additionalProperties"], false);
        let properties = &task["properties"];
        assert_eq!(properties["title"]["maxLength"], MAX_TITLE_CHARS);
        assert_eq!(properties["notes"]["maxLength"], MAX_NOTES_CHARS);
        assert_eq!(properties["share"]["exclusiveMinimum"].as_f64(), Some(0.0));
        assert_eq!(
            properties["share"]["maximum"].as_f64(),
            Some(MAX_SHARE_PERCENT)
        );
        for dimension in crate::assess::Dimension::ALL {
            let rating = &schemas["ApiRatings"]["properties"][dimension.name()];
            assert_eq!(rating["minimum"].as_f64(), Some(1.0), "{dimension:?}");
            assert_eq!(rating["maximum"].as_f64(), Some(5.0), "{dimension:?}");
        }
    }

    #[test]
    fn creating_a_profile_links_to_reading_updating_and_deleting_it() {
        let document = document();
        let links = &document["paths"]["/api/v1/profiles"]["post"]["responses"]["201"]["links"];
        let operations: Vec<&str> = ["read", "update", "delete"]
            .iter()
            .map(|name| links[name]["operationId"].as_str().unwrap_or_default())
            .collect();
        let item = &document["paths"]["/api/v1/profiles/{id}"];
        let expected: Vec<&str> = ["get", "put", "delete"]
            .iter()
            .map(|method| item[method]["operationId"].as_str().unwrap_or("missing"))
            .collect();
        assert_eq!(operations, expected);
        for name in ["read", "update", "delete"] {
            assert_eq!(links[name]["parameters"]["id"], "$response.body#/id");
        }
    }
}
