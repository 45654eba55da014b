//! Automatability Atlas: which tasks of a job AI should take over, which it should only assist,
//! and which it should leave alone — and why.
//!
//! One crate, built twice: with `ssr` it is the server binary (axum + sqlx + Leptos SSR); with
//! `hydrate` it is the wasm bundle that hydrates the server-rendered pages. See ARCHITECTURE.md.

// Deeply nested views have deeply nested types; the hydrate build needs more than the default 128.
#![recursion_limit = "256"]

pub mod api_types;
pub mod app;
pub mod assess;
pub mod browse;
pub mod cases;
pub mod compare;
pub mod html;
pub mod measures;
pub mod paths;
pub mod plan;
pub mod profile;
pub mod report;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod catalog;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod onet;
#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the wasm bundle. The app runs in Leptos's islands mode: pages are rendered on
/// the server only, and the loader script then hydrates each `#[island]` component on the page
/// (the what-if assessment, the list's live search, the profile form, the home page's model
/// widget). So only those components, and what they use, are compiled into the bundle.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The loader hydrates the islands right after this function returns, in one run of
    // microtasks; a zero timeout marks the page after that, for assistive tech and the
    // end-to-end tests.
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
