//! Reading occupations: the filtered, searched, sorted and paged list; one occupation as a
//! report; the catalog overview for the home page; close matches for the 404 page.
//!
//! "Curated wins": without a source filter, an imported occupation is listed only when no curated
//! occupation has its code, and a code resolves to the curated entry first.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{Backend, Pool, SqlBuilder, Transaction};

use crate::assess::{Pattern, PatternShares, Ratings, Verdict};
use crate::browse::{ListQuery, OccupationPage, OccupationSummary, Sort, SourceFilter};
use crate::report::{EvidenceItem, MajorGroupRef, OccupationReport, ReportSource, ReportTask};

/// Free text as search words: runs of letters and digits, lower-cased, at most 12. Everything else
/// (quotes, operators, punctuation) only separates words, so no user text can change the syntax
/// of the full-text query built from them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchWords(Vec<String>);

impl SearchWords {
    /// The words of `text`, or `None` when it has none.
    pub fn parse(text: &str) -> Option<Self> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .take(12)
            .map(str::to_lowercase)
            .collect();
        (!words.is_empty()).then_some(Self(words))
    }

    /// The backend's full-text query: every word must match (`all`) or any word may, each as a
    /// prefix, so "radiol read" finds "Radiologists … read screening images". FTS5 gets quoted
    /// strings (`"radiol"* "read"*`); PostgreSQL gets a tsquery (`radiol:* & read:*`).
    pub fn query(&self, backend: Backend, all: bool) -> String {
        let (format, joiner): (fn(&str) -> String, &str) = match (backend, all) {
            (Backend::Sqlite, true) => (|word| format!("\"{word}\"*"), " "),
            (Backend::Sqlite, false) => (|word| format!("\"{word}\"*"), " OR "),
            (Backend::Postgres, true) => (|word| format!("{word}:*"), " & "),
            (Backend::Postgres, false) => (|word| format!("{word}:*"), " | "),
        };
        self.0
            .iter()
            .map(|word| format(word))
            .collect::<Vec<_>>()
            .join(joiner)
    }
}

/// How each backend says "the text search matches", ranks matches, shows the matched task and
/// sorts titles without regard to case. `$Q` stands for the bound query text.
struct Dialect {
    /// The list query's FROM clause when it searches.
    search_from: &'static str,
    join: &'static str,
    matches: &'static str,
    rank: &'static str,
    snippet: &'static str,
    title_order: &'static str,
}

fn dialect(backend: Backend) -> Dialect {
    match backend {
        Backend::Sqlite => Dialect {
            // The search index drives the join (CROSS JOIN fixes SQLite's join order). Left to the
            // planner, a verdict filter made it walk the occupations by verdict and run the
            // full-text match once per occupation: 14 ms instead of 0.07 ms for the count
            // (BENCHMARKS.md, Search).
            search_from: " FROM occupation_search s CROSS JOIN occupations o ON o.id = s.rowid \
                 JOIN major_groups g ON g.code = o.major_group",
            join: " JOIN occupation_search s ON s.rowid = o.id",
            matches: " AND occupation_search MATCH $Q",
            // bm25 is lower for better matches; titles weigh most, then alternative titles, then tasks.
            rank: "bm25(occupation_search, 10.0, 5.0, 1.0), o.title",
            snippet: ", snippet(occupation_search, 2, '[[', ']]', '…', 12) AS task_snippet",
            title_order: "o.title COLLATE NOCASE",
        },
        Backend::Postgres => Dialect {
            search_from: " FROM occupations o JOIN major_groups g ON g.code = o.major_group \
                 JOIN occupation_search s ON s.occupation_id = o.id",
            join: " JOIN occupation_search s ON s.occupation_id = o.id",
            matches: " AND s.document @@ to_tsquery('simple', unaccent($Q))",
            // Weights for D, C (tasks), B (alternative titles), A (titles), in the spirit of the
            // bm25 weights above; ts_rank is higher for better matches.
            rank: "ts_rank('{0.0, 0.1, 0.5, 1.0}', s.document, to_tsquery('simple', unaccent($Q))) DESC, o.title",
            snippet: ", ts_headline('simple', s.task_text, to_tsquery('simple', unaccent($Q)), \
                 'StartSel=[[, StopSel=]], MinWords=6, MaxWords=12') AS task_snippet",
            // Byte order of the lower-cased title, as SQLite's NOCASE, whatever the database's
            // collation.
            title_order: "lower(o.title) COLLATE \"C\"",
        },
    }
}

