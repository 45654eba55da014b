//! A plan sent as JSON (the API): read field by field into a `PlanDraft`, so that every mistake is
//! reported with its path and the same `validate` as the form applies.

use serde_json::Value;

use super::settings::{adjustable_patterns, field_name, json_name, Which};
use super::{format_number, role_field, PlanDraft, RoleDraft};
use crate::browse::FieldError;

fn error(field: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// A number or a numeric string as the text the form would carry; `null`/absent is empty.
fn number_text(errors: &mut Vec<FieldError>, field: String, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::Number(number)) => number.as_f64().map(format_number).unwrap_or_default(),
        Some(Value::String(text)) => text.clone(),
        Some(_) => {
            errors.push(error(field, "must be a number"));
            String::new()
        }
    }
}

fn text(errors: &mut Vec<FieldError>, field: &str, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(_) => {
            errors.push(error(field, "must be a string"));
            String::new()
        }
    }
}

const KNOWN: [&str; 5] = [
    "name",
    "description",
    "hours_per_fte",
    "roles",
    "assumptions",
];
const ROLE_KNOWN: [&str; 4] = ["role", "headcount", "hours_per_fte", "hourly_cost"];

/// The draft in a JSON body, or one error per field of the wrong type or name.
pub fn draft_from_json(body: &Value) -> Result<PlanDraft, Vec<FieldError>> {
    let Some(object) = body.as_object() else {
        return Err(vec![error("body", "must be a JSON object")]);
    };
    let mut errors = Vec::new();
    for key in object.keys() {
        if !KNOWN.contains(&key.as_str()) {
            errors.push(error(
                key.clone(),
                format!(
                    "is not a field of a plan; the fields are {}",
                    KNOWN.join(", ")
                ),
            ));
        }
    }
    let mut draft = PlanDraft {
        name: text(&mut errors, "name", object.get("name")),
        description: text(&mut errors, "description", object.get("description")),
        hours_per_fte: number_text(
            &mut errors,
            "hours_per_fte".to_owned(),
            object.get("hours_per_fte"),
        ),
        ..PlanDraft::default()
    };
    match object.get("roles") {
        None | Some(Value::Null) => {}
        Some(Value::Array(roles)) => {
            for (index, role) in roles.iter().enumerate() {
                let Some(role) = role.as_object() else {
                    errors.push(error(format!("roles[{index}]"), "must be an object"));
                    draft.roles.push(RoleDraft::default());
                    continue;
                };
                for key in role.keys() {
                    if !ROLE_KNOWN.contains(&key.as_str()) {
                        errors.push(error(
                            role_field(index, key),
                            format!(
                                "is not a field of a role; the fields are {}",
                                ROLE_KNOWN.join(", ")
                            ),
                        ));
                    }
                }
                let reference = match role.get("role") {
                    Some(Value::String(text)) => text.clone(),
                    None | Some(Value::Null) => String::new(),
                    Some(_) => {
                        errors.push(error(role_field(index, "role"), "must be a string"));
                        String::new()
                    }
                };
                let mut field =
                    |name: &str| number_text(&mut errors, role_field(index, name), role.get(name));
                let headcount = field("headcount");
                let hours_per_fte = field("hours_per_fte");
                let hourly_cost = field("hourly_cost");
                let row = RoleDraft {
                    role: reference,
                    headcount,
                    hours_per_fte,
                    hourly_cost,
                };
                // The form skips blank rows; a role the API sent is never skipped.
                if row.is_blank() {
                    errors.push(error(
                        format!("roles[{index}]"),
                        "give at least role and headcount",
                    ));
                }
                draft.roles.push(row);
            }
        }
        Some(_) => errors.push(error("roles", "must be an array of roles")),
    }
    match object.get("assumptions") {
        None | Some(Value::Null) => {}
        Some(Value::Object(assumptions)) => {
            for (pattern_name, values) in assumptions {
                let Some(pattern) =
                    adjustable_patterns().find(|pattern| pattern.name() == pattern_name)
                else {
                    errors.push(error(
                        format!("assumptions.{pattern_name}"),
                        "is not a pattern with assumptions (automate, human_approves, second_reader, triage, quality_control, copilot)",
                    ));
                    continue;
                };
                let Some(values) = values.as_object() else {
                    errors.push(error(
                        format!("assumptions.{pattern_name}"),
                        "must be an object with person_share and/or adoption",
                    ));
                    continue;
                };
                for which in Which::BOTH {
                    let path = format!("assumptions.{pattern_name}.{}", json_name(which));
                    let value = number_text(&mut errors, path, values.get(json_name(which)));
                    if !value.is_empty() {
                        draft.assumptions.push((field_name(which, pattern), value));
                    }
                }
            }
        }
        Some(_) => errors.push(error("assumptions", "must be an object keyed by pattern")),
    }
    if errors.is_empty() {
        Ok(draft)
    } else {
        Err(errors)
    }
}

/// The JSON path of a form field name: `person.copilot` → `assumptions.copilot.person_share`.
pub fn json_path(field: &str) -> String {
    for pattern in adjustable_patterns() {
        for which in Which::BOTH {
            if field == field_name(which, pattern) {
                return format!("assumptions.{}.{}", pattern.name(), json_name(which));
            }
        }
    }
    field.to_owned()
}
