//! `OnetError`: everything that can stop an import, each naming the file, and for bad data the
//! line and column, so a broken release can be fixed without guessing.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum OnetError {
    /// The path does not exist or cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The path is a file but not a readable zip archive.
    #[error("cannot read the zip archive {path}: {source}")]
    Zip {
        path: PathBuf,
        #[source]
        source: zip::result::ZipError,
    },
    /// A file the import needs is not in the directory or archive.
    #[error("required file \"{0}\" is missing from the release")]
    MissingFile(String),
    /// A file has no header row at all.
    #[error("{file}: the file is empty; expected a header row")]
    EmptyFile { file: String },
    /// A header row lacks a column the import needs.
    #[error("{file}: missing required column \"{column}\"")]
    MissingColumn { file: String, column: String },
    /// One cell (or one row's shape) is wrong. Lines and columns count from 1; line 1 is the header.
    #[error("{file}:{line}:{column} ({column_name}): {message}")]
    Malformed {
        file: String,
        line: usize,
        column: usize,
        column_name: String,
        message: String,
    },
}
