//! `/occupations`: search, filter, sort and page through the catalog. The whole state lives in
//! the URL query; the form works by plain GET and, with JavaScript, updates as you type.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::assess::{Pattern, Verdict};
use crate::browse::{ListQuery, OccupationSummary, RawListQuery, Sort, SourceFilter, MAJOR_GROUPS};
use crate::measures::with_thousands;
use crate::ui::charts::short_group_title;
use crate::ui::components::badges::{PatternBadge, VerdictBadge};
use crate::ui::data::{load_occupations, ListResponse};

fn raw_query(query: &leptos_router::params::ParamsMap) -> RawListQuery {
    RawListQuery {
        q: query.get("q"),
        group: query.get("group"),
        verdict: query.get("verdict"),
        pattern: query.get("pattern"),
        source: query.get("source"),
        sort: query.get("sort"),
        page: query.get("page"),
        per_page: query.get("per_page"),
    }
}

#[component]
pub fn OccupationsPage() -> impl IntoView {
    let query = use_query_map();
    let raw = Memo::new(move |_| query.with(raw_query));
    let data = Resource::new(move || raw.get(), load_occupations);
    view! {
        <Title text="Occupations" />
        <Meta name="description" content="Search and filter occupations by verdict, deployment pattern and occupational group; see how automatable and how complementary each one is." />
        <h1>"Occupations"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(response) => view! { <OccupationBrowser raw=raw.get_untracked() response /> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The catalog could not be read. Please try again later."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// How long typing must pause before the list is searched again.
const SEARCH_DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(200);

/// The filter form and the results: an island, so that with JavaScript the list follows the
/// search box as you type. Typing waits for a pause of [`SEARCH_DEBOUNCE`], asks the server for
/// the new page of results, shows it, and then puts the new query in the address bar (replacing
/// the history entry, as a bookmarkable URL). An answer to an older request than the latest is
/// dropped. Everything else — selects, sort, pages — is a plain GET of the form or a link.
#[island]
fn OccupationBrowser(raw: RawListQuery, response: ListResponse) -> impl IntoView {
    let results = RwSignal::new(response);
    let latest_request = StoredValue::new(0_u64);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let search = move |next: RawListQuery| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let Ok(parsed) = ListQuery::parse(&next) else {
            return;
        };
        let run = move || {
            let url = format!("/occupations?{}", parsed.to_query_string());
            latest_request.update_value(|count| *count += 1);
            let request = latest_request.get_value();
            leptos::task::spawn_local(async move {
                if let Ok(response) = load_occupations(next).await {
                    if latest_request.get_value() == request {
                        results.set(response);
                        // The address changes with the list it names, not before.
                        replace_address(&url);
                    }
                }
            });
        };
        pending.set_value(set_timeout_with_handle(run, SEARCH_DEBOUNCE).ok());
    };
    // Applying the form loads the page it asks for; a search still waiting for its pause would
    // start a request that the page load then cancels.
    let cancel_pending = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(None);
    };
    view! {
        <FilterForm raw search cancel_pending />
        <div id="results">{move || view! { <Results response=results.get() /> }}</div>
    }
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

#[component]
fn FilterForm(
    raw: RawListQuery,
    search: impl Fn(RawListQuery) + Clone + 'static,
    cancel_pending: impl Fn() + 'static,
) -> impl IntoView {
    let on_input = move |event: leptos::ev::Event| {
        let mut next = raw_query_from_form(&event);
        next.q = Some(event_target_value(&event)).filter(|text| !text.trim().is_empty());
        next.page = None;
        search(next);
    };
    let value = |text: &Option<String>| text.clone().unwrap_or_default();
    let selected_group = value(&raw.group);
    let selected_verdict = value(&raw.verdict);
    let selected_pattern = value(&raw.pattern);
    let selected_source = value(&raw.source);
    let selected_sort = ListQuery::parse(&raw)
        .map(|query| query.sort)
        .unwrap_or(Sort::Title)
        .name()
        .to_string();
    view! {
        <form class="filters" method="get" action="/occupations" role="search" aria-label="Search and filter occupations" on:submit=move |_| cancel_pending()>
            <div class="field field-wide">
                <label for="q">"Search titles and tasks"</label>
                <input id="q" type="search" name="q" value=value(&raw.q) placeholder="e.g. nurse, invoices, read scans" autocomplete="off" on:input=on_input />
            </div>
            <div class="field">
                <label for="group">"Occupational group"</label>
                <select id="group" name="group">
                    <option value="" selected=selected_group.is_empty()>"All groups"</option>
                    {MAJOR_GROUPS.into_iter().map(|(code, title)| view! {
                        <option value=code selected=selected_group == code>{format!("{code} {}", short_group_title(title))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="verdict">"Verdict"</label>
                <select id="verdict" name="verdict">
                    <option value="" selected=selected_verdict.is_empty()>"Any verdict"</option>
                    {[Verdict::Replace, Verdict::Complement, Verdict::HumanLed].into_iter().map(|verdict| view! {
                        <option value=verdict.name() selected=selected_verdict == verdict.name()>{verdict.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="pattern">"Dominant pattern"</label>
                <select id="pattern" name="pattern">
                    <option value="" selected=selected_pattern.is_empty()>"Any pattern"</option>
                    {Pattern::ALL.into_iter().rev().map(|pattern| view! {
                        <option value=pattern.name() selected=selected_pattern == pattern.name()>{pattern.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="source">"Source"</label>
                <select id="source" name="source">
                    <option value="" selected=selected_source.is_empty()>"Curated first"</option>
                    {SourceFilter::ALL.into_iter().map(|source| view! {
                        <option value=source.name() selected=selected_source == source.name()>{source.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sort">"Sort by"</label>
                <select id="sort" name="sort">
                    {Sort::ALL.into_iter().map(|sort| view! {
                        <option value=sort.name() selected=selected_sort == sort.name()>{sort.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field field-actions">
                <button type="submit">"Apply"</button>
                <a class="button secondary" href="/occupations" rel="external">"Reset"</a>
            </div>
        </form>
    }
}

#[component]
fn Results(response: ListResponse) -> impl IntoView {
    let ListResponse { query, page, .. } = response;
    let (query, errors) = match query {
        Ok(query) => (query, Vec::new()),
        Err(errors) => (ListQuery::default(), errors),
    };
    let total = page.total;
    let page_count = page.page_count();
    let current = page.page;
    let first = (u64::from(current) - 1) * u64::from(page.per_page) + 1;
    let last = (first + page.items.len() as u64).saturating_sub(1);
    view! {
        {(!errors.is_empty()).then(|| view! {
            <div class="notice error" role="alert">
                <p><strong>"Some filters could not be understood:"</strong></p>
                <ul>{errors.into_iter().map(|error| view! { <li><code>{error.field}</code>": "{error.message}</li> }).collect_view()}</ul>
            </div>
        })}
        <p class="result-count" aria-live="polite" id="result-count">
            {if total == 0 { "No occupations match.".to_string() } else if page.items.is_empty() { format!("No occupations on this page ({total} match in all).") } else { format!("Showing {first}–{last} of {total} occupations") }}
        </p>
        {if page.items.is_empty() {
            view! { <EmptyResults query=query.clone() /> }.into_any()
        } else {
            view! { <ResultsTable items=page.items.clone() /> }.into_any()
        }}
        {(page_count > 1).then(|| view! { <Pagination query=query.clone() current page_count /> })}
        <p class="small muted">
            "Download this list: "
            <a href=format!("/occupations/export.csv?{}", query.to_query_string()) download="">"CSV"</a>" · "
            <a href=format!("/occupations/export.xlsx?{}", query.to_query_string()) download="">"XLSX"</a>" · "
            <a href=format!("/occupations/export.json?{}", query.to_query_string()) download="">"JSON"</a>
        </p>
    }
}

/// The current values of the filter form around the event's target.
fn raw_query_from_form(event: &leptos::ev::Event) -> RawListQuery {
    let mut raw = RawListQuery::default();
    let target = event_target::<web_sys::HtmlElement>(event);
    let Some(form) = target.closest("form").ok().flatten() else {
        return raw;
    };
    let read = |name: &str| -> Option<String> {
        form.query_selector(&format!("[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|element| {
                use wasm_bindgen::JsCast;
                element
                    .dyn_ref::<web_sys::HtmlSelectElement>()
                    .map(|select| select.value())
                    .or_else(|| {
                        element
                            .dyn_ref::<web_sys::HtmlInputElement>()
                            .map(|input| input.value())
                    })
            })
            .filter(|value| !value.is_empty())
    };
    raw.group = read("group");
    raw.verdict = read("verdict");
    raw.pattern = read("pattern");
    raw.source = read("source");
    raw.sort = read("sort").filter(|sort| sort != "title" && sort != "relevance");
    raw
}

#[component]
fn ResultsTable(items: Vec<OccupationSummary>) -> impl IntoView {
    view! {
        <form method="get" action="/compare" class="compare-form">
            <div class="table-wrap">
                <table class="results">
                    <caption class="visually-hidden">"Occupations"</caption>
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">"Compare"</span></th>
                            <th scope="col">"Occupation"</th>
                            <th scope="col">"Verdict"</th>
                            <th scope="col">"Dominant pattern"</th>
                            <th scope="col" class="num"><abbr title="Automatability index, 0–100">"Autom."</abbr></th>
                            <th scope="col" class="num"><abbr title="Complementarity index, 0–100">"Compl."</abbr></th>
                            <th scope="col" class="num"><abbr title="US employment of the SOC occupation, BLS OEWS May 2024">"US workers"</abbr></th>
                            <th scope="col" class="num"><abbr title="Median annual wage, BLS OEWS May 2024 (— when not published or above $239,200)">"Median wage"</abbr></th>
                        </tr>
                    </thead>
                    <tbody>
                        {items.into_iter().map(|item| {
                            let href = if item.source == "onet" { format!("/occupations/{}?source=onet", item.code) } else { format!("/occupations/{}", item.code) };
                            let checkbox_id = format!("compare-{}-{}", item.code, item.source);
                            let checkbox_label = format!("Compare {}", item.title);
                            // An imported row compares the imported entry, even where a curated one has its code.
                            let compare_code = if item.source == "onet" { format!("onet:{}", item.code) } else { item.code.clone() };
                            view! {
                                <tr>
                                    <td><input type="checkbox" name="codes" value=compare_code id=checkbox_id aria-label=checkbox_label /></td>
                                    <td>
                                        <a href=href class="occupation-link">{item.title.clone()}</a>
                                        <div class="small muted">
                                            <span class="code">{item.code.clone()}</span>" · "{short_group_title(&item.major_group_title)}
                                            {(item.source == "onet").then_some(" · O*NET import")}
                                        </div>
                                        {item.matched_task.clone().map(|task| view! { <div class="small matched">"Task: "{task}</div> })}
                                    </td>
                                    <td><VerdictBadge verdict=item.verdict /></td>
                                    <td><PatternBadge pattern=item.dominant_pattern /></td>
                                    <td class="num">{format!("{:.0}", item.automatability_index)}</td>
                                    <td class="num">{format!("{:.0}", item.complementarity_index)}</td>
                                    <td class="num">{item.employment.map_or_else(|| "—".to_string(), with_thousands)}</td>
                                    <td class="num">{item.median_annual_wage.map_or_else(|| "—".to_string(), |wage| format!("${}", with_thousands(wage)))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p><button type="submit" class="secondary">"Compare selected (2–4)"</button></p>
        </form>
    }
}

#[component]
fn EmptyResults(query: ListQuery) -> impl IntoView {
    let mut suggestions = Vec::new();
    if query.q.is_some() {
        suggestions.push(
            "use fewer or shorter words — every word must match, and each word matches as a prefix"
                .to_string(),
        );
    }
    if query.group.is_some()
        || query.verdict.is_some()
        || query.pattern.is_some()
        || query.source.is_some()
    {
        suggestions.push("remove a filter (group, verdict, pattern or source)".to_string());
    }
    if query.page > 1 {
        suggestions.push("go back to the first page".to_string());
    }
    view! {
        <div class="notice empty">
            <p><strong>"No occupation matches this search."</strong></p>
            {(!suggestions.is_empty()).then(|| view! {
                <p>"Try to " {suggestions.join("; or ")} "."</p>
            })}
            <p><a href="/occupations">"Show all occupations"</a></p>
        </div>
    }
}

#[component]
fn Pagination(query: ListQuery, current: u32, page_count: u32) -> impl IntoView {
    let link = move |page: u32| format!("/occupations?{}", query.with_page(page).to_query_string());
    view! {
        <nav class="pagination" aria-label="Pages">
            {(current > 1).then(|| view! { <a href=link(current - 1) rel="prev">"← Previous"</a> })}
            <span>{format!("Page {current} of {page_count}")}</span>
            {(current < page_count).then(|| view! { <a href=link(current + 1) rel="next">"Next →"</a> })}
        </nav>
    }
}
