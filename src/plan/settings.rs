//! The plan's assumptions, per pattern: the share of a task's time a person still spends once the
//! pattern is in place (sign-off, arbitration, exceptions, the work itself), and the adoption (the
//! share of the possible change a team realises). Each default says what it rests on; every one
//! can be changed on the plan page, in the form, in the CSV-free API body and in the query string.

use serde::{Deserialize, Serialize};

use crate::assess::Pattern;
use crate::browse::FieldError;

/// What a person still does under a pattern, and why the default is what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Basis {
    /// What the remaining person time is spent on.
    pub person_work: &'static str,
    /// What the default rests on: a published figure with its source, or "own assumption" with
    /// the reasoning.
    pub evidence: &'static str,
    /// Whether the figure comes from a published study (otherwise it is our own assumption).
    pub published: bool,
}

/// The default person share (percent of the task's time) under each pattern.
pub const fn default_person_share(pattern: Pattern) -> f64 {
    match pattern {
        Pattern::Automate => 10.0,
        Pattern::HumanApproves => 30.0,
        Pattern::SecondReader => 56.0,
        Pattern::Triage => 80.0,
        Pattern::QualityControl => 85.0,
        Pattern::Copilot => 75.0,
        Pattern::HumanLed => 100.0,
    }
}

/// What each default rests on.
pub const fn basis(pattern: Pattern) -> Basis {
    match pattern {
        Pattern::Automate => Basis {
            person_work: "exceptions, complaints and audits of a sample",
            evidence: "Own assumption: the system finishes most cases; people handle the ones it routes out and audit a sample. Replace it with the exception rate and minutes per exception measured in a pilot.",
            published: false,
        },
        Pattern::HumanApproves => Basis {
            person_work: "signing off each result before it takes effect",
            evidence: "Own assumption: checking a prepared result takes a fraction of producing it, but every result is read. Replace it with the minutes per sign-off measured in a pilot.",
            published: false,
        },
        Pattern::SecondReader => Basis {
            person_work: "reading every case and arbitrating disagreements",
            evidence: "Published: in Swedish breast-screening trials, AI as one of the two readers cut screen-reading work by 44% (MASAI, Lång et al., Lancet Oncology 2023) with more cancers found, and an AI reader was non-inferior to a second radiologist (ScreenTrustCAD, Dembrower et al., Lancet Digital Health 2023). The saving exists where two people read each case today; where one person reads, set this to 100%.",
            published: true,
        },
        Pattern::Triage => Basis {
            person_work: "handling every case, urgent ones first",
            evidence: "Own assumption, informed by MASAI, where sending the low-risk majority of screens to a single reader was most of the 44% saving. People still handle every case; the time saved is sorting and the lighter handling of low-risk work.",
            published: false,
        },
        Pattern::QualityControl => Basis {
            person_work: "doing the work and clearing the system's flags",
            evidence: "Own assumption: people still do the work; the system replaces part of the manual checking and rework. Replace it with the checking time measured before and after a pilot.",
            published: false,
        },
        Pattern::Copilot => Basis {
            person_work: "editing, deciding and owning each result",
            evidence: "Published ranges: 40% less time on writing tasks (Noy & Zhang, Science 2023); 14% more support issues resolved per hour (Brynjolfsson, Li & Raymond, QJE 2025); 25% faster on consulting tasks inside the models' reach (Dell'Acqua et al., 2023); 56% faster on one coding task (Peng et al., 2023). A quarter saved sits inside that range.",
            published: true,
        },
        Pattern::HumanLed => Basis {
            person_work: "the whole task",
            evidence: "No change is assumed: the model finds too little here for a machine to take on.",
            published: false,
        },
    }
}

/// The default adoption: the whole of the change each pattern allows (the potential).
pub const DEFAULT_ADOPTION: f64 = 100.0;

/// One pattern's assumptions, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatternSetting {
    /// Percent of the task's time a person still spends under the pattern (0–100).
    pub person_share: f64,
    /// Percent of the possible change realised (0–100).
    pub adoption: f64,
}

/// The assumptions of a plan, one per pattern in `Pattern::ALL` order. Human-led is fixed at a
/// person share of 100% (it is the absence of change), so its entry is never read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub patterns: [PatternSetting; 7],
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            patterns: Pattern::ALL.map(|pattern| PatternSetting {
                person_share: default_person_share(pattern),
                adoption: DEFAULT_ADOPTION,
            }),
        }
    }
}

/// The patterns whose assumptions can be changed (every pattern but human-led), from most to
/// least machine authority.
pub fn adjustable_patterns() -> impl Iterator<Item = Pattern> {
    Pattern::ALL
        .into_iter()
        .rev()
        .filter(|pattern| *pattern != Pattern::HumanLed)
}

/// The form and query-string name of a setting, e.g. `person.copilot`, `adoption.copilot`.
pub fn field_name(which: Which, pattern: Pattern) -> String {
    format!("{}.{}", which.prefix(), pattern.name())
}

