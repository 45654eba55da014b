//! Team and organisation plans (issue #19): a named set of roles, each a catalog occupation, an
//! imported O\*NET occupation or a saved profile with a headcount, and what the model's patterns
//! would do to the team's hours. Pure, for both builds: the server resolves each role to its
//! report and builds a `PlanBasis`; `compute` turns the basis and the `Settings` into results, on
//! the server for pages, the API and downloads, and in the browser when the knobs move.
//!
//! Invariants:
//! - Every rule of a plan's input lives in `validate`; the form, the CSV upload and the API all
//!   go through it. Errors name the row and field (`roles[3].headcount`); the CSV reader maps
//!   them back to `line N, column headcount`.
//! - Results are never stored: every read recomputes them from the roles' current reports, so a
//!   plan always follows the current model and is stamped with its version.
//! - Hours are conserved: for every role and pattern, hours = freed + hours people still spend,
//!   and the plan's totals are the sums of its roles' figures.
//! - Nothing here reads the clock, the database or the network.

pub mod compute;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod form;
pub mod json;
pub mod pilot;
mod role_ref;
pub mod settings;
#[cfg(test)]
mod tests;

pub use compute::{compute, PlanBasis, PlanResults, RoleBasis, TaskBasis};
pub use role_ref::{RoleRef, RoleText};
pub use settings::Settings;

use serde::{Deserialize, Serialize};

use crate::browse::FieldError;
use crate::profile::check_text;

/// The most roles a plan may have.
pub const MAX_ROLES: usize = 100;
/// The largest headcount of one role, in FTE.
pub const MAX_HEADCOUNT: f64 = 100_000.0;
/// The largest plan, in FTE over all roles.
pub const MAX_TOTAL_FTE: f64 = 1_000_000.0;
/// Hours per FTE-year when a plan does not say: the average annual hours actually worked per
/// worker in the United States in 2023 was about 1,800 (OECD, "Hours worked" indicator, 1,799).
/// The /measures page's 2,080 is paid hours (52 × 40), which include leave.
pub const DEFAULT_HOURS_PER_FTE: f64 = 1_800.0;
/// Hours per FTE-year outside this range are refused as a typing error: 500 is a quarter of a
/// full-time year; 3,000 is 58 hours a week every week of the year.
pub const MIN_HOURS_PER_FTE: f64 = 500.0;
pub const MAX_HOURS_PER_FTE: f64 = 3_000.0;
/// The largest loaded hourly cost, in the plan's currency.
pub const MAX_HOURLY_COST: f64 = 10_000.0;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// Empty rows a new plan form shows, and adds on "Add rows".
pub const BLANK_ROWS: usize = 5;

/// A plan as entered, every value still text, so a form can be shown back as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanDraft {
    pub name: String,
    pub description: String,
    /// Hours per FTE-year for roles that do not give their own; empty means the default.
    pub hours_per_fte: String,
    pub roles: Vec<RoleDraft>,
    /// The assumptions as `name=value` pairs (`person.copilot=70`); see `settings`.
    #[serde(default)]
    pub assumptions: Vec<(String, String)>,
}

/// One role as entered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleDraft {
    /// A catalog code, `onet:CODE`, `profile:ID` (or a profile's address), or an occupation's
    /// title, which the server looks up.
    pub role: String,
    pub headcount: String,
    /// Empty: the plan's hours per FTE-year.
    pub hours_per_fte: String,
    /// Empty: no cost figures for this role.
    pub hourly_cost: String,
}

impl RoleDraft {
    pub fn is_blank(&self) -> bool {
        self.role.trim().is_empty()
            && self.headcount.trim().is_empty()
            && self.hours_per_fte.trim().is_empty()
            && self.hourly_cost.trim().is_empty()
    }
}

/// A plan that passed every rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidPlan {
    pub name: String,
    pub description: String,
    pub hours_per_fte: f64,
    pub roles: Vec<ValidRole>,
    pub settings: Settings,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidRole {
    pub reference: RoleRef,
    pub headcount: f64,
    /// The role's own hours per FTE-year, if it gives them.
    pub hours_per_fte: Option<f64>,
    pub hourly_cost: Option<f64>,
}

impl ValidRole {
    pub fn hours_per_fte(&self, plan_default: f64) -> f64 {
        self.hours_per_fte.unwrap_or(plan_default)
    }
}

impl ValidPlan {
    /// The plan as a draft, for the edit form.
    pub fn to_draft(&self) -> PlanDraft {
        PlanDraft {
            name: self.name.clone(),
            description: self.description.clone(),
            hours_per_fte: format_number(self.hours_per_fte),
            roles: self
                .roles
                .iter()
                .map(|role| RoleDraft {
                    role: role.reference.to_string(),
                    headcount: format_number(role.headcount),
                    hours_per_fte: role.hours_per_fte.map(format_number).unwrap_or_default(),
                    hourly_cost: role.hourly_cost.map(format_number).unwrap_or_default(),
                })
                .collect(),
            assumptions: self.settings.changed_pairs(),
        }
    }

