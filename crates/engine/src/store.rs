//! The engine's database: one SQLite file (WAL) holding registrations, settings, recording state and the
//! event log, with versioned migrations. It never deletes or replaces a file it cannot read: it says why.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};
use rusqlite_migration::{M, Migrations};
use sha2::{Digest, Sha256};

use crate::model::{
    DelayUntil, Engagement, Origin, OriginSettings, PermissionState, ServiceWorkerRegistration,
    SwRegistrationId, SyncKind, SyncRegistration, SyncState,
};
use crate::params::SyncParameters;
use crate::recorder::{
    BackgroundServiceEvent, EventMetadata, EventQuery, RecordedEvent, RecordingStatus, Service,
};
use crate::time::Timestamp;

/// How long a write waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema, one migration per version. Never edit a released migration: add one.
fn migrations() -> Migrations<'static> {
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

/// Why the database could not be used. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database (or is damaged beyond reading).
    #[error(
        "{path} is not a Syncscope database (SQLite says: {detail}); it was left untouched — pass another --db path, or move the file away"
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// SQLite's message.
        detail: String,
    },
    /// A Syncscope database whose pages are damaged.
    #[error(
        "{path} is damaged (SQLite says: {detail}); it was left untouched — keep a copy, then try `sqlite3 {path} .recover` or start with another --db path"
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// SQLite's message.
        detail: String,
    },
    /// Another process holds a lock longer than the busy timeout.
    #[error("{path} is locked by another process (waited {}s); close the other Syncscope instance or use another --db path", BUSY_TIMEOUT.as_secs())]
    Locked {
        /// The file.
        path: PathBuf,
    },
    /// A database written by a newer Syncscope.
    #[error(
        "{path} was written by a newer Syncscope (schema version {found}; this build knows up to {SCHEMA_VERSION}); upgrade Syncscope — the file was left untouched"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
    },
    /// The path is a folder.
    #[error("{path} is a folder, not a database file; pass --db with a file path")]
    Folder {
        /// The folder.
        path: PathBuf,
    },
    /// A database file that was asked for and is not there.
    #[error(
        "no database at {path}; run `syncscope` with that --db once to create it, or check the path"
    )]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// A row the engine cannot interpret (written by hand, or damaged).
    #[error("{path}: unreadable {what}: {detail}")]
    BadRow {
        /// The file.
        path: PathBuf,
        /// Which kind of row.
        what: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// A storage write would take the origin past its quota; nothing was written.
    #[error(
        "{origin} would use {would_use} bytes of storage, more than its quota of {quota} bytes"
    )]
    QuotaExceeded {
        /// The origin.
        origin: String,
        /// What it would use after the write.
        would_use: u64,
        /// Its quota.
        quota: u64,
    },
    /// Any other SQLite failure, with what was being done.
    #[error("{path}: {action} failed: {source}")]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What the store was doing.
        action: &'static str,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
}

/// How to open a database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file if needed and migrate it to the current schema.
    Create,
    /// Open an existing file (error if missing), migrating it if it is older.
    Existing,
}

/// State loaded at start-up.
#[derive(Debug, Default)]
pub struct PersistedState {
    /// Saved parameters, if any.
    pub params: Option<SyncParameters>,
    /// Saved network state (true when online).
    pub online: Option<bool>,
    /// Service-worker registrations.
    pub sws: Vec<ServiceWorkerRegistration>,
    /// Origin settings.
    pub origins: Vec<OriginSettings>,
    /// Sync registrations.
    pub regs: Vec<SyncRegistration>,
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

pub(crate) fn classify(path: &Path, action: &'static str, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(ref f, ref msg) = e {
        match f.code {
            ErrorCode::DatabaseCorrupt => {
                return StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: msg.clone().unwrap_or_else(|| f.to_string()),
                };
            }
            ErrorCode::NotADatabase => {
                return StoreError::NotADatabase {
                    path: path.to_path_buf(),
                    detail: msg.clone().unwrap_or_else(|| f.to_string()),
                };
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Locked {
                    path: path.to_path_buf(),
                };
            }
            _ => {}
        }
    }
    StoreError::Sqlite {
        path: path.to_path_buf(),
        action,
        source: e,
    }
}

