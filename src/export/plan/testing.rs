//! Plans built by hand for the tests of the plan downloads.

use crate::assess::{Dimension, Kind, Pattern, Verdict};
use crate::plan::{PlanBasis, PlanDocument, RoleBasis, RoleRef, Settings, TaskBasis};

/// A role title a spreadsheet would run as a formula.
pub(crate) const HOSTILE_ROLE: &str = "=cmd|' /C calc'!A0";

fn task(title: &str, weight: f64, pattern: Pattern, feasibility: f64, risk: f64) -> TaskBasis {
    TaskBasis {
        title: title.to_owned(),
        weight,
        kind: Kind::MovingInformation,
        pattern,
        feasibility,
        autonomy_risk: risk,
        bottleneck: vec![Dimension::Verifiability],
    }
}

/// Three roles: a costed clerk role, radiologists without a cost, and a hostile title.
pub(crate) fn sample_document() -> PlanDocument {
    let basis = PlanBasis {
        name: "Claims team".into(),
        description: "Claims handling and the imaging unit, 2027 budget.".into(),
        hours_per_fte: 1_000.0,
        model_version: "test-model".into(),
        roles: vec![
            RoleBasis {
                reference: RoleRef::Occupation("43-9041.00".into()),
                title: "Claims clerks".into(),
                headcount: 10.0,
                hours_per_fte: 1_000.0,
                hourly_cost: Some(40.0),
                verdict: Verdict::Complement,
                tasks: vec![
                    task("Key claims", 0.5, Pattern::Automate, 90.0, 25.0),
                    task("Approve payouts", 0.3, Pattern::HumanApproves, 70.0, 50.0),
                    task("Calm callers", 0.2, Pattern::HumanLed, 20.0, 75.0),
                ],
            },
            RoleBasis {
                reference: RoleRef::Occupation("29-1224.00".into()),
                title: "Radiologists".into(),
                headcount: 2.0,
                hours_per_fte: 2_000.0,
                hourly_cost: None,
                verdict: Verdict::Complement,
                tasks: vec![
                    task("Read screens", 0.5, Pattern::SecondReader, 80.0, 100.0),
                    task("Write reports", 0.5, Pattern::Copilot, 60.0, 75.0),
                ],
            },
            RoleBasis {
                reference: RoleRef::Profile("0123456789abcdef0123456789abcdef".into()),
                title: HOSTILE_ROLE.into(),
                headcount: 1.5,
                hours_per_fte: 1_000.0,
                hourly_cost: Some(55.5),
                verdict: Verdict::Replace,
                tasks: vec![
                    task("Sort the queue", 0.6, Pattern::Triage, 75.0, 50.0),
                    task("Check the ledger", 0.4, Pattern::QualityControl, 65.0, 25.0),
                ],
            },
        ],
    };
    PlanDocument::new(
        Some("plan-id".into()),
        basis,
        Settings::default(),
        vec!["29-9999.00".into()],
        None,
        "2026-11-29T08:30:00Z".into(),
    )
}

/// The largest plan a user can make: 100 roles with long titles, long task titles in wide
/// letters, a long description and many roles left out, to check the one-page PDF.
pub(crate) fn large_document() -> PlanDocument {
    let patterns = Pattern::ALL;
    let roles = (0..crate::plan::MAX_ROLES)
        .map(|index| RoleBasis {
            reference: RoleRef::Occupation(format!("43-{:04}.00", 1000 + index)),
            title: format!(
                "Role {index}: senior supervising coordinator of Wide Work — WWWWWWWWWWWWWWWWWWWWWWWW {}",
                "M".repeat(60)
            ),
            headcount: 1.0 + index as f64,
            hours_per_fte: 1_800.0,
            hourly_cost: (index % 2 == 0).then_some(45.0),
            verdict: Verdict::Complement,
            tasks: (0..12)
                .map(|number| {
                    task(
                        &format!(
                            "Task {number} of role {index}: WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW reconcile the \
                             discrepancies, brief the finance team and {}",
                            "W".repeat(80)
                        ),
                        1.0 / 12.0,
                        patterns[(index + number) % patterns.len()],
                        50.0 + (number % 5) as f64 * 10.0,
                        25.0,
                    )
                })
                .collect(),
        })
        .collect();
    let basis = PlanBasis {
        name: format!("A very large organisation {}", "W".repeat(110)),
        description: "Every department of the organisation, with its budgeted headcount. "
            .repeat(30),
        hours_per_fte: 1_800.0,
        model_version: "test-model".into(),
        roles,
    };
    PlanDocument::new(
        None,
        basis,
        Settings::default(),
        (0..40)
            .map(|index| format!("Missing role number {index} with a long title"))
            .collect(),
        Some("2026-11-01.ab12cd34".into()),
        "2026-11-29T08:30:00Z".into(),
    )
}
