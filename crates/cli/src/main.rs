//! `syncscope`: the command-line tool over Syncscope's engine — event logs, tags, engine parameters,
//! recording, DevTools-format export/import, and a built-in demo.
//!
//! Exit codes: 0 success, 1 a runtime failure (the message on stderr starts with `error:`), 2 a usage error.

mod cli;
mod commands;
mod db;
mod error;
mod filter;
mod output;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use crate::cli::Cli;
use crate::db::DbLocation;
use crate::error::CliError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    // Multi-threaded: embedded workers run on their own threads and hand work (fetches, engine calls) back
    // to this runtime while the command's own future waits.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result =
        DbLocation::resolve(cli.db).and_then(|db| runtime.block_on(commands::run(cli.command, db)));
    match result {
        Ok(()) | Err(CliError::BrokenPipe) => ExitCode::SUCCESS,
        Err(CliError::TestsFailed) => ExitCode::FAILURE,
        Err(CliError::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr: `-v` (info), `-vv` (debug), `-vvv` (trace) when given, else `RUST_LOG`, else warnings.
fn init_logging(verbose: u8) {
    let filter = match verbose {
        0 => EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
        1 => EnvFilter::new("info"),
        2 => EnvFilter::new("debug"),
        _ => EnvFilter::new("trace"),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
}
