//! The schema check: the valid fixture passes, and each broken copy fails with the right
//! `file:line` and field.

use std::path::Path;

use atlas::catalog::{read_catalog, CatalogProblem};

use crate::{edit, line_of, repo_root, valid_copy, HEALTH, OFFICE};

/// The line of the `[[occupation]]` header that opens the occupation with `code`.
fn occupation_line(text: &str, code: &str) -> usize {
    let code_offset = text
        .find(&format!("code = \"{code}\""))
        .expect("code in text");
    let header_offset = text[..code_offset].rfind("[[occupation]]").expect("header");
    text[..header_offset].matches('\n').count() + 1
}

/// The `[[occupation.task]]` block (header to the next header or the end) of the task `title`.
fn task_block(text: &str, title: &str) -> String {
    let title_offset = text
        .find(&format!("title = \"{title}\""))
        .expect("title in text");
    let start = text[..title_offset]
        .rfind("[[occupation.task]]")
        .expect("task header");
    let end = text[title_offset..]
        .find("[[")
        .map_or(text.len(), |next| title_offset + next);
    text[start..end].to_string()
}

/// The problems `read_catalog` reports for `dir`, failing the test if it returns a catalog.
fn problems(dir: &Path) -> Vec<CatalogProblem> {
    match read_catalog(dir) {
        Ok(catalog) => panic!(
            "expected problems, got a catalog of {} occupations",
            catalog.occupations.len()
        ),
        Err(errors) => errors.0,
    }
}

/// Asserts that the check of `dir` fails with a problem at exactly `file:line` and `field`,
/// whose message contains `message`.
fn assert_problem(dir: &Path, file: &str, line: usize, field: &str, message: &str) {
    let found = problems(dir);
    let expected_file = dir.join(file);
    let listing: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        found.iter().any(|problem| problem.file == expected_file
            && problem.line == line
            && problem.field == field
            && problem.message.contains(message)),
        "expected {file}:{line}: {field}: …{message}…, got:\n{}",
        listing.join("\n")
    );
}

#[test]
fn the_valid_fixture_passes_the_check_with_every_occupation_in_file_order() {
    let catalog = read_catalog(&repo_root().join("tests/fixtures/catalog/valid"))
        .unwrap_or_else(|errors| panic!("{errors}"));
    let codes: Vec<&str> = catalog
        .occupations
        .iter()
        .map(|o| o.code.as_str())
        .collect();
    assert_eq!(codes, ["29-1051.00", "29-2034.00", "43-4171.00"]);
    assert_eq!(catalog.task_count(), 15);
    assert_eq!(catalog.archetypes.len(), 11);
    assert_eq!(catalog.occupations[0].evidence.len(), 1);
    assert_eq!(catalog.content_hash.len(), 64);
}

#[test]
fn a_malformed_code_is_reported_at_its_line() {
    let dir = valid_copy();
    let text = edit(dir.path(), HEALTH, "\"29-2034.00\"", "\"29-2034\"");
    let line = line_of(&text, "\"29-2034\"");
    assert_problem(
        dir.path(),
        HEALTH,
        line,
        "occupation[29-2034].code",
        "NN-NNNN.NN",
    );
}

#[test]
fn a_code_from_another_major_group_is_reported_at_its_line() {
    let dir = valid_copy();
    let text = edit(dir.path(), OFFICE, "\"43-4171.00\"", "\"41-2011.00\"");
    let line = line_of(&text, "\"41-2011.00\"");
    let field = "occupation[41-2011.00].code";
    assert_problem(dir.path(), OFFICE, line, field, "belongs to major group 41");
}

