//! Reading occupations: the filtered, searched, sorted and paged list; one occupation as a
//! report; the catalog overview for the home page; close matches for the 404 page.
//!
//! "Curated wins": without a source filter, an imported occupation is listed only when no curated
//! occupation has its code, and a code resolves to the curated entry first.

use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use crate::assess::{Pattern, PatternShares, Ratings, Verdict};
use crate::browse::{ListQuery, OccupationPage, OccupationSummary, Sort, SourceFilter};
use crate::report::{EvidenceItem, MajorGroupRef, OccupationReport, ReportSource, ReportTask};

/// Turns free text into an FTS5 query: every word must match, each as a prefix, so "radiol read"
/// finds "Radiologists … read screening images". Returns `None` when the text has no words.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(12)
        .map(|word| format!("\"{}\"*", word.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

const SUMMARY_COLUMNS: &str = "o.code, o.title, o.major_group, g.title AS major_group_title, o.source, o.source_release, \
     o.verdict, o.automatability_index, o.complementarity_index, o.dominant_pattern, o.share_automate, \
     o.share_human_approves, o.share_second_reader, o.share_triage, o.share_quality_control, o.share_copilot, \
     o.share_human_led, o.mean_feasibility, o.mean_autonomy_risk";

/// Adds the FROM and WHERE clauses shared by the list and its count.
fn push_filters<'a>(
    builder: &mut QueryBuilder<'a, Sqlite>,
    query: &'a ListQuery,
    fts: &'a Option<String>,
) {
    if fts.is_some() {
        // The search index drives the join (CROSS JOIN fixes SQLite's join order). Left to the
        // planner, a verdict filter made it walk the occupations by verdict and run the full-text
        // match once per occupation: 14 ms instead of 0.07 ms for the count (BENCHMARKS.md, Search).
        builder.push(
            " FROM occupation_search s CROSS JOIN occupations o ON o.id = s.rowid \
             JOIN major_groups g ON g.code = o.major_group",
        );
    } else {
        builder.push(" FROM occupations o JOIN major_groups g ON g.code = o.major_group");
    }
    builder.push(" WHERE 1 = 1");
    if let Some(fts) = fts {
        builder
            .push(" AND occupation_search MATCH ")
            .push_bind(fts.as_str());
    }
    match query.source {
        None => {
            builder.push(
                " AND (o.source = 'curated' OR NOT EXISTS \
                 (SELECT 1 FROM occupations c WHERE c.code = o.code AND c.source = 'curated'))",
            );
        }
        Some(source) => {
            builder.push(" AND o.source = ").push_bind(source.name());
        }
    }
    if let Some(group) = &query.group {
        builder
            .push(" AND o.major_group = ")
            .push_bind(group.as_str());
    }
    if let Some(verdict) = query.verdict {
        builder.push(" AND o.verdict = ").push_bind(verdict.name());
    }
    if let Some(pattern) = query.pattern {
        builder
            .push(" AND o.dominant_pattern = ")
            .push_bind(pattern.name());
    }
}

/// One page of the occupation list for `query`.
pub async fn list_occupations(
    pool: &SqlitePool,
    query: &ListQuery,
) -> Result<OccupationPage, sqlx::Error> {
    let fts = query.q.as_deref().and_then(fts_query);
    if query.q.is_some() && fts.is_none() {
        // Only punctuation was typed: nothing can match.
        return Ok(OccupationPage {
            items: Vec::new(),
            total: 0,
            page: query.page,
            per_page: query.per_page,
        });
    }
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*)");
    push_filters(&mut count, query, &fts);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut list = QueryBuilder::<Sqlite>::new("SELECT ");
    list.push(SUMMARY_COLUMNS);
    if fts.is_some() {
        list.push(", snippet(occupation_search, 2, '[[', ']]', '…', 12) AS task_snippet");
    } else {
        list.push(", NULL AS task_snippet");
    }
    push_filters(&mut list, query, &fts);
    list.push(" ORDER BY ");
    list.push(match query.sort {
        // bm25 is lower for better matches; titles weigh most, then alternative titles, then tasks.
        Sort::Relevance if fts.is_some() => "bm25(occupation_search, 10.0, 5.0, 1.0), o.title",
        Sort::Relevance | Sort::Title => "o.title COLLATE NOCASE, o.code",
        Sort::Code => "o.code, o.source",
        Sort::Automatability => "o.automatability_index DESC, o.title COLLATE NOCASE",
        Sort::Complementarity => "o.complementarity_index DESC, o.title COLLATE NOCASE",
    });
    let offset = i64::from(query.page.saturating_sub(1)) * i64::from(query.per_page);
    list.push(" LIMIT ")
        .push_bind(i64::from(query.per_page))
        .push(" OFFSET ")
        .push_bind(offset);
    let rows = list.build().fetch_all(pool).await?;
    let items = rows
        .iter()
        .map(summary_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OccupationPage {
        items,
        total: total as u64,
        page: query.page,
        per_page: query.per_page,
    })
}

