//! The assessment of one occupation or profile, shared by the occupation and profile pages: the
//! verdict card, indices, charts, task table, recommendations and the live what-if.

use leptos::prelude::*;

use crate::assess::{
    anchor, assess_occupation, format_percent, Dimension, Kind, OccupationAssessment, Pattern,
    Rating, Ratings, TaskInput, Verdict,
};
use crate::report::{EvidenceItem, OccupationReport, ReportSource, ReportTask, ONET_ATTRIBUTION};
use crate::ui::charts::{
    dimension_radar_chart, pattern_time_chart, patterns_by_authority, short_group_title,
};
use crate::ui::components::badges::{PatternBadge, VerdictBadge};
use crate::ui::components::chart::EChart;

/// An island: the report travels to the browser as the island's props, and the what-if re-scores
/// it there.
#[island]
pub fn AssessmentView(report: OccupationReport, downloads_base: String) -> impl IntoView {
    let original: Vec<Ratings> = report.tasks.iter().map(|task| task.ratings).collect();
    let ratings = RwSignal::new(original.clone());
    let assessment = live_assessment(&report, ratings);
    let changed = {
        let original = original.clone();
        Memo::new(move |_| ratings.with(|ratings| *ratings != original))
    };
    let suggested_kinds = report.has_suggested_kinds();
    view! {
        <article class="assessment">
            <AssessmentHeader report=report.clone() />
            <VerdictCard assessment stored=report.assessment.clone() />
            {suggested_kinds.then(|| view! {
                <p class="card notice" id="suggested-kinds">"This profile was saved under model 1.x, which had no kind of work. The kinds marked “suggested” were read from the task titles; open the profile's edit page to accept or change them, and save."</p>
            })}
            {(!report.note.is_empty()).then(|| view! { <section class="card"><h2>"About this work"</h2><p>{report.note.clone()}</p></section> })}
            <PatternAndDimensionCharts title=report.title.clone() assessment />
            <TaskTable tasks=report.tasks.clone() ratings assessment />
            <WhatIfPanel tasks=report.tasks.clone() ratings changed reset_to=original assessment />
            <section class="card" aria-labelledby="recommendations-heading">
                <h2 id="recommendations-heading">"What to deploy, and why"</h2>
                {move || recommendations(&assessment.get())}
            </section>
            <EvidenceList evidence=report.evidence.clone() />
            <DownloadLinks report=report.clone() downloads_base />
            {matches!(report.source, ReportSource::Onet { .. }).then(|| view! { <p class="attribution small">{ONET_ATTRIBUTION}</p> })}
        </article>
    }
}

/// The assessment of the current what-if ratings, recomputed in the browser as they change.
fn live_assessment(
    report: &OccupationReport,
    ratings: RwSignal<Vec<Ratings>>,
) -> Memo<OccupationAssessment> {
    let titles: Vec<String> = report.tasks.iter().map(|task| task.title.clone()).collect();
    let shares: Vec<f64> = report.tasks.iter().map(|task| task.share).collect();
    let kinds: Vec<Kind> = report.tasks.iter().map(|task| task.kind).collect();
    let stored = report.assessment.clone();
    Memo::new(move |_| {
        let inputs: Vec<TaskInput> = ratings.with(|ratings| {
            titles
                .iter()
                .zip(&shares)
                .zip(&kinds)
                .zip(ratings)
                .map(|(((title, share), kind), ratings)| TaskInput {
                    title: title.clone(),
                    share: *share,
                    kind: *kind,
                    ratings: *ratings,
                })
                .collect()
        });
        assess_occupation(&inputs).unwrap_or_else(|_| stored.clone())
    })
}

