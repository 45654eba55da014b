//! `mapping_markdown`: the O*NET mapping as a Markdown section, generated from the constants and
//! word lists the importer actually uses, so the documentation cannot drift from the code; and
//! `methodology_document`, the model's methodology followed by that section, which is
//! docs/METHODOLOGY.md verbatim (the test at the bottom enforces it) and the /methodology page.

use std::fmt::Write;

use super::cues::{TaskKind, KIND_VERBS};
use super::files::{
    OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TASK_RATINGS_FILE, TASK_STATEMENTS_FILE, WORK_CONTEXT_FILE,
};
use super::mapping::{
    mapping_for, Direction, FREQUENCY_CATEGORY_LABELS, FREQUENCY_CATEGORY_LEVELS,
    FREQUENCY_CATEGORY_MIDPOINT, IMPORTANCE_STAKES_SLOPE, RELEVANCE_MIDPOINT, SCALE_MIDPOINT,
    SUPPRESSED_FIGURE_WEIGHT, TASK_FREQUENCY_WEIGHT,
};
use super::shares::MIN_RELEVANCE_PERCENT;
use crate::assess::{methodology_markdown, Dimension, MAX_TASKS, MAX_TITLE_CHARS};
use crate::browse::MAJOR_GROUPS;

/// The whole methodology: the model (`assess::methodology_markdown`), a blank line, and the O*NET
/// mapping (`mapping_markdown`). docs/METHODOLOGY.md is exactly this; `atlas methodology` prints it.
pub fn methodology_document() -> String {
    format!("{}\n{}", methodology_markdown(), mapping_markdown())
}

/// The mapping from O*NET's ratings to the four dimensions, as Markdown (starts with a `##` heading).
pub fn mapping_markdown() -> String {
    let mut text = String::with_capacity(12_000);
    // Writing to a String cannot fail.
    let _ = write_mapping(&mut text);
    text
}

/// The O*NET mapping section by section, each a function a reader can hold in mind.
fn write_mapping(text: &mut String) -> std::fmt::Result {
    write_introduction(text)?;
    write_files(text)?;
    write_baselines(text)?;
    write_task_figures(text)?;
    write_rating_cue(text)?;
    write_kind_rule(text)?;
    write_precision(text)?;
    write_storing(text)?;
    Ok(())
}

fn write_introduction(text: &mut String) -> std::fmt::Result {
    writeln!(text, "## Importing O*NET\n")?;
    writeln!(
        text,
        "An O*NET release (a directory or the zip O*NET distributes, with or without a top folder) \
         gives each task of an occupation its four ratings and a share of working time. O*NET rates \
         most things per occupation (Work Context), so an occupation's Work Context sets a baseline \
         for each dimension, and each task's own data moves it: how often the task is done (FT), how \
         important it is (IM), how many incumbents do it (RT), and what kind of work its statement \
         describes. Every rating is the resulting score rounded half away from zero and kept within \
         1–5. Each imported task carries a sentence naming the figures behind its ratings.\n"
    )?;
    Ok(())
}

fn write_files(text: &mut String) -> std::fmt::Result {
    writeln!(text, "### Files and columns\n")?;
    writeln!(
        text,
        "Columns are found by their header, so optional and unknown columns are ignored.\n"
    )?;
    writeln!(text, "| File | Required columns |")?;
    writeln!(text, "|---|---|")?;
    for (file, columns) in REQUIRED_COLUMNS {
        writeln!(text, "| {file} | {} |", columns.join(", "))?;
    }
    writeln!(
        text,
        "\nRead when present: {}. From {TASK_RATINGS_FILE} the scales IM (importance 1–5), RT \
         (relevance, percent of incumbents) and FT (percent of incumbents per frequency category \
         1–7) are used; from {WORK_CONTEXT_FILE} the CX means (or, where a release lacks them, the \
         mean computed from the CXP category percentages) of the elements below. A cell that is not \
         a number where one is needed, a number outside its scale, or a row with too few cells stops \
         the import with the file, line and column.\n",
        OPTIONAL_COLUMNS.join(", ")
    )?;
    Ok(())
}