/// Which of the two numbers of a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    PersonShare,
    Adoption,
}

impl Which {
    pub const BOTH: [Which; 2] = [Which::PersonShare, Which::Adoption];

    pub const fn prefix(self) -> &'static str {
        match self {
            Which::PersonShare => "person",
            Which::Adoption => "adoption",
        }
    }
}

impl Settings {
    pub fn get(&self, pattern: Pattern) -> PatternSetting {
        if pattern == Pattern::HumanLed {
            return PatternSetting {
                person_share: 100.0,
                adoption: DEFAULT_ADOPTION,
            };
        }
        self.patterns[usize::from(pattern.level())]
    }

    pub fn value(&self, which: Which, pattern: Pattern) -> f64 {
        let setting = self.get(pattern);
        match which {
            Which::PersonShare => setting.person_share,
            Which::Adoption => setting.adoption,
        }
    }

    fn set(&mut self, which: Which, pattern: Pattern, value: f64) {
        let setting = &mut self.patterns[usize::from(pattern.level())];
        match which {
            Which::PersonShare => setting.person_share = value,
            Which::Adoption => setting.adoption = value,
        }
    }

    /// Whether every assumption is the default.
    pub fn is_default(&self) -> bool {
        adjustable_patterns().all(|pattern| self.get(pattern) == Settings::default().get(pattern))
    }

    /// The settings in `pairs` (`person.copilot=70`, `adoption.automate=50`) on top of `self`:
    /// unknown names are ignored (a form carries other fields), empty values keep the current
    /// figure, and each bad value is an error naming its field.
    pub fn with_pairs(&self, pairs: &[(String, String)]) -> Result<Settings, Vec<FieldError>> {
        let mut settings = self.clone();
        let mut errors = Vec::new();
        for pattern in adjustable_patterns() {
            for which in Which::BOTH {
                let name = field_name(which, pattern);
                let Some((_, text)) = pairs.iter().rev().find(|(key, _)| *key == name) else {
                    continue;
                };
                if text.trim().is_empty() {
                    continue;
                }
                match parse_percent(text) {
                    Ok(value) => settings.set(which, pattern, value),
                    Err(message) => errors.push(FieldError {
                        field: name,
                        message,
                    }),
                }
            }
        }
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(errors)
        }
    }

    /// The settings that differ from the defaults, as `name=value` pairs (for links and forms).
    pub fn changed_pairs(&self) -> Vec<(String, String)> {
        let defaults = Settings::default();
        let mut pairs = Vec::new();
        for pattern in adjustable_patterns() {
            for which in Which::BOTH {
                let value = self.value(which, pattern);
                if value != defaults.value(which, pattern) {
                    pairs.push((field_name(which, pattern), format_percent(value)));
                }
            }
        }
        pairs
    }

    /// The settings that differ from `base`, as `name=value` pairs: applied on top of `base`
    /// (`with_pairs`), they give `self` again.
    pub fn pairs_differing_from(&self, base: &Settings) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for pattern in adjustable_patterns() {
            for which in Which::BOTH {
                let value = self.value(which, pattern);
                if value != base.value(which, pattern) {
                    pairs.push((field_name(which, pattern), format_percent(value)));
                }
            }
        }
        pairs
    }

    /// Changes one number (the plan page's knobs), keeping it within 0–100.
    pub fn with(&self, which: Which, pattern: Pattern, value: f64) -> Settings {
        let mut settings = self.clone();
        if pattern != Pattern::HumanLed && value.is_finite() {
            settings.set(which, pattern, value.clamp(0.0, 100.0));
        }
        settings
    }

    /// Checks a set of settings from a trusted-looking source (a JSON body or the database).
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for pattern in adjustable_patterns() {
            for which in Which::BOTH {
                let value = self.value(which, pattern);
                if !(0.0..=100.0).contains(&value) {
                    errors.push(FieldError {
                        field: format!("assumptions.{}.{}", pattern.name(), json_name(which)),
                        message: format!("must be a percentage from 0 to 100 (got {value})"),
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The JSON field of each number (`assumptions.copilot.person_share`).
pub const fn json_name(which: Which) -> &'static str {
    match which {
        Which::PersonShare => "person_share",
        Which::Adoption => "adoption",
    }
}

/// A percentage from 0 to 100: `40`, `37.5`, `37,5` or `40%`.
pub fn parse_percent(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let number = trimmed.strip_suffix('%').unwrap_or(trimmed).trim();
    let value: f64 = number
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|value: &f64| value.is_finite())
        .ok_or_else(|| format!("must be a percentage from 0 to 100 (got {trimmed:?})"))?;
    if (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("must be from 0 to 100 percent (got {trimmed})"))
    }
}

/// A percentage as typed back: whole numbers without a decimal point.
pub fn format_percent(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}
