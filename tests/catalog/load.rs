//! Loading into a real SQLite file: idempotent, reloads on change, all or nothing.

use std::path::Path;

use atlas::catalog::{sync_catalog, LoadError, LoadOutcome};
use atlas::db::catalog::{catalog_state, CatalogState};
use sqlx::SqlitePool;

use crate::{edit, valid_copy, HEALTH, OFFICE};

async fn migrated_database(dir: &Path) -> SqlitePool {
    let url = format!("sqlite://{}", dir.join("atlas.db").display());
    let pool = atlas::db::connect(&url).await.expect("connect");
    atlas::db::migrate(&pool).await.expect("migrate");
    pool
}

/// Row counts of the catalog tables, in a fixed order.
async fn row_counts(pool: &SqlitePool) -> [i64; 6] {
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
            .fetch_one(pool)
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

async fn stored_catalog(pool: &SqlitePool) -> StoredCatalog {
    let occupations =
        sqlx::query_as("SELECT code, title, verdict FROM occupations ORDER BY code, source")
            .fetch_all(pool)
            .await
            .unwrap();
    let tasks = sqlx::query_as(
        "SELECT o.code, t.position, t.title, t.frequency FROM tasks t
         JOIN occupations o ON o.id = t.occupation_id ORDER BY o.code, t.position",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let state = catalog_state(pool).await.unwrap();
    StoredCatalog {
        occupations,
        tasks,
        state,
    }
}

async fn stored_frequency(pool: &SqlitePool, code: &str, position: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT t.frequency FROM tasks t JOIN occupations o ON o.id = t.occupation_id
         WHERE o.code = ? AND t.position = ?",
    )
    .bind(code)
    .bind(position)
    .fetch_one(pool)
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
    let pool = migrated_database(data.path()).await;
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
    let pool = migrated_database(data.path()).await;
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
    let pool = migrated_database(data.path()).await;
    loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    let before = stored_catalog(&pool).await;
    assert_eq!((before.occupations.len(), before.tasks.len()), (3, 15));
    let counts = row_counts(&pool).await;
    // The last task of the last occupation makes SQLite abort, after every earlier row of the new
    // catalog (and the deletion of the old one) has been written inside the transaction.
    let failing_title = "Sort incoming mail and parcels for the whole building";
    sqlx::query(&format!(
        "CREATE TRIGGER fail_the_load BEFORE INSERT ON tasks WHEN NEW.title = '{failing_title}'
         BEGIN SELECT RAISE(ABORT, 'boom'); END"
    ))
    .execute(&pool)
    .await
    .unwrap();
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
    sqlx::query("DROP TRIGGER fail_the_load")
        .execute(&pool)
        .await
        .unwrap();
    loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    let after = stored_catalog(&pool).await;
    assert!(after.tasks.iter().any(|task| task.2 == failing_title));
}

#[tokio::test]
async fn invalid_files_load_nothing_and_keep_the_previous_catalog() {
    let data = valid_copy();
    let pool = migrated_database(data.path()).await;
    loaded(sync_catalog(&pool, data.path(), false).await.unwrap());
    let before = stored_catalog(&pool).await;
    edit(data.path(), OFFICE, "\"mail_handling\"", "\"post_room\"");
    let result = sync_catalog(&pool, data.path(), true).await;
    assert!(matches!(result, Err(LoadError::Invalid(_))), "{result:?}");
    assert_eq!(stored_catalog(&pool).await, before);
}
