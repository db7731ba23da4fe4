//! Goal: three simulated days with 1,000 periodic and 10,000 one-shot registrations, every event failing twice
//! before it succeeds, in under 1 s of wall time.
//!
//! Setup (not timed): an engine on a fresh database in a tempdir with a virtual clock, a `ScriptedTarget`, 100
//! service workers (active, one window client) over 50 origins with `periodic-background-sync` granted, recording
//! on for both sync services, every tag scripted to reject twice then succeed, 10,000 `sync.register` and 1,000
//! `periodicSync.register` (minInterval 12 h). The network is held offline while registering so that no event
//! fires during setup.
//!
//! Timed: `set_online(true)` (which fires the 10,000 one-shot syncs) and `advance_by(3 days)`.
//!
//! Checked after each run (not timed): every one-shot tag was dispatched three times (the last with
//! lastChance), failed twice and completed; every periodic tag was dispatched at least three times and failed
//! twice; and the recorder stored exactly what the target saw.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use futures::future::join_all;
use syncscope_engine::testing::{ScriptedTarget, Step};
use syncscope_engine::{
    Clock, Engine, EngineConfig, EngineHandle, Origin, Outcome, PermissionName, PermissionState,
    Service, ServiceWorkerSpec, SwRegistrationId, SyncEvent, Timestamp,
};
use tempfile::TempDir;

use common::origin;

const ORIGINS: usize = 50;
const SERVICE_WORKERS: usize = 100;
const ONE_SHOT: usize = 10_000;
const PERIODIC: usize = 1_000;
const MIN_INTERVAL_MS: f64 = 12.0 * 3600.0 * 1000.0;
const SIMULATED: Duration = Duration::from_secs(3 * 86_400);
const START_MS: i64 = 1_700_000_000_000;
/// Calls sent to the engine at once while registering (the engine batches up to 4,096 per transaction).
const CHUNK: usize = 2_000;

struct World {
    dir: TempDir,
    engine: EngineHandle,
    target: ScriptedTarget,
}

fn fail_twice() -> Vec<Step> {
    vec![
        Step::Now(Outcome::WaitUntilRejected {
            reason: "bench: first failure".into(),
        }),
        Step::Now(Outcome::WaitUntilRejected {
            reason: "bench: second failure".into(),
        }),
        Step::Now(Outcome::Succeeded),
    ]
}

fn one_shot_tag(i: usize) -> String {
    format!("outbox-{i:05}")
}

fn periodic_tag(i: usize) -> String {
    format!("feed-{i:04}")
}

async fn setup() -> World {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::virtual_at(Timestamp::from_millis(START_MS));
    let target = ScriptedTarget::new(clock.clone());
    let engine = Engine::start(EngineConfig {
        db_path: dir.path().join("engine.db"),
        clock,
        target: Arc::new(target.clone()),
        params: None,
    })
    .await
    .unwrap();
    engine.set_online(false).await.unwrap();
    for s in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
        engine.set_recording(s, true).await.unwrap();
    }
    for r in join_all((0..ORIGINS).map(|o| {
        engine.set_permission(
            Origin::parse(&origin(o)).unwrap(),
            PermissionName::PeriodicBackgroundSync,
            PermissionState::Granted,
        )
    }))
    .await
    {
        r.unwrap();
    }
    let sws: Vec<SwRegistrationId> = join_all((0..SERVICE_WORKERS).map(|i| {
        let base = format!("{}/app{}/", origin(i % ORIGINS), i / ORIGINS);
        engine.add_service_worker(
            ServiceWorkerSpec {
                scope: base.clone(),
                script_url: format!("{base}sw.js"),
            },
            true,
            1,
        )
    }))
    .await
    .into_iter()
    .map(|r| r.unwrap().id)
    .collect();
    for i in 0..ONE_SHOT {
        target.script(&one_shot_tag(i), fail_twice());
    }
    for i in 0..PERIODIC {
        target.script(&periodic_tag(i), fail_twice());
    }
    let ids: Vec<usize> = (0..ONE_SHOT).collect();
    for chunk in ids.chunks(CHUNK) {
        for r in join_all(chunk.iter().map(|&i| {
            let tag = one_shot_tag(i);
            let sw = sws[i % SERVICE_WORKERS];
            let engine = engine.clone();
            async move { engine.sync_register(sw, &tag).await }
        }))
        .await
        {
            r.unwrap();
        }
    }
    for r in join_all((0..PERIODIC).map(|i| {
        let tag = periodic_tag(i);
        let sw = sws[i % SERVICE_WORKERS];
        let engine = engine.clone();
        async move { engine.periodic_register(sw, &tag, MIN_INTERVAL_MS).await }
    }))
    .await
    {
        r.unwrap();
    }
    engine.settle().await.unwrap();
    assert!(
        target.deliveries().is_empty(),
        "nothing may fire during setup"
    );
    World {
        dir,
        engine,
        target,
    }
}

