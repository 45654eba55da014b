//! `import_release`: reads a release, assesses every occupation with `assess`, and stores the
//! result through `db::onet` in one transaction. The CLI (`atlas import onet`) and the tests call
//! this same function.
//!
//! Invariants:
//! - All or nothing: a read error, an assessment error or a database error leaves the database
//!   exactly as it was.
//! - Idempotent: content that hashes like the stored import changes nothing, not even the import
//!   date.
//! - Never goes back by accident: a release older than the stored one is refused unless forced.
//! - Curated occupations are never touched; "curated wins" is applied when reading.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::{read_release, DroppedTask, OnetError, OnetRelease, Progress};
use crate::assess::{assess_occupation, AssessError, OccupationCode, MODEL_VERSION};
use crate::browse::MAJOR_GROUPS;
use crate::db::onet::{
    onet_import_state, replace_onet_import, OnetImportBatch, OnetImportState, StoredOnetOccupation,
};

/// The stage name reported while occupations are assessed.
pub const ASSESSING_STAGE: &str = "Assessing occupations";

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] OnetError),
    #[error(
        "O*NET {importing} is older than the imported release {stored}; nothing was changed \
         (force the import, `atlas import onet --force`, to replace it anyway)"
    )]
    OlderRelease { importing: String, stored: String },
    /// The reader promises assessable occupations, so this is a bug in the mapping.
    #[error("occupation {code} cannot be assessed: {source}")]
    Assess {
        code: String,
        #[source]
        source: AssessError,
    },
    #[error("database error while storing the O*NET import: {0}")]
    Database(#[from] sqlx::Error),
}

/// What `import_release` did.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome {
    /// The release was stored, replacing any earlier import.
    Imported(ImportSummary),
    /// The stored import already has this exact content; nothing was written.
    Unchanged(ImportSummary),
}

impl ImportOutcome {
    pub fn summary(&self) -> &ImportSummary {
        match self {
            ImportOutcome::Imported(summary) | ImportOutcome::Unchanged(summary) => summary,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    /// The release now stored.
    pub state: OnetImportState,
    /// The release the import replaced, when it replaced one.
    pub replaced_release: Option<String>,
    /// Occupations not imported: (code, reason), in code order.
    pub skipped: Vec<(String, String)>,
    pub dropped_tasks: Vec<DroppedTask>,
    /// Wall time of the whole import, reading included.
    pub elapsed: Duration,
}

/// Reads the release at `path` (a directory or a zip), assesses it, and stores it unless the
/// same content is already stored. A release older than the stored one is refused unless
/// `force` is set. Reading is synchronous work on the calling thread; the CLI is its only caller
/// outside tests.
pub async fn import_release(
    pool: &crate::db::Pool,
    path: &Path,
    force: bool,
    progress: &dyn Progress,
) -> Result<ImportOutcome, ImportError> {
    let started = Instant::now();
    let release = read_release(path, progress)?;
    let content_hash = content_hash(&release);
    let stored = onet_import_state(pool).await?;
    let OnetRelease {
        release: release_name,
        occupations,
        mut skipped,
        dropped_tasks,
    } = release;
    if let Some(stored) = &stored {
        if stored.content_hash == content_hash {
            return Ok(ImportOutcome::Unchanged(ImportSummary {
                state: stored.clone(),
                replaced_release: None,
                skipped,
                dropped_tasks,
                elapsed: started.elapsed(),
            }));
        }
        if !force && is_older(&release_name, &stored.release) {
            return Err(ImportError::OlderRelease {
                importing: release_name,
                stored: stored.release.clone(),
            });
        }
    }

    progress.start(ASSESSING_STAGE, occupations.len() as u64);
    let mut assessed = Vec::with_capacity(occupations.len());
    for occupation in occupations {
        progress.advance(1);
        let Some((group_code, _)) = major_group_of(&occupation.code) else {
            skipped.push((
                occupation.code.clone(),
                "its SOC major group is not one of the app's 22 major groups".to_owned(),
            ));
            continue;
        };
        let assessment =
            assess_occupation(&occupation.task_inputs()).map_err(|source| ImportError::Assess {
                code: occupation.code.clone(),
                source,
            });
        let assessment = match assessment {
            Ok(assessment) => assessment,
            Err(error) => {
                progress.finish();
                return Err(error);
            }
        };
        assessed.push(StoredOnetOccupation {
            occupation,
            major_group: group_code.to_owned(),
            assessment,
        });
    }
    progress.finish();
    skipped.sort();

    let mut groups: Vec<(&str, &str)> = assessed
        .iter()
        .filter_map(|stored| major_group_of(&stored.occupation.code))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let imported_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned());
    let state = replace_onet_import(
        pool,
        &OnetImportBatch {
            release: &release_name,
            content_hash: &content_hash,
            imported_at: &imported_at,
            occupations: &assessed,
            major_groups: &groups,
        },
        progress,
    )
    .await?;
    Ok(ImportOutcome::Imported(ImportSummary {
        state,
        replaced_release: stored.map(|stored| stored.release),
        skipped,
        dropped_tasks,
        elapsed: started.elapsed(),
    }))
}

/// The code and title of the occupation's SOC major group, if the app knows it.
fn major_group_of(code: &str) -> Option<(&'static str, &'static str)> {
    let group = OccupationCode::parse(code).ok()?.major_group();
    MAJOR_GROUPS
        .iter()
        .find(|(group_code, _)| group_code.parse::<u8>() == Ok(group))
        .copied()
}

/// sha256 (hex) over the model version and the whole mapped release, so that changed files and
/// a changed mapping or model both count as new content. The release serialises
/// deterministically (vectors in a fixed order, no maps).
pub fn content_hash(release: &OnetRelease) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"model ");
    hasher.update(MODEL_VERSION.to_string().as_bytes());
    hasher.update(b"\n");
    // Writing into a hasher cannot fail, and neither can serialising plain data.
    let _ = serde_json::to_writer(HashWriter(&mut hasher), release);
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Feeds serialised bytes straight into the hasher, without building the JSON text.
struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether release `candidate` ("28.3") comes before `stored` ("29.1"). Releases that are not
/// two numbers ("unknown") cannot be ordered and are never called older.
pub fn is_older(candidate: &str, stored: &str) -> bool {
    match (release_order(candidate), release_order(stored)) {
        (Some(candidate), Some(stored)) => candidate < stored,
        _ => false,
    }
}

fn release_order(release: &str) -> Option<(u32, u32)> {
    let (major, minor) = release.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onet::test_support::read_fixture;

    #[test]
    fn releases_are_ordered_by_number_not_by_text() {
        assert!(is_older("28.3", "29.1"));
        assert!(is_older("29.3", "29.10"));
        assert!(!is_older("29.10", "29.3"));
        assert!(!is_older("29.3", "29.3"));
        assert!(!is_older("unknown", "29.3"));
        assert!(!is_older("29.3", "unknown"));
    }

    #[test]
    fn the_content_hash_is_stable_and_changes_with_any_mapped_figure() {
        let release = read_fixture();
        assert_eq!(content_hash(&release), content_hash(&release.clone()));
        let mut changed = release.clone();
        changed.occupations[0].tasks[0].share += 0.1;
        assert_ne!(content_hash(&release), content_hash(&changed));
    }

    #[test]
    fn only_the_apps_major_groups_are_recognised() {
        assert_eq!(
            major_group_of("29-1141.00").map(|(code, _)| code),
            Some("29")
        );
        assert_eq!(major_group_of("55-1011.00"), None);
    }
}