const SUMMARY_COLUMNS: &str = "o.code, o.title, o.major_group, g.title AS major_group_title, o.source, o.source_release, \
     o.verdict, o.automatability_index, o.complementarity_index, o.dominant_pattern, o.share_automate, \
     o.share_human_approves, o.share_second_reader, o.share_triage, o.share_quality_control, o.share_copilot, \
     o.share_human_led, o.mean_feasibility, o.mean_autonomy_risk, \
     COALESCE((SELECT e.employment FROM employment e WHERE e.code = substr(o.code, 1, 7)), \
       (SELECT e.employment FROM employment e WHERE e.code = substr(o.code, 1, 6) || '0')) AS employment, \
     COALESCE((SELECT e.median_annual_wage FROM employment e WHERE e.code = substr(o.code, 1, 7)), \
       (SELECT e.median_annual_wage FROM employment e WHERE e.code = substr(o.code, 1, 6) || '0')) AS median_annual_wage";

/// The occupation's US employment (its SOC code's, else its broad group's), for sorting: written
/// out again because PostgreSQL accepts an output column's name in ORDER BY only on its own, not
/// inside an expression such as COALESCE.
const EMPLOYMENT_ORDER: &str =
    "COALESCE((SELECT e.employment FROM employment e WHERE e.code = substr(o.code, 1, 7)), \
     (SELECT e.employment FROM employment e WHERE e.code = substr(o.code, 1, 6) || '0'), -1)";
const WAGE_ORDER: &str = "COALESCE((SELECT e.median_annual_wage FROM employment e WHERE e.code = substr(o.code, 1, 7)), \
     (SELECT e.median_annual_wage FROM employment e WHERE e.code = substr(o.code, 1, 6) || '0'), -1)";

