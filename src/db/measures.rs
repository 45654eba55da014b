//! Published measures and employment figures in the database: writing a measure (shipped or
//! imported) with its values in one transaction, loading the shipped figures when their content
//! changed, and reading everything back as a `measures::figures::Figures` snapshot.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use sqlx::Row;

use super::{Backend, Pool};
use crate::assess::Verdict;
use crate::measures::figures::{AtlasEntry, EmploymentRow, Figures, MeasureData};
use crate::measures::file::{EmploymentLine, EmploymentSource, Shipped};
use crate::measures::{AtlasFigure, MeasureInfo, MeasureOrigin};

/// Serialises writes of measures across processes on PostgreSQL.
const MEASURES_LOCK: i64 = 0x4154_4c41_534d_4541;

/// Rows per INSERT: a few hundred values per statement instead of a round trip each (well
/// under both backends' limits on parameters).
const BATCH_ROWS: usize = 200;

/// "($1, $2, $3), ($4, $5, $6)" for `rows` rows of `columns` values.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let values: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn hash_measure(info: &MeasureInfo, values: &HashMap<String, f64>) -> String {
    let mut hasher = Sha256::new();
    for part in [
        &info.name,
        &info.title,
        &info.what,
        &info.method,
        &info.citation,
        &info.version,
        &info.licence,
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update(info.url.as_deref().unwrap_or("").as_bytes());
    hasher.update(info.compare_with.name().as_bytes());
    let mut codes: Vec<(&String, &f64)> = values.iter().collect();
    codes.sort_by(|a, b| a.0.cmp(b.0));
    for (code, value) in codes {
        hasher.update(code.as_bytes());
        hasher.update(value.to_le_bytes());
    }
    format!("{:x}", hasher.finalize())
}

fn origin_name(origin: &MeasureOrigin) -> &'static str {
    match origin {
        MeasureOrigin::Shipped => "shipped",
        MeasureOrigin::Imported => "imported",
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

async fn lock(transaction: &mut super::Transaction, backend: Backend) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(MEASURES_LOCK)
            .execute(&mut **transaction)
            .await?;
    }
    Ok(())
}

/// What writing a measure did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    Unchanged,
    Written,
    /// A shipped measure was not written because a user's import of that name is stored.
    KeptImport,
}

