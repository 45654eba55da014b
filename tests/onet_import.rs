//! `atlas import onet` end to end, through `onet::import::import_release` on a real database
//! (SQLite, or PostgreSQL when `ATLAS_TEST_DATABASE_URL` is set; see tests/common):
//! what a normal import stores, zip and directory input, each reader error leaving the database
//! as it was, re-import, newer and older releases, "curated wins" against the shipped catalog
//! (over HTTP), and a failure half-way through the transaction.
//!
//! The fixture is tests/fixtures/onet/release-ok ("O*NET 99.1", invented figures), laid out under
//! O*NET's file names by the importer's own test helpers, which this crate includes by path.

mod common;

// The helpers are written as a child of `atlas::onet`; the `atlas::onet` names imported below
// stand in for its `super`.
#[path = "../src/onet/test_support.rs"]
#[allow(dead_code)] // each test binary uses a different part of the helpers
mod test_support;

use std::collections::BTreeSet;
use std::path::Path;

use atlas::browse::{ListQuery, SourceFilter};
use atlas::db::occupations::{list_occupations, occupation_report};
use atlas::db::onet::{onet_import_state, STORING_STAGE};
use atlas::db::Pool;
use atlas::onet::import::{import_release, ImportError, ImportOutcome, ASSESSING_STAGE};
use atlas::onet::{
    read_release, NoProgress, OnetError, OnetOccupation, OnetRelease, OnetTask, Progress,
    MAPPING_STAGE, OCCUPATION_DATA_FILE, TASK_RATINGS_FILE, TASK_STATEMENTS_FILE,
    WORK_CONTEXT_FILE,
};
use atlas::report::ReportSource;
use common::{empty_database, quote_function, search_key, table_columns};
use tempfile::TempDir;

use test_support::{changed_copy, edit_cells, fixture, read_fixture, zip_directory};

const FIXTURE_RELEASE: &str = "99.1";
const NURSES: &str = "29-1141.00";

async fn import(pool: &Pool, path: &Path) -> Result<ImportOutcome, ImportError> {
    import_release(pool, path, false, &NoProgress).await
}

fn imported(outcome: ImportOutcome) -> atlas::onet::import::ImportSummary {
    match outcome {
        ImportOutcome::Imported(summary) => summary,
        ImportOutcome::Unchanged(summary) => {
            panic!("expected an import, got Unchanged: {summary:?}")
        }
    }
}

/// The fixture with its Read Me naming `release` instead of 99.1.
fn fixture_as_release(release: &str) -> (TempDir, std::path::PathBuf) {
    let read_me = format!("O*NET {release} Database (test fixture)\n");
    changed_copy("release", move |name, text| {
        Some(if name == "Read Me.txt" {
            read_me.clone()
        } else {
            text
        })
    })
}

