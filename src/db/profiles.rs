//! Storing custom task profiles. Every write is one transaction, so a profile is saved whole or
//! not at all; edits and deletes check the edit token's hash inside that transaction.

use sqlx::Row;

use super::{Pool, Transaction};
use crate::assess::{OccupationAssessment, Rating, Ratings, MODEL_VERSION};
use crate::profile::{ValidProfile, ValidTask};

/// A profile as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredProfile {
    pub id: String,
    pub profile: ValidProfile,
    /// The model version the stored summary was computed with.
    pub model_version: String,
    pub edit_token_hash: String,
    pub created_at: String,
    pub updated_at: String,
}

/// What an edit or delete did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    Done,
    NotFound,
    /// The token's hash does not match; nothing changed.
    Forbidden,
}

/// Saves a new profile and its tasks in one transaction.
pub async fn insert_profile(
    pool: &Pool,
    id: &str,
    edit_token_hash: &str,
    profile: &ValidProfile,
    assessment: &OccupationAssessment,
    now: &str,
) -> Result<(), sqlx::Error> {
    let mut transaction = pool.begin_write().await?;
    sqlx::query(
        "INSERT INTO profiles (id, name, description, base_occupation, edit_token_hash, model_version, verdict,
           automatability_index, complementarity_index, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(&profile.name)
    .bind(&profile.description)
    .bind(&profile.base_occupation)
    .bind(edit_token_hash)
    .bind(MODEL_VERSION.to_string())
    .bind(assessment.verdict.name())
    .bind(assessment.automatability_index)
    .bind(assessment.complementarity_index)
    .bind(now)
    .bind(now)
    .execute(&mut *transaction)
    .await?;
    insert_tasks(&mut transaction, id, &profile.tasks).await?;
    transaction.commit().await
}

async fn insert_tasks(
    transaction: &mut Transaction,
    id: &str,
    tasks: &[ValidTask],
) -> Result<(), sqlx::Error> {
    for (position, task) in tasks.iter().enumerate() {
        sqlx::query(
            "INSERT INTO profile_tasks (profile_id, position, title, share, standardization, error_tolerance,
               verifiability, frequency, notes, kind)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&task.title)
        .bind(task.share)
        .bind(i64::from(task.ratings.standardization.value()))
        .bind(i64::from(task.ratings.error_tolerance.value()))
        .bind(i64::from(task.ratings.verifiability.value()))
        .bind(i64::from(task.ratings.frequency.value()))
        .bind(&task.notes)
        .bind(task.kind.name())
        .execute(&mut **transaction)
        .await?;
    }
    Ok(())
}

