//! Why a database could not be used, each message naming the file, and how SQLite's errors map to them.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::schema::{BUSY_TIMEOUT, SCHEMA_VERSION};

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
