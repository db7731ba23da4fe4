//! The soak (issue 10, reliability suite scenario 6): for `SYNCSCOPE_SOAK_SECS` seconds (20 unless set; the
//! full run in `scripts/reliability.sh` is 1,800), rounds of
//!
//! * 4 pages of the origin, each doing 500 IndexedDB read-modify-writes of one key, and the worker doing 500 more
//!   in the `sync` handlers of 50 syncs (10 each) registered through the window's `register_sync` command —
//!   all at once, so exactly 2,500 increments per round;
//! * the worker's script changed and `update_service_worker` called every 2 s throughout (each version
//!   `skipWaiting()`s, so syncs run on whichever version is active and old versions finish what they started);
//! * 200 settings commands at once from 8 threads (`set_params`, `set_engagement`, `set_sw_options`),
//!
//! on the real app state over the mock runtime's IPC, with the real clock. After each round the key must be
//! exactly 2,500 × rounds (no update lost, none doubled: every sync ran once). At the end, the event count the
//! window's live stream delivered (what the UI adds to its panes) must equal the count of events in the
//! database file, the settings file must parse, and the settings the app reports must be among those written.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use syncscope_app::dto::{LiveEvent, WorkerInfo};
use syncscope_app::{AppConfig, AppState};
use syncscope_engine::{ClockMode, EngineEvent};
use syncscope_worker::{Page, ScriptSource};
use tauri::Manager;
use tauri::test::MockRuntime;

mod common;

/// The read-modify-write every context runs: one readwrite transaction per increment of the `count` key.
const BUMP: &str = r#"
let counterDb;
function openCounter() {
  counterDb ??= new Promise((resolve, reject) => {
    const r = indexedDB.open('counter', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('n');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  return counterDb;
}
async function bump(n) {
  const db = await openCounter();
  for (let i = 0; i < n; i++) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction('n', 'readwrite');
      const store = tx.objectStore('n');
      const get = store.get('count');
      get.onsuccess = () => store.put((get.result || 0) + 1, 'count');
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('aborted'));
    });
  }
  const read = (await openCounter()).transaction('n').objectStore('n').get('count');
  return new Promise((resolve, reject) => {
    read.onsuccess = () => resolve(read.result || 0);
    read.onerror = () => reject(read.error);
  });
}
"#;

const PAGES: usize = 4;
const PAGE_BUMPS: u64 = 500;
const SYNCS: u64 = 50;
const BUMPS_PER_SYNC: u64 = 10;
const PER_ROUND: u64 = PAGES as u64 * PAGE_BUMPS + SYNCS * BUMPS_PER_SYNC;
const SETTINGS_COMMANDS: usize = 200;
const UPDATE_EVERY: Duration = Duration::from_secs(2);

/// `sw.js` as version `v`: the counter, `skipWaiting()` on install, a sync handler doing 10 increments.
fn worker_source(v: u64) -> String {
    format!(
        "// version {v}\n{BUMP}\nself.addEventListener('install', (e) => e.waitUntil(self.skipWaiting()));\n\
         self.addEventListener('sync', (e) => e.waitUntil(bump({BUMPS_PER_SYNC})));\n"
    )
}

fn call<T: DeserializeOwned>(
    window: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Option<Value>,
) -> T {
    match common::invoke(window, cmd, args) {
        Ok(v) => serde_json::from_value(v).unwrap(),
        Err(e) => panic!("{cmd} failed: {e}"),
    }
}

/// What the window's live stream delivered, counted as the UI adds them: every recorded event, and the syncs
/// completed by tag.
#[derive(Default)]
struct Seen {
    recorded: u64,
    completed: std::collections::HashMap<String, u32>,
    lagged: u64,
}

fn soak_secs() -> u64 {
    std::env::var("SYNCSCOPE_SOAK_SECS")
        .ok()
        .map(|s| {
            s.parse()
                .expect("SYNCSCOPE_SOAK_SECS is a number of seconds")
        })
        .unwrap_or(20)
}

