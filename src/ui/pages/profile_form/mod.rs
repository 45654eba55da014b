//! `/profiles/new` and `/profiles/{id}/edit`: the task profile form. It is a plain HTML form
//! that posts to `server::profiles`; without JavaScript it has a fixed set of rows and an "add
//! more rows" button that asks the server for more. With JavaScript, rows can be added, removed
//! and reordered in place, and a preview re-scores as you type with the same `assess` code. Each
//! row suggests a kind of work and four ratings from the closest catalog archetype as its title is
//! typed (`profile::suggest`); without JavaScript a "Suggest" button asks the server to fill them.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::assess::{anchors, Dimension, Kind};
use crate::browse::FieldError;
use crate::profile::{
    preview, ProfileDraft, TaskDraft, MAX_DESCRIPTION_CHARS, MAX_FORM_ROWS, MAX_NAME_CHARS,
};
use crate::ui::components::badges::VerdictBadge;
use crate::ui::pages::NotFoundPage;
use crate::ui::profile_data::{load_profile_form, FormMode, ProfileForm, ProfileFormLookup};

mod task_row;

use task_row::TaskRowView;

#[component]
pub fn ProfileNewPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|query| (query.get("template"), query.get("source"))),
        |(template, source)| load_profile_form(None, None, template, source),
    );
    view! {
        <Title text="Describe your own work" />
        <Meta name="description" content="Describe a job or a team task by task, rate each task on four dimensions, and get the same assessment as a catalog occupation — saved with a link you can share." />
        <FormLookup data />
    }
}

#[component]
pub fn ProfileEditPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|params| params.get("id").unwrap_or_default()),
                query.with(|query| query.get("token")),
            )
        },
        |(id, token)| load_profile_form(Some(id), token, None, None),
    );
    view! {
        <Title text="Edit profile" />
        <Meta name="description" content="Change or delete a saved task profile with its edit link." />
        <FormLookup data />
    }
}

#[component]
fn FormLookup(data: Resource<Result<ProfileFormLookup, ServerFnError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(ProfileFormLookup::Ready(form)) => view! { <ProfileFormView form=*form /> }.into_any(),
                    Ok(ProfileFormLookup::Forbidden { id }) => view! {
                        <section class="page card">
                            <h1>"This profile can only be changed with its edit link"</h1>
                            <p>"Whoever saved the profile got a private edit link. Without it, the profile is read-only."</p>
                            <p><a href=format!("/profiles/{id}")>"View the profile"</a>" · "<a href="/profiles/new">"Start a new profile"</a></p>
                        </section>
                    }.into_any(),
                    Ok(ProfileFormLookup::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The form could not be loaded. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One row of the form: a stable key (for moving rows in the browser), the row as typed and the
/// server's messages about it (field name after `tasks[i].`, message).
#[derive(Clone, Debug, PartialEq)]
struct Row {
    key: usize,
    task: TaskDraft,
    errors: Vec<(String, String)>,
}

/// A textarea's content as the server renders it. Leptos writes a textarea's children without
/// escaping them (as it does for `<script>`), so a description containing `</textarea><script>`
/// would end the element and run; on the server the text is escaped here, which the browser
/// decodes back into the text as typed. In the browser the content is set as text, where escaping
/// would show the entities.
fn textarea_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::html::escape_html(&text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

fn message_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|error| error.field == field)
        .map(|error| error.message.clone())
}

/// The id of a field's input: `name`, `task-3-share`, `task-3-ratings-frequency`.
fn input_id(field: &str) -> String {
    field
        .replace("tasks[", "task-")
        .replace("].", "-")
        .replace('.', "-")
}

/// An island: rows are added, moved and removed in the browser, and the preview re-scores there.
#[island]
fn ProfileFormView(form: ProfileForm) -> impl IntoView {
    let ProfileForm {
        mode,
        draft,
        errors,
        notice,
        upload_errors,
        base_title,
        hints,
    } = form;
    let hints = StoredValue::new(hints);
    let (action, heading, submit_label, token, edit_id) = match &mode {
        FormMode::New => (
            "/profiles/new".to_string(),
            "Describe your own work",
            "Save and assess",
            None,
            None,
        ),
        FormMode::Edit { id, token } => (
            format!("/profiles/{id}/edit"),
            "Edit profile",
            "Save changes",
            Some(token.clone()),
            Some(id.clone()),
        ),
    };
    let initial_rows: Vec<Row> = draft
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let prefix = format!("tasks[{index}].");
            Row {
                key: index,
                task: task.clone(),
                errors: errors
                    .iter()
                    .filter_map(|error| {
                        error
                            .field
                            .strip_prefix(&prefix)
                            .map(|field| (field.to_string(), error.message.clone()))
                    })
                    .collect(),
            }
        })
        .collect();
    let next_key = StoredValue::new(initial_rows.len());
    let rows = RwSignal::new(initial_rows);
    let name = RwSignal::new(draft.name.clone());
    let description = draft.description.clone();
    let base_occupation = draft.base_occupation.clone();
    let preview = Memo::new(move |_| {
        let draft = ProfileDraft {
            tasks: rows.with(|rows| rows.iter().map(|row| row.task.clone()).collect()),
            ..ProfileDraft::default()
        };
        preview(&draft)
    });
    let tasks_error = message_for(&errors, "tasks");
    let add_row = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if rows.with(|rows| rows.len()) >= MAX_FORM_ROWS {
            return;
        }
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|rows| {
            rows.push(Row {
                key,
                task: TaskDraft::default(),
                errors: Vec::new(),
            })
        });
    };
    view! {
        <section class="page profile-form">
            <h1>{heading}</h1>
            <p class="lede">
                "List the tasks that make up the work, say roughly how much of the working time each takes, "
                "say what kind of work each task is and rate it on the four dimensions (each row suggests both from the closest catalog archetype). You get the same assessment as a catalog occupation: "
                "a deployment pattern per task and a verdict for the whole."
            </p>
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <ErrorSummary errors=errors.clone() />
            <Scales />
            <form method="post" action=action class="card profile-fields" id="profile-form" novalidate>
                {token.map(|token| view! { <input type="hidden" name="token" value=token /> })}
                <ProfileFields errors=errors.clone() name description base_occupation base_title />
                <h2 id="tasks-heading">"Tasks"</h2>
                <p class="small muted">
                    "Share: percent of working time. The shares need not add up to exactly 100 — they are scaled so that they do. "
                    "Rows left completely empty are ignored. At most 50 tasks."
                </p>
                {tasks_error.map(|text| view! { <p class="field-error" id="tasks" role="alert">{text}</p> })}
                <ol class="task-rows" aria-labelledby="tasks-heading">
                    <For each=move || rows.get() key=|row| row.key let:row>
                        <TaskRowView row rows preview hints />
                    </For>
                </ol>
                <p class="form-actions">
                    <button type="submit" name="action" value="add_rows" class="secondary" formnovalidate on:click=add_row>"Add more rows"</button>
                    <button type="submit" name="action" value="suggest" class="secondary" formnovalidate id="suggest-all">"Suggest kinds and ratings for rows left blank"</button>
                    <button type="submit" name="action" value="save" id="save-profile">{submit_label}</button>
                </p>
            </form>
            <Preview preview name />
            {edit_id.is_none().then(|| view! { <UploadForm upload_errors /> })}
            {edit_id.map(|id| view! { <DeleteForm id token=match &mode { FormMode::Edit { token, .. } => token.clone(), FormMode::New => String::new() } /> })}
        </section>
    }
}

