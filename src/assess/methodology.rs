//! The methodology document, rendered from the model's own constants, anchors and rule table.
//!
//! `docs/METHODOLOGY.md` is `methodology_markdown()` followed by the O*NET mapping: the server
//! side's `onet::methodology_document()` joins the two, checks the whole file and regenerates it
//! (`UPDATE_METHODOLOGY=1` or `atlas methodology`); the test at the bottom checks that the file
//! starts with this module's part. The /methodology page renders the same whole document.

use std::collections::BTreeMap;
use std::fmt::{self, Write};

use serde::Serialize;

use super::anchors::anchor;
use super::clause::Clause;
use super::dimension::{Dimension, Rating, Ratings};
use super::input::{TaskInput, MAX_TASKS, MAX_TIME_SHARE, MIN_TASKS};
use super::kind::Kind;
use super::occupation::{assess_occupation, TOP_BOTTLENECKS};
use super::pattern::{patterns_allowed, Pattern};
use super::rules::{Outcome, MIN_ERROR_TOLERANCE_TO_ACT, PATTERN_RULES};
use super::score::{
    format_percent, min_product_for_feasibility, TaskScores, Tenths, AUTOMATABILITY_BANDS,
};
use super::task::BOTTLENECK_MAX_RATING;
use super::verdict::{Verdict, HUMAN_LED_MIN_PERCENT, REPLACE_MIN_PERCENT};
use super::version::MODEL_VERSION;
use super::whatif::{what_if, WHAT_IF_STEP_SIZES};

/// A published source the model draws on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub name: &'static str,
    pub citation: &'static str,
    pub finding: &'static str,
    pub url: &'static str,
}

pub const SOURCES: [Source; 7] = [
    Source {
        name: "Suitability for machine learning",
        citation: "Brynjolfsson E, Mitchell T. What can machine learning do? Workforce implications. Science 2017;358(6370):1530–1534.",
        finding: "Lists what makes a task suitable for machine learning, among them well-defined inputs and outputs, many examples to learn from, clear goals and feedback, and tolerance for error. The four dimensions here condense such criteria into scales a non-specialist can rate: standardization, frequency, verifiability and error tolerance.",
        url: "https://doi.org/10.1126/science.aap8062",
    },
    Source {
        name: "MASAI, final results",
        citation: "Interval cancer, sensitivity, and specificity comparing AI-supported mammography screening with standard double reading without AI in the MASAI study: a randomised, controlled, non-inferiority, single-blinded, population-based, screening-accuracy trial. The Lancet, published online 31 January 2026.",
        finding: "About 105,000 women in Sweden randomised to AI-supported screening (AI triage to single or double reading, with detection marks) or standard double reading: interval cancers 1.55 against 1.76 per 1,000 (non-inferior), sensitivity 80.5% against 73.8% at the same specificity, and 44% less screen-reading work. The machine ordered the queue and supported the readers; people still read every examination.",
        url: "https://doi.org/10.1016/S0140-6736(25)02464-X",
    },
    Source {
        name: "PRAIM",
        citation: "Eisemann N, et al. Nationwide real-world implementation of AI for cancer detection in population-based mammography screening. Nature Medicine 2025;31:917–924.",
        finding: "463,094 women screened in Germany: AI-supported double reading raised the cancer detection rate by 17.6% without raising the recall rate.",
        url: "https://doi.org/10.1038/s41591-024-03408-6",
    },
    Source {
        name: "ScreenTrustCAD",
        citation: "Dembrower K, et al. Artificial intelligence for breast cancer detection in screening mammography in Sweden: a prospective, population-based, paired-reader, non-inferiority study. Lancet Digital Health 2023;5(10):e703–e711.",
        finding: "One radiologist together with AI was non-inferior to two radiologists in cancer detection: the machine as an independent second reader.",
        url: "https://doi.org/10.1016/S2589-7500(23)00153-X",
    },
    Source {
        name: "AI as second reader in the NHS breast screening programme",
        citation: "Warren LM, et al. AI as the second reader in breast screening with arbitration, England. Nature Cancer 2026.",
        finding: "About 50,000 women: with AI replacing the second human reader and disagreements arbitrated by a person, cancer detection was non-inferior to two human readers, with human reads halved and about 40% less reading time; arbitration overruled some recalls the AI had rightly made, including cancers that later surfaced, a reminder that the person who settles disagreements decides what a second reader is worth.",
        url: "https://doi.org/10.1038/s43018-026-01128-z",
    },
    Source {
        name: "Deskilling after routine AI use in colonoscopy",
        citation: "Budzyń K, et al. Endoscopist deskilling risk after exposure to artificial intelligence in colonoscopy: a multicentre, observational study. Lancet Gastroenterology & Hepatology 2025;10(10):896–903.",
        finding: "After AI detection support became routine in four Polish centres, endoscopists' adenoma detection rate in colonoscopies done without AI fell from 28.4% to 22.4%: a machine that reads alongside people can wear down the skill it backs up, which a deployment has to measure.",
        url: "https://doi.org/10.1016/S2468-1253(25)00133-5",
    },
    Source {
        name: "Kinds of work and patterns of use",
        citation: "Brynjolfsson E, Li D, Raymond L. Generative AI at work. Quarterly Journal of Economics 2025;140(2):889–942.",
        finding: "In customer support, an assistant that suggested replies raised resolutions per hour by 14% on average and by 34% for novices: the machine drafting while the person answers (copilot) on a service exchange, not the machine answering alone.",
        url: "https://doi.org/10.1093/qje/qjae044",
    },
];

