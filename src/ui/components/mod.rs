//! Reusable widgets.

pub mod assessment;
pub mod badges;
pub mod chart;
pub mod plan_results;
pub mod published;
pub mod workforce;
