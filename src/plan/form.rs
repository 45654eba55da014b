//! A plan from a submitted form: `name`, `description`, `hours_per_fte`,
//! `roles[N].role|headcount|hours_per_fte|hourly_cost` and the assumptions
//! (`person.<pattern>`, `adoption.<pattern>`). Other keys (buttons, the edit token) are ignored.

use super::settings::{adjustable_patterns, field_name, Which};
use super::{PlanDraft, RoleDraft, MAX_ROLES};
use crate::browse::FieldError;

/// The most rows a submitted form may carry, blank ones included.
pub const MAX_FORM_ROWS: usize = MAX_ROLES + super::BLANK_ROWS * 2;

/// `roles[12].headcount` → (12, "headcount").
fn parse_role_key(key: &str) -> Option<(usize, &str)> {
    let rest = key.strip_prefix("roles[")?;
    let (index, field) = rest.split_once("].")?;
    if index.is_empty() || index.len() > 4 || !index.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    Some((index.parse().ok()?, field))
}

/// The draft in a submitted form. A row index beyond `MAX_FORM_ROWS` is an error, so a crafted
/// form cannot make the server allocate millions of rows.
pub fn draft_from_pairs(pairs: &[(String, String)]) -> Result<PlanDraft, FieldError> {
    let mut draft = PlanDraft::default();
    let setting_names: Vec<String> = adjustable_patterns()
        .flat_map(|pattern| Which::BOTH.map(|which| field_name(which, pattern)))
        .collect();
    for (key, value) in pairs {
        match key.as_str() {
            "name" => draft.name.clone_from(value),
            "description" => draft.description.clone_from(value),
            "hours_per_fte" => draft.hours_per_fte.clone_from(value),
            _ if setting_names.contains(key) => {
                draft.assumptions.push((key.clone(), value.clone()));
            }
            _ => {
                let Some((index, field)) = parse_role_key(key) else {
                    continue;
                };
                if index >= MAX_FORM_ROWS {
                    return Err(FieldError {
                        field: "roles".to_owned(),
                        message: format!("at most {MAX_FORM_ROWS} rows can be sent"),
                    });
                }
                if draft.roles.len() <= index {
                    draft.roles.resize_with(index + 1, RoleDraft::default);
                }
                let role = &mut draft.roles[index];
                match field {
                    "role" => role.role.clone_from(value),
                    "headcount" => role.headcount.clone_from(value),
                    "hours_per_fte" => role.hours_per_fte.clone_from(value),
                    "hourly_cost" => role.hourly_cost.clone_from(value),
                    _ => {}
                }
            }
        }
    }
    Ok(draft)
}

/// The draft with `extra` blank rows added at the end (the "Add rows" button), within the limit.
pub fn with_more_rows(mut draft: PlanDraft, extra: usize) -> PlanDraft {
    let rows = (draft.roles.len() + extra).min(MAX_FORM_ROWS);
    draft.roles.resize_with(rows, RoleDraft::default);
    draft
}