/// Adds the FROM and WHERE clauses shared by the list and its count. `search` is the bound
/// full-text query's placeholder, when there is one.
fn push_filters<'a>(
    builder: &mut SqlBuilder<'a>,
    dialect: &Dialect,
    query: &'a ListQuery,
    search: Option<&str>,
) {
    if search.is_some() {
        builder.push(dialect.search_from);
    } else {
        builder.push(" FROM occupations o JOIN major_groups g ON g.code = o.major_group");
    }
    builder.push(" WHERE 1 = 1");
    if let Some(search) = search {
        builder.push(&dialect.matches.replace("$Q", search));
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
    pool: &Pool,
    query: &ListQuery,
) -> Result<OccupationPage, sqlx::Error> {
    let backend = pool.backend();
    let dialect = dialect(backend);
    let words = query.q.as_deref().and_then(SearchWords::parse);
    if query.q.is_some() && words.is_none() {
        // Only punctuation was typed: nothing can match.
        return Ok(OccupationPage {
            items: Vec::new(),
            total: 0,
            page: query.page,
            per_page: query.per_page,
        });
    }
    let search_text = words.as_ref().map(|words| words.query(backend, true));

    let mut count = SqlBuilder::new("SELECT COUNT(*)");
    let search = search_text.as_ref().map(|text| count.bind(text.as_str()));
    push_filters(&mut count, &dialect, query, search.as_deref());
    let (sql, arguments) = count.finish()?;
    let total: i64 = sqlx::query_scalar_with(&sql, arguments)
        .fetch_one(pool.any())
        .await?;

    let mut list = SqlBuilder::new("SELECT ");
    let search = search_text.as_ref().map(|text| list.bind(text.as_str()));
    list.push(SUMMARY_COLUMNS);
    match &search {
        Some(search) => list.push(&dialect.snippet.replace("$Q", search)),
        None => list.push(", NULL AS task_snippet"),
    };
    push_filters(&mut list, &dialect, query, search.as_deref());
    list.push(" ORDER BY ");
    let title_order = dialect.title_order;
    let order = match query.sort {
        Sort::Relevance if search.is_some() => dialect
            .rank
            .replace("$Q", search.as_deref().unwrap_or_default()),
        Sort::Relevance | Sort::Title => format!("{title_order}, o.code"),
        Sort::Code => "o.code, o.source".to_string(),
        Sort::Automatability => format!("o.automatability_index DESC, {title_order}"),
        Sort::Complementarity => format!("o.complementarity_index DESC, {title_order}"),
        // Occupations without figures last (BLS publishes every employment it has).
        Sort::Employment => format!("{EMPLOYMENT_ORDER} DESC, {title_order}"),
        Sort::Wage => format!("{WAGE_ORDER} DESC, {title_order}"),
    };
    list.push(&order);
    let offset = i64::from(query.page.saturating_sub(1)) * i64::from(query.per_page);
    list.push(" LIMIT ")
        .push_bind(i64::from(query.per_page))
        .push(" OFFSET ")
        .push_bind(offset);
    let (sql, arguments) = list.finish()?;
    let rows = sqlx::query_with(&sql, arguments)
        .fetch_all(pool.any())
        .await?;
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

fn summary_from_row(row: &AnyRow) -> Result<OccupationSummary, sqlx::Error> {
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
        employment: row.try_get("employment")?,
        median_annual_wage: row.try_get("median_annual_wage")?,
        matched_task,
    })
}

/// The occupation with `code` (the curated entry if there is one, or the one from `source`),
/// with its assessment recomputed from the stored ratings. Its four reads run in one read
/// transaction, so they see one snapshot: read apart, a catalog reload or an O*NET import
/// committed between them could give an occupation without its tasks (which cannot be
/// assessed) or tasks of one version with the catalog version of another.
pub async fn occupation_report(
    pool: &Pool,
    code: &str,
    source: Option<SourceFilter>,
) -> Result<Option<OccupationReport>, sqlx::Error> {
    if !super::can_be_stored(code) {
        return Ok(None);
    }
    let mut transaction = pool.begin_read().await?;
    let report = occupation_report_in(&mut transaction, code, source).await?;
    transaction.commit().await?;
    Ok(report)
}

