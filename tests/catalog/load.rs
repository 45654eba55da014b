//! Loading into a real database (SQLite, or PostgreSQL when `ATLAS_TEST_DATABASE_URL` is set):
//! idempotent, reloads on change, all or nothing, and once when two loads race.

use atlas::catalog::{sync_catalog, LoadError, LoadOutcome};
use atlas::db::catalog::{catalog_state, replace_curated_catalog, CatalogState};
use atlas::db::occupations::{occupation_report, occupation_report_in};
use atlas::db::Pool;

use crate::common::{empty_database, fail_inserts_when, TestDatabase};
use crate::{edit, valid_copy, HEALTH, OFFICE};

async fn migrated_database() -> (TestDatabase, Pool) {
    empty_database().await
}

/// Row counts of the catalog tables, in a fixed order.
async fn row_counts(pool: &Pool) -> [i64; 6] {
    let mut counts = [0; 6];
    let tables = [
        "occupations",
        "tasks",
        "evidence",
        "occupation_search",
        "major_groups",
        "catalog_state",
    ];
    for (count, table) in counts.iter_mut().zip(tables) {
        *count = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(pool.any())
            .await
            .unwrap();
    }
    counts
}

/// What a failed load must keep: every stored occupation, every task, and the catalog state.
#[derive(Debug, PartialEq)]
struct StoredCatalog {
    occupations: Vec<(String, String, String)>,
    tasks: Vec<(String, i64, String, i64)>,
    state: Option<CatalogState>,
}

async fn stored_catalog(pool: &Pool) -> StoredCatalog {
    let occupations =
        sqlx::query_as("SELECT code, title, verdict FROM occupations ORDER BY code, source")
            .fetch_all(pool.any())
            .await
            .unwrap();
    let tasks = sqlx::query_as(
        "SELECT o.code, t.position, t.title, t.frequency FROM tasks t
         JOIN occupations o ON o.id = t.occupation_id ORDER BY o.code, t.position",
    )
    .fetch_all(pool.any())
    .await
    .unwrap();
    let state = catalog_state(pool).await.unwrap();
    StoredCatalog {
        occupations,
        tasks,
        state,
    }
}

async fn stored_frequency(pool: &Pool, code: &str, position: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT t.frequency FROM tasks t JOIN occupations o ON o.id = t.occupation_id
         WHERE o.code = $1 AND t.position = $2",
    )
    .bind(code)
    .bind(position)
    .fetch_one(pool.any())
    .await
    .unwrap()
}

fn loaded(outcome: LoadOutcome) -> CatalogState {
    match outcome {
        LoadOutcome::Loaded(state) => state,
        LoadOutcome::Unchanged(state) => panic!("expected a load, got Unchanged({state:?})"),
    }
}

#[tokio::test]
async fn loading_the_same_files_twice_changes_nothing() {
    let data = valid_copy();
    let (_database, pool) = migrated_database().await;
    let first = loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    assert_eq!((first.occupation_count, first.task_count), (3, 15));
    let counts = row_counts(&pool).await;
    assert_eq!(counts, [3, 15, 1, 3, 2, 1]);
    let second = sync_catalog(&pool, data.path(), false).await.unwrap();
    assert_eq!(second, LoadOutcome::Unchanged(first));
    assert_eq!(row_counts(&pool).await, counts);
}

#[tokio::test]
async fn changing_one_rating_reloads_the_catalog() {
    let data = valid_copy();
    let (_database, pool) = migrated_database().await;
    let first = loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    assert_eq!(stored_frequency(&pool, "29-1051.00", 2).await, 4);
    // Task 3 of the pharmacists already deviates from its archetype, so the rule still holds.
    let find = "frequency = 4 }\ndeviation = \"Community pharmacists";
    edit(
        data.path(),
        HEALTH,
        find,
        &find.replace("frequency = 4", "frequency = 5"),
    );
    let second = loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    assert_ne!(second.content_hash, first.content_hash);
    assert_eq!(stored_frequency(&pool, "29-1051.00", 2).await, 5);
    assert_eq!(row_counts(&pool).await, [3, 15, 1, 3, 2, 1]);
}

