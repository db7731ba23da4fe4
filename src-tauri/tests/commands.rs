//! The command surface as the window calls it: real IPC through `tauri::test`'s mock runtime, with the app's own
//! capabilities (so a command the window may not call fails here too), on an engine in a temporary folder running
//! a real `sw.js` in the embedded worker.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use syncscope_app::dto::{DemoInfo, EventPage, LiveEvent, WorkerInfo};
use syncscope_app::{AppConfig, AppState, COMMAND_NAMES};
use syncscope_engine::{ClockMode, ClockStatus, EngineEvent, Outcome, TagInfo};
use tauri::Manager;
use tauri::test::MockRuntime;

mod common;

/// Succeeds every event, except tags starting with "fail", which reject.
const SW: &str = r#"
self.addEventListener('sync', (event) => {
  console.log('sync', event.tag, 'lastChance', event.lastChance);
  event.waitUntil(event.tag.startsWith('fail') ? Promise.reject(new Error('upload failed')) : Promise.resolve());
});
self.addEventListener('periodicsync', (event) => {
  console.log('periodicsync', event.tag);
});
"#;

struct Harness {
    app: tauri::App<MockRuntime>,
    window: tauri::WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

impl Harness {
    /// Waits (bounded) until the console history holds `text`: the line reaches it through the live stream, so
    /// it may land just after the command that caused it returned.
    fn wait_for_console(&self, text: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let console: Vec<Value> = self.call("console_history", None);
            if console.iter().any(|l| l["text"] == json!(text)) {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "console line {text:?} never arrived: {console:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    fn new(clock: ClockMode) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let config = AppConfig::in_dir(dir.path().join("data"), clock);
        Harness::start(dir, config)
    }

    /// An app on `config` (its data in `dir`).
    fn start(dir: tempfile::TempDir, config: AppConfig) -> Harness {
        let (app, window) = common::start_app(config);
        Harness { app, window, dir }
    }

    /// Invokes a command as `@tauri-apps/api`'s `invoke(cmd, { args })` does.
    fn call_raw(&self, cmd: &str, args: Option<Value>) -> Result<Value, Value> {
        common::invoke(&self.window, cmd, args)
    }

    fn call<T: DeserializeOwned>(&self, cmd: &str, args: Option<Value>) -> T {
        match self.call_raw(cmd, args) {
            Ok(v) => serde_json::from_value(v).unwrap(),
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }

    fn add_worker(&self) -> WorkerInfo {
        let sw = self.dir.path().join("sw.js");
        std::fs::write(&sw, SW).unwrap();
        self.call(
            "add_service_worker",
            Some(json!({ "script": sw.to_str().unwrap(), "origin": null })),
        )
    }

    fn event_names(&self, tag: &str) -> Vec<(String, Value)> {
        let page: EventPage = self.call(
            "query_events",
            Some(json!({ "instance_id": tag, "oldest_first": true, "limit": 1000 })),
        );
        page.events
            .into_iter()
            .map(|e| {
                let meta = serde_json::to_value(&e.event.event_metadata).unwrap();
                (e.event.event_name, meta)
            })
            .collect()
    }

    /// Polls until `done` holds for the tag's event names (the worker runs on its own thread).
    fn wait_for(&self, tag: &str, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let start = Instant::now();
        loop {
            let names: Vec<String> = self.event_names(tag).into_iter().map(|e| e.0).collect();
            if done(&names) {
                return names;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out; events so far: {names:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn offline_holds_a_sync_and_going_online_fires_it() {
    let h = Harness::new(ClockMode::Virtual);
    let sw = h.add_worker();
    assert!(sw.registration.active);
    assert_eq!(sw.registration.scope, "http://localhost/");
    assert!(sw.source.unwrap().ends_with("sw.js"));
    let _: Value = h.call(
        "set_recording",
        Some(json!({ "service": "backgroundSync", "on": true })),
    );

    let settings: Value = h.call("set_offline", Some(json!({ "offline": true })));
    assert_eq!(settings["engine"]["online"], json!(false));
    let tags: Vec<TagInfo> = h.call(
        "register_sync",
        Some(json!({ "sw": sw.registration.id.0, "tag": "outbox" })),
    );
    assert_eq!(tags.len(), 1);
    let tags: Vec<TagInfo> = h.call("list_tags", None);
    assert_eq!(tags[0].registration.tag, "outbox");
    assert_eq!(tags[0].display_state, "pending");
    assert_eq!(h.event_names("outbox")[0].0, "Registered sync");

    let _: Value = h.call("set_offline", Some(json!({ "offline": false })));
    let names = h.wait_for("outbox", |n| {
        n.last().map(String::as_str) == Some("Sync completed")
    });
    assert_eq!(
        names,
        ["Registered sync", "Dispatched sync event", "Sync completed"]
    );
    let tags: Vec<TagInfo> = h.call("list_tags", None);
    assert!(tags.is_empty(), "a completed sync is removed: {tags:?}");
    h.wait_for_console("sync outbox lastChance false");
}

#[test]
fn advancing_the_virtual_clock_runs_the_retry_ladder_to_its_last_chance() {
    let h = Harness::new(ClockMode::Virtual);
    let sw = h.add_worker();
    let _: Value = h.call(
        "set_recording",
        Some(json!({ "service": "backgroundSync", "on": true })),
    );
    let _: Vec<TagInfo> = h.call(
        "register_sync",
        Some(json!({ "sw": sw.registration.id.0, "tag": "fail-upload" })),
    );
    h.wait_for("fail-upload", |n| {
        n.iter().any(|e| e == "sync event failed")
    });
    let tags: Vec<TagInfo> = h.call("list_tags", None);
    assert_eq!(tags[0].registration.num_attempts, 1);
    assert!(!tags[0].last_chance_next);

    let before: ClockStatus = h.call("clock_status", None);
    let after: ClockStatus = h.call("clock_advance", Some(json!({ "by": "5m" })));
    assert_eq!(
        after.now.as_millis() - before.now.as_millis(),
        5 * 60 * 1000
    );
    let tags: Vec<TagInfo> = h.call("list_tags", None);
    assert_eq!(tags[0].registration.num_attempts, 2);
    assert!(
        tags[0].last_chance_next,
        "the third attempt is the last chance"
    );

    let _: ClockStatus = h.call("clock_advance_to_next", None);
    let events = h.event_names("fail-upload");
    let dispatches: Vec<&Value> = events
        .iter()
        .filter(|e| e.0 == "Dispatched sync event")
        .map(|e| &e.1)
        .collect();
    assert_eq!(dispatches.len(), 3, "{events:?}");
    assert_eq!(
        dispatches[2],
        &json!([{ "key": "Last Chance", "value": "Yes" }])
    );
    assert_eq!(
        events.last().unwrap(),
        &(
            "Sync completed".to_string(),
            json!([{ "key": "Status", "value": "waitUntil rejected" }])
        )
    );
    let tags: Vec<TagInfo> = h.call("list_tags", None);
    assert!(tags.is_empty());
}

#[test]
fn manual_dispatch_chooses_last_chance_and_fires_periodicsync_by_tag() {
    let h = Harness::new(ClockMode::Virtual);
    let sw = h.add_worker();
    for service in ["backgroundSync", "periodicBackgroundSync"] {
        let _: Value = h.call(
            "set_recording",
            Some(json!({ "service": service, "on": true })),
        );
    }
    let outcome: Outcome = h.call(
        "dispatch_sync",
        Some(json!({ "sw": sw.registration.id.0, "tag": "test-tag-from-devtools", "last_chance": false })),
    );
    assert_eq!(outcome, Outcome::Succeeded);
    let events = h.event_names("test-tag-from-devtools");
    assert_eq!(
        events,
        [(
            "Dispatched sync event".to_string(),
            json!([{ "key": "Last Chance", "value": "No" }])
        )]
    );
    let outcome: Outcome = h.call(
        "dispatch_periodic_sync",
        Some(json!({ "sw": sw.registration.id.0, "tag": "news" })),
    );
    assert_eq!(outcome, Outcome::Succeeded);
    assert_eq!(h.event_names("news")[0].0, "Dispatched periodicsync event");
    h.wait_for_console("periodicsync news");
}

#[test]
fn saved_events_load_back_in_devtools_format() {
    let h = Harness::new(ClockMode::Virtual);
    let sw = h.add_worker();
    let _: Value = h.call(
        "set_recording",
        Some(json!({ "service": "backgroundSync", "on": true })),
    );
    let _: Vec<TagInfo> = h.call(
        "register_sync",
        Some(json!({ "sw": sw.registration.id.0, "tag": "outbox" })),
    );
    h.wait_for("outbox", |n| n.len() == 3);

    let text: String = h.call(
        "export_events",
        Some(json!({ "service": "backgroundSync", "origin": null })),
    );
    let file: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(file.len(), 3);
    assert_eq!(file[0]["eventName"], json!("Registered sync"));
    assert_eq!(file[0]["service"], json!("backgroundSync"));

    let saved: Value = h.call(
        "save_events",
        Some(json!({ "service": "backgroundSync", "origin": "http://localhost" })),
    );
    assert_eq!(saved["events"], json!(3));
    let path = saved["path"].as_str().unwrap();
    assert!(path.contains("backgroundSync-"), "{path}");
    assert_eq!(std::fs::read_to_string(path).unwrap(), text);

    let cleared: u32 = h.call("clear_events", Some(json!({ "service": "backgroundSync" })));
    assert_eq!(cleared, 3);
    assert!(h.event_names("outbox").is_empty());
    let added: u32 = h.call(
        "import_events",
        Some(json!({ "name": "saved.json", "text": text })),
    );
    assert_eq!(added, 3);
    let again: u32 = h.call(
        "import_events",
        Some(json!({ "name": "saved.json", "text": text })),
    );
    assert_eq!(again, 0, "events already there are skipped");
    assert_eq!(h.event_names("outbox").len(), 3);
}

#[test]
fn event_pages_chain_through_their_cursor() {
    let h = Harness::new(ClockMode::Virtual);
    let sw = h.add_worker();
    let _: Value = h.call(
        "set_recording",
        Some(json!({ "service": "backgroundSync", "on": true })),
    );
    for i in 0..5 {
        let _: Outcome = h.call(
            "dispatch_sync",
            Some(
                json!({ "sw": sw.registration.id.0, "tag": format!("t{i}"), "last_chance": true }),
            ),
        );
    }
    let first: EventPage = h.call(
        "query_events",
        Some(json!({ "limit": 2, "oldest_first": false })),
    );
    assert_eq!(first.events.len(), 2);
    assert_eq!(first.events[0].event.instance_id, "t4");
    let cursor = serde_json::to_value(first.next.expect("more pages")).unwrap();
    let second: EventPage = h.call(
        "query_events",
        Some(json!({ "limit": 2, "before": cursor, "oldest_first": false })),
    );
    assert_eq!(second.events[0].event.instance_id, "t2");
    let all: EventPage = h.call(
        "query_events",
        Some(json!({ "limit": 10, "oldest_first": false })),
    );
    assert_eq!(all.events.len(), 5);
    assert!(all.next.is_none(), "a short page is the last");
}

#[test]
fn settings_clock_and_errors_reach_the_window() {
    let h = Harness::new(ClockMode::Real);
    let e = h
        .call_raw("clock_advance", Some(json!({ "by": "5m" })))
        .unwrap_err();
    assert!(
        e["message"].as_str().unwrap().contains("virtual clock"),
        "{e}"
    );
    let e = h
        .call_raw("clock_advance", Some(json!({ "by": "soon" })))
        .unwrap_err();
    assert_eq!(e["kind"], json!("input"));

    let c: ClockStatus = h.call("clock_set_mode", Some(json!({ "mode": "virtual" })));
    assert_eq!(c.mode, ClockMode::Virtual);
    assert!(c.paused);
    let c: ClockStatus = h.call("clock_set_speed", Some(json!({ "speed": 60.0 })));
    assert_eq!(c.speed, 60.0);
    let c: ClockStatus = h.call("clock_resume", None);
    assert!(!c.paused);
    let c: ClockStatus = h.call("clock_pause", None);
    assert!(c.paused);

    let s: Value = h.call(
        "set_engagement",
        Some(json!({ "origin": "https://app.test/path", "engagement": "high" })),
    );
    let origin = s["engine"]["origins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["origin"] == json!("https://app.test"))
        .cloned()
        .unwrap();
    assert_eq!(origin["engagement"], json!("high"));
    let s: Value = h.call(
        "set_permission",
        Some(json!({ "origin": "https://app.test", "permission": "periodic-background-sync", "state": "granted" })),
    );
    assert!(
        s["engine"]["origins"]
            .to_string()
            .contains("\"periodic_background_sync\":\"granted\"")
    );
    let e = h
        .call_raw(
            "set_engagement",
            Some(json!({ "origin": "file:///x", "engagement": "high" })),
        )
        .unwrap_err();
    assert!(
        e["message"].as_str().unwrap().contains("http or https"),
        "{e}"
    );

    let mut params = s["engine"]["params"].clone();
    params["initial_retry_delay_ms"] = json!(3000);
    let s: Value = h.call("set_params", Some(params));
    assert_eq!(s["engine"]["params"]["initial_retry_delay_ms"], json!(3000));
    let s: Value = h.call("reset_params", None);
    assert_eq!(
        s["engine"]["params"]["initial_retry_delay_ms"],
        json!(300_000)
    );

    let e = h
        .call_raw(
            "dispatch_sync",
            Some(json!({ "sw": 999, "tag": "x", "last_chance": false })),
        )
        .unwrap_err();
    assert_eq!(e["kind"], json!("engine"), "{e}");
    let e = h
        .call_raw(
            "add_service_worker",
            Some(json!({ "script": "/no/such/sw.js", "origin": null })),
        )
        .unwrap_err();
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("no service worker script"),
        "{e}"
    );
}

#[test]
fn every_command_is_registered_and_allowed_for_the_window() {
    let h = Harness::new(ClockMode::Virtual);
    for name in COMMAND_NAMES {
        // Empty arguments: commands that need some fail on them, but never as unknown or forbidden.
        if let Err(e) = h.call_raw(name, None) {
            let text = e.to_string();
            assert!(
                !text.contains("not found") && !text.contains("not allowed"),
                "{name}: {text}"
            );
        }
    }
    let e = h.call_raw("no_such_command", None).unwrap_err().to_string();
    assert!(e.contains("not found") || e.contains("not allowed"), "{e}");
}

#[test]
fn the_live_stream_carries_engine_events_console_lines_and_clock_changes() {
    let h = Harness::new(ClockMode::Virtual);
    let sw = h.add_worker();
    let _: Value = h.call(
        "set_recording",
        Some(json!({ "service": "backgroundSync", "on": true })),
    );
    let (tx, rx) = mpsc::channel();
    syncscope_app::live::start(&h.app.state::<AppState>(), move |e| tx.send(e).is_ok());
    let _: Vec<TagInfo> = h.call(
        "register_sync",
        Some(json!({ "sw": sw.registration.id.0, "tag": "live" })),
    );
    let _: ClockStatus = h.call("clock_advance", Some(json!({ "by": "1s" })));
    let mut recorded = Vec::new();
    let (mut console, mut clock, mut regs) = (false, false, false);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !(recorded.iter().any(|n| n == "Sync completed") && console && clock && regs) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left).expect("live events") {
            LiveEvent::Engine {
                event: EngineEvent::Recorded { event },
            } => recorded.push(event.event.event_name),
            LiveEvent::Engine {
                event: EngineEvent::RegistrationsChanged,
            } => regs = true,
            LiveEvent::Console { line } => console |= line.text == "sync live lastChance false",
            LiveEvent::Clock { .. } => clock = true,
            _ => {}
        }
    }
    assert_eq!(
        recorded,
        ["Registered sync", "Dispatched sync event", "Sync completed"]
    );
}

#[test]
fn workers_added_in_the_app_come_back_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let sw = dir.path().join("sw.js");
    std::fs::write(&sw, SW).unwrap();
    let config = AppConfig::in_dir(dir.path().join("data"), ClockMode::Virtual);
    tauri::async_runtime::block_on(async {
        let state = AppState::start(config.clone()).await.unwrap();
        let added = state.add_worker(sw.to_str().unwrap(), None).await.unwrap();
        state.stop_worker(added.registration.id).await.unwrap();
        assert!(state.worker(added.registration.id).await.unwrap().stopped);
        state.shutdown().await;
        drop(state);

        let state = AppState::start(config).await.unwrap();
        state.restore_saved_workers().await.unwrap();
        let workers = state.workers().await.unwrap();
        assert_eq!(workers.len(), 1);
        assert_eq!(workers[0].registration.id, added.registration.id);
        assert!(workers[0].registration.active);
        assert!(workers[0].source.as_deref().unwrap().ends_with("sw.js"));
        state
            .engine
            .sync_register(added.registration.id, "after-restart")
            .await
            .unwrap();
        state
            .unregister_worker(added.registration.id)
            .await
            .unwrap();
        assert!(state.workers().await.unwrap().is_empty());
        state.shutdown().await;
    });
}

#[test]
fn the_built_in_demo_delivers_a_message_sent_offline_after_a_503_and_a_retry() {
    let h = Harness::new(ClockMode::Virtual);
    let none: Option<DemoInfo> = h.call("demo_status", None);
    assert!(none.is_none());
    let e = h
        .call_raw("demo_send", Some(json!({ "text": "too early" })))
        .unwrap_err();
    assert_eq!(e["kind"], json!("input"), "{e}");
    assert!(e["message"].as_str().unwrap().contains("not loaded"), "{e}");

    let demo: DemoInfo = h.call("load_demo", None);
    assert!(demo.url.starts_with("http://127.0.0.1:"), "{}", demo.url);
    assert_eq!((demo.fail_next, demo.failed), (1, 0));
    assert!(demo.received.is_empty());
    let again: DemoInfo = h.call("load_demo", None);
    assert_eq!(again, demo, "loading the demo twice keeps the one running");
    let status: Option<DemoInfo> = h.call("demo_status", None);
    assert_eq!(status.as_ref(), Some(&demo));

    // The page registered the demo's sw.js for the server's origin, and the periodic sync refresh-feed.
    let workers: Vec<WorkerInfo> = h.call("list_service_workers", None);
    let sw = workers
        .iter()
        .find(|w| w.registration.id == demo.sw)
        .expect("the demo's registration");
    assert_eq!(sw.registration.scope, format!("{}/", demo.url));
    assert_eq!(sw.registration.script_url, format!("{}/sw.js", demo.url));
    assert!(sw.registration.active);
    assert!(sw.source.as_deref().unwrap().contains("built-in demo"));
    let tags: Vec<TagInfo> = h.call("list_tags", None);
    assert!(
        tags.iter()
            .any(|t| t.registration.tag == "refresh-feed" && t.effective_interval_ms.is_some()),
        "{tags:?}"
    );
    let recording: Vec<Value> = h.call("recording", None);
    for service in ["backgroundSync", "periodicBackgroundSync"] {
        let r = recording
            .iter()
            .find(|r| r["status"]["service"] == json!(service))
            .unwrap();
        assert_eq!(r["recording"], json!(true), "the demo records {service}");
    }

    // Offline: the message waits in the outbox, its sync pending.
    let _: Value = h.call("set_offline", Some(json!({ "offline": true })));
    let e = h
        .call_raw("demo_send", Some(json!({ "text": "   " })))
        .unwrap_err();
    assert_eq!(e["kind"], json!("input"), "{e}");
    let _: DemoInfo = h.call("demo_send", Some(json!({ "text": "Sent from a tunnel" })));
    let tags: Vec<TagInfo> = h.call("list_tags", None);
    let outbox = tags
        .iter()
        .find(|t| t.registration.tag == "outbox")
        .expect("sync outbox registered by the page");
    assert_eq!(outbox.display_state, "pending");
    assert_eq!(h.event_names("outbox")[0].0, "Registered sync");

    // Online: the sync fires at once and meets the server's 503; five virtual minutes later it is delivered.
    let _: Value = h.call("set_offline", Some(json!({ "offline": false })));
    h.wait_for("outbox", |n| n.iter().any(|e| e == "sync event failed"));
    let demo: DemoInfo = h.call("demo_status", None);
    assert_eq!((demo.failed, demo.fail_next), (1, 0));
    assert!(demo.received.is_empty());
    let _: ClockStatus = h.call("clock_advance", Some(json!({ "by": "5m" })));
    let names = h.wait_for("outbox", |n| {
        n.last().map(String::as_str) == Some("Sync completed")
    });
    assert_eq!(
        names
            .iter()
            .filter(|n| *n == "Dispatched sync event")
            .count(),
        2,
        "{names:?}"
    );
    let demo: DemoInfo = h.call("demo_status", None);
    let texts: Vec<&str> = demo.received.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Sent from a tunnel"]);
    assert!(demo.received[0].sent_at.is_some());
    h.wait_for_console("delivered \"Sent from a tunnel\"");

    // The failure switch, and the periodic sync by tag (the feed now holds the one message).
    let demo: DemoInfo = h.call("demo_set_fail_next", Some(json!({ "count": 2 })));
    assert_eq!(demo.fail_next, 2);
    let e = h
        .call_raw("demo_set_fail_next", Some(json!({ "count": -1 })))
        .unwrap_err();
    assert!(!e.to_string().is_empty());
    let outcome: Outcome = h.call(
        "dispatch_periodic_sync",
        Some(json!({ "sw": demo.sw.0, "tag": "refresh-feed" })),
    );
    assert_eq!(outcome, Outcome::Succeeded);
    h.wait_for_console("feed refreshed: 1 message(s) cached");
}

#[test]
fn the_demo_is_not_remembered_as_an_added_worker_and_loads_again_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = AppConfig::in_dir(dir.path().join("data"), ClockMode::Virtual);
    // A port of this test's own, so that tests running beside it cannot take it between the two runs.
    config.demo_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    tauri::async_runtime::block_on(async {
        let state = AppState::start(config.clone()).await.unwrap();
        let first = state.load_demo().await.unwrap();
        state
            .demo_send("kept in the outbox")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        // Adding another worker saves the list: the demo's is not in it (its server lives only as long as the app).
        let sw = dir.path().join("sw.js");
        std::fs::write(&sw, SW).unwrap();
        state.add_worker(sw.to_str().unwrap(), None).await.unwrap();
        let saved = std::fs::read_to_string(dir.path().join("data/app-workers.json")).unwrap();
        assert!(!saved.contains("127.0.0.1"), "{saved}");
        state.shutdown().await;
        // The app quits: its demo server stops and frees the port.
        drop(state);

        let state = AppState::start(config).await.unwrap();
        state.restore_saved_workers().await.unwrap();
        assert!(state.demo().is_none(), "the demo loads only when asked");
        let again = state.load_demo().await.unwrap();
        let workers = state.workers().await.unwrap();
        let demo_worker = workers
            .iter()
            .find(|w| w.registration.id == again.sw)
            .unwrap();
        assert!(demo_worker.registration.active);
        // Same port, same origin: the same registration, and its outbox sync still pending.
        assert_eq!(again.url, first.url);
        assert_eq!(again.sw, first.sw);
        let tags = state.engine.tags().await.unwrap();
        assert!(
            tags.iter().any(|t| t.registration.tag == "outbox"),
            "{tags:?}"
        );
        state.shutdown().await;
    });
}

#[test]
fn the_clock_and_the_service_worker_switches_are_remembered_across_restarts_but_demo_starts_paused_virtual()
 {
    let dir = tempfile::tempdir().unwrap();
    let config = AppConfig::in_dir(dir.path().join("data"), ClockMode::Real).restoring_clock();
    let restart = |h: Harness, config: AppConfig| {
        tauri::async_runtime::block_on(h.app.state::<AppState>().shutdown());
        let dir = h.dir;
        drop(h.window);
        drop(h.app);
        Harness::start(dir, config)
    };
    let h = Harness::start(dir, config.clone());
    let c: ClockStatus = h.call("clock_status", None);
    assert_eq!(
        c.mode,
        ClockMode::Real,
        "nothing remembered yet: the configured clock"
    );
    let s: Value = h.call("settings", None);
    assert_eq!(
        s["service_workers"],
        json!({ "update_on_reload": false, "bypass_for_network": false })
    );
    let _: ClockStatus = h.call("clock_set_mode", Some(json!({ "mode": "virtual" })));
    let _: ClockStatus = h.call("clock_set_speed", Some(json!({ "speed": 60.0 })));
    let _: ClockStatus = h.call("clock_resume", None);
    let s: Value = h.call(
        "set_sw_options",
        Some(json!({ "update_on_reload": true, "bypass_for_network": true })),
    );
    assert_eq!(s["service_workers"]["update_on_reload"], json!(true));

    // Restarted: a running virtual clock at 60x, and both switches on (in the worker host too).
    let h = restart(h, config.clone());
    let c: ClockStatus = h.call("clock_status", None);
    assert_eq!(
        (c.mode, c.paused, c.speed),
        (ClockMode::Virtual, false, 60.0)
    );
    let s: Value = h.call("settings", None);
    assert_eq!(
        s["service_workers"],
        json!({ "update_on_reload": true, "bypass_for_network": true })
    );
    let sw = h.add_worker();
    let state = h.app.state::<AppState>();
    assert!(state.host.update_on_reload(&sw.registration.origin));
    assert!(state.host.bypass_for_network(&sw.registration.origin));

    // --demo starts on a paused virtual clock whatever was remembered; the switches stay.
    let h = restart(h, config.clone().for_demo());
    let c: ClockStatus = h.call("clock_status", None);
    assert_eq!((c.mode, c.paused), (ClockMode::Virtual, true));
    let s: Value = h.call("settings", None);
    assert_eq!(s["service_workers"]["bypass_for_network"], json!(true));

    // Paused is remembered too, and so is the real clock; switches off again.
    let _: ClockStatus = h.call("clock_pause", None);
    let h = restart(h, config.clone());
    let c: ClockStatus = h.call("clock_status", None);
    assert_eq!((c.mode, c.paused), (ClockMode::Virtual, true));
    let _: ClockStatus = h.call("clock_set_mode", Some(json!({ "mode": "real" })));
    let _: Value = h.call(
        "set_sw_options",
        Some(json!({ "update_on_reload": false, "bypass_for_network": false })),
    );
    let h = restart(h, config);
    let c: ClockStatus = h.call("clock_status", None);
    assert_eq!(c.mode, ClockMode::Real);
    let s: Value = h.call("settings", None);
    assert_eq!(s["service_workers"]["update_on_reload"], json!(false));
    tauri::async_runtime::block_on(h.app.state::<AppState>().shutdown());
}

#[test]
fn a_saved_worker_whose_server_never_answers_cannot_hold_the_app_back() {
    // A dev server that accepts connections and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("app-workers.json"),
        serde_json::to_string(&json!([{
            "scope": format!("{origin}/"),
            "script_url": format!("{origin}/sw.js"),
            "root": null,
            "given": format!("{origin}/sw.js"),
        }]))
        .unwrap(),
    )
    .unwrap();
    let mut config = AppConfig::in_dir(&data, ClockMode::Virtual);
    config.script_timeout = std::time::Duration::from_millis(500);
    tauri::async_runtime::block_on(async {
        // The app's state (what the window needs) is ready at once: saved workers load afterwards.
        let state =
            tokio::time::timeout(std::time::Duration::from_secs(10), AppState::start(config))
                .await
                .expect("the app starts within 10 s")
                .unwrap();
        // Restoring ends within the script deadline, the worker listed without an active version.
        tokio::time::timeout(
            std::time::Duration::from_secs(10),
            state.restore_saved_workers(),
        )
        .await
        .expect("restoring ends within its deadlines")
        .unwrap();
        let workers = state.workers().await.unwrap();
        assert_eq!(workers.len(), 1, "{workers:?}");
        assert!(!workers[0].registration.active);
        state.shutdown().await;
    });
}

#[test]
fn the_allowed_hosts_are_checked_remembered_and_applied_to_the_worker_host() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = AppConfig::in_dir(dir.path().join("data"), ClockMode::Virtual);
    config.allow_hosts = vec!["ci.example.com".into()];
    let h = Harness::start(dir, config.clone());
    let s: Value = h.call("settings", None);
    assert_eq!(
        s["allow_hosts"],
        json!({ "saved": [], "from_env": ["ci.example.com"] })
    );
    // Blank entries dropped, repeats kept once, spaces trimmed.
    let s: Value = h.call(
        "set_allow_hosts",
        Some(json!({ "hosts": [" api.example.com ", "", "*.cdn.test", "api.example.com"] })),
    );
    assert_eq!(
        s["allow_hosts"]["saved"],
        json!(["api.example.com", "*.cdn.test"])
    );
    let state = h.app.state::<AppState>();
    let url = |u: &str| url::Url::parse(u).unwrap();
    let policy = state.host.connect_policy();
    for allowed in [
        "https://api.example.com/x",
        "https://img.cdn.test/a.png",
        "https://ci.example.com/",
    ] {
        assert!(
            policy.check("http://localhost", &url(allowed)).is_ok(),
            "{allowed}"
        );
    }
    assert!(
        policy
            .check("http://localhost", &url("https://other.test/"))
            .is_err()
    );
    // A host that cannot be read is refused by name, and nothing changes.
    let err = h
        .call_raw(
            "set_allow_hosts",
            Some(json!({ "hosts": ["ok.test", "bad host"] })),
        )
        .unwrap_err();
    assert_eq!(err["kind"], json!("input"), "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("bad host"),
        "{err}"
    );
    let s: Value = h.call("settings", None);
    assert_eq!(
        s["allow_hosts"]["saved"],
        json!(["api.example.com", "*.cdn.test"])
    );

    // Remembered across a restart, and in force in the new worker host.
    tauri::async_runtime::block_on(h.app.state::<AppState>().shutdown());
    let dir = h.dir;
    drop(h.window);
    drop(h.app);
    let h = Harness::start(dir, config);
    let s: Value = h.call("settings", None);
    assert_eq!(
        s["allow_hosts"]["saved"],
        json!(["api.example.com", "*.cdn.test"])
    );
    let policy = h.app.state::<AppState>().host.connect_policy();
    assert!(
        policy
            .check("http://localhost", &url("https://api.example.com/"))
            .is_ok()
    );
}
