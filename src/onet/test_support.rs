//! Helpers for the importer's tests: the fixture release, copies of it changed at test time,
//! zip archives built from a directory, and a `Progress` that records what it is told.

use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::TempDir;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{read_release, NoProgress, OnetError, OnetOccupation, OnetRelease, OnetTask, Progress};

/// The fixture files in tests/fixtures/onet/release-ok are stored under names of their own (so
/// that nothing in the repository looks like a copy of O*NET's files) and laid out under O*NET's
/// file names in a temporary directory, once per test process.
const FIXTURE_FILES: [(&str, &str); 5] = [
    ("occupation-data.tsv", "Occupation Data.txt"),
    ("task-statements.tsv", "Task Statements.txt"),
    ("task-ratings.tsv", "Task Ratings.txt"),
    ("work-context.tsv", "Work Context.txt"),
    ("read-me.txt", "Read Me.txt"),
];

/// `tests/fixtures/onet/release-ok`. Inside the crate `file!()` is relative and the manifest
/// directory is the root; when this module is compiled into another crate by `#[path]`, `file!()`
/// is absolute and the root is three levels above `src/onet/test_support.rs`.
fn stored_fixture() -> PathBuf {
    let this_file = Path::new(file!());
    let root = match this_file.ancestors().nth(3) {
        Some(root) if this_file.is_absolute() => root.to_path_buf(),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    };
    root.join("tests/fixtures/onet/release-ok")
}

/// The fixture release as O*NET lays it out (a directory of its text files).
pub fn fixture() -> PathBuf {
    static LAID_OUT: std::sync::OnceLock<TempDir> = std::sync::OnceLock::new();
    let directory = LAID_OUT.get_or_init(|| {
        let temporary = TempDir::new().expect("temporary directory");
        for (stored, official) in FIXTURE_FILES {
            fs::copy(
                stored_fixture().join(stored),
                temporary.path().join(official),
            )
            .expect("fixture file");
        }
        temporary
    });
    directory.path().to_path_buf()
}

pub fn read_fixture() -> OnetRelease {
    read_release(&fixture(), &NoProgress).expect("the fixture imports")
}

/// The fixture copied into `folder_name` inside a fresh temporary directory, each file passed
/// through `change` (file name, text) → new text, or `None` to leave the file out.
pub fn changed_copy(
    folder_name: &str,
    change: impl Fn(&str, String) -> Option<String>,
) -> (TempDir, PathBuf) {
    let temporary = TempDir::new().expect("temporary directory");
    let folder = temporary.path().join(folder_name);
    fs::create_dir(&folder).expect("folder");
    let mut entries: Vec<_> = fs::read_dir(fixture())
        .expect("fixture directory")
        .map(|entry| entry.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(&path).expect("fixture text");
        if let Some(changed) = change(&name, text) {
            fs::write(folder.join(&name), changed).expect("write copy");
        }
    }
    (temporary, folder)
}

/// Imports a changed copy of the fixture.
pub fn read_changed(
    change: impl Fn(&str, String) -> Option<String>,
) -> Result<OnetRelease, OnetError> {
    let (_temporary, folder) = changed_copy("changed", change);
    read_release(&folder, &NoProgress)
}

/// Every line of `file` with `edit` applied to its cells (the header is line 1).
pub fn edit_cells(text: &str, edit: impl Fn(usize, &mut Vec<String>)) -> String {
    text.lines()
        .enumerate()
        .map(|(index, line)| {
            let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
            edit(index + 1, &mut cells);
            cells.join("\t") + "\n"
        })
        .collect()
}

/// A zip of every file in `directory`, each stored as `prefix` + name.
pub fn zip_directory(directory: &Path, archive: &Path, prefix: &str) {
    let mut writer = ZipWriter::new(fs::File::create(archive).expect("archive"));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut entries: Vec<_> = fs::read_dir(directory)
        .expect("directory")
        .map(|entry| entry.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        writer
            .start_file(format!("{prefix}{name}"), options)
            .expect("start entry");
        writer
            .write_all(&fs::read(&path).expect("read"))
            .expect("write entry");
    }
    writer.finish().expect("finish archive");
}

/// Records the stages started and the units advanced in each.
#[derive(Default)]
pub struct RecordingProgress {
    pub stages: RefCell<Vec<(String, u64, u64)>>,
    pub finished: RefCell<usize>,
}

impl Progress for RecordingProgress {
    fn start(&self, stage: &str, total: u64) {
        self.stages.borrow_mut().push((stage.to_owned(), total, 0));
    }

    fn advance(&self, n: u64) {
        if let Some(last) = self.stages.borrow_mut().last_mut() {
            last.2 += n;
        }
    }

    fn finish(&self) {
        *self.finished.borrow_mut() += 1;
    }
}

pub fn occupation<'release>(
    release: &'release OnetRelease,
    code: &str,
) -> &'release OnetOccupation {
    release
        .occupations
        .iter()
        .find(|occupation| occupation.code == code)
        .unwrap_or_else(|| panic!("{code} was imported"))
}

pub fn task<'release>(
    release: &'release OnetRelease,
    code: &str,
    task_id: &str,
) -> &'release OnetTask {
    occupation(release, code)
        .tasks
        .iter()
        .find(|task| task.task_id == task_id)
        .unwrap_or_else(|| panic!("task {task_id} of {code} was imported"))
}
