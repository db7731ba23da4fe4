//! Shared test harness: the fixture PWA on a real HTTP server at 127.0.0.1, a headless Chromium per test,
//! an engine per test, and waits on events instead of sleeps.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use syncscope_cdp::*;
use syncscope_engine::*;
use tokio::sync::watch;

/// Generous: these tests share two cores with other builds.
pub const WAIT: Duration = Duration::from_secs(30);

/// One request the fixture server saw on `/hit`.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// `sync`, `periodicsync` or whatever the worker said.
    pub kind: String,
    /// The event's tag.
    pub tag: String,
    /// `lastChance`, for sync events.
    pub last_chance: Option<bool>,
    /// When the server saw it.
    pub at: Instant,
}

/// The fixture PWA (tests/fixtures/chromium-pwa) served on 127.0.0.1 at a free port, logging `/hit`s.
pub struct Fixture {
    pub port: u16,
    hits: Arc<Mutex<Vec<Hit>>>,
    changed: watch::Receiver<usize>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/chromium-pwa")
}

impl Fixture {
    pub fn start() -> Fixture {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let hits = Arc::new(Mutex::new(Vec::new()));
        let (tx, changed) = watch::channel(0usize);
        let thread = {
            let server = server.clone();
            let hits = hits.clone();
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    serve(request, &hits, &tx);
                }
            })
        };
        Fixture {
            port,
            hits,
            changed,
            server,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The service worker's scope, `http://127.0.0.1:PORT/`.
    pub fn scope(&self) -> String {
        format!("{}/", self.origin())
    }

    /// A URL on the fixture server.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.origin())
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    pub fn hits_for(&self, kind: &str, tag: &str) -> Vec<Hit> {
        self.hits()
            .into_iter()
            .filter(|h| h.kind == kind && h.tag == tag)
            .collect()
    }

    /// Waits for the first hit of that kind and tag.
    pub async fn wait_for_hit(&self, kind: &str, tag: &str) -> Hit {
        self.wait_for_hits(kind, tag, 1).await.remove(0)
    }

    /// Waits until there are at least `n` hits of that kind and tag, and returns them.
    pub async fn wait_for_hits(&self, kind: &str, tag: &str, n: usize) -> Vec<Hit> {
        let mut rx = self.changed.clone();
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let hits = self.hits_for(kind, tag);
            if hits.len() >= n {
                return hits;
            }
            if tokio::time::timeout_at(deadline, rx.changed())
                .await
                .is_err()
            {
                let all = self.hits();
                panic!(
                    "{} of {n} {kind} hits for {tag:?} within {WAIT:?}; {} hits in all, the last: {:?}",
                    hits.len(),
                    all.len(),
                    &all[all.len().saturating_sub(5)..]
                );
            }
        }
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(request: tiny_http::Request, hits: &Mutex<Vec<Hit>>, tx: &watch::Sender<usize>) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let header =
        |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
    if path == "/hit" {
        let q: BTreeMap<String, String> = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), percent_decode(v)))
            .collect();
        let hit = Hit {
            kind: q.get("kind").cloned().unwrap_or_default(),
            tag: q.get("tag").cloned().unwrap_or_default(),
            last_chance: q.get("lastChance").map(|v| v == "true"),
            at: Instant::now(),
        };
        let n = {
            let mut h = hits.lock().unwrap();
            h.push(hit);
            h.len()
        };
        tx.send_replace(n);
        let _ = request.respond(
            tiny_http::Response::from_string("ok").with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    let file = match path {
        "/" | "/index.html" => "index.html",
        "/sw.js" => "sw.js",
        _ => {
            let _ = request
                .respond(tiny_http::Response::from_string("not found").with_status_code(404));
            return;
        }
    };
    let body = std::fs::read(fixture_dir().join(file)).expect("fixture file");
    let mime = if file.ends_with(".js") {
        "text/javascript; charset=utf-8"
    } else {
        "text/html; charset=utf-8"
    };
    let _ = request.respond(
        tiny_http::Response::from_data(body)
            .with_header(header("Content-Type", mime))
            .with_header(header("Cache-Control", "no-store")),
    );
}

/// A query value with `%XX` escapes (and `+` as a space) decoded.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Logs to the test output when `RUST_LOG` is set.
pub fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
}