/// Every row of every table the import or the catalog writes, each row as its quoted columns, in
/// a fixed order, so that two dumps are equal exactly when the database content is.
async fn dump(pool: &Pool) -> Vec<(String, Vec<String>)> {
    let tables = [
        ("major_groups", "code, title"),
        ("catalog_state", "*"),
        ("onet_import", "*"),
        ("occupations", "*"),
        ("tasks", "*"),
        ("evidence", "*"),
        ("occupation_search", "key, title, alt_titles, task_text"),
    ];
    let quote = quote_function(pool.backend());
    let mut dumped = Vec::new();
    for (table, columns) in tables {
        let names: Vec<String> = if columns == "*" {
            table_columns(pool, table).await
        } else {
            columns
                .split(", ")
                .map(|name| name.replace("key", search_key(pool.backend())))
                .collect()
        };
        let row_text = names
            .iter()
            .map(|name| format!("{quote}({name})"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {row_text} FROM {table} ORDER BY 1"))
                .fetch_all(pool.any())
                .await
                .expect("rows");
        dumped.push((table.to_owned(), rows));
    }
    dumped
}

async fn count(pool: &Pool, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(pool.any())
        .await
        .expect(sql)
}

fn onet_query() -> ListQuery {
    ListQuery {
        source: Some(SourceFilter::Onet),
        per_page: 100,
        ..ListQuery::default()
    }
}

#[tokio::test]
async fn a_release_is_stored_with_its_tasks_shares_ratings_and_explanations() {
    let (_directory, pool) = empty_database().await;
    let release = read_fixture();
    let summary = imported(import(&pool, &fixture()).await.expect("import"));

    let task_total: usize = release.occupations.iter().map(|o| o.tasks.len()).sum();
    assert_eq!(summary.state.release, FIXTURE_RELEASE);
    assert_eq!(
        summary.state.occupation_count,
        release.occupations.len() as i64
    );
    assert_eq!(summary.state.task_count, task_total as i64);
    assert_eq!(summary.skipped, release.skipped);
    assert_eq!(summary.dropped_tasks, release.dropped_tasks);
    assert_eq!(summary.replaced_release, None);
    assert_eq!(
        onet_import_state(&pool).await.unwrap(),
        Some(summary.state.clone())
    );

    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM occupations WHERE source = 'onet' AND source_release = '99.1'"
        )
        .await,
        release.occupations.len() as i64
    );
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM occupations").await,
        release.occupations.len() as i64
    );
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM tasks").await,
        task_total as i64
    );
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM evidence").await, 0);
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM tasks WHERE archetype IS NOT NULL"
        )
        .await,
        0
    );

    for occupation in &release.occupations {
        let (note, group): (String, String) =
            sqlx::query_as("SELECT note, major_group FROM occupations WHERE code = $1")
                .bind(&occupation.code)
                .fetch_one(pool.any())
                .await
                .unwrap();
        assert_eq!(note, occupation.description);
        assert_eq!(group, occupation.code[..2]);
        let tasks: Vec<(f64, i64, i64, i64, i64, String)> = sqlx::query_as(
            "SELECT t.share, t.standardization, t.error_tolerance, t.verifiability, t.frequency, t.rationale
             FROM tasks t JOIN occupations o ON o.id = t.occupation_id WHERE o.code = $1 ORDER BY t.position",
        )
        .bind(&occupation.code)
        .fetch_all(pool.any())
        .await
        .unwrap();
        assert_eq!(tasks.len(), occupation.tasks.len());
        for (stored, task) in tasks.iter().zip(&occupation.tasks) {
            assert_eq!(stored.0, task.share, "{} {}", occupation.code, task.task_id);
            let ratings = task.ratings;
            assert_eq!(
                [stored.1, stored.2, stored.3, stored.4],
                [
                    i64::from(ratings.standardization.value()),
                    i64::from(ratings.error_tolerance.value()),
                    i64::from(ratings.verifiability.value()),
                    i64::from(ratings.frequency.value()),
                ]
            );
            assert_eq!(stored.5, task.explanation);
        }
        let share_total: f64 = tasks.iter().map(|task| task.0).sum();
        assert!(
            (share_total - 100.0).abs() < 1e-9,
            "{}: {share_total}",
            occupation.code
        );
    }

    // The report recomputes the assessment; imported tasks differ in pattern within an occupation.
    let mut varied = 0;
    for occupation in &release.occupations {
        let report = occupation_report(&pool, &occupation.code, None)
            .await
            .unwrap()
            .expect("stored");
        assert_eq!(
            report.source,
            ReportSource::Onet {
                release: FIXTURE_RELEASE.to_owned()
            }
        );
        let patterns: BTreeSet<_> = report
            .assessment
            .tasks
            .iter()
            .map(|task| task.assessment.pattern)
            .collect();
        if patterns.len() > 1 {
            varied += 1;
        }
    }
    assert!(
        varied >= 2,
        "only {varied} occupations have tasks of more than one pattern"
    );

    let listed = list_occupations(&pool, &onet_query()).await.unwrap();
    let codes: Vec<&str> = listed.items.iter().map(|item| item.code.as_str()).collect();
    let expected: Vec<&str> = release
        .occupations
        .iter()
        .map(|o| o.code.as_str())
        .collect();
    assert_eq!(
        codes.iter().copied().collect::<BTreeSet<_>>(),
        expected.iter().copied().collect()
    );
    assert!(listed
        .items
        .iter()
        .all(|item| item.source_release.as_deref() == Some(FIXTURE_RELEASE)));
}

