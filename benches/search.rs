//! Criterion benchmark of catalog search on the server: `db::occupations::list_occupations` with a
//! search term, against the shipped catalog loaded into a SQLite file in a temporary directory
//! (the same FTS5 query, count and page of results that `/occupations?q=…` and the API run).
//! The database is built once, outside the timed loop. Figures: BENCHMARKS.md, "Search".
//!
//! With `ATLAS_BENCH_ONET=<O*NET release directory or zip>`, the release is imported on top of the
//! shipped catalog first, so that the search runs over about a thousand occupations and twenty
//! thousand tasks — the largest catalog a deployment has.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use atlas::browse::{ListQuery, RawListQuery};
use atlas::catalog::sync_catalog;
use atlas::db;

fn query(raw: RawListQuery) -> ListQuery {
    ListQuery::parse(&raw).expect("the benchmark's queries are valid")
}

fn search(criterion: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
    let data_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let pool = runtime.block_on(async {
        let pool = db::connect(&url).await.expect("database");
        db::migrate(&pool).await.expect("migrations");
        sync_catalog(&pool, &data_dir, true)
            .await
            .expect("the shipped catalog loads");
        if let Some(release) = std::env::var_os("ATLAS_BENCH_ONET") {
            atlas::onet::import::import_release(
                &pool,
                Path::new(&release),
                false,
                &atlas::onet::NoProgress,
            )
            .await
            .expect("the O*NET release imports");
        }
        pool
    });

    let cases = [
        // A common word: many matches to count, rank and page through.
        (
            "search 'clerks' (relevance)",
            query(RawListQuery {
                q: Some("clerks".into()),
                ..Default::default()
            }),
        ),
        // Words from task statements, with a filter and a sort on top.
        (
            "search 'patient records' + verdict, by automatability",
            query(RawListQuery {
                q: Some("patient records".into()),
                verdict: Some("complement".into()),
                sort: Some("automatability".into()),
                ..Default::default()
            }),
        ),
        // A prefix as typed in the search box, matching few occupations.
        (
            "search 'radiol' (one match)",
            query(RawListQuery {
                q: Some("radiol".into()),
                ..Default::default()
            }),
        ),
        // No search term: the first page of the whole catalog, for comparison.
        ("list, no search term", query(RawListQuery::default())),
    ];
    for (name, list_query) in &cases {
        let page = runtime
            .block_on(db::occupations::list_occupations(&pool, list_query))
            .expect("the query runs");
        assert!(
            page.total > 0,
            "{name}: the benchmark query should match something"
        );
        criterion.bench_function(name, |bench| {
            bench.iter(|| {
                runtime
                    .block_on(db::occupations::list_occupations(
                        &pool,
                        black_box(list_query),
                    ))
                    .expect("the query runs")
            })
        });
    }
}

criterion_group!(benches, search);
criterion_main!(benches);
