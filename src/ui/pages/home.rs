//! The home page: what the app does, a search box, the catalog at a glance (three charts with
//! their tables), and a small "try the model" widget that scores four ratings live.

use crate::ui::components::workforce::WorkforceFigures;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::assess::{assess_task, format_percent, Dimension, Kind, Rating, Ratings, Verdict};
use crate::browse::CatalogOverview;
use crate::ui::charts::{
    automation_map_chart, group_verdict_chart, pattern_time_chart, patterns_by_authority,
    short_group_title,
};
use crate::ui::components::badges::PatternBadge;
use crate::ui::components::chart::EChart;
use crate::ui::data::load_overview;

#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| load_overview());
    view! {
        <Title text="" />
        <Meta name="description" content="Automatability Atlas rates every task of an occupation on four dimensions and recommends whether AI should automate it, assist with it, or leave it to people — and says why." />
        <section class="hero">
            <h1>"Which parts of a job should AI take over?"</h1>
            <p class="lede">
                "Automatability Atlas breaks occupations into tasks and rates each on standardization, error tolerance, "
                "verifiability and frequency. From those ratings it recommends how AI should be deployed — automate, "
                "assist as a second reader, triage or quality check, or leave the work to people — and says why."
            </p>
            <form class="search-form" method="get" action="/occupations" role="search">
                <label for="home-search">"Find an occupation"</label>
                <div class="search-row">
                    <input id="home-search" type="search" name="q" placeholder="e.g. radiologist, nurse, data entry" autocomplete="off" />
                    <button type="submit">"Search"</button>
                </div>
            </form>
            <p class="hero-links">
                <a href="/cases/radiology">"The radiology case: AI as second reader"</a>
                " · "
                <a href="/methodology">"How the ratings become recommendations"</a>
                " · "
                <a href="/occupations">"Browse all occupations"</a>
            </p>
        </section>
        <Suspense fallback=|| view! { <p>"Loading the catalog…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <Overview overview /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The catalog could not be read. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
        <TryTheModel />
    }
}

