//! The database: connection pool, migrations and every SQL query of the app (server only).
//!
//! SQL lives only in this module. Rows are turned into domain types here; nothing else sees sqlx
//! rows. Two backends are supported through sqlx's `Any` driver: SQLite (the default, one file)
//! and PostgreSQL (several app instances sharing one database). Queries are written once, with
//! `$1`-style placeholders, which both accept; the few places where the dialects differ
//! (full-text search, case-insensitive sorting, locking a load) branch on [`Backend`].

pub mod catalog;
pub mod measures;
pub mod occupations;
pub mod onet;
pub mod overview;
pub mod plans;
pub mod profiles;

use std::fmt;

use sqlx::any::{AnyArguments, AnyPoolOptions};
use sqlx::{Any, AnyPool, Arguments, Encode, Executor, Type};

/// A `DATABASE_URL`. It prints (`Display` and `Debug`) with its password and any `password=`
/// parameter replaced by `***`, so it can go into any message, log line or `Debug` output;
/// [`DatabaseUrl::expose`] gives the URL itself, to connect with.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL with its secrets, for `connect` only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for DatabaseUrl {
    fn from(url: String) -> Self {
        Self(url)
    }
}

impl From<&str> for DatabaseUrl {
    fn from(url: &str) -> Self {
        Self(url.to_string())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&redact_url(&self.0))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_tuple("DatabaseUrl")
            .field(&redact_url(&self.0))
            .finish()
    }
}

/// `url` with the password of its user part (`user:secret@`) and the value of any query
/// parameter whose name contains `password` replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (url, None),
    };
    let mut redacted = match head.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let authority = match authority.rsplit_once('@') {
                Some((user_info, host)) => match user_info.split_once(':') {
                    Some((user, _password)) => format!("{user}:***@{host}"),
                    None => authority.to_string(),
                },
                None => authority.to_string(),
            };
            format!("{scheme}://{authority}{path}")
        }
        None => head.to_string(),
    };
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if name.to_ascii_lowercase().contains("password") => {
                    format!("{name}=***")
                }
                _ => pair.to_string(),
            })
            .collect();
        redacted.push('?');
        redacted.push_str(&pairs.join("&"));
    }
    redacted
}

/// Which database a URL names. Chosen once, from the scheme of `DATABASE_URL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://FILE` or `sqlite::memory:`.
    Sqlite,
    /// `postgres://…` or `postgresql://…`.
    Postgres,
}

impl Backend {
    /// The backend for `url`, or `None` for any other scheme.
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// A transaction on either backend.
pub type Transaction = sqlx::Transaction<'static, Any>;

/// The connection pool, and which backend it talks to.
#[derive(Clone)]
pub struct Pool {
    any: AnyPool,
    backend: Backend,
}

impl fmt::Debug for Pool {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Pool")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

impl Pool {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool as an sqlx executor, for queries.
    pub fn any(&self) -> &AnyPool {
        &self.any
    }

    /// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// that a transaction which reads before it writes cannot fail half-way because another
    /// connection wrote in between; it waits for the lock instead (busy timeout).
    pub async fn begin_write(&self) -> Result<Transaction, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.any.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.any.begin().await,
        }
    }

    /// Starts a read-only transaction whose statements all see one snapshot: on SQLite a deferred
    /// transaction (its snapshot is taken by the first read), on PostgreSQL `REPEATABLE READ`
    /// (under the default `READ COMMITTED` each statement would see its own).
    pub async fn begin_read(&self) -> Result<Transaction, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.any.begin().await,
            Backend::Postgres => {
                self.any
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await
            }
        }
    }

    /// Closes every connection (tests use it before dropping a database).
    pub async fn close(&self) {
        self.any.close().await;
    }
}

/// Whether `text` could be a stored value. PostgreSQL refuses a NUL character in a text parameter
/// (an error, so a 500), while SQLite compares it like any other; no stored code, id or title
/// contains one (the catalog, the import and the profile rules refuse control characters), so a
/// lookup by a text that does contain one finds nothing without asking the database.
pub fn can_be_stored(text: &str) -> bool {
    !text.contains('\0')
}