#[tokio::test]
async fn full_task_statements_are_searchable() {
    let (_directory, pool) = empty_database().await;
    import(&pool, &fixture()).await.expect("import");
    let query = ListQuery {
        q: Some("blueprints wiring".to_owned()),
        ..onet_query()
    };
    let found = list_occupations(&pool, &query).await.unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].code, "47-2111.00");
    assert!(found.items[0]
        .matched_task
        .as_deref()
        .unwrap_or("")
        .contains("blueprints"));
}

#[tokio::test]
async fn every_stage_reports_progress_and_storing_counts_every_occupation() {
    let (_directory, pool) = empty_database().await;
    let progress = test_support::RecordingProgress::default();
    let summary = imported(
        import_release(&pool, &fixture(), false, &progress)
            .await
            .expect("import"),
    );
    let stages = progress.stages.borrow();
    let names: Vec<&str> = stages.iter().map(|(name, _, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            OCCUPATION_DATA_FILE,
            TASK_STATEMENTS_FILE,
            TASK_RATINGS_FILE,
            WORK_CONTEXT_FILE,
            MAPPING_STAGE,
            ASSESSING_STAGE,
            STORING_STAGE
        ]
    );
    let storing = stages.last().unwrap();
    assert_eq!(storing.1, summary.state.occupation_count as u64);
    assert_eq!(storing.2, storing.1);
    assert_eq!(*progress.finished.borrow(), stages.len());
}

#[tokio::test]
async fn a_zip_archive_stores_exactly_what_its_directory_stores() {
    let (_from_directory, directory_pool) = empty_database().await;
    import(&directory_pool, &fixture())
        .await
        .expect("directory import");

    let archive_folder = tempfile::tempdir().unwrap();
    let archive = archive_folder.path().join("db_99_1_text.zip");
    zip_directory(&fixture(), &archive, "db_99_1_text/");
    let (_from_zip, zip_pool) = empty_database().await;
    let summary = imported(import(&zip_pool, &archive).await.expect("zip import"));
    assert_eq!(summary.state.release, FIXTURE_RELEASE);

    let without_date = |mut dumped: Vec<(String, Vec<String>)>| {
        dumped.retain(|(table, _)| table != "onet_import");
        dumped
    };
    assert_eq!(
        without_date(dump(&zip_pool).await),
        without_date(dump(&directory_pool).await)
    );
    let directory_state = onet_import_state(&directory_pool).await.unwrap().unwrap();
    assert_eq!(summary.state.content_hash, directory_state.content_hash);
}

/// Imports the fixture as release 98.0, then `broken` (a copy of the fixture as 99.1 with one
/// change), and checks that the error is the reader's and the database is exactly as before.
async fn assert_broken_release_changes_nothing(
    change: impl Fn(&str, String) -> Option<String>,
) -> OnetError {
    let (_directory, pool) = empty_database().await;
    let (_older, older) = fixture_as_release("98.0");
    import(&pool, &older).await.expect("first import");
    let before = dump(&pool).await;
    let (_broken, broken) = changed_copy("broken", change);
    let error = match import(&pool, &broken).await {
        Err(ImportError::Read(error)) => error,
        other => panic!("expected a read error, got {other:?}"),
    };
    assert_eq!(dump(&pool).await, before);
    error
}

