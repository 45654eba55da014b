//! Task-text cues: what kind of work a task statement describes, read from its lead verb and,
//! when the verb says little ("prepare", "maintain", "perform"), from the things it names.
//!
//! O*NET's ratings are mostly per occupation, so without this every task of an occupation would
//! share three of its four ratings. The cue is deliberately crude and fully listed here (and in
//! `mapping_markdown`), so anyone can see why a task was read as data work or physical work.

use crate::assess::{Dimension, Kind};

/// The kind of work a task statement describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TaskKind {
    /// Recording, calculating, checking and moving information.
    DataWork,
    /// Handling materials, tools, machines, vehicles or bodies.
    PhysicalWork,
    /// Talking with, teaching, caring for or leading people.
    PeopleWork,
    /// Planning, designing, analysing, judging.
    JudgmentWork,
    /// Nothing in the statement says which.
    Unclassified,
}

impl TaskKind {
    pub const ALL: [TaskKind; 5] = [
        TaskKind::DataWork,
        TaskKind::PhysicalWork,
        TaskKind::PeopleWork,
        TaskKind::JudgmentWork,
        TaskKind::Unclassified,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            TaskKind::DataWork => "data work",
            TaskKind::PhysicalWork => "physical work",
            TaskKind::PeopleWork => "work with people",
            TaskKind::JudgmentWork => "judgment work",
            TaskKind::Unclassified => "unclassified",
        }
    }

    /// How far this kind of task moves each rating from the occupation's baseline.
    pub const fn shift(self, dimension: Dimension) -> f64 {
        let [standardization, error_tolerance, verifiability, frequency] = match self {
            // Digital records in known formats; mistakes in them are found by reconciliation
            // and corrected by editing; results can be checked against the source.
            TaskKind::DataWork => [1.0, 0.5, 1.0, 0.0],
            // Physical work is the lowest standardization anchor, and a physical act cannot be
            // undone the way an edit can.
            TaskKind::PhysicalWork => [-1.0, -0.5, 0.0, 0.0],
            // Conversation is unstructured, and how well it went is a matter of judgment.
            TaskKind::PeopleWork => [-1.0, 0.0, -1.0, 0.0],
            // Plans and designs follow known structures but are judged, not checked.
            TaskKind::JudgmentWork => [0.0, 0.0, -1.0, 0.0],
            TaskKind::Unclassified => [0.0, 0.0, 0.0, 0.0],
        };
        match dimension {
            Dimension::Standardization => standardization,
            Dimension::ErrorTolerance => error_tolerance,
            Dimension::Verifiability => verifiability,
            Dimension::Frequency => frequency,
        }
    }

    /// The words that decide this kind when the lead verb is not listed, sorted; judgment work
    /// has none, because what is judged is named in too many ways.
    pub const fn objects(self) -> &'static [&'static str] {
        match self {
            TaskKind::DataWork => DATA_OBJECTS,
            TaskKind::PhysicalWork => PHYSICAL_OBJECTS,
            TaskKind::PeopleWork => PEOPLE_OBJECTS,
            TaskKind::JudgmentWork | TaskKind::Unclassified => &[],
        }
    }

    /// The lead verbs that decide this kind, sorted; empty for `Unclassified`.
    pub const fn verbs(self) -> &'static [&'static str] {
        match self {
            TaskKind::DataWork => DATA_VERBS,
            TaskKind::PhysicalWork => PHYSICAL_VERBS,
            TaskKind::PeopleWork => PEOPLE_VERBS,
            TaskKind::JudgmentWork => JUDGMENT_VERBS,
            TaskKind::Unclassified => &[],
        }
    }
}

#[rustfmt::skip]
pub const DATA_VERBS: &[&str] = &[
    "audit", "bill", "calculate", "catalog", "classify", "code", "compile", "compute", "document",
    "enter", "file", "index", "invoice", "key", "log", "post", "process", "reconcile", "record",
    "schedule", "tabulate", "transcribe", "type", "update", "verify",
];

#[rustfmt::skip]
pub const PHYSICAL_VERBS: &[&str] = &[
    "adjust", "align", "assemble", "attach", "bend", "build", "carry", "clean", "connect",
    "construct", "cook", "cut", "deliver", "dig", "disassemble", "drill", "drive", "fabricate",
    "fasten", "fit", "grind", "install", "lay", "lift", "load", "lubricate", "mix", "mount", "move",
    "operate", "package", "paint", "place", "polish", "position", "pour", "remove", "repair",
    "replace", "sand", "serve", "sew", "splice", "spray", "stack", "tighten", "transport", "trim",
    "unload", "wash", "weld", "wrap",
];

#[rustfmt::skip]
pub const PEOPLE_VERBS: &[&str] = &[
    "advise", "answer", "assist", "attend", "coach", "collaborate", "communicate", "confer",
    "consult", "contact", "counsel", "demonstrate", "discuss", "educate", "explain", "greet",
    "guide", "inform", "instruct", "interview", "meet", "mentor", "negotiate", "notify", "persuade",
    "present", "recruit", "refer", "respond", "sell", "supervise", "teach", "train", "visit",
];

