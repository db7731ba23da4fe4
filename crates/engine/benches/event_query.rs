//! Goal: the newest 100 events of one service + origin from a 1,000,000-event log in under 5 ms.
//!
//! The log is built once with `StoreTx::insert_event` in ten 100,000-event transactions and cached at
//! `target/bench-data/events-1m.db` (a stamp file beside it records what generated it); it is rebuilt when
//! missing or stale. Timed: `Store::query_events` with service, origin and limit 100 on an open store
//! (`open_store`), and opening the store then querying, as a one-shot CLI call does (`fresh_connection`).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use syncscope_engine::store::SCHEMA_VERSION;
use syncscope_engine::{EventQuery, OpenMode, Service, Store};

use common::{EventGen, origin, target_dir};

const EVENTS: usize = 1_000_000;
const PER_TX: usize = 100_000;
const SEED: u64 = 0xB16_1065;
/// Bump when the generator changes, so cached files are rebuilt.
const GENERATOR_VERSION: u32 = 1;

fn stamp() -> String {
    format!(
        "generator={GENERATOR_VERSION} seed={SEED:#x} events={EVENTS} schema={SCHEMA_VERSION}\n"
    )
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The cached 1M-event database, built if missing or stale.
fn dataset() -> PathBuf {
    let dir = target_dir().join("bench-data");
    let path = dir.join("events-1m.db");
    let stamp_path = dir.join("events-1m.db.stamp");
    if path.exists() && std::fs::read_to_string(&stamp_path).ok().as_deref() == Some(&stamp()) {
        return path;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let _ = std::fs::remove_file(&stamp_path);
    remove_db(&path);
    let tmp = dir.join("events-1m.db.building");
    remove_db(&tmp);
    eprintln!(
        "building {} ({EVENTS} events; cached for later runs)…",
        path.display()
    );
    let started = Instant::now();
    {
        let mut store = Store::open(&tmp, OpenMode::Create).unwrap();
        let mut generator = EventGen::new(SEED);
        for _ in 0..EVENTS / PER_TX {
            let mut tx = store.write().unwrap();
            for _ in 0..PER_TX {
                let (e, scope) = generator.next_event();
                tx.insert_event(&e, Some(&scope), "embedded", false)
                    .unwrap();
            }
            tx.commit().unwrap();
        }
        assert_eq!(store.count_events(None).unwrap(), EVENTS as u64);
    }
    // Fold the WAL into the main file so the cached file stands alone.
    {
        let conn = rusqlite::Connection::open(&tmp).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        // No ANALYZE: the engine never runs it, so the planner sees what it sees in the field.
    }
    remove_db(&path);
    std::fs::rename(&tmp, &path).unwrap();
    remove_db(&tmp);
    std::fs::write(&stamp_path, stamp()).unwrap();
    eprintln!("built in {:.1} s", started.elapsed().as_secs_f64());
    path
}

fn bench_query(c: &mut Criterion) {
    let path = dataset();
    // site07: a middling origin (site00 is the busiest, site49 the quietest).
    let query = EventQuery {
        service: Some(Service::BackgroundSync),
        origin: Some(origin(7)),
        limit: Some(100),
        ..Default::default()
    };

    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(store.count_events(None).unwrap(), EVENTS as u64);
    // Once, untimed: the query returns what it should.
    let page = store.query_events(&query).unwrap();
    assert_eq!(page.len(), 100);
    assert!(
        page.iter()
            .all(|r| r.event.service == Service::BackgroundSync && r.event.origin == origin(7))
    );
    assert!(
        page.windows(2)
            .all(|w| (w[0].event.timestamp, w[0].id) > (w[1].event.timestamp, w[1].id)),
        "newest first"
    );
    let matching: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM events WHERE service = 'backgroundSync' AND origin = ?1",
            [origin(7)],
            |r| r.get(0),
        )
        .unwrap();
    eprintln!(
        "event_query: {matching} events of backgroundSync on {} in the log",
        origin(7)
    );

    let mut g = c.benchmark_group("event_query");
    g.sample_size(100);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("newest_100_service_origin/open_store", |b| {
        b.iter(|| store.query_events(&query).unwrap())
    });
    g.bench_function("newest_100_service_origin/fresh_connection", |b| {
        b.iter(|| {
            let s = Store::open(&path, OpenMode::Existing).unwrap();
            s.query_events(&query).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench_query);
criterion_main!(benches);
