//! The kind of work a task is: the fifth input of model 2.0, next to the four ratings.
//!
//! The ratings say how far a machine could take a task on; the kind says what taking it on would
//! mean. Reading cases alongside a person (second reader) needs cases to read; ordering a queue
//! (triage) needs a queue or an alarm stream; a machine acting in the world needs a robot. So the
//! rule table (`rules`) lets each pattern come only from the kinds its meaning fits, and the same
//! ratings can lead to different patterns for different kinds.
//!
//! The set is closed and small on purpose: nine kinds, each anchored by a definition and
//! examples like the rating scales, each with the reason it is a kind of its own. Matched
//! exhaustively everywhere, so adding one breaks the build where it matters.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What sort of work a task is. Declared in the order pages list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    JudgingCases,
    Making,
    Routing,
    Watching,
    Checking,
    MovingInformation,
    ServiceExchange,
    Physical,
    WorkingWithPeople,
}

/// How many kinds there are; per-kind tables are arrays of this length.
pub const KIND_COUNT: usize = 9;

/// What defines one kind, written for raters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KindAnchor {
    pub definition: &'static str,
    pub examples: &'static str,
    /// Why this is a kind of its own: what the machine's role would be, and why no other kind
    /// describes it.
    pub reason: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("must be one of judging_cases, making, routing, watching, checking, moving_information, service_exchange, physical, working_with_people; got {got:?}")]
pub struct KindError {
    pub got: String,
}

impl Kind {
    pub const ALL: [Kind; KIND_COUNT] = [
        Kind::JudgingCases,
        Kind::Making,
        Kind::Routing,
        Kind::Watching,
        Kind::Checking,
        Kind::MovingInformation,
        Kind::ServiceExchange,
        Kind::Physical,
        Kind::WorkingWithPeople,
    ];

    /// Position in `Kind::ALL`, for per-kind arrays.
    pub const fn index(self) -> usize {
        match self {
            Kind::JudgingCases => 0,
            Kind::Making => 1,
            Kind::Routing => 2,
            Kind::Watching => 3,
            Kind::Checking => 4,
            Kind::MovingInformation => 5,
            Kind::ServiceExchange => 6,
            Kind::Physical => 7,
            Kind::WorkingWithPeople => 8,
        }
    }

    /// The snake_case identifier used in data files, JSON, CSV and URLs.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::JudgingCases => "judging_cases",
            Kind::Making => "making",
            Kind::Routing => "routing",
            Kind::Watching => "watching",
            Kind::Checking => "checking",
            Kind::MovingInformation => "moving_information",
            Kind::ServiceExchange => "service_exchange",
            Kind::Physical => "physical",
            Kind::WorkingWithPeople => "working_with_people",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Kind::JudgingCases => "Judging cases",
            Kind::Making => "Making",
            Kind::Routing => "Routing work",
            Kind::Watching => "Watching for events",
            Kind::Checking => "Checking finished work",
            Kind::MovingInformation => "Moving information",
            Kind::ServiceExchange => "Service exchanges",
            Kind::Physical => "Physical work",
            Kind::WorkingWithPeople => "Working with people",
        }
    }

    /// The label as it reads inside a sentence.
    pub const fn phrase(self) -> &'static str {
        match self {
            Kind::JudgingCases => "judging cases",
            Kind::Making => "making something others use",
            Kind::Routing => "routing work",
            Kind::Watching => "watching for events",
            Kind::Checking => "checking others' finished work",
            Kind::MovingInformation => "moving information",
            Kind::ServiceExchange => "a routine service exchange",
            Kind::Physical => "physical work",
            Kind::WorkingWithPeople => "working with people",
        }
    }

    /// True for work a machine could only take on with a robot.
    pub const fn needs_a_robot(self) -> bool {
        matches!(self, Kind::Physical)
    }

    pub const fn anchor(self) -> KindAnchor {
        match self {
            Kind::JudgingCases => KindAnchor {
                definition: "Judging a stream of cases: each case that arrives (an image, an application, a claim, an order, a script) is read, screened, classified, graded or decided.",
                examples: "Reading screening mammograms; deciding whether a claim is covered; underwriting a loan; verifying a prescription order; marking a multiple-choice test.",
                reason: "Only here are there cases a machine can read independently of the person, so only here can it be a second reader.",
            },
            Kind::Making => KindAnchor {
                definition: "Making something others use: a text, code, a design, a calculation, an analysis, a plan, a translation, a report or a note.",
                examples: "Writing feature code; translating a manual; drafting a contract; working out an amount payable; compiling a monthly report; writing up visit notes.",
                reason: "The machine's natural role is to draft and the person's to edit and own the result (copilot), or, where errors are cheap or checkable, to make it and have a person sign it.",
            },
            Kind::Routing => KindAnchor {
                definition: "Routing work: ordering, assigning, scheduling or dispatching a queue of cases, jobs, calls, patients or vehicles, whose work is done by others or later.",
                examples: "Ordering a reading worklist by urgency; dispatching technicians; booking appointments; assigning tickets; sequencing jobs on machines.",
                reason: "There is a queue to order, so the machine can triage it while people still handle every item.",
            },
            Kind::Watching => KindAnchor {
                definition: "Watching for events: monitoring signals, alarms, dashboards, video or feeds, and responding when something happens.",
                examples: "Watching network alarms; monitoring patient telemetry; watching CCTV; running a plant's control-room displays.",
                reason: "There is an alarm stream to filter and rank, so the machine can triage it while people respond to what matters.",
            },
            Kind::Checking => KindAnchor {
                definition: "Checking others' finished work: proofreading, auditing, reviewing for compliance, or inspecting finished reports or products for errors and misses.",
                examples: "Checking finished radiology reports; the final check of proofs; auditing expense claims; inspecting finished parts against a specification.",
                reason: "The work to check already exists, so the machine's role is to check it too (quality control) or, where errors are cheap, to do the check itself.",
            },
            Kind::MovingInformation => KindAnchor {
                definition: "Moving information: entering, transferring, transcribing, updating, filing or reconciling records whose content already exists.",
                examples: "Entering orders into a system; updating an allergy list; logging controlled drugs; posting transactions; e-filing documents with a court.",
                reason: "Nothing new is judged or made, so the machine can move the information itself where errors are cheap, and otherwise validate and reconcile what people enter.",
            },
            Kind::ServiceExchange => KindAnchor {
                definition: "Routine service exchanges with customers or the public: answering routine questions, taking orders, bookings or payments, making scripted calls, connecting callers.",
                examples: "Answering questions about an account; taking a phone order; taking payment at a till; connecting a caller to the right extension.",
                reason: "A conversation, but a transactional one: a conversational agent can handle the standard cases and pass the rest to a person, which it cannot do where the relationship is the work.",
            },
            Kind::Physical => KindAnchor {
                definition: "Physical work: handling objects, operating machines or vehicles, acting on bodies or materials, moving in the world. For this kind, standardization also means how controlled the setting is: 4–5 is the same objects in the same place, as in a fixed cell or on a sorting line.",
                examples: "Feeding mail into sorting machines; taking vital signs; running chemistry analysers; driving a truck; installing wiring; cooking; moving freight by hand.",
                reason: "A machine acting in the world needs a robot, not just software: digital criteria alone never hand it over, and automation is reached only in a controlled setting.",
            },
            Kind::WorkingWithPeople => KindAnchor {
                definition: "Working with people as the work itself: caring, teaching, counselling, persuading, negotiating, leading, supervising, interviewing, consulting with colleagues.",
                examples: "Teaching a class; counselling a patient; negotiating a settlement; supervising staff; interviewing candidates.",
                reason: "The relationship is the work, so a machine can at most prepare, draft and retrieve for the person who leads it.",
            },
        }
    }

    pub fn parse(text: &str) -> Result<Kind, KindError> {
        let trimmed = text.trim();
        Kind::ALL
            .into_iter()
            .find(|kind| kind.name() == trimmed)
            .ok_or_else(|| KindError {
                got: trimmed.to_owned(),
            })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = KindError;

    fn from_str(text: &str) -> Result<Kind, KindError> {
        Kind::parse(text)
    }
}

