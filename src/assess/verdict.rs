//! The occupation verdict (replace, complement, human-led) and the paragraph that explains it.
//!
//! Shares are compared as percentages rounded to one decimal (`score::percent_tenths`), the
//! same figures the page shows, so the verdict can never contradict the numbers beside it.

use std::fmt::{self, Write};

use serde::{Deserialize, Serialize};

use super::occupation::{BottleneckShare, PatternShares};
use super::pattern::Pattern;
use super::score::{percent_tenths, Percent};

/// Replace when at least this percentage of working time is automate or human_approves.
pub const REPLACE_MIN_PERCENT: u32 = 60;
/// Otherwise human-led when at least this percentage of working time is human_led.
pub const HUMAN_LED_MIN_PERCENT: u32 = 50;

/// Patterns in which the machine does the work itself.
pub const HANDED_OVER_PATTERNS: [Pattern; 2] = [Pattern::Automate, Pattern::HumanApproves];
/// Patterns in which people and machines share the work.
pub const SHARED_PATTERNS: [Pattern; 4] = [
    Pattern::Copilot,
    Pattern::QualityControl,
    Pattern::SecondReader,
    Pattern::Triage,
];

/// Declared from least to most machine work, so the derived `Ord` ranks verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    HumanLed,
    Complement,
    Replace,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::HumanLed, Verdict::Complement, Verdict::Replace];

    pub const fn name(self) -> &'static str {
        match self {
            Verdict::HumanLed => "human_led",
            Verdict::Complement => "complement",
            Verdict::Replace => "replace",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Verdict::HumanLed => "Human-led",
            Verdict::Complement => "Complement",
            Verdict::Replace => "Replace",
        }
    }

    pub const fn meaning(self) -> &'static str {
        match self {
            Verdict::HumanLed => "For now, most of this work has little for a machine to do.",
            Verdict::Complement => {
                "Machines take on parts of the work while people stay responsible for it."
            }
            Verdict::Replace => {
                "Machines can do most of the work, with people handling exceptions and signing off."
            }
        }
    }

    /// The rule as one line of text, from the constants.
    pub fn condition(self) -> String {
        match self {
            Verdict::Replace => {
                format!("share(automate) + share(human_approves) ≥ {REPLACE_MIN_PERCENT}%")
            }
            Verdict::HumanLed => {
                format!("not replace, and share(human_led) ≥ {HUMAN_LED_MIN_PERCENT}%")
            }
            Verdict::Complement => "neither of the above".to_owned(),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

fn reaches(share: f64, percent: u32) -> bool {
    percent_tenths(share) >= i64::from(percent) * 10
}

/// Replace, else human-led, else complement. Monotone: raising ratings only moves time into
/// higher patterns, so the handed-over share never falls and the human-led share never rises.
pub fn decide_verdict(shares: &PatternShares) -> Verdict {
    if reaches(shares.handed_over(), REPLACE_MIN_PERCENT) {
        Verdict::Replace
    } else if reaches(shares.get(Pattern::HumanLed), HUMAN_LED_MIN_PERCENT) {
        Verdict::HumanLed
    } else {
        Verdict::Complement
    }
}

/// A paragraph built from the figures: what can be handed over, why the verdict follows,
/// which shared patterns carry the rest, and what holds tasks back.
pub(crate) fn verdict_rationale(
    verdict: Verdict,
    shares: &PatternShares,
    top_bottlenecks: &[BottleneckShare],
) -> String {
    let mut text = String::with_capacity(512);
    // Writing to a String cannot fail; the Result is only part of the `Write` signature.
    let _ = write_verdict_rationale(&mut text, verdict, shares, top_bottlenecks);
    text
}

fn write_verdict_rationale(
    out: &mut String,
    verdict: Verdict,
    shares: &PatternShares,
    top_bottlenecks: &[BottleneckShare],
) -> fmt::Result {
    let handed_over = shares.handed_over();
    let parts = nonzero(shares, &HANDED_OVER_PATTERNS);
    if parts.is_empty() {
        out.write_str(
            "No working time can be handed to a machine yet: no task is automate or human approves.",
        )?;
    } else {
        write!(
            out,
            "{} of working time can be handed to a machine (",
            Percent(handed_over)
        )?;
        write_percent_list(out, &parts, false)?;
        out.write_str(").")?;
    }

    let human_led = Percent(shares.get(Pattern::HumanLed));
    match verdict {
        Verdict::Replace => write!(
            out,
            " That is at least the {REPLACE_MIN_PERCENT}% needed, so the verdict is replace:"
        )?,
        Verdict::HumanLed => write!(
            out,
            " With less than {REPLACE_MIN_PERCENT}% handed over and {human_led} of working time \
             human-led (at least {HUMAN_LED_MIN_PERCENT}%), the verdict is human-led:"
        )?,
        Verdict::Complement => write!(
            out,
            " With less than {REPLACE_MIN_PERCENT}% handed over and human-led work at {human_led} \
             (below {HUMAN_LED_MIN_PERCENT}%), the verdict is complement:"
        )?,
    }
    out.write_str(" ")?;
    write_lowercase_first(out, verdict.meaning())?;

    let shared = nonzero(shares, &SHARED_PATTERNS);
    if !shared.is_empty() {
        out.write_str(" Work shared between people and machines: ")?;
        write_percent_list(out, &shared, true)?;
        out.write_str(".")?;
    }

    if top_bottlenecks.is_empty() {
        out.write_str(" No task is held back by a rating of 3 or lower.")?;
    } else {
        out.write_str(" Tasks are held back most by ")?;
        for (position, item) in top_bottlenecks.iter().enumerate() {
            if position > 0 {
                let last = position + 1 == top_bottlenecks.len();
                out.write_str(if last { " and " } else { ", " })?;
            }
            let of_time = if position == 0 {
                " of working time"
            } else {
                ""
            };
            write!(
                out,
                "{} ({}{of_time})",
                item.dimension.phrase(),
                Percent(item.share)
            )?;
        }
        out.write_str(".")?;
    }
    Ok(())
}

/// The given patterns that show a non-zero percentage, largest first, ties in level order.
fn nonzero(shares: &PatternShares, patterns: &[Pattern]) -> Vec<(Pattern, f64)> {
    let mut present: Vec<(Pattern, f64)> = patterns
        .iter()
        .map(|&pattern| (pattern, shares.get(pattern)))
        .filter(|&(_, share)| percent_tenths(share) > 0)
        .collect();
    present.sort_by_key(|&(pattern, share)| (std::cmp::Reverse(percent_tenths(share)), pattern));
    present
}

/// `automate 40%, human approves 22%` or, as a sentence list, `a 1%, b 2% and c 3%`.
fn write_percent_list(out: &mut String, items: &[(Pattern, f64)], sentence: bool) -> fmt::Result {
    for (position, &(pattern, share)) in items.iter().enumerate() {
        if position > 0 {
            let last = position + 1 == items.len();
            out.write_str(if sentence && last { " and " } else { ", " })?;
        }
        write!(out, "{} {}", pattern.phrase(), Percent(share))?;
    }
    Ok(())
}

fn write_lowercase_first(out: &mut String, text: &str) -> fmt::Result {
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_lowercase());
    }
    out.write_str(chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::dimension::Dimension;

    fn shares(pairs: &[(Pattern, f64)]) -> PatternShares {
        let mut by_pattern = [0.0; 7];
        for &(pattern, share) in pairs {
            by_pattern[usize::from(pattern.level())] = share;
        }
        PatternShares::from_array(by_pattern)
    }

    #[test]
    fn sixty_percent_handed_over_is_replace_even_when_float_sums_fall_short() {
        let exactly = shares(&[
            (Pattern::Automate, 0.4),
            (Pattern::HumanApproves, 0.2),
            (Pattern::HumanLed, 0.4),
        ]);
        assert_eq!(decide_verdict(&exactly), Verdict::Replace);
        let a_hair_under = shares(&[
            (Pattern::Automate, 0.6 - 1e-12),
            (Pattern::HumanLed, 0.4 + 1e-12),
        ]);
        assert_eq!(decide_verdict(&a_hair_under), Verdict::Replace);
        let below = shares(&[(Pattern::Automate, 0.594), (Pattern::Copilot, 0.406)]);
        assert_eq!(decide_verdict(&below), Verdict::Complement);
    }

    #[test]
    fn half_the_time_human_led_is_human_led_unless_it_is_replace() {
        let half = shares(&[(Pattern::HumanLed, 0.5), (Pattern::Triage, 0.5)]);
        assert_eq!(decide_verdict(&half), Verdict::HumanLed);
        let less = shares(&[(Pattern::HumanLed, 0.49), (Pattern::Triage, 0.51)]);
        assert_eq!(decide_verdict(&less), Verdict::Complement);
    }

    #[test]
    fn the_rationale_names_the_figures_the_verdict_rests_on() {
        let figures = shares(&[
            (Pattern::Automate, 0.40),
            (Pattern::HumanApproves, 0.22),
            (Pattern::QualityControl, 0.28),
            (Pattern::HumanLed, 0.10),
        ]);
        let bottlenecks = [
            BottleneckShare {
                dimension: Dimension::Verifiability,
                share: 0.38,
            },
            BottleneckShare {
                dimension: Dimension::Frequency,
                share: 0.1,
            },
        ];
        let verdict = decide_verdict(&figures);
        assert_eq!(verdict, Verdict::Replace);
        assert_eq!(
            verdict_rationale(verdict, &figures, &bottlenecks),
            "62% of working time can be handed to a machine (automate 40%, human approves 22%). \
             That is at least the 60% needed, so the verdict is replace: machines can do most of the work, \
             with people handling exceptions and signing off. Work shared between people and machines: \
             quality control 28%. Tasks are held back most by verifiability (38% of working time) and frequency (10%)."
        );
    }

    #[test]
    fn verdicts_rank_from_human_led_to_replace() {
        assert!(Verdict::HumanLed < Verdict::Complement && Verdict::Complement < Verdict::Replace);
        for verdict in Verdict::ALL {
            assert_eq!(
                serde_json::to_string(&verdict).unwrap(),
                format!("\"{}\"", verdict.name())
            );
        }
    }
}