#[component]
fn AssessmentHeader(report: OccupationReport) -> impl IntoView {
    let source_text = match &report.source {
        ReportSource::Curated => "Curated catalog: tasks and ratings written and reviewed by the Automatability Atlas team.".to_string(),
        ReportSource::Onet { release } => format!("Imported from O*NET {release}: ratings derived from O*NET's own figures (see the methodology)."),
        ReportSource::Profile => "A custom task profile described by its author.".to_string(),
    };
    view! {
        <header class="assessment-header">
            <p class="breadcrumbs small">
                <a href="/occupations">"Occupations"</a>
                {report.major_group.clone().map(|group| view! { " › " <a href=format!("/occupations?group={}", group.code)>{short_group_title(&group.title)}</a> })}
            </p>
            <h1>{report.title.clone()}</h1>
            <p class="muted">
                {report.code.clone().map(|code| view! { <span class="code">{code}</span>" · " })}
                {source_text}
            </p>
            {(!report.alt_titles.is_empty()).then(|| view! { <p class="small muted">"Also called: " {report.alt_titles.join(", ")}</p> })}
        </header>
    }
}

#[component]
fn VerdictCard(
    assessment: Memo<OccupationAssessment>,
    stored: OccupationAssessment,
) -> impl IntoView {
    view! {
        <section class=move || format!("card verdict-card verdict-{}", assessment.get().verdict.name()) aria-labelledby="verdict-heading" id="verdict">
            <h2 id="verdict-heading">"Verdict: " {move || view! { <VerdictBadge verdict=assessment.get().verdict /> }}</h2>
            {move || {
                let current = assessment.get().verdict;
                (current != stored.verdict).then(|| view! { <p class="whatif-note">"What-if: the stored verdict is " {stored.verdict.label()} "."</p> })
            }}
            <p class="verdict-meaning">{move || assessment.get().verdict.meaning()}</p>
            <p>{move || assessment.get().verdict_rationale.clone()}</p>
            <MarginList assessment />
            <dl class="indices">
                <div><dt>"Automatability index"</dt><dd id="automatability-index">{move || format!("{:.1}", assessment.get().automatability_index)}</dd></div>
                <div><dt>"Complementarity index"</dt><dd id="complementarity-index">{move || format!("{:.1}", assessment.get().complementarity_index)}</dd></div>
                <div><dt>"Machine does it (automate + human approves)"</dt><dd>{move || format_percent(assessment.get().pattern_shares.handed_over())}</dd></div>
                <div><dt>"Human-led"</dt><dd>{move || format_percent(assessment.get().pattern_shares.human_led)}</dd></div>
            </dl>
            <p class="small muted">"Indices run 0–100 and are time-weighted over the tasks. " <a href="/methodology">"How they are computed"</a></p>
        </section>
    }
}

/// How far the verdict is from the next one each way, and the single changes that would flip it.
#[component]
fn MarginList(assessment: Memo<OccupationAssessment>) -> impl IntoView {
    view! {
        <div class="margins" id="verdict-margins" aria-live="polite">
            {move || {
                let margins = assessment.get().margins;
                [margins.toward_more_machine, margins.toward_less_machine]
                    .into_iter()
                    .flatten()
                    .map(|margin| view! {
                        <p class="margin">
                            <strong>{margin.to_string()}</strong>
                            {(!margin.flips.is_empty()).then(|| {
                                let flips: Vec<String> = margin.flips.iter().map(ToString::to_string).collect();
                                view! { <span class="small">": it would flip if " {flips.join("; or ")} "."</span> }
                            })}
                        </p>
                    })
                    .collect_view()
            }}
        </div>
    }
}

