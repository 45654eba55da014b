//! The catalog loader end to end: the schema check on a small valid fixture
//! (`tests/fixtures/catalog/valid`) and on copies of it with exactly one thing broken (`check`),
//! loading into a real SQLite file (`load`), and the shipped catalog in `data/` (`shipped`).
//!
//! Every broken variant is the valid fixture plus one edit, and the expected line is computed from
//! the edited text, so each test shows what broke and where the check must point.

// A test crate's root resolves modules beside itself, so the parts are named by path.
#[path = "catalog/check.rs"]
mod check;
mod common;
#[path = "catalog/load.rs"]
mod load;
#[path = "catalog/shipped.rs"]
mod shipped;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

const HEALTH: &str = "catalog/29-health.toml";
const OFFICE: &str = "catalog/43-office.toml";
const FIXTURE_FILES: [&str; 3] = ["archetypes.toml", HEALTH, OFFICE];

/// The repository root, where `data/` and `tests/fixtures/` live.
fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of the valid fixture catalog in a temporary directory.
fn valid_copy() -> TempDir {
    let fixture = repo_root().join("tests/fixtures/catalog/valid");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("catalog")).unwrap();
    for file in FIXTURE_FILES {
        std::fs::copy(fixture.join(file), dir.path().join(file)).unwrap();
    }
    dir
}

/// Replaces the only occurrence of `find` in `dir/file` and returns the edited text.
fn edit(dir: &Path, file: &str, find: &str, replace: &str) -> String {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(find).count(),
        1,
        "{find:?} must occur once in {file}"
    );
    let edited = text.replacen(find, replace, 1);
    std::fs::write(&path, &edited).unwrap();
    edited
}

/// The 1-based line on which the only occurrence of `needle` in `text` starts.
fn line_of(text: &str, needle: &str) -> usize {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} must occur once"
    );
    let offset = text.find(needle).unwrap();
    text[..offset].matches('\n').count() + 1
}