pub const LIMITATIONS: [&str; 6] = [
    "Ratings are judgments. Two careful raters can differ by a point, and one point can change a pattern; the what-if shows how close each task is to such a boundary.",
    "The model is deliberately simple: a kind of work, four ratings, a geometric mean and a thirteen-rule table, so that every result can be traced by hand. It leaves out cost, regulation, liability, the quality of the available data, and whether anyone has built the machine yet.",
    "The thresholds are choices, not estimates. They were set so that reference cases come out the way practitioners describe them; they were not fitted to data, and other reasonable choices exist.",
    "It describes what a machine could take on, not what will happen. Adoption depends on cost, law, organisation and trust, and new tasks appear as old ones are automated.",
    "Time shares are rough and the tasks of an occupation differ between workplaces; a personal profile is more accurate than the catalog's typical one.",
    "A pattern is a starting point for redesigning work, not a prescription. The trials below show that how people and machines are combined matters as much as how capable the machine is.",
];

/// The radiology reference case, shown as the worked example.
const RADIOLOGY: [(&str, f64, Kind, [u8; 4]); 6] = [
    (
        "Read screening images",
        30.0,
        Kind::JudgingCases,
        [5, 1, 4, 5],
    ),
    (
        "Order the reading worklist",
        10.0,
        Kind::Routing,
        [5, 3, 4, 5],
    ),
    ("Check finished reports", 10.0, Kind::Checking, [4, 2, 4, 4]),
    ("Draft the reports", 15.0, Kind::Making, [4, 2, 3, 5]),
    (
        "Consult with referring clinicians",
        20.0,
        Kind::WorkingWithPeople,
        [2, 2, 2, 3],
    ),
    (
        "Perform image-guided procedures",
        15.0,
        Kind::Physical,
        [2, 1, 3, 2],
    ),
];

/// The whole methodology as Markdown.
pub fn methodology_markdown() -> String {
    let mut out = String::with_capacity(24_000);
    // Writing to a String cannot fail; the Result is only part of the `Write` signature.
    let _ = write_methodology(&mut out);
    out
}

fn write_methodology(out: &mut String) -> fmt::Result {
    writeln!(out, "# Methodology\n")?;
    writeln!(out, "<!-- Generated by atlas::onet::methodology_document() (the model's assess::methodology_markdown(), then the O*NET mapping); do not edit by hand. After changing either, run: atlas methodology > docs/METHODOLOGY.md -->\n")?;
    writeln!(out, "Model version {MODEL_VERSION}.\n")?;
    writeln!(out, "Each task of an occupation is a kind of work rated on four dimensions. A fixed table of rules turns the kind and the ratings into one of seven ways of sharing the work between people and machines, and the ratings and the pattern give four scores. An occupation's figures are the task results weighted by the share of working time each task takes. Everything on this page is generated from the code that computes the results, so the two cannot disagree.\n")?;
    write_dimensions(out)?;
    write_kinds(out)?;
    write_patterns(out)?;
    write_rules(out)?;
    write_scores(out)?;
    write_task_extras(out)?;
    write_occupations(out)?;
    write_verdict(out)?;
    write_changes_since_1x(out)?;
    writeln!(out, "## Limitations\n")?;
    for limitation in LIMITATIONS {
        writeln!(out, "- {limitation}")?;
    }
    writeln!(out, "\n## Sources\n")?;
    for source in SOURCES {
        writeln!(
            out,
            "- **{}.** {} {} <{}>",
            source.name, source.citation, source.finding, source.url
        )?;
    }
    Ok(())
}