/// [`occupation_report`] inside a transaction the caller holds (from `Pool::begin_read`), for a
/// caller that reads more in the same snapshot.
pub async fn occupation_report_in(
    transaction: &mut Transaction,
    code: &str,
    source: Option<SourceFilter>,
) -> Result<Option<OccupationReport>, sqlx::Error> {
    if !super::can_be_stored(code) {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT o.id, o.code, o.title, o.major_group, g.title AS major_group_title, o.source, o.source_release,
                o.alt_titles, o.note
         FROM occupations o JOIN major_groups g ON g.code = o.major_group
         WHERE o.code = $1 AND ($2 IS NULL OR o.source = $3)
         ORDER BY o.source = 'curated' DESC LIMIT 1",
    )
    .bind(code)
    .bind(source.map(SourceFilter::name))
    .bind(source.map(SourceFilter::name))
    .fetch_optional(&mut **transaction)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id")?;
    let tasks = sqlx::query(
        "SELECT title, share, standardization, error_tolerance, verifiability, frequency, archetype, rationale, deviation, kind
         FROM tasks WHERE occupation_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut **transaction)
    .await?
    .iter()
    .map(task_from_row)
    .collect::<Result<Vec<_>, _>>()?;
    let evidence = sqlx::query(
        "SELECT source, year, finding, url FROM evidence WHERE occupation_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut **transaction)
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
            .fetch_optional(&mut **transaction)
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

fn task_from_row(row: &AnyRow) -> Result<ReportTask, sqlx::Error> {
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
    let title: String = row.try_get("title")?;
    let (kind, kind_suggested) = stored_or_suggested_kind(row, &title)?;
    Ok(ReportTask {
        title,
        share: row.try_get("share")?,
        kind,
        kind_suggested,
        ratings,
        explanation: row.try_get("rationale")?,
        archetype: row.try_get("archetype")?,
        deviation: row.try_get("deviation")?,
    })
}

/// A task row's `kind`, or, where a row written under model 1.x has none, the kind the O*NET
/// importer's rule reads from its title, flagged as suggested.
pub(crate) fn stored_or_suggested_kind(
    row: &AnyRow,
    title: &str,
) -> Result<(crate::assess::Kind, bool), sqlx::Error> {
    match row.try_get::<Option<String>, _>("kind")? {
        Some(name) => crate::assess::Kind::parse(&name)
            .map(|kind| (kind, false))
            .map_err(|error| sqlx::Error::Decode(format!("kind: {error}").into())),
        None => Ok((crate::onet::kind_for_statement(title), true)),
    }
}

/// Occupations whose code or title resembles `text`, for "did you mean" on the 404 page.
pub async fn close_matches(
    pool: &Pool,
    text: &str,
    limit: u32,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut matches: Vec<(String, String)> = Vec::new();
    // The same broad occupation group first: "29-1224.01" → "29-122%".
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4 {
        let prefix = format!("{}-{}%", &digits[..2], &digits[2..digits.len().min(5)]);
        let rows = sqlx::query_as::<_, (String, String)>(
            // One row per code, with the curated title where there is one ("curated wins").
            "SELECT o.code, o.title FROM occupations o WHERE o.code LIKE $1
               AND (o.source = 'curated' OR NOT EXISTS
                 (SELECT 1 FROM occupations c WHERE c.code = o.code AND c.source = 'curated'))
             ORDER BY o.code LIMIT $2",
        )
        .bind(prefix)
        .bind(i64::from(limit))
        .fetch_all(pool.any())
        .await?;
        matches.extend(rows);
    }
    if let Some(words) = SearchWords::parse(&text.replace(['-', '_', '/'], " ")) {
        // Any word may match here (OR), since a mistyped address rarely has every word right.
        let backend = pool.backend();
        let dialect = dialect(backend);
        let sql = format!(
            "SELECT o.code, o.title FROM occupations o{} WHERE 1 = 1{} ORDER BY {} LIMIT $2",
            dialect.join,
            dialect.matches.replace("$Q", "$1"),
            dialect.rank.replace("$Q", "$1"),
        );
        let rows = sqlx::query_as::<_, (String, String)>(&sql)
            .bind(words.query(backend, false))
            .bind(i64::from(limit))
            .fetch_all(pool.any())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_keep_only_letters_and_digits_so_query_syntax_cannot_get_through() {
        let words = SearchWords::parse(r#"Radiol" & read:* | !x (NEAR) 'ç"#).unwrap();
        assert_eq!(
            words.query(Backend::Postgres, true),
            "radiol:* & read:* & x:* & near:* & ç:*"
        );
        assert_eq!(
            words.query(Backend::Sqlite, false),
            r#""radiol"* OR "read"* OR "x"* OR "near"* OR "ç"*"#
        );
        assert_eq!(SearchWords::parse(r#"&|!:*()'" -"#), None);
    }

    #[test]
    fn search_words_stop_at_twelve() {
        let text = (1..=20)
            .map(|n| format!("w{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let query = SearchWords::parse(&text)
            .unwrap()
            .query(Backend::Postgres, false);
        assert_eq!(query.matches(":*").count(), 12);
        assert!(query.ends_with("w12:*"));
    }
}
