//! Storing an O*NET import: one transaction replaces every imported occupation (source = 'onet'),
//! its tasks and search entry, adds the SOC major groups they need, and records which release is
//! imported (`onet_import`). Curated occupations, their search entries and user data are never
//! touched; on any error nothing changes.

use sqlx::{QueryBuilder, Sqlite, SqlitePool, Transaction};

use super::catalog::{insert_occupation_row, OccupationRow};
use crate::assess::{OccupationAssessment, MODEL_VERSION};
use crate::onet::{OnetOccupation, Progress};

/// The stage name reported while occupations are written.
pub const STORING_STAGE: &str = "Storing occupations";

/// Columns per task row; a batch of one occupation's tasks (at most 50) stays far below SQLite's
/// limit of 32,766 bound values.
const TASK_COLUMNS: usize = 11;
const MAX_BOUND_VALUES: usize = 32_766;

/// Which release is imported, if any.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OnetImportState {
    pub release: String,
    pub content_hash: String,
    pub model_version: String,
    pub imported_at: String,
    pub occupation_count: i64,
    pub task_count: i64,
}

/// One occupation ready to be stored: the mapped O*NET data and its assessment.
#[derive(Clone, Debug)]
pub struct StoredOnetOccupation {
    pub occupation: OnetOccupation,
    /// The SOC major group, "29".
    pub major_group: String,
    pub assessment: OccupationAssessment,
}

/// What `replace_onet_import` writes.
pub struct OnetImportBatch<'a> {
    pub release: &'a str,
    pub content_hash: &'a str,
    pub imported_at: &'a str,
    pub occupations: &'a [StoredOnetOccupation],
    /// Titles of the major groups the occupations use, added when the database lacks them.
    pub major_groups: &'a [(&'a str, &'a str)],
}

pub async fn onet_import_state(pool: &SqlitePool) -> Result<Option<OnetImportState>, sqlx::Error> {
    sqlx::query_as::<_, OnetImportState>(
        "SELECT release, content_hash, model_version, imported_at, occupation_count, task_count
         FROM onet_import WHERE id = 1",
    )
    .fetch_optional(pool)
    .await
}

/// Replaces the stored import with `batch` in one transaction; on any error nothing changes.
pub async fn replace_onet_import(
    pool: &SqlitePool,
    batch: &OnetImportBatch<'_>,
    progress: &dyn Progress,
) -> Result<OnetImportState, sqlx::Error> {
    progress.start(STORING_STAGE, batch.occupations.len() as u64);
    let result = replace_in_transaction(pool, batch, progress).await;
    progress.finish();
    result
}

async fn replace_in_transaction(
    pool: &SqlitePool,
    batch: &OnetImportBatch<'_>,
    progress: &dyn Progress,
) -> Result<OnetImportState, sqlx::Error> {
    let mut transaction = pool.begin().await?;
    for (code, title) in batch.major_groups {
        // A curated catalog may already name the group; its title stays.
        sqlx::query(
            "INSERT INTO major_groups (code, title) VALUES (?, ?) ON CONFLICT (code) DO NOTHING",
        )
        .bind(code)
        .bind(title)
        .execute(&mut *transaction)
        .await?;
    }
    sqlx::query(
        "DELETE FROM occupation_search WHERE rowid IN (SELECT id FROM occupations WHERE source = 'onet')",
    )
    .execute(&mut *transaction)
    .await?;
    // Tasks go with their occupation (ON DELETE CASCADE); imports have no evidence.
    sqlx::query("DELETE FROM occupations WHERE source = 'onet'")
        .execute(&mut *transaction)
        .await?;
    let mut task_count = 0_i64;
    for stored in batch.occupations {
        insert_onet_occupation(&mut transaction, batch.release, stored).await?;
        task_count += stored.occupation.tasks.len() as i64;
        progress.advance(1);
    }
    let state = OnetImportState {
        release: batch.release.to_owned(),
        content_hash: batch.content_hash.to_owned(),
        model_version: MODEL_VERSION.to_string(),
        imported_at: batch.imported_at.to_owned(),
        occupation_count: batch.occupations.len() as i64,
        task_count,
    };
    sqlx::query(
        "INSERT INTO onet_import (id, release, content_hash, model_version, imported_at, occupation_count, task_count)
         VALUES (1, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET release = excluded.release, content_hash = excluded.content_hash,
           model_version = excluded.model_version, imported_at = excluded.imported_at,
           occupation_count = excluded.occupation_count, task_count = excluded.task_count",
    )
    .bind(&state.release)
    .bind(&state.content_hash)
    .bind(&state.model_version)
    .bind(&state.imported_at)
    .bind(state.occupation_count)
    .bind(state.task_count)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(state)
}

/// One occupation: its row, its tasks in one statement, and its search entry. Task titles are the
/// model's (statements shortened to its limit); the search entry holds the full statements.
async fn insert_onet_occupation(
    transaction: &mut Transaction<'_, Sqlite>,
    release: &str,
    stored: &StoredOnetOccupation,
) -> Result<(), sqlx::Error> {
    let occupation = &stored.occupation;
    let id = insert_occupation_row(
        transaction,
        &OccupationRow {
            code: &occupation.code,
            source: "onet",
            source_release: Some(release),
            title: &occupation.title,
            major_group: &stored.major_group,
            alt_titles: "",
            note: &occupation.description,
            assessment: &stored.assessment,
        },
    )
    .await?;
    let inputs = occupation.task_inputs();
    if inputs.is_empty() || inputs.len() * TASK_COLUMNS > MAX_BOUND_VALUES {
        // The reader guarantees 1..=50 tasks; anything else would be a bug upstream.
        return Err(sqlx::Error::Protocol(format!(
            "occupation {} has {} tasks; expected 1 to 50",
            occupation.code,
            inputs.len()
        )));
    }
    let mut insert = QueryBuilder::<Sqlite>::new(
        "INSERT INTO tasks (occupation_id, position, title, share, standardization, error_tolerance, verifiability,
           frequency, archetype, rationale, deviation) ",
    );
    insert.push_values(
        inputs.iter().zip(&occupation.tasks).enumerate(),
        |mut values, (position, (input, task))| {
            values
                .push_bind(id)
                .push_bind(position as i64)
                .push_bind(input.title.as_str())
                .push_bind(input.share)
                .push_bind(i64::from(input.ratings.standardization.value()))
                .push_bind(i64::from(input.ratings.error_tolerance.value()))
                .push_bind(i64::from(input.ratings.verifiability.value()))
                .push_bind(i64::from(input.ratings.frequency.value()))
                .push_bind(None::<&str>)
                .push_bind(task.explanation.as_str())
                .push_bind(None::<&str>);
        },
    );
    insert.build().execute(&mut **transaction).await?;
    let task_text = occupation
        .tasks
        .iter()
        .map(|task| task.statement.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    sqlx::query(
        "INSERT INTO occupation_search (rowid, title, alt_titles, task_text) VALUES (?, ?, '', ?)",
    )
    .bind(id)
    .bind(&occupation.title)
    .bind(task_text)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}
