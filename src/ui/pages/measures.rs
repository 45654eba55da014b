//! `/measures`: the published measures against the Atlas across the catalog: how each was made,
//! its coverage, Spearman correlations with each Atlas figure (overall and by major group), a
//! scatter and the ten largest disagreements. Every number is computed from the data when the
//! page is served.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::measures::{
    ordinal, AtlasFigure, Correlation, GroupCorrelation, MeasureOrigin, MeasureSummary,
    DISAGREEMENT_POINTS, MIN_GROUP_SIZE,
};
use crate::ui::charts::measure_scatter_chart;
use crate::ui::components::chart::EChart;
use crate::ui::data::{load_measures, MeasuresOverview};

fn rho_text(rho: Option<f64>) -> String {
    rho.map_or_else(|| "—".to_string(), |rho| format!("{rho:+.2}"))
}

#[component]
pub fn MeasuresPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| load_measures());
    view! {
        <Title text="Published measures beside the Atlas" />
        <Meta name="description" content="LLM exposure, observed AI use and the probability of computerisation, each set beside the Atlas's task-by-task figures: coverage, rank correlations and the largest disagreements, explained." />
        <h1>"Published measures beside the Atlas"</h1>
        <p class="lede">"Studies of AI and jobs each publish one number per occupation. Here they are side by side with the Atlas's own figures, computed from the data as this page is served. The Atlas never adjusts its ratings toward any of them: where they disagree, the occupation's page says why."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(MeasuresOverview { summaries, catalog_size }) if !summaries.is_empty() => view! {
                        <SummaryTable summaries=summaries.clone() catalog_size />
                        {summaries.into_iter().map(|summary| view! { <MeasureSection summary /> }).collect_view()}
                    }.into_any(),
                    Ok(_) => view! { <p class="notice">"No published measures are loaded. The server loads the shipped ones from data/measures at start-up; `atlas import measures` adds others."</p> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The measures could not be loaded. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SummaryTable(summaries: Vec<MeasureSummary>, catalog_size: usize) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="overview-heading">
            <h2 id="overview-heading">"At a glance"</h2>
            <p class="small">"Spearman's rank correlation (ρ) between each measure and each Atlas figure, over the catalog occupations the measure covers (of "{catalog_size}"). ρ = +1 means the same order, 0 no relation."</p>
            <div class="table-wrap">
                <table class="correlations">
                    <thead><tr>
                        <th scope="col">"Measure"</th>
                        <th scope="col">"Covers"</th>
                        {AtlasFigure::ALL.into_iter().map(|figure| view! { <th scope="col" class="num">{"ρ with "}{figure.label()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {summaries.into_iter().map(|summary| view! {
                            <tr>
                                <th scope="row"><a href=format!("#{}", summary.info.name)>{summary.info.title.clone()}</a></th>
                                <td class="num">{summary.covered}" of "{summary.catalog_size}</td>
                                {summary.correlations.iter().map(|correlation| view! { <td class="num">{rho_text(correlation.rho)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn MeasureSection(summary: MeasureSummary) -> impl IntoView {
    let MeasureSummary {
        info,
        covered,
        catalog_size,
        crosswalked,
        correlations,
        by_group,
        points,
        disagreements,
    } = summary;
    let figure = info.compare_with;
    let option = measure_scatter_chart(&info.title, figure.label(), &points);
    let label = format!(
        "Scatter of {covered} occupations: {}'s percentile across, the {} percentile up.",
        info.title,
        figure.label()
    );
    let origin = match info.origin {
        MeasureOrigin::Shipped => {
            "Shipped with the Atlas (figures only, written by scripts/measures/write_figures.py)."
        }
        MeasureOrigin::Imported => "Imported on this server with `atlas import measures`.",
    };
    let table_points = points.clone();
    view! {
        <section class="card measure" id=info.name.clone() aria-labelledby=format!("{}-heading", info.name)>
            <h2 id=format!("{}-heading", info.name)>{info.title.clone()}</h2>
            <p><strong>{info.what.clone()}</strong></p>
            <p>{info.method.clone()}</p>
            <p class="small">
                {info.citation.clone()}". Version: "{info.version.clone()}". Licence: "{info.licence.clone()}". "
                {info.url.clone().map(|url| { let text = url.clone(); view! { <a href=url>{text}</a> } })}
                <br />{origin}
            </p>
            <p>"Covers "<strong>{covered}" of the "{catalog_size}" catalog occupations"</strong>
                {format!(" ({crosswalked} through a crosswalk: a SOC figure carried to its O*NET occupations, or the mean of O*NET occupations for their SOC code); it rates {} occupations in all.", info.value_count)}
            </p>
            <CorrelationList correlations figure />
            <EChart option=option label class="chart-tall">
                <table class="small">
                    <caption>{format!("{} and the {}: percentiles", info.title, figure.label())}</caption>
                    <thead><tr><th scope="col">"Occupation"</th><th scope="col" class="num">"Value"</th><th scope="col" class="num">"Its percentile"</th><th scope="col" class="num">"Atlas percentile"</th></tr></thead>
                    <tbody>
                        {table_points.into_iter().map(|point| view! {
                            <tr><td><a href=format!("/occupations/{}", point.code)>{point.title}</a></td><td class="num">{format!("{:.3}", point.value)}</td><td class="num">{format!("{:.0}", point.percentile)}</td><td class="num">{format!("{:.0}", point.atlas_percentile)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </EChart>
            <GroupTable by_group figure />
            <h3>"The largest disagreements"</h3>
            {if disagreements.is_empty() {
                view! { <p>{format!("No covered occupation differs by more than {DISAGREEMENT_POINTS:.0} percentile points.")}</p> }.into_any()
            } else {
                view! {
                    <p class="small">{format!("Occupations whose two percentiles differ by more than {DISAGREEMENT_POINTS:.0} points, largest first. Each page explains the difference from its tasks.")}</p>
                    <ol class="disagreements">
                        {disagreements.into_iter().map(|point| view! {
                            <li>
                                <a href=format!("/occupations/{}#published", point.code)>{point.title}</a>
                                {format!(": {} percentile by this measure, {} by the Atlas", ordinal(point.percentile), ordinal(point.atlas_percentile))}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn CorrelationList(correlations: Vec<Correlation>, figure: AtlasFigure) -> impl IntoView {
    view! {
        <ul class="correlation-list">
            {correlations.into_iter().map(|correlation| {
                let compared = correlation.figure == figure;
                view! {
                    <li class:compared=compared>
                        "Spearman ρ with the "{correlation.figure.label()}": "
                        <strong>{rho_text(correlation.rho)}</strong>
                        {format!(" ({} occupations)", correlation.pairs)}
                        {compared.then_some(" — the figure occupation pages set it beside")}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn GroupTable(by_group: Vec<GroupCorrelation>, figure: AtlasFigure) -> impl IntoView {
    view! {
        <details class="by-group">
            <summary>{format!("By major group (ρ with the {}; groups of at least {MIN_GROUP_SIZE} covered occupations)", figure.label())}</summary>
            <table class="small">
                <thead><tr><th scope="col">"Major group"</th><th scope="col" class="num">"Occupations"</th><th scope="col" class="num">"ρ"</th></tr></thead>
                <tbody>
                    {by_group.into_iter().map(|group| view! {
                        <tr>
                            <td><a href=format!("/occupations?group={}", group.group)>{group.title}</a></td>
                            <td class="num">{group.pairs}</td>
                            <td class="num">{if group.pairs < MIN_GROUP_SIZE { "too few".to_string() } else { rho_text(group.rho) }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