#[tokio::test]
async fn a_missing_file_stores_nothing() {
    let error = assert_broken_release_changes_nothing(|name, text| {
        (name != TASK_RATINGS_FILE).then_some(text)
    })
    .await;
    assert!(
        matches!(&error, OnetError::MissingFile(file) if file == TASK_RATINGS_FILE),
        "{error}"
    );
}

#[tokio::test]
async fn a_missing_column_stores_nothing() {
    let error = assert_broken_release_changes_nothing(|name, text| {
        Some(if name == WORK_CONTEXT_FILE {
            text.replacen("Data Value", "Value", 1)
        } else {
            text
        })
    })
    .await;
    assert_eq!(
        error.to_string(),
        format!("{WORK_CONTEXT_FILE}: missing required column \"Data Value\"")
    );
}

#[tokio::test]
async fn a_malformed_row_stores_nothing_and_names_file_line_and_column() {
    let error = assert_broken_release_changes_nothing(|name, text| {
        Some(if name == TASK_RATINGS_FILE {
            // Line 3 is the second data row; column 8 is Data Value.
            edit_cells(&text, |line, cells| {
                if line == 3 {
                    cells[7] = "high".to_owned();
                }
            })
        } else {
            text
        })
    })
    .await;
    assert_eq!(
        error.to_string(),
        format!("{TASK_RATINGS_FILE}:3:8 (Data Value): expected a number, got \"high\"")
    );
}

#[tokio::test]
async fn importing_the_same_release_again_changes_nothing() {
    let (_directory, pool) = empty_database().await;
    let first = imported(import(&pool, &fixture()).await.expect("first import"));
    let before = dump(&pool).await;
    match import(&pool, &fixture()).await.expect("second import") {
        ImportOutcome::Unchanged(summary) => assert_eq!(summary.state, first.state),
        other => panic!("expected Unchanged, got {other:?}"),
    }
    // Forcing does not rewrite identical content either.
    let forced = import_release(&pool, &fixture(), true, &NoProgress)
        .await
        .expect("forced");
    assert!(matches!(forced, ImportOutcome::Unchanged(_)));
    assert_eq!(dump(&pool).await, before);
}

#[tokio::test]
async fn a_newer_release_replaces_the_older_import() {
    let (_directory, pool) = empty_database().await;
    let (_older_copy, older) = changed_copy("older", |name, text| {
        Some(match name {
            "Read Me.txt" => "O*NET 98.0 Database (test fixture)\n".to_owned(),
            OCCUPATION_DATA_FILE => text.replace("Registered Nurses", "Nurses (old title)"),
            _ => text,
        })
    });
    imported(import(&pool, &older).await.expect("older import"));
    let summary = imported(import(&pool, &fixture()).await.expect("newer import"));
    assert_eq!(summary.replaced_release.as_deref(), Some("98.0"));
    assert_eq!(summary.state.release, FIXTURE_RELEASE);
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM occupations WHERE source_release <> '99.1'"
        )
        .await,
        0
    );
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM occupations").await,
        summary.state.occupation_count
    );
    let title: String = sqlx::query_scalar("SELECT title FROM occupations WHERE code = $1")
        .bind(NURSES)
        .fetch_one(pool.any())
        .await
        .unwrap();
    assert_eq!(title, "Registered Nurses");
    // The old title is gone from the search index too.
    let query = ListQuery {
        q: Some("old title".to_owned()),
        ..onet_query()
    };
    assert_eq!(list_occupations(&pool, &query).await.unwrap().total, 0);
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM occupation_search").await,
        summary.state.occupation_count
    );
}