#[rustfmt::skip]
pub const JUDGMENT_VERBS: &[&str] = &[
    "analyze", "assess", "assign", "coordinate", "create", "decide", "design", "determine",
    "develop", "diagnose", "direct", "establish", "estimate", "evaluate", "formulate", "identify",
    "interpret", "investigate", "manage", "organize", "oversee", "plan", "prescribe", "recommend",
    "research", "select", "study", "write",
];

/// Words that mark data work when the lead verb is not in any list ("Maintain records …").
#[rustfmt::skip]
pub const DATA_OBJECTS: &[&str] = &[
    "accounts", "computer", "computers", "data", "database", "databases", "documentation",
    "documents", "files", "forms", "invoices", "ledgers", "logs", "payroll", "records", "reports",
    "software", "spreadsheets", "statistics",
];

/// Words that mark physical work when the lead verb is not in any list ("Maintain equipment …").
#[rustfmt::skip]
pub const PHYSICAL_OBJECTS: &[&str] = &[
    "components", "engines", "equipment", "fixtures", "machinery", "machines", "materials", "parts",
    "pipes", "samples", "specimens", "structures", "surfaces", "tools", "vehicles", "wiring",
];

/// Words that mark work with people when the lead verb is not in any list ("Provide care to
/// patients").
#[rustfmt::skip]
pub const PEOPLE_OBJECTS: &[&str] = &[
    "clients", "customers", "employees", "families", "patients", "public", "students", "visitors",
];

/// The kind of a task and the word that decided it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskCue {
    pub kind: TaskKind,
    /// The lead verb or the object word that decided the kind; empty when unclassified.
    pub word: String,
    pub from_verb: bool,
}

/// Reads a task statement: its first word if that is a listed verb, else the kind whose object
/// words it mentions most often (a tie, or no mention, is unclassified).
pub fn classify(statement: &str) -> TaskCue {
    let lowered = statement.to_ascii_lowercase();
    let mut words = lowered
        .split(|character: char| !character.is_ascii_alphabetic())
        .filter(|word| !word.is_empty());
    if let Some(lead) = words.next() {
        for kind in TaskKind::ALL {
            if kind.verbs().binary_search(&lead).is_ok() {
                return TaskCue {
                    kind,
                    word: lead.to_owned(),
                    from_verb: true,
                };
            }
        }
    }
    // Counts per kind, in `TaskKind::ALL` order, and the first word that counted.
    let mut hits = [(0_usize, ""); TaskKind::ALL.len()];
    for word in lowered
        .split(|character: char| !character.is_ascii_alphabetic())
        .skip(1)
    {
        for (position, kind) in TaskKind::ALL.into_iter().enumerate() {
            if kind.objects().binary_search(&word).is_ok() {
                let (count, first) = &mut hits[position];
                if *count == 0 {
                    *first = word;
                }
                *count += 1;
            }
        }
    }
    let most = hits.iter().map(|(count, _)| *count).max().unwrap_or(0);
    let leaders: Vec<usize> = (0..hits.len())
        .filter(|&position| hits[position].0 == most)
        .collect();
    match leaders.as_slice() {
        [position] if most > 0 => TaskCue {
            kind: TaskKind::ALL[*position],
            word: hits[*position].1.to_owned(),
            from_verb: false,
        },
        _ => TaskCue {
            kind: TaskKind::Unclassified,
            word: String::new(),
            from_verb: false,
        },
    }
}

/// Lead verbs that decide the model's kind of work directly, before the cue's own kinds are
/// consulted: verbs of watching, checking, routing, deciding cases and answering the public,
/// which the four rating cues above do not separate. Sorted within each kind.
pub const KIND_VERBS: [(Kind, &[&str]); 6] = [
    (Kind::Watching, &["monitor", "observe", "patrol", "watch"]),
    (
        Kind::Checking,
        &[
            "audit",
            "check",
            "inspect",
            "proofread",
            "review",
            "test",
            "verify",
        ],
    ),
    (
        Kind::Routing,
        &["assign", "dispatch", "prioritize", "route", "schedule"],
    ),
    (
        Kind::JudgingCases,
        &[
            "approve",
            "assess",
            "classify",
            "code",
            "decide",
            "determine",
            "diagnose",
            "evaluate",
            "grade",
            "interpret",
            "screen",
            "select",
        ],
    ),
    (
        Kind::ServiceExchange,
        &["answer", "greet", "inform", "notify", "respond"],
    ),
    (
        Kind::MovingInformation,
        &[
            "bill",
            "catalog",
            "document",
            "enter",
            "file",
            "index",
            "invoice",
            "key",
            "log",
            "post",
            "process",
            "reconcile",
            "record",
            "transcribe",
            "type",
            "update",
        ],
    ),
];

