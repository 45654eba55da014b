//! `/plans/{id}`: a saved team plan, recomputed with the current model on every read: who is in
//! it, what changes per year, the assumptions as knobs, the charts, the pilot-first list and the
//! downloads. Right after saving, the edit link is shown once.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map};

use crate::ui::components::plan_results::PlanResultsView;
use crate::ui::pages::NotFoundPage;
use crate::ui::plan_data::{load_plan, PlanLookup, PlanPageData};

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let data = Resource::new(
        move || {
            (
                params.with(|params| params.get("id").unwrap_or_default()),
                location.search.get().trim_start_matches('?').to_owned(),
            )
        },
        |(id, query)| load_plan(id, query),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(PlanLookup::Found(page)) => view! { <PlanView page=*page /> }.into_any(),
                    Ok(PlanLookup::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The plan could not be read. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanView(page: PlanPageData) -> impl IntoView {
    let PlanPageData {
        id,
        doc,
        saved_assumptions,
        assumption_errors,
        created_at,
        updated_at,
        can_edit,
        new_token,
    } = page;
    let name = doc.basis.name.clone();
    let description = format!(
        "A team plan of {} roles: hours by deployment pattern, hours freed, reviewer load and the tasks to pilot first.",
        doc.basis.roles.len()
    );
    let page_path = format!("/plans/{id}");
    let edit_path = format!("/plans/{id}/edit");
    let missing = doc.missing_roles.clone();
    let plan_description = doc.basis.description.clone();
    let model_version = doc.results.model_version.clone();
    view! {
        <Title text=format!("{name} (team plan)") />
        <Meta name="description" content=description />
        {new_token.map(|token| {
            let link = format!("/plans/{id}/edit?token={token}");
            view! {
                <section class="card notice saved-notice" role="status" aria-labelledby="saved-heading">
                    <h2 id="saved-heading">"Saved. Keep your edit link"</h2>
                    <p>"Anyone with this link can change or delete the plan. It is shown only this once; this browser also remembers it."</p>
                    <p class="edit-link"><a id="edit-link" href=link.clone() rel="external">{link.clone()}</a></p>
                    <p class="small">"To share the plan read-only, send its address: " <a href=page_path.clone()>{page_path.clone()}</a></p>
                </section>
            }
        })}
        <section class="page plan-header">
            <h1>{name.clone()}</h1>
            {(!plan_description.is_empty()).then(|| view! { <p class="lead">{plan_description}</p> })}
            <p class="small">
                "Team plan · saved " {created_at.get(..10).unwrap_or_default().to_string()}
                {(updated_at != created_at).then(|| format!(", changed {}", updated_at.get(..10).unwrap_or_default()))}
                " · recomputed with model version " <span id="model-version">{model_version}</span>
                " every time it is read"
            </p>
            <p class="small">
                {if can_edit {
                    view! { <a class="button secondary" id="edit-plan" href=edit_path rel="external">"Edit or delete"</a> }.into_any()
                } else {
                    view! { <span class="muted">"Read-only: only the holder of the edit link can change it."</span> }.into_any()
                }}
                " " <a href="/plans/new">"New plan"</a>
            </p>
            {(!missing.is_empty()).then(|| view! {
                <p class="notice error" role="alert">{format!(
                    "Left out of the figures because they no longer exist: {}.",
                    missing.join(", ")
                )}</p>
            })}
            {(!assumption_errors.is_empty()).then(|| view! {
                <div class="notice error" role="alert">
                    <p>"Some assumptions in the address were not used (the plan's own are shown instead):"</p>
                    <ul>{assumption_errors.into_iter().map(|error| view! { <li>{format!("{}: {}", error.field, error.message)}</li> }).collect_view()}</ul>
                </div>
            })}
        </section>
        <PlanResultsView basis=doc.basis settings=doc.settings id saved=saved_assumptions />
    }
}
