//! Real libraries and the seed documents' patterns under `syncscope test`, in the embedded QuickJS worker: the
//! scenario files and service workers in tests/fixtures/libs load idb-keyval, idb and Workbox's background sync
//! unmodified from that folder's node_modules (`npm ci` there first; scripts/test.sh does it).
//!
//! idb-keyval and idb need no server: the test file's folder stands for http://localhost. Workbox and the seeds
//! send to a real HTTP server on 127.0.0.1 ([`ApiServer`]), which also serves the folder, so those files run with
//! `--origin` and their scripts are fetched from it as a browser would.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

fn fixture() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/libs");
    let dir = dir.canonicalize().expect("tests/fixtures/libs exists");
    for lib in [
        "idb-keyval/dist/umd.js",
        "idb/build/umd.js",
        "workbox-core/build/workbox-core.prod.js",
        "workbox-background-sync/build/workbox-background-sync.prod.js",
    ] {
        assert!(
            dir.join("node_modules").join(lib).is_file(),
            "{} is missing: run `npm ci` in tests/fixtures/libs (scripts/test.sh does)",
            dir.join("node_modules").join(lib).display()
        );
    }
    dir
}

/// Runs `syncscope test --console [--origin URL] FILE` on a file of the fixture folder; returns its stdout after
/// checking that every test passed and how many there were.
fn run_scenario(file: &str, origin: Option<&str>, expected_tests: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_syncscope"));
    cmd.args(["--db", dir.path().join("s.db").to_str().unwrap()])
        .args(["test", "--console", "--timeout", "120s"]);
    if let Some(origin) = origin {
        cmd.args(["--origin", origin]);
    }
    let out = cmd.arg(fixture().join(file)).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        stdout.lines().last(),
        Some(format!("{expected_tests} passed, 0 failed").as_str()),
        "{stdout}\n{stderr}"
    );
    stdout
}

/// The test server: serves the fixture folder (GET) and a small API.
///
/// - `POST /api/<anything else>`: logged as `{path, body, status, type, client}` (content-type and x-client
///   headers) and answered `201 {"ok":true}`, or `503` while a failure is armed.
/// - `GET /api/log`: the POSTs since the last reset, in arrival order.
/// - `POST /api/control/reset`: clears the log, failures and holds (not [`ApiServer::accepted`]).
/// - `POST /api/control/fail?count=N&skip=M`: after M more POSTs, the next N get a 503.
/// - `POST /api/control/hold`: the next POST's answer waits until `POST /api/control/release`;
///   `POST /api/control/wait-held` answers once a POST is waiting.
struct ApiServer {
    url: String,
    state: Arc<State>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Default)]
struct State {
    inner: Mutex<Inner>,
    changed: Condvar,
}

#[derive(Default)]
struct Inner {
    log: Vec<Value>,
    /// Every POST answered 201 since the server started: (path, body).
    accepted: Vec<(String, String)>,
    skip: usize,
    fail: usize,
    hold: bool,
    held: bool,
    release: bool,
}

const WAIT: Duration = Duration::from_secs(30);

impl ApiServer {
    fn start() -> ApiServer {
        let root = fixture();
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let state = Arc::new(State::default());
        let (s, st) = (server.clone(), state.clone());
        let thread = std::thread::spawn(move || {
            for req in s.incoming_requests() {
                let (st, root) = (st.clone(), root.clone());
                // One thread per request: a held POST must not stop the others.
                std::thread::spawn(move || handle(req, &st, &root));
            }
        });
        ApiServer {
            url,
            state,
            server,
            thread: Some(thread),
        }
    }

    fn accepted(&self) -> Vec<(String, String)> {
        self.state.inner.lock().unwrap().accepted.clone()
    }