/// A content hash of an event, for deduplicating imports and replays.
fn fingerprint(e: &BackgroundServiceEvent) -> Vec<u8> {
    let canonical = serde_json::to_vec(e).unwrap_or_default();
    Sha256::digest(&canonical)[..16].to_vec()
}

impl Store {
    /// Opens (and if needed creates and migrates) the database at `path`.
    pub fn open(path: impl AsRef<Path>, mode: OpenMode) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if path.is_dir() {
            return Err(StoreError::Folder { path });
        }
        if mode == OpenMode::Existing && !path.exists() {
            return Err(StoreError::Missing { path });
        }
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Sqlite {
                path: path.clone(),
                action: "creating the database folder",
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(&path, flags)
            .map_err(|e| classify(&path, "opening the database", e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| classify(&path, "setting the busy timeout", e))?;
        // The first read of the header: a non-database file fails here, before anything is written.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(&path, "reading the schema version", e))?;
        if version > SCHEMA_VERSION as i64 {
            return Err(StoreError::TooNew {
                path,
                found: version,
            });
        }
        if version > 0 || Self::has_tables(&conn, &path)? {
            Self::check_is_ours(&conn, &path, version)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| classify(&path, "switching to WAL", e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| classify(&path, "setting synchronous", e))?;
        // A 16 MiB page cache (the default 2 MiB spills during a busy step) and checkpoints every ~16 MiB of
        // WAL rather than every 4 MiB: both measured in benches/engine.rs.
        conn.pragma_update(None, "cache_size", -16_384)
            .map_err(|e| classify(&path, "setting the cache size", e))?;
        conn.pragma_update(None, "wal_autocheckpoint", 4_000)
            .map_err(|e| classify(&path, "setting the checkpoint interval", e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| classify(&path, "enabling foreign keys", e))?;
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => {
                classify(&path, "migrating the schema", err)
            }
            other => StoreError::BadRow {
                path: path.clone(),
                what: "schema",
                detail: other.to_string(),
            },
        })?;
        Ok(Store { conn, path })
    }

    fn has_tables(conn: &Connection, path: &Path) -> Result<bool, StoreError> {
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n > 0)
        .map_err(|e| classify(path, "reading the schema", e))
    }

