//! `/profiles/{id}`: a saved task profile, shown with the same assessment view as an occupation
//! (verdict, charts, task table, what-if, downloads), plus how to share, edit and which model
//! version scored it. Right after saving, the edit link is shown once.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::assess::MODEL_VERSION;
use crate::ui::components::assessment::AssessmentView;
use crate::ui::pages::NotFoundPage;
use crate::ui::profile_data::{load_profile, ProfileLookup, ProfilePageData};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|params| params.get("id").unwrap_or_default()),
        load_profile,
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(ProfileLookup::Found(page)) => view! { <ProfileView page=*page /> }.into_any(),
                    Ok(ProfileLookup::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The profile could not be read. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileView(page: ProfilePageData) -> impl IntoView {
    let ProfilePageData {
        id,
        report,
        saved_model_version,
        created_at,
        updated_at,
        base_occupation,
        can_edit,
        new_token,
    } = page;
    let description = format!(
        "A custom task profile: verdict {}, automatability {:.0}/100, complementarity {:.0}/100 over {} tasks.",
        report.assessment.verdict.label(),
        report.assessment.automatability_index,
        report.assessment.complementarity_index,
        report.tasks.len()
    );
    let current = MODEL_VERSION.to_string();
    let model_note = if saved_model_version == current {
        format!("Scored with model version {current}.")
    } else {
        format!("Saved with model version {saved_model_version}; shown re-scored with the current model, version {current}.")
    };
    let page_path = format!("/profiles/{id}");
    let edit_path = format!("/profiles/{id}/edit");
    let downloads_base = format!("/profiles/{id}/summary");
    let title = report.title.clone();
    view! {
        <Title text=format!("{title} (profile)") />
        <Meta name="description" content=description />
        {new_token.map(|token| {
            let link = format!("/profiles/{id}/edit?token={token}");
            view! {
                <section class="card notice saved-notice" role="status" aria-labelledby="saved-heading">
                    <h2 id="saved-heading">"Saved. Keep your edit link"</h2>
                    <p>"Anyone with this link can change or delete the profile. It is shown only this once; this browser also remembers it."</p>
                    <p class="edit-link"><a id="edit-link" href=link.clone() rel="external">{link.clone()}</a></p>
                    <p class="small">"To share the profile read-only, send its address: " <a href=page_path.clone()>{page_path.clone()}</a></p>
                </section>
            }
        })}
        <section class="card profile-meta" aria-label="About this profile">
            <p class="small">
                "Custom task profile · saved " {created_at.get(..10).unwrap_or_default().to_string()}
                {(updated_at != created_at).then(|| format!(", changed {}", updated_at.get(..10).unwrap_or_default()))}
                " · " <span id="model-version">{model_note}</span>
            </p>
            {base_occupation.map(|(code, title)| view! {
                <p class="small">"Started from " <a href=format!("/occupations/{code}")>{title.unwrap_or_else(|| code.clone())}</a></p>
            })}
            <p class="small">
                {if can_edit {
                    view! { <a class="button secondary" id="edit-profile" href=edit_path rel="external">"Edit or delete"</a> }.into_any()
                } else {
                    view! { <span class="muted">"Read-only: only the holder of the edit link can change it."</span> }.into_any()
                }}
                " " <a href="/profiles/new">"New profile"</a>
            </p>
        </section>
        <AssessmentView report downloads_base />
    }
}
