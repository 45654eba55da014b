//! The home page's employment-weighted figures: US workers and wage bill by verdict, and hours
//! of work by pattern, over the catalog occupations with BLS figures. Server-rendered.

use leptos::prelude::*;

use crate::measures::{with_thousands, WeightedFigures, WeightedRow, HOURS_PER_WORKER_YEAR};

fn millions(value: f64) -> String {
    format!("{:.1} million", value / 1e6)
}

fn billions_of_dollars(value: f64) -> String {
    format!("${} billion", with_thousands((value / 1e9).round() as i64))
}

fn share_of(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{:.0}%", 100.0 * part / whole)
    } else {
        "—".to_string()
    }
}

#[component]
pub fn WorkforceFigures(weighted: WeightedFigures) -> impl IntoView {
    let WeightedFigures {
        by_verdict,
        by_pattern,
        with_figures,
        without_figures,
        catalog_workers,
        all_workers,
        source,
    } = weighted;
    let total_hours: f64 = by_pattern.iter().map(|row| row.hours).sum();
    let total_wages: f64 = by_verdict.iter().map(|row| row.wage_bill).sum();
    let coverage = all_workers.map(|all| {
        format!(
            " — {} of the {} US workers in all occupations",
            share_of(catalog_workers, all),
            millions(all)
        )
    });
    let verdict_rows = by_verdict
        .into_iter()
        .map(|row: WeightedRow| {
            view! {
                <tr>
                    <th scope="row">{row.label.clone()}</th>
                    <td class="num">{millions(row.workers)}</td>
                    <td class="num">{share_of(row.workers, catalog_workers)}</td>
                    <td class="num">{billions_of_dollars(row.wage_bill)}</td>
                    <td class="num">{share_of(row.wage_bill, total_wages)}</td>
                </tr>
            }
        })
        .collect_view();
    let pattern_rows = by_pattern
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.label.clone()}</th>
                    <td class="num">{format!("{:.1} billion", row.hours / 1e9)}</td>
                    <td class="num">{share_of(row.hours, total_hours)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="workforce" aria-labelledby="workforce-heading">
            <h2 id="workforce-heading">"Who this touches"</h2>
            <p>
                "The catalog's occupations employ "<strong>{millions(catalog_workers)}</strong>" US workers"
                {coverage}"."
            </p>
            <div class="grid-2">
                <table>
                    <caption>"Workers and wage bill by verdict"</caption>
                    <thead><tr><th scope="col">"Verdict"</th><th scope="col" class="num">"Workers"</th><th scope="col" class="num">"Share"</th><th scope="col" class="num">"Wage bill"</th><th scope="col" class="num">"Share"</th></tr></thead>
                    <tbody>{verdict_rows}</tbody>
                </table>
                <table>
                    <caption>"Hours of work a year by pattern"</caption>
                    <thead><tr><th scope="col">"Pattern"</th><th scope="col" class="num">"Hours"</th><th scope="col" class="num">"Share"</th></tr></thead>
                    <tbody>{pattern_rows}</tbody>
                </table>
            </div>
            <p class="small muted">
                {format!(
                    "Method: each occupation's US employment (BLS OEWS) counts toward its verdict; its wage bill is employment × median annual wage (an approximation: BLS's mean would be higher; a median above $239,200, which BLS does not publish, counts as $239,200, and a wage BLS gives only by the hour counts as zero). Hours are employment × {} full-time hours × each pattern's share of the occupation's working time. Where O*NET splits one SOC occupation into several in the catalog, their employment is divided equally among them. {with_figures} occupations have figures; {without_figures} have none and are left out. ",
                    with_thousands(HOURS_PER_WORKER_YEAR as i64)
                )}
                {source}"."
            </p>
        </section>
    }
}
