//! Goal: the recorder's ingest path is at least 0.7× as fast as a raw rusqlite batched insert of the same rows.
//!
//! Both sides insert the same 1,000 events, in one IMMEDIATE transaction, into a fresh WAL database file
//! (journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON) with the engine's `events` table and its three indexes.
//! Only the transaction (begin, 1,000 inserts, commit) is timed; creating the file and closing it is not.
//!
//! - `store_tx`: `Store::write()`, `StoreTx::insert_event(&event, Some(scope), "embedded", false)` per event,
//!   `commit()` — exactly what the engine's flush does.
//! - `raw_rusqlite`: a cached prepared INSERT of pre-rendered rows (metadata already JSON) — the floor.
//! - `raw_rusqlite_json`: as `raw_rusqlite`, but serializing each event's metadata to JSON inside the timed loop,
//!   to separate SQLite's share from the JSON the recorder must produce anyway.
//!
//! Criterion measures each variant on its own, one after the other, so load that comes and goes on a shared
//! machine can tilt the comparison. The ratio is therefore also measured paired: `paired_ratio` runs the variants
//! round-robin on fresh files (rotating which goes first) and reports per-variant medians and the median of the
//! per-round ratios, printed and saved to `target/criterion/recorder_ingest/paired.json`. It also runs
//! `raw_per_row_prepare` (the raw insert, but calling `prepare_cached` for every row as `StoreTx::insert_event`
//! does), which shows what that costs.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rusqlite::{Connection, TransactionBehavior, params};
use syncscope_engine::{BackgroundServiceEvent, OpenMode, Store};
use tempfile::TempDir;

use common::{EventGen, target_dir};

const BATCH: usize = 1_000;

/// The engine's `events` table and indexes, copied from store.rs's migration. `check_schema` fails the bench
/// if the engine's schema drifts from this copy.
const EVENTS_SCHEMA: &str = r#"
        CREATE TABLE events (
            id                 INTEGER PRIMARY KEY,
            timestamp          REAL NOT NULL,
            origin             TEXT NOT NULL,
            sw_registration_id TEXT NOT NULL,
            service            TEXT NOT NULL,
            event_name         TEXT NOT NULL,
            instance_id        TEXT NOT NULL,
            metadata           TEXT NOT NULL,
            storage_key        TEXT,
            scope              TEXT,
            source             TEXT NOT NULL,
            fingerprint        BLOB UNIQUE
        ) STRICT;
        CREATE INDEX events_by_service_origin ON events (service, origin, timestamp, id);
        CREATE INDEX events_by_service ON events (service, timestamp, id);
        CREATE INDEX events_by_time ON events (timestamp, id);
"#;

const INSERT: &str = "INSERT INTO events (timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source, fingerprint)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/// One row as the raw baseline binds it.
struct Row {
    timestamp: f64,
    origin: String,
    sw_id: String,
    service: &'static str,
    event_name: String,
    instance_id: String,
    metadata: String,
    storage_key: Option<String>,
    scope: String,
}

fn events() -> Vec<(BackgroundServiceEvent, String)> {
    let mut g = EventGen::new(0x5EED);
    (0..BATCH).map(|_| g.next_event()).collect()
}

fn rows(events: &[(BackgroundServiceEvent, String)]) -> Vec<Row> {
    events
        .iter()
        .map(|(e, scope)| Row {
            timestamp: e.timestamp,
            origin: e.origin.clone(),
            sw_id: e.service_worker_registration_id.clone(),
            service: e.service.as_str(),
            event_name: e.event_name.clone(),
            instance_id: e.instance_id.clone(),
            metadata: serde_json::to_string(&e.event_metadata).unwrap(),
            storage_key: e.storage_key.clone(),
            scope: scope.clone(),
        })
        .collect()
}

fn fresh_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("events.db"), OpenMode::Create).unwrap();
    (dir, store)
}