/// The model's kind of work for a task statement, and the word that decided it.
///
/// The lead verb decides when `KIND_VERBS` lists it; otherwise the rating cue does: physical
/// work is `physical`, work with people `working_with_people`, data work `moving_information`
/// (records, forms and files named without a listed verb), and judgment work or an unclassified
/// statement `making` (plans, designs, analyses, calculations: the commonest kind of knowledge
/// work, and the one whose patterns ask least of a machine on costly work).
pub fn kind_of_work(statement: &str, cue: &TaskCue) -> (Kind, String) {
    let lowered = statement.to_ascii_lowercase();
    let lead = lowered
        .split(|character: char| !character.is_ascii_alphabetic())
        .find(|word| !word.is_empty())
        .unwrap_or("");
    for (kind, verbs) in KIND_VERBS {
        if verbs.binary_search(&lead).is_ok() {
            return (kind, lead.to_owned());
        }
    }
    let kind = match cue.kind {
        TaskKind::PhysicalWork => Kind::Physical,
        TaskKind::PeopleWork => Kind::WorkingWithPeople,
        TaskKind::DataWork => Kind::MovingInformation,
        TaskKind::JudgmentWork | TaskKind::Unclassified => Kind::Making,
    };
    (kind, cue.word.clone())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_kind_of_work_follows_the_lead_verb_then_the_rating_cue() {
        let kind = |statement: &str| kind_of_work(statement, &classify(statement)).0;
        assert_eq!(
            kind("Monitor alarm panels and call for help"),
            Kind::Watching
        );
        assert_eq!(kind("Inspect welds for cracks"), Kind::Checking);
        assert_eq!(kind("Schedule patient appointments"), Kind::Routing);
        assert_eq!(kind("Evaluate loan applications"), Kind::JudgingCases);
        assert_eq!(
            kind("Answer customer questions about bills"),
            Kind::ServiceExchange
        );
        assert_eq!(kind("Record meter readings"), Kind::MovingInformation);
        assert_eq!(kind("Weld steel frames"), Kind::Physical);
        assert_eq!(
            kind("Counsel families of patients"),
            Kind::WorkingWithPeople
        );
        assert_eq!(kind("Design bridge structures"), Kind::Making);
        assert_eq!(
            kind("Maintain records of shipments"),
            Kind::MovingInformation
        );
        assert_eq!(kind("Perform other duties"), Kind::Making);
    }

    #[test]
    fn every_kind_verb_list_is_sorted_and_no_verb_decides_two_kinds() {
        let mut seen = HashSet::new();
        for (kind, verbs) in KIND_VERBS {
            assert!(verbs.windows(2).all(|pair| pair[0] < pair[1]), "{kind}");
            for verb in verbs {
                assert!(seen.insert(*verb), "{verb} twice");
            }
        }
    }

    #[test]
    fn every_word_list_is_sorted_lowercase_and_no_word_is_in_two_lists() {
        let lists = [
            DATA_VERBS,
            PHYSICAL_VERBS,
            PEOPLE_VERBS,
            JUDGMENT_VERBS,
            DATA_OBJECTS,
            PHYSICAL_OBJECTS,
            PEOPLE_OBJECTS,
        ];
        let mut seen = HashSet::new();
        for list in lists {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
            for word in list {
                assert!(word.chars().all(|c| c.is_ascii_lowercase()), "{word}");
                assert!(seen.insert(*word), "{word} is in two lists");
            }
        }
    }

    #[test]
    fn the_lead_verb_decides_the_kind_when_it_is_listed() {
        let cue = classify("Record payments received from customers.");
        assert_eq!(
            (cue.kind, cue.word.as_str(), cue.from_verb),
            (TaskKind::DataWork, "record", true)
        );
        assert_eq!(
            classify("Install wiring in new buildings.").kind,
            TaskKind::PhysicalWork
        );
        assert_eq!(
            classify("Confer with clients, staff, or vendors.").kind,
            TaskKind::PeopleWork
        );
        assert_eq!(
            classify("Develop a plan for the new wing.").kind,
            TaskKind::JudgmentWork
        );
    }

    #[test]
    fn objects_decide_when_the_lead_verb_is_ambiguous() {
        let records = classify("Maintain records of purchases and invoices.");
        assert_eq!(
            (records.kind, records.word.as_str(), records.from_verb),
            (TaskKind::DataWork, "records", false)
        );
        assert_eq!(
            classify("Maintain tools and equipment.").kind,
            TaskKind::PhysicalWork
        );
        assert_eq!(
            classify("Maintain equipment records.").kind,
            TaskKind::Unclassified
        );
        assert_eq!(
            classify("Perform other duties as assigned.").kind,
            TaskKind::Unclassified
        );
        assert_eq!(classify("").kind, TaskKind::Unclassified);
        let care = classify("Provide care and comfort to patients and their families.");
        assert_eq!(
            (care.kind, care.word.as_str()),
            (TaskKind::PeopleWork, "patients")
        );
        // One data object against one people object is a tie.
        assert_eq!(
            classify("Prepare reports for clients.").kind,
            TaskKind::Unclassified
        );
    }

    #[test]
    fn kinds_shift_only_within_one_point_and_never_move_frequency() {
        for kind in TaskKind::ALL {
            for dimension in Dimension::ALL {
                assert!(kind.shift(dimension).abs() <= 1.0);
            }
            assert_eq!(kind.shift(Dimension::Frequency), 0.0);
        }
        assert!(TaskKind::Unclassified.verbs().is_empty());
    }
}