#[test]
fn soak_pages_and_worker_updates_and_settings_lose_nothing() {
    let secs = soak_secs();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    let sw_path = root.join("sw.js");
    std::fs::write(&sw_path, worker_source(0)).unwrap();
    let data = dir.path().join("data");
    let (app, window) = common::start_app(AppConfig::in_dir(&data, ClockMode::Real));
    let state = app.state::<AppState>();

    let sw: WorkerInfo = call(
        &window,
        "add_service_worker",
        Some(json!({ "script": sw_path.to_str().unwrap(), "origin": null })),
    );
    let sw_id = sw.registration.id.0;
    let _: Value = call(
        &window,
        "set_recording",
        Some(json!({ "service": "backgroundSync", "on": true })),
    );

    // The window's live stream, as `subscribe` starts it.
    let (tx, rx) = mpsc::channel();
    syncscope_app::live::start(&state, move |e| tx.send(e).is_ok());
    let seen = Arc::new(std::sync::Mutex::new(Seen::default()));
    let counter = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            while let Ok(e) = rx.recv() {
                let mut s = seen.lock().unwrap();
                match e {
                    LiveEvent::Engine {
                        event: EngineEvent::Recorded { event },
                    } => {
                        s.recorded += 1;
                        if event.event.event_name == "Sync completed" {
                            *s.completed.entry(event.event.instance_id).or_default() += 1;
                        }
                    }
                    LiveEvent::Lagged { skipped } => s.lagged += skipped,
                    _ => {}
                }
            }
        })
    };

    let pages: Vec<Page> = tauri::async_runtime::block_on(async {
        let mut pages = Vec::new();
        for _ in 0..PAGES {
            let page = state
                .host
                .open_page(
                    "http://localhost/",
                    ScriptSource::Folder { root: root.clone() },
                )
                .await
                .unwrap();
            page.eval(BUMP, "http://localhost/page.js").await.unwrap();
            pages.push(page);
        }
        pages
    });

    let started = Instant::now();
    let stop = AtomicBool::new(false);
    let versions = AtomicU64::new(0);
    let mut rounds = 0u64;
    let mut settings_written = Vec::new();
    std::thread::scope(|scope| {
        // Whatever ends the rounds (their end, or a failed assert) stops the updater, so the scope can end.
        let _stop_updates = StopOnDrop(&stop);
        // The worker updated every 2 s, until the rounds are done.
        scope.spawn(|| {
            let mut next = Instant::now() + UPDATE_EVERY;
            while !stop.load(Ordering::Relaxed) {
                if Instant::now() < next {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                next += UPDATE_EVERY;
                let v = versions.fetch_add(1, Ordering::Relaxed) + 1;
                std::fs::write(&sw_path, worker_source(v)).unwrap();
                let _: WorkerInfo = call(
                    &window,
                    "update_service_worker",
                    Some(json!({ "sw": sw_id })),
                );
            }
        });

        while rounds == 0 || started.elapsed() < Duration::from_secs(secs) {
            rounds += 1;
            let round = rounds;
            let tags: Vec<String> = (0..SYNCS).map(|k| format!("w-{round}-{k}")).collect();
            let window = &window;
            let written = scope.spawn(move || settings_storm(window, round));
            for tag in &tags {
                let _: Value = call(
                    window,
                    "register_sync",
                    Some(json!({ "sw": sw_id, "tag": tag })),
                );
            }

            // The pages at once, each from its own thread (each page runs on its own worker thread).
            std::thread::scope(|pages_scope| {
                for page in &pages {
                    pages_scope.spawn(move || {
                        tauri::async_runtime::block_on(
                            page.call("callGlobal", vec!["bump".into(), PAGE_BUMPS.into()]),
                        )
                        .expect("a page's read-modify-writes")
                    });
                }
            });
            settings_written.extend(written.join().unwrap());
            // Every sync of the round completed, once.
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                let done = {
                    let s = seen.lock().unwrap();
                    tags.iter().all(|t| s.completed.contains_key(t))
                };
                if done {
                    break;
                }
                let left: Vec<Value> = call(window, "list_tags", None);
                assert!(
                    Instant::now() < deadline,
                    "round {round}: syncs not completed after 120 s; tags left: {left:?}"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
            let count: Value = tauri::async_runtime::block_on(
                pages[0].call("callGlobal", vec!["bump".into(), 0.into()]),
            )
            .unwrap();
            assert_eq!(
                count,
                json!(PER_ROUND * round),
                "round {round}: the counter after {round} rounds of {PER_ROUND} increments"
            );
        }
    });

    // Quiet: no registration left, then compare the window's count with the database's.
    let tags: Vec<Value> = call(&window, "list_tags", None);
    assert!(tags.is_empty(), "registrations left: {tags:?}");
    let db_count = || -> u64 {
        let conn = rusqlite::Connection::open_with_flags(
            data.join("syncscope.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .unwrap();
        n as u64
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let (ui, db) = loop {
        let (ui, db) = (seen.lock().unwrap().recorded, db_count());
        if ui == db || Instant::now() > deadline {
            break (ui, db);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let s = seen.lock().unwrap();
    assert_eq!(s.lagged, 0, "the live stream lagged by {} events", s.lagged);
    assert_eq!(
        ui, db,
        "events the window was sent vs events in the database"
    );
    let twice: Vec<_> = s.completed.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "syncs completed twice: {twice:?}");
    assert_eq!(s.completed.len() as u64, rounds * SYNCS);
    drop(s);

    // The settings: the file parses, and what the app reports is one of the values written last.
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("app-settings.json")).unwrap())
            .expect("app-settings.json is JSON");
    let snapshot: Value = call(&window, "settings", None);
    assert_eq!(file["service_workers"], snapshot["service_workers"]);
    let delay = snapshot["engine"]["params"]["initial_retry_delay_ms"].clone();
    assert!(
        settings_written.contains(&delay),
        "the reported initial_retry_delay {delay} was never written"
    );

    eprintln!(
        "soak: {rounds} rounds in {:.0} s, {} increments, {} worker versions, {} settings commands, {db} events",
        started.elapsed().as_secs_f64(),
        rounds * PER_ROUND,
        versions.load(Ordering::Relaxed) + 1,
        rounds as usize * SETTINGS_COMMANDS,
    );
    for p in &pages {
        p.close();
    }
    // The live stream's thread is left to end with the process: its sender lives in the engine's broadcast
    // subscription, which outlives this test's handles to the app.
    drop(counter);
}

/// Sets its flag when dropped, also while unwinding from a failed assert.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// 200 settings commands at once from 8 threads: retry delays, engagement of other origins, and the Service
/// workers switches. Returns the retry delays written.
fn settings_storm(window: &tauri::WebviewWindow<MockRuntime>, round: u64) -> Vec<Value> {
    let base: Value = call(window, "settings", None);
    let threads = 8;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let base = base.clone();
                scope.spawn(move || {
                    let mut written = Vec::new();
                    for i in (t..SETTINGS_COMMANDS).step_by(threads) {
                        match i % 3 {
                            0 => {
                                let mut params = base["engine"]["params"].clone();
                                params["initial_retry_delay_ms"] =
                                    json!(1000 * (60 + (round as usize * 7 + i) % 600));
                                written.push(params["initial_retry_delay_ms"].clone());
                                let _: Value = call(window, "set_params", Some(params));
                            }
                            1 => {
                                let _: Value = call(
                                    window,
                                    "set_engagement",
                                    Some(json!({
                                        "origin": format!("https://site{}.test", i % 17),
                                        "engagement": if i % 2 == 0 { "high" } else { "low" },
                                    })),
                                );
                            }
                            _ => {
                                let _: Value = call(
                                    window,
                                    "set_sw_options",
                                    Some(json!({
                                        "update_on_reload": false,
                                        "bypass_for_network": i % 2 == 0,
                                    })),
                                );
                            }
                        }
                    }
                    written
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}
