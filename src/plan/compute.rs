//! From a plan's roles (each with its tasks as the model assessed them) and its `Settings` to
//! hours: by pattern, by role, handed over, reshaped, kept, the reviewer load, and the pilot-first
//! list. Pure and cheap, so the browser recomputes it as the knobs move.
//!
//! For a task of a role with headcount n, hours h per FTE-year and share w of the role's time
//! (shares normalised to add up to 1), under pattern p with person share s and adoption a:
//!   hours = n × h × w;  freed = hours × a × (1 − s);  people still spend hours − freed.
//! Reviewer load is what people still spend on adopted work where the machine produces the result
//! and a person checks it: automate (exceptions), human approves (sign-off) and second reader
//! (reading and arbitration): hours × a × s.

use serde::{Deserialize, Serialize};

use super::pilot;
use super::role_ref::RoleRef;
use super::settings::Settings;
use crate::assess::{Dimension, Kind, Pattern, Verdict};
use crate::report::OccupationReport;

/// One task of a role, as the plan needs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskBasis {
    pub title: String,
    /// Share of the role's working time, 0–1; a role's weights add up to 1.
    pub weight: f64,
    pub kind: Kind,
    pub pattern: Pattern,
    /// The model's feasibility and autonomy risk, 0–100.
    pub feasibility: f64,
    pub autonomy_risk: f64,
    pub bottleneck: Vec<Dimension>,
}

/// One role of a plan with its tasks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleBasis {
    pub reference: RoleRef,
    pub title: String,
    pub headcount: f64,
    pub hours_per_fte: f64,
    pub hourly_cost: Option<f64>,
    pub verdict: Verdict,
    pub tasks: Vec<TaskBasis>,
}

impl RoleBasis {
    /// A role from its report (recomputed with the current model by `OccupationReport::build`).
    pub fn from_report(
        reference: RoleRef,
        report: &OccupationReport,
        headcount: f64,
        hours_per_fte: f64,
        hourly_cost: Option<f64>,
    ) -> RoleBasis {
        let tasks = &report.assessment.tasks;
        let total: f64 = tasks.iter().map(|task| task.share).sum();
        RoleBasis {
            reference,
            title: report.title.clone(),
            headcount,
            hours_per_fte,
            hourly_cost,
            verdict: report.assessment.verdict,
            tasks: tasks
                .iter()
                .map(|task| TaskBasis {
                    title: task.title.clone(),
                    weight: if total > 0.0 { task.share / total } else { 0.0 },
                    kind: task.assessment.kind,
                    pattern: task.assessment.pattern,
                    feasibility: task.assessment.scores.feasibility,
                    autonomy_risk: task.assessment.scores.autonomy_risk,
                    bottleneck: task.assessment.bottleneck.clone(),
                })
                .collect(),
        }
    }
}

/// Everything a plan's results are computed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanBasis {
    pub name: String,
    pub description: String,
    /// Hours per FTE-year of roles that do not give their own; also the FTE unit of totals.
    pub hours_per_fte: f64,
    pub roles: Vec<RoleBasis>,
    pub model_version: String,
}

/// Hours under one pattern.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PatternHours {
    /// Hours per year spent on tasks with this pattern today.
    pub hours: f64,
    /// Hours people no longer spend, with the assumptions.
    pub freed: f64,
}

impl PatternHours {
    /// Hours people still spend on these tasks.
    pub fn person_hours(&self) -> f64 {
        self.hours - self.freed
    }

    fn add(&mut self, other: PatternHours) {
        self.hours += other.hours;
        self.freed += other.freed;
    }
}

/// Whether people still spending time under `pattern` are checking the machine's work (the
/// reviewer load) rather than doing the work with its help.
pub const fn is_review(pattern: Pattern) -> bool {
    matches!(
        pattern,
        Pattern::Automate | Pattern::HumanApproves | Pattern::SecondReader
    )
}

/// Whether a pattern hands the task over (the machine produces the result).
pub const fn hands_over(pattern: Pattern) -> bool {
    matches!(pattern, Pattern::Automate | Pattern::HumanApproves)
}

/// One role's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleResult {
    pub reference: RoleRef,
    pub title: String,
    pub headcount: f64,
    pub hours_per_fte: f64,
    pub hourly_cost: Option<f64>,
    pub verdict: Verdict,
    /// Hours per year of the whole role.
    pub hours: f64,
    /// Indexed by `Pattern::level`.
    pub by_pattern: [PatternHours; 7],
    pub freed: f64,
    /// Hours people spend checking the machine's work (see `is_review`).
    pub review: f64,
    /// Freed hours × hourly cost, when the role has a cost.
    pub freed_value: Option<f64>,
}

/// The plan's totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub fte: f64,
    pub hours: f64,
    /// Hours on tasks a machine would do (automate, human approves), and of them the hours freed
    /// net of exceptions and sign-off, and the sign-off and exception hours themselves.
    pub handed_over: f64,
    pub handed_over_freed: f64,
    pub sign_off: f64,
    /// Hours on tasks that change shape (second reader, triage, quality control, copilot), and of
    /// them the hours saved.
    pub reshaped: f64,
    pub reshaped_freed: f64,
    /// Hours on human-led tasks.
    pub kept: f64,
    pub freed: f64,
    /// `freed` in FTE at the plan's hours per FTE-year.
    pub freed_fte: f64,
    pub review: f64,
    pub review_fte: f64,
    /// Freed hours × cost, over the roles that give a cost.
    pub freed_value: f64,
    /// How many roles give a cost.
    pub costed_roles: usize,
}

