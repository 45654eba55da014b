//! Team plans: what a client sends and what it gets back.

use serde::{Deserialize, Serialize};

use super::*;
use crate::plan::settings::{adjustable_patterns, basis};
use crate::plan::{PlanDocument, PlanResults};

/// A plan to assess or save: `POST /api/v1/plan-assessments`, `POST /api/v1/plans`,
/// `PUT /api/v1/plans/{id}`. Documentation of the request body; the server reads it field by
/// field (`crate::plan::json::draft_from_json`) so that every mistake is reported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiPlanRequest {
    /// 1–120 characters.
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 120))]
    pub name: String,
    /// Up to 2,000 characters.
    #[serde(default)]
    pub description: Option<String>,
    /// Hours per FTE-year for roles that do not give their own: 500–3,000; default 1,800.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(minimum = 500, maximum = 3000))]
    pub hours_per_fte: Option<f64>,
    /// 1–100 roles, each named once.
    #[cfg_attr(feature = "ssr", schema(min_items = 1, max_items = 100))]
    pub roles: Vec<ApiPlanRoleRequest>,
    /// Per pattern (`automate`, `human_approves`, `second_reader`, `triage`,
    /// `quality_control`, `copilot`): `{"person_share": 0–100, "adoption": 0–100}`; missing
    /// values keep their defaults (see `by_pattern` in the answer).
    #[serde(default)]
    pub assumptions: Option<std::collections::BTreeMap<String, ApiAssumptionRequest>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiPlanRoleRequest {
    /// A catalog occupation's O*NET-SOC code (`29-1224.00`), an imported one as
    /// `onet:29-1224.00`, a saved profile as `profile:<id>`, or an occupation's exact title.
    pub role: String,
    /// FTE, more than 0 and at most 100,000; a plan has at most 1,000,000 in all.
    #[cfg_attr(feature = "ssr", schema(exclusive_minimum = 0, maximum = 100000))]
    pub headcount: f64,
    /// 500–3,000; the plan's figure when absent.
    #[serde(default)]
    pub hours_per_fte: Option<f64>,
    /// Loaded cost per hour, more than 0 and at most 10,000, in any one currency.
    #[serde(default)]
    pub hourly_cost: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiAssumptionRequest {
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 100))]
    pub person_share: Option<f64>,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 100))]
    pub adoption: Option<f64>,
}

/// Hours under one pattern.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPatternHours {
    pub pattern: ApiPattern,
    /// Hours per year on tasks with this pattern today.
    pub hours: f64,
    /// Hours people no longer spend, with the assumptions.
    pub hours_freed: f64,
    /// Hours people still spend on them.
    pub person_hours: f64,
}

/// One pattern's figures over the plan, with its assumptions and what they rest on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPlanPattern {
    #[serde(flatten)]
    pub hours: ApiPatternHours,
    /// Percent of the task time a person still spends under the pattern.
    pub person_share: f64,
    /// Percent of the possible change realised.
    pub adoption: f64,
    /// What the remaining person time is spent on.
    pub person_work: String,
    /// What the default rests on.
    pub evidence: String,
    /// Whether the default is a published figure (otherwise our own assumption).
    pub published: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPlanRole {
    /// As stored: a code, `onet:CODE` or `profile:ID`.
    pub role: String,
    pub title: String,
    /// The role's page on this server.
    pub url: String,
    pub headcount: f64,
    pub hours_per_fte: f64,
    pub hourly_cost: Option<f64>,
    pub verdict: ApiVerdict,
    pub hours: f64,
    /// The seven patterns, most machine authority first.
    pub by_pattern: Vec<ApiPatternHours>,
    pub hours_freed: f64,
    /// Hours people spend checking the machine's work (automate, human approves, second reader).
    pub review_hours: f64,
    /// Hours freed × hourly cost, when a cost is given.
    pub freed_value: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPlanTotals {
    pub fte: f64,
    pub hours: f64,
    /// Hours on tasks a machine would do (automate, human approves).
    pub handed_over_hours: f64,
    /// Of those, hours freed net of exceptions and sign-off.
    pub handed_over_freed: f64,
    /// The sign-off and exception hours handed-over tasks still need.
    pub sign_off_hours: f64,
    /// Hours on tasks that change shape (second reader, triage, quality control, copilot).
    pub reshaped_hours: f64,
    pub reshaped_freed: f64,
    /// Hours on human-led tasks.
    pub kept_hours: f64,
    pub hours_freed: f64,
    pub fte_freed: f64,
    pub review_hours: f64,
    pub review_fte: f64,
    /// Over the roles that give a cost.
    pub freed_value: f64,
    pub costed_roles: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPilotTask {
    pub rank: usize,
    /// Index into `roles`.
    pub role: usize,
    pub role_title: String,
    pub task: String,
    pub pattern: ApiPattern,
    pub hours: f64,
    pub hours_freed: f64,
    pub feasibility: f64,
    pub autonomy_risk: f64,
    pub bottleneck: Vec<ApiDimension>,
    /// hours × feasibility × (1 − autonomy risk × the pattern's autonomy weight).
    pub priority: f64,
    pub what_to_measure: String,
}

/// A plan's assessment, recomputed from the current model on every read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPlanAssessment {
    pub name: String,
    pub description: String,
    pub hours_per_fte: f64,
    pub model_version: String,
    pub catalog_version: Option<String>,
    pub roles: Vec<ApiPlanRole>,
    /// Roles whose occupation or profile no longer exists; left out of the figures.
    pub missing_roles: Vec<String>,
    pub totals: ApiPlanTotals,
    /// The six patterns with assumptions, then human-led.
    pub by_pattern: Vec<ApiPlanPattern>,
    /// Every candidate task, highest priority first.
    pub pilot_first: Vec<ApiPilotTask>,
}

/// A saved plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPlan {
    pub id: String,
    /// The plan's page: `/plans/{id}`.
    pub url: String,
    pub created_at: String,
    pub updated_at: String,
    #[serde(flatten)]
    pub assessment: ApiPlanAssessment,
}