#[test]
fn a_code_defined_in_two_files_is_reported_where_it_repeats() {
    let dir = valid_copy();
    let health = std::fs::read_to_string(dir.path().join(HEALTH)).unwrap();
    let second = &health[health.rfind("[[occupation]]").unwrap()..];
    let header =
        "major_group = \"29\"\ntitle = \"Healthcare Practitioners and Technical Occupations\"\n\n";
    let more = format!("{header}{second}");
    std::fs::write(dir.path().join("catalog/29-more.toml"), &more).unwrap();
    let first_line = line_of(&health, "\"29-2034.00\"");
    let message = format!(
        "first defined at {}:{first_line}",
        dir.path().join(HEALTH).display()
    );
    let line = line_of(&more, "\"29-2034.00\"");
    let field = "occupation[29-2034.00].code";
    assert_problem(dir.path(), "catalog/29-more.toml", line, field, &message);
}

#[test]
fn ratings_of_zero_and_six_are_reported_at_their_line() {
    let find = "verifiability = 4, frequency = 5 }\nrationale = \"Clear technical";
    for value in [0, 6] {
        let dir = valid_copy();
        let replace = find.replace("verifiability = 4", &format!("verifiability = {value}"));
        let text = edit(dir.path(), HEALTH, find, &replace);
        let line = line_of(&text, &replace);
        let field = "occupation[29-2034.00].task[3].ratings.verifiability";
        assert_problem(dir.path(), HEALTH, line, field, &format!("got {value}"));
    }
}

#[test]
fn a_negative_share_is_reported_at_its_line() {
    let dir = valid_copy();
    let text = edit(
        dir.path(),
        OFFICE,
        "appointments\"\nshare = 20",
        "appointments\"\nshare = -20",
    );
    let line = line_of(&text, "share = -20");
    let field = "occupation[43-4171.00].task[3].share";
    assert_problem(dir.path(), OFFICE, line, field, "positive");
}

#[test]
fn shares_that_do_not_add_up_to_100_are_reported_at_the_occupation() {
    let dir = valid_copy();
    let text = edit(
        dir.path(),
        OFFICE,
        "appointments\"\nshare = 20",
        "appointments\"\nshare = 21",
    );
    let line = occupation_line(&text, "43-4171.00");
    let field = "occupation[43-4171.00].task.share";
    assert_problem(dir.path(), OFFICE, line, field, "add up to 101");
}

#[test]
fn shares_within_half_a_percent_of_100_are_accepted() {
    let dir = valid_copy();
    edit(
        dir.path(),
        OFFICE,
        "appointments\"\nshare = 20",
        "appointments\"\nshare = 20.4",
    );
    let catalog = read_catalog(dir.path()).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(catalog.occupations[2].tasks[2].share, 20.4);
}

#[test]
fn an_occupation_with_four_tasks_is_reported_at_the_occupation() {
    let dir = valid_copy();
    let office = std::fs::read_to_string(dir.path().join(OFFICE)).unwrap();
    let block = task_block(
        &office,
        "Sort incoming mail and parcels for each department",
    );
    let text = edit(dir.path(), OFFICE, &block, "");
    let line = occupation_line(&text, "43-4171.00");
    assert_problem(
        dir.path(),
        OFFICE,
        line,
        "occupation[43-4171.00].task",
        "has 4 tasks",
    );
}

#[test]
fn an_occupation_with_thirteen_tasks_is_reported_at_the_occupation() {
    let dir = valid_copy();
    let office = std::fs::read_to_string(dir.path().join(OFFICE)).unwrap();
    let block = task_block(
        &office,
        "Sort incoming mail and parcels for each department",
    );
    let extra: String = (1..=8)
        .map(|number| block.replace("for each department", &format!("for floor {number}")))
        .collect();
    let text = edit(dir.path(), OFFICE, &block, &format!("{block}{extra}"));
    let line = occupation_line(&text, "43-4171.00");
    assert_problem(
        dir.path(),
        OFFICE,
        line,
        "occupation[43-4171.00].task",
        "has 13 tasks",
    );
}

