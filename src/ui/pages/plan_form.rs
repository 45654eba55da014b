//! `/plans/new` and `/plans/{id}/edit`: the team plan form. A plain HTML form that posts to
//! `server::plans`, so it works without JavaScript: the role fields offer every occupation and
//! this browser's saved profiles as the user types (a `<datalist>`, the browser's own
//! search-as-you-type), a title is looked up by the server when saved, "Add rows" asks the server
//! for more rows, and a CSV of roles can be uploaded instead.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::browse::FieldError;
use crate::plan::settings::{
    adjustable_patterns, basis, field_name, format_percent, Settings, Which,
};
use crate::plan::{
    role_field, RoleDraft, DEFAULT_HOURS_PER_FTE, MAX_DESCRIPTION_CHARS, MAX_HOURS_PER_FTE,
    MAX_NAME_CHARS, MAX_ROLES, MIN_HOURS_PER_FTE,
};
use crate::ui::pages::NotFoundPage;
use crate::ui::plan_data::{load_plan_form, PlanForm, PlanFormLookup, PlanFormMode};

#[component]
pub fn PlanNewPage() -> impl IntoView {
    let data = Resource::new(|| (), |()| load_plan_form(None, None));
    view! {
        <Title text="Plan for a team" />
        <Meta name="description" content="List a team's roles and headcounts and see where AI goes first, how many hours it frees, and the review work it creates." />
        <FormLookup data />
    }
}

#[component]
pub fn PlanEditPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|params| params.get("id").unwrap_or_default()),
                query.with(|query| query.get("token")),
            )
        },
        |(id, token)| load_plan_form(Some(id), token),
    );
    view! {
        <Title text="Edit plan" />
        <Meta name="description" content="Change or delete a saved team plan with its edit link." />
        <FormLookup data />
    }
}

#[component]
fn FormLookup(data: Resource<Result<PlanFormLookup, ServerFnError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(PlanFormLookup::Ready(form)) => view! { <PlanFormView form=*form /> }.into_any(),
                    Ok(PlanFormLookup::Forbidden { id }) => view! {
                        <section class="page card">
                            <h1>"This plan can only be changed with its edit link"</h1>
                            <p>"Whoever saved the plan got a private edit link. Without it, the plan is read-only."</p>
                            <p><a href=format!("/plans/{id}")>"View the plan"</a>" · "<a href="/plans/new">"Start a new plan"</a></p>
                        </section>
                    }.into_any(),
                    Ok(PlanFormLookup::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The form could not be loaded. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn message_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|error| error.field == field)
        .map(|error| error.message.clone())
}

/// The label of a field for the error summary: `roles[2].headcount` → "Role 3, headcount".
fn field_label(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("roles[") {
        if let Some((index, column)) = rest.split_once("].") {
            if let Ok(index) = index.parse::<usize>() {
                return format!("Role {}, {}", index + 1, column.replace('_', " "));
            }
        }
    }
    field.replace('_', " ")
}

