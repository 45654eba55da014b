//! Charts: an ECharts option built with charming on either side, drawn by ECharts in the browser.
//!
//! The component renders a `<div data-echarts="{option json}">`; `public/js/charts.js` (served by the
//! app, like ECharts itself) draws every such element and redraws it when the attribute changes, so a
//! chart whose option is a reactive signal updates live after hydration. Without JavaScript the chart
//! area is hidden and the data table given as `children` is the content: the `<details>` starts open
//! and charts.js folds it once the chart is drawn.

use leptos::prelude::*;

/// Serialises a charming chart to the ECharts option JSON.
pub fn chart_option_json(chart: &charming::Chart) -> String {
    // Serialising a tree of plain structs, strings and numbers cannot fail.
    serde_json::to_string(chart).unwrap_or_else(|_| "{}".to_string())
}

/// A chart with a text alternative. `label` summarises the chart for screen readers; `children`
/// is a data table holding the same figures.
#[component]
pub fn EChart(
    /// The ECharts option JSON (see [`chart_option_json`]).
    #[prop(into)]
    option: Signal<String>,
    /// A one-sentence summary of what the chart shows.
    #[prop(into)]
    label: String,
    /// Extra CSS class for sizing, e.g. `chart-tall`.
    #[prop(optional, into)]
    class: String,
    children: Children,
) -> impl IntoView {
    view! {
        <figure class="chart-figure">
            <div
                class=format!("chart {class}")
                role="img"
                aria-label=label.clone()
                data-echarts=move || option.get()
            ></div>
            <figcaption class="visually-hidden-js">{label}</figcaption>
            <details class="chart-data" open>
                <summary>"Show the figures as a table"</summary>
                {children()}
            </details>
        </figure>
    }
}