#[test]
fn an_empty_rationale_is_reported_at_its_line() {
    let dir = valid_copy();
    let find = "rationale = \"Short structured entries made many times a day.\"";
    let text = edit(dir.path(), OFFICE, find, "rationale = \"  \"");
    let line = line_of(&text, "rationale = \"  \"");
    let field = "occupation[43-4171.00].task[4].rationale";
    assert_problem(dir.path(), OFFICE, line, field, "must not be empty");
}

#[test]
fn an_empty_note_is_reported_at_its_line() {
    let dir = valid_copy();
    let find =
        "note = \"Fixture text: receptionists are the first contact for visitors and callers.\"";
    let text = edit(dir.path(), OFFICE, find, "note = \"\"");
    let line = line_of(&text, "note = \"\"");
    assert_problem(
        dir.path(),
        OFFICE,
        line,
        "occupation[43-4171.00].note",
        "must not be empty",
    );
}

#[test]
fn two_tasks_with_the_same_text_are_reported_at_the_second() {
    let dir = valid_copy();
    // Differs from task 1 only in case and punctuation, which the comparison ignores.
    let repeat = "greet visitors, and answer questions about the organisation!";
    let find = "Answer and route phone calls and take messages";
    let text = edit(dir.path(), OFFICE, find, repeat);
    let line = line_of(&text, repeat);
    let field = "occupation[43-4171.00].task[2].title";
    assert_problem(dir.path(), OFFICE, line, field, "same text as task 1");
}

#[test]
fn an_unknown_archetype_is_reported_at_its_line() {
    let dir = valid_copy();
    let text = edit(dir.path(), OFFICE, "\"mail_handling\"", "\"post_room\"");
    let line = line_of(&text, "\"post_room\"");
    let field = "occupation[43-4171.00].task[5].archetype";
    assert_problem(
        dir.path(),
        OFFICE,
        line,
        field,
        "unknown archetype \"post_room\"",
    );
}

#[test]
fn ratings_that_differ_from_the_archetype_without_a_deviation_are_reported() {
    let dir = valid_copy();
    let find = "frequency = 5 }\nrationale = \"A shared calendar";
    let replace = "frequency = 4 }\nrationale = \"A shared calendar";
    let text = edit(dir.path(), OFFICE, find, replace);
    let line = line_of(&text, replace);
    let field = "occupation[43-4171.00].task[3].deviation";
    assert_problem(
        dir.path(),
        OFFICE,
        line,
        field,
        "differ from archetype \"scheduling\"",
    );
}

#[test]
fn a_deviation_on_ratings_equal_to_the_archetype_is_reported_at_its_line() {
    let dir = valid_copy();
    let find = "error_tolerance = 4, verifiability = 3, frequency = 5 }\ndeviation";
    let replace = "error_tolerance = 3, verifiability = 3, frequency = 5 }\ndeviation";
    let text = edit(dir.path(), OFFICE, find, replace);
    let line = line_of(&text, "deviation = \"A misrouted call");
    let field = "occupation[43-4171.00].task[2].deviation";
    assert_problem(dir.path(), OFFICE, line, field, "remove the deviation");
}

#[test]
fn an_unknown_key_is_reported_at_its_line() {
    let dir = valid_copy();
    let find = "rationale = \"Labels name";
    let text = edit(
        dir.path(),
        OFFICE,
        find,
        &format!("colour = \"red\"\n{find}"),
    );
    let line = line_of(&text, "colour = \"red\"");
    assert_problem(dir.path(), OFFICE, line, "colour", "unknown field `colour`");
}

#[test]
fn a_toml_syntax_error_is_reported_at_its_line() {
    let edits = [
        (
            "title = \"Book, change and confirm appointments\"",
            "title = \"Book, change",
        ),
        (
            "appointments\"\nshare = 20",
            "appointments\"\nshare = 20 20",
        ),
    ];
    for (find, replace) in edits {
        let dir = valid_copy();
        let text = edit(dir.path(), OFFICE, find, replace);
        let line = line_of(&text, replace.lines().last().unwrap());
        assert_problem(dir.path(), OFFICE, line, "toml", "");
    }
}

