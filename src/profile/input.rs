//! Drafts from what a client sends: the pairs of a submitted form and a JSON body. Both only
//! read the input into a `ProfileDraft`; the rules are `validate`'s.

use super::*;

/// The draft in a submitted form: `name`, `description`, `base_occupation` and
/// `tasks[N].title|share|kind|notes|ratings.<dimension>`. Other keys (buttons, the edit token) are
/// ignored. A row index beyond `MAX_FORM_ROWS` is an error, so a crafted form cannot make the
/// server allocate millions of rows.
pub fn draft_from_pairs(pairs: &[(String, String)]) -> Result<ProfileDraft, FieldError> {
    let mut draft = ProfileDraft::default();
    for (key, value) in pairs {
        match key.as_str() {
            "name" => draft.name.clone_from(value),
            "description" => draft.description.clone_from(value),
            "base_occupation" => draft.base_occupation.clone_from(value),
            _ => {
                let Some((index, field)) = parse_task_key(key) else {
                    continue;
                };
                if index >= MAX_FORM_ROWS {
                    return Err(error(
                        "tasks",
                        format!("at most {MAX_FORM_ROWS} rows can be sent"),
                    ));
                }
                if draft.tasks.len() <= index {
                    draft.tasks.resize_with(index + 1, TaskDraft::default);
                }
                let task = &mut draft.tasks[index];
                match field {
                    "title" => task.title.clone_from(value),
                    "share" => task.share.clone_from(value),
                    "kind" => task.kind.clone_from(value),
                    "notes" => task.notes.clone_from(value),
                    _ => {
                        if let Some(dimension) = field
                            .strip_prefix("ratings.")
                            .and_then(|name| Dimension::ALL.into_iter().find(|d| d.name() == name))
                        {
                            task.ratings[dimension.index()].clone_from(value);
                        }
                    }
                }
            }
        }
    }
    Ok(draft)
}

/// `tasks[12].share` → (12, "share").
fn parse_task_key(key: &str) -> Option<(usize, &str)> {
    let rest = key.strip_prefix("tasks[")?;
    let (index, field) = rest.split_once("].")?;
    if index.is_empty() || index.len() > 4 || !index.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    Some((index.parse().ok()?, field))
}

/// The draft in an API request body (see the API docs for the shape). Wrong types become field
/// errors rather than one opaque parse error, so a client learns every problem at once.
pub fn draft_from_json(body: &serde_json::Value) -> Result<ProfileDraft, Vec<FieldError>> {
    use serde_json::Value;
    let mut errors = Vec::new();
    let Some(object) = body.as_object() else {
        return Err(vec![error("body", "must be a JSON object")]);
    };
    const KNOWN: [&str; 4] = ["name", "description", "base_occupation", "tasks"];
    for key in object.keys() {
        if !KNOWN.contains(&key.as_str()) {
            errors.push(error(
                key.clone(),
                format!("is not a known field; expected {}", KNOWN.join(", ")),
            ));
        }
    }
    let text = |field: &str, value: Option<&Value>, errors: &mut Vec<FieldError>| match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(_) => {
            errors.push(error(field, "must be a string"));
            String::new()
        }
    };
    let mut draft = ProfileDraft {
        name: text("name", object.get("name"), &mut errors),
        description: text("description", object.get("description"), &mut errors),
        base_occupation: text(
            "base_occupation",
            object.get("base_occupation"),
            &mut errors,
        ),
        tasks: Vec::new(),
    };
    match object.get("tasks") {
        None | Some(Value::Null) => {}
        Some(Value::Array(tasks)) if tasks.len() > MAX_FORM_ROWS => errors.push(error(
            "tasks",
            format!(
                "a profile has at most {MAX_TASKS} tasks; this has {}",
                tasks.len()
            ),
        )),
        Some(Value::Array(tasks)) => {
            for (index, task) in tasks.iter().enumerate() {
                draft.tasks.push(task_from_json(index, task, &mut errors));
            }
        }
        Some(_) => errors.push(error("tasks", "must be an array of tasks")),
    }
    if errors.is_empty() {
        Ok(draft)
    } else {
        Err(errors)
    }
}

fn task_from_json(
    index: usize,
    task: &serde_json::Value,
    errors: &mut Vec<FieldError>,
) -> TaskDraft {
    use serde_json::Value;
    let mut draft = TaskDraft::default();
    let Some(object) = task.as_object() else {
        errors.push(error(
            format!("tasks[{index}]"),
            "must be an object with title, share and ratings",
        ));
        return draft;
    };
    for key in object.keys() {
        if !["title", "share", "kind", "notes", "ratings"].contains(&key.as_str()) {
            errors.push(error(
                task_field(index, key),
                "is not a known field; expected title, share, kind, notes, ratings",
            ));
        }
    }
    let string = |field: &str, errors: &mut Vec<FieldError>| match object.get(field) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(_) => {
            errors.push(error(task_field(index, field), "must be a string"));
            String::new()
        }
    };
    draft.title = string("title", errors);
    draft.kind = string("kind", errors);
    draft.notes = string("notes", errors);
    draft.share = match object.get("share") {
        None | Some(Value::Null) => String::new(),
        Some(Value::Number(number)) => number.to_string(),
        Some(_) => {
            errors.push(error(
                task_field(index, "share"),
                "must be a number (percent of working time)",
            ));
            String::new()
        }
    };
    match object.get("ratings") {
        None | Some(Value::Null) => {}
        Some(Value::Object(ratings)) => {
            for key in ratings.keys() {
                if !Dimension::ALL
                    .iter()
                    .any(|dimension| dimension.name() == key)
                {
                    errors.push(error(
                        format!("tasks[{index}].ratings.{key}"),
                        "is not a dimension; expected standardization, error_tolerance, verifiability, frequency",
                    ));
                }
            }
            for dimension in Dimension::ALL {
                draft.ratings[dimension.index()] = match ratings.get(dimension.name()) {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::Number(number)) => number.to_string(),
                    Some(_) => {
                        errors.push(error(
                            rating_field(index, dimension),
                            "must be a whole number from 1 to 5",
                        ));
                        String::new()
                    }
                };
            }
        }
        Some(_) => errors.push(error(
            task_field(index, "ratings"),
            "must be an object with standardization, error_tolerance, verifiability and frequency",
        )),
    }
    draft
}
