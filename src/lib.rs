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

/// Entry point of the wasm bundle: attaches the reactive app to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