/// A task to try first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PilotTask {
    /// Index of the role in the plan.
    pub role: usize,
    pub role_title: String,
    pub task: String,
    pub pattern: Pattern,
    pub hours: f64,
    pub freed: f64,
    pub feasibility: f64,
    pub autonomy_risk: f64,
    pub bottleneck: Vec<Dimension>,
    pub priority: f64,
    pub measure: String,
}

/// Everything a plan page, its downloads and the API show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanResults {
    pub model_version: String,
    pub roles: Vec<RoleResult>,
    /// Indexed by `Pattern::level`.
    pub by_pattern: [PatternHours; 7],
    pub totals: Totals,
    /// Every candidate task, highest priority first.
    pub pilots: Vec<PilotTask>,
}

impl PlanResults {
    pub fn pattern(&self, pattern: Pattern) -> PatternHours {
        self.by_pattern[usize::from(pattern.level())]
    }
}

/// The plan's figures under `settings`.
pub fn compute(basis: &PlanBasis, settings: &Settings) -> PlanResults {
    let mut by_pattern = [PatternHours::default(); 7];
    let mut totals = Totals::default();
    let mut roles = Vec::with_capacity(basis.roles.len());
    let mut pilots = Vec::new();
    for (index, role) in basis.roles.iter().enumerate() {
        let role_hours = role.headcount * role.hours_per_fte;
        let mut role_patterns = [PatternHours::default(); 7];
        let mut review = 0.0;
        for task in &role.tasks {
            let setting = settings.get(task.pattern);
            let adoption = setting.adoption / 100.0;
            let person = setting.person_share / 100.0;
            let hours = role_hours * task.weight;
            let freed = hours * adoption * (1.0 - person);
            role_patterns[usize::from(task.pattern.level())].add(PatternHours { hours, freed });
            if is_review(task.pattern) {
                review += hours * adoption * person;
            }
            if task.pattern != Pattern::HumanLed && adoption > 0.0 && hours > 0.0 {
                pilots.push(PilotTask {
                    role: index,
                    role_title: role.title.clone(),
                    task: task.title.clone(),
                    pattern: task.pattern,
                    hours,
                    freed,
                    feasibility: task.feasibility,
                    autonomy_risk: task.autonomy_risk,
                    bottleneck: task.bottleneck.clone(),
                    priority: pilot::priority(
                        task.pattern,
                        hours,
                        task.feasibility,
                        task.autonomy_risk,
                    ),
                    measure: pilot::what_to_measure(task.pattern, &task.bottleneck),
                });
            }
        }
        let freed: f64 = role_patterns.iter().map(|figures| figures.freed).sum();
        for pattern in Pattern::ALL {
            let figures = role_patterns[usize::from(pattern.level())];
            by_pattern[usize::from(pattern.level())].add(figures);
            if hands_over(pattern) {
                totals.handed_over += figures.hours;
                totals.handed_over_freed += figures.freed;
            } else if pattern == Pattern::HumanLed {
                totals.kept += figures.hours;
            } else {
                totals.reshaped += figures.hours;
                totals.reshaped_freed += figures.freed;
            }
        }
        let freed_value = role.hourly_cost.map(|cost| freed * cost);
        if let Some(value) = freed_value {
            totals.freed_value += value;
            totals.costed_roles += 1;
        }
        totals.fte += role.headcount;
        totals.hours += role_hours;
        totals.freed += freed;
        totals.review += review;
        roles.push(RoleResult {
            reference: role.reference.clone(),
            title: role.title.clone(),
            headcount: role.headcount,
            hours_per_fte: role.hours_per_fte,
            hourly_cost: role.hourly_cost,
            verdict: role.verdict,
            hours: role_hours,
            by_pattern: role_patterns,
            freed,
            review,
            freed_value,
        });
    }
    // Sign-off and exceptions: what people still spend on handed-over tasks that were adopted.
    totals.sign_off = Pattern::ALL
        .into_iter()
        .filter(|pattern| hands_over(*pattern))
        .map(|pattern| {
            let figures = by_pattern[usize::from(pattern.level())];
            let setting = settings.get(pattern);
            figures.hours * setting.adoption / 100.0 * setting.person_share / 100.0
        })
        .sum();
    if basis.hours_per_fte > 0.0 {
        totals.freed_fte = totals.freed / basis.hours_per_fte;
        totals.review_fte = totals.review / basis.hours_per_fte;
    }
    pilots.sort_by(|left, right| {
        right
            .priority
            .total_cmp(&left.priority)
            .then(left.role.cmp(&right.role))
    });
    PlanResults {
        model_version: basis.model_version.clone(),
        roles,
        by_pattern,
        totals,
        pilots,
    }
}
