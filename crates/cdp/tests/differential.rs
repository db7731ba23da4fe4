//! The differential test of issue 5: the scenario of cdp-notes.md ("A recorded sequence") run in a real
//! Chromium with the BackgroundSync field-trial parameters and in the embedded engine with the same
//! parameters must log the same per-service sequence of event names and metadata. Both run the same service
//! worker, `tests/fixtures/chromium-pwa/sw.js`: in Chromium, and in the embedded worker (QuickJS).
//!
//! Scenario: a sync whose handler always rejects (`fail-ladder`) and `periodicSync.register('tick',
//! {minInterval: 1000})` with the periodic permission granted; parameters initial_retry_delay_sec/3,
//! retry_delay_factor/2, max_sync_attempts/3, min_periodic_sync_events_interval_sec/5, min_recovery_time_sec/1.
//! Metadata is compared as sorted key/value sets; delays within ±50 ms (Chromium often logs 9999 for 10000);
//! event times within ±1.5 s; for periodic sync only the first two dispatch/completion pairs.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::*;
use syncscope_engine::*;
use syncscope_worker::{Embedded, EmbeddedConfig, ScriptSource, WorkerLimits, WorkerSpec};

const DELAY_KEY: &str = "Next Attempt Delay (ms)";
const DELAY_TOLERANCE_MS: i64 = 50;
const TIME_TOLERANCE_MS: i64 = 1500;

/// One logged event, its time relative to the scenario's first event.
#[derive(Clone, Debug)]
struct Ev {
    at_ms: i64,
    name: String,
    tag: String,
    meta: BTreeMap<String, String>,
}

fn params() -> SyncParameters {
    SyncParameters::default()
        .with_assignments([
            ("initial_retry_delay_sec", "3"),
            ("retry_delay_factor", "2"),
            ("max_sync_attempts", "3"),
            ("min_periodic_sync_events_interval_sec", "5"),
            ("min_recovery_time_sec", "1"),
        ])
        .unwrap()
}

fn to_evs(events: &[RecordedEvent], t0: f64) -> Vec<Ev> {
    events
        .iter()
        .map(|e| Ev {
            at_ms: ((e.event.timestamp - t0) * 1000.0).round() as i64,
            name: e.event.event_name.clone(),
            tag: e.event.instance_id.clone(),
            meta: meta(&e.event),
        })
        .collect()
}

fn first_timestamp(a: &[RecordedEvent], b: &[RecordedEvent]) -> f64 {
    a.iter()
        .chain(b)
        .map(|e| e.event.timestamp)
        .fold(f64::INFINITY, f64::min)
}

/// The worker's handlers really ran, as the fixture server saw them: three sync attempts, the last with
/// lastChance, and at least two periodic events.
fn assert_the_handler_ran(fixture: &Fixture) {
    let attempts: Vec<_> = fixture
        .hits_for("sync", "fail-ladder")
        .iter()
        .map(|h| h.last_chance)
        .collect();
    assert_eq!(attempts, [Some(false), Some(false), Some(true)]);
    assert!(fixture.hits_for("periodicsync", "tick").len() >= 2);
}

/// The scenario in the embedded engine on a virtual clock, running the same `sw.js` as Chromium: the fixture's,
/// loaded from the fixture server (so its handlers report to that server, as they do from Chromium).
async fn run_embedded() -> (Vec<Ev>, Vec<Ev>) {
    let fixture = Fixture::start();
    let clock = Clock::virtual_at(Timestamp::from_millis(1_700_000_000_000));
    let dir = tempfile::tempdir().unwrap();
    let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
        db_path: dir.path().join("syncscope.db"),
        clock,
        params: Some(params()),
        limits: WorkerLimits::default(),
    })
    .await
    .expect("the engine starts");
    let engine = &engine;
    for s in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
        engine.set_recording(s, true).await.unwrap();
    }
    let sw = host
        .register(WorkerSpec {
            scope: fixture.scope(),
            script_url: format!("{}sw.js", fixture.scope()),
            source: ScriptSource::Http,
            window_clients: 1,
            module: false,
        })
        .await
        .expect("the fixture's sw.js installs in the embedded worker");
    engine
        .set_permission(
            Origin::parse(&fixture.origin()).unwrap(),
            PermissionName::PeriodicBackgroundSync,
            PermissionState::Granted,
        )
        .await
        .unwrap();
    engine.sync_register(sw.id, "fail-ladder").await.unwrap();
    engine
        .periodic_register(sw.id, "tick", 1000.0)
        .await
        .unwrap();
    engine.advance_by(Duration::from_secs(25)).await.unwrap();
    assert_the_handler_ran(&fixture);
    let sync = stored(engine, Service::BackgroundSync).await;
    let periodic = stored(engine, Service::PeriodicBackgroundSync).await;
    let t0 = first_timestamp(&sync, &periodic);
    let _ = engine.shutdown().await;
    host.shutdown();
    (to_evs(&sync, t0), to_evs(&periodic, t0))
}

