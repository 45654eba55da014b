//! The 404 page, rendered with status 404 for any path the router does not know and for unknown
//! occupation codes (with close matches).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn NotFoundPage(
    /// Occupations whose code or title resembles what was asked for: (code, title).
    #[prop(optional)]
    close_matches: Vec<(String, String)>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found" />
        <Meta name="description" content="The page you asked for does not exist in Automatability Atlas." />
        <section class="page not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            {(!close_matches.is_empty()).then(|| view! {
                <h2>"Did you mean"</h2>
                <ul class="close-matches">
                    {close_matches.into_iter().map(|(code, title)| view! {
                        <li><a href=format!("/occupations/{code}")>{title}</a>" "<span class="code small muted">{code}</span></li>
                    }).collect_view()}
                </ul>
            })}
            <form method="get" action="/occupations" role="search">
                <label for="notfound-search">"Search occupations"</label>
                <div class="search-row">
                    <input id="notfound-search" type="search" name="q" />
                    <button type="submit">"Search"</button>
                </div>
            </form>
            <p><a href="/">"Go to the home page"</a></p>
        </section>
    }
}
