//! `/cases` and `/cases/{slug}`: case studies in the project's own words, with cited figures.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::ui::components::badges::VerdictBadge;
use crate::ui::data::{load_case, load_cases, CasePage};
use crate::ui::pages::NotFoundPage;

#[component]
pub fn CasesPage() -> impl IntoView {
    let cases = Resource::new(|| (), |_| load_cases());
    view! {
        <Title text="Case studies" />
        <Meta name="description" content="Case studies of AI at work: where it complements people, where it replaces a task, and where the work stays human — with cited figures." />
        <h1>"Case studies"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(cases) => view! {
                        <div class="grid-3">
                            {cases.into_iter().map(|case| view! {
                                <article class="card case-card">
                                    <h2><a href=format!("/cases/{}", case.slug)>{case.title.clone()}</a></h2>
                                    <p><VerdictBadge verdict=case.verdict /></p>
                                    <p>{case.summary.clone()}</p>
                                </article>
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Err(_) => view! { <p class="notice error">"The case studies could not be loaded."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CasePageView() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|params| params.get("slug").unwrap_or_default()));
    let page = Resource::new(move || slug.get(), load_case);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(page)) => view! { <CaseView page /> }.into_any(),
                    Ok(None) => view! { <NotFoundPage /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The case study could not be loaded."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(page: CasePage) -> impl IntoView {
    let CasePage { case, occupations } = page;
    view! {
        <Title text=case.title.clone() />
        <Meta name="description" content=case.summary.clone() />
        <article class="case prose">
            <p class="small"><a href="/cases">"Case studies"</a></p>
            <h1>{case.title.clone()}</h1>
            <p class="lede">{case.summary.clone()}</p>
            <p>"The model's verdict for this kind of work: " <VerdictBadge verdict=case.verdict /></p>
            <section class="figures" aria-label="Headline figures">
                {case.figures.iter().map(|figure| view! {
                    <div class="figure">
                        <span class="figure-value">{figure.value.clone()}</span>
                        <span class="figure-label">{figure.label.clone()}</span>
                        <span class="figure-source small muted">{figure.source.clone()}</span>
                    </div>
                }).collect_view()}
            </section>
            {case.sections.iter().map(|section| view! {
                <section>
                    <h2>{section.heading.clone()}</h2>
                    {section.paragraphs.iter().map(|paragraph| view! { <p>{paragraph.clone()}</p> }).collect_view()}
                </section>
            }).collect_view()}
            <section>
                <h2>"The occupations in the atlas"</h2>
                <ul>
                    {occupations.into_iter().map(|(code, label)| view! { <li><a href=format!("/occupations/{code}")>{label}</a></li> }).collect_view()}
                </ul>
            </section>
            <section>
                <h2>"Sources"</h2>
                <ol class="sources small">
                    {case.sources.iter().map(|source| view! {
                        <li>{source.citation.clone()} {source.url.clone().map(|url| view! { " " <a href=url.clone() rel="noopener">{url.clone()}</a> })}</li>
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}