fn parse_verdict(text: &str) -> Verdict {
    Verdict::ALL
        .into_iter()
        .find(|verdict| verdict.name() == text)
        .unwrap_or(Verdict::HumanLed)
}

fn parse_pattern(text: &str) -> Pattern {
    Pattern::ALL
        .into_iter()
        .find(|pattern| pattern.name() == text)
        .unwrap_or(Pattern::HumanLed)
}

fn summary_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<OccupationSummary, sqlx::Error> {
    let snippet: Option<String> = row.try_get("task_snippet")?;
    // The snippet marks matches with [[ ]]; keep it only when the match is in the task text.
    let matched_task = snippet.filter(|text| text.contains("[[")).map(|text| {
        let line = text
            .lines()
            .find(|line| line.contains("[["))
            .unwrap_or(&text)
            .to_string();
        line.replace("[[", "").replace("]]", "")
    });
    Ok(OccupationSummary {
        code: row.try_get("code")?,
        title: row.try_get("title")?,
        major_group: row.try_get("major_group")?,
        major_group_title: row.try_get("major_group_title")?,
        source: row.try_get("source")?,
        source_release: row.try_get("source_release")?,
        verdict: parse_verdict(row.try_get::<&str, _>("verdict")?),
        automatability_index: row.try_get("automatability_index")?,
        complementarity_index: row.try_get("complementarity_index")?,
        dominant_pattern: parse_pattern(row.try_get::<&str, _>("dominant_pattern")?),
        pattern_shares: PatternShares {
            automate: row.try_get("share_automate")?,
            human_approves: row.try_get("share_human_approves")?,
            second_reader: row.try_get("share_second_reader")?,
            triage: row.try_get("share_triage")?,
            quality_control: row.try_get("share_quality_control")?,
            copilot: row.try_get("share_copilot")?,
            human_led: row.try_get("share_human_led")?,
        },
        mean_feasibility: row.try_get("mean_feasibility")?,
        mean_autonomy_risk: row.try_get("mean_autonomy_risk")?,
        matched_task,
    })
}

