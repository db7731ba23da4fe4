//! Per-origin ordered key-value storage in the engine's database: what the embedded worker builds IndexedDB
//! and Cache Storage on. Keys compare bytewise; a batch of writes commits atomically in one SQLite
//! transaction (so a process killed between commits loses nothing committed, and one killed mid-commit
//! leaves nothing half-written); every commit bumps the origin's generation, which tells other contexts
//! of the origin that data changed.
//!
//! Each JavaScript context opens its own [`KvStore`] (its own connection); SQLite's WAL mode lets them read
//! concurrently, and writers wait for each other up to the busy timeout.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::model::Origin;
use crate::store::StoreError;

/// A key and its value.
pub type Entry = (Vec<u8>, Vec<u8>);

/// One write of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KvOp {
    /// Insert or replace a key.
    Put {
        /// Namespace.
        ns: String,
        /// Key.
        key: Vec<u8>,
        /// Value.
        value: Vec<u8>,
    },
    /// Remove a key (no-op if absent).
    Delete {
        /// Namespace.
        ns: String,
        /// Key.
        key: Vec<u8>,
    },
    /// Remove every key in a range.
    DeleteRange {
        /// Namespace.
        ns: String,
        /// The range.
        range: KeyRange,
    },
    /// Remove a whole namespace.
    DropNamespace {
        /// Namespace.
        ns: String,
    },
}

/// A range of keys; `None` bounds are open-ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyRange {
    /// Lower bound.
    pub lower: Option<Vec<u8>>,
    /// Upper bound.
    pub upper: Option<Vec<u8>>,
    /// Whether the lower bound itself is excluded.
    pub lower_open: bool,
    /// Whether the upper bound itself is excluded.
    pub upper_open: bool,
}

impl KeyRange {
    /// The SQL condition on `key` and its arguments, numbered from `first`.
    fn sql(&self, first: usize) -> (String, Vec<Vec<u8>>) {
        let mut clause = String::new();
        let mut args = Vec::new();
        if let Some(l) = &self.lower {
            args.push(l.clone());
            let op = if self.lower_open { ">" } else { ">=" };
            clause.push_str(&format!(" AND key {op} ?{}", first + args.len() - 1));
        }
        if let Some(u) = &self.upper {
            args.push(u.clone());
            let op = if self.upper_open { "<" } else { "<=" };
            clause.push_str(&format!(" AND key {op} ?{}", first + args.len() - 1));
        }
        (clause, args)
    }
}

/// An origin's key-value storage, on its own connection to the engine's database.
pub struct KvStore {
    conn: Connection,
    origin: String,
    path: PathBuf,
}

impl std::fmt::Debug for KvStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KvStore")
            .field("origin", &self.origin)
            .field("path", &self.path)
            .finish()
    }
}

fn sql_err<'a>(
    path: &'a Path,
    action: &'static str,
) -> impl Fn(rusqlite::Error) -> StoreError + 'a {
    move |e| crate::store::classify(path, action, e)
}

