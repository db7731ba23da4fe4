//! `syncscope run`: a real service worker under the engine, its events and console streamed until Ctrl-C
//! (or `--for`). The worker comes from a file (its folder stands for the origin's root) or from an origin's
//! HTTP server, as a browser would fetch it.

use syncscope_engine::{
    Clock, EngineEvent, EngineHandle, Origin, PermissionName, PermissionState, Service,
    SyncParameters, Timestamp,
};
use syncscope_worker::{
    ConsoleLine, Embedded, EmbeddedConfig, ScriptSource, WorkerHost, WorkerSpec, locate_worker,
};
use tokio::sync::broadcast::error::RecvError;

use crate::cli::{ClockArg, RunArgs};
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::{self, Out};

/// Runs `syncscope run`.
pub async fn run(args: RunArgs, db: &DbLocation) -> CliResult {
    let params = SyncParameters::default()
        .with_assignments(args.params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| CliError::msg(e.to_string()))?;
    let (origin, script_url, source) = locate(&args)?;
    let clock = match args.clock {
        ClockArg::Real => Clock::real(),
        ClockArg::Virtual => {
            let c = Clock::virtual_at(Timestamp::wall_clock());
            if let Some(speed) = args.speed {
                c.set_speed(speed)
                    .map_err(|e| CliError::msg(e.to_string()))?;
                c.resume().map_err(|e| CliError::msg(e.to_string()))?;
            }
            c
        }
    };
    if args.speed.is_some() && args.clock == ClockArg::Real {
        return Err(CliError::msg("--speed needs --clock virtual"));
    }
    let limits = args.worker.limits().map_err(CliError::msg)?;
    let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
        db_path: db.path.clone(),
        clock: clock.clone(),
        params: (!args.params.is_empty()).then_some(params),
        limits,
    })
    .await?;
    let result = serve(&args, &engine, &host, origin, script_url, source).await;
    // The engine first: events it abandons stay pending with their attempts unchanged.
    let stopped = engine.shutdown().await;
    host.shutdown();
    result?;
    stopped?;
    Ok(())
}

/// The worker's origin, script URL and source, from `--sw` (and `--origin`).
fn locate(args: &RunArgs) -> CliResult<(Origin, String, ScriptSource)> {
    let w = locate_worker(&args.sw, args.origin.as_deref()).map_err(|e| CliError::msg(e.0))?;
    Ok((w.origin, w.script_url, w.source))
}

async fn serve(
    args: &RunArgs,
    engine: &EngineHandle,
    host: &WorkerHost,
    origin: Origin,
    script_url: String,
    source: ScriptSource,
) -> CliResult {
    for s in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
        engine.set_recording(s, true).await?;
    }
    if args.grant_periodic {
        engine
            .set_permission(
                origin.clone(),
                PermissionName::PeriodicBackgroundSync,
                PermissionState::Granted,
            )
            .await?;
    }
    let mut events = engine.subscribe();
    let mut console = host.console();
    let mut out = Out::stdout();
    let sw = host
        .register(WorkerSpec {
            scope: format!("{origin}/"),
            script_url: script_url.clone(),
            source,
            window_clients: 1,
            module: args.module,
        })
        .await
        .map_err(|e| CliError::msg(e.to_string()))?;
    if !args.json {
        out.line(&format!(
            "Running {script_url} (scope {}) on the {} clock; Ctrl-C stops.",
            sw.scope,
            if engine.clock().is_virtual() {
                "virtual"
            } else {
                "real"
            }
        ))?;
        out.line(&output::live_event_header())?;
    }
    for tag in &args.register {
        engine.sync_register(sw.id, tag).await?;
    }
    let deadline = args.run_for.map(|d| engine.clock().now() + d);
    let stop_at = async {
        match deadline {
            Some(t) if engine.clock().is_virtual() && args.speed.is_none() => {
                // A paused virtual clock: run the whole span at once.
                let _ = engine
                    .advance_by(t.saturating_since(engine.clock().now()))
                    .await;
            }
            Some(t) => engine.clock().sleep_until(t).await,
            None => futures_pending().await,
        }
    };
    tokio::pin!(stop_at);
    let terminated = crate::output::terminated();
    tokio::pin!(terminated);
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            // SIGTERM (`kill`, systemd, a CI runner's cancel) stops as gracefully as Ctrl-C.
            _ = &mut terminated => break,
            _ = &mut stop_at => {
                // Print what the last step produced before stopping.
                drain(&mut events, &mut console, &mut out, args.json)?;
                break;
            }
            e = events.recv() => match e {
                Ok(EngineEvent::Recorded { event }) => output::print_live_event(&mut out, &event, args.json)?,
                Ok(EngineEvent::StoreError { message }) => {
                    eprintln!("warning: the engine could not save to the database: {message}");
                }
                Ok(EngineEvent::TargetBusy { busy }) => {
                    eprintln!("warning: settling went on without a busy worker: {}", busy.join("; "));
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => break,
            },
            l = console.recv() => match l {
                Ok(line) => print_console(&mut out, &line, args.json)?,
                Err(RecvError::Lagged(n)) => out.line(&format!("… {n} console lines skipped"))?,
                Err(RecvError::Closed) => break,
            },
        }
    }
    Ok(())
}

async fn futures_pending() {
    std::future::pending::<()>().await
}

fn drain(
    events: &mut tokio::sync::broadcast::Receiver<EngineEvent>,
    console: &mut tokio::sync::broadcast::Receiver<ConsoleLine>,
    out: &mut Out,
    json: bool,
) -> CliResult {
    while let Ok(l) = console.try_recv() {
        print_console(out, &l, json)?;
    }
    while let Ok(e) = events.try_recv() {
        if let EngineEvent::Recorded { event } = e {
            output::print_live_event(out, &event, json)?;
        }
    }
    Ok(())
}

fn print_console(out: &mut Out, l: &ConsoleLine, json: bool) -> CliResult {
    if json {
        return out.json_line(&output::LiveLine::Console { line: l });
    }
    out.line(&output::live_console_line(l))
}