/// Stores `info` and its values, replacing a stored measure of that name, in one transaction;
/// `progress` hears how many values each statement wrote.
/// Shipped figures never replace an imported measure; the same content is not written twice.
pub async fn write_measure(
    pool: &Pool,
    info: &MeasureInfo,
    values: &HashMap<String, f64>,
    progress: &dyn Fn(usize),
) -> Result<WriteOutcome, sqlx::Error> {
    let hash = hash_measure(info, values);
    let mut transaction = pool.begin_write().await?;
    lock(&mut transaction, pool.backend()).await?;
    let stored = sqlx::query("SELECT origin, content_hash FROM measures WHERE name = $1")
        .bind(&info.name)
        .fetch_optional(&mut *transaction)
        .await?;
    if let Some(row) = stored {
        let origin: String = row.try_get("origin")?;
        let stored_hash: String = row.try_get("content_hash")?;
        if info.origin == MeasureOrigin::Shipped && origin == "imported" {
            transaction.rollback().await?;
            return Ok(WriteOutcome::KeptImport);
        }
        if stored_hash == hash && origin == origin_name(&info.origin) {
            transaction.rollback().await?;
            return Ok(WriteOutcome::Unchanged);
        }
    }
    // Values go with their measure (ON DELETE CASCADE); deleted explicitly as well, since
    // SQLite enforces foreign keys only when asked to.
    sqlx::query("DELETE FROM measure_values WHERE measure = $1")
        .bind(&info.name)
        .execute(&mut *transaction)
        .await?;
    sqlx::query("DELETE FROM measures WHERE name = $1")
        .bind(&info.name)
        .execute(&mut *transaction)
        .await?;
    sqlx::query(
        "INSERT INTO measures (name, title, what, method, citation, version, licence, url, compare_with, origin, content_hash, loaded_at, value_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&info.name)
    .bind(&info.title)
    .bind(&info.what)
    .bind(&info.method)
    .bind(&info.citation)
    .bind(&info.version)
    .bind(&info.licence)
    .bind(info.url.clone())
    .bind(info.compare_with.name())
    .bind(origin_name(&info.origin))
    .bind(&hash)
    .bind(now())
    .bind(values.len() as i64)
    .execute(&mut *transaction)
    .await?;
    let mut codes: Vec<(&String, &f64)> = values.iter().collect();
    codes.sort_by(|a, b| a.0.cmp(b.0));
    for batch in codes.chunks(BATCH_ROWS) {
        let sql = format!(
            "INSERT INTO measure_values (measure, code, value) VALUES {}",
            placeholders(batch.len(), 3)
        );
        let mut query = sqlx::query(&sql);
        for (code, value) in batch {
            query = query.bind(&info.name).bind(*code).bind(**value);
        }
        query.execute(&mut *transaction).await?;
        progress(batch.len());
    }
    transaction.commit().await?;
    Ok(WriteOutcome::Written)
}

fn hash_employment(source: &EmploymentSource, lines: &[EmploymentLine]) -> String {
    let mut hasher = Sha256::new();
    for part in [&source.citation, &source.version, &source.licence] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    for line in lines {
        hasher.update(
            format!(
                "{}|{}|{:?}|{:?}|{:?}\n",
                line.code, line.level, line.employment, line.median_annual_wage, line.wage_note
            )
            .as_bytes(),
        );
    }
    format!("{:x}", hasher.finalize())
}

/// Replaces the employment figures when their content changed. Answers whether it wrote.
pub async fn write_employment(
    pool: &Pool,
    source: &EmploymentSource,
    lines: &[EmploymentLine],
) -> Result<bool, sqlx::Error> {
    let hash = hash_employment(source, lines);
    let mut transaction = pool.begin_write().await?;
    lock(&mut transaction, pool.backend()).await?;
    let stored: Option<String> =
        sqlx::query_scalar("SELECT content_hash FROM employment_source WHERE id = 1")
            .fetch_optional(&mut *transaction)
            .await?;
    if stored.as_deref() == Some(hash.as_str()) {
        transaction.rollback().await?;
        return Ok(false);
    }
    sqlx::query("DELETE FROM employment")
        .execute(&mut *transaction)
        .await?;
    for batch in lines.chunks(BATCH_ROWS) {
        let sql = format!(
            "INSERT INTO employment (code, soc_level, employment, median_annual_wage, wage_note) VALUES {}",
            placeholders(batch.len(), 5)
        );
        let mut query = sqlx::query(&sql);
        for line in batch {
            query = query
                .bind(&line.code)
                .bind(&line.level)
                .bind(line.employment)
                .bind(line.median_annual_wage)
                .bind(line.wage_note.clone());
        }
        query.execute(&mut *transaction).await?;
    }
    sqlx::query(
        "INSERT INTO employment_source (id, citation, version, licence, url, content_hash, loaded_at)
         VALUES (1, $1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET citation = excluded.citation, version = excluded.version,
           licence = excluded.licence, url = excluded.url, content_hash = excluded.content_hash,
           loaded_at = excluded.loaded_at",
    )
    .bind(&source.citation)
    .bind(&source.version)
    .bind(&source.licence)
    .bind(source.url.clone())
    .bind(&hash)
    .bind(now())
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(true)
}

/// Brings the shipped figures into the database: each measure and the employment figures whose
/// content changed. Answers how many measures were written.
pub async fn sync_shipped(pool: &Pool, shipped: &Shipped) -> Result<usize, sqlx::Error> {
    let mut written = 0;
    for (info, values) in &shipped.measures {
        if write_measure(pool, info, values, &|_| {}).await? == WriteOutcome::Written {
            written += 1;
        }
    }
    write_employment(pool, &shipped.employment_source, &shipped.employment).await?;
    Ok(written)
}

/// Changes whenever a measure, the employment figures or the catalog change: what the server's
/// caches compare to know their snapshot is current.
pub async fn figures_stamp(pool: &Pool) -> Result<String, sqlx::Error> {
    let mut transaction = pool.begin_read().await?;
    let measures: Vec<(String, String)> =
        sqlx::query_as("SELECT name, content_hash FROM measures ORDER BY name")
            .fetch_all(&mut *transaction)
            .await?;
    let employment: Option<String> =
        sqlx::query_scalar("SELECT content_hash FROM employment_source WHERE id = 1")
            .fetch_optional(&mut *transaction)
            .await?;
    let catalog: Option<String> =
        sqlx::query_scalar("SELECT content_hash FROM catalog_state WHERE id = 1")
            .fetch_optional(&mut *transaction)
            .await?;
    transaction.commit().await?;
    let mut stamp = String::new();
    for (name, hash) in measures {
        stamp.push_str(&format!("{name}={hash};"));
    }
    stamp.push_str(&format!(
        "employment={};catalog={}",
        employment.unwrap_or_default(),
        catalog.unwrap_or_default()
    ));
    Ok(stamp)
}

/// Everything published, with the curated catalog's summary figures: the snapshot pages use.
pub async fn snapshot(pool: &Pool) -> Result<Figures, sqlx::Error> {
    let mut transaction = pool.begin_read().await?;
    let infos = measure_infos(&mut transaction, None).await?;
    let mut values: HashMap<String, HashMap<String, f64>> = HashMap::new();
    for row in sqlx::query("SELECT measure, code, value FROM measure_values")
        .fetch_all(&mut *transaction)
        .await?
    {
        values
            .entry(row.try_get("measure")?)
            .or_default()
            .insert(row.try_get("code")?, row.try_get("value")?);
    }
    let measures = infos
        .into_iter()
        .map(|info| {
            let values = values.remove(&info.name).unwrap_or_default();
            MeasureData::new(info, values)
        })
        .collect();
    let mut employment = HashMap::new();
    let mut all_workers = None;
    for row in sqlx::query(
        "SELECT code, soc_level, employment, median_annual_wage, wage_note FROM employment",
    )
    .fetch_all(&mut *transaction)
    .await?
    {
        let code: String = row.try_get("code")?;
        let level: String = row.try_get("soc_level")?;
        let workers: Option<i64> = row.try_get("employment")?;
        if level == "total" {
            all_workers = workers;
            continue;
        }
        let note: Option<String> = row.try_get("wage_note")?;
        employment.insert(
            code,
            EmploymentRow {
                employment: workers,
                median_annual_wage: row.try_get("median_annual_wage")?,
                top_coded: note.as_deref() == Some("top-coded"),
            },
        );
    }
    let employment_source: Option<String> =
        sqlx::query_scalar("SELECT citation FROM employment_source WHERE id = 1")
            .fetch_optional(&mut *transaction)
            .await?;
    let mut atlas = Vec::new();
    for row in sqlx::query(
        "SELECT code, title, major_group, verdict, automatability_index, complementarity_index,
                share_human_led, share_copilot, share_quality_control, share_second_reader,
                share_triage, share_human_approves, share_automate
         FROM occupations WHERE source = 'curated' ORDER BY code",
    )
    .fetch_all(&mut *transaction)
    .await?
    {
        let verdict: String = row.try_get("verdict")?;
        let mut pattern_shares = [0.0; 7];
        for (index, column) in [
            "share_human_led",
            "share_copilot",
            "share_quality_control",
            "share_second_reader",
            "share_triage",
            "share_human_approves",
            "share_automate",
        ]
        .into_iter()
        .enumerate()
        {
            pattern_shares[index] = row.try_get(column)?;
        }
        atlas.push(AtlasEntry {
            code: row.try_get("code")?,
            title: row.try_get("title")?,
            major_group: row.try_get("major_group")?,
            verdict: Verdict::ALL
                .into_iter()
                .find(|candidate| candidate.name() == verdict)
                .unwrap_or(Verdict::Complement),
            automatability: row.try_get("automatability_index")?,
            complementarity: row.try_get("complementarity_index")?,
            pattern_shares,
        });
    }
    transaction.commit().await?;
    Ok(Figures::new(
        measures,
        employment,
        employment_source,
        all_workers,
        atlas,
    ))
}

/// The distinct codes of every stored occupation (curated and imported).
pub async fn occupation_codes(pool: &Pool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT code FROM occupations ORDER BY code")
        .fetch_all(pool.any())
        .await
}

/// A stored measure's description, if there is one of that name.
pub async fn stored_measure(pool: &Pool, name: &str) -> Result<Option<MeasureInfo>, sqlx::Error> {
    let mut transaction = pool.begin_read().await?;
    let info = measure_infos(&mut transaction, Some(name)).await?.pop();
    transaction.commit().await?;
    Ok(info)
}

const MEASURE_COLUMNS: &str = "SELECT name, title, what, method, citation, version, licence, url, compare_with, origin, value_count FROM measures";

/// The stored measures' descriptions (shipped first, then by name), or the one called `name`.
async fn measure_infos(
    transaction: &mut super::Transaction,
    name: Option<&str>,
) -> Result<Vec<MeasureInfo>, sqlx::Error> {
    let rows = match name {
        Some(name) => {
            sqlx::query(&format!("{MEASURE_COLUMNS} WHERE name = $1"))
                .bind(name)
                .fetch_all(&mut **transaction)
                .await?
        }
        None => {
            sqlx::query(&format!(
                "{MEASURE_COLUMNS} ORDER BY CASE origin WHEN 'shipped' THEN 0 ELSE 1 END, name"
            ))
            .fetch_all(&mut **transaction)
            .await?
        }
    };
    let mut infos = Vec::new();
    for row in rows {
        infos.push(MeasureInfo {
            name: row.try_get("name")?,
            title: row.try_get("title")?,
            what: row.try_get("what")?,
            method: row.try_get("method")?,
            citation: row.try_get("citation")?,
            version: row.try_get("version")?,
            licence: row.try_get("licence")?,
            url: row.try_get("url")?,
            compare_with: AtlasFigure::from_name(&row.try_get::<String, _>("compare_with")?)
                .unwrap_or(AtlasFigure::AiShare),
            origin: if row.try_get::<String, _>("origin")? == "imported" {
                MeasureOrigin::Imported
            } else {
                MeasureOrigin::Shipped
            },
            value_count: row.try_get::<i64, _>("value_count")? as usize,
        });
    }
    Ok(infos)
}
