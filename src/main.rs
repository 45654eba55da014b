//! The `atlas` command: serve the app (the default), or manage the database and the catalog.

use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

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
    /// Migrate the database and serve the app (the default).
    Serve,
    /// Create the database if needed and apply migrations, then exit.
    Migrate,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::from_env()?;
    telemetry::init(config.log_json);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listen_addr = config.listen_addr;
            let state = AppState::open(config).await?;
            let listener = TcpListener::bind(listen_addr).await?;
            tracing::info!("listening on http://{}", listener.local_addr()?);
            server::serve(listener, state, server::shutdown_signal()).await?;
            tracing::info!("stopped");
        }
        Command::Migrate => {
            AppState::open(config).await?;
            tracing::info!("database migrated");
        }
    }
    Ok(())
}
