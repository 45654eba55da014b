//! The `atlas` command: serve the app (the default), or manage the database, the catalog and the
//! O*NET import.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use atlas::catalog::{read_cases, read_catalog, sync_catalog, LoadOutcome};
use atlas::db::measures::WriteOutcome;
use atlas::measures::import::{import_measure, ImportMeasureError, ImportReport, MeasureOptions};
use atlas::measures::AtlasFigure;
use atlas::onet::import::{import_release, ImportError, ImportOutcome, ImportSummary};
use atlas::onet::progress::progress_for_stderr;
use atlas::server::{self, config::Config, telemetry, AppState};

/// mimalloc instead of glibc's malloc: a request makes many small, short-lived allocations
/// (headers, the nonce, the request id, the router's clones), and with glibc they were about a
/// sixth of the server's time on a cached page (BENCHMARKS.md, "Page throughput").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "atlas",
    version,
    about = "Automatability Atlas: serve the app or manage its data"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

// Parsed once per run: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Migrate the database, load the catalog if it changed, and serve the app (the default).
    Serve,
    /// Create the database if needed and apply migrations, then exit.
    Migrate,
    /// Check or load the shipped occupation catalog.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Import occupations from another source.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Print the methodology document (the model and the O*NET mapping) as Markdown; this is
    /// docs/METHODOLOGY.md.
    Methodology,
    /// Print the OpenAPI 3.1 document of the JSON API (the same as /api/openapi.json).
    Openapi,
}

#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum ImportSource {
    /// Import an O*NET release (its text-format zip, or the directory it unpacks to): every
    /// occupation with rated tasks is assessed and stored with source "onet", replacing an earlier
    /// import in one transaction. Curated occupations are never changed and win where both exist.
    Onet {
        /// The release: O*NET's zip (e.g. db_29_3_text.zip) or a directory holding its .txt files.
        path: PathBuf,
        /// Replace the stored import even with an older release.
        #[arg(long)]
        force: bool,
    },
    /// Add or replace a published occupation measure from a CSV file, read by its header: a code
    /// column (occ_code, OCC_CODE, SOC Code, O*NET-SOC Code or code; SOC 2018 or O*NET-SOC codes)
    /// and a value column (--column, or one of value, observed_exposure, ai_applicability_score,
    /// dv_rating_beta, human_rating_beta, Probability). Stored in one transaction; what is not
    /// given is kept from a stored measure of the same name.
    Measures {
        /// The measure's identifier, e.g. anthropic_observed_exposure (a to z, 0 to 9, _).
        name: String,
        /// The CSV file.
        file: PathBuf,
        /// The value column's header.
        #[arg(long)]
        column: Option<String>,
        /// The title shown on pages.
        #[arg(long)]
        title: Option<String>,
        /// One line: what the number measures.
        #[arg(long)]
        what: Option<String>,
        /// The source's citation.
        #[arg(long)]
        citation: Option<String>,
        /// The release or date of the figures.
        #[arg(long = "source-version")]
        source_version: Option<String>,
        /// The figures' licence.
        #[arg(long)]
        licence: Option<String>,
        /// Where the source is published.
        #[arg(long)]
        url: Option<String>,
        /// The Atlas figure to set it beside: automatability, complementarity or ai_share.
        #[arg(long)]
        compare_with: Option<String>,
    },
}