fn write_dimensions(out: &mut String) -> fmt::Result {
    writeln!(out, "## The four dimensions\n")?;
    writeln!(out, "Every rating runs from 1 to 5, and 5 is always the end most favourable to automation. Raters pick the level whose description fits best; the anchors below are the definition of each scale.\n")?;
    for dimension in Dimension::ALL {
        writeln!(
            out,
            "### {} (`{}`, {})\n",
            dimension.label(),
            dimension.name(),
            dimension.symbol()
        )?;
        writeln!(out, "{}\n", dimension.question())?;
        writeln!(out, "| Rating | Level | What it looks like | Example |")?;
        writeln!(out, "|---|---|---|---|")?;
        for level in Rating::ALL {
            let text = anchor(dimension, level);
            writeln!(
                out,
                "| {level} | {} | {} | {} |",
                text.label, text.description, text.example
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_kinds(out: &mut String) -> fmt::Result {
    writeln!(out, "## The kind of work\n")?;
    writeln!(out, "The ratings say how far a machine could take a task on; the kind of work says what taking it on would mean. A machine can read alongside a person only where there are cases to read, order a queue only where there is a queue, and act in the world only as a robot. So each task also has one of these kinds, chosen from what the task is, and a pattern can come only from the kinds its meaning fits. Where a task mixes kinds, the kind that takes most of its time decides.\n")?;
    writeln!(out, "| Kind | Name | What it is | Examples | Why it is a kind of its own | Patterns it can get |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for kind in Kind::ALL {
        let anchor = kind.anchor();
        let patterns: Vec<&str> = patterns_allowed(kind).iter().map(|p| p.name()).collect();
        writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            kind.label(),
            kind.name(),
            anchor.definition,
            anchor.examples,
            anchor.reason,
            patterns.join(", ")
        )?;
    }
    writeln!(out)
}

fn write_scores(out: &mut String) -> fmt::Result {
    writeln!(out, "## Task scores\n")?;
    writeln!(
        out,
        "With s, e, v and f the four ratings and t = (e − 1) / 4:\n"
    )?;
    writeln!(out, "| Score | Formula | Meaning |")?;
    writeln!(out, "|---|---|---|")?;
    writeln!(out, "| Feasibility F | 100 × (∛(s·v·f) − 1) / 4 | How well a machine could learn the task. A geometric mean, so one weak dimension holds it down. |")?;
    writeln!(out, "| Autonomy risk R | 100 × (5 − e) / 4 | How much harm an unsupervised machine error could do. |")?;
    writeln!(out, "| Automatability A | lowest + (highest − lowest) × (F / 100 + t) / 2, in the pattern's band | How much of the task the recommended pattern gives a machine. Each pattern has a band; a task sits inside its band by feasibility and error tolerance. |")?;
    writeln!(out, "| Complementarity C | F × R / 100 = F × (1 − t) | How much a capable machine can help where a person must stay responsible. |")?;
    writeln!(out, "\nThe bands of automatability:\n")?;
    writeln!(out, "| Pattern | Band |")?;
    writeln!(out, "|---|---|")?;
    for pattern in Pattern::ALL {
        let (lowest, highest) = AUTOMATABILITY_BANDS[usize::from(pattern.level())];
        writeln!(
            out,
            "| {} | {}–{} |",
            pattern.label(),
            Tenths::of(lowest).trimmed(),
            Tenths::of(highest).trimmed()
        )?;
    }
    writeln!(out, "\nWhy bands: under model 1.x automatability was feasibility discounted by risk, which measured how routine a task is rather than what a machine can do with it, so hand freight movers ranked above accountants and many human-led occupations above complement ones. Now the pattern sets the band. The shared patterns, where people still do the work, lie between 10 and 55; the handed-over patterns from 88 up; human-led work at 0–5. A replace occupation has at least {REPLACE_MIN_PERCENT}% of its time handed over, so its index is at least 0.5995 × 88 ≈ 52.8; a human-led one has at least {HUMAN_LED_MIN_PERCENT}% human-led, so its index is at most 0.4995 × 5 + 0.5005 × 100 ≈ 52.6. Sorting by the index therefore never puts a human-led occupation above a replace one. Complement occupations lie in between and overlap both ends: a complement occupation whose shared tasks are hard sits near human-led ones, and one close to replace sits near replace ones. Within a kind, raising a rating never lowers a task's band or its place in it, so the index is monotone in every rating.\n")?;
    writeln!(
        out,
        "All four scores run from 0 to 100 and are reported to one decimal. Examples:\n"
    )?;
    writeln!(out, "| Kind | s | e | v | f | F | R | A | C |")?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|")?;
    for (kind, values) in [
        (Kind::Making, [1, 3, 1, 1]),
        (Kind::Making, [5, 3, 5, 1]),
        (Kind::JudgingCases, [5, 1, 4, 5]),
        (Kind::Routing, [5, 3, 4, 5]),
        (Kind::Physical, [5, 3, 4, 5]),
        (Kind::MovingInformation, [5, 5, 5, 5]),
    ] {
        let Ok(ratings) = Ratings::from_values(values) else {
            continue;
        };
        let scores = TaskScores::of(kind, &ratings);
        let [s, e, v, f] = values;
        writeln!(
            out,
            "| {} | {s} | {e} | {v} | {f} | {} | {} | {} | {} |",
            kind.name(),
            Tenths::of(scores.feasibility),
            Tenths::of(scores.autonomy_risk),
            Tenths::of(scores.automatability),
            Tenths::of(scores.complementarity)
        )?;
    }
    writeln!(out, "\nThe rules below never compare a rounded or floating-point feasibility. Because F depends on the ratings only through the whole number s·v·f, each threshold on F is the same as a threshold on that product, and the product is what the code compares (a rule testing F < T uses s·v·f below the same number). The cube roots come from a table, so every platform computes bit-identical scores.\n")?;
    writeln!(
        out,
        "| Threshold on F | Same test on s·v·f | Used in rules |"
    )?;
    writeln!(out, "|---|---|---|")?;
    for (points, rules) in feasibility_thresholds() {
        let numbers: Vec<String> = rules.iter().map(u8::to_string).collect();
        writeln!(
            out,
            "| F ≥ {points} | s·v·f ≥ {} | {} |",
            min_product_for_feasibility(points),
            numbers.join(", ")
        )?;
    }
    writeln!(out)
}

/// Every feasibility threshold in the rule table, with the numbers of the rules that use it.
fn feasibility_thresholds() -> BTreeMap<u32, Vec<u8>> {
    let mut thresholds: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
    for row in PATTERN_RULES {
        let nested: &[Clause] = match row.outcome {
            Outcome::Choose { when, .. } => when,
            Outcome::Always { .. } => &[],
        };
        for clause in row.when.iter().chain(nested) {
            if let Clause::FeasibilityBelow { points } | Clause::FeasibilityAtLeast { points } =
                *clause
            {
                let rules = thresholds.entry(points).or_default();
                if !rules.contains(&row.rule.number()) {
                    rules.push(row.rule.number());
                }
            }
        }
    }
    thresholds
}

fn write_patterns(out: &mut String) -> fmt::Result {
    writeln!(out, "## Patterns\n")?;
    writeln!(
        out,
        "Seven ways of sharing a task, in order of how much authority the machine has:\n"
    )?;
    writeln!(out, "| Level | Pattern | Name | Who does what |")?;
    writeln!(out, "|---|---|---|---|")?;
    for pattern in Pattern::ALL {
        writeln!(
            out,
            "| {} | {} | `{}` | {} |",
            pattern.level(),
            pattern.label(),
            pattern.name(),
            pattern.meaning()
        )?;
    }
    writeln!(out)
}

fn write_rules(out: &mut String) -> fmt::Result {
    writeln!(out, "## The pattern rule\n")?;
    writeln!(
        out,
        "The rules are tried from the top; the first whose condition holds decides the pattern.\n"
    )?;
    writeln!(out, "| # | Kinds | Condition | Pattern | Why |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for row in PATTERN_RULES {
        let condition = if row.when.is_empty() {
            "always".to_owned()
        } else {
            row.condition_text()
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            row.rule.number(),
            row.kinds,
            condition,
            row.outcome,
            row.why
        )?;
    }
    writeln!(
        out,
        "\nConsequences, each checked by tests over every kind and all 625 combinations of ratings:\n"
    )?;
    writeln!(out, "- `second_reader` only for judging cases, `triage` only for routing and watching; physical work never gets copilot, human approves, second reader or triage, and working with people never gets more than copilot.")?;
    writeln!(out, "- `automate` needs e ≥ {MIN_ERROR_TOLERANCE_TO_ACT}: however feasible a task is, if its errors are costly a machine never does it alone. Physical work is automated only in a controlled setting (s ≥ 4): the digital criteria alone never hand it to a machine.")?;
    writeln!(
        out,
        "- Within a kind, raising any rating never lowers the pattern's level, and never lowers automatability."
    )?;
    writeln!(
        out,
        "- Every rule decides at least one combination of ratings.\n"
    )
}

fn write_task_extras(out: &mut String) -> fmt::Result {
    writeln!(out, "## Bottlenecks\n")?;
    writeln!(out, "A task's bottleneck is the dimension, or dimensions, with its lowest rating, provided that rating is {BOTTLENECK_MAX_RATING} or lower. A task rated higher than {BOTTLENECK_MAX_RATING} everywhere has no bottleneck.\n")?;
    writeln!(out, "## What-if\n")?;
    let sizes: Vec<String> = WHAT_IF_STEP_SIZES.iter().map(i8::to_string).collect();
    writeln!(out, "For each task the model looks for the smallest change to a single rating that would change its pattern. It tries changes of {} steps, smallest first; for each size, raises before lowers; and within those, the dimensions in the order {}. The first change that gives a different pattern is shown; a task rated so low that no single change can lift it out of human-led has none.", list_and(&sizes), dimension_order())?;
    let reading = RADIOLOGY[0];
    if let Some(change) = Ratings::from_values(reading.3)
        .ok()
        .and_then(|r| what_if(reading.2, &r))
    {
        writeln!(
            out,
            "For example, for \"{}\" ({}, s, e, v, f = {:?}): {change}. The kind is never changed: it is what the task is.",
            reading.0.to_lowercase(),
            reading.2.name(),
            reading.3
        )?;
    }
    writeln!(out)
}

fn write_occupations(out: &mut String) -> fmt::Result {
    writeln!(out, "## Occupations\n")?;
    writeln!(out, "An occupation, or a personal profile, is a list of {MIN_TASKS} to {MAX_TASKS} tasks, each with a share of working time in any positive unit up to {} (percent, hours a week, minutes a day). Shares are divided by their total, so they become fractions that sum to 1. Then:\n", with_thousands(MAX_TIME_SHARE as u64))?;
    writeln!(out, "- **Automatability index** = Σ share × A, and **complementarity index** = Σ share × C, each from 0 to 100 to one decimal.")?;
    writeln!(out, "- **Pattern shares**: the share of working time under each of the seven patterns; they sum to 1.")?;
    writeln!(out, "- **Top bottlenecks**: for each dimension, the share of working time in tasks it holds back; the largest {TOP_BOTTLENECKS} above zero, in the order {} when equal.", dimension_order())?;
    writeln!(out, "- **Dimension profile**: the time-weighted mean rating on each dimension, to two decimals.\n")?;
    writeln!(out, "Every figure is a time-weighted sum, so splitting a task into two identical halves changes nothing.\n")
}

fn write_verdict(out: &mut String) -> fmt::Result {
    writeln!(out, "## Verdict\n")?;
    writeln!(out, "| Verdict | When | Meaning |")?;
    writeln!(out, "|---|---|---|")?;
    for verdict in [Verdict::Replace, Verdict::HumanLed, Verdict::Complement] {
        writeln!(
            out,
            "| {} (`{}`) | {} | {} |",
            verdict.label(),
            verdict.name(),
            verdict.condition(),
            verdict.meaning()
        )?;
    }
    writeln!(out, "\nThe conditions are tried in that order. Shares are compared as percentages rounded to one decimal, half up: the figures shown are the figures compared. Raising ratings only moves working time to patterns with more machine authority, so it can move a verdict from human-led towards replace but never back.\n")?;
    writeln!(out, "### Margins\n")?;
    writeln!(out, "A verdict can sit a tenth of a point from the next one. Every occupation therefore states its margin each way: how many points of handed-over or human-led working time would have to change for the verdict to become the next one (\"5 points of handed-over time from replace\"), and which single changes would do it. For each task the model looks for the smallest change of one rating (sizes 1 to 4, towards the direction asked first, dimensions in order) that flips the verdict when that task alone changes pattern, and lists up to three, smallest change first and then the task with most time. It also gives the share of working time that the largest task counting towards the measure would need, the other tasks keeping their proportions. Every listed change is checked by recomputing the verdict.\n")?;
    writeln!(out, "### Worked example: a radiologist\n")?;
    writeln!(out, "Screening mammograms are standardized and read by the thousand, but a missed cancer is grave: the reading is judging cases, so the machine becomes an independent second reader. The worklist is a queue, so the machine triages it (in MASAI it sent low-risk examinations to one reader and high-risk ones to two). Finished reports are others' finished work, so the machine checks them afterwards (quality control). The reports themselves are made, so the machine drafts and the radiologist edits and signs (copilot). Consultations are work with people and procedures are physical: they stay with the radiologist.\n")?;
    let tasks: Vec<TaskInput> = RADIOLOGY
        .iter()
        .filter_map(|&(title, share, kind, values)| {
            Ratings::from_values(values).ok().map(|ratings| TaskInput {
                title: title.to_owned(),
                share,
                kind,
                ratings,
            })
        })
        .collect();
    let Ok(result) = assess_occupation(&tasks) else {
        return Ok(());
    };
    writeln!(
        out,
        "| Task | Kind | Share | s | e | v | f | F | A | Pattern |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|")?;
    for task in &result.tasks {
        let r = task.assessment.ratings;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            task.title,
            task.assessment.kind.name(),
            format_percent(task.share),
            r.standardization,
            r.error_tolerance,
            r.verifiability,
            r.frequency,
            Tenths::of(task.assessment.scores.feasibility),
            Tenths::of(task.assessment.scores.automatability),
            task.assessment.pattern.label()
        )?;
    }
    writeln!(
        out,
        "\nAutomatability index {}, complementarity index {}. Verdict: **{}**. {}\n",
        Tenths::of(result.automatability_index),
        Tenths::of(result.complementarity_index),
        result.verdict.label(),
        result.verdict_rationale
    )?;
    if let Some(margin) = result.margins.nearest() {
        write!(out, "Margin: {margin}")?;
        if let Some(flip) = margin.flips.first() {
            write!(out, ", for example {flip}")?;
        }
        writeln!(out, ".\n")?;
    }
    writeln!(out, "The thresholds {REPLACE_MIN_PERCENT}% and {HUMAN_LED_MIN_PERCENT}% are choices, like every threshold on this page.\n")
}

/// What model 2.0 changed, with the catalog's figures at its release (history, so fixed text;
/// the live counts of kind × pattern are in docs/CATALOG-PATTERNS.md, checked against the data).
fn write_changes_since_1x(out: &mut String) -> fmt::Result {
    writeln!(out, "## What changed since 1.x\n")?;
    writeln!(out, "Model 1.x decided the pattern from the four ratings alone, so a label could say something untrue about the work: feeding mail into sorting machines, checking badges and working out an amount payable all came out as triage (\"the machine orders a queue\"); taking vital signs and running analysers came out as second reader (\"the machine reads every case\"); writing code and translating came out as quality control (the reverse of what happens: the machine drafts, the person edits). Its automatability index measured routineness, so hand freight movers (50.4, 34th of 268) ranked above accountants (40.8), software developers (39.8) and translators (28.7). Model 2.0 adds the kind of work, decides patterns from kind and ratings, places automatability in bands that follow the pattern, states every verdict's margin, and came with a re-rating of the catalog (a kind on all 83 archetypes and 2,270 tasks; material handling, electrical work, high-stakes record entry, watching for rare events, final proof checks and others re-rated).\n")?;
    writeln!(
        out,
        "Tasks by pattern in the shipped catalog, 1.x → 2.0.0 at its release:\n"
    )?;
    writeln!(out, "| Pattern | 1.x | 2.0.0 |")?;
    writeln!(out, "|---|---|---|")?;
    for (pattern, before, after) in [
        (Pattern::HumanLed, 769, 851),
        (Pattern::Copilot, 364, 573),
        (Pattern::QualityControl, 534, 281),
        (Pattern::SecondReader, 30, 4),
        (Pattern::Triage, 150, 78),
        (Pattern::HumanApproves, 110, 202),
        (Pattern::Automate, 312, 281),
    ] {
        writeln!(out, "| {} | {before} | {after} |", pattern.label())?;
    }
    writeln!(out, "\nTriage now goes only to routing and watching (78 tasks, from 150 of which about two dozen ordered a queue); second reader only to cases whose miss is grave and may go unnoticed (4 tasks: screening mammograms, a pharmacist's check of new orders, pathology slides, child-protection hotline screening); making no longer gets quality control (115 tasks before, none now: the machine drafts and the person edits). Verdicts went from 14 replace, 160 complement and 94 human-led to 16, 147 and 105. The automatability index now ranks hand freight movers at 17.3 (188th), below accountants (46.6, 41st), software developers (27.4) and translators (19.9); every replace occupation scores above every human-led one.\n")?;
    writeln!(out, "Before the new rules were settled, a table of 101 real catalog tasks from all 22 major groups was written with the pattern a domain expert expects, from what each task is and without reading the rules (`tests/fixtures/golden_patterns.toml`). The model agrees with 71 of them; the other 30 are recorded in the table with the model's pattern and the reason, and a test keeps both honest. Most differences are tasks the expert would automate where the catalog rates a mistake as costly but put right within days (error tolerance 3), which the model keeps under a person's sign-off.\n")
}

/// `standardization, error tolerance, verifiability, frequency`
fn dimension_order() -> String {
    let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.phrase()).collect();
    names.join(", ")
}

/// `1, 2, 3 and 4`
fn list_and(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// `1000000` as `1,000,000`.
fn with_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/METHODOLOGY.md is this document followed by the O*NET mapping; the server side
    /// (`onet::markdown`) checks the whole file and regenerates it. This module cannot depend on
    /// the importer, so here only the model's part is checked.
    #[test]
    fn methodology_document_starts_with_the_model() {
        let committed = include_str!("../../docs/METHODOLOGY.md");
        if committed.starts_with(&methodology_markdown()) {
            return;
        }
        if std::env::var_os("UPDATE_METHODOLOGY").is_some() {
            // onet::markdown's test rewrites the file in the same run.
            return;
        }
        panic!(
            "docs/METHODOLOGY.md is out of date with the model. Regenerate it with\n    \
             UPDATE_METHODOLOGY=1 cargo test --release --features ssr --lib methodology_document_matches\n\
             and review the diff."
        );
    }

    #[test]
    fn the_methodology_shows_every_anchor_rule_pattern_and_source() {
        let text = methodology_markdown();
        for dimension in Dimension::ALL {
            for level in Rating::ALL {
                assert!(text.contains(anchor(dimension, level).description));
            }
        }
        for row in PATTERN_RULES {
            assert!(text.contains(row.why), "rule {}", row.rule.number());
        }
        for pattern in Pattern::ALL {
            assert!(text.contains(pattern.meaning()));
        }
        for source in SOURCES {
            assert!(text.contains(source.url));
        }
        for kind in Kind::ALL {
            assert!(text.contains(kind.anchor().definition), "{kind}");
        }
        assert!(text.contains("| F ≥ 25 | s·v·f ≥ 8 | 1 |"), "{text}");
        assert!(text.contains("| F ≥ 40 | s·v·f ≥ 18 | 2, 4, 5 |"), "{text}");
        assert!(text.contains("Margin: "), "{text}");
        assert!(text.contains("Verdict: **Complement**"));
        assert!(text.contains(MODEL_VERSION));
        assert!(text.contains("changes of 1, 2, 3 and 4 steps"));
        assert!(text.contains("up to 1,000,000"));
    }

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(with_thousands(0), "0");
        assert_eq!(with_thousands(999), "999");
        assert_eq!(with_thousands(1000), "1,000");
        assert_eq!(with_thousands(1_000_000), "1,000,000");
    }
}
