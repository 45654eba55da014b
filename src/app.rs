//! The HTML shell, the root component and the route table — nothing else.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::paths::asset_url;
use crate::ui::layout::{SiteFooter, SiteHeader};
use crate::ui::pages::{
    ApiPage, CasePageView, CasesPage, ComparePage, HomePage, MeasuresPage, MethodologyPage,
    NotFoundPage, OccupationPage, OccupationsPage, PlanEditPage, PlanNewPage, PlanPage,
    ProfileEditPage, ProfileNewPage, ProfilePage,
};

/// The document around every server-rendered page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// leptos_meta writes the title into the server-rendered `<title>` without escaping it, so a
/// profile named `</title><script>…` would end the element; the server escapes it here. In the
/// browser the title is set as text, where escaping would show the entities.
fn escape_title(title: String) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::html::escape_html(&title)
    }
    #[cfg(not(feature = "ssr"))]
    {
        title
    }
}

/// The root component: metadata shared by every page, the layout and the routes.
///
/// Every route renders with `SsrMode::Async`: the server waits for the page's data and sends the
/// complete HTML, so that every page is whole without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="atlas-css" href=asset_url("/pkg/atlas.css") />
        <Link rel="icon" href="/favicon.ico" />
        <Title formatter=|page: String| {
            let title = if page.is_empty() { "Automatability Atlas".to_string() } else { format!("{page} · Automatability Atlas") };
            escape_title(title)
        } />
        <script src=asset_url("/js/echarts.min.js") defer></script>
        <script src=asset_url("/js/charts.js") defer></script>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/occupations") view=OccupationsPage ssr=SsrMode::Async />
                    <Route path=path!("/occupations/:code") view=OccupationPage ssr=SsrMode::Async />
                    <Route path=path!("/compare") view=ComparePage ssr=SsrMode::Async />
                    <Route path=path!("/profiles/new") view=ProfileNewPage ssr=SsrMode::Async />
                    <Route path=path!("/profiles/:id") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/profiles/:id/edit") view=ProfileEditPage ssr=SsrMode::Async />
                    <Route path=path!("/plans/new") view=PlanNewPage ssr=SsrMode::Async />
                    <Route path=path!("/plans/:id") view=PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/plans/:id/edit") view=PlanEditPage ssr=SsrMode::Async />
                    <Route path=path!("/methodology") view=MethodologyPage ssr=SsrMode::Async />
                    <Route path=path!("/api") view=ApiPage />
                    <Route path=path!("/cases") view=CasesPage ssr=SsrMode::Async />
                    <Route path=path!("/measures") view=MeasuresPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:slug") view=CasePageView ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
