//! Starts the real app on port 0 against a fresh SQLite file, for tests that talk HTTP.

#![allow(dead_code)] // each test binary uses a different part of this helper

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use atlas::server::{self, config::Config, AppState};
use tokio::sync::oneshot;

/// A running app. Dropping it shuts the server down and deletes its database and site folder.
pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// The repository root, where `public/`, `style/` and `data/` live.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lays out a site root the way scripts/build-site.sh does for the files that need no compiler:
/// `public/*` at the top and the stylesheet as `pkg/atlas.css`.
fn lay_out_site(site: &Path) {
    copy_dir(&repo_root().join("public"), site);
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::copy(
        repo_root().join("style/main.css"),
        site.join("pkg/atlas.css"),
    )
    .unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Starts the app with the shipped data directory.
pub async fn spawn_app() -> TestApp {
    spawn_app_with_data(repo_root().join("data")).await
}

/// Starts the app reading its catalog from `data_dir`.
pub async fn spawn_app_with_data(data_dir: PathBuf) -> TestApp {
    spawn_app_with(data_dir, |_| {}).await
}

/// Starts the app with the shipped data and `adjust` applied to the test configuration.
pub async fn spawn_app_with_config(adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_with(repo_root().join("data"), adjust).await
}

async fn spawn_app_with(data_dir: PathBuf, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    lay_out_site(&site);
    let database = dir.path().join("atlas.db");
    let mut config = Config {
        database_url: format!("sqlite://{}", database.display()),
        listen_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: site,
        data_dir,
        log_json: false,
        // High enough that no test except the rate-limit one meets the limit.
        write_rate_per_minute: 100_000,
        write_burst: 1_000,
        trust_forwarded_for: false,
        http: Default::default(),
    };
    adjust(&mut config);
    let state = AppState::prepare(config).await.expect("app state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (shutdown, shutdown_received) = oneshot::channel::<()>();
    let serve_state = state.clone();
    tokio::spawn(async move {
        server::serve(listener, serve_state, async {
            let _ = shutdown_received.await;
        })
        .await
        .expect("server failed");
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        state,
        shutdown: Some(shutdown),
        _dir: dir,
    }
}