/// The scenario in a real Chromium with the same parameters as field-trial flags.
async fn run_chromium() -> (Vec<Ev>, Vec<Ev>) {
    let fixture = Fixture::start();
    let browser = launch(Some(params())).await;
    let (session, _target, eng) = recording_session(&browser).await;
    session
        .grant_periodic_sync(&fixture.origin())
        .await
        .unwrap();
    let _page = open_fixture(&session, &fixture, "?sync=fail-ladder&periodic=tick:1000").await;
    let sync = wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "the sync ladder",
        |ev| has(ev, "Sync completed", "fail-ladder"),
    )
    .await;
    let periodic = wait_stored(
        &eng.engine,
        Service::PeriodicBackgroundSync,
        "two periodic events",
        |ev| count(ev, "periodicsync event completed", "tick") >= 2,
    )
    .await;
    assert_the_handler_ran(&fixture);
    let t0 = first_timestamp(&sync, &periodic);
    (to_evs(&sync, t0), to_evs(&periodic, t0))
}

fn describe(evs: &[Ev]) -> String {
    evs.iter()
        .map(|e| format!("  {:>6} ms  {} [{}] {:?}", e.at_ms, e.name, e.tag, e.meta))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compares the first `n` events of a service; returns the differences found.
fn differences(service: &str, chromium: &[Ev], embedded: &[Ev], n: usize) -> Vec<String> {
    let mut diffs = Vec::new();
    if chromium.len() < n || embedded.len() < n {
        diffs.push(format!(
            "{service}: expected at least {n} events, Chromium logged {} and the engine {}",
            chromium.len(),
            embedded.len()
        ));
    }
    for (i, (c, e)) in chromium.iter().zip(embedded).take(n).enumerate() {
        let at = format!("{service} event #{i}");
        if (c.name.as_str(), c.tag.as_str()) != (e.name.as_str(), e.tag.as_str()) {
            diffs.push(format!(
                "{at}: Chromium {:?} [{}], engine {:?} [{}]",
                c.name, c.tag, e.name, e.tag
            ));
            continue;
        }
        if c.meta.keys().ne(e.meta.keys()) {
            diffs.push(format!(
                "{at} {:?}: metadata keys differ: Chromium {:?}, engine {:?}",
                c.name, c.meta, e.meta
            ));
            continue;
        }
        for (k, cv) in &c.meta {
            let ev = &e.meta[k];
            let same = if k == DELAY_KEY {
                match (cv.parse::<i64>(), ev.parse::<i64>()) {
                    (Ok(a), Ok(b)) => (a - b).abs() <= DELAY_TOLERANCE_MS,
                    _ => false,
                }
            } else {
                cv == ev
            };
            if !same {
                diffs.push(format!(
                    "{at} {:?}: {k}: Chromium {cv:?}, engine {ev:?}",
                    c.name
                ));
            }
        }
        if (c.at_ms - e.at_ms).abs() > TIME_TOLERANCE_MS {
            diffs.push(format!(
                "{at} {:?}: at {} ms in Chromium, {} ms in the engine",
                c.name, c.at_ms, e.at_ms
            ));
        }
    }
    diffs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_and_the_embedded_engine_log_the_same_sequence() {
    let (engine_sync, engine_periodic) = run_embedded().await;
    let (chromium_sync, chromium_periodic) = run_chromium().await;
    let report = format!(
        "backgroundSync\n Chromium:\n{}\n engine:\n{}\nperiodicBackgroundSync\n Chromium:\n{}\n engine:\n{}",
        describe(&chromium_sync),
        describe(&engine_sync),
        describe(&chromium_periodic),
        describe(&engine_periodic)
    );
    println!("{report}");

    // The whole one-shot ladder: registered, three attempts (the last with Last Chance), then given up.
    let mut diffs = differences("backgroundSync", &chromium_sync, &engine_sync, 7);
    if chromium_sync.len() != engine_sync.len() {
        diffs.push(format!(
            "backgroundSync: Chromium logged {} events, the engine {}",
            chromium_sync.len(),
            engine_sync.len()
        ));
    }
    // Periodic: "Got next event delay", "Registered periodicsync", then two dispatch/completion pairs.
    diffs.extend(differences(
        "periodicBackgroundSync",
        &chromium_periodic,
        &engine_periodic,
        6,
    ));
    assert!(diffs.is_empty(), "{}\n\n{report}", diffs.join("\n"));

    // And both match the sequence cdp-notes.md recorded.
    let names: Vec<&str> = engine_sync.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Registered sync",
            "Dispatched sync event",
            "sync event failed",
            "Dispatched sync event",
            "sync event failed",
            "Dispatched sync event",
            "Sync completed"
        ]
    );
    assert_eq!(engine_sync[5].meta["Last Chance"], "Yes");
    assert_eq!(engine_periodic[0].name, "Got next event delay");
    assert_eq!(engine_periodic[1].name, "Registered periodicsync");
}

#[test]
fn the_comparison_tolerates_small_delay_differences_only() {
    let ev = |name: &str, delay: &str| Ev {
        at_ms: 0,
        name: name.into(),
        tag: "t".into(),
        meta: [(DELAY_KEY.to_string(), delay.to_string())].into(),
    };
    let a = [ev("periodicsync event completed", "9999")];
    assert!(differences("p", &a, &[ev("periodicsync event completed", "10000")], 1).is_empty());
    assert_eq!(
        differences("p", &a, &[ev("periodicsync event completed", "10100")], 1).len(),
        1
    );
    assert_eq!(
        differences("p", &a, &[ev("Dispatched periodicsync event", "9999")], 1).len(),
        1
    );
    assert_eq!(differences("p", &a, &[], 1).len(), 1);
}
