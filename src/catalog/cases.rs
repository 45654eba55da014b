//! Reading and checking the case studies in `data/cases/*.toml` into `crate::cases::CaseStudy`.
//! Like the catalog, all or nothing: every problem is reported as `file:line: field: message`.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::files::Source;
use super::{CatalogErrors, CatalogProblem};
use crate::assess::OccupationCode;
use crate::cases::CaseStudy;

pub const CASES_DIR: &str = "cases";

/// Reads every `data_dir/cases/*.toml`, in name order. With `catalog_codes`, each occupation a
/// case names must be one of them (`atlas catalog check` passes the checked catalog's codes).
pub fn read_cases(
    data_dir: &Path,
    catalog_codes: Option<&HashSet<String>>,
) -> Result<Vec<CaseStudy>, CatalogErrors> {
    let directory = data_dir.join(CASES_DIR);
    let whole = |path: &Path, message: String| CatalogProblem {
        file: path.to_path_buf(),
        line: 0,
        field: "file".to_string(),
        message,
    };
    let paths = toml_files(&directory)
        .map_err(|error| CatalogErrors(vec![whole(&directory, error.to_string())]))?;
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                problems.push(whole(&path, error.to_string()));
                continue;
            }
        };
        let source = Source { path, text };
        match check_case(&source, catalog_codes) {
            Ok(case) => cases.push(case),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(cases)
    } else {
        Err(CatalogErrors(problems))
    }
}

/// The `.toml` files in `directory`, in name order.
fn toml_files(directory: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        if path.extension() == Some(OsStr::new("toml")) {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Parses and checks one case file.
fn check_case(
    source: &Source,
    catalog_codes: Option<&HashSet<String>>,
) -> Result<CaseStudy, Vec<CatalogProblem>> {
    let case: CaseStudy = toml::from_str(&source.text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        vec![source.problem(offset, "file", error.message().trim().to_string())]
    })?;
    let mut problems = Vec::new();
    // Semantic problems are placed at the first line that holds the offending value.
    let at = |needle: &str| source.text.find(needle).unwrap_or(0);
    let stem = source
        .path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    if case.slug != stem {
        problems.push(source.problem(
            at("slug"),
            "slug",
            format!("{:?} must equal the file's name, {stem:?}", case.slug),
        ));
    }
    for (field, value) in [("title", &case.title), ("summary", &case.summary)] {
        if value.trim().is_empty() {
            problems.push(source.problem(at(field), field, "must not be empty"));
        }
    }
    if case.occupations.is_empty() {
        problems.push(source.problem(
            at("occupations"),
            "occupations",
            "name at least one occupation",
        ));
    }
    for (index, code) in case.occupations.iter().enumerate() {
        let field = format!("occupations[{index}]");
        let quoted = format!("\"{code}\"");
        if let Err(error) = OccupationCode::parse(code) {
            problems.push(source.problem(at(&quoted), field, error.to_string()));
        } else if catalog_codes.is_some_and(|codes| !codes.contains(code)) {
            problems.push(source.problem(
                at(&quoted),
                field,
                format!("{code} is not an occupation of the curated catalog"),
            ));
        }
    }
    for (index, figure) in case.figures.iter().enumerate() {
        for (name, value) in [
            ("value", &figure.value),
            ("label", &figure.label),
            ("source", &figure.source),
        ] {
            if value.trim().is_empty() {
                problems.push(source.problem(
                    at("[[figure]]"),
                    format!("figure[{index}].{name}"),
                    "must not be empty",
                ));
            }
        }
    }
    for (index, section) in case.sections.iter().enumerate() {
        if section.heading.trim().is_empty() || section.paragraphs.is_empty() {
            problems.push(source.problem(
                at(&section.heading),
                format!("section[{index}]"),
                "needs a heading and at least one paragraph",
            ));
        }
    }
    if case.sources.is_empty() {
        problems.push(source.problem(0, "source", "cite at least one [[source]]"));
    }
    for (index, cited) in case.sources.iter().enumerate() {
        if !(1900..=2100).contains(&cited.year) {
            problems.push(source.problem(
                at(&format!("year = {}", cited.year)),
                format!("source[{index}].year"),
                format!("{} is not a plausible year", cited.year),
            ));
        }
        if let Some(url) = &cited.url {
            if !url.starts_with("https://") {
                problems.push(source.problem(
                    at(url),
                    format!("source[{index}].url"),
                    "must be an https:// address",
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_case(name: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(CASES_DIR)).unwrap();
        std::fs::write(dir.path().join(CASES_DIR).join(name), text).unwrap();
        dir
    }

    const GOOD: &str = r#"slug = "x"
title = "X"
verdict = "complement"
summary = "S"
occupations = ["29-1224.00"]

[[source]]
citation = "C"
year = 2025
url = "https://example.org"
"#;

    #[test]
    fn a_good_case_is_read() {
        let dir = write_case("x.toml", GOOD);
        let cases = read_cases(dir.path(), None).unwrap();
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].occupations, ["29-1224.00"]);
    }

    #[test]
    fn a_syntax_or_schema_error_names_the_file_and_line() {
        let dir = write_case(
            "x.toml",
            &GOOD.replace("year = 2025", "year = 2025\ncolour = \"red\""),
        );
        let errors = read_cases(dir.path(), None).unwrap_err().to_string();
        assert!(
            errors.contains("x.toml:10: file: unknown field `colour`"),
            "{errors}"
        );
    }

    #[test]
    fn content_problems_name_the_file_line_and_field() {
        let text = GOOD
            .replace("slug = \"x\"", "slug = \"y\"")
            .replace("[\"29-1224.00\"]", "[\"29-1224.00\", \"nope\"]")
            .replace("year = 2025", "year = 25")
            .replace("https://example.org", "http://example.org");
        let dir = write_case("x.toml", &text);
        let known = HashSet::from(["11-1011.00".to_string()]);
        let errors = read_cases(dir.path(), Some(&known))
            .unwrap_err()
            .to_string();
        for expected in [
            "x.toml:1: slug: \"y\" must equal the file's name",
            "x.toml:5: occupations[0]: 29-1224.00 is not an occupation of the curated catalog",
            "x.toml:5: occupations[1]:",
            "x.toml:9: source[0].year: 25 is not a plausible year",
            "x.toml:10: source[0].url: must be an https:// address",
        ] {
            assert!(errors.contains(expected), "{expected}\n{errors}");
        }
    }
}
