//! Server configuration, read once from environment variables (see `.env.example`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::db::DatabaseUrl;

/// Everything the server needs to know about its environment. Its `Debug` output holds no secret:
/// the one secret, the database password, prints as `***` (see `DatabaseUrl`).
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path/to/file.db` (created if missing) or `postgres://user:password@host/database`
    /// (which must exist); the scheme selects the backend.
    pub database_url: DatabaseUrl,
    /// Where the HTTP server listens.
    pub listen_addr: SocketAddr,
    /// The built site: `pkg/` (wasm, js, css), `js/` (ECharts) and the files of `public/`.
    pub site_root: PathBuf,
    /// The shipped catalog: `archetypes.toml` and `catalog/*.toml`.
    pub data_dir: PathBuf,
    /// Log lines as JSON objects instead of human-readable text.
    pub log_json: bool,
    /// Profile writes (saves, edits, deletes, uploads) one client may make per minute, sustained.
    pub write_rate_per_minute: u32,
    /// Profile writes one client may make at once before the per-minute rate applies.
    pub write_burst: u32,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// The HTTP edge: HSTS, time and size limits, the page cache, metrics.
    pub http: HttpConfig,
}

/// Settings of the layers every request passes through (`server::layers`).
#[derive(Clone, Debug, PartialEq)]
pub struct HttpConfig {
    /// Send `Strict-Transport-Security` (only when the app is reached over HTTPS, e.g. behind a
    /// TLS proxy): `ATLAS_HSTS`.
    pub hsts: bool,
    /// The longest a request may take before it is answered with 503: `ATLAS_REQUEST_TIMEOUT_SECS`.
    pub request_timeout: Duration,
    /// The largest request body any route accepts: `ATLAS_MAX_BODY_BYTES`. Routes may set lower
    /// limits of their own (profile forms, the JSON API).
    pub max_body_bytes: usize,
    /// Keep rendered catalog pages in memory (`server::page_cache`): `ATLAS_PAGE_CACHE`.
    pub page_cache: bool,
    /// Where `/metrics` is served; `None` (the default) serves no metrics: `ATLAS_METRICS_ADDR`.
    pub metrics_addr: Option<SocketAddr>,
}

pub const DEFAULT_REQUEST_TIMEOUT_SECS: u32 = 30;
pub const DEFAULT_MAX_BODY_BYTES: u32 = 2 * 1024 * 1024;

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            hsts: false,
            request_timeout: Duration::from_secs(DEFAULT_REQUEST_TIMEOUT_SECS.into()),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES as usize,
            page_cache: true,
            metrics_addr: None,
        }
    }
}

/// A configuration value that could not be understood, named by its variable.
#[derive(Debug, thiserror::Error)]
#[error("environment variable {variable}={value:?} is invalid: {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub reason: String,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://atlas.db";
pub const DEFAULT_LISTEN_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_SITE_ROOT: &str = "target/site";
pub const DEFAULT_DATA_DIR: &str = "data";
pub const DEFAULT_WRITE_RATE_PER_MINUTE: u32 = 30;
pub const DEFAULT_WRITE_BURST: u32 = 10;

fn flag(
    lookup: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match lookup(variable).as_deref().map(str::trim) {
        None => Ok(default),
        Some("false") | Some("0") | Some("off") => Ok(false),
        Some("true") | Some("1") | Some("on") => Ok(true),
        Some(other) => Err(ConfigError {
            variable,
            value: other.to_string(),
            reason: "expected true or false (or 1 or 0)".to_string(),
        }),
    }
}

