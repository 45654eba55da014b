//! Keeping the database's curated catalog in step with the files: load when the database has
//! none or the files (or the model) changed; otherwise do nothing.

use std::path::Path;

use super::{read_catalog, Catalog, CatalogErrors};
use crate::db::catalog::{catalog_state, replace_curated_catalog, CatalogState};
use crate::db::Pool;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Invalid(#[from] CatalogErrors),
    #[error("database error while loading the catalog: {0}")]
    Database(#[from] sqlx::Error),
}

/// What `sync_catalog` did.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadOutcome {
    /// The stored catalog already matched the files.
    Unchanged(CatalogState),
    /// The catalog was (re)loaded.
    Loaded(CatalogState),
}

/// Loads the catalog from `data_dir` if the database does not hold this exact catalog, or
/// always when `force` is set. Invalid files load nothing and leave the stored catalog as it was.
/// Several processes may call this at once on one database: the check is repeated under the
/// load's lock (see `replace_curated_catalog`), so the same catalog is loaded once.
pub async fn sync_catalog(
    pool: &Pool,
    data_dir: &Path,
    force: bool,
) -> Result<LoadOutcome, LoadError> {
    sync_read_catalog(pool, &read_catalog(data_dir)?, force).await
}

/// `sync_catalog` for a catalog already read and checked (start-up reads it once and also takes
/// the archetypes for the profile form's suggestions from it).
pub async fn sync_read_catalog(
    pool: &Pool,
    catalog: &Catalog,
    force: bool,
) -> Result<LoadOutcome, LoadError> {
    let current = catalog_state(pool).await?;
    if let Some(state) = current {
        if state.content_hash == catalog.content_hash && !force {
            return Ok(LoadOutcome::Unchanged(state));
        }
    }
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string());
    Ok(replace_curated_catalog(pool, catalog, &now, force).await?)
}