/// The error for a `DATABASE_URL` that names neither backend.
fn unsupported_url() -> sqlx::Error {
    sqlx::Error::Configuration(
        "DATABASE_URL must start with sqlite:, postgres:// or postgresql://".into(),
    )
}

/// Opens a pool for `url`. A SQLite file is created if it is missing and runs with WAL
/// journaling, `synchronous = NORMAL`, a busy timeout and foreign keys on; a PostgreSQL database
/// must exist already.
pub async fn connect(url: &str) -> Result<Pool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(url).ok_or_else(unsupported_url)?;
    let (url, max_connections) = match backend {
        Backend::Sqlite => {
            // sqlx's own SQLite options are not reachable through the Any driver, so the file is
            // created through the URL (`mode=rwc`) and tuned with PRAGMAs on every connection.
            let url = if url.contains("mode=") || url.contains(":memory:") {
                url.to_string()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            // An in-memory database exists per connection, so it must have exactly one.
            let max_connections = if url.contains(":memory:") { 1 } else { 8 };
            (url, max_connections)
        }
        Backend::Postgres => (url.to_string(), 10),
    };
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .after_connect(move |connection, _| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // WAL with NORMAL is durable against application crashes; only an OS crash
                    // or power loss can lose the last transactions.
                    connection
                        .execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                }
                Ok(())
            })
        })
        .connect(&url)
        .await
        .map(|any| Pool { any, backend })
}

/// Applies the embedded migrations of the pool's backend (`migrations/sqlite` or
/// `migrations/postgres`, which carry the same numbers and meaning).
pub async fn migrate(pool: &Pool) -> Result<(), sqlx::migrate::MigrateError> {
    match pool.backend {
        Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&pool.any).await,
        Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&pool.any).await,
    }
}

/// Whether the database answers a trivial query.
pub async fn ping(pool: &Pool) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&pool.any)
        .await
        .is_ok()
}

/// SQL assembled piece by piece with numbered placeholders (`$1`, `$2`, …) and the values bound
/// to them. sqlx's `QueryBuilder` writes `?` for the `Any` driver, which PostgreSQL rejects.
pub(crate) struct SqlBuilder<'args> {
    sql: String,
    arguments: AnyArguments<'args>,
    error: Option<sqlx::error::BoxDynError>,
}

impl<'args> SqlBuilder<'args> {
    pub fn new(sql: &str) -> Self {
        Self {
            sql: sql.to_string(),
            arguments: AnyArguments::default(),
            error: None,
        }
    }

    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Binds `value` and returns its placeholder, for SQL that names it more than once.
    pub fn bind<T>(&mut self, value: T) -> String
    where
        T: 'args + Encode<'args, Any> + Type<Any>,
    {
        if let Err(error) = self.arguments.add(value) {
            self.error.get_or_insert(error);
        }
        format!("${}", self.arguments.len())
    }

    /// Binds `value` and appends its placeholder.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'args + Encode<'args, Any> + Type<Any>,
    {
        let placeholder = self.bind(value);
        self.push(&placeholder)
    }

    /// The SQL text and its arguments, ready for `sqlx::query_with` and friends.
    pub fn finish(self) -> Result<(String, AnyArguments<'args>), sqlx::Error> {
        match self.error {
            Some(error) => Err(sqlx::Error::Encode(error)),
            None => Ok((self.sql, self.arguments)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_url_prints_without_its_password() {
        let url = DatabaseUrl::new(
            "postgres://atlas:s3cr%40t@db.example:5432/atlas?sslmode=require&password=other",
        );
        for printed in [url.to_string(), format!("{url:?}")] {
            assert!(
                !printed.contains("s3cr") && !printed.contains("other"),
                "{printed}"
            );
            assert!(
                printed.contains(
                    "postgres://atlas:***@db.example:5432/atlas?sslmode=require&password=***"
                ),
                "{printed}"
            );
        }
        assert!(url.expose().contains("s3cr%40t"));
    }

    #[test]
    fn a_url_without_secrets_prints_unchanged() {
        for text in [
            "sqlite://atlas.db",
            "sqlite::memory:",
            "postgres://atlas@localhost/atlas",
            "postgres:///atlas?host=/run/pg",
        ] {
            assert_eq!(redact_url(text), text);
        }
    }
}
