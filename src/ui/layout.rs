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
                    <li><a href="/occupations">"Occupations"</a></li>
                    <li><a href="/compare">"Compare"</a></li>
                    <li><a href="/profiles/new">"Your profile"</a></li>
                    <li><a href="/plans/new">"Team plan"</a></li>
                    <li><a href="/cases">"Case studies"</a></li>
                    <li><a href="/measures">"Measures"</a></li>
                    <li><a href="/methodology">"Methodology"</a></li>
                    <li><a href="/api">"API"</a></li>
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
                "Ratings are judgments, not measurements. "
                <a href="/methodology">"Read the method and its limits."</a>
            </p>
            <p>
                "Occupation codes and titles: O*NET-SOC 2019. Where O*NET data appear, they come from the O*NET Database "
                "(U.S. Department of Labor, CC BY 4.0). Employment figures used to choose occupations: BLS OEWS May 2024."
            </p>
        </footer>
    }
}
