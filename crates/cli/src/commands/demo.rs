//! `syncscope demo`: the real engine on a virtual clock with a scripted service worker (until the embedded
//! JavaScript worker exists). It shows the offline hold, retries with their delays and `lastChance`, a sync
//! that runs out of attempts, and periodic syncs at their engagement-penalized interval — three virtual days
//! in a second or two, printing every recorded event as the engine records it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use syncscope_engine::testing::{ScriptedTarget, Step};
use syncscope_engine::{
    Clock, Engine, EngineConfig, EngineEvent, EngineHandle, Origin, Outcome, PermissionName,
    PermissionState, RecordedEvent, Service, ServiceWorkerSpec, SwRegistrationId, TagInfo,
    Timestamp,
};
use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};

use crate::cli::DemoArgs;
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::{self, Out};

/// The demo site.
const ORIGIN: &str = "https://demo.syncscope.test";
/// How long the demo runs on the virtual clock.
const VIRTUAL_DAYS: u64 = 3;
/// The periodic sync's `minInterval`: 13 hours (snapped to 24 h at the default, medium, engagement).
const NEWS_MIN_INTERVAL_MS: f64 = (13 * 3600 * 1000) as f64;

/// The `--json` lines besides recorded events (which print as [`EngineEvent::Recorded`]).
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum JsonLine {
    /// The Tags view at a point of the story.
    Tags { online: bool, tags: Vec<TagInfo> },
    /// The closing summary.
    Summary {
        events: usize,
        virtual_days: u64,
        elapsed_ms: u128,
    },
}

/// Runs `syncscope demo`.
pub async fn run(args: DemoArgs, db: &DbLocation) -> CliResult {
    let started = Instant::now();
    let clock = Clock::virtual_at(Timestamp::wall_clock());
    let target = ScriptedTarget::new(clock.clone());
    let rejected = |reason: &str| {
        Step::Now(Outcome::WaitUntilRejected {
            reason: reason.to_string(),
        })
    };
    target.script(
        "outbox",
        vec![
            rejected("server returned 503"),
            rejected("server returned 503"),
            Step::Now(Outcome::Succeeded),
        ],
    );
    target.script("always-fails", vec![rejected("server returned 500")]);
    let engine = Engine::start(EngineConfig {
        db_path: db.path.clone(),
        clock,
        target: Arc::new(target),
        params: None,
    })
    .await?;
    let mut printer = Printer {
        rx: engine.subscribe(),
        json: args.json,
        out: Out::stdout(),
        recorded: 0,
    };
    let result = script(&engine, db, &mut printer, started).await;
    let stopped = engine.shutdown().await;
    result?;
    stopped?;
    Ok(())
}

/// The demo's story, step by step.
async fn script(
    engine: &EngineHandle,
    db: &DbLocation,
    p: &mut Printer,
    started: Instant,
) -> CliResult {
    let origin = Origin::parse(ORIGIN)?;
    let params = engine.settings().await?.params;
    p.narrate(&format!(
        "Syncscope demo: the engine on {} with a virtual clock from {} and a scripted service worker.",
        db.path.display(),
        engine.clock().now()
    ))?;
    let pairs: Vec<String> = params
        .as_field_trial_pairs()
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    p.narrate(&format!("Parameters: {}", pairs.join(", ")))?;

    for service in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
        engine.set_recording(service, true).await?;
    }
    let sw = engine
        .add_service_worker(
            ServiceWorkerSpec {
                scope: format!("{ORIGIN}/"),
                script_url: format!("{ORIGIN}/sw.js"),
            },
            true,
            1,
        )
        .await?;
    engine
        .set_permission(
            origin.clone(),
            PermissionName::PeriodicBackgroundSync,
            PermissionState::Granted,
        )
        .await?;
    p.narrate(&format!(
        "Service worker {ORIGIN}/ (script /sw.js, active, 1 window client); periodic-background-sync granted; recording backgroundSync and periodicBackgroundSync."
    ))?;
    if !p.json {
        p.out.line("")?;
        p.out.line(&demo_header())?;
    }

    p.step("The network goes offline; the page registers sync \"outbox\" (its handler fails twice with \"server returned 503\", then succeeds).")?;
    engine.set_online(false).await?;
    register_sync(engine, sw.id, "outbox", p).await?;
    p.tags(engine).await?;

    p.step("The network is back online: the held sync fires at once.")?;
    engine.set_online(true).await?;
    engine.settle().await?;
    p.drain()?;

    p.step("The page registers sync \"always-fails\" (its handler always rejects) and periodic sync \"news\" (minInterval 13h).")?;
    register_sync(engine, sw.id, "always-fails", p).await?;
    engine
        .periodic_register(sw.id, "news", NEWS_MIN_INTERVAL_MS)
        .await?;
    engine.settle().await?;
    p.drain()?;

    p.step(&format!(
        "The virtual clock advances {VIRTUAL_DAYS} days: retries after 5 min and 15 min more, periodic syncs every 24h; recording stops by itself at the end of day 3, as in Chromium."
    ))?;
    let advancing = {
        let engine = engine.clone();
        tokio::spawn(async move {
            engine
                .advance_by(Duration::from_secs(VIRTUAL_DAYS * 24 * 3600))
                .await
        })
    };
    p.follow_until(advancing).await?;

    p.step(&format!("Tags after {VIRTUAL_DAYS} virtual days:"))?;
    p.tags(engine).await?;
    let elapsed_ms = started.elapsed().as_millis();
    if p.json {
        p.out.json_line(&JsonLine::Summary {
            events: p.recorded,
            virtual_days: VIRTUAL_DAYS,
            elapsed_ms,
        })?;
    } else {
        p.out.line("")?;
        p.out.line(&format!(
            "{} events recorded over {VIRTUAL_DAYS} virtual days in {elapsed_ms} ms",
            p.recorded
        ))?;
    }
    p.out.flush()
}

