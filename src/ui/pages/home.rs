//! The home page: what the app does, and an overview chart.

use charming::{
    component::{Axis, Grid},
    element::{AxisType, Tooltip, Trigger},
    series::Bar,
    Chart,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::ui::components::chart::{chart_option_json, EChart};

/// Working time of the reference case (a screening radiologist) by deployment pattern, in percent.
/// Illustrative until the catalog is loaded from the database.
const REFERENCE_SHARES: [(&str, f64); 5] = [
    ("Second reader", 35.0),
    ("Triage", 15.0),
    ("Quality control", 15.0),
    ("Human-led", 35.0),
    ("Automate", 0.0),
];

fn reference_chart(sorted: bool) -> Chart {
    let mut rows = REFERENCE_SHARES.to_vec();
    if sorted {
        rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    }
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left("3%")
                .right("4%")
                .bottom("3%")
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value).name("% of working time"))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(rows.iter().map(|(name, _)| name.to_string()).collect()),
        )
        .series(
            Bar::new()
                .name("Share of time")
                .data(rows.iter().map(|(_, share)| *share).collect()),
        )
}

#[component]
pub fn HomePage() -> impl IntoView {
    let (sorted, set_sorted) = signal(false);
    let option = Signal::derive(move || chart_option_json(&reference_chart(sorted.get())));
    view! {
        <Title text="" />
        <Meta name="description" content="Automatability Atlas rates every task of an occupation on four dimensions and recommends whether AI should automate it, assist with it, or leave it to people." />
        <section class="hero">
            <h1>"Which parts of a job should AI take over?"</h1>
            <p class="lede">
                "Automatability Atlas breaks occupations into tasks and rates each on standardization, "
                "error tolerance, verifiability and frequency. From those ratings it recommends how AI "
                "should be deployed — automate, assist as a second reader, triage or quality check, or "
                "leave the work to people — and says why."
            </p>
        </section>
        <section class="card">
            <h2>"The reference case: a screening radiologist"</h2>
            <p>
                "Screening images are standardized and read by the thousand, but a missed cancer is costly. "
                "So AI serves best as a second reader, a triage tool and a quality checker — in screening "
                "trials this cut reading workload by about 44% while finding more cancers."
            </p>
            <EChart option label="Bar chart: working time of a screening radiologist by deployment pattern. Second reader 35%, triage 15%, quality control 15%, human-led 35%, automate 0%.">
                <table>
                    <caption>"Working time by deployment pattern (illustrative)"</caption>
                    <thead><tr><th scope="col">"Pattern"</th><th scope="col">"Share of time"</th></tr></thead>
                    <tbody>
                        {REFERENCE_SHARES.iter().map(|(name, share)| view! {
                            <tr><th scope="row">{*name}</th><td>{format!("{share:.0}%")}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </EChart>
            <button
                type="button"
                class="button"
                id="sort-reference"
                aria-pressed=move || if sorted.get() { "true" } else { "false" }
                on:click=move |_| set_sorted.update(|value| *value = !*value)
            >
                {move || if sorted.get() { "Show in pattern order" } else { "Sort by share" }}
            </button>
        </section>
    }
}
