//! `/occupations/{code}`: one occupation's assessment — verdict, indices, charts, the task table
//! with anchor texts, recommendations by pattern, evidence, downloads — and the what-if panel,
//! which re-scores in the browser with the same `assess` code as the server.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::ui::components::assessment::AssessmentView;
use crate::ui::components::published::PublishedFigures;
use crate::ui::data::{load_occupation, OccupationLookup};
use crate::ui::pages::NotFoundPage;

#[component]
pub fn OccupationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        (
            params.with(|params| params.get("code").unwrap_or_default()),
            query.with(|query| query.get("source")),
        )
    });
    let data = Resource::new(
        move || key.get(),
        |(code, source)| load_occupation(code, source),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(OccupationLookup::Found(report)) => {
                        let mut report = *report;
                        // Shown outside the island, so the figures do not travel as its props.
                        let figures = report.figures.take();
                        let code = report.code.clone().unwrap_or_default();
                        let description = format!(
                            "{} ({}): verdict {}. Automatability {:.0}/100, complementarity {:.0}/100 — task by task, with the reasons.",
                            report.title, code, report.assessment.verdict.label(), report.assessment.automatability_index, report.assessment.complementarity_index
                        );
                        // The entry shown: an imported one's files are under `/onet/`.
                        let downloads_base = crate::compare::downloads_base(&report);
                        view! {
                            <Title text=report.title.clone() />
                            <Meta name="description" content=description />
                            <AssessmentView report downloads_base />
                            {figures.map(|figures| view! { <PublishedFigures figures /> })}
                        }.into_any()
                    }
                    Ok(OccupationLookup::NotFound { close_matches }) => view! {
                        <NotFoundPage close_matches />
                    }.into_any(),
                    Err(_) => view! { <p class="notice error">"The catalog could not be read. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
