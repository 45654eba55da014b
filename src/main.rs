//! The `atlas` command: serve the app (the default), or manage the database and the catalog.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use atlas::catalog::{read_catalog, sync_catalog, LoadOutcome};
use atlas::server::{self, config::Config, telemetry, AppState};

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
            let state = AppState::prepare(config).await?;
            let listener = TcpListener::bind(listen_addr).await?;
            tracing::info!("listening on http://{}", listener.local_addr()?);
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
            match read_catalog(&data_dir) {
                Ok(catalog) => println!(
                    "catalog OK: {} occupations, {} tasks, {} major groups, {} archetypes (hash {})",
                    catalog.occupations.len(),
                    catalog.task_count(),
                    catalog.major_groups.len(),
                    catalog.archetypes.len(),
                    &catalog.content_hash[..12]
                ),
                Err(errors) => {
                    eprint!("{errors}");
                    return Ok(ExitCode::FAILURE);
                }
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
    }
    Ok(ExitCode::SUCCESS)
}
