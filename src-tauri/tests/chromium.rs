//! The target picker through the window's command surface (tauri::test's mock runtime) against a real headless
//! Chromium (Debian's `chromium`; `SYNCSCOPE_CHROMIUM` picks another) and the fixture PWA of
//! tests/fixtures/chromium-pwa served on 127.0.0.1: launch and attach, Chromium's registration in the Service
//! workers view, Sync by tag recorded as Chromium logs it, Offline, the toolbar switches, a browser that goes
//! away, bad addresses, detach.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use syncscope_app::dto::{EventPage, LiveEvent, TargetState, TargetStatus};
use syncscope_app::{AppConfig, AppState};
use syncscope_engine::ClockMode;
use tauri::Manager;
use tauri::test::MockRuntime;

mod common;

/// Generous: these tests share two cores with other builds.
const WAIT: Duration = Duration::from_secs(40);

/// The fixture PWA on a free port of 127.0.0.1; `/hit?kind=…&tag=…` requests from its worker are kept.
struct Fixture {
    origin: String,
    hits: Arc<Mutex<Vec<String>>>,
    server: Arc<tiny_http::Server>,
}

impl Fixture {
    fn start() -> Fixture {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/chromium-pwa");
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let origin = format!("http://{}", server.server_addr().to_ip().unwrap());
        let hits = Arc::new(Mutex::new(Vec::new()));
        let (s, h) = (server.clone(), hits.clone());
        std::thread::spawn(move || {
            for req in s.incoming_requests() {
                let url = req.url().to_string();
                let path = url.split('?').next().unwrap_or_default().to_string();
                let header = |k: &str, v: &str| {
                    tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap()
                };
                let (file, mime) = match path.as_str() {
                    "/hit" => {
                        h.lock().unwrap().push(url.clone());
                        let _ = req.respond(tiny_http::Response::from_string("ok"));
                        continue;
                    }
                    "/" | "/index.html" => ("index.html", "text/html; charset=utf-8"),
                    "/sw.js" => ("sw.js", "text/javascript; charset=utf-8"),
                    _ => {
                        let _ = req.respond(
                            tiny_http::Response::from_string("not found").with_status_code(404),
                        );
                        continue;
                    }
                };
                let body = std::fs::read(dir.join(file)).unwrap();
                let _ = req.respond(
                    tiny_http::Response::from_data(body)
                        .with_header(header("Content-Type", mime))
                        .with_header(header("Cache-Control", "no-store")),
                );
            }
        });
        Fixture {
            origin,
            hits,
            server,
        }
    }

