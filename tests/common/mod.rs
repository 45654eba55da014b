//! Fresh databases and the real app on port 0, for tests that talk SQL or HTTP.
//!
//! The backend comes from `ATLAS_TEST_DATABASE_URL`: unset, every test gets its own SQLite file in
//! a temporary directory; set to a PostgreSQL URL (e.g. `postgres://postgres@127.0.0.1:5433/postgres`,
//! what `scripts/pg-cluster.sh start` prints), every test gets its own new database on that
//! server, so the same test bodies run against both backends (`scripts/test.sh` does both). The
//! databases are left for the throw-away cluster's removal. Where a test needs SQL that the two
//! dialects spell differently, the spelling is chosen here.

#![allow(dead_code)] // each test binary uses a different part of this helper

use std::hash::{BuildHasher, Hasher};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use atlas::db::{Backend, Pool};
use atlas::server::{self, config::Config, AppState};
use sqlx::Connection;
use tokio::sync::oneshot;

/// The variable that selects PostgreSQL for the tests.
pub const TEST_DATABASE_URL: &str = "ATLAS_TEST_DATABASE_URL";

/// A database of its own for one test. Keep it alive as long as the test uses the database: for
/// SQLite, dropping it deletes the file.
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
}

/// A new, empty database (not migrated) on the backend the environment selects.
pub async fn new_database() -> TestDatabase {
    sqlx::any::install_default_drivers();
    match std::env::var(TEST_DATABASE_URL) {
        Ok(base) if !base.is_empty() => {
            assert_eq!(
                Backend::from_url(&base),
                Some(Backend::Postgres),
                "{TEST_DATABASE_URL} must be a postgres:// URL"
            );
            let name = unique_database_name();
            let mut admin = sqlx::AnyConnection::connect(&base)
                .await
                .unwrap_or_else(|error| panic!("connecting to {base}: {error}"));
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("create the test database");
            admin.close().await.ok();
            TestDatabase {
                url: with_database_name(&base, &name),
                backend: Backend::Postgres,
                _dir: None,
            }
        }
        _ => {
            let dir = tempfile::tempdir().expect("temporary directory");
            let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
            TestDatabase {
                url,
                backend: Backend::Sqlite,
                _dir: Some(dir),
            }
        }
    }
}

/// A new database with the migrations applied and no catalog, and a pool on it.
pub async fn empty_database() -> (TestDatabase, Pool) {
    let database = new_database().await;
    let pool = atlas::db::connect(&database.url).await.expect("connect");
    atlas::db::migrate(&pool).await.expect("migrate");
    (database, pool)
}

/// `atlas_test_` and 16 hex digits, different for every call in every process.
fn unique_database_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    format!("atlas_test_{:016x}", hasher.finish())
}

/// `base` with its database name (the URL's path) replaced by `name`.
fn with_database_name(base: &str, name: &str) -> String {
    let (address, query) = base.split_once('?').unwrap_or((base, ""));
    let scheme_end = address.find("://").map_or(0, |index| index + 3);
    let host_end = address[scheme_end..]
        .find('/')
        .map_or(address.len(), |index| scheme_end + index);
    let mut url = format!("{}/{name}", &address[..host_end]);
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    url
}

/// The SQL function that renders any value as a literal (NULL as `NULL`), for table dumps.
pub fn quote_function(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "quote",
        Backend::Postgres => "quote_nullable",
    }
}

/// The column of `occupation_search` that holds the occupation's id.
pub fn search_key(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "occupation_id",
    }
}

/// The columns of `table`, in their order.
pub async fn table_columns(pool: &Pool, table: &str) -> Vec<String> {
    let sql = match pool.backend() {
        Backend::Sqlite => "SELECT name FROM pragma_table_info($1) ORDER BY cid",
        Backend::Postgres => {
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        }
    };
    sqlx::query_scalar(sql)
        .bind(table)
        .fetch_all(pool.any())
        .await
        .expect("columns")
}

/// Installs a trigger named `name` that makes every insert into `table` whose new row satisfies
/// `condition` (SQL over `NEW`) fail with `message`, to provoke a failure half-way through a
/// transaction.
pub async fn fail_inserts_when(
    pool: &Pool,
    name: &str,
    table: &str,
    condition: &str,
    message: &str,
) {
    let sql = match pool.backend() {
        Backend::Sqlite => format!(
            "CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN {condition}
             BEGIN SELECT RAISE(ABORT, '{message}'); END"
        ),
        Backend::Postgres => format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$
             BEGIN IF {condition} THEN RAISE EXCEPTION '{message}'; END IF; RETURN NEW; END $body$;
             CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();"
        ),
    };
    sqlx::raw_sql(&sql)
        .execute(pool.any())
        .await
        .expect("install the failing trigger");
}

/// A running app. Dropping it shuts the server down and deletes its database and site folder.
pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
    _database: Option<TestDatabase>,
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
    let database = new_database().await;
    let url = database.url.clone();
    spawn_app_on(url, Some(database), data_dir, adjust).await
}

/// Starts a second app instance on the database of `other`, as a second server process would.
pub async fn spawn_app_sharing(other: &TestApp) -> TestApp {
    spawn_app_on(
        other.state.config.database_url.expose().to_string(),
        None,
        repo_root().join("data"),
        |_| {},
    )
    .await
}

async fn spawn_app_on(
    database_url: String,
    database: Option<TestDatabase>,
    data_dir: PathBuf,
    adjust: impl FnOnce(&mut Config),
) -> TestApp {
    // The app's logs, shown with a failing test's output: errors by default, more with RUST_LOG.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    lay_out_site(&site);
    let mut config = Config {
        database_url: database_url.into(),
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
        _database: database,
    }
}

/// Removes the trigger `fail_inserts_when` installed.
pub async fn drop_trigger(pool: &Pool, name: &str, table: &str) {
    let sql = match pool.backend() {
        Backend::Sqlite => format!("DROP TRIGGER {name}"),
        Backend::Postgres => format!("DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();"),
    };
    sqlx::raw_sql(&sql)
        .execute(pool.any())
        .await
        .expect("drop the trigger");
}