#[tokio::test]
async fn an_older_release_is_refused_unless_forced() {
    let (_directory, pool) = empty_database().await;
    import(&pool, &fixture()).await.expect("import");
    let before = dump(&pool).await;
    let (_older_copy, older) = fixture_as_release("98.0");
    match import(&pool, &older).await {
        Err(error @ ImportError::OlderRelease { .. }) => {
            let message = error.to_string();
            assert!(
                message.contains("98.0") && message.contains("99.1"),
                "{message}"
            );
            assert!(message.contains("--force"), "{message}");
        }
        other => panic!("expected OlderRelease, got {other:?}"),
    }
    assert_eq!(dump(&pool).await, before);

    let forced = imported(
        import_release(&pool, &older, true, &NoProgress)
            .await
            .expect("forced import"),
    );
    assert_eq!(forced.state.release, "98.0");
    assert_eq!(forced.replaced_release.as_deref(), Some(FIXTURE_RELEASE));
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM occupations WHERE source_release = '98.0'"
        )
        .await,
        forced.state.occupation_count
    );
}

#[tokio::test]
async fn a_failure_half_way_through_storing_leaves_the_database_as_it_was() {
    let (_directory, pool) = empty_database().await;
    let (_older_copy, older) = fixture_as_release("98.0");
    import(&pool, &older).await.expect("first import");
    // The last occupation's last task: every other occupation is written before this fails.
    common::fail_inserts_when(
        &pool,
        "fail_half_way",
        "tasks",
        "NEW.title LIKE '%Train apprentices%'",
        "boom",
    )
    .await;
    let before = dump(&pool).await;
    let progress = test_support::RecordingProgress::default();
    match import_release(&pool, &fixture(), false, &progress).await {
        Err(ImportError::Database(error)) => assert!(error.to_string().contains("boom"), "{error}"),
        other => panic!("expected a database error, got {other:?}"),
    }
    // The failure came after other occupations had been written in the transaction.
    let storing = progress.stages.borrow().last().cloned().unwrap();
    assert_eq!(storing.0, STORING_STAGE);
    assert!(
        storing.2 >= 3,
        "only {} occupations were written before the failure",
        storing.2
    );
    assert_eq!(dump(&pool).await, before);
}

#[tokio::test]
async fn curated_occupations_win_and_a_catalog_reload_keeps_the_import() {
    let app = common::spawn_app().await;
    let pool = &app.state.pool;
    let curated_before: Vec<(String, String)> = sqlx::query_as(
        "SELECT code, title FROM occupations WHERE source = 'curated' ORDER BY code",
    )
    .fetch_all(pool.any())
    .await
    .unwrap();
    let summary = imported(import(pool, &fixture()).await.expect("import"));
    let curated_after: Vec<(String, String)> = sqlx::query_as(
        "SELECT code, title FROM occupations WHERE source = 'curated' ORDER BY code",
    )
    .fetch_all(pool.any())
    .await
    .unwrap();
    assert_eq!(curated_after, curated_before);

    // 29-1141.00 is in the shipped catalog and in the fixture.
    let default_list: serde_json::Value = app
        .get("/api/v1/occupations?q=registered+nurses")
        .await
        .json()
        .await
        .unwrap();
    let nurses: Vec<&serde_json::Value> = default_list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["code"] == NURSES)
        .collect();
    assert_eq!(nurses.len(), 1, "{default_list}");
    assert_eq!(nurses[0]["source"], "curated");

    let onet_list: serde_json::Value = app
        .get("/api/v1/occupations?source=onet&per_page=100")
        .await
        .json()
        .await
        .unwrap();
    let onet_codes: BTreeSet<&str> = onet_list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["code"].as_str().unwrap())
        .collect();
    assert!(onet_codes.contains(NURSES), "{onet_list}");
    assert_eq!(onet_codes.len() as i64, summary.state.occupation_count);
    let detail: serde_json::Value = app
        .get(&format!("/api/v1/occupations/{NURSES}?source=onet"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["source"], "onet");
    assert_eq!(detail["source_release"], FIXTURE_RELEASE);
    let page = app
        .get("/occupations?source=onet")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Registered Nurses"));

    let imported_only = format!(
        "SELECT COUNT(*) FROM occupation_search s JOIN occupations o ON o.id = s.{} WHERE o.source = 'onet'",
        search_key(pool.backend())
    );
    assert_eq!(
        sqlx::query_scalar::<_, i64>(&imported_only)
            .fetch_one(pool.any())
            .await
            .unwrap(),
        summary.state.occupation_count
    );
    let onet_before = onet_dump(pool).await;
    atlas::catalog::sync_catalog(pool, &common::repo_root().join("data"), true)
        .await
        .expect("catalog reload");
    assert_eq!(onet_dump(pool).await, onet_before);
    let search = ListQuery {
        q: Some("apprentices".to_owned()),
        ..onet_query()
    };
    assert_eq!(list_occupations(pool, &search).await.unwrap().total, 1);
}