    /// Refuses an SQLite file that belongs to some other program, rather than adding tables to it.
    fn check_is_ours(conn: &Connection, path: &Path, version: i64) -> Result<(), StoreError> {
        let has_meta: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n == 1)
            .map_err(|e| classify(path, "reading the schema", e))?;
        if version == 0 || !has_meta {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "an SQLite database of some other program (no Syncscope schema)".into(),
            });
        }
        Ok(())
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, action: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| classify(&self.path, action, e)
    }

    fn bad_row(&self, what: &'static str, detail: String) -> StoreError {
        StoreError::BadRow {
            path: self.path.clone(),
            what,
            detail,
        }
    }

    // ---- loading ----

    /// Reads everything the engine restores at start-up.
    pub fn load(&self) -> Result<PersistedState, StoreError> {
        let params = match self.meta("params")? {
            Some(json) => {
                let p: SyncParameters = serde_json::from_str(&json)
                    .map_err(|e| self.bad_row("saved parameters", e.to_string()))?;
                p.validate()
                    .map_err(|e| self.bad_row("saved parameters", e.to_string()))?;
                Some(p)
            }
            None => None,
        };
        let online = self.meta("online")?.map(|v| v == "true");
        Ok(PersistedState {
            params,
            online,
            sws: self.service_workers()?,
            origins: self.origins()?,
            regs: self.registrations()?,
        })
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(self.err("reading settings"))
    }

    /// The saved parameters, or Chromium's defaults.
    pub fn params(&self) -> Result<SyncParameters, StoreError> {
        Ok(self.load_params()?.unwrap_or_default())
    }

    fn load_params(&self) -> Result<Option<SyncParameters>, StoreError> {
        self.meta("params")?
            .map(|json| {
                serde_json::from_str(&json)
                    .map_err(|e| self.bad_row("saved parameters", e.to_string()))
            })
            .transpose()
    }

    /// Every service-worker registration.
    pub fn service_workers(&self) -> Result<Vec<ServiceWorkerRegistration>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, origin, scope, script_url, active, window_clients FROM sw_registrations ORDER BY id")
            .map_err(self.err("reading service workers"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, u32>(5)?,
                ))
            })
            .map_err(self.err("reading service workers"))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, origin, scope, script_url, active, window_clients) =
                row.map_err(self.err("reading service workers"))?;
            let origin = Origin::parse(&origin)
                .map_err(|e| self.bad_row("service worker", e.to_string()))?;
            out.push(ServiceWorkerRegistration {
                id: SwRegistrationId(id),
                origin,
                scope,
                script_url,
                active,
                window_clients,
            });
        }
        Ok(out)
    }

    /// Every origin's settings that were ever changed.
    pub fn origins(&self) -> Result<Vec<OriginSettings>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT origin, engagement, background_sync, periodic_background_sync FROM origins ORDER BY origin")
            .map_err(self.err("reading origins"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(self.err("reading origins"))?;
        let mut out = Vec::new();
        for row in rows {
            let (origin, engagement, bs, pbs) = row.map_err(self.err("reading origins"))?;
            let bad =
                |e: crate::parse_error::ParseError| self.bad_row("origin settings", e.to_string());
            out.push(OriginSettings {
                origin: Origin::parse(&origin).map_err(bad)?,
                engagement: engagement.parse::<Engagement>().map_err(bad)?,
                background_sync: bs.parse::<PermissionState>().map_err(bad)?,
                periodic_background_sync: pbs.parse::<PermissionState>().map_err(bad)?,
            });
        }
        Ok(out)
    }

    /// Every sync registration, ordered by service worker, kind and tag.
    pub fn registrations(&self) -> Result<Vec<SyncRegistration>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT sw_registration_id, kind, tag, origin, min_interval_ms, state, num_attempts, max_attempts, delay_until_ms
                 FROM sync_registrations ORDER BY sw_registration_id, kind, tag",
            )
            .map_err(self.err("reading registrations"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, u32>(6)?,
                    r.get::<_, u32>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                ))
            })
            .map_err(self.err("reading registrations"))?;
        let mut out = Vec::new();
        for row in rows {
            let (sw, kind, tag, origin, min_interval, state, num_attempts, max_attempts, delay) =
                row.map_err(self.err("reading registrations"))?;
            let kind = SyncKind::from_db(&kind)
                .ok_or_else(|| self.bad_row("registration", format!("unknown kind {kind:?}")))?;
            let state = SyncState::from_db(&state)
                .ok_or_else(|| self.bad_row("registration", format!("unknown state {state:?}")))?;
            let origin =
                Origin::parse(&origin).map_err(|e| self.bad_row("registration", e.to_string()))?;
            out.push(SyncRegistration {
                sw_registration_id: SwRegistrationId(sw),
                origin,
                tag,
                kind,
                min_interval_ms: min_interval.map(|m| m.max(0) as u64),
                state,
                num_attempts,
                max_attempts,
                delay_until: match delay {
                    Some(ms) => DelayUntil::At(Timestamp::from_millis(ms)),
                    None => DelayUntil::Suspended,
                },
            });
        }
        Ok(out)
    }

    // ---- writing ----

    /// Starts a write transaction.
    pub fn write(&mut self) -> Result<StoreTx<'_>, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, "starting a write", e))?;
        Ok(StoreTx { tx, path })
    }

    // ---- recording ----

    /// Recording status of every service.
    pub fn recording(&self) -> Result<Vec<RecordingStatus>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT service, started_at_ms FROM recording")
            .map_err(self.err("reading recording state"))?;
        let started: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(self.err("reading recording state"))?
            .collect::<Result<_, _>>()
            .map_err(self.err("reading recording state"))?;
        Ok(Service::ALL
            .into_iter()
            .map(|svc| {
                let at = started
                    .iter()
                    .find(|(s, _)| s == svc.as_str())
                    .map(|(_, t)| Timestamp::from_millis(*t));
                RecordingStatus::new(svc, at)
            })
            .collect())
    }

    // ---- the event log ----

    /// Events matching a query: newest first (or oldest first), at most `limit`.
    pub fn query_events(&self, q: &EventQuery) -> Result<Vec<RecordedEvent>, StoreError> {
        let mut sql = String::from(
            "SELECT id, timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source FROM events WHERE 1=1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut push = |clause: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(s) = q.service {
            push(" AND service = ?", s.as_str().to_string().into());
        }
        if let Some(o) = &q.origin {
            push(" AND origin = ?", o.clone().into());
        }
        if let Some(i) = &q.instance_id {
            push(" AND instance_id = ?", i.clone().into());
        }
        if let Some(t) = q.since {
            push(" AND timestamp >= ?", t.into());
        }
        if let Some(t) = q.until {
            push(" AND timestamp < ?", t.into());
        }
        if let Some(id) = q.after_id {
            push(" AND id > ?", id.into());
        }
        if let Some(text) = &q.text {
            let pattern = format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            args.push(pattern.into());
            let n = args.len();
            sql.push_str(&format!(
                " AND (event_name LIKE ?{n} ESCAPE '\\' OR instance_id LIKE ?{n} ESCAPE '\\' OR origin LIKE ?{n} ESCAPE '\\' OR metadata LIKE ?{n} ESCAPE '\\')"
            ));
        }
        if let Some(c) = q.before {
            args.push(c.timestamp.into());
            args.push(c.id.into());
            let n = args.len();
            let op = if q.oldest_first { ">" } else { "<" };
            sql.push_str(&format!(
                " AND (timestamp {op} ?{a} OR (timestamp = ?{a} AND id {op} ?{n}))",
                a = n - 1
            ));
        }
        let dir = if q.oldest_first { "ASC" } else { "DESC" };
        let limit = q.limit.unwrap_or(100).clamp(1, 10_000);
        sql.push_str(&format!(
            " ORDER BY timestamp {dir}, id {dir} LIMIT {limit}"
        ));
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(self.err("querying events"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), Self::event_row)
            .map_err(self.err("querying events"))?;
        let mut out = Vec::new();
        for row in rows {
            let (rec, meta_json) = row.map_err(self.err("querying events"))?;
            out.push(self.finish_event(rec, &meta_json)?);
        }
        Ok(out)
    }

    /// Events with ids above `after_id`, oldest first: what a follower has not seen yet.
    pub fn events_after(
        &self,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source
                 FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
            )
            .map_err(self.err("reading new events"))?;
        let rows = stmt
            .query_map(params![after_id, limit], Self::event_row)
            .map_err(self.err("reading new events"))?;
        let mut out = Vec::new();
        for row in rows {
            let (rec, meta_json) = row.map_err(self.err("reading new events"))?;
            out.push(self.finish_event(rec, &meta_json)?);
        }
        Ok(out)
    }

    /// The highest event id so far (0 when the log is empty).
    pub fn last_event_id(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))
            .map_err(self.err("reading the event log"))
    }

    /// How many events match a service (all services when `None`).
    pub fn count_events(&self, service: Option<Service>) -> Result<u64, StoreError> {
        let n: i64 = match service {
            Some(s) => self.conn.query_row(
                "SELECT count(*) FROM events WHERE service = ?1",
                [s.as_str()],
                |r| r.get(0),
            ),
            None => self
                .conn
                .query_row("SELECT count(*) FROM events", [], |r| r.get(0)),
        }
        .map_err(self.err("counting events"))?;
        Ok(n as u64)
    }

    #[allow(clippy::type_complexity)]
    fn event_row(
        r: &rusqlite::Row<'_>,
    ) -> rusqlite::Result<(
        (
            i64,
            f64,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
        ),
        String,
    )> {
        Ok((
            (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ),
            r.get(7)?,
        ))
    }

    #[allow(clippy::type_complexity)]
    fn finish_event(
        &self,
        rec: (
            i64,
            f64,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
        ),
        meta_json: &str,
    ) -> Result<RecordedEvent, StoreError> {
        let (
            id,
            timestamp,
            origin,
            swid,
            service,
            event_name,
            instance_id,
            storage_key,
            scope,
            source,
        ) = rec;
        let service: Service = service
            .parse()
            .map_err(|e: crate::parse_error::ParseError| self.bad_row("event", e.to_string()))?;
        let event_metadata: Vec<EventMetadata> = serde_json::from_str(meta_json)
            .map_err(|e| self.bad_row("event metadata", e.to_string()))?;
        Ok(RecordedEvent {
            id,
            event: BackgroundServiceEvent {
                timestamp,
                origin,
                service_worker_registration_id: swid,
                service,
                event_name,
                instance_id,
                event_metadata,
                storage_key,
            },
            scope,
            source,
        })
    }

    /// Deletes the events of one service (all services when `None`); returns how many went.
    pub fn clear_events(&mut self, service: Option<Service>) -> Result<usize, StoreError> {
        let n = match service {
            Some(s) => self
                .conn
                .execute("DELETE FROM events WHERE service = ?1", [s.as_str()]),
            None => self.conn.execute("DELETE FROM events", []),
        }
        .map_err(self.err("clearing events"))?;
        Ok(n)
    }

    /// Adds events from outside (an imported file, a browser's replay), skipping any already stored.
    /// Returns how many were new.
    pub fn import_events(
        &mut self,
        events: &[BackgroundServiceEvent],
        source: &str,
    ) -> Result<usize, StoreError> {
        let mut tx = self.write()?;
        let mut added = 0;
        for e in events {
            if tx.insert_event(e, None, source, true)?.is_some() {
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}

/// A write transaction. Dropped without [`StoreTx::commit`], it rolls back.
pub struct StoreTx<'a> {
    tx: Transaction<'a>,
    path: PathBuf,
}

impl StoreTx<'_> {
    fn err(&self, action: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| classify(&self.path, action, e)
    }

    /// Saves a sync registration.
    pub fn upsert_registration(&mut self, r: &SyncRegistration) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sync_registrations (sw_registration_id, kind, tag, origin, min_interval_ms, state, num_attempts, max_attempts, delay_until_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (sw_registration_id, kind, tag) DO UPDATE SET
                   origin = excluded.origin, min_interval_ms = excluded.min_interval_ms, state = excluded.state,
                   num_attempts = excluded.num_attempts, max_attempts = excluded.max_attempts, delay_until_ms = excluded.delay_until_ms",
            )
            .and_then(|mut s| {
                s.execute(params![
                    r.sw_registration_id.0,
                    r.kind.as_str(),
                    r.tag,
                    r.origin.as_str(),
                    r.min_interval_ms.map(|m| m.min(i64::MAX as u64) as i64),
                    r.state.as_str(),
                    r.num_attempts,
                    r.max_attempts,
                    r.delay_until.time().map(Timestamp::as_millis),
                ])
            })
            .map_err(self.err("saving a registration"))?;
        Ok(())
    }

    /// Deletes a sync registration.
    pub fn delete_registration(
        &mut self,
        sw: SwRegistrationId,
        kind: SyncKind,
        tag: &str,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "DELETE FROM sync_registrations WHERE sw_registration_id = ?1 AND kind = ?2 AND tag = ?3",
            )
            .and_then(|mut s| s.execute(params![sw.0, kind.as_str(), tag]))
            .map_err(self.err("deleting a registration"))?;
        Ok(())
    }

    /// Saves a service-worker registration.
    pub fn upsert_service_worker(
        &mut self,
        s: &ServiceWorkerRegistration,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sw_registrations (id, origin, scope, script_url, active, window_clients) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, scope = excluded.scope, script_url = excluded.script_url,
                   active = excluded.active, window_clients = excluded.window_clients",
            )
            .and_then(|mut st| {
                st.execute(params![
                    s.id.0,
                    s.origin.as_str(),
                    s.scope,
                    s.script_url,
                    s.active,
                    s.window_clients
                ])
            })
            .map_err(self.err("saving a service worker"))?;
        Ok(())
    }

    /// Deletes a service-worker registration (and, by cascade, its sync registrations).
    pub fn delete_service_worker(&mut self, id: SwRegistrationId) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM sw_registrations WHERE id = ?1", [id.0])
            .map_err(self.err("deleting a service worker"))?;
        Ok(())
    }

    /// Saves an origin's settings.
    pub fn upsert_origin(&mut self, o: &OriginSettings) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO origins (origin, engagement, background_sync, periodic_background_sync) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (origin) DO UPDATE SET engagement = excluded.engagement,
                   background_sync = excluded.background_sync, periodic_background_sync = excluded.periodic_background_sync",
            )
            .and_then(|mut s| {
                s.execute(params![
                    o.origin.as_str(),
                    o.engagement.as_str(),
                    o.background_sync.as_str(),
                    o.periodic_background_sync.as_str()
                ])
            })
            .map_err(self.err("saving origin settings"))?;
        Ok(())
    }

    /// Saves the parameters and network state.
    pub fn save_settings(
        &mut self,
        params: &SyncParameters,
        online: bool,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(params).unwrap_or_default();
        for (k, v) in [("params", json), ("online", online.to_string())] {
            self.tx
                .execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![k, v],
                )
                .map_err(self.err("saving settings"))?;
        }
        Ok(())
    }

    /// Switches recording of a service on (from `started_at`) or off.
    pub fn set_recording(
        &mut self,
        service: Service,
        started_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        match started_at {
            Some(t) => self.tx.execute(
                "INSERT INTO recording (service, started_at_ms) VALUES (?1, ?2)
                 ON CONFLICT (service) DO UPDATE SET started_at_ms = excluded.started_at_ms",
                params![service.as_str(), t.as_millis()],
            ),
            None => self.tx.execute(
                "DELETE FROM recording WHERE service = ?1",
                [service.as_str()],
            ),
        }
        .map_err(self.err("saving recording state"))?;
        Ok(())
    }

    /// Appends an event; returns its id, or `None` when `dedupe` is set and the same event is already stored.
    pub fn insert_event(
        &mut self,
        e: &BackgroundServiceEvent,
        scope: Option<&str>,
        source: &str,
        dedupe: bool,
    ) -> Result<Option<i64>, StoreError> {
        let meta = serde_json::to_string(&e.event_metadata).unwrap_or_else(|_| "[]".into());
        let fp = dedupe.then(|| fingerprint(e));
        let n = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO events (timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    e.timestamp,
                    e.origin,
                    e.service_worker_registration_id,
                    e.service.as_str(),
                    e.event_name,
                    e.instance_id,
                    meta,
                    e.storage_key,
                    scope,
                    source,
                    fp
                ])
            })
            .map_err(self.err("recording an event"))?;
        Ok((n == 1).then(|| self.tx.last_insert_rowid()))
    }

    /// Makes the writes durable.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.tx
            .commit()
            .map_err(|e| classify(&path, "committing", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