#[derive(Subcommand)]
enum CatalogAction {
    /// Validate the catalog files without a database; exit 1 and list every problem if any.
    Check {
        /// The data directory (default: ATLAS_DATA_DIR or ./data).
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Reload the catalog into the database, even if it has not changed.
    Load,
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let config = Config::from_env()?;
    telemetry::init(config.log_json);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listen_addr = config.listen_addr;
            let metrics_addr = config.http.metrics_addr;
            let state = AppState::prepare(config).await?;
            let listener = TcpListener::bind(listen_addr)
                .await
                .with_context(|| format!("listening on {listen_addr}"))?;
            tracing::info!("listening on http://{}", listener.local_addr()?);
            if let Some(metrics_addr) = metrics_addr {
                let metrics_listener =
                    TcpListener::bind(metrics_addr).await.with_context(|| {
                        format!("listening for metrics on {metrics_addr} (ATLAS_METRICS_ADDR)")
                    })?;
                tracing::info!(
                    "metrics on http://{}/metrics",
                    metrics_listener.local_addr()?
                );
                let metrics_state = state.clone();
                tokio::spawn(async move {
                    if let Err(error) = server::metrics::serve(
                        metrics_listener,
                        metrics_state,
                        server::shutdown_signal(),
                    )
                    .await
                    {
                        tracing::error!(%error, "the metrics listener stopped");
                    }
                });
            }
            server::serve(listener, state, server::shutdown_signal()).await?;
            tracing::info!("stopped");
        }
        Command::Migrate => {
            AppState::open(config).await?;
            tracing::info!("database migrated");
        }
        Command::Catalog {
            action: CatalogAction::Check { data_dir },
        } => {
            let data_dir = data_dir.unwrap_or(config.data_dir);
            let catalog = read_catalog(&data_dir);
            // Case studies are checked against the catalog's codes when the catalog is valid.
            let codes: Option<HashSet<String>> = catalog.as_ref().ok().map(|catalog| {
                catalog
                    .occupations
                    .iter()
                    .map(|occupation| occupation.code.as_str().to_string())
                    .collect()
            });
            let cases = read_cases(&data_dir, codes.as_ref());
            match &catalog {
                Ok(catalog) => println!(
                    "catalog OK: {} occupations, {} tasks, {} major groups, {} archetypes (hash {})",
                    catalog.occupations.len(),
                    catalog.task_count(),
                    catalog.major_groups.len(),
                    catalog.archetypes.len(),
                    &catalog.content_hash[..12]
                ),
                Err(errors) => eprint!("{errors}"),
            }
            match &cases {
                Ok(cases) => println!("case studies OK: {}", cases.len()),
                Err(errors) => eprint!("{errors}"),
            }
            if catalog.is_err() || cases.is_err() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Catalog {
            action: CatalogAction::Load,
        } => {
            let state = AppState::open(config).await?;
            match sync_catalog(&state.pool, &state.config.data_dir, true).await? {
                LoadOutcome::Loaded(catalog) | LoadOutcome::Unchanged(catalog) => println!(
                    "catalog {} loaded: {} occupations, {} tasks",
                    catalog.catalog_version, catalog.occupation_count, catalog.task_count
                ),
            }
        }
        Command::Import {
            source: ImportSource::Onet { path, force },
        } => {
            let pool = open_database(&config).await?;
            let progress = progress_for_stderr();
            match import_release(&pool, &path, force, progress.as_ref()).await {
                Ok(outcome) => print_import_summary(&outcome),
                Err(error @ (ImportError::Read(_) | ImportError::OlderRelease { .. })) => {
                    eprintln!("error: {error}");
                    eprintln!("The database was not changed.");
                    return Ok(ExitCode::FAILURE);
                }
                Err(error) => {
                    return Err(anyhow::Error::new(error).context("the database was not changed"))
                }
            }
        }
        Command::Import {
            source:
                ImportSource::Measures {
                    name,
                    file,
                    column,
                    title,
                    what,
                    citation,
                    source_version,
                    licence,
                    url,
                    compare_with,
                },
        } => {
            let compare_with = match compare_with.as_deref().map(AtlasFigure::from_name) {
                None => None,
                Some(Some(figure)) => Some(figure),
                Some(None) => {
                    eprintln!(
                        "error: --compare-with must be automatability, complementarity or ai_share"
                    );
                    return Ok(ExitCode::FAILURE);
                }
            };
            let pool = open_database(&config).await?;
            let options = MeasureOptions {
                column,
                title,
                what,
                citation,
                version: source_version,
                licence,
                url,
                compare_with,
            };
            let progress = progress_for_stderr();
            match import_measure(&pool, &name, &file, options, progress.as_ref()).await {
                Ok(report) => print_measure_report(&report),
                Err(error @ (ImportMeasureError::File(_) | ImportMeasureError::Name(_))) => {
                    eprintln!("error: {error}");
                    eprintln!("The database was not changed.");
                    return Ok(ExitCode::FAILURE);
                }
                Err(error) => {
                    return Err(anyhow::Error::new(error).context("the database was not changed"))
                }
            }
        }
        Command::Methodology => print!("{}", atlas::onet::methodology_document()),
        Command::Openapi => println!("{}", atlas::server::openapi::openapi_json()),
    }
    Ok(ExitCode::SUCCESS)
}