/// A fresh headless Chromium with its own temporary profile.
pub async fn launch(sync_params: Option<SyncParameters>) -> BrowserProcess {
    init_logging();
    let executable = std::env::var_os("SYNCSCOPE_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find_browser().ok())
        .expect("Chromium is needed for these tests: apt-get install chromium (scripts/test.sh does it)");
    BrowserProcess::launch(LaunchOptions {
        executable: Some(executable),
        sync_params,
        ..LaunchOptions::default()
    })
    .await
    .expect("Chromium starts")
}

pub fn session_options() -> SessionOptions {
    SessionOptions {
        command_timeout: Duration::from_secs(20),
        wait_timeout: WAIT,
        ..SessionOptions::default()
    }
}

pub async fn connect(browser: &BrowserProcess) -> ChromiumSession {
    ChromiumSession::connect(&browser.endpoint(), session_options())
        .await
        .expect("the session attaches")
}

/// An engine on a real clock in a temporary database.
pub struct TestEngine {
    pub engine: EngineHandle,
    pub db: PathBuf,
    _dir: tempfile::TempDir,
}

pub async fn engine_with(
    target: Arc<dyn Target>,
    clock: Clock,
    params: Option<SyncParameters>,
) -> TestEngine {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("syncscope.db");
    let engine = Engine::start(EngineConfig {
        db_path: db.clone(),
        clock,
        target,
        params,
    })
    .await
    .expect("the engine starts");
    TestEngine {
        engine,
        db,
        _dir: dir,
    }
}

/// A session recording every service into a fresh engine whose target is the session itself.
pub async fn recording_session(
    browser: &BrowserProcess,
) -> (ChromiumSession, ChromiumTarget, TestEngine) {
    let session = connect(browser).await;
    let target = ChromiumTarget::new(session.clone());
    let engine = engine_with(Arc::new(target.clone()), Clock::real(), None).await;
    session.record_into(engine.engine.clone());
    session
        .start_recording(&RECORDED_SERVICES)
        .await
        .expect("recording starts");
    (session, target, engine)
}

/// Opens the fixture page with a query and waits until it registered everything it was asked to.
pub async fn open_fixture(session: &ChromiumSession, fixture: &Fixture, query: &str) -> PageHandle {
    let page = session
        .open_page(&fixture.url(&format!("/{query}")))
        .await
        .expect("the page opens");
    let expr = "window.fixture ? window.fixture.done.then(r => ({ ok: r }), e => ({ err: e.name + ': ' + e.message })) : null";
    let deadline = Instant::now() + WAIT;
    loop {
        match page.evaluate(expr).await {
            Ok(Value::Null) | Err(CdpError::Script(_)) | Err(CdpError::Protocol { .. }) => {}
            Ok(v) => {
                assert!(v.get("err").is_none(), "the fixture page failed: {v}");
                return page;
            }
            Err(e) => panic!("evaluating in the fixture page: {e}"),
        }
        assert!(
            Instant::now() < deadline,
            "the fixture page never got ready"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Every stored event of a service, oldest first.
pub async fn stored(engine: &EngineHandle, service: Service) -> Vec<RecordedEvent> {
    engine
        .events(EventQuery {
            service: Some(service),
            oldest_first: true,
            limit: Some(10_000),
            ..EventQuery::default()
        })
        .await
        .unwrap()
}

/// Waits until the store holds an event matching `pred`.
pub async fn wait_stored(
    engine: &EngineHandle,
    service: Service,
    what: &str,
    pred: impl Fn(&[RecordedEvent]) -> bool,
) -> Vec<RecordedEvent> {
    let mut rx = engine.subscribe();
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let events = stored(engine, service).await;
        if pred(&events) {
            return events;
        }
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(_) => {}
            Err(_) => panic!(
                "{what}: not recorded within {WAIT:?}; stored: {:#?}",
                events.iter().map(summary).collect::<Vec<_>>()
            ),
        }
    }
}

pub fn has(events: &[RecordedEvent], name: &str, tag: &str) -> bool {
    events
        .iter()
        .any(|e| e.event.event_name == name && e.event.instance_id == tag)
}

pub fn count(events: &[RecordedEvent], name: &str, tag: &str) -> usize {
    events
        .iter()
        .filter(|e| e.event.event_name == name && e.event.instance_id == tag)
        .count()
}

/// `name [tag] {k: v, …}` for failure messages.
pub fn summary(e: &RecordedEvent) -> String {
    format!(
        "{:.3} {} [{}] {:?}",
        e.event.timestamp,
        e.event.event_name,
        e.event.instance_id,
        meta(&e.event)
    )
}

/// Metadata as a sorted key/value set.
pub fn meta(e: &BackgroundServiceEvent) -> BTreeMap<String, String> {
    e.event_metadata
        .iter()
        .map(|m| (m.key.clone(), m.value.clone()))
        .collect()
}