impl KvStore {
    /// Opens the storage of `origin` in the database at `path`, which an engine has already created (and
    /// migrated). Refuses a database without the key-value schema.
    pub fn open(path: &Path, origin: &Origin) -> Result<KvStore, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql_err(path, "opening storage"))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sql_err(path, "setting the busy timeout"))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql_err(path, "setting synchronous"))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql_err(path, "reading the schema version"))?;
        if version < 2 {
            return Err(StoreError::BadRow {
                path: path.to_path_buf(),
                what: "schema",
                detail: format!(
                    "schema version {version} has no storage tables; start an engine on it first"
                ),
            });
        }
        Ok(KvStore {
            conn,
            origin: origin.as_str().to_string(),
            path: path.to_path_buf(),
        })
    }

    /// The value of a key.
    pub fn get(&self, ns: &str, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.conn
            .prepare_cached("SELECT value FROM kv WHERE origin = ?1 AND ns = ?2 AND key = ?3")
            .and_then(|mut s| {
                s.query_row(params![self.origin, ns, key], |r| r.get(0))
                    .optional()
            })
            .map_err(sql_err(&self.path, "reading storage"))
    }

    /// Keys and values in a range, in key order (or reverse), at most `limit` (0 = all).
    pub fn range(
        &self,
        ns: &str,
        range: &KeyRange,
        reverse: bool,
        limit: usize,
    ) -> Result<Vec<Entry>, StoreError> {
        let (clause, args) = range.sql(3);
        let dir = if reverse { "DESC" } else { "ASC" };
        let lim = if limit == 0 {
            String::new()
        } else {
            format!(" LIMIT {limit}")
        };
        let sql = format!(
            "SELECT key, value FROM kv WHERE origin = ?1 AND ns = ?2{clause} ORDER BY key {dir}{lim}"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(sql_err(&self.path, "reading storage"))?;
        let mut values: Vec<rusqlite::types::Value> =
            vec![self.origin.clone().into(), ns.to_string().into()];
        values.extend(args.into_iter().map(rusqlite::types::Value::from));
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(sql_err(&self.path, "reading storage"))?;
        rows.collect::<Result<_, _>>()
            .map_err(sql_err(&self.path, "reading storage"))
    }

    /// How many keys a range holds.
    pub fn count(&self, ns: &str, range: &KeyRange) -> Result<u64, StoreError> {
        let (clause, args) = range.sql(3);
        let sql = format!("SELECT count(*) FROM kv WHERE origin = ?1 AND ns = ?2{clause}");
        let mut values: Vec<rusqlite::types::Value> =
            vec![self.origin.clone().into(), ns.to_string().into()];
        values.extend(args.into_iter().map(rusqlite::types::Value::from));
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| {
                s.query_row(rusqlite::params_from_iter(values), |r| r.get::<_, i64>(0))
            })
            .map(|n| n as u64)
            .map_err(sql_err(&self.path, "counting storage"))
    }

    /// Applies a batch atomically and returns the origin's new generation. With a `quota`, a batch that would
    /// take the origin's use (keys + values, in bytes) past it writes nothing and fails with
    /// [`StoreError::QuotaExceeded`]; a batch that only frees space always goes through.
    pub fn commit(&mut self, ops: &[KvOp], quota: Option<u64>) -> Result<i64, StoreError> {
        let path = self.path.clone();
        let err = |action: &'static str| {
            let path = path.clone();
            move |e| crate::store::classify(&path, action, e)
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err("starting a storage write"))?;
        let origin = self.origin.clone();
        // Bytes of what an op replaces or removes.
        let held = |clause: &str, values: Vec<rusqlite::types::Value>| -> rusqlite::Result<i64> {
            tx.prepare_cached(&format!(
                "SELECT coalesce(sum(length(key) + length(value)), 0) FROM kv WHERE origin = ?1 AND ns = ?2{clause}"
            ))
            .and_then(|mut s| s.query_row(rusqlite::params_from_iter(values), |r| r.get(0)))
        };
        let mut delta: i64 = 0;
        for op in ops {
            match op {
                KvOp::Put { ns, key, value } => {
                    let before = held(
                        " AND key = ?3",
                        vec![origin.clone().into(), ns.clone().into(), key.clone().into()],
                    )
                    .map_err(err("reading storage"))?;
                    delta += (key.len() + value.len()) as i64 - before;
                    tx.prepare_cached(
                        "INSERT INTO kv (origin, ns, key, value) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (origin, ns, key) DO UPDATE SET value = excluded.value",
                    )
                    .and_then(|mut s| s.execute(params![origin, ns, key, value]))
                }
                KvOp::Delete { ns, key } => {
                    delta -= held(
                        " AND key = ?3",
                        vec![origin.clone().into(), ns.clone().into(), key.clone().into()],
                    )
                    .map_err(err("reading storage"))?;
                    tx.prepare_cached("DELETE FROM kv WHERE origin = ?1 AND ns = ?2 AND key = ?3")
                        .and_then(|mut s| s.execute(params![origin, ns, key]))
                }
                KvOp::DeleteRange { ns, range } => {
                    let (clause, args) = range.sql(3);
                    let mut values: Vec<rusqlite::types::Value> =
                        vec![origin.clone().into(), ns.clone().into()];
                    values.extend(args.into_iter().map(rusqlite::types::Value::from));
                    delta -= held(&clause, values.clone()).map_err(err("reading storage"))?;
                    tx.prepare_cached(&format!(
                        "DELETE FROM kv WHERE origin = ?1 AND ns = ?2{clause}"
                    ))
                    .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
                }
                KvOp::DropNamespace { ns } => {
                    delta -= held("", vec![origin.clone().into(), ns.clone().into()])
                        .map_err(err("reading storage"))?;
                    tx.prepare_cached("DELETE FROM kv WHERE origin = ?1 AND ns = ?2")
                        .and_then(|mut s| s.execute(params![origin, ns]))
                }
            }
            .map_err(err("writing storage"))?;
        }
        let (generation, bytes): (i64, i64) = tx
            .query_row(
                "INSERT INTO kv_generation (origin, generation, bytes) VALUES (?1, 1, max(?2, 0))
                 ON CONFLICT (origin) DO UPDATE SET generation = generation + 1, bytes = max(bytes + ?2, 0)
                 RETURNING generation, bytes",
                params![origin, delta],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(err("writing storage"))?;
        if let Some(quota) = quota
            && delta > 0
            && bytes as u64 > quota
        {
            // Dropping the transaction rolls it back.
            return Err(StoreError::QuotaExceeded {
                origin,
                would_use: bytes as u64,
                quota,
            });
        }
        tx.commit().map_err(err("committing storage"))?;
        Ok(generation)
    }

    /// The origin's storage use in bytes (keys + values), and the part of it in namespaces starting with each
    /// of `prefixes` (e.g. IndexedDB's and Cache Storage's).
    pub fn usage(&self, prefixes: &[&str]) -> Result<(u64, Vec<u64>), StoreError> {
        let total: i64 = self
            .conn
            .prepare_cached("SELECT bytes FROM kv_generation WHERE origin = ?1")
            .and_then(|mut s| s.query_row([&self.origin], |r| r.get(0)).optional())
            .map_err(sql_err(&self.path, "reading storage use"))?
            .unwrap_or(0);
        let mut parts = Vec::with_capacity(prefixes.len());
        for prefix in prefixes {
            let n: i64 = self
                .conn
                .prepare_cached(
                    "SELECT coalesce(sum(length(key) + length(value)), 0) FROM kv
                     WHERE origin = ?1 AND substr(ns, 1, length(?2)) = ?2",
                )
                .and_then(|mut s| s.query_row(params![self.origin, prefix], |r| r.get(0)))
                .map_err(sql_err(&self.path, "reading storage use"))?;
            parts.push(n as u64);
        }
        Ok((total as u64, parts))
    }

    /// Namespaces of the origin with at least one key, starting with `prefix`, sorted.
    pub fn namespaces(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT ns FROM kv WHERE origin = ?1 AND substr(ns, 1, length(?2)) = ?2 ORDER BY ns",
            )
            .map_err(sql_err(&self.path, "listing storage"))?;
        let rows = stmt
            .query_map(params![self.origin, prefix], |r| r.get(0))
            .map_err(sql_err(&self.path, "listing storage"))?;
        rows.collect::<Result<_, _>>()
            .map_err(sql_err(&self.path, "listing storage"))
    }

    /// The origin's generation: bumped by every commit of any context.
    pub fn generation(&self) -> Result<i64, StoreError> {
        self.conn
            .prepare_cached("SELECT generation FROM kv_generation WHERE origin = ?1")
            .and_then(|mut s| {
                s.query_row([&self.origin], |r| r.get::<_, i64>(0))
                    .optional()
            })
            .map(|g| g.unwrap_or(0))
            .map_err(sql_err(&self.path, "reading storage"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OpenMode, Store};

    fn setup() -> (tempfile::TempDir, PathBuf, Origin) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(&path, OpenMode::Create).unwrap());
        (dir, path, Origin::parse("http://a.test").unwrap())
    }

    fn put(ns: &str, k: &[u8], v: &[u8]) -> KvOp {
        KvOp::Put {
            ns: ns.into(),
            key: k.to_vec(),
            value: v.to_vec(),
        }
    }

    #[test]
    fn keys_order_bytewise_and_ranges_respect_bounds() {
        let (_d, path, origin) = setup();
        let mut kv = KvStore::open(&path, &origin).unwrap();
        kv.commit(
            &[
                put("s", b"b", b"2"),
                put("s", b"a", b"1"),
                put("s", b"ab", b"3"),
                put("s", &[0xff], b"4"),
                put("other", b"a", b"x"),
            ],
            None,
        )
        .unwrap();
        let keys = |r: Vec<Entry>| r.into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        assert_eq!(
            keys(kv.range("s", &KeyRange::default(), false, 0).unwrap()),
            [b"a".to_vec(), b"ab".to_vec(), b"b".to_vec(), vec![0xff]]
        );
        let r = KeyRange {
            lower: Some(b"a".to_vec()),
            upper: Some(b"b".to_vec()),
            lower_open: true,
            upper_open: false,
        };
        assert_eq!(
            keys(kv.range("s", &r, true, 0).unwrap()),
            [b"b".to_vec(), b"ab".to_vec()]
        );
        assert_eq!(kv.count("s", &r).unwrap(), 2);
        assert_eq!(
            kv.range("s", &KeyRange::default(), false, 1).unwrap().len(),
            1
        );
        assert_eq!(kv.get("other", b"a").unwrap(), Some(b"x".to_vec()));
        assert_eq!(kv.namespaces("").unwrap(), ["other", "s"]);
        assert_eq!(kv.namespaces("o").unwrap(), ["other"]);
    }

    #[test]
    fn commits_are_atomic_counted_and_shared_between_connections_of_an_origin_only() {
        let (_d, path, origin) = setup();
        let mut a = KvStore::open(&path, &origin).unwrap();
        let b = KvStore::open(&path, &origin).unwrap();
        let other = KvStore::open(&path, &Origin::parse("http://b.test").unwrap()).unwrap();
        assert_eq!(a.commit(&[put("s", b"k", b"v")], None).unwrap(), 1);
        assert_eq!(b.get("s", b"k").unwrap(), Some(b"v".to_vec()));
        assert_eq!(b.generation().unwrap(), 1);
        assert_eq!(other.get("s", b"k").unwrap(), None, "origins are isolated");
        assert_eq!(other.generation().unwrap(), 0);
        a.commit(
            &[
                KvOp::DeleteRange {
                    ns: "s".into(),
                    range: KeyRange::default(),
                },
                put("t", b"1", b"one"),
            ],
            None,
        )
        .unwrap();
        assert_eq!(b.get("s", b"k").unwrap(), None);
        assert_eq!(b.generation().unwrap(), 2);
        a.commit(&[KvOp::DropNamespace { ns: "t".into() }], None)
            .unwrap();
        assert!(b.namespaces("").unwrap().is_empty());
    }

    #[test]
    fn a_failed_batch_writes_nothing() {
        let (_d, path, origin) = setup();
        let mut kv = KvStore::open(&path, &origin).unwrap();
        // Hold a write lock elsewhere so the batch cannot start, with a short timeout.
        kv.conn.busy_timeout(Duration::from_millis(50)).unwrap();
        let blocker = Connection::open(&path).unwrap();
        blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
        let e = kv.commit(&[put("s", b"k", b"v")], None).unwrap_err();
        assert!(matches!(e, StoreError::Locked { .. }), "{e}");
        blocker.execute_batch("ROLLBACK").unwrap();
        assert_eq!(kv.get("s", b"k").unwrap(), None);
        assert_eq!(kv.generation().unwrap(), 0);
    }

    #[test]
    fn use_is_counted_per_origin_and_a_write_past_the_quota_writes_nothing() {
        let (_d, path, origin) = setup();
        let mut kv = KvStore::open(&path, &origin).unwrap();
        kv.commit(
            &[
                put("idb:a", b"k1", &[0; 100]),
                put("cache:x", b"k2", &[0; 50]),
            ],
            Some(1000),
        )
        .unwrap();
        assert_eq!(kv.usage(&["idb:", "cache:"]).unwrap(), (154, vec![102, 52]));
        // Replacing a value counts the difference; a delete gives its bytes back.
        kv.commit(&[put("idb:a", b"k1", &[0; 10])], Some(1000))
            .unwrap();
        assert_eq!(kv.usage(&[]).unwrap().0, 64);
        let e = kv
            .commit(
                &[put("idb:a", b"k3", &[0; 950]), put("idb:a", b"k4", b"v")],
                Some(1000),
            )
            .unwrap_err();
        assert!(
            matches!(
                e,
                StoreError::QuotaExceeded {
                    would_use: 1019,
                    quota: 1000,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(
            kv.get("idb:a", b"k4").unwrap(),
            None,
            "nothing of the batch was written"
        );
        assert_eq!(kv.usage(&[]).unwrap().0, 64);
        assert_eq!(kv.generation().unwrap(), 2);
        // Over quota already (the quota shrank): freeing space still works.
        kv.commit(
            &[KvOp::DropNamespace {
                ns: "cache:x".into(),
            }],
            Some(10),
        )
        .unwrap();
        assert_eq!(kv.usage(&["cache:"]).unwrap(), (12, vec![0]));
    }
}