fn write_baselines(text: &mut String) -> std::fmt::Result {
    writeln!(text, "### Occupation baselines (Work Context)\n")?;
    writeln!(
        text,
        "Each baseline is the weighted mean of the elements listed, each on its 1–5 scale; an element \
         that lowers the rating enters as 6 − mean. Elements a release does not publish for an \
         occupation drop out of the mean; with none, the baseline is {SCALE_MIDPOINT}.\n"
    )?;
    writeln!(
        text,
        "| Dimension | Element ID | Element | Weight | Higher mean |"
    )?;
    writeln!(text, "|---|---|---|---|---|")?;
    for dimension in Dimension::ALL {
        for driver in mapping_for(dimension).drivers {
            let direction = match driver.direction {
                Direction::Raises => "raises the rating",
                Direction::Lowers => "lowers the rating",
            };
            writeln!(
                text,
                "| {} | {} | {} | {} | {direction} |",
                dimension.label(),
                driver.element.id(),
                driver.element.name(),
                driver.weight
            )?;
        }
    }
    writeln!(text)?;
    for dimension in Dimension::ALL {
        writeln!(
            text,
            "- **{}**: {}",
            dimension.label(),
            mapping_for(dimension).why
        )?;
    }
    writeln!(
        text,
        "\nNot used: Time Pressure (4.C.3.d.1) and Pace Determined by Speed of Equipment (4.C.3.d.3), \
         which describe the pace of work rather than its structure, stakes, checkability or repetition.\n"
    )?;
    Ok(())
}

fn write_task_figures(text: &mut String) -> std::fmt::Result {
    writeln!(text, "### Task-level figures\n")?;
    writeln!(
        text,
        "- **Frequency** = {TASK_FREQUENCY_WEIGHT} × the task's FT level + {} × the baseline. The FT \
         level is the percentage-weighted mean of these positions on the frequency anchors:\n",
        1.0 - TASK_FREQUENCY_WEIGHT
    )?;
    writeln!(text, "  | FT category | Meaning | Level |")?;
    writeln!(text, "  |---|---|---|")?;
    for (index, (label, level)) in FREQUENCY_CATEGORY_LABELS
        .iter()
        .zip(FREQUENCY_CATEGORY_LEVELS)
        .enumerate()
    {
        writeln!(text, "  | {} | {label} | {level} |", index + 1)?;
    }
    writeln!(
        text,
        "\n- **Error tolerance** moves by −{IMPORTANCE_STAKES_SLOPE} per point of the task's \
         importance (IM) above {SCALE_MIDPOINT}, and up by as much below it: a mistake in a task the \
         job turns on costs more.\n- **Standardization, error tolerance and verifiability** move by \
         the kind of work the task statement describes (next section).\n- **Time share** is \
         proportional to mean FT category × IM × RT / 100 (RT counted as at least \
         {MIN_RELEVANCE_PERCENT}%), then split into whole tenths of a percent adding up to 100 \
         (largest remainder, at least 0.1% per task). The FT category number grows roughly with \
         the logarithm of how often a task comes round, which suits time spent, as frequent tasks \
         tend to be short.\n"
    )?;
    Ok(())
}

fn write_rating_cue(text: &mut String) -> std::fmt::Result {
    writeln!(text, "### Rating cue, from the task statement\n")?;
    writeln!(
        text,
        "The first word of the statement decides when it is one of the verbs below. Otherwise the \
         kind whose object words (listed under the table) the statement names most often decides, \
         and a tie or no mention leaves the task unclassified.\n"
    )?;
    writeln!(
        text,
        "| Kind | Standardization | Error tolerance | Verifiability | Frequency | Lead verbs |"
    )?;
    writeln!(text, "|---|---|---|---|---|---|")?;
    for kind in TaskKind::ALL {
        write!(text, "| {} |", kind.label())?;
        for dimension in Dimension::ALL {
            write!(text, " {} |", signed(kind.shift(dimension)))?;
        }
        let verbs = if kind.verbs().is_empty() {
            "—".to_owned()
        } else {
            kind.verbs().join(", ")
        };
        writeln!(text, " {verbs} |")?;
    }
    writeln!(text)?;
    for kind in TaskKind::ALL {
        if !kind.objects().is_empty() {
            writeln!(
                text,
                "Objects that mark {}: {}.\n",
                kind.label(),
                kind.objects().join(", ")
            )?;
        }
    }
    Ok(())
}