/// The imported rows, their tasks and search entries, and the import record.
async fn onet_dump(pool: &Pool) -> Vec<String> {
    let q = quote_function(pool.backend());
    let key = search_key(pool.backend());
    let mut rows: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT {q}(o.id) || {q}(o.code) || {q}(o.title) || {q}(o.verdict) || {q}(t.position)
                || {q}(t.title) || {q}(t.share) || {q}(t.rationale)
         FROM occupations o JOIN tasks t ON t.occupation_id = o.id WHERE o.source = 'onet' ORDER BY 1"
    ))
    .fetch_all(pool.any())
    .await
    .unwrap();
    rows.extend(
        sqlx::query_scalar::<_, String>(&format!(
            "SELECT {q}(s.{key}) || {q}(s.title) || {q}(s.task_text) FROM occupation_search s
             JOIN occupations o ON o.id = s.{key} WHERE o.source = 'onet' ORDER BY 1"
        ))
        .fetch_all(pool.any())
        .await
        .unwrap(),
    );
    rows.extend(
        sqlx::query_scalar::<_, String>(&format!(
            "SELECT {q}(release) || {q}(content_hash) || {q}(imported_at) FROM onet_import"
        ))
        .fetch_all(pool.any())
        .await
        .unwrap(),
    );
    rows
}

#[tokio::test]
async fn the_methodology_page_shows_the_onet_mapping() {
    let app = common::spawn_app().await;
    let page = app.get("/methodology").await.text().await.unwrap();
    assert!(
        page.contains("Importing O*NET"),
        "the mapping section is on the page"
    );
    assert!(page.contains("4.C.3.a.1"), "element IDs are on the page");
    assert!(page.contains("Recommend Suppress = Y"));
}

// Before, the downloads and the comparison named only the code, so they served the curated entry.
#[tokio::test]
async fn an_imported_occupations_page_and_comparison_serve_the_imported_entry() {
    let app = common::spawn_app().await;
    imported(import(&app.state.pool, &fixture()).await.expect("import"));
    let attribution = atlas::report::ONET_ATTRIBUTION;
    let client = &app;
    let text = |path: String| async move { client.get(&path).await.text().await.unwrap() };
    let page = text(format!("/occupations/{NURSES}?source=onet")).await;
    let imported_csv = format!("/occupations/{NURSES}/onet/summary.csv");
    assert!(
        page.contains(&imported_csv),
        "the page links {imported_csv}"
    );
    let csv = text(imported_csv).await;
    assert!(csv.contains(attribution), "{csv}");
    let curated_csv = text(format!("/occupations/{NURSES}/summary.csv")).await;
    assert!(!curated_csv.contains(attribution), "{curated_csv}");
    let unknown_source = app
        .get(&format!("/occupations/{NURSES}/elsewhere/summary.csv"))
        .await;
    assert_eq!(unknown_source.status(), 404);

    let comparison = text(format!("/compare?codes=onet:{NURSES},{NURSES}")).await;
    assert!(
        comparison.contains(&format!("href=\"/occupations/{NURSES}?source=onet\"")),
        "the imported entry's column links its page"
    );
    let downloads = format!("/compare/summary.csv?codes=onet:{NURSES},{NURSES}");
    assert!(comparison.contains(&downloads), "{downloads}");
    let csv = text(downloads).await;
    assert!(csv.contains(attribution), "{csv}");
}