/// Counts recorded events by name, straight from the database file.
fn recorded_by_name(db: &Path) -> HashMap<String, i64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare("SELECT event_name, count(*) FROM events GROUP BY event_name")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Asserts that the run did the work the benchmark claims to measure. Returns (deliveries, recorded events).
fn check(world: &World) -> (usize, i64) {
    let deliveries = world.target.deliveries();
    let mut one_shot: HashMap<&str, (u32, u32)> = HashMap::new();
    let mut periodic: HashMap<&str, u32> = HashMap::new();
    for d in &deliveries {
        match &d.request.event {
            SyncEvent::Sync { tag, last_chance } => {
                let e = one_shot.entry(tag).or_default();
                e.0 += 1;
                e.1 += u32::from(*last_chance);
            }
            SyncEvent::PeriodicSync { tag } => *periodic.entry(tag).or_default() += 1,
        }
    }
    assert_eq!(one_shot.len(), ONE_SHOT, "every one-shot tag fired");
    assert!(
        one_shot.values().all(|&(n, last)| n == 3 && last == 1),
        "every one-shot tag fired exactly three times, the last with lastChance"
    );
    assert_eq!(periodic.len(), PERIODIC, "every periodic tag fired");
    assert!(
        periodic.values().all(|&n| n >= 3),
        "every periodic tag fired at least three times (fail, fail, succeed)"
    );
    let db = world.dir.path().join("engine.db");
    let by_name = recorded_by_name(&db);
    let n = |name: &str| by_name.get(name).copied().unwrap_or(0);
    assert_eq!(n("Registered sync"), ONE_SHOT as i64);
    assert_eq!(n("Dispatched sync event"), 3 * ONE_SHOT as i64);
    assert_eq!(n("sync event failed"), 2 * ONE_SHOT as i64);
    assert_eq!(n("Sync completed"), ONE_SHOT as i64);
    assert_eq!(n("Registered periodicsync"), PERIODIC as i64);
    assert_eq!(n("periodicsync event failed"), 2 * PERIODIC as i64);
    let periodic_dispatches: u32 = periodic.values().sum();
    assert_eq!(
        n("Dispatched periodicsync event"),
        i64::from(periodic_dispatches),
        "the recorder stored every periodic dispatch"
    );
    (deliveries.len(), by_name.values().sum())
}

static REPORTED: AtomicBool = AtomicBool::new(false);

fn bench_engine(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.warm_up_time(Duration::from_millis(1));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("3_days_10k_oneshot_1k_periodic_fail_twice", |b| {
        b.to_async(&rt).iter_custom(|iters| async move {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let setup_started = Instant::now();
                let world = setup().await;
                let setup_time = setup_started.elapsed();

                let started = Instant::now();
                world.engine.set_online(true).await.unwrap();
                let first_wave = started.elapsed();
                world.engine.advance_by(SIMULATED).await.unwrap();
                let elapsed = started.elapsed();
                total += elapsed;

                let (deliveries, recorded) = check(&world);
                if !REPORTED.swap(true, Ordering::Relaxed) {
                    eprintln!(
                        "engine: setup {setup_time:.2?} (untimed); timed {elapsed:.2?} = set_online(true) {first_wave:.2?} + advance_by(3 d) {:.2?}; {deliveries} events dispatched, {recorded} events recorded",
                        elapsed - first_wave
                    );
                }
                world.engine.shutdown().await.unwrap();
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, bench_engine);
criterion_main!(benches);
