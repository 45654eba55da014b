//! Small labels for verdicts and patterns, coloured consistently everywhere.

use leptos::prelude::*;

use crate::assess::{Pattern, Verdict};

#[component]
pub fn VerdictBadge(verdict: Verdict) -> impl IntoView {
    view! { <span class=format!("badge verdict-{}", verdict.name())>{verdict.label()}</span> }
}

#[component]
pub fn PatternBadge(pattern: Pattern) -> impl IntoView {
    view! {
        <span class=format!("badge pattern-{}", pattern.name()) title=pattern.meaning()>{pattern.label()}</span>
    }
}