/// The profile with `id`, or `None`.
pub async fn load_profile(pool: &Pool, id: &str) -> Result<Option<StoredProfile>, sqlx::Error> {
    if !super::can_be_stored(id) {
        return Ok(None);
    }
    // Both reads in one transaction, so they see one snapshot: read apart, a delete committed
    // between them gave a profile without tasks, which cannot be assessed (a 500).
    let mut transaction = pool.begin_read().await?;
    let Some(row) = sqlx::query(
        "SELECT id, name, description, base_occupation, edit_token_hash, model_version, created_at, updated_at
         FROM profiles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *transaction)
    .await?
    else {
        return Ok(None);
    };
    let tasks = sqlx::query(
        "SELECT title, share, standardization, error_tolerance, verifiability, frequency, notes, kind
         FROM profile_tasks WHERE profile_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *transaction)
    .await?
    .iter()
    .map(|row| {
        let rating = |column: &str| -> Result<Rating, sqlx::Error> {
            let value: i64 = row.try_get(column)?;
            u8::try_from(value)
                .ok()
                .and_then(|value| Rating::new(value).ok())
                .ok_or_else(|| {
                    sqlx::Error::Decode(format!("{column} {value} is not a rating").into())
                })
        };
        let title: String = row.try_get("title")?;
        let (kind, kind_suggested) = super::occupations::stored_or_suggested_kind(row, &title)?;
        Ok(ValidTask {
            title,
            share: row.try_get("share")?,
            kind,
            kind_suggested,
            ratings: Ratings::new(
                rating("standardization")?,
                rating("error_tolerance")?,
                rating("verifiability")?,
                rating("frequency")?,
            ),
            notes: row.try_get("notes")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    transaction.commit().await?;
    Ok(Some(StoredProfile {
        id: row.try_get("id")?,
        profile: ValidProfile {
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            base_occupation: row.try_get("base_occupation")?,
            tasks,
        },
        model_version: row.try_get("model_version")?,
        edit_token_hash: row.try_get("edit_token_hash")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    }))
}

/// Compares two hex hashes without stopping at the first difference.
fn same_hash(left: &str, right: &str) -> bool {
    left.len() == right.len()
        && left
            .bytes()
            .zip(right.bytes())
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
}

async fn check_token(
    transaction: &mut Transaction,
    id: &str,
    edit_token_hash: &str,
) -> Result<WriteOutcome, sqlx::Error> {
    check_token_in(transaction, "profiles", id, edit_token_hash).await
}

/// Whether `edit_token_hash` is the stored one of row `id` of `table` (`profiles` or `plans`),
/// read inside the write's transaction.
pub(super) async fn check_token_in(
    transaction: &mut Transaction,
    table: &'static str,
    id: &str,
    edit_token_hash: &str,
) -> Result<WriteOutcome, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar(&format!(
        "SELECT edit_token_hash FROM {table} WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **transaction)
    .await?;
    Ok(match stored {
        None => WriteOutcome::NotFound,
        Some(stored) if same_hash(&stored, edit_token_hash) => WriteOutcome::Done,
        Some(_) => WriteOutcome::Forbidden,
    })
}

/// Replaces the profile's content and tasks when the token matches; otherwise changes nothing.
pub async fn update_profile(
    pool: &Pool,
    id: &str,
    edit_token_hash: &str,
    profile: &ValidProfile,
    assessment: &OccupationAssessment,
    now: &str,
) -> Result<WriteOutcome, sqlx::Error> {
    let mut transaction = pool.begin_write().await?;
    let outcome = check_token(&mut transaction, id, edit_token_hash).await?;
    if outcome != WriteOutcome::Done {
        return Ok(outcome);
    }
    sqlx::query(
        "UPDATE profiles SET name = $1, description = $2, base_occupation = $3, model_version = $4, verdict = $5,
           automatability_index = $6, complementarity_index = $7, updated_at = $8
         WHERE id = $9",
    )
    .bind(&profile.name)
    .bind(&profile.description)
    .bind(&profile.base_occupation)
    .bind(MODEL_VERSION.to_string())
    .bind(assessment.verdict.name())
    .bind(assessment.automatability_index)
    .bind(assessment.complementarity_index)
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    sqlx::query("DELETE FROM profile_tasks WHERE profile_id = $1")
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    insert_tasks(&mut transaction, id, &profile.tasks).await?;
    transaction.commit().await?;
    Ok(WriteOutcome::Done)
}

/// Deletes the profile and its tasks when the token matches.
pub async fn delete_profile(
    pool: &Pool,
    id: &str,
    edit_token_hash: &str,
) -> Result<WriteOutcome, sqlx::Error> {
    let mut transaction = pool.begin_write().await?;
    let outcome = check_token(&mut transaction, id, edit_token_hash).await?;
    if outcome != WriteOutcome::Done {
        return Ok(outcome);
    }
    // Tasks go with the profile (ON DELETE CASCADE).
    sqlx::query("DELETE FROM profiles WHERE id = $1")
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    transaction.commit().await?;
    Ok(WriteOutcome::Done)
}

/// Records a re-score under the current model (pages re-score profiles saved with an older one).
pub async fn restamp_profile(
    pool: &Pool,
    id: &str,
    assessment: &OccupationAssessment,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE profiles SET model_version = $1, verdict = $2, automatability_index = $3, complementarity_index = $4
         WHERE id = $5",
    )
    .bind(MODEL_VERSION.to_string())
    .bind(assessment.verdict.name())
    .bind(assessment.automatability_index)
    .bind(assessment.complementarity_index)
    .bind(id)
    .execute(pool.any())
    .await?;
    Ok(())
}

/// How many profiles are stored.
pub async fn count_profiles(pool: &Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM profiles")
        .fetch_one(pool.any())
        .await
}

/// Whether an occupation with this code exists (in any source), for a profile's base occupation.
pub async fn occupation_exists(pool: &Pool, code: &str) -> Result<bool, sqlx::Error> {
    if !super::can_be_stored(code) {
        return Ok(false);
    }
    // A count rather than EXISTS: EXISTS is an integer on SQLite and a boolean on PostgreSQL.
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM occupations WHERE code = $1")
        .bind(code)
        .fetch_one(pool.any())
        .await?;
    Ok(count > 0)
}