#[component]
fn PlanFormView(form: PlanForm) -> impl IntoView {
    let PlanForm {
        mode,
        draft,
        errors,
        notice,
        upload_errors,
        choices,
        profiles,
    } = form;
    let (heading, action, token) = match &mode {
        PlanFormMode::New => ("Plan for a team".to_owned(), "/plans/new".to_owned(), None),
        PlanFormMode::Edit { id, token } => (
            "Edit plan".to_owned(),
            format!("/plans/{id}/edit"),
            Some((id.clone(), token.clone())),
        ),
    };
    let settings = Settings::default()
        .with_pairs(&draft.assumptions)
        .unwrap_or_default();
    let error_list = errors.clone();
    let name_error = message_for(&errors, "name");
    let hours_error = message_for(&errors, "hours_per_fte");
    let roles_error = message_for(&errors, "roles");
    let rows: Vec<(usize, RoleDraft)> = draft.roles.iter().cloned().enumerate().collect();
    let row_errors = errors.clone();
    let assumption_errors = errors.clone();
    let is_new = matches!(mode, PlanFormMode::New);
    view! {
        <section class="page plan-form">
            <h1>{heading}</h1>
            <p class="lead">
                "List the team's roles — catalog occupations or your own saved profiles — with their headcounts. "
                "The plan shows, task by task, where AI goes first, the hours it frees and the review work it creates, recomputed with the current model whenever it is read."
            </p>
            {notice.map(|notice| view! { <p class="notice" role="status">{notice}</p> })}
            {(!upload_errors.is_empty()).then(|| view! {
                <div class="notice error" role="alert" id="upload-errors">
                    <p>"The file was not used; nothing is saved:"</p>
                    <ul>{upload_errors.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!error_list.is_empty()).then(|| view! {
                <div class="notice error" role="alert" id="form-errors">
                    <p>"Nothing was saved. Please fix:"</p>
                    <ul>{error_list.into_iter().map(|error| view! { <li>{format!("{}: {}", field_label(&error.field), error.message)}</li> }).collect_view()}</ul>
                </div>
            })}
            <form method="post" action=action.clone() class="card" id="plan-form">
                {token.as_ref().map(|(_, token)| view! { <input type="hidden" name="token" value=token.clone() /> })}
                <div class="field">
                    <label for="plan-name">"Plan name"</label>
                    <input id="plan-name" name="name" type="text" required maxlength=MAX_NAME_CHARS.to_string() value=draft.name.clone()
                        aria-invalid=name_error.is_some().then_some("true") aria-describedby=name_error.is_some().then_some("plan-name-error") />
                    {name_error.map(|message| view! { <p class="field-error" id="plan-name-error">{message}</p> })}
                </div>
                <div class="field">
                    <label for="plan-description">"Description (optional)"</label>
                    <textarea id="plan-description" name="description" rows="2" maxlength=MAX_DESCRIPTION_CHARS.to_string()>{draft.description.clone()}</textarea>
                </div>
                <div class="field">
                    <label for="plan-hours">"Hours per FTE-year"</label>
                    <input id="plan-hours" name="hours_per_fte" type="text" inputmode="decimal" value=draft.hours_per_fte.clone()
                        placeholder=format!("{DEFAULT_HOURS_PER_FTE:.0}") aria-describedby="plan-hours-help"
                        aria-invalid=hours_error.is_some().then_some("true") />
                    <p class="small muted" id="plan-hours-help">
                        {format!("Worked hours of one full-time person in a year, {MIN_HOURS_PER_FTE:.0}–{MAX_HOURS_PER_FTE:.0}. Empty: {DEFAULT_HOURS_PER_FTE:.0}, about the hours a US worker actually worked in 2023 (OECD). A role can give its own.")}
                    </p>
                    {hours_error.map(|message| view! { <p class="field-error">{message}</p> })}
                </div>
                <fieldset class="roles">
                    <legend>{format!("Roles (at most {MAX_ROLES})")}</legend>
                    <p class="small muted" id="role-help">
                        "Type an occupation's title or code and pick from the suggestions, or paste a saved profile's address. Headcount in FTE; hours and a loaded hourly cost are optional."
                    </p>
                    {roles_error.map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                    <table class="role-table">
                        <thead><tr>
                            <th scope="col">"#"</th>
                            <th scope="col">"Occupation or profile"</th>
                            <th scope="col">"Headcount (FTE)"</th>
                            <th scope="col">"Hours per FTE-year"</th>
                            <th scope="col">"Hourly cost"</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(index, row)| view! { <RoleRow index row errors=row_errors.clone() /> }).collect_view()}
                        </tbody>
                    </table>
                    <datalist id="role-choices">
                        {choices.into_iter().map(|(reference, title)| view! {
                            <option value=format!("{reference}{}{title}", crate::plan::role_ref_separator())></option>
                        }).collect_view()}
                    </datalist>
                    {(!profiles.is_empty()).then(|| view! {
                        <p class="small">"Your saved profiles are offered first: "
                            {profiles.iter().map(|(_, name)| name.clone()).collect::<Vec<_>>().join(", ")}
                        </p>
                    })}
                </fieldset>
                <details class="assumptions" open=assumption_errors.iter().any(|error| error.field.starts_with("person.") || error.field.starts_with("adoption."))>
                    <summary>"Assumptions (optional): the person time each pattern still needs, and how much of the change you expect"</summary>
                    <table class="assumption-table">
                        <thead><tr>
                            <th scope="col">"Pattern"</th>
                            <th scope="col">"Person share of the task's time (%)"</th>
                            <th scope="col">"Adoption (%)"</th>
                            <th scope="col">"Default rests on"</th>
                        </tr></thead>
                        <tbody>
                            {adjustable_patterns().map(|pattern| {
                                let person = field_name(Which::PersonShare, pattern);
                                let adoption = field_name(Which::Adoption, pattern);
                                let typed = |name: &str| draft.assumptions.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.clone());
                                let person_value = typed(&person).unwrap_or_else(|| format_percent(settings.value(Which::PersonShare, pattern)));
                                let adoption_value = typed(&adoption).unwrap_or_else(|| format_percent(settings.value(Which::Adoption, pattern)));
                                let person_error = message_for(&assumption_errors, &person);
                                let adoption_error = message_for(&assumption_errors, &adoption);
                                view! {
                                    <tr>
                                        <th scope="row">{pattern.label()}</th>
                                        <td>
                                            <input type="text" inputmode="decimal" name=person.clone() value=person_value aria-label=format!("{}: person share (%)", pattern.label()) />
                                            {person_error.map(|message| view! { <p class="field-error">{message}</p> })}
                                        </td>
                                        <td>
                                            <input type="text" inputmode="decimal" name=adoption.clone() value=adoption_value aria-label=format!("{}: adoption (%)", pattern.label()) />
                                            {adoption_error.map(|message| view! { <p class="field-error">{message}</p> })}
                                        </td>
                                        <td class="small">{basis(pattern).evidence}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </details>
                <p class="actions">
                    <button type="submit" name="action" value="save" class="button">{if is_new { "Save plan" } else { "Save changes" }}</button>
                    " "
                    <button type="submit" name="action" value="add_rows" class="button secondary" formnovalidate=true>"Add 5 rows"</button>
                </p>
            </form>
            {is_new.then(|| view! {
                <form method="post" action="/plans/new" enctype="multipart/form-data" class="card" id="plan-upload">
                    <h2>"Or upload the roles as CSV"</h2>
                    <p class="small">"Columns: role (a code, onet:CODE, a profile id or an occupation title), headcount, and optionally hours_per_fte and hourly_cost. "
                        <a href="/plans/template.csv" download="team-plan-template.csv">"Download the template"</a>
                        ". The file fills the form; nothing is saved until you save the plan."</p>
                    <div class="field">
                        <label for="upload-name">"Plan name (optional)"</label>
                        <input id="upload-name" name="name" type="text" maxlength=MAX_NAME_CHARS.to_string() />
                    </div>
                    <div class="field">
                        <label for="roles-csv">"CSV file of roles"</label>
                        <input id="roles-csv" name="roles_csv" type="file" accept=".csv,text/csv" />
                    </div>
                    <button type="submit" class="button secondary">"Upload and check"</button>
                </form>
            })}
            {token.map(|(id, token)| view! {
                <form method="post" action=format!("/plans/{id}/delete") class="card danger" id="plan-delete">
                    <h2>"Delete this plan"</h2>
                    <input type="hidden" name="token" value=token />
                    <p><label><input type="checkbox" name="confirm" value="yes" required=true />" Yes, delete this plan for good"</label></p>
                    <button type="submit" class="button danger">"Delete plan"</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn RoleRow(index: usize, row: RoleDraft, errors: Vec<FieldError>) -> impl IntoView {
    let field = |name: &str| role_field(index, name);
    let error = |name: &str| message_for(&errors, &role_field(index, name));
    let role_error = error("role");
    let headcount_error = error("headcount");
    let hours_error = error("hours_per_fte");
    let cost_error = error("hourly_cost");
    let role_id = format!("role-{index}");
    view! {
        <tr>
            <th scope="row">{index + 1}</th>
            <td>
                <input id=role_id.clone() type="text" name=field("role") value=row.role list="role-choices" autocomplete="off"
                    aria-label=format!("Role {}: occupation or profile", index + 1) aria-describedby="role-help"
                    aria-invalid=role_error.is_some().then_some("true") />
                {role_error.map(|message| view! { <p class="field-error">{message}</p> })}
            </td>
            <td>
                <input type="text" inputmode="decimal" name=field("headcount") value=row.headcount size="6"
                    aria-label=format!("Role {}: headcount (FTE)", index + 1) aria-invalid=headcount_error.is_some().then_some("true") />
                {headcount_error.map(|message| view! { <p class="field-error">{message}</p> })}
            </td>
            <td>
                <input type="text" inputmode="decimal" name=field("hours_per_fte") value=row.hours_per_fte size="6"
                    aria-label=format!("Role {}: hours per FTE-year", index + 1) aria-invalid=hours_error.is_some().then_some("true") />
                {hours_error.map(|message| view! { <p class="field-error">{message}</p> })}
            </td>
            <td>
                <input type="text" inputmode="decimal" name=field("hourly_cost") value=row.hourly_cost size="6"
                    aria-label=format!("Role {}: loaded hourly cost", index + 1) aria-invalid=cost_error.is_some().then_some("true") />
                {cost_error.map(|message| view! { <p class="field-error">{message}</p> })}
            </td>
        </tr>
    }
}
