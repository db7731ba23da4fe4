//! Which database a command uses, and opening it: commands that only read refuse a path that was given
//! explicitly but does not exist (a typo must not silently create an empty database).

use std::path::{Path, PathBuf};

use syncscope_engine::{OpenMode, Store, StoreError};

use crate::error::{CliError, CliResult};

/// The database a command works on.
#[derive(Clone, Debug)]
pub struct DbLocation {
    /// The file.
    pub path: PathBuf,
    /// Whether the user named it (`--db` or `SYNCSCOPE_DB`) rather than taking the default.
    pub explicit: bool,
}

impl DbLocation {
    /// The given path, or the per-user default (`<data dir>/syncscope.db`).
    pub fn resolve(given: Option<PathBuf>) -> CliResult<DbLocation> {
        match given {
            Some(path) => Ok(DbLocation {
                path,
                explicit: true,
            }),
            None => Ok(DbLocation {
                path: default_path()?,
                explicit: false,
            }),
        }
    }

    /// Opens the database to read it. An explicitly given path must exist; the default one is created.
    pub fn open_for_reading(&self) -> CliResult<Store> {
        let mode = if self.explicit {
            OpenMode::Existing
        } else {
            OpenMode::Create
        };
        open(&self.path, mode)
    }

    /// Opens the database to change it, creating it if needed.
    pub fn open_for_writing(&self) -> CliResult<Store> {
        open(&self.path, OpenMode::Create)
    }

    /// Opens the database to change what an engine keeps in memory (parameters, recording), holding the
    /// engine lock while the returned guard lives: with an engine running on it the change would be
    /// overwritten by the engine's next save, so that is refused with what to do instead.
    pub fn open_for_settings(&self, what: &str) -> CliResult<(Store, std::fs::File)> {
        let store = self.open_for_writing()?;
        let lock = syncscope_engine::lock_database(&self.path).map_err(|_| {
            CliError::msg(format!(
                "an engine is running on {} (the desktop app, or `syncscope run`/`demo`) and would overwrite {what}                  with its own at its next save; change it there (the app's Engine settings), or stop it and try again",
                self.path.display()
            ))
        })?;
        Ok((store, lock))
    }
}

/// `ProjectDirs("dev", "syncscope", "Syncscope")`'s data folder + `syncscope.db`.
pub fn default_path() -> CliResult<PathBuf> {
    directories::ProjectDirs::from("dev", "syncscope", "Syncscope")
        .map(|dirs| dirs.data_dir().join("syncscope.db"))
        .ok_or_else(|| {
            CliError::msg(
                "could not find a per-user data folder (is HOME set?); pass --db PATH or set SYNCSCOPE_DB",
            )
        })
}

fn open(path: &Path, mode: OpenMode) -> CliResult<Store> {
    tracing::debug!(path = %path.display(), ?mode, "opening the database");
    Store::open(path, mode).map_err(|e| match e {
        StoreError::Missing { path } => CliError::msg(format!(
            "no database at {}; check the path (commands that write, such as `syncscope import`, `params --set`, `record --on` and `demo`, create one)",
            path.display()
        )),
        other => other.into(),
    })
}
