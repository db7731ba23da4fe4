//! The command line as clap sees it: global options, subcommands and their flags, and the value parsers that
//! turn text into engine types (so a bad value is a usage error naming the value and what is accepted).

use std::path::PathBuf;

use clap::{ArgAction, ArgGroup, Args, Parser, Subcommand};
use syncscope_engine::Service;

/// Syncscope: Background Sync and Periodic Background Sync with Chromium's semantics — event logs, tags,
/// engine parameters, DevTools-format export/import, and a built-in demo.
#[derive(Debug, Parser)]
#[command(name = "syncscope", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The Syncscope database. Default: `syncscope.db` in the per-user data folder.
    #[arg(long, global = true, env = "SYNCSCOPE_DB", value_name = "PATH", value_parser = parse_db_path)]
    pub db: Option<PathBuf>,

    /// More log output on stderr (-v info, -vv debug, -vvv trace). Without it, `RUST_LOG` applies.
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List recorded events (newest first), or follow new ones as an engine records them.
    Events(EventsArgs),
    /// List every sync and periodic sync registration with its state, attempts and next fire time.
    Tags(TagsArgs),
    /// Write a service's events as a DevTools "Save events" JSON file.
    Export(ExportArgs),
    /// Read DevTools "Save events" JSON files into the database (events already there are skipped).
    Import(ImportArgs),
    /// Show or change the engine parameters (Chromium field-trial names).
    Params(ParamsArgs),
    /// Show recording status, or switch recording of services on or off.
    Record(RecordArgs),
    /// Run the built-in demo: a chat PWA whose offline messages are delivered by Background Sync, on a virtual
    /// clock, in a second or two.
    Demo(DemoArgs),
    /// Run a real service worker (sw.js) under the engine and stream its events and console until Ctrl-C.
    Run(RunArgs),
    /// Run JavaScript scenario tests on the virtual clock, each file in a page of the origin.
    Test(TestArgs),
    /// Attach to (or launch) a real Chrome/Chromium/Edge over the DevTools Protocol: record its background-service
    /// events, fire sync and periodicsync, go offline and online, list tags.
    Chrome(syncscope_cdp::cli_support::ChromeArgs),
}

/// `syncscope test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    #[command(flatten)]
    pub worker: WorkerArgs,
    /// Test files. Each runs in a fresh page and engine; `test(name, fn)` declares tests.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<std::path::PathBuf>,
    /// Load the page's scripts and workers from this origin's HTTP server (default: the test file's folder
    /// stands for http://localhost).
    #[arg(long, value_name = "URL")]
    pub origin: Option<String>,
    /// An engine parameter by its Chromium field-trial name (repeatable), e.g. `initial_retry_delay_sec=3`.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_assignment)]
    pub params: Vec<(String, String)>,
    /// Give up on a file after this much real time.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration_arg)]
    pub timeout: std::time::Duration,
    /// Print the workers' and pages' console output.
    #[arg(long)]
    pub console: bool,
}

/// Which clock the engine runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ClockArg {
    /// The wall clock.
    Real,
    /// A virtual clock, starting now, paused unless `--speed` is given.
    Virtual,
}

/// What the embedded workers may reach, for `run` and `test`.
#[derive(Debug, Clone, Args)]
pub struct WorkerArgs {
    /// A host the worker may connect to besides its own origin and loopback (repeatable): `api.example.com`,
    /// `*.example.com`, an address, or `*` for any. Link-local addresses (cloud metadata) need naming by address.
    #[arg(
        long = "allow-host",
        value_name = "HOST",
        env = "SYNCSCOPE_ALLOW_HOSTS",
        value_delimiter = ','
    )]
    pub allow_hosts: Vec<String>,
}

impl WorkerArgs {
    /// The workers' limits with these hosts allowed.
    pub fn limits(&self) -> Result<syncscope_worker::WorkerLimits, String> {
        let connect = syncscope_worker::net_policy::ConnectPolicy::new()
            .allowing(self.allow_hosts.iter().map(String::as_str))?;
        Ok(syncscope_worker::WorkerLimits {
            connect,
            ..syncscope_worker::WorkerLimits::default()
        })
    }
}

