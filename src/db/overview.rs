//! The catalog at a glance, for the home page, and the list of major groups for filters.

use sqlx::Row;

use super::Pool;
use crate::assess::{PatternShares, Verdict};
use crate::browse::{CatalogOverview, GroupVerdicts, MapPoint};

/// Occupations shown by default: curated ones, and imported ones whose code has no curated entry.
const VISIBLE: &str = "(o.source = 'curated' OR NOT EXISTS \
    (SELECT 1 FROM occupations c WHERE c.code = o.code AND c.source = 'curated'))";

pub async fn catalog_overview(pool: &Pool) -> Result<CatalogOverview, sqlx::Error> {
    let totals = sqlx::query(&format!(
        "SELECT COUNT(*) AS occupations, COALESCE(AVG(share_automate), 0.0) AS automate,
            COALESCE(AVG(share_human_approves), 0.0) AS human_approves, COALESCE(AVG(share_second_reader), 0.0) AS second_reader,
            COALESCE(AVG(share_triage), 0.0) AS triage, COALESCE(AVG(share_quality_control), 0.0) AS quality_control,
            COALESCE(AVG(share_copilot), 0.0) AS copilot, COALESCE(AVG(share_human_led), 0.0) AS human_led,
            (SELECT COUNT(*) FROM tasks t JOIN occupations o ON o.id = t.occupation_id WHERE {VISIBLE}) AS tasks
         FROM occupations o WHERE {VISIBLE}"
    ))
    .fetch_one(pool.any())
    .await?;
    let pattern_time = PatternShares {
        automate: totals.try_get("automate")?,
        human_approves: totals.try_get("human_approves")?,
        second_reader: totals.try_get("second_reader")?,
        triage: totals.try_get("triage")?,
        quality_control: totals.try_get("quality_control")?,
        copilot: totals.try_get("copilot")?,
        human_led: totals.try_get("human_led")?,
    };
    let groups = sqlx::query(&format!(
        "SELECT g.code, g.title,
            SUM(CASE WHEN o.verdict = 'replace' THEN 1 ELSE 0 END) AS replace_count, SUM(CASE WHEN o.verdict = 'complement' THEN 1 ELSE 0 END) AS complement_count,
            SUM(CASE WHEN o.verdict = 'human_led' THEN 1 ELSE 0 END) AS human_led_count
         FROM occupations o JOIN major_groups g ON g.code = o.major_group
         WHERE {VISIBLE} GROUP BY g.code, g.title ORDER BY g.code"
    ))
    .fetch_all(pool.any())
    .await?
    .iter()
    .map(|row| {
        Ok(GroupVerdicts {
            code: row.try_get("code")?,
            title: row.try_get("title")?,
            replace: row.try_get::<i64, _>("replace_count")? as u32,
            complement: row.try_get::<i64, _>("complement_count")? as u32,
            human_led: row.try_get::<i64, _>("human_led_count")? as u32,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let points = sqlx::query(&format!(
        "SELECT o.code, o.title, o.mean_feasibility, o.mean_autonomy_risk, o.verdict
         FROM occupations o WHERE {VISIBLE} ORDER BY o.code"
    ))
    .fetch_all(pool.any())
    .await?
    .iter()
    .map(|row| {
        let verdict: &str = row.try_get("verdict")?;
        Ok(MapPoint {
            code: row.try_get("code")?,
            title: row.try_get("title")?,
            feasibility: row.try_get("mean_feasibility")?,
            autonomy_risk: row.try_get("mean_autonomy_risk")?,
            verdict: Verdict::ALL
                .into_iter()
                .find(|item| item.name() == verdict)
                .unwrap_or(Verdict::HumanLed),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let catalog_version: Option<String> =
        sqlx::query_scalar("SELECT catalog_version FROM catalog_state WHERE id = 1")
            .fetch_optional(pool.any())
            .await?;
    Ok(CatalogOverview {
        catalog_version,
        occupation_count: totals.try_get::<i64, _>("occupations")? as u64,
        task_count: totals.try_get::<i64, _>("tasks")? as u64,
        pattern_time,
        groups,
        points,
        weighted: None,
    })
}
