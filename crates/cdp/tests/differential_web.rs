//! The fetch and storage differential test (issue 10): the same service worker,
//! `tests/fixtures/probe-pwa/sw.js`, runs its probes in a real Chromium and in the embedded worker, and both
//! must see the same outcomes: CORS (with and without headers, preflights, `no-cors` and `same-origin` modes),
//! redirect modes (followed, `manual`, `error`, across origins, where the origin becomes `null`), aborts,
//! network errors, bodies cut off mid-way and request-constructor errors with their exact messages; and storage: the shape of
//! `navigator.storage.estimate()`, and IndexedDB and Cache Storage writes past a 2 MiB quota (Chromium's quota
//! set with `Storage.overrideQuotaForOrigin`, the engine's with `WorkerLimits::storage_quota`).
//!
//! Two servers on 127.0.0.1 (two ports, so two origins) serve the same routes; each logs the requests it saw,
//! which are compared too (a refused preflight must keep the request from the server).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use syncscope_engine::*;
use syncscope_worker::{Embedded, EmbeddedConfig, ScriptSource, WorkerLimits, WorkerSpec};
use tokio::sync::watch;

const QUOTA: u64 = 2 * 1024 * 1024;

/// One of the two origins: the probes' routes, a log of what was requested, and the results the worker posts.
struct ProbeServer {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
    results: watch::Receiver<Option<Value>>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProbeServer {
    /// Serves the fixture; `/cors` and the preflights allow `allowed_origin` (the other server's, for B).
    fn start(allowed_origin: Arc<Mutex<String>>) -> ProbeServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (tx, results) = watch::channel(None);
        let thread = {
            let (server, seen) = (server.clone(), seen.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let allowed = allowed_origin.lock().unwrap().clone();
                    serve(request, &allowed, &seen, &tx);
                }
            })
        };
        ProbeServer {
            port,
            seen,
            results,
            server,
            thread: Some(thread),
        }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests the probes made here (not the page, the script or the results).
    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    async fn results(&self) -> Value {
        let mut rx = self.results.clone();
        let got = tokio::time::timeout(Duration::from_secs(60), rx.wait_for(Option::is_some))
            .await
            .expect("the worker posted its probe results within 60 s")
            .expect("the server runs");
        got.clone().expect("some")
    }
}

impl Drop for ProbeServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn fixture(file: &str) -> Vec<u8> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/probe-pwa")
        .join(file);
    std::fs::read(dir).expect("fixture file")
}

fn serve(
    mut request: tiny_http::Request,
    allowed: &str,
    seen: &Mutex<Vec<String>>,
    results: &watch::Sender<Option<Value>>,
) {
    let h = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let method = request.method().as_str().to_string();
    let text = |s: &str, status: u16| {
        tiny_http::Response::from_string(s)
            .with_status_code(status)
            .with_header(h("Content-Type", "text/plain"))
            .with_header(h("Cache-Control", "no-store"))
    };
    if !matches!(
        path,
        "/" | "/index.html" | "/sw.js" | "/results" | "/favicon.ico"
    ) {
        seen.lock().unwrap().push(format!("{method} {path}"));
    }
    let response = match (method.as_str(), path) {
        (_, "/" | "/index.html") => tiny_http::Response::from_data(fixture("index.html"))
            .with_header(h("Content-Type", "text/html; charset=utf-8"))
            .with_header(h("Cache-Control", "no-store")),
        (_, "/sw.js") => tiny_http::Response::from_data(fixture("sw.js"))
            .with_header(h("Content-Type", "text/javascript; charset=utf-8"))
            .with_header(h("Cache-Control", "no-store")),
        ("POST", "/results") => {
            let mut body = String::new();
            let _ = std::io::Read::read_to_string(request.as_reader(), &mut body);
            let value = serde_json::from_str(&body).unwrap_or(Value::String(body));
            results.send_replace(Some(value));
            text("ok", 200)
        }
        (_, "/plain") => text("plain", 200).with_header(h("X-Secret", "s")),
        (_, "/cors") => text("cors", 200)
            .with_header(h("Access-Control-Allow-Origin", allowed))
            .with_header(h("Access-Control-Expose-Headers", "X-Exposed"))
            .with_header(h("X-Exposed", "e"))
            .with_header(h("X-Secret", "s")),
        (_, "/cors-any") => {
            text("cors-any", 200).with_header(h("Access-Control-Allow-Origin", "*"))
        }
        (_, "/redirect") => {
            let to = query
                .strip_prefix("to=")
                .map(percent_decode)
                .unwrap_or_else(|| "/plain".into());
            text("", 302).with_header(h("Location", &to))
        }
        ("OPTIONS", "/preflight-ok") => text("", 204)
            .with_header(h("Access-Control-Allow-Origin", allowed))
            .with_header(h("Access-Control-Allow-Methods", "PUT"))
            .with_header(h("Access-Control-Allow-Headers", "x-custom")),
        ("OPTIONS", "/preflight-refused") => {
            text("", 204).with_header(h("Access-Control-Allow-Origin", allowed))
        }
        (_, "/preflight-ok" | "/preflight-refused") => {
            text("put", 200).with_header(h("Access-Control-Allow-Origin", allowed))
        }
        _ => text("not found", 404),
    };
    let _ = request.respond(response);
}

