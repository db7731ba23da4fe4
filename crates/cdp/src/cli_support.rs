//! `syncscope chrome …`: the Chromium target's subcommands, ready to be wired into the CLI.
//!
//! Wiring (in `crates/cli`): add `syncscope-cdp.workspace = true`, a variant
//! `Chrome(syncscope_cdp::cli_support::ChromeArgs)` to the subcommand enum (doc: "Attach to a real
//! Chrome/Chromium/Edge over the DevTools Protocol: record its background-service events, fire events, go
//! offline, list tags"), and in the dispatcher
//! `Command::Chrome(args) => syncscope_cdp::cli_support::run(args, db_path, &mut std::io::stdout().lock()).await`,
//! mapping [`CdpError`] to the CLI's error (its `Display` is the message for the user).
//!
//! ```text
//! syncscope chrome [--port N | --ws URL | --launch [--browser PATH] [--profile DIR] [--headed] [--param NAME=VALUE]…]
//!                  [--open URL]… [--timeout SECS] <COMMAND>
//!   record        [--service S]… [--for DURATION] [--json]   record into the database and print, until Ctrl-C
//!   follow        [--service S]… [--for DURATION] [--json]   print Chromium's events (replay, then live); no database
//!   workers       [--json]                                   service-worker registrations and versions
//!   tags          [--json]                                   getTags() of every registration
//!   sync          [TAG] [--scope URL | --registration ID] [--last-chance]
//!   periodic-sync [TAG] [--scope URL | --registration ID]
//!   offline       [--for DURATION]                           hold syncs until Ctrl-C, then back online
//!   online                                                    every worker back online (start-then-online recovery)
//!   grant-periodic-sync ORIGIN
//!   console       [--for DURATION] [--json]                  the service workers' console
//! ```
//!
//! Offline lasts only as long as the session: Chromium releases held syncs when the DevTools client goes away,
//! so `offline` keeps running until Ctrl-C (or `--for`), then brings the workers back online itself.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use futures::StreamExt;
use syncscope_engine::{
    BackgroundServiceEvent, Clock, Engine, EngineConfig, EngineEvent, Service, SyncParameters,
    Timestamp, parse_duration,
};

use crate::chromium::{ChromiumSession, ChromiumTarget, RECORDED_SERVICES, SessionOptions};
use crate::client::Endpoint;
use crate::error::{CdpError, Result};
use crate::launch::{BrowserProcess, LaunchOptions};

/// `syncscope chrome`: how to reach the browser, and what to do.
#[derive(Debug, Args)]
pub struct ChromeArgs {
    /// How to reach the browser.
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: ChromeCommand,
}

/// Where the browser is (default: `--port 9222`).
#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// A browser started with --remote-debugging-port=N, on 127.0.0.1 (default 9222).
    #[arg(long, value_name = "N", conflicts_with_all = ["ws", "launch"])]
    pub port: Option<u16>,
    /// The browser's DevTools address: ws://…/devtools/browser/…, http://host:port or host:port.
    #[arg(long, value_name = "URL", conflicts_with = "launch")]
    pub ws: Option<String>,
    /// Launch a headless Chromium (chromium, google-chrome or microsoft-edge on PATH) for this command, with a
    /// fresh temporary profile.
    #[arg(long)]
    pub launch: bool,
    /// With --launch: the browser executable.
    #[arg(long, value_name = "PATH", requires = "launch")]
    pub browser: Option<PathBuf>,
    /// With --launch: use this profile directory instead of a temporary one.
    #[arg(long, value_name = "DIR", requires = "launch")]
    pub profile: Option<PathBuf>,
    /// With --launch: show the browser window (needs a display).
    #[arg(long, requires = "launch")]
    pub headed: bool,
    /// With --launch: start Chromium without its sandbox (it is on by default, except as root, where
    /// Chromium cannot use it).
    #[arg(long, requires = "launch")]
    pub no_sandbox: bool,
    /// With --launch: a BackgroundSync field-trial parameter, NAME=VALUE in whole seconds or counts
    /// (e.g. initial_retry_delay_sec=3); repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE", requires = "launch")]
    pub params: Vec<String>,
    /// Open this URL in a new tab once connected (repeatable).
    #[arg(long, value_name = "URL")]
    pub open: Vec<String>,
    /// Deadline of each DevTools command, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 15)]
    pub timeout: u64,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum ChromeCommand {
    /// Switch Chromium's recording on and store its events in the database (printing them), until Ctrl-C.
    Record(StreamArgs),
    /// Print Chromium's background-service events (its stored ones first, then live) without recording or
    /// touching the database.
    Follow(StreamArgs),
    /// List service-worker registrations and their versions.
    Workers(JsonArg),
    /// List the sync and periodic-sync tags of every registration (getTags() in each worker).
    Tags(JsonArg),
    /// Fire a sync event by hand, with the lastChance of your choice.
    Sync(FireArgs),
    /// Fire a periodicsync event by hand.
    PeriodicSync(FireArgs),
    /// Take every service worker offline (pending syncs are held) until Ctrl-C, then back online.
    Offline(DurationArg),
    /// Bring every service worker back online (starting stopped ones first).
    Online,
    /// Grant the periodic-background-sync permission to an origin.
    GrantPeriodicSync {
        /// The origin, e.g. https://app.example.
        origin: String,
    },
    /// Print the service workers' console until Ctrl-C.
    Console(StreamArgs),
}