    /// The accepted POSTs to `path`, each body's `field` (bodies are JSON).
    fn accepted_field(&self, path: &str, field: &str) -> Vec<Value> {
        self.accepted()
            .into_iter()
            .filter(|(p, _)| p == path)
            .map(|(_, body)| serde_json::from_str::<Value>(&body).unwrap()[field].clone())
            .collect()
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn handle(mut req: tiny_http::Request, st: &State, root: &Path) {
    let full = req.url().to_string();
    let (path, query) = full.split_once('?').unwrap_or((&full, ""));
    let path = path.to_string();
    let query: HashMap<&str, usize> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
        .collect();
    let method = req.method().as_str().to_string();
    let header = |name: &str| {
        req.headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_string())
    };
    let (ctype, client) = (header("content-type"), header("x-client"));
    let mut body = String::new();
    let _ = req.as_reader().read_to_string(&mut body);

    let route = (method.as_str(), path.as_str());
    let (status, content_type, answer): (u16, &str, Vec<u8>) = match route {
        ("GET", "/api/log") => {
            let log = st.inner.lock().unwrap().log.clone();
            (200, "application/json", Value::from(log).to_string().into())
        }
        ("POST", "/api/control/reset") => {
            let mut s = st.inner.lock().unwrap();
            let accepted = std::mem::take(&mut s.accepted);
            *s = Inner {
                accepted,
                ..Inner::default()
            };
            (204, "text/plain", vec![])
        }
        ("POST", "/api/control/fail") => {
            let mut s = st.inner.lock().unwrap();
            s.skip = query.get("skip").copied().unwrap_or(0);
            s.fail = query.get("count").copied().unwrap_or(1);
            (204, "text/plain", vec![])
        }
        ("POST", "/api/control/hold") => {
            st.inner.lock().unwrap().hold = true;
            (204, "text/plain", vec![])
        }
        ("POST", "/api/control/wait-held") => {
            let s = st.inner.lock().unwrap();
            let (s, timeout) = st.changed.wait_timeout_while(s, WAIT, |s| !s.held).unwrap();
            drop(s);
            if timeout.timed_out() {
                (504, "text/plain", b"nothing was held".to_vec())
            } else {
                (204, "text/plain", vec![])
            }
        }
        ("POST", "/api/control/release") => {
            st.inner.lock().unwrap().release = true;
            st.changed.notify_all();
            (204, "text/plain", vec![])
        }
        ("POST", p) if p.starts_with("/api/") => {
            let mut s = st.inner.lock().unwrap();
            let status = if s.skip > 0 {
                s.skip -= 1;
                201
            } else if s.fail > 0 {
                s.fail -= 1;
                503
            } else {
                201
            };
            s.log.push(json!({ "path": p, "body": body, "status": status, "type": ctype, "client": client }));
            if status == 201 {
                s.accepted.push((p.to_string(), body.clone()));
            }
            if std::mem::take(&mut s.hold) {
                s.held = true;
                st.changed.notify_all();
                let (mut s, _) = st
                    .changed
                    .wait_timeout_while(s, WAIT, |s| !s.release)
                    .unwrap();
                s.held = false;
                s.release = false;
            }
            if status == 201 {
                (201, "application/json", br#"{"ok":true}"#.to_vec())
            } else {
                (503, "text/plain", b"busy, try later".to_vec())
            }
        }
        ("GET", p) => match static_file(root, p) {
            Some((ctype, bytes)) => (200, ctype, bytes),
            None => (404, "text/plain", b"not found".to_vec()),
        },
        _ => (405, "text/plain", b"method not allowed".to_vec()),
    };
    let header =
        tiny_http::Header::from_bytes(&b"content-type"[..], content_type.as_bytes()).unwrap();
    let _ = req.respond(
        tiny_http::Response::from_data(answer)
            .with_status_code(status)
            .with_header(header),
    );
}

fn static_file(root: &Path, path: &str) -> Option<(&'static str, Vec<u8>)> {
    let rel = Path::new(path.trim_start_matches('/'));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let bytes = std::fs::read(root.join(rel)).ok()?;
    let ctype = match rel.extension().and_then(|e| e.to_str()) {
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    Some((ctype, bytes))
}

#[test]
fn idb_keyval_runs_unmodified_in_the_worker_and_the_page() {
    let out = run_scenario("idb-keyval.test.js", None, 4);
    assert!(out.contains("✓ update() is atomic"), "{out}");
}

#[test]
fn idb_runs_unmodified_in_the_worker() {
    let out = run_scenario("idb.test.js", None, 3);
    assert!(out.contains("migrated by idb upgrade()"), "{out}");
}

#[test]
fn workbox_background_sync_replays_queued_requests_to_a_local_server() {
    let server = ApiServer::start();
    let out = run_scenario("workbox.test.js", Some(&server.url), 6);
    // Every request the server accepted over the whole file, in order: each queued request exactly once (the
    // 503-answered ones are not here; the one 61 minutes old was dropped by maxRetentionTime).
    let accepted: Vec<(String, Value)> = server
        .accepted()
        .into_iter()
        .map(|(p, b)| (p, serde_json::from_str(&b).unwrap()))
        .collect();
    assert_eq!(
        accepted,
        vec![
            ("/api/outbox".to_string(), json!({"n": 1})),
            ("/api/outbox".to_string(), json!({"n": 2})),
            ("/api/outbox".to_string(), json!({"n": 3})),
            ("/api/outbox".to_string(), json!({"n": 4})),
            ("/api/outbox".to_string(), json!({"n": 5})),
            ("/api/strict".to_string(), json!({"m": "a"})),
            ("/api/strict".to_string(), json!({"m": "b"})),
            ("/api/plugin".to_string(), json!({"p": 1})),
            ("/api/outbox".to_string(), json!({"n": "fresh"})),
        ],
        "{out}"
    );
}

#[test]
fn seed_001_publish_post_on_connected_delivers_every_post_once() {
    let server = ApiServer::start();
    let out = run_scenario("seed-001.test.js", Some(&server.url), 3);
    assert_eq!(
        server.accepted_field("/api/posts", "text"),
        [
            "online post",
            "first",
            "second",
            "third",
            "a",
            "b",
            "c",
            "stubborn",
            "later"
        ],
        "{out}"
    );
}

#[test]
fn seed_004_outbox_delivers_every_message_once() {
    let server = ApiServer::start();
    let out = run_scenario("seed-004.test.js", Some(&server.url), 5);
    assert_eq!(
        server.accepted_field("/api/messages", "text"),
        [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen"
        ],
        "{out}"
    );
    let ids = server.accepted_field("/api/messages", "id");
    let unique: std::collections::HashSet<String> = ids.iter().map(Value::to_string).collect();
    assert_eq!(
        ids.len(),
        unique.len(),
        "a message was delivered twice: {ids:?}"
    );
    assert_eq!(
        server
            .accepted()
            .iter()
            .filter(|(p, _)| p == "/api/ping")
            .count(),
        1,
        "{out}"
    );
}
