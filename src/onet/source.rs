//! Where a release's files come from: a directory or the zip archive O*NET distributes, with the
//! files either at the top or inside one folder (such as `db_29_3_text/`). Also works out the
//! release's name ("29.3") from `Read Me.txt` or, failing that, from the folder or archive name.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use super::error::OnetError;

/// The file whose location decides where the other files are looked for.
const ANCHOR_FILE: &str = "Occupation Data.txt";
/// Optional; its first lines name the release ("O*NET 29.3 Database").
const READ_ME_FILE: &str = "Read Me.txt";
/// How many lines of `Read Me.txt` are searched for the release number.
const READ_ME_LINES_SEARCHED: usize = 5;

/// An opened release, directory or archive, with the folder that holds its files.
pub(super) enum ReleaseFiles {
    Directory {
        /// The directory that holds `Occupation Data.txt`.
        folder: PathBuf,
        /// The path the user gave.
        given: PathBuf,
    },
    Zip {
        path: PathBuf,
        archive: ZipArchive<File>,
        /// The entry-name prefix of the folder holding the files: "" or "db_29_3_text/".
        prefix: String,
    },
}

impl ReleaseFiles {
    pub(super) fn open(path: &Path) -> Result<ReleaseFiles, OnetError> {
        let io_error = |source| OnetError::Io {
            path: path.to_path_buf(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if metadata.is_dir() {
            let folder = find_folder_in_directory(path).map_err(io_error)?;
            return Ok(ReleaseFiles::Directory {
                folder: folder.ok_or_else(|| OnetError::MissingFile(ANCHOR_FILE.to_owned()))?,
                given: path.to_path_buf(),
            });
        }
        let file = File::open(path).map_err(io_error)?;
        let archive = ZipArchive::new(file).map_err(|source| OnetError::Zip {
            path: path.to_path_buf(),
            source,
        })?;
        let prefix = find_prefix_in_archive(&archive)
            .ok_or_else(|| OnetError::MissingFile(ANCHOR_FILE.to_owned()))?;
        Ok(ReleaseFiles::Zip {
            path: path.to_path_buf(),
            archive,
            prefix,
        })
    }

    /// The text of a file the import cannot do without.
    pub(super) fn read_required(&mut self, name: &'static str) -> Result<String, OnetError> {
        self.read_optional(name)?
            .ok_or_else(|| OnetError::MissingFile(name.to_owned()))
    }

    /// The text of a file, or `None` if the release does not have it. Bytes that are not UTF-8
    /// (old releases used Windows-1252 for a few accented names) become U+FFFD rather than
    /// failing the import.
    pub(super) fn read_optional(
        &mut self,
        name: &'static str,
    ) -> Result<Option<String>, OnetError> {
        let bytes = match self {
            ReleaseFiles::Directory { folder, .. } => {
                let path = folder.join(name);
                match std::fs::read(&path) {
                    Ok(bytes) => bytes,
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(source) => return Err(OnetError::Io { path, source }),
                }
            }
            ReleaseFiles::Zip {
                path,
                archive,
                prefix,
            } => {
                let entry_name = format!("{prefix}{name}");
                let mut entry = match archive.by_name(&entry_name) {
                    Ok(entry) => entry,
                    Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                    Err(source) => {
                        return Err(OnetError::Zip {
                            path: path.clone(),
                            source,
                        })
                    }
                };
                let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
                entry
                    .read_to_end(&mut bytes)
                    .map_err(|source| OnetError::Io {
                        path: path.join(&entry_name),
                        source,
                    })?;
                bytes
            }
        };
        Ok(Some(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
        }))
    }

    /// The release number from `Read Me.txt`, else from the folder holding the files, else from
    /// the directory or archive name; "unknown" when none of them carries one.
    pub(super) fn release_name(&mut self) -> Result<String, OnetError> {
        if let Some(read_me) = self.read_optional(READ_ME_FILE)? {
            let found = read_me
                .lines()
                .take(READ_ME_LINES_SEARCHED)
                .find_map(release_number_in);
            if let Some(number) = found {
                return Ok(number);
            }
        }
        let names: [Option<String>; 2] = match self {
            ReleaseFiles::Directory { folder, given } => [file_name(folder), file_name(given)],
            ReleaseFiles::Zip { path, prefix, .. } => [
                prefix
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .map(str::to_owned),
                path.file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned()),
            ],
        };
        Ok(names
            .iter()
            .flatten()
            .find_map(|name| release_number_in(name))
            .unwrap_or_else(|| "unknown".to_owned()))
    }
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
}

/// The directory itself if it holds the anchor file, else its first subdirectory (by name) that
/// does, so that an unpacked archive works whether or not its top folder was kept.
fn find_folder_in_directory(directory: &Path) -> std::io::Result<Option<PathBuf>> {
    if directory.join(ANCHOR_FILE).is_file() {
        return Ok(Some(directory.to_path_buf()));
    }
    let mut subdirectories = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            subdirectories.push(entry.path());
        }
    }
    subdirectories.sort();
    Ok(subdirectories
        .into_iter()
        .find(|subdirectory| subdirectory.join(ANCHOR_FILE).is_file()))
}

/// The folder prefix of the shallowest archive entry named like the anchor file (ties broken by
/// name, so the choice does not depend on the order of entries in the archive).
fn find_prefix_in_archive(archive: &ZipArchive<File>) -> Option<String> {
    archive
        .file_names()
        .filter_map(|name| {
            let prefix = name.strip_suffix(ANCHOR_FILE)?;
            (prefix.is_empty() || prefix.ends_with('/')).then_some(prefix)
        })
        // macOS adds "__MACOSX/" copies of every file; they are resource forks, not data.
        .filter(|prefix| !prefix.starts_with("__MACOSX/"))
        .min_by_key(|prefix| (prefix.matches('/').count(), *prefix))
        .map(str::to_owned)
}

/// The first "29.3" or "29_3" in a text: two runs of digits joined by a dot or underscore.
fn release_number_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() || (start > 0 && bytes[start - 1].is_ascii_digit()) {
            start += 1;
            continue;
        }
        let major_end = start + digits_from(&bytes[start..]);
        let separator = bytes.get(major_end).copied();
        if matches!(separator, Some(b'.') | Some(b'_')) {
            let minor_length = digits_from(&bytes[major_end + 1..]);
            if minor_length > 0 {
                let minor = &text[major_end + 1..major_end + 1 + minor_length];
                return Some(format!("{}.{minor}", &text[start..major_end]));
            }
        }
        start = major_end;
    }
    None
}

fn digits_from(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_numbers_are_found_in_read_me_lines_and_folder_names() {
        assert_eq!(
            release_number_in("O*NET 29.3 Database").as_deref(),
            Some("29.3")
        );
        assert_eq!(release_number_in("db_29_3_text").as_deref(), Some("29.3"));
        assert_eq!(release_number_in("onet-28.10").as_deref(), Some("28.10"));
        assert_eq!(release_number_in("May 2025 Release"), None);
        assert_eq!(release_number_in("release-ok"), None);
        assert_eq!(release_number_in("version 7."), None);
    }
}