fn number(
    lookup: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    match lookup(variable) {
        None => Ok(default),
        Some(text) => match text.trim().parse::<u32>() {
            Ok(value) if value > 0 => Ok(value),
            _ => Err(ConfigError {
                variable,
                value: text,
                reason: "expected a whole number greater than 0".to_string(),
            }),
        },
    }
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url = DatabaseUrl::new(
            lookup("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
        );
        if crate::db::Backend::from_url(database_url.expose()).is_none() {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                value: database_url.to_string(),
                reason: "expected sqlite://FILE or postgres://USER@HOST/DATABASE".to_string(),
            });
        }
        // ATLAS_LISTEN_ADDR wins; LEPTOS_SITE_ADDR is honoured so that `cargo leptos watch` works.
        let (variable, listen_text) =
            match (lookup("ATLAS_LISTEN_ADDR"), lookup("LEPTOS_SITE_ADDR")) {
                (Some(value), _) => ("ATLAS_LISTEN_ADDR", value),
                (None, Some(value)) => ("LEPTOS_SITE_ADDR", value),
                (None, None) => ("ATLAS_LISTEN_ADDR", DEFAULT_LISTEN_ADDR.to_string()),
            };
        let listen_addr = listen_text
            .parse()
            .map_err(|error: std::net::AddrParseError| ConfigError {
                variable,
                value: listen_text.clone(),
                reason: error.to_string(),
            })?;
        let site_root = lookup("ATLAS_SITE_ROOT")
            .or_else(|| lookup("LEPTOS_SITE_ROOT"))
            .unwrap_or_else(|| DEFAULT_SITE_ROOT.to_string());
        let data_dir = lookup("ATLAS_DATA_DIR").unwrap_or_else(|| DEFAULT_DATA_DIR.to_string());
        let log_json = match lookup("ATLAS_LOG_FORMAT").as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(ConfigError {
                    variable: "ATLAS_LOG_FORMAT",
                    value: other.to_string(),
                    reason: "expected `text` or `json`".to_string(),
                })
            }
        };
        let write_rate_per_minute = number(
            &lookup,
            "ATLAS_WRITE_RATE_PER_MINUTE",
            DEFAULT_WRITE_RATE_PER_MINUTE,
        )?;
        let write_burst = number(&lookup, "ATLAS_WRITE_BURST", DEFAULT_WRITE_BURST)?;
        let trust_forwarded_for = flag(&lookup, "ATLAS_TRUST_FORWARDED_FOR", false)?;
        let metrics_addr = match lookup("ATLAS_METRICS_ADDR") {
            None => None,
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(text.trim().parse().map_err(
                |error: std::net::AddrParseError| ConfigError {
                    variable: "ATLAS_METRICS_ADDR",
                    value: text.clone(),
                    reason: format!("{error} (expected an address such as 127.0.0.1:9100)"),
                },
            )?),
        };
        let http = HttpConfig {
            hsts: flag(&lookup, "ATLAS_HSTS", false)?,
            request_timeout: Duration::from_secs(
                number(
                    &lookup,
                    "ATLAS_REQUEST_TIMEOUT_SECS",
                    DEFAULT_REQUEST_TIMEOUT_SECS,
                )?
                .into(),
            ),
            max_body_bytes: number(&lookup, "ATLAS_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)?
                as usize,
            page_cache: flag(&lookup, "ATLAS_PAGE_CACHE", true)?,
            metrics_addr,
        };
        Ok(Self {
            database_url,
            listen_addr,
            site_root: site_root.into(),
            data_dir: data_dir.into(),
            log_json,
            write_rate_per_minute,
            write_burst,
            trust_forwarded_for,
            http,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup_from(
        pairs: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        }
    }

    #[test]
    fn an_empty_environment_gives_the_documented_defaults() {
        let config = Config::from_lookup(lookup_from(&[])).unwrap();
        assert_eq!(config.database_url.expose(), DEFAULT_DATABASE_URL);
        assert_eq!(config.listen_addr.to_string(), DEFAULT_LISTEN_ADDR);
        assert_eq!(config.site_root, PathBuf::from(DEFAULT_SITE_ROOT));
        assert!(!config.log_json);
        assert_eq!(config.http, HttpConfig::default());
        assert!(!config.http.hsts, "HSTS is off unless asked for");
        assert_eq!(
            config.http.metrics_addr, None,
            "metrics are off unless asked for"
        );
    }

    #[test]
    fn the_http_settings_are_read_and_checked() {
        let config = Config::from_lookup(lookup_from(&[
            ("ATLAS_HSTS", "1"),
            ("ATLAS_REQUEST_TIMEOUT_SECS", "5"),
            ("ATLAS_MAX_BODY_BYTES", "4096"),
            ("ATLAS_PAGE_CACHE", "false"),
            ("ATLAS_METRICS_ADDR", "127.0.0.1:9100"),
        ]))
        .unwrap();
        assert!(config.http.hsts);
        assert_eq!(config.http.request_timeout, Duration::from_secs(5));
        assert_eq!(config.http.max_body_bytes, 4096);
        assert!(!config.http.page_cache);
        assert_eq!(
            config.http.metrics_addr,
            Some("127.0.0.1:9100".parse().unwrap())
        );
        let error =
            Config::from_lookup(lookup_from(&[("ATLAS_METRICS_ADDR", "9100")])).unwrap_err();
        assert_eq!(error.variable, "ATLAS_METRICS_ADDR");
        let error = Config::from_lookup(lookup_from(&[("ATLAS_HSTS", "yes please")])).unwrap_err();
        assert_eq!(error.variable, "ATLAS_HSTS");
    }

    #[test]
    fn a_bad_listen_address_names_the_variable() {
        let error =
            Config::from_lookup(lookup_from(&[("ATLAS_LISTEN_ADDR", "nowhere")])).unwrap_err();
        assert_eq!(error.variable, "ATLAS_LISTEN_ADDR");
        assert!(error.to_string().contains("ATLAS_LISTEN_ADDR=\"nowhere\""));
    }

    #[test]
    fn an_unsupported_database_url_is_refused() {
        let error = Config::from_lookup(lookup_from(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert_eq!(error.variable, "DATABASE_URL");
    }

    #[test]
    fn the_database_password_is_in_no_message_and_no_debug_output() {
        let config = Config::from_lookup(lookup_from(&[(
            "DATABASE_URL",
            "postgres://atlas:hunter2@db.example/atlas",
        )]))
        .unwrap();
        let printed = format!("{config:?} {:#?}", config);
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(
            printed.contains("postgres://atlas:***@db.example/atlas"),
            "{printed}"
        );
        let error = Config::from_lookup(lookup_from(&[(
            "DATABASE_URL",
            "mysql://atlas:hunter2@db.example/atlas",
        )]))
        .unwrap_err();
        let printed = format!("{error} {error:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
    }

    #[test]
    fn write_limits_must_be_positive_numbers() {
        let error = Config::from_lookup(lookup_from(&[("ATLAS_WRITE_BURST", "0")])).unwrap_err();
        assert_eq!(error.variable, "ATLAS_WRITE_BURST");
        let config =
            Config::from_lookup(lookup_from(&[("ATLAS_WRITE_RATE_PER_MINUTE", "5")])).unwrap();
        assert_eq!(config.write_rate_per_minute, 5);
        assert_eq!(config.write_burst, DEFAULT_WRITE_BURST);
    }

    #[test]
    fn the_leptos_site_address_is_honoured_for_cargo_leptos() {
        let config =
            Config::from_lookup(lookup_from(&[("LEPTOS_SITE_ADDR", "127.0.0.1:4000")])).unwrap();
        assert_eq!(config.listen_addr.port(), 4000);
    }
}
