use super::settings::{field_name, Which};
use super::*;
use crate::assess::{Dimension, Kind, Pattern, Verdict};

fn role(text: &str, headcount: &str) -> RoleDraft {
    RoleDraft {
        role: text.to_owned(),
        headcount: headcount.to_owned(),
        ..RoleDraft::default()
    }
}

fn draft(roles: Vec<RoleDraft>) -> PlanDraft {
    PlanDraft {
        name: "Imaging department".to_owned(),
        roles,
        ..PlanDraft::default()
    }
}

fn fields(errors: &[crate::browse::FieldError]) -> Vec<&str> {
    errors.iter().map(|error| error.field.as_str()).collect()
}

#[test]
fn a_role_is_read_as_a_code_an_import_a_profile_or_a_title() {
    let parse = |text: &str| RoleText::parse(text).unwrap();
    assert_eq!(
        parse(" 29-1224.00 "),
        RoleText::Ref(RoleRef::Occupation("29-1224.00".into()))
    );
    assert_eq!(
        parse("29-1224"),
        RoleText::Ref(RoleRef::Occupation("29-1224.00".into()))
    );
    assert_eq!(
        parse("29-1224.00 — Radiologists"),
        RoleText::Ref(RoleRef::Occupation("29-1224.00".into()))
    );
    assert_eq!(
        parse("onet:15-1252.00"),
        RoleText::Ref(RoleRef::Imported("15-1252.00".into()))
    );
    let id = "0123456789abcdef0123456789abcdef";
    for text in [
        id.to_owned(),
        format!("profile:{id}"),
        format!("https://atlas.example/profiles/{id}/edit"),
        format!("profile:{} — My coders", id.to_uppercase()),
    ] {
        assert_eq!(
            parse(&text),
            RoleText::Ref(RoleRef::Profile(id.into())),
            "{text}"
        );
    }
    assert_eq!(
        parse("Radiologists"),
        RoleText::Title("Radiologists".into())
    );
    for bad in [
        "",
        "  ",
        "29-12",
        "2912-24.00",
        "profile:xyz",
        "onet:radiologists",
    ] {
        assert!(RoleText::parse(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn role_references_round_trip_through_text_and_storage() {
    for reference in [
        RoleRef::Occupation("29-1224.00".into()),
        RoleRef::Imported("29-1224.00".into()),
        RoleRef::Profile("0123456789abcdef0123456789abcdef".into()),
    ] {
        assert_eq!(
            RoleText::parse(&reference.to_string()).unwrap(),
            RoleText::Ref(reference.clone())
        );
        let (kind, id) = reference.storage();
        assert_eq!(RoleRef::from_storage(kind, id), Some(reference.clone()));
    }
}

#[test]
fn a_valid_draft_skips_blank_rows_and_keeps_row_indices() {
    let mut roles = vec![role("29-1224.00", "6"), RoleDraft::default()];
    roles.push(RoleDraft {
        role: "43-9041.00".into(),
        headcount: "1,200".into(),
        hours_per_fte: "1700".into(),
        hourly_cost: "38,5".into(),
    });
    let checked = validate(&draft(roles)).unwrap();
    assert_eq!(checked.hours_per_fte, DEFAULT_HOURS_PER_FTE);
    let indices: Vec<usize> = checked.roles.iter().map(|(index, _)| *index).collect();
    assert_eq!(indices, vec![0, 2]);
    let second = &checked.roles[1].1;
    assert_eq!(second.headcount, 1200.0);
    assert_eq!(second.hours_per_fte, Some(1700.0));
    assert_eq!(second.hourly_cost, Some(38.5));
}

#[test]
fn bad_numbers_name_their_row_and_field() {
    let roles = vec![
        role("29-1224.00", "0"),
        role("29-1141.00", "-3"),
        RoleDraft {
            hours_per_fte: "9000".into(),
            ..role("15-1252.00", "4")
        },
        RoleDraft {
            hourly_cost: "lots".into(),
            ..role("43-9041.00", "4")
        },
        role("43-9021.00", ""),
        role("43-4051.00", "200000"),
    ];
    let errors = validate(&draft(roles)).unwrap_err();
    assert_eq!(
        fields(&errors),
        vec![
            "roles[0].headcount",
            "roles[1].headcount",
            "roles[2].hours_per_fte",
            "roles[3].hourly_cost",
            "roles[4].headcount",
            "roles[5].headcount",
        ]
    );
    assert!(errors[2].message.contains("500") && errors[2].message.contains("3,000"));
}

#[test]
fn the_plan_needs_a_name_a_role_and_sane_hours() {
    let errors = validate(&PlanDraft {
        hours_per_fte: "20".into(),
        ..PlanDraft::default()
    })
    .unwrap_err();
    assert_eq!(fields(&errors), vec!["name", "hours_per_fte", "roles"]);
}

#[test]
fn the_same_role_twice_is_refused_on_the_later_row() {
    let errors = validate(&draft(vec![
        role("29-1224.00", "3"),
        role("15-1252.00", "3"),
        role("29-1224 — Radiologists", "2"),
        role("radiologists", "1"),
        role("Radiologists", "1"),
    ]))
    .unwrap_err();
    assert_eq!(fields(&errors), vec!["roles[2].role", "roles[4].role"]);
    assert!(errors[0].message.contains("role 1"));
}

#[test]
fn too_many_roles_or_too_many_people_are_refused() {
    let many: Vec<RoleDraft> = (0..=MAX_ROLES)
        .map(|index| role(&format!("11-{:04}.00", index), "1"))
        .collect();
    let errors = validate(&draft(many)).unwrap_err();
    assert_eq!(fields(&errors), vec!["roles"]);
    let big: Vec<RoleDraft> = (0..11)
        .map(|index| role(&format!("11-{:04}.00", index), "100000"))
        .collect();
    let errors = validate(&draft(big)).unwrap_err();
    assert!(errors[0].message.contains("1,000,000 FTE"), "{errors:?}");
}

#[test]
fn titles_are_resolved_and_may_still_collide() {
    let checked = validate(&draft(vec![
        role("29-1224.00", "3"),
        role("Radiologists", "2"),
    ]))
    .unwrap();
    let errors = checked
        .clone()
        .resolve(|text| match text {
            RoleText::Ref(reference) => Ok(reference.clone()),
            RoleText::Title(_) => Ok(RoleRef::Occupation("29-1224.00".into())),
        })
        .unwrap_err();
    assert_eq!(fields(&errors), vec!["roles[1].role"]);
    let errors = checked
        .resolve(|text| match text {
            RoleText::Ref(_) => Err("no occupation with this code".into()),
            RoleText::Title(_) => Ok(RoleRef::Occupation("29-1141.00".into())),
        })
        .unwrap_err();
    assert_eq!(fields(&errors), vec!["roles[0].role"]);
}

#[test]
fn assumptions_are_read_from_pairs_and_written_back() {
    let pairs = vec![
        (
            field_name(Which::PersonShare, Pattern::Copilot),
            "60".to_owned(),
        ),
        (
            field_name(Which::Adoption, Pattern::Automate),
            "50%".to_owned(),
        ),
        ("unrelated".to_owned(), "x".to_owned()),
    ];
    let settings = Settings::default().with_pairs(&pairs).unwrap();
    assert_eq!(settings.get(Pattern::Copilot).person_share, 60.0);
    assert_eq!(settings.get(Pattern::Automate).adoption, 50.0);
    assert_eq!(
        settings.changed_pairs(),
        vec![
            ("adoption.automate".to_owned(), "50".to_owned()),
            ("person.copilot".to_owned(), "60".to_owned()),
        ]
    );
    let round = Settings::default()
        .with_pairs(&settings.changed_pairs())
        .unwrap();
    assert_eq!(round, settings);
    let errors = Settings::default()
        .with_pairs(&[("person.triage".to_owned(), "120".to_owned())])
        .unwrap_err();
    assert_eq!(fields(&errors), vec!["person.triage"]);
}

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

fn basis() -> PlanBasis {
    PlanBasis {
        name: "Claims".into(),
        description: String::new(),
        hours_per_fte: 1_000.0,
        model_version: "test".into(),
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
        ],
    }
}

#[test]
fn a_small_plan_adds_up_by_hand() {
    let results = compute(&basis(), &Settings::default());
    let totals = &results.totals;
    // Clerks: 10 000 h. Automate 5 000 h, 90% freed = 4 500; approves 3 000 h, 70% freed = 2 100.
    // Radiologists: 4 000 h. Second reader 2 000 h, 44% freed = 880; copilot 2 000 h, 25% = 500.
    let close = |left: f64, right: f64| (left - right).abs() < 1e-6;
    assert!(close(totals.hours, 14_000.0));
    assert!(close(totals.handed_over, 8_000.0));
    assert!(close(totals.handed_over_freed, 6_600.0));
    assert!(close(totals.sign_off, 500.0 + 900.0));
    assert!(close(totals.reshaped, 4_000.0));
    assert!(close(totals.reshaped_freed, 1_380.0));
    assert!(close(totals.kept, 2_000.0));
    assert!(close(totals.freed, 7_980.0));
    assert!(close(totals.freed_fte, 7.98));
    // Review: exceptions 500 + sign-off 900 + second reading 1 120.
    assert!(close(totals.review, 2_520.0));
    assert!(close(totals.freed_value, 6_600.0 * 40.0));
    assert_eq!(totals.costed_roles, 1);
    assert_eq!(results.roles[1].freed_value, None);
}

#[test]
fn hours_are_conserved_for_every_role_and_pattern() {
    let mut settings = Settings::default();
    settings.patterns[usize::from(Pattern::Copilot.level())].adoption = 35.0;
    let results = compute(&basis(), &settings);
    for role in &results.roles {
        let sum: f64 = role.by_pattern.iter().map(|figures| figures.hours).sum();
        assert!((sum - role.hours).abs() < 1e-6);
        for figures in role.by_pattern {
            assert!(figures.freed >= 0.0 && figures.freed <= figures.hours + 1e-9);
            assert!((figures.freed + figures.person_hours() - figures.hours).abs() < 1e-9);
        }
    }
    let by_role: f64 = results.roles.iter().map(|role| role.freed).sum();
    let by_pattern: f64 = results.by_pattern.iter().map(|figures| figures.freed).sum();
    assert!((by_role - results.totals.freed).abs() < 1e-6);
    assert!((by_pattern - results.totals.freed).abs() < 1e-6);
    let parts = results.totals.handed_over + results.totals.reshaped + results.totals.kept;
    assert!((parts - results.totals.hours).abs() < 1e-6);
}

#[test]
fn more_adoption_or_a_smaller_person_share_never_frees_fewer_hours() {
    for pattern in settings::adjustable_patterns() {
        let mut previous = f64::MIN;
        for step in 0..=10 {
            let mut settings = Settings::default();
            settings.patterns[usize::from(pattern.level())].adoption = f64::from(step) * 10.0;
            let freed = compute(&basis(), &settings).totals.freed;
            assert!(freed >= previous - 1e-9, "{pattern}: adoption {step}0%");
            previous = freed;
        }
        let mut none = Settings::default();
        none.patterns[usize::from(pattern.level())].person_share = 100.0;
        let mut all = Settings::default();
        all.patterns[usize::from(pattern.level())].person_share = 0.0;
        assert!(compute(&basis(), &all).totals.freed >= compute(&basis(), &none).totals.freed);
    }
}

#[test]
fn no_adoption_frees_nothing_and_leaves_no_pilots() {
    let mut settings = Settings::default();
    for pattern in settings::adjustable_patterns() {
        settings.patterns[usize::from(pattern.level())].adoption = 0.0;
    }
    let results = compute(&basis(), &settings);
    assert_eq!(results.totals.freed, 0.0);
    assert_eq!(results.totals.review, 0.0);
    assert!(results.pilots.is_empty());
}

#[test]
fn pilots_rank_by_hours_feasibility_and_low_autonomy_risk() {
    let results = compute(&basis(), &Settings::default());
    let order: Vec<&str> = results
        .pilots
        .iter()
        .map(|pilot| pilot.task.as_str())
        .collect();
    // Key claims 5 000 × 0.9 × (1 − 0.25) = 3 375; approve payouts 3 000 × 0.7 × (1 − 0.3)
    // = 1 470; read screens 2 000 × 0.8 × (1 − 0.3) = 1 120; write reports 2 000 × 0.6 ×
    // (1 − 0.15) = 1 020. Human-led tasks are not candidates.
    assert_eq!(
        order,
        vec![
            "Key claims",
            "Approve payouts",
            "Read screens",
            "Write reports"
        ]
    );
    assert!(results.pilots[0].measure.contains("audited sample"));
    assert!(results.pilots[0].measure.contains("verifiability"));
}

#[test]
fn a_riskier_task_ranks_lower_only_where_the_pattern_gives_the_machine_autonomy() {
    let safe = pilot::priority(Pattern::Automate, 100.0, 80.0, 0.0);
    let risky = pilot::priority(Pattern::Automate, 100.0, 80.0, 50.0);
    assert!(risky < safe);
    let copilot_safe = pilot::priority(Pattern::Copilot, 100.0, 80.0, 0.0);
    let copilot_risky = pilot::priority(Pattern::Copilot, 100.0, 80.0, 50.0);
    assert!(safe - risky > copilot_safe - copilot_risky);
}

#[test]
fn a_plan_goes_back_to_the_draft_it_came_from() {
    let original = draft(vec![
        RoleDraft {
            role: "29-1224.00".into(),
            headcount: "6".into(),
            hours_per_fte: "1700".into(),
            hourly_cost: "190.5".into(),
        },
        role("profile:0123456789abcdef0123456789abcdef", "2.5"),
    ]);
    let plan = validate(&original)
        .unwrap()
        .resolve(|text| match text {
            RoleText::Ref(reference) => Ok(reference.clone()),
            RoleText::Title(_) => Err("no titles here".into()),
        })
        .unwrap();
    let again = plan.to_draft();
    let plan_again = validate(&again)
        .unwrap()
        .resolve(|text| match text {
            RoleText::Ref(reference) => Ok(reference.clone()),
            RoleText::Title(_) => Err("no titles here".into()),
        })
        .unwrap();
    assert_eq!(plan_again, plan);
}

#[cfg(feature = "ssr")]
mod csv_files {
    use super::super::csv::{parse_roles, template};

    #[test]
    fn the_template_is_a_valid_upload() {
        let upload = parse_roles(template().as_bytes()).unwrap();
        assert_eq!(upload.roles.len(), 4);
        assert_eq!(upload.lines, vec![2, 3, 4, 5]);
        assert_eq!(upload.roles[1].hours_per_fte, "");
    }

    #[test]
    fn columns_are_found_by_name_or_alias() {
        let file = "FTE,Loaded hourly cost,Code\n3,50,29-1224.00\n";
        let upload = parse_roles(file.as_bytes()).unwrap();
        assert_eq!(upload.roles[0].role, "29-1224.00");
        assert_eq!(upload.roles[0].headcount, "3");
        assert_eq!(upload.roles[0].hourly_cost, "50");
    }

    #[test]
    fn every_problem_is_given_by_line_and_column() {
        let file = "role,headcount,hours_per_fte\r\n29-1224.00,3,\r\n29-1141.00,0,\r\n\r\n15-1252.00,4,90000\r\n29-1224.00,1,\r\n";
        let errors = parse_roles(file.as_bytes()).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].starts_with("line 3, column headcount:"),
            "{shown:?}"
        );
        assert!(
            shown[1].starts_with("line 5, column hours_per_fte:"),
            "{shown:?}"
        );
        assert!(shown[2].starts_with("line 6, column role:"), "{shown:?}");
    }

    #[test]
    fn a_bad_header_or_a_bad_file_is_refused_whole() {
        let errors = parse_roles(b"headcount,colour\n3,red\n").unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(shown
            .iter()
            .any(|line| line.contains("colour") && line.contains("not a known column")));
        assert!(shown
            .iter()
            .any(|line| line.contains("role") && line.contains("missing")));
        assert!(parse_roles(b"role,headcount\n").is_err());
        assert!(parse_roles(b"role,headcount\n\xff\xfe,3\n").is_err());
        assert!(parse_roles(b"role,headcount\n29-1224.00,3,4\n").is_err());
    }
}
