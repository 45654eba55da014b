//! "How others rate this occupation": the published measures beside the Atlas's own figures,
//! and the occupation's employment and wage. Rendered on the server only (not in an island).

use leptos::prelude::*;

use crate::measures::{
    ordinal, Employment, MeasureReading, OccupationFigures, DISAGREEMENT_POINTS,
};

#[component]
pub fn PublishedFigures(figures: OccupationFigures) -> impl IntoView {
    let OccupationFigures {
        employment,
        measures,
        atlas_population,
    } = figures;
    let sources: Vec<(String, String)> = measures
        .iter()
        .map(|reading| (reading.citation.clone(), reading.licence.clone()))
        .collect();
    view! {
        <section class="card published" id="published" aria-labelledby="published-heading">
            <h2 id="published-heading">"How others rate this occupation"</h2>
            <EmploymentLine employment />
            {if measures.is_empty() {
                view! { <p>"No published measure covers this occupation."</p> }.into_any()
            } else {
                view! {
                    <p class="small">"Each study's value, and where it falls among the occupations that study rates, beside the Atlas's own figure and where that falls among the "{atlas_population}" occupations of the catalog. A difference of more than "{DISAGREEMENT_POINTS}" percentile points is flagged and explained from the tasks. The Atlas never adjusts its ratings toward a study."</p>
                    <div class="table-wrap">
                        <table class="measures">
                            <caption class="visually-hidden">"Published measures for this occupation"</caption>
                            <thead><tr>
                                <th scope="col">"Measure"</th>
                                <th scope="col">"Value"</th>
                                <th scope="col">"Its percentile"</th>
                                <th scope="col">"The Atlas"</th>
                            </tr></thead>
                            <tbody>
                                {measures.into_iter().map(|reading| view! { <MeasureRow reading /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="small muted">
                <a href="/measures">"How each measure was made, and how it compares with the Atlas across the catalog"</a>
            </p>
            {(!sources.is_empty()).then(|| view! {
                <details class="small">
                    <summary>"Sources and licences"</summary>
                    <ul>{sources.into_iter().map(|(citation, licence)| view! { <li>{citation}" — "{licence}</li> }).collect_view()}</ul>
                </details>
            })}
        </section>
    }
}

#[component]
fn EmploymentLine(employment: Option<Employment>) -> impl IntoView {
    match employment {
        Some(employment) => view! {
            <p class="employment">
                "US employment: " <strong>{employment.workers_text()}</strong>
                " · median annual wage: " <strong>{employment.wage_text()}</strong>
                {employment.match_note().map(|note| view! { <span class="small muted">" ("{note}")"</span> })}
                <br /><span class="small muted">{employment.source.clone()}"."</span>
            </p>
        }.into_any(),
        None => view! { <p class="employment">"No published employment figures for this occupation."</p> }.into_any(),
    }
}

#[component]
fn MeasureRow(reading: MeasureReading) -> impl IntoView {
    let flagged = reading.disagreement.is_some();
    let gap = reading.gap().abs().round();
    let matched =
        (reading.matched != crate::measures::Match::Exact).then(|| reading.matched.describe());
    view! {
        <tr class:flagged=flagged>
            <th scope="row">
                {reading.title.clone()}
                <span class="small muted block">{reading.what.clone()}</span>
            </th>
            <td class="num">
                {format!("{:.3}", reading.value)}
                {matched.map(|text| view! { <span class="small muted block">{text}</span> })}
            </td>
            <td class="num">{ordinal(reading.percentile)}<span class="small muted block">"of "{reading.covers}</span></td>
            <td class="num">
                {ordinal(reading.atlas_percentile)}
                <span class="small muted block">{format!("{}: {:.0}", reading.compare_with.label(), reading.atlas_value)}</span>
            </td>
        </tr>
        {reading.disagreement.map(|reason| view! {
            <tr class="disagreement">
                <td colspan="4"><strong>{format!("Differs by {gap:.0} points. ")}</strong>{reason}</td>
            </tr>
        })}
    }
}
