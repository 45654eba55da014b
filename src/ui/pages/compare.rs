//! `/compare?codes=a,b,c`: two to four occupations side by side.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::assess::{format_percent, Dimension};
use crate::compare::{occupation_href, ComparedCode};
use crate::report::OccupationReport;
use crate::ui::charts::{dimension_radar_chart, patterns_by_authority};
use crate::ui::components::badges::VerdictBadge;
use crate::ui::components::chart::EChart;
use crate::ui::data::{load_comparison, Comparison};

#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    // `codes=a,b` or `codes=a&codes=b` (the list's checkboxes) both work.
    let codes = Memo::new(move |_| {
        query.with(|query| query.get_all("codes").unwrap_or_default().join(","))
    });
    let data = Resource::new(move || codes.get(), load_comparison);
    view! {
        <Title text="Compare occupations" />
        <Meta name="description" content="Compare two to four occupations side by side: verdicts, indices, the four dimensions, working time by pattern and bottlenecks." />
        <h1>"Compare occupations"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(comparison) => view! { <ComparisonView comparison codes=codes.get_untracked() /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The comparison could not be loaded."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ComparisonView(comparison: Comparison, codes: String) -> impl IntoView {
    let Comparison {
        reports,
        unknown,
        problem,
    } = comparison;
    let pick_more = view! {
        <form method="get" action="/compare" class="compare-pick">
            <label for="compare-codes">"Occupation codes, separated by commas"</label>
            <div class="search-row">
                <input id="compare-codes" name="codes" value=codes.clone() placeholder="29-1224.00, 43-9021.00" />
                <button type="submit">"Compare"</button>
            </div>
            <p class="small muted">"Or tick occupations on the " <a href="/occupations">"list"</a> " and choose “Compare selected”."</p>
        </form>
    };
    if let Some(problem) = problem {
        return view! { <p class="notice">{problem}</p> {pick_more} }.into_any();
    }
    let radar = dimension_radar_chart(
        &reports
            .iter()
            .map(|report| (report.title.clone(), report.assessment.dimension_profile))
            .collect::<Vec<_>>(),
    );
    let header = reports.iter().map(|report| view! { <th scope="col"><a href=occupation_href(report)>{report.title.clone()}</a></th> }).collect_view();
    let row = |label: &'static str, cell: fn(&OccupationReport) -> String| {
        view! {
            <tr><th scope="row">{label}</th>{reports.iter().map(|report| view! { <td>{cell(report)}</td> }).collect_view()}</tr>
        }
    };
    let downloads = format!(
        "/compare/summary.csv?codes={}",
        reports
            .iter()
            .filter_map(ComparedCode::of_report)
            .map(|code| code.to_text())
            .collect::<Vec<_>>()
            .join(",")
    );
    view! {
        {(!unknown.is_empty()).then(|| view! { <p class="notice">"Not found and left out: " {unknown.join(", ")}</p> })}
        <div class="table-wrap card">
            <table class="compare">
                <thead><tr><th scope="col">"Occupation"</th>{header}</tr></thead>
                <tbody>
                    <tr><th scope="row">"Verdict"</th>{reports.iter().map(|report| view! { <td><VerdictBadge verdict=report.assessment.verdict /></td> }).collect_view()}</tr>
                    {row("Code", |report| report.code.clone().unwrap_or_default())}
                    {row("Automatability index", |report| format!("{:.1}", report.assessment.automatability_index))}
                    {row("Complementarity index", |report| format!("{:.1}", report.assessment.complementarity_index))}
                    {patterns_by_authority().map(|pattern| view! {
                        <tr><th scope="row">{pattern.label()} " (time)"</th>{reports.iter().map(|report| view! { <td class="num">{format_percent(report.assessment.pattern_shares.get(pattern))}</td> }).collect_view()}</tr>
                    }).collect_view()}
                    {row("Held back most by", |report| report.assessment.top_bottlenecks.iter().map(|item| item.dimension.phrase()).collect::<Vec<_>>().join(", "))}
                </tbody>
            </table>
        </div>
        <section class="card">
            <h2>"The four dimensions"</h2>
            <EChart option=radar label="Radar chart overlaying the time-weighted mean ratings of the compared occupations on the four dimensions." class="chart-tall">
                <table><caption>"Time-weighted mean rating (1–5)"</caption>
                    <thead><tr><th scope="col">"Dimension"</th>{reports.iter().map(|report| view! { <th scope="col" class="num">{report.title.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {Dimension::ALL.into_iter().map(|dimension| view! {
                            <tr><th scope="row">{dimension.label()}</th>{reports.iter().map(|report| view! { <td class="num">{format!("{:.2}", report.assessment.dimension_profile.get(dimension))}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </EChart>
        </section>
        <p><a href=downloads.clone() download="">"Download the comparison (CSV)"</a> " · " <a href=downloads.replace("summary.csv", "summary.xlsx") download="">"XLSX"</a> " · " <a href=downloads.replace("summary.csv", "summary.md") download="">"Markdown"</a></p>
        {pick_more}
    }
    .into_any()
}
