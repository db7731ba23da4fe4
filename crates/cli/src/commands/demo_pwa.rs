//! `syncscope demo`: the built-in demo. A chat PWA (page + service worker, in `crates/cli/demo/`) served by a
//! small chat server on 127.0.0.1, run by the embedded worker on a virtual clock: messages sent offline wait in
//! an IndexedDB outbox and are delivered by Background Sync once online (the first attempt meets a 503 and is
//! retried five virtual minutes later), and a periodic sync keeps the feed in Cache Storage.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;
use syncscope_engine::{
    Clock, Engine, EngineConfig, EngineEvent, RecordedEvent, Service, Timestamp,
};
use syncscope_worker::{ConsoleLevel, ConsoleLine, ScriptSource, WorkerHost, WorkerLimits};
use tokio::sync::broadcast::error::RecvError;

use crate::cli::DemoArgs;
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::{self, Out};

const SW_JS: &str = include_str!("../../demo/sw.js");
const APP_JS: &str = include_str!("../../demo/app.js");
const STORY_JS: &str = include_str!("../../demo/story.js");

/// The chat server: it keeps the messages it received, and fails the first `fail_first` POSTs with a 503.
struct ChatServer {
    url: String,
    messages: Arc<Mutex<Vec<String>>>,
    _thread: std::thread::JoinHandle<()>,
}

impl ChatServer {
    fn start(fail_first: usize) -> CliResult<ChatServer> {
        let server = tiny_http::Server::http("127.0.0.1:0")
            .map_err(|e| CliError::msg(format!("cannot start the demo's chat server: {e}")))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| CliError::msg("the demo's chat server has no IP address"))?;
        let messages = Arc::new(Mutex::new(Vec::new()));
        let failures = Arc::new(AtomicUsize::new(fail_first));
        let store = messages.clone();
        let thread = std::thread::spawn(move || {
            for mut req in server.incoming_requests() {
                let path = req.url().split('?').next().unwrap_or("").to_string();
                let method = req.method().as_str().to_string();
                let (status, ctype, body) = match (method.as_str(), path.as_str()) {
                    ("GET", "/" | "/index.html") => (
                        200,
                        "text/html",
                        "<!doctype html><title>Chat</title><script src=\"/app.js\"></script>"
                            .to_string(),
                    ),
                    ("GET", "/sw.js") => (200, "text/javascript", SW_JS.to_string()),
                    ("GET", "/app.js") => (200, "text/javascript", APP_JS.to_string()),
                    ("GET", "/api/messages") => {
                        let list = store.lock().map(|m| m.clone()).unwrap_or_default();
                        (
                            200,
                            "application/json",
                            serde_json::to_string(&list).unwrap_or_default(),
                        )
                    }
                    ("POST", "/api/messages") => {
                        let mut text = String::new();
                        let _ = std::io::Read::read_to_string(req.as_reader(), &mut text);
                        if failures
                            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                            .is_ok()
                        {
                            (503, "text/plain", "busy, try later".to_string())
                        } else {
                            if let Ok(mut m) = store.lock() {
                                m.push(text);
                            }
                            (201, "application/json", "{\"ok\":true}".to_string())
                        }
                    }
                    _ => (404, "text/plain", "not found".to_string()),
                };
                let header = tiny_http::Header::from_bytes(&b"content-type"[..], ctype.as_bytes())
                    .expect("static header");
                let _ = req.respond(
                    tiny_http::Response::from_string(body)
                        .with_status_code(status)
                        .with_header(header),
                );
            }
        });
        Ok(ChatServer {
            url: format!("http://{addr}"),
            messages,
            _thread: thread,
        })
    }
}

/// A JSON line of `demo --json`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Line<'a> {
    Recorded {
        event: &'a RecordedEvent,
    },
    Console {
        line: &'a ConsoleLine,
    },
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
    drop(db.open_for_writing()?);
    let server = ChatServer::start(1)?;
    let start = Timestamp::wall_clock();
    let clock = Clock::virtual_at(start);
    let host = WorkerHost::new(clock.clone(), WorkerLimits::default());
    let engine = Engine::start(EngineConfig {
        db_path: db.path.clone(),
        clock: clock.clone(),
        target: Arc::new(host.clone()),
        params: None,
    })
    .await?;
    host.attach(engine.clone());
    for s in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
        engine.set_recording(s, true).await?;
    }
    let mut out = Out::stdout();
    let mut events = engine.subscribe();
    let mut console = host.console();
    if !args.json {
        out.line(&format!(
            "Syncscope demo: a chat PWA served by {} and run by the embedded worker on a virtual clock from {start}.",
            server.url
        ))?;
        out.line(&format!("Database: {}", db.path.display()))?;
        out.line("")?;
    }
    let story = async {
        let page = host
            .open_page(&format!("{}/", server.url), ScriptSource::Http)
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        page.eval(APP_JS, &format!("{}/app.js", server.url))
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        page.eval(STORY_JS, "syncscope:demo-story")
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        page.call("callGlobal", vec!["story".into()])
            .await
            .map_err(|e| CliError::msg(format!("the demo story failed: {e}")))?;
        page.close();
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
                print_event(&mut out, &event, args.json)?;
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
            print_event(&mut out, &event, args.json)?;
        }
    }
    let virtual_ms = clock.now().as_millis() - start.as_millis();
    host.shutdown();
    let stopped = engine.shutdown().await;
    result?;
    stopped?;
    let delivered: Vec<String> = server
        .messages
        .lock()
        .map(|m| m.clone())
        .unwrap_or_default()
        .iter()
        .filter_map(|m| serde_json::from_str::<serde_json::Value>(m).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
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

fn print_event(out: &mut Out, e: &RecordedEvent, json: bool) -> CliResult {
    if json {
        return out.json_line(&Line::Recorded { event: e });
    }
    out.line(&output::live_event_line(e))
}

fn print_console(out: &mut Out, l: &ConsoleLine, json: bool) -> CliResult {
    if json {
        return out.json_line(&Line::Console { line: l });
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
