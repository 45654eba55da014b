//! Several app instances on one database, as in a deployment behind a load balancer (on
//! PostgreSQL when `ATLAS_TEST_DATABASE_URL` is set, else two pools on one SQLite file): what
//! one instance writes, the other reads, edits and deletes, and the catalog is loaded once.

mod common;

use atlas::db::catalog::catalog_state;
use common::{spawn_app, spawn_app_sharing};
use serde_json::{json, Value};

fn profile_body(name: &str) -> Value {
    json!({
        "name": name,
        "tasks": [
            {"title": "Read screening mammograms", "share": 60,
             "ratings": {"standardization": 5, "error_tolerance": 1, "verifiability": 4, "frequency": 5}},
            {"title": "Discuss findings with patients", "share": 40,
             "ratings": {"standardization": 2, "error_tolerance": 2, "verifiability": 2, "frequency": 3}}
        ]
    })
}

#[tokio::test]
async fn a_profile_created_through_one_instance_is_read_edited_and_deleted_through_the_other() {
    let first = spawn_app().await;
    let second = spawn_app_sharing(&first).await;

    let created = first
        .client
        .post(first.url("/api/v1/profiles"))
        .json(&profile_body("Screening radiologist"))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    let token = created["edit_token"].as_str().unwrap();
    let path = format!("/api/v1/profiles/{id}");

    let read: Value = second.get(&path).await.json().await.unwrap();
    assert_eq!(read["name"], "Screening radiologist");
    assert_eq!(read["tasks"].as_array().unwrap().len(), 2);

    let edited = second
        .client
        .put(second.url(&path))
        .bearer_auth(token)
        .json(&profile_body("Breast radiologist"))
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), 200);
    let read_back: Value = first.get(&path).await.json().await.unwrap();
    assert_eq!(read_back["name"], "Breast radiologist");

    let deleted = second
        .client
        .delete(second.url(&path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(first.get(&path).await.status(), 404);
    assert_eq!(second.get(&path).await.status(), 404);
}

#[tokio::test]
async fn a_catalog_load_by_one_instance_is_seen_by_the_other() {
    let first = spawn_app().await;
    let loaded = catalog_state(&first.state.pool).await.unwrap().unwrap();
    // The second instance starts on the loaded database and finds the catalog current.
    let second = spawn_app_sharing(&first).await;
    assert_eq!(
        catalog_state(&second.state.pool).await.unwrap().as_ref(),
        Some(&loaded)
    );
    let list = |app: &common::TestApp| {
        let url = app.url("/api/v1/occupations?q=nurse&per_page=100");
        let client = app.client.clone();
        async move {
            let body: Value = client.get(url).send().await.unwrap().json().await.unwrap();
            body
        }
    };
    let seen_by_first = list(&first).await;
    assert!(
        seen_by_first["total"].as_u64().unwrap() > 0,
        "{seen_by_first}"
    );
    assert_eq!(list(&second).await, seen_by_first);

    // A forced reload through the first is what the second then reports.
    let reloaded = match atlas::catalog::sync_catalog(
        &first.state.pool,
        &common::repo_root().join("data"),
        true,
    )
    .await
    .unwrap()
    {
        atlas::catalog::LoadOutcome::Loaded(state) => state,
        other => panic!("expected a load, got {other:?}"),
    };
    assert_eq!(
        catalog_state(&second.state.pool).await.unwrap(),
        Some(reloaded)
    );
}