/// `--json`.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `--for`.
#[derive(Debug, Args)]
pub struct DurationArg {
    /// Stop after this long (e.g. 30s, 5m) instead of at Ctrl-C.
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration_arg)]
    pub duration: Option<Duration>,
}

/// Options of the streaming subcommands.
#[derive(Debug, Args)]
pub struct StreamArgs {
    /// Only these services (default: backgroundSync, periodicBackgroundSync, backgroundFetch).
    #[arg(long = "service", value_name = "NAME", value_parser = parse_service_arg)]
    pub services: Vec<Service>,
    /// Stop after this long (e.g. 30s, 5m) instead of at Ctrl-C.
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration_arg)]
    pub duration: Option<Duration>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

/// Which registration gets a manual event, and the event.
#[derive(Debug, Args)]
pub struct FireArgs {
    /// The tag (DevTools' default is test-tag-from-devtools).
    #[arg(default_value = "test-tag-from-devtools")]
    pub tag: String,
    /// The registration's scope URL (needed when there are several).
    #[arg(long, value_name = "URL", conflicts_with = "registration")]
    pub scope: Option<String>,
    /// Chromium's registration id (see `workers`).
    #[arg(long, value_name = "ID")]
    pub registration: Option<String>,
    /// Sync only: event.lastChance = true (DevTools' button always sends true; the default here is false).
    #[arg(long)]
    pub last_chance: bool,
}

fn parse_duration_arg(s: &str) -> std::result::Result<Duration, String> {
    parse_duration(s).map_err(|e| e.to_string())
}

fn parse_service_arg(s: &str) -> std::result::Result<Service, String> {
    s.parse::<Service>().map_err(|e| e.to_string())
}

