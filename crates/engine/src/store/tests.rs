//! The store's tests: refusing files that are not ours, migrations, events, transactions.

use super::*;
use crate::recorder::*;
use rusqlite::Connection;
use std::time::Duration;

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let content = b"these are my notes, not a database".repeat(200);
    std::fs::write(&path, &content).unwrap();
    let e = Store::open(&path, OpenMode::Create).unwrap_err();
    assert!(matches!(e, StoreError::NotADatabase { .. }), "{e}");
    assert!(e.to_string().contains("notes.db"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), content);
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let c = Connection::open(&path).unwrap();
    c.execute("CREATE TABLE photos (id INTEGER)", []).unwrap();
    drop(c);
    let e = Store::open(&path, OpenMode::Create).unwrap_err();
    assert!(e.to_string().contains("some other program"), "{e}");
    let c = Connection::open(&path).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "nothing was added to it");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(Store::open(&path, OpenMode::Create).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let e = Store::open(&path, OpenMode::Create).unwrap_err();
    assert!(matches!(e, StoreError::TooNew { found: 99, .. }), "{e}");
}

#[test]
fn a_damaged_database_is_reported_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut store = Store::open(&path, OpenMode::Create).unwrap();
        let mut tx = store.write().unwrap();
        let e = BackgroundServiceEvent {
            timestamp: 1.0,
            origin: "https://a.test".into(),
            service_worker_registration_id: "1".into(),
            service: Service::BackgroundSync,
            event_name: "Registered sync".into(),
            instance_id: "x".repeat(500),
            event_metadata: vec![],
            storage_key: None,
        };
        for _ in 0..200 {
            tx.insert_event(&e, None, "test", false).unwrap();
        }
        tx.commit().unwrap();
        store
            .conn
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    // Scribble over the middle of the file (table pages), keeping the header valid.
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 3..len * 2 / 3] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let result = Store::open(&path, OpenMode::Existing).and_then(|s| {
        s.query_events(&EventQuery {
            limit: Some(10_000),
            ..EventQuery::default()
        })
    });
    let e = result.unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("s.db"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left untouched");
}

#[test]
fn a_missing_file_is_an_error_when_it_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let e = Store::open(dir.path().join("nope.db"), OpenMode::Existing).unwrap_err();
    assert!(matches!(e, StoreError::Missing { .. }), "{e}");
    assert!(!dir.path().join("nope.db").exists());
}

#[test]
fn a_locked_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    // Shorten the wait for the test; the message is the same.
    store.conn.busy_timeout(Duration::from_millis(50)).unwrap();
    let e = store.write().map(|_| ()).unwrap_err();
    assert!(matches!(e, StoreError::Locked { .. }), "{e}");
    assert!(e.to_string().contains("locked by another process"), "{e}");
}
