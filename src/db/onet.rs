//! Storing an O*NET import: one transaction replaces every imported occupation (source = 'onet'),
//! its tasks and search entry, adds the SOC major groups they need, and records which release is
//! imported (`onet_import`). Curated occupations, their search entries and user data are never
//! touched; on any error nothing changes.

use super::catalog::{insert_occupation_row, insert_search_entry, search_key, OccupationRow};
use super::{Backend, Pool, SqlBuilder, Transaction};
use crate::assess::{OccupationAssessment, MODEL_VERSION};
use crate::onet::{OnetOccupation, Progress};

/// The PostgreSQL advisory lock that serialises O*NET imports between processes ("atlasonet").
const ONET_IMPORT_LOCK: i64 = 0x6174_6c61_736f_6e65;

/// The stage name reported while occupations are written.
pub const STORING_STAGE: &str = "Storing occupations";

/// Columns per task row; a batch of one occupation's tasks (at most 50) stays far below SQLite's
/// limit of 32,766 bound values (and PostgreSQL's of 65,535).
const TASK_COLUMNS: usize = 12;
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

pub async fn onet_import_state(pool: &Pool) -> Result<Option<OnetImportState>, sqlx::Error> {
    sqlx::query_as::<_, OnetImportState>(
        "SELECT release, content_hash, model_version, imported_at, occupation_count, task_count
         FROM onet_import WHERE id = 1",
    )
    .fetch_optional(pool.any())
    .await
}

/// Replaces the stored import with `batch` in one transaction; on any error nothing changes.
pub async fn replace_onet_import(
    pool: &Pool,
    batch: &OnetImportBatch<'_>,
    progress: &dyn Progress,
) -> Result<OnetImportState, sqlx::Error> {
    progress.start(STORING_STAGE, batch.occupations.len() as u64);
    let result = replace_in_transaction(pool, batch, progress).await;
    progress.finish();
    result
}

async fn replace_in_transaction(
    pool: &Pool,
    batch: &OnetImportBatch<'_>,
    progress: &dyn Progress,
) -> Result<OnetImportState, sqlx::Error> {
    let mut transaction = pool.begin_write().await?;
    if pool.backend() == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(ONET_IMPORT_LOCK)
            .execute(&mut *transaction)
            .await?;
    }
    for (code, title) in batch.major_groups {
        // A curated catalog may already name the group; its title stays.
        sqlx::query(
            "INSERT INTO major_groups (code, title) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
        )
        .bind(code)
        .bind(title)
        .execute(&mut *transaction)
        .await?;
    }
    sqlx::query(&format!(
        "DELETE FROM occupation_search WHERE {} IN (SELECT id FROM occupations WHERE source = 'onet')",
        search_key(pool.backend())
    ))
    .execute(&mut *transaction)
    .await?;
    // Tasks go with their occupation (ON DELETE CASCADE); imports have no evidence.
    sqlx::query("DELETE FROM occupations WHERE source = 'onet'")
        .execute(&mut *transaction)
        .await?;
    let mut task_count = 0_i64;
    for stored in batch.occupations {
        insert_onet_occupation(&mut transaction, pool.backend(), batch.release, stored).await?;
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
         VALUES (1, $1, $2, $3, $4, $5, $6)
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
    transaction: &mut Transaction,
    backend: Backend,
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
    let mut insert = SqlBuilder::new(
        "INSERT INTO tasks (occupation_id, position, title, share, standardization, error_tolerance, verifiability,
           frequency, archetype, rationale, deviation, kind) VALUES ",
    );
    for (position, (input, task)) in inputs.iter().zip(&occupation.tasks).enumerate() {
        insert.push(if position == 0 { "(" } else { ", (" });
        insert
            .push_bind(id)
            .push(", ")
            .push_bind(position as i64)
            .push(", ")
            .push_bind(input.title.as_str())
            .push(", ")
            .push_bind(input.share)
            .push(", ")
            .push_bind(i64::from(input.ratings.standardization.value()))
            .push(", ")
            .push_bind(i64::from(input.ratings.error_tolerance.value()))
            .push(", ")
            .push_bind(i64::from(input.ratings.verifiability.value()))
            .push(", ")
            .push_bind(i64::from(input.ratings.frequency.value()))
            .push(", NULL, ")
            .push_bind(task.explanation.as_str())
            .push(", NULL, ")
            .push_bind(input.kind.name())
            .push(")");
    }
    let (sql, arguments) = insert.finish()?;
    sqlx::query_with(&sql, arguments)
        .execute(&mut **transaction)
        .await?;
    let task_text = occupation
        .tasks
        .iter()
        .map(|task| task.statement.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    insert_search_entry(transaction, backend, id, &occupation.title, "", &task_text).await
}