    pub fn total_fte(&self) -> f64 {
        self.roles.iter().map(|role| role.headcount).sum()
    }
}

/// A number as typed back: no trailing `.0`.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// The path of a role's field, e.g. `roles[3].headcount`.
pub fn role_field(index: usize, field: &str) -> String {
    format!("roles[{index}].{field}")
}

fn error(field: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// A positive number in a range: `12`, `12.5`, `12,5`, `1 200` or `1,200.5`.
fn parse_number(text: &str, what: &str, min: f64, max: f64) -> Result<f64, String> {
    let trimmed = text.trim();
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    // "1,200" and "1,200.5" are thousands; a single comma with no point is a decimal comma.
    let thousands = compact.contains('.')
        || compact.matches(',').count() > 1
        || compact
            .split_once(',')
            .is_some_and(|(_, after)| after.len() == 3);
    let normalised = if thousands {
        compact.replace(',', "")
    } else {
        compact.replace(',', ".")
    };
    let value: f64 = normalised
        .parse()
        .ok()
        .filter(|value: &f64| value.is_finite())
        .ok_or_else(|| format!("must be a number of {what} (got {trimmed:?})"))?;
    if value <= 0.0 {
        return Err(format!("must be more than 0 {what} (got {trimmed})"));
    }
    if value < min || value > max {
        return Err(format!(
            "must be from {} to {} {what} (got {trimmed})",
            with_separators(min),
            with_separators(max)
        ));
    }
    Ok(value)
}

fn with_separators(value: f64) -> String {
    crate::measures::with_thousands(value.round() as i64)
}

/// What a role row refers to before the server has looked up titles.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedRole {
    pub role: RoleText,
    pub headcount: f64,
    pub hours_per_fte: Option<f64>,
    pub hourly_cost: Option<f64>,
}

/// A plan whose numbers and texts passed every rule, with roles that may still name an
/// occupation by title (`RoleText::Title`); `resolve` finishes the job.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedPlan {
    pub name: String,
    pub description: String,
    pub hours_per_fte: f64,
    /// The index of each role's row in the draft (blank rows are skipped), and the role.
    pub roles: Vec<(usize, CheckedRole)>,
    pub settings: Settings,
}

/// Checks every rule that needs no database: texts, numbers, limits, assumptions, and duplicate
/// references. Returns every problem, each naming its field.
pub fn validate(draft: &PlanDraft) -> Result<CheckedPlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = check_text(
        &mut errors,
        "name",
        &draft.name,
        Some("enter a name for the plan"),
        MAX_NAME_CHARS,
        false,
    );
    let description = check_text(
        &mut errors,
        "description",
        &draft.description,
        None,
        MAX_DESCRIPTION_CHARS,
        true,
    );
    let hours_per_fte = if draft.hours_per_fte.trim().is_empty() {
        DEFAULT_HOURS_PER_FTE
    } else {
        parse_number(
            &draft.hours_per_fte,
            "hours per FTE-year",
            MIN_HOURS_PER_FTE,
            MAX_HOURS_PER_FTE,
        )
        .unwrap_or_else(|message| {
            errors.push(error("hours_per_fte", message));
            DEFAULT_HOURS_PER_FTE
        })
    };
    let filled: Vec<(usize, &RoleDraft)> = draft
        .roles
        .iter()
        .enumerate()
        .filter(|(_, role)| !role.is_blank())
        .collect();
    if filled.is_empty() {
        errors.push(error(
            "roles",
            "add at least one role: an occupation or a saved profile, with its headcount",
        ));
    }
    if filled.len() > MAX_ROLES {
        errors.push(error(
            "roles",
            format!(
                "a plan has at most {MAX_ROLES} roles; this one has {}",
                filled.len()
            ),
        ));
    }
    let mut roles = Vec::new();
    for (index, role) in filled.into_iter().take(MAX_ROLES) {
        if let Some(checked) = check_role(&mut errors, index, role) {
            roles.push((index, checked));
        }
    }
    for (position, (index, role)) in roles.iter().enumerate() {
        if let Some((first, _)) = roles[..position]
            .iter()
            .find(|(_, earlier)| earlier.role.same_as(&role.role))
        {
            errors.push(error(
                role_field(*index, "role"),
                format!(
                    "{} is already role {} of this plan; give it one row with the whole headcount",
                    role.role,
                    first + 1
                ),
            ));
        }
    }
    let total: f64 = roles.iter().map(|(_, role)| role.headcount).sum();
    if total > MAX_TOTAL_FTE {
        errors.push(error(
            "roles",
            format!(
                "a plan covers at most {} FTE; this one has {}",
                with_separators(MAX_TOTAL_FTE),
                with_separators(total)
            ),
        ));
    }
    let settings = Settings::default()
        .with_pairs(&draft.assumptions)
        .unwrap_or_else(|mut problems| {
            errors.append(&mut problems);
            Settings::default()
        });
    if errors.is_empty() {
        Ok(CheckedPlan {
            name,
            description,
            hours_per_fte,
            roles,
            settings,
        })
    } else {
        Err(errors)
    }
}