/// The occupation with `code` (the curated entry if there is one, or the one from `source`),
/// with its assessment recomputed from the stored ratings.
pub async fn occupation_report(
    pool: &SqlitePool,
    code: &str,
    source: Option<SourceFilter>,
) -> Result<Option<OccupationReport>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT o.id, o.code, o.title, o.major_group, g.title AS major_group_title, o.source, o.source_release,
                o.alt_titles, o.note
         FROM occupations o JOIN major_groups g ON g.code = o.major_group
         WHERE o.code = ? AND (? IS NULL OR o.source = ?)
         ORDER BY o.source = 'curated' DESC LIMIT 1",
    )
    .bind(code)
    .bind(source.map(SourceFilter::name))
    .bind(source.map(SourceFilter::name))
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id")?;
    let tasks = sqlx::query(
        "SELECT title, share, standardization, error_tolerance, verifiability, frequency, archetype, rationale, deviation
         FROM tasks WHERE occupation_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(task_from_row)
    .collect::<Result<Vec<_>, _>>()?;
    let evidence = sqlx::query(
        "SELECT source, year, finding, url FROM evidence WHERE occupation_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| {
        Ok(EvidenceItem {
            source: row.try_get("source")?,
            year: row.try_get("year")?,
            finding: row.try_get("finding")?,
            url: row.try_get("url")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let catalog_version: Option<String> =
        sqlx::query_scalar("SELECT catalog_version FROM catalog_state WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    let source = match row.try_get::<&str, _>("source")? {
        "onet" => ReportSource::Onet {
            release: row
                .try_get::<Option<String>, _>("source_release")?
                .unwrap_or_default(),
        },
        _ => ReportSource::Curated,
    };
    let alt_titles: String = row.try_get("alt_titles")?;
    let report = OccupationReport::build(
        Some(row.try_get("code")?),
        row.try_get("title")?,
        Some(MajorGroupRef {
            code: row.try_get("major_group")?,
            title: row.try_get("major_group_title")?,
        }),
        source,
        alt_titles
            .lines()
            .filter(|line| !line.is_empty())
            .map(str::to_string)
            .collect(),
        row.try_get("note")?,
        evidence,
        tasks,
        catalog_version,
    )
    .map_err(|error| {
        sqlx::Error::Decode(format!("stored occupation {code} cannot be assessed: {error}").into())
    })?;
    Ok(Some(report))
}

fn task_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<ReportTask, sqlx::Error> {
    let value = |name: &str| -> Result<u8, sqlx::Error> {
        let number: i64 = row.try_get(name)?;
        u8::try_from(number)
            .map_err(|_| sqlx::Error::Decode(format!("{name} = {number} is out of range").into()))
    };
    let ratings = Ratings::from_values([
        value("standardization")?,
        value("error_tolerance")?,
        value("verifiability")?,
        value("frequency")?,
    ])
    .map_err(|error| sqlx::Error::Decode(error.to_string().into()))?;
    Ok(ReportTask {
        title: row.try_get("title")?,
        share: row.try_get("share")?,
        ratings,
        explanation: row.try_get("rationale")?,
        archetype: row.try_get("archetype")?,
        deviation: row.try_get("deviation")?,
    })
}

/// Occupations whose code or title resembles `text`, for "did you mean" on the 404 page.
pub async fn close_matches(
    pool: &SqlitePool,
    text: &str,
    limit: u32,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut matches: Vec<(String, String)> = Vec::new();
    // The same broad occupation group first: "29-1224.01" → "29-122%".
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4 {
        let prefix = format!("{}-{}%", &digits[..2], &digits[2..digits.len().min(5)]);
        let rows = sqlx::query_as::<_, (String, String)>(
            "SELECT code, title FROM occupations WHERE code LIKE ? GROUP BY code ORDER BY code LIMIT ?",
        )
        .bind(prefix)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
        matches.extend(rows);
    }
    if let Some(fts) = fts_query(&text.replace(['-', '_', '/'], " ")) {
        // Any word may match here (OR), since a mistyped address rarely has every word right.
        let any = fts.replace("\" \"", "\" OR \"").replace("* \"", "* OR \"");
        let rows = sqlx::query_as::<_, (String, String)>(
            "SELECT o.code, o.title FROM occupation_search s JOIN occupations o ON o.id = s.rowid
             WHERE occupation_search MATCH ? ORDER BY bm25(occupation_search, 10.0, 5.0, 1.0) LIMIT ?",
        )
        .bind(any)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .unwrap_or_default();
        for row in rows {
            if !matches.iter().any(|(code, _)| *code == row.0) {
                matches.push(row);
            }
        }
    }
    matches.truncate(limit as usize);
    Ok(matches)
}
