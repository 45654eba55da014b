//! Storing the curated catalog: one transaction replaces every curated occupation, its tasks,
//! evidence and search entry, and records which catalog is loaded. Imported occupations and user
//! data are never touched.

use super::{Backend, Pool, Transaction};
use crate::assess::{OccupationAssessment, MODEL_VERSION};
use crate::catalog::{Catalog, CatalogOccupation, LoadOutcome};

/// The PostgreSQL advisory lock that serialises catalog loads between app instances
/// (`pg_advisory_xact_lock`, released when the load's transaction ends). Any fixed number works;
/// this one is "atlascat" in ASCII.
const CATALOG_LOAD_LOCK: i64 = 0x6174_6c61_7363_6174;

/// What is loaded now, if anything.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct CatalogState {
    pub content_hash: String,
    pub catalog_version: String,
    pub model_version: String,
    pub loaded_at: String,
    pub occupation_count: i64,
    pub task_count: i64,
}

const CATALOG_STATE_QUERY: &str =
    "SELECT content_hash, catalog_version, model_version, loaded_at, occupation_count, task_count
     FROM catalog_state WHERE id = 1";

pub async fn catalog_state(pool: &Pool) -> Result<Option<CatalogState>, sqlx::Error> {
    sqlx::query_as::<_, CatalogState>(CATALOG_STATE_QUERY)
        .fetch_optional(pool.any())
        .await
}

/// Replaces the curated catalog with `catalog` in one transaction, unless the database already
/// holds this exact catalog and `force` is not set; on any error nothing changes.
///
/// Loads are serialised across every process using the database: PostgreSQL takes an advisory
/// lock inside the transaction, SQLite takes its write lock when the transaction begins. The
/// stored hash is read only after that, so of several instances starting at once with the same
/// new files, exactly one loads them and the others find them loaded.
pub async fn replace_curated_catalog(
    pool: &Pool,
    catalog: &Catalog,
    loaded_at: &str,
    force: bool,
) -> Result<LoadOutcome, sqlx::Error> {
    let mut transaction = pool.begin_write().await?;
    if pool.backend() == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(CATALOG_LOAD_LOCK)
            .execute(&mut *transaction)
            .await?;
    }
    let current = sqlx::query_as::<_, CatalogState>(CATALOG_STATE_QUERY)
        .fetch_optional(&mut *transaction)
        .await?;
    if let Some(state) = current {
        if state.content_hash == catalog.content_hash && !force {
            transaction.rollback().await?;
            return Ok(LoadOutcome::Unchanged(state));
        }
    }
    for group in &catalog.major_groups {
        sqlx::query("INSERT INTO major_groups (code, title) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET title = excluded.title")
            .bind(&group.code)
            .bind(&group.title)
            .execute(&mut *transaction)
            .await?;
    }
    sqlx::query(&format!(
        "DELETE FROM occupation_search WHERE {} IN (SELECT id FROM occupations WHERE source = 'curated')",
        search_key(pool.backend())
    ))
    .execute(&mut *transaction)
    .await?;
    // Tasks and evidence go with their occupation (ON DELETE CASCADE).
    sqlx::query("DELETE FROM occupations WHERE source = 'curated'")
        .execute(&mut *transaction)
        .await?;
    for occupation in &catalog.occupations {
        insert_occupation(&mut transaction, pool.backend(), occupation).await?;
    }
    let state = CatalogState {
        content_hash: catalog.content_hash.clone(),
        catalog_version: format!(
            "{}.{}",
            &loaded_at[..10.min(loaded_at.len())],
            &catalog.content_hash[..8.min(catalog.content_hash.len())]
        ),
        model_version: MODEL_VERSION.to_string(),
        loaded_at: loaded_at.to_string(),
        occupation_count: catalog.occupations.len() as i64,
        task_count: catalog.task_count() as i64,
    };
    sqlx::query(
        "INSERT INTO catalog_state (id, content_hash, catalog_version, model_version, loaded_at, occupation_count, task_count)
         VALUES (1, $1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, catalog_version = excluded.catalog_version,
           model_version = excluded.model_version, loaded_at = excluded.loaded_at,
           occupation_count = excluded.occupation_count, task_count = excluded.task_count",
    )
    .bind(&state.content_hash)
    .bind(&state.catalog_version)
    .bind(&state.model_version)
    .bind(&state.loaded_at)
    .bind(state.occupation_count)
    .bind(state.task_count)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(LoadOutcome::Loaded(state))
}

