//! Published measures and employment (issue #18) end to end on a real database (SQLite, or
//! PostgreSQL when `ATLAS_TEST_DATABASE_URL` is set): the shipped figures reach the API, the
//! occupation page, the list and `/measures`; `atlas import measures` reads a user's file by its
//! header, reports how its codes matched, and stores nothing from a broken file.
//!
//! The shipped figures are the project's own files under data/measures (codes and numbers
//! written by scripts/measures/write_figures.py); the import fixtures in tests/fixtures/measures
//! are invented.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use atlas::measures::import::{import_measure, ImportMeasureError, MeasureOptions};
use atlas::measures::with_thousands;
use atlas::onet::NoProgress;
use common::{repo_root, spawn_app};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/measures").join(name)
}

/// The shipped employment file's figures for `soc`, read here without the app's reader.
fn shipped_employment(soc: &str) -> Option<i64> {
    let text = std::fs::read_to_string(repo_root().join("data/measures/oews-2024-employment.csv"))
        .unwrap();
    text.lines()
        .skip(1)
        .map(|line| line.split(',').collect::<Vec<_>>())
        .find(|fields| fields[0] == soc && fields[1] == "detailed")
        .and_then(|fields| fields[2].parse().ok())
}

/// The names and titles of the shipped measures, from data/measures/measures.toml.
fn shipped_measures() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo_root().join("data/measures/measures.toml")).unwrap();
    let parsed: toml::Value = toml::from_str(&text).unwrap();
    parsed["measure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|measure| {
            (
                measure["name"].as_str().unwrap().to_string(),
                measure["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn detail(app: &common::TestApp, code: &str) -> Value {
    let response = app.get(&format!("/api/v1/occupations/{code}")).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn measures_by_name(detail: &Value) -> HashMap<String, Value> {
    detail["published_measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|reading| {
            (
                reading["name"].as_str().unwrap().to_string(),
                reading.clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn shipped_figures_reach_the_api_the_occupation_page_and_the_list() {
    let app = spawn_app().await;
    let keyers = detail(&app, "43-9021.00").await;
    let readings = measures_by_name(&keyers);
    for (name, _) in shipped_measures() {
        let reading = &readings[&name];
        let percentile = reading["percentile"].as_f64().unwrap();
        let atlas = reading["atlas_percentile"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&percentile), "{name}: {percentile}");
        assert!((0.0..=100.0).contains(&atlas), "{name}: {atlas}");
        // A reason is given exactly when the two percentiles are far apart.
        assert_eq!(
            reading["disagreement"].is_string(),
            (percentile - atlas).abs() > 40.0,
            "{name}: {reading}"
        );
    }
    let workers = shipped_employment("43-9021").expect("the shipped file has data entry keyers");
    assert_eq!(keyers["employment"]["employment"], workers);
    assert_eq!(keyers["employment"]["matched"], "exact");

    let page = app
        .get("/occupations/43-9021.00")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("How others rate this occupation"));
    assert!(
        page.contains(&with_thousands(workers)),
        "the page shows {workers} workers"
    );
    for (_, title) in shipped_measures() {
        assert!(page.contains(&title.replace('&', "&amp;")), "{title}");
    }

    let list: Value = app
        .get("/api/v1/occupations?sort=employment&per_page=100")
        .await
        .json()
        .await
        .unwrap();
    let workers: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["employment"]["employment"].as_i64().unwrap_or(-1))
        .collect();
    assert!(
        workers.windows(2).all(|pair| pair[0] >= pair[1]),
        "{workers:?}"
    );
    assert!(workers[0] > workers[workers.len() - 1]);
}

#[tokio::test]
async fn a_profile_has_no_published_figures() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/assessments"))
        .json(&serde_json::json!({
            "name": "A profile",
            "tasks": [{"title": "Enter orders", "share": 100, "kind": "moving_information",
                       "ratings": {"standardization": 5, "error_tolerance": 4, "verifiability": 5, "frequency": 5}}]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["published_measures"], serde_json::json!([]));
    assert!(body["employment"].is_null());
}

#[tokio::test]
async fn the_measures_page_describes_every_measure_with_its_coverage_and_correlations() {
    let app = spawn_app().await;
    let response = app.get("/measures").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    for (name, title) in shipped_measures() {
        assert!(page.contains(&format!("id=\"{name}\"")), "{name}");
        assert!(page.contains(&title.replace('&', "&amp;")), "{title}");
    }
    assert_eq!(
        page.matches("catalog occupations</strong>").count(),
        shipped_measures().len()
    );
    // One line per Atlas figure in each measure's section.
    assert_eq!(
        page.matches("Spearman ρ with the").count(),
        3 * shipped_measures().len()
    );
    assert!(page.contains("data-echarts"));
}

#[tokio::test]
async fn importing_a_measure_by_its_header_reports_matches_and_shows_it() {
    let app = spawn_app().await;
    let pool = &app.state.pool;
    let report = import_measure(
        pool,
        "observed_exposure",
        &fixture("job_exposure.csv"),
        MeasureOptions {
            title: Some("Observed exposure".into()),
            ..MeasureOptions::default()
        },
        &NoProgress,
    )
    .await
    .unwrap();
    assert_eq!(report.rows, 4);
    assert_eq!(report.code_column, "occ_code");
    assert_eq!(report.value_column, "observed_exposure");
    assert_eq!(report.unmatched, vec!["99-9999".to_string()]);
    // The three real codes are catalog occupations of their own (".00").
    assert!(report.matched >= 3, "{report:?}");
    let keyers = detail(&app, "43-9021.00").await;
    let reading = &measures_by_name(&keyers)["observed_exposure"];
    assert_eq!(reading["value"], 0.61);
    assert_eq!(reading["title"], "Observed exposure");
    // Of the four codes the file rates, two are below the keyers' 0.61: (2 + ½) / 4.
    assert_eq!(reading["percentile"], 62.5);
    assert_eq!(reading["covers"], 4);
}

#[tokio::test]
async fn a_broken_file_names_its_line_and_stores_nothing() {
    let app = spawn_app().await;
    let pool = &app.state.pool;
    import_measure(
        pool,
        "observed_exposure",
        &fixture("job_exposure.csv"),
        MeasureOptions::default(),
        &NoProgress,
    )
    .await
    .unwrap();
    for (file, line, field) in [
        ("job_exposure_bad_code.csv", 4, "occ_code"),
        ("job_exposure_bad_value.csv", 3, "observed_exposure"),
    ] {
        let error = import_measure(
            pool,
            "observed_exposure",
            &fixture(file),
            MeasureOptions::default(),
            &NoProgress,
        )
        .await
        .unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, ImportMeasureError::File(_)), "{message}");
        assert!(message.contains(&format!("{file}:{line}")), "{message}");
        assert!(message.contains(field), "{message}");
        // The earlier import is still what is stored.
        let keyers = detail(&app, "43-9021.00").await;
        assert_eq!(
            measures_by_name(&keyers)["observed_exposure"]["value"],
            0.61,
            "{file}"
        );
    }
    let error = import_measure(
        pool,
        "Bad Name",
        &fixture("job_exposure.csv"),
        MeasureOptions::default(),
        &NoProgress,
    )
    .await
    .unwrap_err();
    assert!(error.to_string().contains("Bad Name"));
}