#[tokio::test]
async fn a_failure_inside_the_load_keeps_the_previous_catalog() {
    let data = valid_copy();
    let (_database, pool) = migrated_database().await;
    loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    let before = stored_catalog(&pool).await;
    assert_eq!((before.occupations.len(), before.tasks.len()), (3, 15));
    let counts = row_counts(&pool).await;
    // The last task of the last occupation makes the database abort, after every earlier row of the new
    // catalog (and the deletion of the old one) has been written inside the transaction.
    let failing_title = "Sort incoming mail and parcels for the whole building";
    fail_inserts_when(
        &pool,
        "fail_the_load",
        "tasks",
        &format!("NEW.title = '{failing_title}'"),
        "boom",
    )
    .await;
    edit(
        data.path(),
        OFFICE,
        "Sort incoming mail and parcels for each department",
        failing_title,
    );
    let result = sync_catalog(&pool, data.path(), false).await;
    assert!(
        matches!(&result, Err(LoadError::Database(error)) if error.to_string().contains("boom")),
        "{result:?}"
    );
    assert_eq!(stored_catalog(&pool).await, before);
    assert_eq!(row_counts(&pool).await, counts);
    // Without the trigger the same files load, so the trigger was the only thing in the way.
    crate::common::drop_trigger(&pool, "fail_the_load", "tasks").await;
    loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    let after = stored_catalog(&pool).await;
    assert!(after.tasks.iter().any(|task| task.2 == failing_title));
}

#[tokio::test]
async fn invalid_files_load_nothing_and_keep_the_previous_catalog() {
    let data = valid_copy();
    let (_database, pool) = migrated_database().await;
    loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    let before = stored_catalog(&pool).await;
    edit(data.path(), OFFICE, "\"mail_handling\"", "\"post_room\"");
    let result = sync_catalog(&pool, data.path(), true).await;
    assert!(matches!(result, Err(LoadError::Invalid(_))), "{result:?}");
    assert_eq!(stored_catalog(&pool).await, before);
}

#[tokio::test]
async fn two_loads_started_together_by_two_instances_load_the_catalog_once() {
    // Two pools on one database stand for two app processes starting at the same time with the
    // same new files. Both call the load itself, past `sync_catalog`'s unlocked first look, so
    // only the check under the load's lock (PostgreSQL's advisory lock, SQLite's write lock taken
    // at BEGIN) can stop the second from loading the same catalog again.
    let (database, first) = migrated_database().await;
    let second = atlas::db::connect(&database.url).await.expect("connect");
    let catalog = atlas::catalog::read_catalog(&crate::repo_root().join("data")).unwrap();
    let (one, two) = tokio::join!(
        replace_curated_catalog(&first, &catalog, "2025-01-01T00:00:00Z", false),
        replace_curated_catalog(&second, &catalog, "2025-01-01T00:00:01Z", false),
    );
    let outcomes = [one.expect("first load"), two.expect("second load")];
    let loaded: Vec<&CatalogState> = outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            LoadOutcome::Loaded(state) => Some(state),
            LoadOutcome::Unchanged(_) => None,
        })
        .collect();
    assert_eq!(loaded.len(), 1, "{outcomes:?}");
    // The one that did not load saw the other's catalog, and the database holds it once.
    for outcome in &outcomes {
        if let LoadOutcome::Unchanged(state) = outcome {
            assert_eq!(state, loaded[0]);
        }
    }
    assert_eq!(
        catalog_state(&second).await.unwrap().as_ref(),
        Some(loaded[0])
    );
    let counts = row_counts(&first).await;
    assert_eq!(counts[0], catalog.occupations.len() as i64);
    assert_eq!(counts[1], catalog.task_count() as i64);
    assert_eq!(counts[3], catalog.occupations.len() as i64);
}

// Before occupation_report read in one transaction, a reload committed between its reads gave a
// page that mixed versions, or an occupation whose rows had been replaced (a 500).
#[tokio::test]
async fn an_occupation_report_reads_one_snapshot_while_the_catalog_is_reloaded() {
    let data = valid_copy();
    let (_database, pool) = migrated_database().await;
    let first = loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    let mut reading = pool.begin_read().await.unwrap();
    let before = occupation_report_in(&mut reading, "29-1051.00", None)
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(
        before.catalog_version.as_deref(),
        Some(first.catalog_version.as_str())
    );
    // Another connection replaces every curated row (new ids) and commits.
    let find = "Confirm that filled bottles match the label and the order";
    edit(
        data.path(),
        HEALTH,
        find,
        "Confirm that filled bottles match the order",
    );
    let second = loaded(sync_catalog(&pool, data.path(), true).await.unwrap());
    assert_ne!(second.content_hash, first.content_hash);
    let during = occupation_report_in(&mut reading, "29-1051.00", None)
        .await
        .unwrap()
        .expect("still in the snapshot");
    assert_eq!(during, before, "the open read sees the catalog as it began");
    reading.commit().await.unwrap();
    let after = occupation_report(&pool, "29-1051.00", None)
        .await
        .unwrap()
        .expect("reloaded");
    assert_eq!(
        after.tasks[1].title,
        "Confirm that filled bottles match the order"
    );
    assert_eq!(
        after.catalog_version.as_deref(),
        Some(second.catalog_version.as_str())
    );
}
