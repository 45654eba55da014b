//! One component per route.

mod api_docs;
mod cases;
mod compare;
mod home;
mod measures;
mod methodology;
mod not_found;
mod occupation;
mod occupations;
mod plan;
mod plan_form;
mod profile;
mod profile_form;

pub use api_docs::ApiPage;
pub use cases::{CasePageView, CasesPage};
pub use compare::ComparePage;
pub use home::HomePage;
pub use measures::MeasuresPage;
pub use methodology::MethodologyPage;
pub use not_found::NotFoundPage;
pub use occupation::OccupationPage;
pub use occupations::OccupationsPage;
pub use plan::PlanPage;
pub use plan_form::{PlanEditPage, PlanNewPage};
pub use profile::ProfilePage;
pub use profile_form::{ProfileEditPage, ProfileNewPage};