/// The launch options and endpoint `ConnectArgs` describe.
fn launch_options(c: &ConnectArgs) -> Result<LaunchOptions> {
    let sync_params = if c.params.is_empty() {
        None
    } else {
        let pairs = c
            .params
            .iter()
            .map(|p| {
                p.split_once('=').ok_or_else(|| {
                    CdpError::InvalidInput(format!("--param {p:?}: expected NAME=VALUE"))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Some(
            SyncParameters::default()
                .with_assignments(pairs)
                .map_err(|e| CdpError::InvalidInput(e.to_string()))?,
        )
    };
    Ok(LaunchOptions {
        executable: c.browser.clone(),
        user_data_dir: c.profile.clone(),
        headless: !c.headed,
        sync_params,
        sandbox: if c.no_sandbox {
            crate::launch::Sandbox::Off
        } else {
            crate::launch::Sandbox::Auto
        },
        ..LaunchOptions::default()
    })
}

/// Runs `syncscope chrome …`. `db_path` is the Syncscope database (only `record` opens it); output goes to `out`.
pub async fn run(args: ChromeArgs, db_path: &Path, out: &mut dyn Write) -> Result<()> {
    let c = &args.connect;
    let mut _browser = None;
    let endpoint = if c.launch {
        let b = BrowserProcess::launch(launch_options(c)?).await?;
        tracing::info!(ws = %b.ws_url(), "launched {}", b.executable().display());
        let e = b.endpoint();
        _browser = Some(b);
        e
    } else if let Some(ws) = &c.ws {
        Endpoint::parse(ws)?
    } else {
        Endpoint::local_port(c.port.unwrap_or(9222))
    };
    let options = SessionOptions {
        command_timeout: Duration::from_secs(c.timeout.max(1)),
        ..SessionOptions::default()
    };
    let session = ChromiumSession::connect(&endpoint, options).await?;
    for url in &c.open {
        session.open_page(url).await?;
    }
    let io = |e: std::io::Error| CdpError::io("writing the output", e);
    match args.command {
        ChromeCommand::Record(a) => record(&session, db_path, a, out).await,
        ChromeCommand::Follow(a) => follow(&session, a, out).await,
        ChromeCommand::Console(a) => console(&session, a, out).await,
        ChromeCommand::Workers(a) => {
            // Give the ServiceWorker domain a moment to report what exists.
            settle(&session).await;
            let regs = session.registrations();
            if a.json {
                writeln!(out, "{}", to_json(&regs)).map_err(io)?;
            } else if regs.is_empty() {
                writeln!(out, "No service-worker registrations.").map_err(io)?;
            } else {
                for r in regs {
                    writeln!(
                        out,
                        "{}  {}{}",
                        r.registration_id,
                        r.scope_url,
                        if r.is_deleted { "  (deleted)" } else { "" }
                    )
                    .map_err(io)?;
                    for v in r.versions {
                        writeln!(
                            out,
                            "    version {}  {}  {}  {}",
                            v.version_id, v.status, v.running_status, v.script_url
                        )
                        .map_err(io)?;
                    }
                }
            }
            Ok(())
        }
        ChromeCommand::Tags(a) => {
            settle(&session).await;
            let tags = session.tags().await?;
            if a.json {
                writeln!(out, "{}", to_json(&tags)).map_err(io)?;
            } else if tags.is_empty() {
                writeln!(out, "No active service workers.").map_err(io)?;
            } else {
                for t in tags {
                    writeln!(out, "{}  (registration {})", t.scope_url, t.registration_id)
                        .map_err(io)?;
                    writeln!(out, "    sync:          {}", list(&t.sync)).map_err(io)?;
                    writeln!(out, "    periodic sync: {}", list(&t.periodic)).map_err(io)?;
                }
            }
            Ok(())
        }
        ChromeCommand::Sync(a) => {
            settle(&session).await;
            let reg = pick_registration(&session, &a)?;
            session
                .dispatch_sync(&reg.origin, &reg.registration_id, &a.tag, a.last_chance)
                .await?;
            writeln!(
                out,
                "Dispatched sync {:?} (lastChance: {}) to {}. Chromium reports no outcome; see `follow` or `console`.",
                a.tag, a.last_chance, reg.scope_url
            )
            .map_err(io)
        }
        ChromeCommand::PeriodicSync(a) => {
            settle(&session).await;
            let reg = pick_registration(&session, &a)?;
            session
                .dispatch_periodic_sync(&reg.origin, &reg.registration_id, &a.tag)
                .await?;
            writeln!(
                out,
                "Dispatched periodicsync {:?} to {}. Chromium reports no outcome; see `follow` or `console`.",
                a.tag, reg.scope_url
            )
            .map_err(io)
        }
        ChromeCommand::Offline(a) => {
            settle(&session).await;
            let report = session.set_offline(true).await?;
            print_report(out, "offline", &report).map_err(io)?;
            writeln!(
                out,
                "Holding pending syncs; press Ctrl-C to go back online."
            )
            .map_err(io)?;
            out.flush().map_err(io)?;
            wait_until_stopped(&session, a.duration).await;
            let report = session.set_offline(false).await?;
            print_report(out, "online", &report).map_err(io)
        }
        ChromeCommand::Online => {
            settle(&session).await;
            let report = session.set_offline(false).await?;
            print_report(out, "online", &report).map_err(io)
        }
        ChromeCommand::GrantPeriodicSync { origin } => {
            session.grant_periodic_sync(&origin).await?;
            writeln!(out, "Granted periodic-background-sync to {origin}.").map_err(io)
        }
    }
}

fn services_of(a: &StreamArgs) -> Vec<Service> {
    if a.services.is_empty() {
        RECORDED_SERVICES.to_vec()
    } else {
        a.services.clone()
    }
}

async fn record(
    session: &ChromiumSession,
    db_path: &Path,
    a: StreamArgs,
    out: &mut dyn Write,
) -> Result<()> {
    let target = ChromiumTarget::new(session.clone());
    let engine = Engine::start(EngineConfig {
        db_path: db_path.to_path_buf(),
        clock: Clock::real(),
        target: Arc::new(target),
        params: None,
    })
    .await?;
    let mut stream = engine.subscribe();
    session.record_into(engine.clone());
    let services = services_of(&a);
    session.start_recording(&services).await?;
    let io = |e: std::io::Error| CdpError::io("writing the output", e);
    if !a.json {
        writeln!(
            out,
            "Recording {} from {} into {}; Ctrl-C to stop (Chromium goes on recording for three days).",
            services.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
            session.endpoint(),
            db_path.display()
        )
        .map_err(io)?;
    }
    let stop = wait_until_stopped(session, a.duration);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            ev = stream.recv() => match ev {
                Ok(EngineEvent::Recorded { event }) => {
                    if a.json {
                        writeln!(out, "{}", to_json(&event)).map_err(io)?;
                    } else {
                        writeln!(out, "{}", event_line(&event.event)).map_err(io)?;
                    }
                    out.flush().map_err(io)?;
                }
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    tracing::warn!(skipped = n, "output fell behind; events are still stored");
                }
                Err(_) => break,
            }
        }
    }
    let progress = session.flush_recording(Duration::from_secs(10)).await;
    engine.shutdown().await?;
    if let Ok(p) = progress
        && !a.json
    {
        writeln!(
            out,
            "{} events received, {} new in the database.",
            p.received, p.stored
        )
        .map_err(io)?;
    }
    Ok(())
}

async fn follow(session: &ChromiumSession, a: StreamArgs, out: &mut dyn Write) -> Result<()> {
    let mut events = session.subscribe_events();
    let services = services_of(&a);
    for s in &services {
        session.observe(*s).await?;
    }
    let io = |e: std::io::Error| CdpError::io("writing the output", e);
    let stop = wait_until_stopped(session, a.duration);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            ev = events.recv() => match ev {
                Ok(e) if services.contains(&e.service) => {
                    if a.json {
                        writeln!(out, "{}", to_json(&e)).map_err(io)?;
                    } else {
                        writeln!(out, "{}", event_line(&e)).map_err(io)?;
                    }
                    out.flush().map_err(io)?;
                }
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    tracing::warn!(skipped = n, "output fell behind; events were skipped");
                }
                Err(_) => break,
            }
        }
    }
    Ok(())
}