#[component]
fn Overview(overview: CatalogOverview) -> impl IntoView {
    let pattern_option = pattern_time_chart(&overview.pattern_time);
    let group_option = group_verdict_chart(&overview.groups);
    let map_option = automation_map_chart(&overview.points);
    let weighted = overview.weighted.clone();
    let count = |verdict: Verdict| {
        overview
            .points
            .iter()
            .filter(|point| point.verdict == verdict)
            .count()
    };
    let pattern_rows = patterns_by_authority()
        .map(|pattern| view! {
            <tr><th scope="row">{pattern.label()}</th><td class="num">{format_percent(overview.pattern_time.get(pattern))}</td></tr>
        })
        .collect_view();
    let group_rows = overview
        .groups
        .iter()
        .map(|group| {
            let href = format!("/occupations?group={}", group.code);
            view! {
                <tr>
                    <th scope="row"><a href=href>{format!("{} {}", group.code, short_group_title(&group.title))}</a></th>
                    <td class="num">{group.replace}</td><td class="num">{group.complement}</td><td class="num">{group.human_led}</td>
                </tr>
            }
        })
        .collect_view();
    let point_rows = overview
        .points
        .iter()
        .map(|point| {
            let href = format!("/occupations/{}", point.code);
            view! {
                <tr>
                    <th scope="row"><a href=href>{point.title.clone()}</a></th>
                    <td class="num">{format!("{:.1}", point.feasibility)}</td>
                    <td class="num">{format!("{:.1}", point.autonomy_risk)}</td>
                    <td>{point.verdict.label()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="stats" aria-label="The catalog in numbers">
            <div class="stat"><span class="stat-value">{overview.occupation_count}</span><span class="stat-label">"occupations"</span></div>
            <div class="stat"><span class="stat-value">{overview.task_count}</span><span class="stat-label">"rated tasks"</span></div>
            <div class="stat verdict-replace-text"><span class="stat-value">{count(Verdict::Replace)}</span><span class="stat-label">"replace"</span></div>
            <div class="stat verdict-complement-text"><span class="stat-value">{count(Verdict::Complement)}</span><span class="stat-label">"complement"</span></div>
            <div class="stat verdict-human_led-text"><span class="stat-value">{count(Verdict::HumanLed)}</span><span class="stat-label">"human-led"</span></div>
        </section>
        <div class="grid-2">
            <section class="card">
                <h2>"How working time splits across the patterns"</h2>
                <p class="muted small">"Mean over all occupations of the share of working time each pattern covers."</p>
                <EChart option=pattern_option label="Bar chart: average share of working time per deployment pattern across the catalog.">
                    <table><caption>"Average share of working time by pattern"</caption>
                        <thead><tr><th scope="col">"Pattern"</th><th scope="col" class="num">"Share"</th></tr></thead>
                        <tbody>{pattern_rows}</tbody>
                    </table>
                </EChart>
            </section>
            <section class="card">
                <h2>"Verdicts by occupational group"</h2>
                <p class="muted small">"Number of occupations in each SOC major group by verdict."</p>
                <EChart option=group_option label="Stacked bar chart: number of occupations with each verdict in each SOC major group." class="chart-tall">
                    <table><caption>"Occupations by major group and verdict"</caption>
                        <thead><tr><th scope="col">"Major group"</th><th scope="col" class="num">"Replace"</th><th scope="col" class="num">"Complement"</th><th scope="col" class="num">"Human-led"</th></tr></thead>
                        <tbody>{group_rows}</tbody>
                    </table>
                </EChart>
            </section>
        </div>
        {weighted.map(|weighted| view! { <WorkforceFigures weighted /> })}
        <section class="card">
            <h2>"The automation map"</h2>
            <p class="muted small">
                "Each point is an occupation: how feasible its tasks are for a machine (right is more feasible) against how "
                "costly an unsupervised machine error would be (up is riskier), time-weighted. High feasibility with high risk "
                "is where AI should complement people rather than replace them. Click a point to open the occupation."
            </p>
            <EChart option=map_option label="Scatter chart: occupations by mean task feasibility and mean autonomy risk, coloured by verdict." class="chart-tall">
                <table><caption>"Occupations by feasibility and autonomy risk"</caption>
                    <thead><tr><th scope="col">"Occupation"</th><th scope="col" class="num">"Feasibility"</th><th scope="col" class="num">"Autonomy risk"</th><th scope="col">"Verdict"</th></tr></thead>
                    <tbody>{point_rows}</tbody>
                </table>
            </EChart>
        </section>
    }
}

/// Four ratings in, a pattern out — computed in the browser by the same `assess` code as the
/// server. Without JavaScript it shows the radiology reference task.
#[component]
fn TryTheModel() -> impl IntoView {
    // The form also works without JavaScript: it submits the ratings in the URL and the server
    // renders the result for them.
    let query = leptos_router::hooks::use_query_map();
    let initial = query.with_untracked(|query| {
        let value = |dimension: Dimension, default: u8| {
            query
                .get(dimension.name())
                .and_then(|text| text.parse::<u8>().ok())
                .filter(|value| (1..=5).contains(value))
                .unwrap_or(default)
        };
        Ratings::from_values([
            value(Dimension::Standardization, 5),
            value(Dimension::ErrorTolerance, 1),
            value(Dimension::Verifiability, 4),
            value(Dimension::Frequency, 5),
        ])
        .unwrap_or(Ratings::new(
            Rating::MIN,
            Rating::MIN,
            Rating::MIN,
            Rating::MIN,
        ))
    });
    let initial_kind = query.with_untracked(|query| {
        query
            .get("kind")
            .and_then(|text| Kind::parse(&text).ok())
            .unwrap_or(Kind::JudgingCases)
    });
    view! { <TryTheModelLive initial initial_kind /> }
}

/// The live part of [`TryTheModel`]: an island, so the selects re-score in the browser.
#[island]
fn TryTheModelLive(initial: Ratings, initial_kind: Kind) -> impl IntoView {
    let (ratings, set_ratings) = signal(initial);
    let (kind, set_kind) = signal(initial_kind);
    let assessment = Memo::new(move |_| assess_task(kind.get(), &ratings.get()));
    let on_kind = move |event: leptos::ev::Event| {
        if let Ok(chosen) = Kind::parse(&event_target_value(&event)) {
            set_kind.set(chosen);
        }
    };
    let kind_select = view! {
        <div class="try-field try-kind">
            <label for="try-kind">"Kind of work"</label>
            <select id="try-kind" name="kind" on:change=on_kind>
                {Kind::ALL.into_iter().map(|option| view! {
                    <option value=option.name() selected=move || kind.get() == option>{option.label()}</option>
                }).collect_view()}
            </select>
        </div>
    };
    let selects = Dimension::ALL
        .into_iter()
        .map(|dimension| {
            let id = format!("try-{}", dimension.name());
            let on_change = move |event: leptos::ev::Event| {
                let value: u8 = event_target_value(&event).parse().unwrap_or(1);
                if let Ok(rating) = Rating::new(value) {
                    set_ratings.update(|ratings| *ratings = ratings.with(dimension, rating));
                }
            };
            view! {
                <div class="try-field">
                    <label for=id.clone()>{dimension.label()}</label>
                    <select id=id name=dimension.name() on:change=on_change>
                        {Rating::ALL.into_iter().map(|rating| {
                            let anchor = crate::assess::anchor(dimension, rating);
                            view! {
                                <option value=rating.value().to_string() selected=move || ratings.get().get(dimension) == rating>
                                    {format!("{} — {}", rating.value(), anchor.label)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card try" aria-labelledby="try-heading">
            <h2 id="try-heading">"Try the model on one task"</h2>
            <p class="muted small">"Say what kind of work the task is and rate it 1–5 on each dimension (5 is the most favourable to automation). The recommendation updates as you choose."</p>
            <form method="get" action="/#try-heading" class="try-form">
                {kind_select}
                <div class="try-grid">{selects}</div>
                <noscript><button type="submit">"Score this task"</button></noscript>
            </form>
            <div class="try-result" aria-live="polite" id="try-result">
                <p>
                    "Recommended pattern: " {move || view! { <PatternBadge pattern=assessment.get().pattern /> }}
                    " · feasibility " <strong>{move || format!("{:.1}", assessment.get().scores.feasibility)}</strong>
                    " · autonomy risk " <strong>{move || format!("{:.1}", assessment.get().scores.autonomy_risk)}</strong>
                </p>
                <p class="small">{move || assessment.get().rationale.to_string()}</p>
            </div>
        </section>
    }
}