/// The migrated database, for the imports: only the database is needed, not the site
/// (`AppState::open` would look for fonts).
async fn open_database(config: &Config) -> anyhow::Result<atlas::db::Pool> {
    let pool = atlas::db::connect(config.database_url.expose())
        .await
        .with_context(|| format!("opening the database {}", config.database_url))?;
    atlas::db::migrate(&pool)
        .await
        .context("applying database migrations")?;
    Ok(pool)
}

/// What `atlas import measures` did, on stdout.
fn print_measure_report(report: &ImportReport) {
    let verb = match report.outcome {
        WriteOutcome::Written => "stored",
        WriteOutcome::Unchanged => "unchanged (the same content is stored)",
        WriteOutcome::KeptImport => "not stored",
    };
    println!(
        "measure {} {verb}: {} rows (codes from {:?}, values from {:?}), compared with {}",
        report.info.name,
        report.rows,
        report.code_column,
        report.value_column,
        report.info.compare_with.label()
    );
    println!(
        "  Atlas occupations matched by their own code: {}; through a crosswalk (SOC code or O*NET parts): {}; without a figure: {}",
        report.matched, report.crosswalked, report.without
    );
    let shown: Vec<&str> = report
        .unmatched
        .iter()
        .take(12)
        .map(String::as_str)
        .collect();
    println!(
        "  codes in the file matching no Atlas occupation: {}{}{}",
        report.unmatched.len(),
        if shown.is_empty() { "" } else { ": " },
        shown.join(", ")
    );
    if report.unmatched.len() > shown.len() {
        println!("    … and {} more", report.unmatched.len() - shown.len());
    }
}

/// The end-of-import summary on stdout: release, counts, skipped and dropped, time.
fn print_import_summary(outcome: &ImportOutcome) {
    let summary: &ImportSummary = outcome.summary();
    let state = &summary.state;
    match outcome {
        ImportOutcome::Imported(_) => {
            let replaced = summary
                .replaced_release
                .as_ref()
                .map(|release| format!(", replacing the import of O*NET {release}"))
                .unwrap_or_default();
            println!(
                "O*NET {} imported{replaced}: {} occupations, {} tasks.",
                state.release, state.occupation_count, state.task_count
            );
        }
        ImportOutcome::Unchanged(_) => println!(
            "O*NET {} is already imported with the same content (imported at {}); nothing changed. \
             {} occupations, {} tasks.",
            state.release, state.imported_at, state.occupation_count, state.task_count
        ),
    }
    let details = if summary.skipped.is_empty() && summary.dropped_tasks.is_empty() {
        "."
    } else {
        ":"
    };
    println!(
        "Skipped {} occupations and dropped {} tasks{details}",
        summary.skipped.len(),
        summary.dropped_tasks.len()
    );
    // Reasons are the same few sentences, so they are counted rather than listed per code.
    let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
    for (_, reason) in &summary.skipped {
        *reasons.entry(reason.as_str()).or_default() += 1;
    }
    for (reason, count) in reasons {
        println!("  {count:>5} occupations: {reason}");
    }
    let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
    for dropped in &summary.dropped_tasks {
        *reasons.entry(dropped.reason.as_str()).or_default() += 1;
    }
    for (reason, count) in reasons {
        println!("  {count:>5} tasks: {reason}");
    }
    println!("Took {:.2} s.", summary.elapsed.as_secs_f64());
}