async fn console(session: &ChromiumSession, a: StreamArgs, out: &mut dyn Write) -> Result<()> {
    let mut messages = Box::pin(session.console_stream());
    let io = |e: std::io::Error| CdpError::io("writing the output", e);
    let stop = wait_until_stopped(session, a.duration);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            m = messages.next() => match m {
                Some(m) => {
                    if a.json {
                        writeln!(out, "{}", to_json(&m)).map_err(io)?;
                    } else {
                        writeln!(out, "{}  {:<9} {}  {}", time_of_ms(m.timestamp), m.level, m.url, m.text).map_err(io)?;
                    }
                    out.flush().map_err(io)?;
                }
                None => break,
            }
        }
    }
    Ok(())
}

/// Resolves at Ctrl-C, after `duration`, or when the browser goes away.
async fn wait_until_stopped(session: &ChromiumSession, duration: Option<Duration>) {
    let timer = async {
        match duration {
            Some(d) => tokio::time::sleep(d).await,
            None => futures::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = timer => {}
        reason = session.disconnected() => {
            tracing::warn!(%reason, "the browser went away");
        }
    }
}

/// Lets the `ServiceWorker` domain report registrations and versions after connecting.
async fn settle(session: &ChromiumSession) {
    let deadline = tokio::time::Instant::now() + Duration::from_millis(1500);
    let mut last = usize::MAX;
    while tokio::time::Instant::now() < deadline {
        let n = session.registrations().len()
            + session
                .registrations()
                .iter()
                .map(|r| r.versions.len())
                .sum::<usize>();
        if n > 0 && n == last {
            return;
        }
        last = n;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn pick_registration(session: &ChromiumSession, a: &FireArgs) -> Result<crate::Registration> {
    let live: Vec<_> = session
        .registrations()
        .into_iter()
        .filter(|r| !r.is_deleted)
        .collect();
    let chosen: Vec<_> = live
        .iter()
        .filter(|r| match (&a.scope, &a.registration) {
            (Some(s), _) => &r.scope_url == s,
            (None, Some(id)) => &r.registration_id == id,
            (None, None) => true,
        })
        .cloned()
        .collect();
    match chosen.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(CdpError::InvalidInput(if live.is_empty() {
            "the browser has no service-worker registrations".into()
        } else {
            format!(
                "no registration matches; there are: {}",
                live.iter()
                    .map(|r| format!("{} ({})", r.scope_url, r.registration_id))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })),
        many => Err(CdpError::InvalidInput(format!(
            "{} registrations; pick one with --scope or --registration: {}",
            many.len(),
            many.iter()
                .map(|r| format!("{} ({})", r.scope_url, r.registration_id))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn print_report(out: &mut dyn Write, what: &str, r: &crate::OfflineReport) -> std::io::Result<()> {
    if r.applied.is_empty() && r.failed.is_empty() {
        return writeln!(out, "No active service workers to take {what}.");
    }
    for s in &r.applied {
        let started = if r.started.contains(s) {
            " (worker started first)"
        } else {
            ""
        };
        writeln!(out, "{what}: {s}{started}")?;
    }
    for (s, e) in &r.failed {
        writeln!(out, "could not take {s} {what}: {e}")?;
    }
    Ok(())
}

fn list(tags: &[String]) -> String {
    if tags.is_empty() {
        "(none)".into()
    } else {
        tags.join(", ")
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn time_of_ms(ms: f64) -> String {
    Timestamp::from_millis(ms.round() as i64).to_rfc3339()
}

/// One event as a line: time, service, name, tag, origin, metadata sorted by key.
pub fn event_line(e: &BackgroundServiceEvent) -> String {
    let mut meta: Vec<_> = e
        .event_metadata
        .iter()
        .map(|m| format!("{}: {}", m.key, m.value))
        .collect();
    meta.sort();
    format!(
        "{}  {:<22}  {:<30}  {:<20}  {}{}",
        time_of_ms(e.timestamp * 1000.0),
        e.service.as_str(),
        e.event_name,
        e.instance_id,
        e.origin,
        if meta.is_empty() {
            String::new()
        } else {
            format!("  {{{}}}", meta.join(", "))
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        chrome: ChromeArgs,
    }

    #[test]
    fn the_subcommands_parse() {
        let cli = Cli::try_parse_from([
            "x",
            "--launch",
            "--param",
            "initial_retry_delay_sec=3",
            "sync",
            "outbox",
            "--last-chance",
        ])
        .unwrap();
        assert!(cli.chrome.connect.launch);
        let opts = launch_options(&cli.chrome.connect).unwrap();
        assert_eq!(
            opts.sync_params.unwrap().initial_retry_delay,
            Duration::from_secs(3)
        );
        match cli.chrome.command {
            ChromeCommand::Sync(f) => {
                assert_eq!(f.tag, "outbox");
                assert!(f.last_chance);
            }
            other => panic!("{other:?}"),
        }
        let cli = Cli::try_parse_from([
            "x",
            "--port",
            "9333",
            "record",
            "--service",
            "background-sync",
            "--for",
            "30s",
        ])
        .unwrap();
        match cli.chrome.command {
            ChromeCommand::Record(a) => {
                assert_eq!(a.services, [Service::BackgroundSync]);
                assert_eq!(a.duration, Some(Duration::from_secs(30)));
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["x", "--port", "1", "--launch", "tags"]).is_err());
        assert!(
            Cli::try_parse_from(["x", "--param", "a=1", "tags"]).is_err(),
            "--param needs --launch"
        );
        let cli = Cli::try_parse_from(["x", "--launch", "--param", "bogus", "tags"]).unwrap();
        assert!(launch_options(&cli.chrome.connect).is_err());
    }

    #[test]
    fn events_print_on_one_line_with_sorted_metadata() {
        let e: BackgroundServiceEvent = serde_json::from_value(serde_json::json!({
            "timestamp": 1_700_000_000.5,
            "origin": "http://127.0.0.1:8000/",
            "serviceWorkerRegistrationId": "0",
            "service": "backgroundSync",
            "eventName": "sync event failed",
            "instanceId": "outbox",
            "eventMetadata": [
                {"key": "Next Attempt Delay (ms)", "value": "300000"},
                {"key": "Failure Reason", "value": "waitUntil rejected"}
            ],
            "storageKey": "http://127.0.0.1:8000/"
        }))
        .unwrap();
        let line = event_line(&e);
        assert!(line.starts_with("2023-11-14T22:13:20.500"), "{line}");
        assert!(
            line.ends_with("{Failure Reason: waitUntil rejected, Next Attempt Delay (ms): 300000}"),
            "{line}"
        );
    }
}