/// A server that announces 100,000 bytes of body, sends 1,000 and closes the connection (allowing any origin).
/// Returns its origin.
fn truncating_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let mut got = Vec::new();
            while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\nAccess-Control-Allow-Origin: *\r\nCache-Control: no-store\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&[b'x'; 1000]);
            let _ = stream.flush();
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// The worker script's query: where the other origin and the truncating server are.
fn query(b: &ProbeServer, truncated: &str) -> String {
    format!("other={}&truncated={truncated}", b.origin())
}

/// Origin A (the worker's) and origin B (the other one, which allows A in its CORS headers).
fn servers() -> (ProbeServer, ProbeServer) {
    let allowed_by_a = Arc::new(Mutex::new(String::new()));
    let allowed_by_b = Arc::new(Mutex::new(String::new()));
    let a = ProbeServer::start(allowed_by_a.clone());
    let b = ProbeServer::start(allowed_by_b.clone());
    *allowed_by_a.lock().unwrap() = b.origin();
    *allowed_by_b.lock().unwrap() = a.origin();
    (a, b)
}

/// What one side saw: the probe results and each server's request log.
#[derive(Debug)]
struct Seen {
    results: Value,
    at_a: Vec<String>,
    at_b: Vec<String>,
}

async fn run_embedded() -> Seen {
    let (a, b) = servers();
    let clock = Clock::virtual_at(Timestamp::from_millis(1_700_000_000_000));
    let dir = tempfile::tempdir().unwrap();
    let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
        db_path: dir.path().join("syncscope.db"),
        clock,
        params: None,
        limits: WorkerLimits {
            storage_quota: Some(QUOTA),
            ..WorkerLimits::default()
        },
    })
    .await
    .expect("the engine starts");
    let sw = host
        .register(WorkerSpec {
            scope: format!("{}/", a.origin()),
            script_url: format!("{}/sw.js?{}", a.origin(), query(&b, &truncating_server())),
            source: ScriptSource::Http,
            window_clients: 1,
            module: false,
        })
        .await
        .expect("the probe sw.js installs in the embedded worker");
    engine.sync_register(sw.id, "probe").await.unwrap();
    engine.advance_by(Duration::from_secs(1)).await.unwrap();
    let results = a.results().await;
    let _ = engine.shutdown().await;
    host.shutdown();
    Seen {
        results,
        at_a: a.seen(),
        at_b: b.seen(),
    }
}

async fn run_chromium() -> Seen {
    let (a, b) = servers();
    let browser = launch(None).await;
    let session = connect(&browser).await;
    // (On a page's session: the browser's has no storage partition. The override lasts as long as the session.)
    session
        .page_session()
        .call(
            "Storage.overrideQuotaForOrigin",
            json!({ "origin": a.origin(), "quotaSize": QUOTA }),
            Duration::from_secs(20),
        )
        .await
        .expect("Chromium takes the quota override");
    let _page = session
        .open_page(&format!(
            "{}/?{}",
            a.origin(),
            query(&b, &truncating_server())
        ))
        .await
        .expect("the page opens");
    let results = a.results().await;
    Seen {
        results,
        at_a: a.seen(),
        at_b: b.seen(),
    }
}