/// `syncscope run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub worker: WorkerArgs,
    /// The service worker script. Without --origin it is read from disk and its folder stands for the
    /// origin's root; with --origin it is a path on that server.
    #[arg(long, value_name = "FILE")]
    pub sw: String,
    /// Serve the worker from this origin's HTTP server, as a browser would (e.g. http://127.0.0.1:8080).
    #[arg(long, value_name = "URL")]
    pub origin: Option<String>,
    /// The engine's clock.
    #[arg(long, value_enum, default_value_t = ClockArg::Real)]
    pub clock: ClockArg,
    /// With --clock virtual: let virtual time run this many times faster than real time.
    #[arg(long, value_name = "FACTOR")]
    pub speed: Option<f64>,
    /// An engine parameter by its Chromium field-trial name, e.g. `initial_retry_delay_sec=3` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_assignment)]
    pub params: Vec<(String, String)>,
    /// A module worker (`type: 'module'`): the script is an ES module and may `import` relative URLs.
    #[arg(long)]
    pub module: bool,
    /// Grant `periodic-background-sync` to the origin (Chromium grants it only to installed apps).
    #[arg(long)]
    pub grant_periodic: bool,
    /// Sync tags to register once the worker is active (repeatable), as a page would.
    #[arg(long = "register", value_name = "TAG")]
    pub register: Vec<String>,
    /// Stop after this long (e.g. `30s`, or on the virtual clock `3d`) instead of waiting for Ctrl-C.
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration_arg)]
    pub run_for: Option<std::time::Duration>,
    /// JSON Lines instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `syncscope events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Only this service (CDP name like `backgroundSync`, or kebab-case like `background-sync`).
    #[arg(long, value_name = "NAME", value_parser = parse_service)]
    pub service: Option<Service>,
    /// Only this origin, e.g. `https://example.com`.
    #[arg(long, value_name = "ORIGIN")]
    pub origin: Option<String>,
    /// Only this tag (instance id).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only events whose name, tag, origin or metadata contain this text (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// Only events at or after this time (RFC 3339, e.g. 2024-05-01T12:00:00Z).
    #[arg(long, value_name = "RFC3339", value_parser = parse_rfc3339)]
    pub since: Option<f64>,
    /// Only events before this time (RFC 3339).
    #[arg(long, value_name = "RFC3339", value_parser = parse_rfc3339)]
    pub until: Option<f64>,
    /// At most this many events (with --follow: how many existing ones to show first).
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Oldest first instead of newest first.
    #[arg(long)]
    pub oldest_first: bool,
    /// One JSON object per line (JSON Lines) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Show the latest matching events, then keep printing new ones until Ctrl-C.
    #[arg(long, short)]
    pub follow: bool,
}

/// `syncscope tags`.
#[derive(Debug, Args)]
pub struct TagsArgs {
    /// Print the registrations as a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `syncscope export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The service whose events to write (`backgroundSync`, `periodic-background-sync`, …).
    #[arg(long, value_name = "NAME", value_parser = parse_service)]
    pub service: Service,
    /// Only events of this origin.
    #[arg(long, value_name = "ORIGIN")]
    pub origin: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `syncscope import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// DevTools "Save events" files (JSON arrays of background service events).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// `syncscope params`.
#[derive(Debug, Args)]
pub struct ParamsArgs {
    /// Set a parameter, e.g. `--set initial_retry_delay_sec=3`. Repeatable; all are checked before any is saved.
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_assignment)]
    pub set: Vec<(String, String)>,
    /// Print the parameters as a JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `syncscope record`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("switch").args(["on", "off"])))]
pub struct RecordArgs {
    /// The services to switch or show (repeatable). Default: every service.
    #[arg(long, value_name = "NAME", value_parser = parse_service)]
    pub service: Vec<Service>,
    /// Switch recording on (it stops by itself after 3 days).
    #[arg(long)]
    pub on: bool,
    /// Switch recording off.
    #[arg(long)]
    pub off: bool,
    /// Print the status as a JSON array.
    #[arg(long)]
    pub json: bool,
}

/// `syncscope demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print JSON Lines (`{"type": "recorded" | "console" | "tags" | "summary", …}`) instead of text.
    #[arg(long)]
    pub json: bool,
    /// The engine alone with a scripted service worker (no JavaScript): the retry ladder and periodic syncs.
    #[arg(long)]
    pub engine_only: bool,
}

/// A service name in CDP or kebab-case form; the error lists the valid names.
fn parse_service(s: &str) -> Result<Service, String> {
    s.parse::<Service>().map_err(|e| e.to_string())
}

/// An RFC 3339 time, as seconds since the epoch (the event log's unit).
fn parse_rfc3339(s: &str) -> Result<f64, String> {
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.timestamp_millis() as f64 / 1000.0)
        .map_err(|e| {
            format!("{s:?} is not an RFC 3339 time ({e}); expected e.g. 2024-05-01T12:00:00Z")
        })
}

/// A duration like `500`, `30s`, `5m`, `3d`.
fn parse_duration_arg(s: &str) -> Result<std::time::Duration, String> {
    syncscope_engine::parse_duration(s).map_err(|e| e.to_string())
}

/// `NAME=VALUE`.
fn parse_assignment(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!(
            "{s:?} is not NAME=VALUE, e.g. initial_retry_delay_sec=3"
        )),
    }
}

/// A non-empty path.
fn parse_db_path(s: &str) -> Result<PathBuf, String> {
    if s.trim().is_empty() {
        Err("the database path is empty".to_string())
    } else {
        Ok(PathBuf::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn assignments_and_times_parse() {
        assert_eq!(
            parse_assignment("a=b=c"),
            Ok(("a".to_string(), "b=c".to_string()))
        );
        assert!(parse_assignment("novalue").is_err());
        assert!(parse_assignment("=3").is_err());
        assert_eq!(parse_rfc3339("1970-01-01T00:00:01.5Z"), Ok(1.5));
        assert!(parse_rfc3339("yesterday").is_err());
    }
}