async fn insert_occupation(
    transaction: &mut Transaction,
    backend: Backend,
    occupation: &CatalogOccupation,
) -> Result<(), sqlx::Error> {
    let id = insert_occupation_row(
        transaction,
        &OccupationRow {
            code: occupation.code.as_str(),
            source: "curated",
            source_release: None,
            title: &occupation.title,
            major_group: &occupation.major_group(),
            alt_titles: &occupation.alt_titles.join("\n"),
            note: &occupation.note,
            assessment: &occupation.assessment,
        },
    )
    .await?;
    for (position, task) in occupation.tasks.iter().enumerate() {
        sqlx::query(
            "INSERT INTO tasks (occupation_id, position, title, share, standardization, error_tolerance, verifiability,
               frequency, archetype, rationale, deviation, kind)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&task.title)
        .bind(task.share)
        .bind(i64::from(task.ratings.standardization.value()))
        .bind(i64::from(task.ratings.error_tolerance.value()))
        .bind(i64::from(task.ratings.verifiability.value()))
        .bind(i64::from(task.ratings.frequency.value()))
        .bind(&task.archetype)
        .bind(&task.rationale)
        .bind(&task.deviation)
        .bind(task.kind.name())
        .execute(&mut **transaction)
        .await?;
    }
    for (position, evidence) in occupation.evidence.iter().enumerate() {
        sqlx::query("INSERT INTO evidence (occupation_id, position, source, year, finding, url) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(position as i64)
            .bind(&evidence.source)
            .bind(evidence.year)
            .bind(&evidence.finding)
            .bind(&evidence.url)
            .execute(&mut **transaction)
            .await?;
    }
    let task_text = occupation
        .tasks
        .iter()
        .map(|task| task.title.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    insert_search_entry(
        transaction,
        backend,
        id,
        &occupation.title,
        &occupation.alt_titles.join("\n"),
        &task_text,
    )
    .await
}

/// The column of `occupation_search` that holds the occupation's id: FTS5's `rowid` on SQLite,
/// `occupation_id` on PostgreSQL.
pub(super) fn search_key(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "occupation_id",
    }
}

/// Adds the search entry of occupation `id`. Titles weigh most, then alternative titles, then
/// task text (FTS5 weighs its columns at query time; PostgreSQL stores the weights in the
/// tsvector, see migrations/postgres/0001_catalog.sql).
pub(super) async fn insert_search_entry(
    transaction: &mut Transaction,
    backend: Backend,
    id: i64,
    title: &str,
    alt_titles: &str,
    task_text: &str,
) -> Result<(), sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => {
            "INSERT INTO occupation_search (rowid, title, alt_titles, task_text) VALUES ($1, $2, $3, $4)"
        }
        Backend::Postgres => {
            "INSERT INTO occupation_search (occupation_id, title, alt_titles, task_text, document)
             VALUES ($1, $2, $3, $4,
               setweight(to_tsvector('simple', unaccent($2)), 'A')
               || setweight(to_tsvector('simple', unaccent($3)), 'B')
               || setweight(to_tsvector('simple', unaccent($4)), 'C'))"
        }
    };
    sqlx::query(sql)
        .bind(id)
        .bind(title)
        .bind(alt_titles)
        .bind(task_text)
        .execute(&mut **transaction)
        .await?;
    Ok(())
}

/// One `occupations` row, curated or imported: the stored facts and the assessment its summary
/// columns are written from.
pub(super) struct OccupationRow<'a> {
    pub code: &'a str,
    /// 'curated' or 'onet'.
    pub source: &'static str,
    pub source_release: Option<&'a str>,
    pub title: &'a str,
    pub major_group: &'a str,
    /// One per line.
    pub alt_titles: &'a str,
    pub note: &'a str,
    pub assessment: &'a OccupationAssessment,
}

/// Inserts the `occupations` row with its summary columns and returns its id.
pub(super) async fn insert_occupation_row(
    transaction: &mut Transaction,
    row: &OccupationRow<'_>,
) -> Result<i64, sqlx::Error> {
    let assessment = row.assessment;
    let shares = &assessment.pattern_shares;
    let (mean_feasibility, mean_autonomy_risk) =
        assessment
            .tasks
            .iter()
            .fold((0.0, 0.0), |(feasibility, risk), task| {
                (
                    feasibility + task.share * task.assessment.scores.feasibility,
                    risk + task.share * task.assessment.scores.autonomy_risk,
                )
            });
    sqlx::query_scalar(
        "INSERT INTO occupations (code, source, source_release, title, major_group, alt_titles, note, model_version, verdict,
           automatability_index, complementarity_index, dominant_pattern, share_automate, share_human_approves,
           share_second_reader, share_triage, share_quality_control, share_copilot, share_human_led,
           mean_feasibility, mean_autonomy_risk)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
         RETURNING id",
    )
    .bind(row.code)
    .bind(row.source)
    .bind(row.source_release)
    .bind(row.title)
    .bind(row.major_group)
    .bind(row.alt_titles)
    .bind(row.note)
    .bind(assessment.model_version.to_string())
    .bind(assessment.verdict.name())
    .bind(assessment.automatability_index)
    .bind(assessment.complementarity_index)
    .bind(shares.dominant().name())
    .bind(shares.automate)
    .bind(shares.human_approves)
    .bind(shares.second_reader)
    .bind(shares.triage)
    .bind(shares.quality_control)
    .bind(shares.copilot)
    .bind(shares.human_led)
    .bind((mean_feasibility * 10.0).round() / 10.0)
    .bind((mean_autonomy_risk * 10.0).round() / 10.0)
    .fetch_one(&mut **transaction)
    .await
}
