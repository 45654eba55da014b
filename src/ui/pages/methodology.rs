//! `/methodology`: the same document as docs/METHODOLOGY.md — both are rendered from the
//! assessment module's constants and anchor data, so they cannot drift apart.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::ui::data::load_methodology_html;

#[component]
pub fn MethodologyPage() -> impl IntoView {
    let html = Resource::new(|| (), |_| load_methodology_html());
    view! {
        <Title text="Methodology" />
        <Meta name="description" content="How Automatability Atlas turns four task ratings into a deployment pattern and an occupation verdict: the scales and their anchors, the formulas, the rules and their thresholds, and the limits of the method." />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match html.await {
                    Ok(html) => view! { <article class="prose methodology" inner_html=html></article> }.into_any(),
                    Err(_) => view! { <p class="notice error">"The methodology could not be loaded."</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
