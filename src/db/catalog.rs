//! Storing the curated catalog: one transaction replaces every curated occupation, its tasks,
//! evidence and search entry, and records which catalog is loaded. Imported occupations and user
//! data are never touched.

use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::assess::{OccupationAssessment, Pattern, PatternShares, MODEL_VERSION};
use crate::catalog::{Catalog, CatalogOccupation};

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

pub async fn catalog_state(pool: &SqlitePool) -> Result<Option<CatalogState>, sqlx::Error> {
    sqlx::query_as::<_, CatalogState>(
        "SELECT content_hash, catalog_version, model_version, loaded_at, occupation_count, task_count
         FROM catalog_state WHERE id = 1",
    )
    .fetch_optional(pool)
    .await
}

/// The pattern with the largest share of time; ties go to the pattern with more machine authority,
/// so that the choice is deterministic.
pub fn dominant_pattern(shares: &PatternShares) -> Pattern {
    shares
        .iter()
        .fold((Pattern::HumanLed, f64::MIN), |best, (pattern, share)| {
            if share >= best.1 {
                (pattern, share)
            } else {
                best
            }
        })
        .0
}

/// Replaces the curated catalog with `catalog` in one transaction; on any error nothing changes.
pub async fn replace_curated_catalog(
    pool: &SqlitePool,
    catalog: &Catalog,
    loaded_at: &str,
) -> Result<CatalogState, sqlx::Error> {
    let mut transaction = pool.begin().await?;
    for group in &catalog.major_groups {
        sqlx::query("INSERT INTO major_groups (code, title) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET title = excluded.title")
            .bind(&group.code)
            .bind(&group.title)
            .execute(&mut *transaction)
            .await?;
    }
    sqlx::query("DELETE FROM occupation_search WHERE rowid IN (SELECT id FROM occupations WHERE source = 'curated')")
        .execute(&mut *transaction)
        .await?;
    // Tasks and evidence go with their occupation (ON DELETE CASCADE).
    sqlx::query("DELETE FROM occupations WHERE source = 'curated'")
        .execute(&mut *transaction)
        .await?;
    for occupation in &catalog.occupations {
        insert_occupation(&mut transaction, occupation).await?;
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
         VALUES (1, ?, ?, ?, ?, ?, ?)
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
    Ok(state)
}

async fn insert_occupation(
    transaction: &mut Transaction<'_, Sqlite>,
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
               frequency, archetype, rationale, deviation)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        .execute(&mut **transaction)
        .await?;
    }
    for (position, evidence) in occupation.evidence.iter().enumerate() {
        sqlx::query("INSERT INTO evidence (occupation_id, position, source, year, finding, url) VALUES (?, ?, ?, ?, ?, ?)")
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
    sqlx::query(
        "INSERT INTO occupation_search (rowid, title, alt_titles, task_text) VALUES (?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&occupation.title)
    .bind(occupation.alt_titles.join("\n"))
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
    transaction: &mut Transaction<'_, Sqlite>,
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
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
    .bind(dominant_pattern(shares).name())
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