fn check_role(errors: &mut Vec<FieldError>, index: usize, role: &RoleDraft) -> Option<CheckedRole> {
    let before = errors.len();
    let reference = match RoleText::parse(&role.role) {
        Ok(reference) => Some(reference),
        Err(message) => {
            errors.push(error(role_field(index, "role"), message));
            None
        }
    };
    let headcount = if role.headcount.trim().is_empty() {
        errors.push(error(
            role_field(index, "headcount"),
            "enter the headcount in FTE, e.g. 12 or 2.5",
        ));
        None
    } else {
        parse_number(&role.headcount, "FTE", 0.0, MAX_HEADCOUNT)
            .map_err(|message| errors.push(error(role_field(index, "headcount"), message)))
            .ok()
    };
    let hours_per_fte = optional_number(
        errors,
        index,
        "hours_per_fte",
        &role.hours_per_fte,
        "hours per FTE-year",
        MIN_HOURS_PER_FTE,
        MAX_HOURS_PER_FTE,
    );
    let hourly_cost = optional_number(
        errors,
        index,
        "hourly_cost",
        &role.hourly_cost,
        "per hour",
        0.0,
        MAX_HOURLY_COST,
    );
    if errors.len() != before {
        return None;
    }
    Some(CheckedRole {
        role: reference?,
        headcount: headcount?,
        hours_per_fte,
        hourly_cost,
    })
}

fn optional_number(
    errors: &mut Vec<FieldError>,
    index: usize,
    field: &str,
    text: &str,
    what: &str,
    min: f64,
    max: f64,
) -> Option<f64> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_number(text, what, min, max) {
        Ok(value) => Some(value),
        Err(message) => {
            errors.push(error(role_field(index, field), message));
            None
        }
    }
}

impl CheckedPlan {
    /// The valid plan once every role's reference is known: `lookup` gives the reference for a
    /// role written as a title (or why there is none) and says whether a reference exists.
    pub fn resolve(
        self,
        mut lookup: impl FnMut(&RoleText) -> Result<RoleRef, String>,
    ) -> Result<ValidPlan, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut roles = Vec::new();
        for (index, role) in self.roles {
            match lookup(&role.role) {
                Ok(reference) => roles.push((index, reference, role)),
                Err(message) => errors.push(error(role_field(index, "role"), message)),
            }
        }
        // Two titles may resolve to one occupation.
        for (position, (index, reference, _)) in roles.iter().enumerate() {
            if let Some((first, _, _)) = roles[..position]
                .iter()
                .find(|(_, earlier, _)| earlier == reference)
            {
                errors.push(error(
                    role_field(*index, "role"),
                    format!(
                        "{reference} is already role {} of this plan; give it one row with the whole headcount",
                        first + 1
                    ),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidPlan {
            name: self.name,
            description: self.description,
            hours_per_fte: self.hours_per_fte,
            roles: roles
                .into_iter()
                .map(|(_, reference, role)| ValidRole {
                    reference,
                    headcount: role.headcount,
                    hours_per_fte: role.hours_per_fte,
                    hourly_cost: role.hourly_cost,
                })
                .collect(),
            settings: self.settings,
        })
    }
}

/// The separator between a reference and its title in the form's suggestions.
pub const fn role_ref_separator() -> &'static str {
    role_ref::SUGGESTION_SEPARATOR
}

/// A new plan's draft: blank rows to fill in.
pub fn blank_draft() -> PlanDraft {
    PlanDraft {
        roles: vec![RoleDraft::default(); BLANK_ROWS],
        ..PlanDraft::default()
    }
}

/// Everything a download of a plan shows: the input, the assumptions, the results, and where
/// they came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanDocument {
    /// The saved plan's id (`None` for an assessment that saved nothing).
    pub id: Option<String>,
    pub basis: PlanBasis,
    pub settings: Settings,
    pub results: PlanResults,
    /// Roles whose occupation or profile no longer exists, as typed (left out of the results).
    pub missing_roles: Vec<String>,
    /// The curated catalog's version, when known.
    pub catalog_version: Option<String>,
    /// RFC 3339.
    pub generated_at: String,
}

impl PlanDocument {
    pub fn new(
        id: Option<String>,
        basis: PlanBasis,
        settings: Settings,
        missing_roles: Vec<String>,
        catalog_version: Option<String>,
        generated_at: String,
    ) -> PlanDocument {
        let results = compute(&basis, &settings);
        PlanDocument {
            id,
            basis,
            settings,
            results,
            missing_roles,
            catalog_version,
            generated_at,
        }
    }
}