    fn scope(&self) -> String {
        format!("{}/", self.origin)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

struct Harness {
    app: tauri::App<MockRuntime>,
    window: tauri::WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let config = AppConfig::in_dir(dir.path().join("data"), ClockMode::Real);
        let (app, window) = common::start_app(config);
        Harness {
            app,
            window,
            _dir: dir,
        }
    }

    fn call_raw(&self, cmd: &str, args: Option<Value>) -> Result<Value, Value> {
        common::invoke(&self.window, cmd, args)
    }

    fn call<T: DeserializeOwned>(&self, cmd: &str, args: Option<Value>) -> T {
        match self.call_raw(cmd, args) {
            Ok(v) => serde_json::from_value(v).unwrap(),
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }

    fn error(&self, cmd: &str, args: Option<Value>) -> (String, String) {
        let e = self
            .call_raw(cmd, args)
            .expect_err(&format!("{cmd} should fail"));
        (
            e["kind"].as_str().unwrap_or_default().to_string(),
            e["message"].as_str().unwrap_or_default().to_string(),
        )
    }

    fn status(&self) -> TargetStatus {
        self.call("target_status", None)
    }

    /// Polls the target status until `done` holds.
    fn wait_status(&self, what: &str, done: impl Fn(&TargetStatus) -> bool) -> TargetStatus {
        let start = Instant::now();
        loop {
            let s = self.status();
            if done(&s) {
                return s;
            }
            assert!(start.elapsed() < WAIT, "{what}: not within {WAIT:?}: {s:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Polls the stored events of a tag until `done` holds: (event name, metadata, source).
    fn wait_events(
        &self,
        tag: &str,
        done: impl Fn(&[(String, Value, String)]) -> bool,
    ) -> Vec<(String, Value, String)> {
        let start = Instant::now();
        loop {
            let page: EventPage = self.call(
                "query_events",
                Some(json!({ "instance_id": tag, "oldest_first": true, "limit": 1000 })),
            );
            let events: Vec<(String, Value, String)> = page
                .events
                .into_iter()
                .map(|e| {
                    (
                        e.event.event_name,
                        serde_json::to_value(&e.event.event_metadata).unwrap(),
                        e.source,
                    )
                })
                .collect();
            if done(&events) {
                return events;
            }
            assert!(
                start.elapsed() < WAIT,
                "events of {tag:?} not as expected within {WAIT:?}: {events:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn launch_headless() -> Value {
    json!({ "launch": true, "address": null, "headless": true })
}

#[test]
fn launching_chromium_shows_its_registration_fires_sync_by_tag_and_detach_returns_to_the_engine() {
    let fixture = Fixture::start();
    let h = Harness::new();
    let (tx, live) = mpsc::channel();
    syncscope_app::live::start(&h.app.state::<AppState>(), move |e| tx.send(e).is_ok());
    assert_eq!(h.status().state, TargetState::Embedded);
    let _: Value = h.call(
        "set_recording",
        Some(json!({ "service": "backgroundSync", "on": true })),
    );

    let s: TargetStatus = h.call("attach_chromium", Some(launch_headless()));
    assert_eq!(s.state, TargetState::Connected, "{s:?}");
    assert!(s.launched);
    assert!(
        s.browser.as_deref().unwrap_or_default().contains("Chrome"),
        "{s:?}"
    );
    let (kind, message) = h.error("attach_chromium", Some(launch_headless()));
    assert_eq!(kind, "input");
    assert!(message.contains("detach first"), "{message}");

    // The user opens their app in the browser: its registration appears in the Service workers view.
    let _: TargetStatus = h.call(
        "chromium_open_page",
        Some(json!({ "url": format!("{}/", fixture.origin) })),
    );
    let s = h.wait_status("the fixture's registration", |s| {
        s.workers
            .iter()
            .any(|w| w.scope_url == fixture.scope() && w.status == "activated")
    });
    let w = s
        .workers
        .iter()
        .find(|w| w.scope_url == fixture.scope())
        .unwrap();
    assert_eq!(w.origin, fixture.origin);
    assert_eq!(w.script_url, format!("{}/sw.js", fixture.origin));
    // …and reached the window live.
    let deadline = Instant::now() + WAIT;
    loop {
        match live.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(LiveEvent::Target { status }) if !status.workers.is_empty() => break,
            Ok(_) => {}
            Err(e) => panic!("no live target status with the registration: {e}"),
        }
    }

    // Sync by tag with a lastChance choice: Chromium runs the handler and logs it, recorded into the store.
    let _: TargetStatus = h.call(
        "chromium_dispatch_sync",
        Some(json!({ "registration_id": w.registration_id, "tag": "from-the-app", "last_chance": false })),
    );
    let events = h.wait_events("from-the-app", |e| {
        e.iter().any(|(name, ..)| name == "Dispatched sync event")
    });
    assert_eq!(
        events[0],
        (
            "Dispatched sync event".to_string(),
            json!([{ "key": "Last Chance", "value": "No" }]),
            "chromium".to_string()
        )
    );
    let start = Instant::now();
    while !fixture.hits.lock().unwrap().iter().any(|u| {
        u.contains("kind=sync") && u.contains("tag=from-the-app") && u.contains("lastChance=false")
    }) {
        assert!(
            start.elapsed() < WAIT,
            "the worker's sync handler never ran"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Record switched on while attached reaches Chromium too.
    let _: Value = h.call(
        "set_recording",
        Some(json!({ "service": "periodicBackgroundSync", "on": true })),
    );
    let _: TargetStatus = h.call(
        "chromium_dispatch_periodic_sync",
        Some(json!({ "registration_id": w.registration_id, "tag": "news" })),
    );
    h.wait_events("news", |e| {
        e.iter().any(|(name, _, source)| {
            name == "Dispatched periodicsync event" && source == "chromium"
        })
    });

    // Offline goes to the browser's workers, and back.
    let s: TargetStatus = h.call("chromium_set_offline", Some(json!({ "offline": true })));
    assert!(s.offline);
    let s: TargetStatus = h.call("chromium_set_offline", Some(json!({ "offline": false })));
    assert!(!s.offline);
    // The toolbar switches reach Chromium too (setForceUpdateOnPageLoad, setBypassServiceWorker).
    let snap: Value = h.call(
        "set_sw_options",
        Some(json!({ "update_on_reload": true, "bypass_for_network": true })),
    );
    assert_eq!(snap["service_workers"]["bypass_for_network"], json!(true));

    // Bad input is a clear error, never a panic.
    let (kind, message) = h.error(
        "chromium_dispatch_sync",
        Some(json!({ "registration_id": "999999", "tag": "x", "last_chance": false })),
    );
    assert_eq!(kind, "input");
    assert!(
        message.contains("no service-worker registration"),
        "{message}"
    );
    let (kind, _) = h.error(
        "chromium_dispatch_sync",
        Some(json!({ "registration_id": w.registration_id, "tag": "", "last_chance": false })),
    );
    assert_eq!(kind, "input");
    let (kind, message) = h.error(
        "chromium_open_page",
        Some(json!({ "url": "file:///etc/passwd" })),
    );
    assert_eq!(kind, "input");
    assert!(message.contains("http or https"), "{message}");

    // Detach: back on the embedded engine; Chromium's events stay recorded.
    let s: TargetStatus = h.call("detach_chromium", None);
    assert_eq!(s, TargetStatus::embedded());
    let (kind, message) = h.error(
        "chromium_dispatch_sync",
        Some(json!({ "registration_id": w.registration_id, "tag": "late", "last_chance": false })),
    );
    assert_eq!(kind, "input");
    assert!(message.contains("no Chromium is attached"), "{message}");
    assert_eq!(
        h.wait_events("from-the-app", |e| !e.is_empty()).len(),
        events.len()
    );
}

#[test]
fn bad_addresses_are_refused_and_a_browser_that_goes_away_shows_as_disconnected() {
    let h = Harness::new();
    for (address, expect) in [
        ("", "DevTools port"),
        ("0", "port 0"),
        ("70000", "not a DevTools endpoint"),
        ("chromium please", "not a DevTools endpoint"),
    ] {
        let (kind, message) = h.error(
            "attach_chromium",
            Some(json!({ "launch": false, "address": address, "headless": false })),
        );
        assert_eq!(kind, "input", "{address:?}: {message}");
        assert!(message.contains(expect), "{address:?}: {message}");
    }
    let (kind, message) = h.error(
        "attach_chromium",
        Some(json!({ "launch": true, "address": "9222", "headless": true })),
    );
    assert_eq!(kind, "input");
    assert!(message.contains("not both"), "{message}");
    // Nothing listens on this port.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let (kind, message) = h.error(
        "attach_chromium",
        Some(json!({ "launch": false, "address": port.to_string(), "headless": false })),
    );
    assert_eq!(kind, "chromium", "{message}");
    assert!(message.contains("cannot connect"), "{message}");
    assert_eq!(h.status().state, TargetState::Embedded);

    // A browser started by someone else, attached by its port, then killed.
    let browser = tauri::async_runtime::block_on(syncscope_cdp::BrowserProcess::launch(
        syncscope_cdp::LaunchOptions {
            executable: std::env::var_os("SYNCSCOPE_CHROMIUM").map(PathBuf::from),
            ..Default::default()
        },
    ))
    .expect("Chromium starts (apt-get install chromium)");
    let s: TargetStatus = h.call(
        "attach_chromium",
        Some(json!({ "launch": false, "address": format!("127.0.0.1:{}", browser.port()), "headless": false })),
    );
    assert_eq!(s.state, TargetState::Connected);
    assert!(!s.launched);
    drop(browser);
    let s = h.wait_status("the disconnect", |s| s.state == TargetState::Disconnected);
    assert!(
        s.error
            .as_deref()
            .unwrap_or_default()
            .contains("browser disconnected"),
        "{s:?}"
    );
    let (kind, _) = h.error("chromium_set_offline", Some(json!({ "offline": true })));
    assert_eq!(kind, "disconnected");
    let s: TargetStatus = h.call("detach_chromium", None);
    assert_eq!(s.state, TargetState::Embedded);
}
