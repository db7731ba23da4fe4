//! The database schema: versioned migrations (`rusqlite_migration`), the newest version this build knows,
//! the content hash that keys imported events, and how long a write waits for another process's lock.

use std::time::Duration;

use rusqlite_migration::{M, Migrations};
use sha2::{Digest, Sha256};

use crate::recorder::BackgroundServiceEvent;

/// How long a write waits for another process's lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema, one migration per version. Never edit a released migration: add one.
pub(super) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            r#"
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE sw_registrations (
            id             INTEGER PRIMARY KEY,
            origin         TEXT NOT NULL,
            scope          TEXT NOT NULL UNIQUE,
            script_url     TEXT NOT NULL,
            active         INTEGER NOT NULL,
            window_clients INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE origins (
            origin                   TEXT PRIMARY KEY,
            engagement               TEXT NOT NULL,
            background_sync          TEXT NOT NULL,
            periodic_background_sync TEXT NOT NULL
        ) STRICT;
        CREATE TABLE sync_registrations (
            sw_registration_id INTEGER NOT NULL REFERENCES sw_registrations(id) ON DELETE CASCADE,
            kind               TEXT NOT NULL,
            tag                TEXT NOT NULL,
            origin             TEXT NOT NULL,
            min_interval_ms    INTEGER,
            state              TEXT NOT NULL,
            num_attempts       INTEGER NOT NULL,
            max_attempts       INTEGER NOT NULL,
            delay_until_ms     INTEGER,
            PRIMARY KEY (sw_registration_id, kind, tag)
        ) STRICT;
        CREATE TABLE recording (
            service       TEXT PRIMARY KEY,
            started_at_ms INTEGER NOT NULL
        ) STRICT;
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
        "#,
        ),
        // v2: per-origin key-value storage for the embedded worker's IndexedDB and Cache Storage.
        M::up(
            r#"
        CREATE TABLE kv (
            origin TEXT NOT NULL,
            ns     TEXT NOT NULL,
            key    BLOB NOT NULL,
            value  BLOB NOT NULL,
            PRIMARY KEY (origin, ns, key)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE kv_generation (
            origin     TEXT PRIMARY KEY,
            generation INTEGER NOT NULL
        ) STRICT;
        "#,
        ),
        // v3: each origin's storage use in bytes (keys + values), kept with every commit, for the quota and
        // `navigator.storage.estimate()`.
        M::up(
            r#"
        ALTER TABLE kv_generation ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
        UPDATE kv_generation SET bytes = (
            SELECT coalesce(sum(length(key) + length(value)), 0) FROM kv WHERE kv.origin = kv_generation.origin
        );
        "#,
        ),
    ])
}

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: usize = 3;

/// A content hash of an event, for deduplicating imports and replays.
pub(super) fn fingerprint(e: &BackgroundServiceEvent) -> Vec<u8> {
    let canonical = serde_json::to_vec(e).unwrap_or_default();
    Sha256::digest(&canonical)[..16].to_vec()
}
