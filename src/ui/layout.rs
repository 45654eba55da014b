//! The header and footer around every page.

use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"◐"</span>
                " Automatability Atlas"
            </a>
            <nav aria-label="Main">
                <ul>
                    <li><a href="/">"Home"</a></li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Automatability Atlas rates tasks on four dimensions — standardization, error tolerance, "
                "verifiability and frequency — and recommends how AI should be deployed. "
                "Ratings are judgments, not measurements."
            </p>
        </footer>
    }
}