/// "tasks[2].ratings.frequency" → "Task 3, frequency".
fn describe_field(field: &str) -> String {
    let Some(rest) = field.strip_prefix("tasks[") else {
        return match field {
            "base_occupation" => "Based on occupation".to_string(),
            "tasks" => "Tasks".to_string(),
            other => {
                let mut text = other.replace('_', " ");
                if let Some(first) = text.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                text
            }
        };
    };
    let Some((index, subfield)) = rest.split_once("].") else {
        return field.to_string();
    };
    let number = index.parse::<usize>().map_or(0, |index| index + 1);
    let subfield = subfield
        .strip_prefix("ratings.")
        .unwrap_or(subfield)
        .replace('_', " ");
    format!("Task {number}, {subfield}")
}

/// Every problem of a form sent back, each linking to its input.
#[component]
fn ErrorSummary(errors: Vec<FieldError>) -> impl IntoView {
    let count = errors.len();
    (count > 0).then(|| {
        let summary: Vec<(String, String)> = errors
            .iter()
            .map(|error| {
                (
                    input_id(&error.field),
                    format!("{}: {}", describe_field(&error.field), error.message),
                )
            })
            .collect();
        view! {
            <div class="notice error" role="alert" id="form-errors">
                <h2>{format!("Please correct {} {}", count, if count == 1 { "problem" } else { "problems" })}</h2>
                <p class="small">"Nothing was saved. Your input is kept below."</p>
                <ul>
                    {summary.into_iter().map(|(id, text)| view! { <li><a href=format!("#{id}")>{text}</a></li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The profile's own fields: name, description and the occupation it is based on.
#[component]
fn ProfileFields(
    errors: Vec<FieldError>,
    name: RwSignal<String>,
    description: String,
    base_occupation: String,
    base_title: Option<String>,
) -> impl IntoView {
    let name_error = message_for(&errors, "name");
    let description_error = message_for(&errors, "description");
    let base_error = message_for(&errors, "base_occupation");
    view! {
        <div class="field">
            <label for="name">"Name of the profile " <span class="required">"(required)"</span></label>
            <input id="name" name="name" type="text" maxlength=MAX_NAME_CHARS.to_string() required
                value=move || name.get()
                on:input=move |event| name.set(event_target_value(&event))
                aria-invalid=name_error.is_some().then_some("true")
                aria-describedby=name_error.is_some().then_some("name-error") />
            {name_error.map(|text| view! { <p class="field-error" id="name-error">{text}</p> })}
        </div>
        <div class="field">
            <label for="description">"Description (optional)"</label>
            <textarea id="description" name="description" rows="3" maxlength=MAX_DESCRIPTION_CHARS.to_string()
                aria-invalid=description_error.is_some().then_some("true")
                aria-describedby=description_error.is_some().then_some("description-error")>{textarea_text(description)}</textarea>
            {description_error.map(|text| view! { <p class="field-error" id="description-error">{text}</p> })}
        </div>
        <div class="field">
            <label for="base_occupation">"Based on occupation (O*NET-SOC code, optional)"</label>
            <input id="base_occupation" name="base_occupation" type="text" inputmode="numeric" placeholder="e.g. 29-1224.00" value=base_occupation.clone()
                aria-invalid=base_error.is_some().then_some("true")
                aria-describedby=base_error.is_some().then_some("base_occupation-error") />
            {base_title.map(|title| view! { <p class="small muted">{format!("{base_occupation}: {title}")}</p> })}
            {base_error.map(|text| view! { <p class="field-error" id="base_occupation-error">{text}</p> })}
        </div>
    }
}

/// The verdict and patterns of the rows filled in so far.
#[component]
fn Preview(
    preview: Memo<Option<(crate::assess::OccupationAssessment, Vec<usize>)>>,
    name: RwSignal<String>,
) -> impl IntoView {
    view! {
        <aside class="card profile-preview" aria-labelledby="preview-heading" aria-live="polite">
            <h2 id="preview-heading">"Preview"</h2>
            {move || match preview.get() {
                None => view! { <p class="muted">"Fill in a task's title, share, kind of work and four ratings to see its pattern and the verdict."</p> }.into_any(),
                Some((assessment, rows)) => view! {
                    <p>
                        {move || { let name = name.get(); if name.trim().is_empty() { "This profile".to_string() } else { name } }}
                        ": " <VerdictBadge verdict=assessment.verdict />
                    </p>
                    <p class="small">{assessment.verdict_rationale.clone()}</p>
                    <dl class="indices">
                        <div><dt>"Automatability"</dt><dd id="preview-automatability">{format!("{:.1}", assessment.automatability_index)}</dd></div>
                        <div><dt>"Complementarity"</dt><dd>{format!("{:.1}", assessment.complementarity_index)}</dd></div>
                        <div><dt>"Tasks scored"</dt><dd>{rows.len()}</dd></div>
                    </dl>
                    <p class="small muted">"Computed from the rows filled in so far, with the same model the server uses; saving scores the profile again on the server."</p>
                }.into_any(),
            }}
        </aside>
    }
}

/// The four anchored scales, so that every rating can be chosen with its meaning in view.
#[component]
fn Scales() -> impl IntoView {
    view! {
        <details class="card scales" open>
            <summary>"The four scales (1 = least, 5 = most favourable to automation)"</summary>
            <div class="scales-grid">
                {Dimension::ALL.into_iter().map(|dimension| view! {
                    <section>
                        <h3>{dimension.label()}</h3>
                        <p class="small muted">{dimension.question()}</p>
                        <ol class="scale">
                            {anchors(dimension).iter().map(|anchor| view! {
                                <li><strong>{anchor.label}</strong>" — "{anchor.description}</li>
                            }).collect_view()}
                        </ol>
                    </section>
                }).collect_view()}
            </div>
        </details>
    }
}

#[component]
fn UploadForm(upload_errors: Vec<String>) -> impl IntoView {
    let has_errors = !upload_errors.is_empty();
    view! {
        <section class="card upload" aria-labelledby="upload-heading">
            <h2 id="upload-heading">"Or upload a task list"</h2>
            <p class="small">
                "A CSV file in UTF-8 with a header row and one task per row: "
                <code>"title, share, standardization, error_tolerance, verifiability, frequency"</code>
                " and optionally " <code>"kind"</code> " (one of " {Kind::ALL.map(|kind| kind.name()).join(", ")} "; when left out, it is read from the title) and " <code>"notes"</code> ". Ratings are whole numbers from 1 to 5. "
                <a href="/profiles/template.csv" download="">"Download the template"</a>
                ". The tasks fill the form above; nothing is saved until you save it."
            </p>
            {has_errors.then(|| view! {
                <div class="notice error" role="alert" id="upload-errors">
                    <p>"The file was not used:"</p>
                    <ul>{upload_errors.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
                </div>
            })}
            <form method="post" action="/profiles/new" enctype="multipart/form-data">
                <label for="tasks_csv">"CSV file"</label>
                <div class="search-row">
                    <input id="tasks_csv" name="tasks_csv" type="file" accept=".csv,text/csv" required />
                    <button type="submit" class="secondary">"Upload"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn DeleteForm(id: String, token: String) -> impl IntoView {
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete this profile"</h2>
            <p class="small">"Deleting removes the profile and its tasks from the database for good; its address stops working."</p>
            <form method="post" action=format!("/profiles/{id}/delete")>
                <input type="hidden" name="token" value=token />
                <label class="checkbox"><input type="checkbox" name="confirm" value="yes" required />" Yes, delete this profile for good"</label>
                <button type="submit" class="danger" id="delete-profile">"Delete profile"</button>
            </form>
        </section>
    }
}
