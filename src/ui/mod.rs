//! Leptos components: pages (one per route, named `*Page`), widgets and the page layout.
//! The UI never touches the database: data arrives through server functions.

pub mod charts;
pub mod components;
pub mod data;
pub mod layout;
pub mod pages;
pub mod plan_data;
pub mod profile_data;
