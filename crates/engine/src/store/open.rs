//! Opening a database (refusing files that are not ours, migrating older ones), loading the saved state, and
//! starting a write.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::model::{
    DelayUntil, Engagement, Origin, OriginSettings, PermissionState, ServiceWorkerRegistration,
    SwRegistrationId, SyncKind, SyncRegistration, SyncState,
};
use crate::params::SyncParameters;
use crate::recorder::{RecordingStatus, Service};
use crate::time::Timestamp;

use super::error::{StoreError, classify};
use super::schema::{BUSY_TIMEOUT, SCHEMA_VERSION, migrations};
use super::tx::StoreTx;

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
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
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

    pub(super) fn has_tables(conn: &Connection, path: &Path) -> Result<bool, StoreError> {
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n > 0)
        .map_err(|e| classify(path, "reading the schema", e))
    }

    /// Refuses an SQLite file that belongs to some other program, rather than adding tables to it.
    pub(super) fn check_is_ours(
        conn: &Connection,
        path: &Path,
        version: i64,
    ) -> Result<(), StoreError> {
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

    pub(super) fn err(&self, action: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| classify(&self.path, action, e)
    }

    pub(super) fn bad_row(&self, what: &'static str, detail: String) -> StoreError {
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

    pub(super) fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(self.err("reading settings"))
    }

    /// The saved parameters, or Chromium's defaults.
    pub fn params(&self) -> Result<SyncParameters, StoreError> {
        Ok(self.load_params()?.unwrap_or_default())
    }

    pub(super) fn load_params(&self) -> Result<Option<SyncParameters>, StoreError> {
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
}