fn write_kind_rule(text: &mut String) -> std::fmt::Result {
    writeln!(text, "### The model's kind of work\n")?;
    writeln!(
        text,
        "Model 2.0 also needs each task's kind of work. The first word of the statement decides \
         when it is one of the verbs below; otherwise the rating cue above does: physical work is \
         `physical`, work with people `working_with_people`, data work `moving_information`, and \
         judgment work or an unclassified statement `making`. The explanation of every imported \
         task names the word that decided its kind.\n"
    )?;
    writeln!(text, "| Kind | Lead verbs |")?;
    writeln!(text, "|---|---|")?;
    for (kind, verbs) in KIND_VERBS {
        writeln!(text, "| `{}` | {} |", kind.name(), verbs.join(", "))?;
    }
    writeln!(text)?;
    writeln!(
        text,
        "Limits: a statement's first verb is a weak signal. \"Review\" makes a task checking even when \
         it is reviewing a case (judging cases); \"Prepare\" says nothing, so the objects decide; no \
         statement is read as `judging_cases` by its objects, and nothing is read as `routing` or \
         `watching` unless its first word says so. The kinds of imported tasks are therefore rougher \
         than the curated catalog's, where every kind was chosen by a person; a user can correct them \
         in a custom profile started from the imported occupation.\n"
    )?;
    Ok(())
}

fn write_precision(text: &mut String) -> std::fmt::Result {
    writeln!(text, "### Precision, gaps and what is left out\n")?;
    writeln!(
        text,
        "- **Recommend Suppress = Y** (a small sample or a large standard error): the figure is kept \
         at weight {SUPPRESSED_FIGURE_WEIGHT} and pulled the rest of the way to the middle of its \
         scale ({SCALE_MIDPOINT} for CX and IM, {RELEVANCE_MIDPOINT}% for RT, category \
         {FREQUENCY_CATEGORY_MIDPOINT} for FT, {SCALE_MIDPOINT} for the FT level), rather than \
         skipped: skipping would replace it with a guess that knows even less. The explanation marks \
         such figures as damped.\n\
         - **Not Relevant = Y** on a Work Context element: the element counts as not published for \
         that occupation.\n\
         - **A task without some of IM, RT or FT** uses the mean of that figure over the \
         occupation's other rated tasks (the scale's middle if none has it).\n\
         - **A task without any row in {TASK_RATINGS_FILE}** is left out and listed as dropped; \
         shares are split among the rated tasks.\n\
         - **An occupation** is skipped, and listed with the reason, when it has no tasks in \
         {TASK_STATEMENTS_FILE}, no rated task, or none of the elements above in \
         {WORK_CONTEXT_FILE}.\n\
         - **More than {MAX_TASKS} rated tasks** (the model's limit): the {MAX_TASKS} with the largest \
         shares are kept.\n\
         - Statements longer than {MAX_TITLE_CHARS} characters are kept whole; the model's input \
         shortens them at a word boundary.\n"
    )?;
    Ok(())
}

fn write_storing(text: &mut String) -> std::fmt::Result {
    writeln!(text, "### Storing an import\n")?;
    writeln!(
        text,
        "`atlas import onet` assesses every mapped occupation with the model above and stores it \
         with source \"onet\" and the release number, in one transaction that replaces any earlier \
         import. The occupation's note is O*NET's description; each task's title is its statement \
         (shortened as above), its rationale is the sentence naming the figures behind it, and the \
         full statements are searchable. Occupations outside the {} SOC major groups the app lists \
         are skipped. Where the curated catalog has the same code, the curated entry is the one \
         shown, unless imported data is asked for (`source=onet`). Importing the same content again \
         changes nothing; a release older than the imported one is refused unless forced.",
        MAJOR_GROUPS.len()
    )?;
    Ok(())
}

/// "+1", "-0.5", and "0" rather than "+0".
fn signed(value: f64) -> String {
    if value == 0.0 {
        "0".to_owned()
    } else {
        format!("{value:+}")
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn methodology_document_matches_the_model_and_the_mapping() {
        let expected = methodology_document();
        let committed = include_str!("../../docs/METHODOLOGY.md");
        if committed == expected {
            return;
        }
        if std::env::var_os("UPDATE_METHODOLOGY").is_some() {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/METHODOLOGY.md");
            std::fs::write(path, &expected).expect("write docs/METHODOLOGY.md");
            return;
        }
        panic!(
            "docs/METHODOLOGY.md is out of date with the model or the O*NET mapping. Regenerate it \
             with\n    UPDATE_METHODOLOGY=1 cargo test --release --features ssr --lib \
             methodology_document_matches\nor\n    atlas methodology > docs/METHODOLOGY.md\n\
             and review the diff."
        );
    }

    #[test]
    fn the_methodology_document_ends_with_the_mapping_and_its_element_ids() {
        let document = methodology_document();
        assert!(document.starts_with(&methodology_markdown()));
        assert!(document.ends_with(&mapping_markdown()));
        for element_id in ["4.C.3.a.1", "4.C.3.b.4", "4.C.3.b.7", "4.C.3.d.1"] {
            assert!(document.contains(element_id), "{element_id} is documented");
        }
        assert!(document.contains("Recommend Suppress = Y"));
    }
}
