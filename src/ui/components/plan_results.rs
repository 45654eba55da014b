//! The results of a team plan: totals, the assumptions as knobs, the charts, the pilot-first
//! list and the roles. An island: the plan's basis and assumptions travel as props, and moving a knob recomputes
//! everything in the browser with the same `plan::compute` the server uses, and keeps the knobs
//! in the address. Without JavaScript the knobs are a GET form that asks the server for the page
//! with those assumptions.

use leptos::prelude::*;

use crate::assess::Pattern;
use crate::plan::settings::{adjustable_patterns, basis, field_name, format_percent, Which};
use crate::plan::{compute, PlanBasis, PlanResults, Settings};
use crate::ui::charts::{pattern_color, patterns_by_authority, plan_flow_chart, plan_role_chart};
use crate::ui::components::chart::EChart;

fn hours(value: f64) -> String {
    crate::measures::with_thousands(value.round() as i64)
}

fn fte(value: f64) -> String {
    format!("{value:.1}")
}

fn money(value: f64) -> String {
    crate::measures::with_thousands(value.round() as i64)
}

fn query_of(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    format!("?{}", joined.join("&"))
}

/// Replaces the address bar's URL without loading it.
fn replace_address(url: &str) {
    #[cfg(feature = "hydrate")]
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

#[island]
pub fn PlanResultsView(
    basis: PlanBasis,
    settings: Settings,
    id: String,
    saved: Vec<(String, String)>,
) -> impl IntoView {
    // The results are not props: they are computed here, on the server for the first paint and
    // in the browser as the knobs move, so the page does not carry them twice.
    let saved_settings = Settings::default().with_pairs(&saved).unwrap_or_default();
    let basis_value = StoredValue::new(basis);
    let saved_value = StoredValue::new(saved_settings);
    let settings = RwSignal::new(settings);
    let results = Memo::new(move |_| {
        settings.with(|settings| basis_value.with_value(|basis| compute(basis, settings)))
    });
    let query = Memo::new(move |_| {
        settings.with(|settings| {
            saved_value.with_value(|saved| query_of(&settings.pairs_differing_from(saved)))
        })
    });
    let page_path = format!("/plans/{id}");
    let address = page_path.clone();
    Effect::new(move |previous: Option<()>| {
        let query = query.get();
        if previous.is_some() {
            replace_address(&format!("{address}{query}"));
        }
    });
    let role_chart = Signal::derive(move || results.with(plan_role_chart));
    let flow_chart = Signal::derive(move || results.with(plan_flow_chart));
    let downloads = page_path.clone();
    view! {
        <Totals results settings />
        <section class="card plan-knobs" aria-labelledby="knobs-heading" id="assumptions">
            <h2 id="knobs-heading">"Assumptions"</h2>
            <p class="small">"For each pattern: the share of a task's time a person still spends once it is in place, and how much of the possible change you expect (adoption). The totals above follow as you change them; the plan's saved figures are unchanged until its owner saves new ones."</p>
            <form method="get" action=page_path.clone() class="knob-form">
                <table class="assumption-table">
                    <thead><tr>
                        <th scope="col">"Pattern"</th>
                        <th scope="col">"Person share (%)"</th>
                        <th scope="col">"Adoption (%)"</th>
                        <th scope="col">"What the person still does · what the default rests on"</th>
                    </tr></thead>
                    <tbody>
                        {adjustable_patterns().map(|pattern| view! { <KnobRow pattern settings /> }).collect_view()}
                    </tbody>
                </table>
                <p class="actions">
                    <button type="submit" class="button secondary">"Recompute"</button>
                    " " <a href=page_path.clone() id="reset-assumptions">"Back to the plan's saved assumptions"</a>
                </p>
            </form>
        </section>
        <section class="card" aria-labelledby="charts-heading">
            <h2 id="charts-heading">"Hours by role and pattern"</h2>
            <EChart option=role_chart class="chart-tall" label="Stacked bar chart: each role's hours per year under each deployment pattern.">
                <RoleTable results />
            </EChart>
            <h3>"Where the hours go"</h3>
            <EChart option=flow_chart class="chart-tall" label="Flow chart: hours per year from each role to each pattern, then to hours freed or hours people still spend.">
                <PatternTable results settings />
            </EChart>
        </section>
        <Pilots results />
        <section class="card" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">"Download"</h2>
            <p class="small">"With the assumptions shown above."</p>
            <ul class="downloads">
                {[("plan.xlsx", "Spreadsheet (XLSX), one sheet per view"), ("plan.pdf", "One-page summary (PDF, A4)"), ("plan-letter.pdf", "One-page summary (PDF, US Letter)"), ("plan.csv", "Task rows (CSV)"), ("plan.json", "Everything (JSON)")]
                    .into_iter()
                    .map(|(file, label)| {
                        let base = format!("{downloads}/{file}");
                        view! { <li><a href=move || format!("{base}{}", query.get()) download=file>{label}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn KnobRow(pattern: Pattern, settings: RwSignal<Settings>) -> impl IntoView {
    let about = basis(pattern);
    let input = move |which: Which| {
        let name = field_name(which, pattern);
        let label = format!(
            "{}: {}",
            pattern.label(),
            match which {
                Which::PersonShare => "person share (%)",
                Which::Adoption => "adoption (%)",
            }
        );
        view! {
            // `value` is what the server renders (the page without JavaScript); `prop:value`
            // keeps the live input in step after hydration.
            <input type="number" min="0" max="100" step="any" name=name.clone() id=format!("knob-{name}")
                aria-label=label
                value=format_percent(settings.with_untracked(|settings| settings.value(which, pattern)))
                prop:value=move || format_percent(settings.with(|settings| settings.value(which, pattern)))
                on:input=move |event| {
                    if let Ok(value) = event_target_value(&event).trim().parse::<f64>() {
                        settings.update(|settings| *settings = settings.with(which, pattern, value));
                    }
                }
            />
        }
    };
    view! {
        <tr>
            <th scope="row"><span class="swatch" style=format!("background:{}", pattern_color(pattern))></span>" " {pattern.label()}</th>
            <td>{input(Which::PersonShare)}</td>
            <td>{input(Which::Adoption)}</td>
            <td class="small">
                <strong>{about.person_work}</strong>". "
                {about.evidence}
            </td>
        </tr>
    }
}

#[component]
fn Totals(results: Memo<PlanResults>, settings: RwSignal<Settings>) -> impl IntoView {
    let potential = move || {
        settings.with(|settings| {
            adjustable_patterns().all(|pattern| settings.get(pattern).adoption >= 100.0)
        })
    };
    let total =
        move |pick: fn(&PlanResults) -> f64| move || results.with(|results| hours(pick(results)));
    view! {
        <section class="card plan-totals" aria-labelledby="totals-heading" id="totals">
            <h2 id="totals-heading">"What changes, per year"</h2>
            <p class="plan-headline" aria-live="polite" id="plan-headline">
                {move || results.with(|results| format!(
                    "{} of {} hours freed ({} FTE); people spend {} hours checking the machine's work ({} FTE).",
                    hours(results.totals.freed), hours(results.totals.hours), fte(results.totals.freed_fte),
                    hours(results.totals.review), fte(results.totals.review_fte)
                ))}
            </p>
            <p class="small muted" id="adoption-note">
                {move || if potential() {
                    "This is the potential: adoption is 100% for every pattern, the whole change each allows. Lower it under Assumptions for a realistic roll-out."
                } else {
                    "With the adoption set under Assumptions."
                }}
            </p>
            <dl class="plan-figures">
                <div><dt>"Team"</dt><dd>{move || results.with(|results| format!("{} FTE · {} hours", fte(results.totals.fte), hours(results.totals.hours)))}</dd></div>
                <div><dt>"Handed over (automate, human approves)"</dt><dd id="handed-over">{total(|r| r.totals.handed_over)}" h, of which "{total(|r| r.totals.handed_over_freed)}" h freed net of "{total(|r| r.totals.sign_off)}" h of sign-off and exceptions"</dd></div>
                <div><dt>"Change shape (second reader, triage, quality control, copilot)"</dt><dd id="reshaped">{total(|r| r.totals.reshaped)}" h, of which "{total(|r| r.totals.reshaped_freed)}" h saved"</dd></div>
                <div><dt>"Stay with people (human-led)"</dt><dd id="kept">{total(|r| r.totals.kept)}" h"</dd></div>
                <div><dt>"Reviewer load"</dt><dd id="review">{total(|r| r.totals.review)}" h ("{move || results.with(|r| fte(r.totals.review_fte))}" FTE): sign-off, exceptions, second reading and arbitration"</dd></div>
                {move || results.with(|results| (results.totals.costed_roles > 0).then(|| view! {
                    <div><dt>"Value of the hours freed"</dt><dd id="freed-value">{format!("{} a year in the currency of the hourly costs, over the {} {} with a cost", money(results.totals.freed_value), results.totals.costed_roles, if results.totals.costed_roles == 1 { "role" } else { "roles" })}</dd></div>
                }))}
            </dl>
        </section>
    }
}

#[component]
fn RoleTable(results: Memo<PlanResults>) -> impl IntoView {
    view! {
        <table class="data-table plan-roles" id="role-table">
            <caption>"Hours per year by role"</caption>
            <thead><tr>
                <th scope="col">"Role"</th>
                <th scope="col">"FTE"</th>
                <th scope="col">"Hours"</th>
                {patterns_by_authority().map(|pattern| view! { <th scope="col">{pattern.label()}</th> }).collect_view()}
                <th scope="col">"Freed"</th>
                <th scope="col">"Review"</th>
            </tr></thead>
            <tbody>
                {move || results.with(|results| results.roles.iter().map(|role| view! {
                    <tr>
                        <th scope="row"><a href=role.reference.page_path()>{role.title.clone()}</a></th>
                        <td>{fte(role.headcount)}</td>
                        <td>{hours(role.hours)}</td>
                        {patterns_by_authority().map(|pattern| view! { <td>{hours(role.by_pattern[usize::from(pattern.level())].hours)}</td> }).collect_view()}
                        <td>{hours(role.freed)}</td>
                        <td>{hours(role.review)}</td>
                    </tr>
                }).collect_view())}
            </tbody>
        </table>
    }
}

#[component]
fn PatternTable(results: Memo<PlanResults>, settings: RwSignal<Settings>) -> impl IntoView {
    view! {
        <table class="data-table" id="pattern-table">
            <caption>"Hours per year by pattern"</caption>
            <thead><tr>
                <th scope="col">"Pattern"</th><th scope="col">"Hours"</th><th scope="col">"Person share"</th>
                <th scope="col">"Adoption"</th><th scope="col">"Freed"</th><th scope="col">"People still spend"</th>
            </tr></thead>
            <tbody>
                {move || results.with(|results| settings.with(|settings| patterns_by_authority().map(|pattern| {
                    let figures = results.pattern(pattern);
                    let setting = settings.get(pattern);
                    view! {
                        <tr>
                            <th scope="row">{pattern.label()}</th>
                            <td>{hours(figures.hours)}</td>
                            <td>{format!("{}%", format_percent(setting.person_share))}</td>
                            <td>{format!("{}%", format_percent(setting.adoption))}</td>
                            <td>{hours(figures.freed)}</td>
                            <td>{hours(figures.person_hours())}</td>
                        </tr>
                    }
                }).collect_view()))}
            </tbody>
        </table>
    }
}

#[component]
fn Pilots(results: Memo<PlanResults>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="pilots-heading" id="pilot-first">
            <h2 id="pilots-heading">"Pilot first"</h2>
            <p class="small">"Tasks ranked by hours × feasibility × low autonomy risk: many hours, a machine likely to learn the task, and little harm from its errors under the pattern. The ten highest are shown; the full list is in the downloads."</p>
            <div class="table-scroll">
                <table class="data-table pilot-table" id="pilot-table">
                    <caption class="visually-hidden">"Tasks to pilot first, highest priority first"</caption>
                    <thead><tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Task · role"</th>
                        <th scope="col">"Pattern"</th>
                        <th scope="col">"Hours a year"</th>
                        <th scope="col">"Freed"</th>
                        <th scope="col">"Feasibility"</th>
                        <th scope="col">"Autonomy risk"</th>
                        <th scope="col">"Bottleneck"</th>
                        <th scope="col">"What to measure in the pilot"</th>
                    </tr></thead>
                    <tbody>
                        {move || results.with(|results| results.pilots.iter().take(10).enumerate().map(|(rank, pilot)| view! {
                            <tr>
                                <td>{rank + 1}</td>
                                <th scope="row"><span class="pilot-task">{pilot.task.clone()}</span><br /><span class="small muted">{pilot.role_title.clone()}</span></th>
                                <td class=format!("pattern-{}", pilot.pattern.name())>{pilot.pattern.label()}</td>
                                <td class="num">{hours(pilot.hours)}</td>
                                <td class="num">{hours(pilot.freed)}</td>
                                <td class="num">{format!("{:.0}", pilot.feasibility)}</td>
                                <td class="num">{format!("{:.0}", pilot.autonomy_risk)}</td>
                                <td>{if pilot.bottleneck.is_empty() { "none".to_owned() } else { pilot.bottleneck.iter().map(|d| d.label().to_lowercase()).collect::<Vec<_>>().join(", ") }}</td>
                                <td class="small">{pilot.measure.clone()}</td>
                            </tr>
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            {move || results.with(|results| results.pilots.is_empty().then(|| view! {
                <p class="muted">"No task has a pattern other than human-led with adoption above 0."</p>
            }))}
        </section>
    }
}