/// A set of kinds, as a rule row's scope. `ALL_KINDS` for rows that apply to every kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Kinds(pub &'static [Kind]);

pub const ALL_KINDS: Kinds = Kinds(&Kind::ALL);

impl Kinds {
    pub const fn contains(&self, kind: Kind) -> bool {
        let mut position = 0;
        while position < self.0.len() {
            if self.0[position].index() == kind.index() {
                return true;
            }
            position += 1;
        }
        false
    }

    pub const fn is_all(&self) -> bool {
        let mut position = 0;
        while position < KIND_COUNT {
            if !self.contains(Kind::ALL[position]) {
                return false;
            }
            position += 1;
        }
        true
    }
}

/// `any kind`, or the kinds' names joined with commas.
impl fmt::Display for Kinds {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_all() {
            return formatter.write_str("any kind");
        }
        for (position, kind) in self.0.iter().enumerate() {
            if position > 0 {
                formatter.write_str(", ")?;
            }
            formatter.write_str(kind.name())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_indexed_in_declared_order_and_names_match_serde() {
        for (position, kind) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(kind.index(), position);
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.name()));
            assert_eq!(Kind::parse(kind.name()), Ok(kind));
            assert_eq!(kind.name().parse::<Kind>(), Ok(kind));
        }
    }

    #[test]
    fn an_unknown_kind_is_refused_with_the_list_of_kinds() {
        let error = Kind::parse("dancing").unwrap_err();
        assert!(error.to_string().contains("judging_cases"), "{error}");
        assert!(error.to_string().contains("\"dancing\""), "{error}");
    }

    #[test]
    fn every_kind_has_a_definition_examples_and_a_reason() {
        for kind in Kind::ALL {
            let anchor = kind.anchor();
            assert!(anchor.definition.len() > 40, "{kind}");
            assert!(anchor.examples.len() > 40, "{kind}");
            assert!(anchor.reason.len() > 40, "{kind}");
        }
    }

    #[test]
    fn only_physical_work_needs_a_robot() {
        for kind in Kind::ALL {
            assert_eq!(kind.needs_a_robot(), kind == Kind::Physical);
        }
    }

    #[test]
    fn a_kind_set_knows_its_members_and_prints_them() {
        let pair = Kinds(&[Kind::Routing, Kind::Watching]);
        assert!(pair.contains(Kind::Routing));
        assert!(!pair.contains(Kind::Making));
        assert_eq!(pair.to_string(), "routing, watching");
        assert_eq!(ALL_KINDS.to_string(), "any kind");
    }
}