fn fresh_raw() -> (TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(dir.path().join("events.db")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.execute_batch(EVENTS_SCHEMA).unwrap();
    (dir, conn)
}

/// The `events` table's and indexes' SQL, whitespace-normalized, plus the pragmas that matter.
fn schema_of(path: &Path) -> (Vec<String>, String, i64) {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    let sql = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|s| s.unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    (sql, mode, sync)
}

/// Fails loudly if the raw baseline's table is not the engine's.
fn check_schema() {
    let (dir_a, store) = fresh_store();
    drop(store);
    let (dir_b, conn) = fresh_raw();
    drop(conn);
    let engine = schema_of(&dir_a.path().join("events.db"));
    let raw = schema_of(&dir_b.path().join("events.db"));
    assert_eq!(
        engine.0, raw.0,
        "the engine's events schema changed; update EVENTS_SCHEMA in benches/recorder_ingest.rs"
    );
    assert_eq!(engine.1, "wal");
    assert_eq!(raw.1, "wal");
}

fn insert_raw(conn: &mut Connection, rows: &[Row]) {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    {
        let mut st = tx.prepare_cached(INSERT).unwrap();
        for r in rows {
            st.execute(params![
                r.timestamp,
                r.origin,
                r.sw_id,
                r.service,
                r.event_name,
                r.instance_id,
                r.metadata,
                r.storage_key,
                r.scope,
                "embedded",
                Option::<Vec<u8>>::None,
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// As `insert_raw`, but looking the statement up in rusqlite's cache for every row, as `StoreTx::insert_event` does.
fn insert_raw_per_row_prepare(conn: &mut Connection, rows: &[Row]) {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    for r in rows {
        tx.prepare_cached(INSERT)
            .unwrap()
            .execute(params![
                r.timestamp,
                r.origin,
                r.sw_id,
                r.service,
                r.event_name,
                r.instance_id,
                r.metadata,
                r.storage_key,
                r.scope,
                "embedded",
                Option::<Vec<u8>>::None,
            ])
            .unwrap();
    }
    tx.commit().unwrap();
}

fn insert_raw_json(conn: &mut Connection, events: &[(BackgroundServiceEvent, String)]) {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    {
        let mut st = tx.prepare_cached(INSERT).unwrap();
        for (e, scope) in events {
            let meta = serde_json::to_string(&e.event_metadata).unwrap();
            st.execute(params![
                e.timestamp,
                e.origin,
                e.service_worker_registration_id,
                e.service.as_str(),
                e.event_name,
                e.instance_id,
                meta,
                e.storage_key,
                scope,
                "embedded",
                Option::<Vec<u8>>::None,
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn insert_store(store: &mut Store, events: &[(BackgroundServiceEvent, String)]) {
    let mut tx = store.write().unwrap();
    for (e, scope) in events {
        tx.insert_event(e, Some(scope), "embedded", false).unwrap();
    }
    tx.commit().unwrap();
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap()
}

fn bench_ingest(c: &mut Criterion) {
    check_schema();
    let events = events();
    let rows = rows(&events);

    // Once, untimed: every variant really stores the whole batch.
    {
        let (dir, mut store) = fresh_store();
        insert_store(&mut store, &events);
        drop(store);
        let (_, mut raw) = fresh_raw();
        insert_raw(&mut raw, &rows);
        assert_eq!(count(&raw), BATCH as i64);
        let (_, mut raw_json) = fresh_raw();
        insert_raw_json(&mut raw_json, &events);
        assert_eq!(count(&raw_json), BATCH as i64);
        let engine = Connection::open(dir.path().join("events.db")).unwrap();
        assert_eq!(count(&engine), BATCH as i64);
        // Same rows on both sides (ids aside).
        let dump = |c: &Connection| -> Vec<String> {
            let mut st = c
                .prepare("SELECT timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source, fingerprint IS NULL FROM events ORDER BY id")
                .unwrap();
            st.query_map([], |r| {
                Ok(format!(
                    "{}|{}|{}|{}|{}|{}|{}|{:?}|{:?}|{}|{}",
                    r.get::<_, f64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, bool>(10)?,
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
        };
        assert_eq!(
            dump(&engine),
            dump(&raw),
            "the baseline must store the same rows"
        );
    }

    let mut g = c.benchmark_group("recorder_ingest");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.sample_size(40);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("store_tx", |b| {
        b.iter_batched(
            fresh_store,
            |(dir, mut store)| {
                insert_store(&mut store, &events);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("raw_rusqlite", |b| {
        b.iter_batched(
            fresh_raw,
            |(dir, mut conn)| {
                insert_raw(&mut conn, &rows);
                (dir, conn)
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("raw_rusqlite_json", |b| {
        b.iter_batched(
            fresh_raw,
            |(dir, mut conn)| {
                insert_raw_json(&mut conn, &events);
                (dir, conn)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn quartiles(v: &[f64]) -> (f64, f64) {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 4], v[v.len() * 3 / 4])
}

/// Seconds one batch takes on a fresh raw database (setup and teardown untimed).
fn time_raw(f: impl Fn(&mut Connection)) -> f64 {
    let (dir, mut conn) = fresh_raw();
    let started = Instant::now();
    f(&mut conn);
    let took = started.elapsed().as_secs_f64();
    drop(conn);
    drop(dir);
    took
}

/// The variants run round-robin on fresh files, so every variant sees the same machine load; see the module docs.
fn paired_ratio(_c: &mut Criterion) {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let rounds = if args.iter().any(|a| a == "--test") {
        2
    } else {
        200
    };
    let events = events();
    let rows = rows(&events);
    type Variant<'a> = (&'static str, Box<dyn Fn() -> f64 + 'a>);
    let variants: Vec<Variant> = vec![
        (
            "store_tx",
            Box::new(|| {
                let (dir, mut store) = fresh_store();
                let started = Instant::now();
                insert_store(&mut store, &events);
                let took = started.elapsed().as_secs_f64();
                drop(store);
                drop(dir);
                took
            }),
        ),
        (
            "raw_rusqlite",
            Box::new(|| time_raw(|c| insert_raw(c, &rows))),
        ),
        (
            "raw_rusqlite_json",
            Box::new(|| time_raw(|c| insert_raw_json(c, &events))),
        ),
        (
            "raw_per_row_prepare",
            Box::new(|| time_raw(|c| insert_raw_per_row_prepare(c, &rows))),
        ),
    ];
    let n = variants.len();
    let mut secs: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); n];
    for round in 0..rounds {
        for k in 0..n {
            let i = (round + k) % n;
            secs[i].push((variants[i].1)());
        }
    }
    let ratios: Vec<f64> = secs[1]
        .iter()
        .zip(&secs[0])
        .map(|(raw, store)| raw / store)
        .collect();
    let ratio = median(&ratios);
    let (r_lo, r_hi) = quartiles(&ratios);
    eprintln!("recorder_ingest paired ({rounds} rounds, {BATCH} events per batch, medians):");
    let mut json = serde_json::Map::new();
    for (i, (name, _)) in variants.iter().enumerate() {
        let m = median(&secs[i]);
        let (lo, hi) = quartiles(&secs[i]);
        eprintln!(
            "  {name:20} {:.3} ms per batch (IQR {:.3}–{:.3})  {:.0} events/s",
            m * 1e3,
            lo * 1e3,
            hi * 1e3,
            BATCH as f64 / m
        );
        json.insert(
            name.to_string(),
            serde_json::json!({
                "median_seconds": m,
                "q1_seconds": lo,
                "q3_seconds": hi,
                "events_per_second": BATCH as f64 / m,
            }),
        );
    }
    eprintln!(
        "  store_tx / raw_rusqlite throughput ratio: {ratio:.2}x (IQR {r_lo:.2}–{r_hi:.2}; goal >= 0.70x)"
    );
    json.insert(
        "ratio_store_tx_over_raw".into(),
        serde_json::json!({ "median": ratio, "q1": r_lo, "q3": r_hi, "rounds": rounds, "batch": BATCH }),
    );
    if rounds > 2 {
        let dir = target_dir().join("criterion").join("recorder_ingest");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("paired.json"),
            serde_json::to_string_pretty(&json).unwrap(),
        )
        .unwrap();
    }
}

criterion_group!(benches, bench_ingest, paired_ratio);
criterion_main!(benches);