#[component]
fn PatternAndDimensionCharts(
    title: String,
    assessment: Memo<OccupationAssessment>,
) -> impl IntoView {
    let radar = Signal::derive(move || {
        dimension_radar_chart(&[(title.clone(), assessment.get().dimension_profile)])
    });
    let pattern_chart =
        Signal::derive(move || pattern_time_chart(&assessment.get().pattern_shares));
    view! {
        <div class="grid-2">
            <section class="card">
                <h2>"Working time by pattern"</h2>
                <EChart option=pattern_chart label="Bar chart: share of this occupation's working time under each deployment pattern.">
                    <table><caption>"Share of working time by pattern"</caption>
                        <thead><tr><th scope="col">"Pattern"</th><th scope="col" class="num">"Share"</th></tr></thead>
                        <tbody>
                            {patterns_by_authority().map(|pattern| view! {
                                <tr><th scope="row">{pattern.label()}</th><td class="num">{move || format_percent(assessment.get().pattern_shares.get(pattern))}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </EChart>
            </section>
            <section class="card">
                <h2>"The four dimensions"</h2>
                <EChart option=radar label="Radar chart: time-weighted mean rating (1–5) on standardization, error tolerance, verifiability and frequency.">
                    <table><caption>"Time-weighted mean rating (1–5)"</caption>
                        <thead><tr><th scope="col">"Dimension"</th><th scope="col" class="num">"Mean rating"</th></tr></thead>
                        <tbody>
                            {Dimension::ALL.into_iter().map(|dimension| view! {
                                <tr><th scope="row">{dimension.label()}</th><td class="num">{move || format!("{:.2}", assessment.get().dimension_profile.get(dimension))}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </EChart>
                <p class="small">
                    "Held back most by: "
                    {move || {
                        let bottlenecks = assessment.get().top_bottlenecks;
                        if bottlenecks.is_empty() {
                            "nothing — every task is rated 4 or 5 on every dimension".to_string()
                        } else {
                            bottlenecks.iter().map(|item| format!("{} ({} of working time)", item.dimension.phrase(), format_percent(item.share))).collect::<Vec<_>>().join(", ")
                        }
                    }}
                </p>
            </section>
        </div>
    }
}

#[component]
fn TaskTable(
    tasks: Vec<ReportTask>,
    ratings: RwSignal<Vec<Ratings>>,
    assessment: Memo<OccupationAssessment>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">"Task by task"</h2>
            <p class="small muted">"Ratings run 1–5; 5 is the most favourable to automation. Hover or focus a rating to read its anchor; open “Why” under a task for the model's reasoning."</p>
            <div class="table-wrap">
                <table class="tasks">
                    <thead>
                        <tr>
                            <th scope="col">"Task"</th>
                            <th scope="col">"Kind of work"</th>
                            <th scope="col" class="num">"Share"</th>
                            {Dimension::ALL.into_iter().map(|dimension| view! { <th scope="col" class="num"><abbr title=dimension.question()>{short_dimension(dimension)}</abbr></th> }).collect_view()}
                            <th scope="col">"Pattern"</th>
                            <th scope="col">"Held back by"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {tasks.into_iter().enumerate().map(|(index, task)| view! { <TaskRow index task ratings assessment /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One row of the task table; the explanations open on demand, so the table stays short.
#[component]
fn TaskRow(
    index: usize,
    task: ReportTask,
    ratings: RwSignal<Vec<Ratings>>,
    assessment: Memo<OccupationAssessment>,
) -> impl IntoView {
    let task_assessment = move || assessment.with(|a| a.tasks.get(index).cloned());
    view! {
        <tr>
            <td>
                <span class="task-title">{task.title.clone()}</span>
                <details class="task-why">
                    <summary class="small">"Why"</summary>
                    {task.explanation.clone().map(|text| view! { <div class="small muted">{text}</div> })}
                    {task.deviation.clone().map(|text| view! { <div class="small deviation">"Differs from its archetype: "{text}</div> })}
                    <div class="small rule-text">{move || task_assessment().map(|task| task.assessment.rationale.to_string()).unwrap_or_default()}</div>
                </details>
                <div class="small whatif-text">{move || task_assessment().and_then(|task| task.assessment.what_if.map(|what_if| format!("What-if: {what_if}."))).unwrap_or_default()}</div>
            </td>
            <td class="small task-kind">
                <abbr title=task.kind.anchor().definition>{task.kind.label()}</abbr>
                {task.kind_suggested.then(|| view! { <span class="muted">" (suggested)"</span> })}
            </td>
            <td class="num">{move || task_assessment().map(|task| format_percent(task.share)).unwrap_or_default()}</td>
            {Dimension::ALL.into_iter().map(|dimension| view! {
                <td class="num"><RatingCell dimension rating=Signal::derive(move || ratings.with(|ratings| ratings.get(index).map(|r| r.get(dimension)).unwrap_or(Rating::MIN))) /></td>
            }).collect_view()}
            <td class="task-pattern">{move || task_assessment().map(|task| view! { <PatternBadge pattern=task.assessment.pattern /> })}</td>
            <td class="small">{move || task_assessment().map(|task| task.assessment.bottleneck.iter().map(|dimension| dimension.phrase()).collect::<Vec<_>>().join(", ")).unwrap_or_default()}</td>
        </tr>
    }
}

#[component]
fn EvidenceList(evidence: Vec<EvidenceItem>) -> impl IntoView {
    (!evidence.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">"Evidence from trials and deployments"</h2>
            <ul class="evidence">
                {evidence.into_iter().map(|item| view! {
                    <li>
                        <strong>{item.source.clone()}</strong>" ("{item.year}"): "{item.finding.clone()}
                        {item.url.clone().map(|url| view! { " " <a href=url.clone() rel="noopener">"Source"</a> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
fn DownloadLinks(report: OccupationReport, downloads_base: String) -> impl IntoView {
    let is_onet = matches!(report.source, ReportSource::Onet { .. });
    view! {
        <section class="card downloads" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">"Download this assessment"</h2>
            <ul class="download-links">
                {["csv", "xlsx", "pdf", "md", "json"].into_iter().map(|ext| {
                    let href = format!("{downloads_base}.{ext}");
                    view! { <li><a href=href download="">{ext.to_uppercase().replace("MD", "Markdown")}</a></li> }
                }).collect_view()}
            </ul>
            <p class="small muted">"Downloads show the stored assessment, not a what-if. Model version " {stored_model_version(&report.assessment)} {report.catalog_version.clone().map(|version| format!(", catalog {version}"))} "."</p>
            {report.code.clone().map(|code| {
                let template = if is_onet { format!("/profiles/new?template={code}&source=onet") } else { format!("/profiles/new?template={code}") };
                let compare = crate::compare::compare_href(&report).unwrap_or_else(|| format!("/compare?codes={code}"));
                view! {
                    <p>
                        <a href=compare>"Compare with other occupations"</a>
                        " · "
                        <a href=template id="use-as-template">"Use as a template for your own profile"</a>
                    </p>
                }
            })}
        </section>
    }
}

fn stored_model_version(assessment: &OccupationAssessment) -> String {
    assessment.model_version.to_string()
}

fn short_dimension(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Standardization => "Std.",
        Dimension::ErrorTolerance => "Err.",
        Dimension::Verifiability => "Ver.",
        Dimension::Frequency => "Freq.",
    }
}

/// A rating with its anchor text, shown on hover and on keyboard focus.
#[component]
fn RatingCell(dimension: Dimension, rating: Signal<Rating>) -> impl IntoView {
    view! {
        <span class="rating" tabindex="0" aria-label=move || format!("{} {}: {}", dimension.label(), rating.get().value(), anchor(dimension, rating.get()).label)>
            {move || rating.get().value()}
            <span class="rating-tip" role="tooltip">
                <strong>{move || format!("{} {} — {}", dimension.label(), rating.get().value(), anchor(dimension, rating.get()).label)}</strong>
                <br />
                {move || anchor(dimension, rating.get()).description}
            </span>
        </span>
    }
}

fn recommendations(assessment: &OccupationAssessment) -> impl IntoView {
    let groups: Vec<(Pattern, Vec<String>, f64)> = patterns_by_authority()
        .filter_map(|pattern| {
            let titles: Vec<String> = assessment
                .tasks
                .iter()
                .filter(|task| task.assessment.pattern == pattern)
                .map(|task| task.title.clone())
                .collect();
            (!titles.is_empty()).then(|| (pattern, titles, assessment.pattern_shares.get(pattern)))
        })
        .collect();
    let verdict = assessment.verdict;
    view! {
        {(verdict == Verdict::Complement).then(|| view! {
            <p>"The verdict is " <strong>"complement"</strong> ": deploy AI beside people in the roles below, not in their place."</p>
        })}
        <div class="recommendations">
            {groups.into_iter().map(|(pattern, titles, share)| view! {
                <div class=format!("recommendation pattern-{}", pattern.name())>
                    <h3><PatternBadge pattern /> " " <span class="small muted">{format!("{} of working time", format_percent(share))}</span></h3>
                    <p>{pattern.deployment_advice()}</p>
                    <p class="small muted">{pattern.meaning()}</p>
                    <ul>{titles.into_iter().map(|title| view! { <li>{title}</li> }).collect_view()}</ul>
                </div>
            }).collect_view()}
        </div>
    }
}

/// Sliders per task and dimension; the page re-scores as they move. Hidden without JavaScript,
/// where the page shows the stored assessment.
#[component]
fn WhatIfPanel(
    tasks: Vec<ReportTask>,
    ratings: RwSignal<Vec<Ratings>>,
    changed: Memo<bool>,
    reset_to: Vec<Ratings>,
    assessment: Memo<OccupationAssessment>,
) -> impl IntoView {
    view! {
        <section class="card whatif" aria-labelledby="whatif-heading" id="what-if">
            <h2 id="whatif-heading">"What if?"</h2>
            <p class="whatif-nojs small muted">"With JavaScript on, sliders here re-score the tasks live. Without it, this page shows the stored assessment."</p>
            <div class="whatif-controls">
                <p class="small muted">"Move a rating to see which patterns and the verdict change. Nothing is saved."</p>
                <p class="whatif-status" aria-live="polite">
                    {move || if changed.get() {
                        format!("Changed ratings: verdict now {}, automatability {:.1}.", assessment.get().verdict.label(), assessment.get().automatability_index)
                    } else {
                        "Showing the stored ratings.".to_string()
                    }}
                </p>
                <button type="button" class="secondary" id="whatif-reset" disabled=move || !changed.get() on:click=move |_| ratings.set(reset_to.clone())>"Reset"</button>
                <div class="whatif-tasks">
                    {tasks.into_iter().enumerate().map(|(index, task)| view! {
                        <fieldset class="whatif-task">
                            <legend>{task.title.clone()} " (" {task.kind.phrase()} ") — " {move || assessment.with(|a| a.tasks.get(index).map(|task| task.assessment.pattern.label()).unwrap_or_default())}</legend>
                            {Dimension::ALL.into_iter().map(|dimension| {
                                let id = format!("whatif-{index}-{}", dimension.name());
                                let value = move || ratings.with(|ratings| ratings.get(index).map(|r| r.get(dimension).value()).unwrap_or(1));
                                view! {
                                    <label for=id.clone()>{dimension.label()} " " <output>{value}</output></label>
                                    <input
                                        type="range" min="1" max="5" step="1" id=id
                                        data-task=index.to_string() data-dimension=dimension.name()
                                        prop:value=move || value().to_string()
                                        on:input=move |event| {
                                            if let Ok(rating) = event_target_value(&event).parse::<u8>().map_err(|_| ()).and_then(|value| Rating::new(value).map_err(|_| ())) {
                                                ratings.update(|ratings| if let Some(task) = ratings.get_mut(index) { *task = task.with(dimension, rating) });
                                            }
                                        }
                                    />
                                }
                            }).collect_view()}
                        </fieldset>
                    }).collect_view()}
                </div>
            </div>
        </section>
    }
}
