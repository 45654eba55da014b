//! The Work Context elements the mapping reads: their O*NET Content Model IDs, their names in
//! release 29.3 and the short labels used in explanations.

/// The Work Context elements the mapping reads, by their 29.3 names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContextElement {
    ConsequenceOfError,
    ImpactOfDecisions,
    HealthAndSafetyOfOthers,
    FrequencyOfDecisionMaking,
    FreedomToMakeDecisions,
    DegreeOfAutomation,
    ExactOrAccurate,
    RepeatingSameTasks,
    StructuredVersusUnstructured,
    UsingHands,
}

impl ContextElement {
    pub const COUNT: usize = 10;
    pub const ALL: [ContextElement; ContextElement::COUNT] = [
        ContextElement::ConsequenceOfError,
        ContextElement::ImpactOfDecisions,
        ContextElement::HealthAndSafetyOfOthers,
        ContextElement::FrequencyOfDecisionMaking,
        ContextElement::FreedomToMakeDecisions,
        ContextElement::DegreeOfAutomation,
        ContextElement::ExactOrAccurate,
        ContextElement::RepeatingSameTasks,
        ContextElement::StructuredVersusUnstructured,
        ContextElement::UsingHands,
    ];

    pub const fn index(self) -> usize {
        match self {
            ContextElement::ConsequenceOfError => 0,
            ContextElement::ImpactOfDecisions => 1,
            ContextElement::HealthAndSafetyOfOthers => 2,
            ContextElement::FrequencyOfDecisionMaking => 3,
            ContextElement::FreedomToMakeDecisions => 4,
            ContextElement::DegreeOfAutomation => 5,
            ContextElement::ExactOrAccurate => 6,
            ContextElement::RepeatingSameTasks => 7,
            ContextElement::StructuredVersusUnstructured => 8,
            ContextElement::UsingHands => 9,
        }
    }

    /// The O*NET Content Model element ID.
    pub const fn id(self) -> &'static str {
        match self {
            ContextElement::ConsequenceOfError => "4.C.3.a.1",
            ContextElement::ImpactOfDecisions => "4.C.3.a.2.a",
            ContextElement::HealthAndSafetyOfOthers => "4.C.1.c.1",
            ContextElement::FrequencyOfDecisionMaking => "4.C.3.a.2.b",
            ContextElement::FreedomToMakeDecisions => "4.C.3.a.4",
            ContextElement::DegreeOfAutomation => "4.C.3.b.2",
            ContextElement::ExactOrAccurate => "4.C.3.b.4",
            ContextElement::RepeatingSameTasks => "4.C.3.b.7",
            ContextElement::StructuredVersusUnstructured => "4.C.3.b.8",
            ContextElement::UsingHands => "4.C.2.d.1.g",
        }
    }

    /// The element's name in O*NET 29.3.
    pub const fn name(self) -> &'static str {
        match self {
            ContextElement::ConsequenceOfError => "Consequence of Error",
            ContextElement::ImpactOfDecisions => {
                "Impact of Decisions on Co-workers or Company Results"
            }
            ContextElement::HealthAndSafetyOfOthers => "Health and Safety of Other Workers",
            ContextElement::FrequencyOfDecisionMaking => "Frequency of Decision Making",
            ContextElement::FreedomToMakeDecisions => "Freedom to Make Decisions",
            ContextElement::DegreeOfAutomation => "Degree of Automation",
            ContextElement::ExactOrAccurate => "Importance of Being Exact or Accurate",
            ContextElement::RepeatingSameTasks => "Importance of Repeating Same Tasks",
            ContextElement::StructuredVersusUnstructured => {
                "Determine Tasks, Priorities and Goals (formerly Structured versus Unstructured Work)"
            }
            ContextElement::UsingHands => {
                "Spend Time Using Your Hands to Handle, Control, or Feel Objects, Tools, or Controls"
            }
        }
    }

    /// A short name for explanations.
    pub const fn label(self) -> &'static str {
        match self {
            ContextElement::ConsequenceOfError => "Consequence of Error",
            ContextElement::ImpactOfDecisions => "Impact of Decisions",
            ContextElement::HealthAndSafetyOfOthers => "Safety of Others",
            ContextElement::FrequencyOfDecisionMaking => "Decision Frequency",
            ContextElement::FreedomToMakeDecisions => "Freedom to Decide",
            ContextElement::DegreeOfAutomation => "Degree of Automation",
            ContextElement::ExactOrAccurate => "Exact or Accurate",
            ContextElement::RepeatingSameTasks => "Repeating Same Tasks",
            ContextElement::StructuredVersusUnstructured => "Determine Own Tasks",
            ContextElement::UsingHands => "Using Hands",
        }
    }

    pub fn from_id(id: &str) -> Option<ContextElement> {
        ContextElement::ALL
            .into_iter()
            .find(|element| element.id() == id)
    }
}
