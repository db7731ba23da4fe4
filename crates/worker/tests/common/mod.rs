//! Helpers shared by the worker's integration tests: a local HTTP server, an engine with a worker host on a
//! virtual clock, and readers of what was recorded.
#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use syncscope_engine::*;
use syncscope_worker::*;

pub const T0: i64 = 1_700_000_000_000;

/// A recorded event: name, tag, metadata.
pub type Entry = (String, String, Vec<(String, String)>);

/// A local HTTP server that records each request's path and answers 200, or 503 while `failing` is set.
pub struct Server {
    pub url: String,
    pub hits: Arc<Mutex<Vec<String>>>,
    pub failing: Arc<AtomicBool>,
    _thread: std::thread::JoinHandle<()>,
}

impl Server {
    pub fn start() -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let hits = Arc::new(Mutex::new(Vec::new()));
        let failing = Arc::new(AtomicBool::new(false));
        let (h, f) = (hits.clone(), failing.clone());
        let thread = std::thread::spawn(move || {
            for mut req in server.incoming_requests() {
                // An API on its own origin, open to every origin's scripts (CORS), preflights included.
                let cors = |r: tiny_http::Response<std::io::Cursor<Vec<u8>>>| {
                    [
                        "Access-Control-Allow-Origin: *",
                        "Access-Control-Allow-Methods: *",
                        "Access-Control-Allow-Headers: *",
                    ]
                    .iter()
                    .fold(r, |r, h| {
                        r.with_header(h.parse::<tiny_http::Header>().unwrap())
                    })
                };
                if *req.method() == tiny_http::Method::Options {
                    let _ = req.respond(cors(tiny_http::Response::from_string("")));
                    continue;
                }
                let mut body = String::new();
                let _ = req.as_reader().read_to_string(&mut body);
                h.lock()
                    .unwrap()
                    .push(format!("{} {} {}", req.method(), req.url(), body));
                let status = if f.load(Ordering::SeqCst) { 503 } else { 200 };
                let _ = req.respond(cors(
                    tiny_http::Response::from_string(format!("{{\"ok\":{}}}", status == 200))
                        .with_status_code(status),
                ));
            }
        });
        Server {
            url,
            hits,
            failing,
            _thread: thread,
        }
    }

    pub fn hits(&self) -> Vec<String> {
        self.hits.lock().unwrap().clone()
    }
}

pub struct Setup {
    pub engine: EngineHandle,
    pub host: WorkerHost,
    pub clock: Clock,
    pub dir: tempfile::TempDir,
    pub console: tokio::sync::broadcast::Receiver<ConsoleLine>,
}

pub async fn setup_with(limits: WorkerLimits, params: Option<SyncParameters>) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::virtual_at(Timestamp::from_millis(T0));
    let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
        db_path: dir.path().join("syncscope.db"),
        clock: clock.clone(),
        params,
        limits,
    })
    .await
    .unwrap();
    for s in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
        engine.set_recording(s, true).await.unwrap();
    }
    let console = host.console();
    Setup {
        engine,
        host,
        clock,
        dir,
        console,
    }
}

pub async fn setup() -> Setup {
    setup_with(WorkerLimits::default(), None).await
}

impl Setup {
    /// Writes `sw.js` (and any other files) into a folder and registers it on `http://<host>/`.
    pub async fn worker(
        &self,
        host: &str,
        files: &[(&str, &str)],
    ) -> Result<ServiceWorkerRegistration, WorkerError> {
        let root = self.dir.path().join(host);
        std::fs::create_dir_all(&root).unwrap();
        for (name, text) in files {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        self.host
            .register(WorkerSpec {
                scope: format!("http://{host}/"),
                script_url: format!("http://{host}/sw.js"),
                source: ScriptSource::Folder {
                    root: root.to_path_buf(),
                },
                window_clients: 1,
                module: false,
            })
            .await
    }

    pub async fn log(&self) -> Vec<Entry> {
        self.engine
            .events(EventQuery {
                service: Some(Service::BackgroundSync),
                oldest_first: true,
                limit: Some(1000),
                ..EventQuery::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|e| {
                (
                    e.event.event_name,
                    e.event.instance_id,
                    e.event
                        .event_metadata
                        .into_iter()
                        .map(|m| (m.key, m.value))
                        .collect(),
                )
            })
            .collect()
    }

    pub fn console_lines(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        while let Ok(l) = self.console.try_recv() {
            out.push(format!("{}: {}", l.level.as_str(), l.text));
        }
        out
    }

    pub async fn advance(&self, ms: u64) {
        self.engine
            .advance_by(Duration::from_millis(ms))
            .await
            .unwrap();
    }
}

pub fn names(log: &[Entry]) -> Vec<&str> {
    log.iter().map(|(n, _, _)| n.as_str()).collect()
}