/// The answer to saving a new plan: the only time the edit token is returned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiPlanCreated {
    pub id: String,
    pub url: String,
    pub edit_url: String,
    /// Send it as `Authorization: Bearer <edit_token>` to PUT or DELETE the plan.
    pub edit_token: String,
    pub plan: ApiPlan,
}

fn pattern_hours(pattern: Pattern, figures: crate::plan::compute::PatternHours) -> ApiPatternHours {
    ApiPatternHours {
        pattern: pattern.into(),
        hours: figures.hours,
        hours_freed: figures.freed,
        person_hours: figures.person_hours(),
    }
}

fn by_authority() -> impl Iterator<Item = Pattern> {
    Pattern::ALL.into_iter().rev()
}

impl From<&PlanDocument> for ApiPlanAssessment {
    fn from(doc: &PlanDocument) -> Self {
        let PlanResults {
            roles,
            totals,
            pilots,
            ..
        } = &doc.results;
        ApiPlanAssessment {
            name: doc.basis.name.clone(),
            description: doc.basis.description.clone(),
            hours_per_fte: doc.basis.hours_per_fte,
            model_version: doc.results.model_version.clone(),
            catalog_version: doc.catalog_version.clone(),
            roles: roles
                .iter()
                .map(|role| ApiPlanRole {
                    role: role.reference.to_string(),
                    title: role.title.clone(),
                    url: role.reference.page_path(),
                    headcount: role.headcount,
                    hours_per_fte: role.hours_per_fte,
                    hourly_cost: role.hourly_cost,
                    verdict: role.verdict.into(),
                    hours: role.hours,
                    by_pattern: by_authority()
                        .map(|pattern| {
                            pattern_hours(pattern, role.by_pattern[usize::from(pattern.level())])
                        })
                        .collect(),
                    hours_freed: role.freed,
                    review_hours: role.review,
                    freed_value: role.freed_value,
                })
                .collect(),
            missing_roles: doc.missing_roles.clone(),
            totals: ApiPlanTotals {
                fte: totals.fte,
                hours: totals.hours,
                handed_over_hours: totals.handed_over,
                handed_over_freed: totals.handed_over_freed,
                sign_off_hours: totals.sign_off,
                reshaped_hours: totals.reshaped,
                reshaped_freed: totals.reshaped_freed,
                kept_hours: totals.kept,
                hours_freed: totals.freed,
                fte_freed: totals.freed_fte,
                review_hours: totals.review,
                review_fte: totals.review_fte,
                freed_value: totals.freed_value,
                costed_roles: totals.costed_roles,
            },
            by_pattern: adjustable_patterns()
                .chain(std::iter::once(Pattern::HumanLed))
                .map(|pattern| {
                    let setting = doc.settings.get(pattern);
                    let about = basis(pattern);
                    ApiPlanPattern {
                        hours: pattern_hours(pattern, doc.results.pattern(pattern)),
                        person_share: setting.person_share,
                        adoption: setting.adoption,
                        person_work: about.person_work.to_owned(),
                        evidence: about.evidence.to_owned(),
                        published: about.published,
                    }
                })
                .collect(),
            pilot_first: pilots
                .iter()
                .enumerate()
                .map(|(index, pilot)| ApiPilotTask {
                    rank: index + 1,
                    role: pilot.role,
                    role_title: pilot.role_title.clone(),
                    task: pilot.task.clone(),
                    pattern: pilot.pattern.into(),
                    hours: pilot.hours,
                    hours_freed: pilot.freed,
                    feasibility: pilot.feasibility,
                    autonomy_risk: pilot.autonomy_risk,
                    bottleneck: pilot.bottleneck.iter().map(|d| (*d).into()).collect(),
                    priority: pilot.priority,
                    what_to_measure: pilot.measure.clone(),
                })
                .collect(),
        }
    }
}