/// Found by the `catalog_toml` fuzz target: for a carriage return that does not end a line, the
/// TOML parser gives an error with an empty message, and the problem said nothing.
#[test]
fn a_stray_carriage_return_is_reported_at_its_line_with_a_message() {
    let dir = valid_copy();
    let title = "title = \"Book, change and confirm appointments\"";
    let text = edit(dir.path(), OFFICE, title, &format!("\r{title}"));
    let line = line_of(&text, &format!("\r{title}"));
    let found = problems(dir.path());
    let listing: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        found
            .iter()
            .all(|problem| !problem.message.trim().is_empty()),
        "a problem without a message:\n{}",
        listing.join("\n")
    );
    assert_problem(dir.path(), OFFICE, line, "toml", "carriage return");
}

#[test]
fn a_broken_archetypes_file_is_one_problem_not_one_per_task() {
    let dir = valid_copy();
    let find = "id = \"mail_handling\"";
    let text = edit(
        dir.path(),
        "archetypes.toml",
        find,
        &format!("{find}\ncolour = 1"),
    );
    let line = line_of(&text, "colour = 1");
    assert_problem(
        dir.path(),
        "archetypes.toml",
        line,
        "colour",
        "unknown field",
    );
    assert_eq!(problems(dir.path()).len(), 1);
}

#[test]
fn a_duplicate_archetype_id_is_reported_at_its_line() {
    let dir = valid_copy();
    let text = edit(
        dir.path(),
        "archetypes.toml",
        "\"mail_handling\"",
        "\"scheduling\"",
    );
    let line = text[..text.rfind("id = \"scheduling\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let field = "archetype[scheduling].id";
    assert_problem(
        dir.path(),
        "archetypes.toml",
        line,
        field,
        "duplicate archetype id",
    );
}

#[test]
fn a_missing_archetypes_file_is_reported_for_the_whole_file() {
    let dir = valid_copy();
    std::fs::remove_file(dir.path().join("archetypes.toml")).unwrap();
    assert_problem(dir.path(), "archetypes.toml", 0, "file", "cannot read");
}

/// Gives the mail-sorting task of the office fixture `kind = "<kind>"` and asserts a problem on
/// that line for `field` of the task, containing `message`.
fn assert_kind_problem(kind: &str, field: &str, message: &str) {
    let dir = valid_copy();
    let find = "archetype = \"mail_handling\"";
    let line_text = format!("kind = \"{kind}\"");
    let text = edit(dir.path(), OFFICE, find, &format!("{find}\n{line_text}"));
    let line = line_of(&text, &line_text);
    let field = format!("occupation[43-4171.00].task[5].{field}");
    assert_problem(dir.path(), OFFICE, line, &field, message);
}

#[test]
fn an_unknown_kind_of_work_is_reported_at_its_line_with_the_nine_kinds() {
    assert_kind_problem("sorting", "kind", "must be one of judging_cases");
}

#[test]
fn a_kind_equal_to_the_archetypes_is_refused_as_redundant() {
    assert_kind_problem(
        "physical",
        "kind",
        "equals archetype \"mail_handling\"'s kind",
    );
}

#[test]
fn a_kind_that_differs_from_the_archetypes_needs_a_deviation() {
    assert_kind_problem(
        "moving_information",
        "deviation",
        "kind differs from archetype \"mail_handling\" (physical)",
    );
}

#[test]
fn an_archetype_without_a_kind_is_reported() {
    let dir = valid_copy();
    let text = edit(dir.path(), "archetypes.toml", "kind = \"checking\"\n", "");
    assert!(!text.is_empty());
    let found: Vec<String> = problems(dir.path())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        found
            .iter()
            .any(|problem| problem.contains("missing field `kind`")),
        "{found:?}"
    );
}