/// `registration.sync.register(tag)`, then the events it led to.
async fn register_sync(
    engine: &EngineHandle,
    sw: SwRegistrationId,
    tag: &str,
    p: &mut Printer,
) -> CliResult {
    engine.sync_register(sw, tag).await?;
    engine.settle().await?;
    p.drain()
}

/// Column widths of the demo's event lines.
const WIDTHS: [usize; 4] = [24, 29, 12, 0];

fn demo_header() -> String {
    output::fixed_row(&[
        ("Timestamp (virtual)", WIDTHS[0]),
        ("Event", WIDTHS[1]),
        ("Instance ID", WIDTHS[2]),
        ("Metadata", WIDTHS[3]),
    ])
}

fn demo_line(e: &RecordedEvent) -> String {
    output::fixed_row(&[
        (output::event_time(e.event.timestamp), WIDTHS[0]),
        (e.event.event_name.clone(), WIDTHS[1]),
        (e.event.instance_id.clone(), WIDTHS[2]),
        (output::metadata_text(&e.event.event_metadata), WIDTHS[3]),
    ])
}

/// Prints the engine's recorded events as they arrive, and the demo's narration.
struct Printer {
    rx: broadcast::Receiver<EngineEvent>,
    json: bool,
    out: Out,
    recorded: usize,
}

impl Printer {
    /// A line of narration (text mode only).
    fn narrate(&mut self, text: &str) -> CliResult {
        if self.json {
            return Ok(());
        }
        self.out.line(text)
    }

    /// The start of a step of the story (text mode only).
    fn step(&mut self, text: &str) -> CliResult {
        if self.json {
            return Ok(());
        }
        self.out.line("")?;
        self.out.line(&format!("▸ {text}"))?;
        self.out.flush()
    }

    /// Prints every event already published.
    fn drain(&mut self) -> CliResult {
        loop {
            match self.rx.try_recv() {
                Ok(ev) => self.print(ev)?,
                Err(TryRecvError::Lagged(n)) => self.lagged(n)?,
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
            }
        }
        self.out.flush()
    }

    /// Prints events live until `task` (an advance of the clock) ends, then the rest.
    async fn follow_until(
        &mut self,
        task: tokio::task::JoinHandle<Result<Timestamp, syncscope_engine::EngineError>>,
    ) -> CliResult {
        tokio::pin!(task);
        loop {
            tokio::select! {
                biased;
                ev = self.rx.recv() => match ev {
                    Ok(ev) => {
                        self.print(ev)?;
                        self.out.flush()?;
                    }
                    Err(RecvError::Lagged(n)) => self.lagged(n)?,
                    Err(RecvError::Closed) => break,
                },
                done = &mut task => {
                    done.map_err(|e| CliError::msg(format!("the demo's clock task failed: {e}")))??;
                    break;
                }
            }
        }
        self.drain()
    }

    fn print(&mut self, ev: EngineEvent) -> CliResult {
        match ev {
            EngineEvent::Recorded { event } => {
                self.recorded += 1;
                if self.json {
                    self.out.json_line(&EngineEvent::Recorded { event })
                } else {
                    self.out.line(&demo_line(&event))
                }
            }
            EngineEvent::StoreError { message } => {
                eprintln!("warning: the engine could not save to the database: {message}");
                Ok(())
            }
            EngineEvent::TargetBusy { busy } => {
                eprintln!(
                    "warning: going on without a busy worker: {}",
                    busy.join("; ")
                );
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn lagged(&mut self, n: u64) -> CliResult {
        self.recorded += n as usize;
        eprintln!(
            "warning: {n} events were recorded faster than they could be shown; see `syncscope events`"
        );
        Ok(())
    }

    /// The Tags table (or a `tags` JSON line) as the engine sees it now.
    async fn tags(&mut self, engine: &EngineHandle) -> CliResult {
        let mut tags = engine.tags().await?;
        super::tags::sort(&mut tags);
        let online = engine.settings().await?.online;
        if self.json {
            return self.out.json_line(&JsonLine::Tags { online, tags });
        }
        self.out.line("")?;
        self.out.write_str(&super::tags::render(&tags, online))?;
        self.out.flush()
    }
}