/// Where Syncscope knowingly differs from Chromium: the probe, and why (docs/reliability.md says more). The test
/// checks that these differ exactly so, so a Chromium that changes is noticed.
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[(
    "IndexedDB write past the quota, one value of 4 MiB",
    // Chromium stores a value this large as a blob beside the database and does not count it in the
    // transaction's quota check (a write of the same bytes in 32 KiB records is refused); Syncscope refuses
    // both, so a worker is not told its write fits when the next one will not.
    r#"{"kept":["big","small"],"outcome":"stored","request":null}"#,
    r#"{"kept":["small"],"outcome":"QuotaExceededError: ","request":null}"#,
)];

/// The probes whose outcomes differ (beyond the known differences), one line each.
fn differences(chromium: &Value, embedded: &Value) -> Vec<String> {
    let empty = Vec::new();
    let c = chromium.as_array().unwrap_or(&empty);
    let e = embedded.as_array().unwrap_or(&empty);
    let mut out = Vec::new();
    if c.len() != e.len() || c.is_empty() {
        out.push(format!(
            "Chromium reported {} probes, the engine {}",
            c.len(),
            e.len()
        ));
    }
    for (c, e) in c.iter().zip(e) {
        let known = KNOWN_DIFFERENCES.iter().find(|(name, _, _)| c[0] == *name);
        if let Some((_, in_chromium, in_engine)) = known {
            let as_known = serde_json::from_str::<Value>(in_chromium).ok() == Some(c[1].clone())
                && serde_json::from_str::<Value>(in_engine).ok() == Some(e[1].clone());
            if !as_known {
                out.push(format!(
                    "{} (a known difference, but not as known)\n   Chromium: {}\n   engine:   {}",
                    c[0], c[1], e[1]
                ));
            }
            continue;
        }
        if c != e {
            out.push(format!(
                "{}\n   Chromium: {}\n   engine:   {}",
                c[0], c[1], e[1]
            ));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_and_storage_behave_as_in_chromium() {
    let chromium = run_chromium().await;
    let embedded = run_embedded().await;
    let report = format!(
        "Chromium: {}\nengine: {}\nrequests at A: Chromium {:?}, engine {:?}\nrequests at B: Chromium {:?}, engine {:?}",
        serde_json::to_string_pretty(&chromium.results).unwrap(),
        serde_json::to_string_pretty(&embedded.results).unwrap(),
        chromium.at_a,
        embedded.at_a,
        chromium.at_b,
        embedded.at_b,
    );
    println!("{report}");
    let mut diffs = differences(&chromium.results, &embedded.results);
    if chromium.at_a != embedded.at_a {
        diffs.push(format!(
            "requests at A: Chromium {:?}, engine {:?}",
            chromium.at_a, embedded.at_a
        ));
    }
    if chromium.at_b != embedded.at_b {
        diffs.push(format!(
            "requests at B: Chromium {:?}, engine {:?}",
            chromium.at_b, embedded.at_b
        ));
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn the_comparison_names_each_probe_that_differs() {
    let a = json!([["x", "same"], ["y", {"status": 200}]]);
    let b = json!([["x", "same"], ["y", {"status": 0}]]);
    assert!(differences(&a, &a).is_empty());
    let d = differences(&a, &b);
    assert_eq!(d.len(), 1);
    assert!(d[0].starts_with("\"y\""), "{d:?}");
    assert_eq!(differences(&a, &json!([])).len(), 1);
    // A known difference passes only as it is known.
    let (name, chromium, engine) = KNOWN_DIFFERENCES[0];
    let known = |c: &str, e: &str| {
        differences(
            &json!([[name, serde_json::from_str::<Value>(c).unwrap()]]),
            &json!([[name, serde_json::from_str::<Value>(e).unwrap()]]),
        )
    };
    assert!(known(chromium, engine).is_empty());
    assert_eq!(known(chromium, chromium).len(), 1);
    assert_eq!(known(engine, engine).len(), 1);
}
