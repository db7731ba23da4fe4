//! `syncscope demo`: the built-in demo. A chat PWA (page + service worker, in `crates/demo/pwa/`) served by a
//! small chat server on 127.0.0.1, run by the embedded worker on a virtual clock: messages sent offline wait in
//! an IndexedDB outbox and are delivered by Background Sync once online (the first attempt meets a 503 and is
//! retried five virtual minutes later), and a periodic sync keeps the feed in Cache Storage.

use std::time::Instant;

use serde::Serialize;
use syncscope_demo::{ChatServer, DemoError, DemoPage, STORY_JS};
use syncscope_engine::{Clock, EngineEvent, Service, Timestamp};
use syncscope_worker::{ConsoleLevel, ConsoleLine, Embedded, EmbeddedConfig, WorkerLimits};
use tokio::sync::broadcast::error::RecvError;

use crate::cli::DemoArgs;
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::{self, Out};

impl From<DemoError> for CliError {
    fn from(e: DemoError) -> Self {
        CliError::msg(e.to_string())
    }
}

/// The last JSON line of `demo --json` (the others are [`output::LiveLine`]s).
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Line {
    Summary {
        events: usize,
        delivered: Vec<String>,
        virtual_ms: i64,
        elapsed_ms: u128,
    },
}

/// Runs `syncscope demo`.
pub async fn run(args: DemoArgs, db: &DbLocation) -> CliResult {
    let started = Instant::now();
    let server = ChatServer::start(1)?;
    let start = Timestamp::wall_clock();
    let clock = Clock::virtual_at(start);
    let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
        db_path: db.path.clone(),
        clock: clock.clone(),
        params: None,
        limits: WorkerLimits::default(),
    })
    .await?;
    for s in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
        engine.set_recording(s, true).await?;
    }
    let mut out = Out::stdout();
    let mut events = engine.subscribe();
    let mut console = host.console();
    if !args.json {
        out.line(&format!(
            "Syncscope demo: a chat PWA served by {} and run by the embedded worker on a virtual clock from {start}.",
            server.url()
        ))?;
        out.line(&format!("Database: {}", db.path.display()))?;
        out.line("")?;
    }
    let story = async {
        let chat = DemoPage::open(&host, &server).await?;
        let page = chat.page();
        page.eval(STORY_JS, "syncscope:demo-story")
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        page.call("callGlobal", vec!["story".into()])
            .await
            .map_err(|e| CliError::msg(format!("the demo story failed: {e}")))?;
        chat.close();
        Ok::<(), CliError>(())
    };
    tokio::pin!(story);
    let mut recorded = 0usize;
    let result = loop {
        // Console lines first: they are published the moment they are written, events only after the engine
        // has stored them, so a narration line that is waiting was written before any event that is waiting.
        tokio::select! {
            biased;
            l = console.recv() => match l {
                Ok(line) => print_console(&mut out, &line, args.json)?,
                Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => {}
            },
            e = events.recv() => if let Ok(EngineEvent::Recorded { event }) = e {
                recorded += 1;
                output::print_live_event(&mut out, &event, args.json)?;
            },
            r = &mut story => break r,
        }
    };
    while let Ok(l) = console.try_recv() {
        print_console(&mut out, &l, args.json)?;
    }
    while let Ok(e) = events.try_recv() {
        if let EngineEvent::Recorded { event } = e {
            recorded += 1;
            output::print_live_event(&mut out, &event, args.json)?;
        }
    }
    let virtual_ms = clock.now().as_millis() - start.as_millis();
    // The engine first: events it abandons stay pending with their attempts unchanged.
    let stopped = engine.shutdown().await;
    host.shutdown();
    result?;
    stopped?;
    let delivered: Vec<String> = server.messages().into_iter().map(|m| m.text).collect();
    if args.json {
        out.json_line(&Line::Summary {
            events: recorded,
            delivered,
            virtual_ms,
            elapsed_ms: started.elapsed().as_millis(),
        })?;
    } else {
        out.line("")?;
        out.line(&format!(
            "The chat server received: {}",
            delivered.join(" | ")
        ))?;
        out.line(&format!(
            "{recorded} events recorded over {} of virtual time in {} ms. Inspect them with `syncscope --db {} events` or `… tags`.",
            output::humanize_ms(virtual_ms.max(0) as u64),
            started.elapsed().as_millis(),
            db.path.display()
        ))?;
    }
    Ok(())
}

fn print_console(out: &mut Out, l: &ConsoleLine, json: bool) -> CliResult {
    if json {
        return out.json_line(&output::LiveLine::Console { line: l });
    }
    if l.level == ConsoleLevel::Info && l.text.starts_with('▸') {
        out.line("")?;
        return out.line(&l.text);
    }
    if l.level == ConsoleLevel::Info && l.text.starts_with("  tag ") {
        return out.line(&l.text);
    }
    let who = if l.context == "worker" {
        "sw.js"
    } else {
        "page"
    };
    out.line(&format!("{}  [{who}] {}", l.at, l.text))
}
