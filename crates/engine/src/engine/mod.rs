//! The engine task and its handle. One tokio task owns all sync state; everything else talks to it through
//! a cloneable [`EngineHandle`]. The task fires due events through the [`Target`], applies their outcomes,
//! writes every change to the store, records events and publishes them on one broadcast stream.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use futures::stream::FuturesUnordered;
use tokio::sync::{broadcast, mpsc, watch};

use crate::clock::Clock;
use crate::error::EngineError;
use crate::params::SyncParameters;
use crate::store::{OpenMode, Store};
use crate::sync::{Changes, Core};
use crate::target::Target;

mod events;
mod from_store;
mod handle;
mod task;

pub use events::{EngineEvent, EngineSettings};
pub use from_store::{export_from_store, tags_from_store};
pub use handle::EngineHandle;
use task::Task;

/// Capacity of the live event stream; a subscriber that falls further behind is told it lagged.
const STREAM_CAPACITY: usize = 16_384;

/// How to start an engine.
pub struct EngineConfig {
    /// The database file (created if missing).
    pub db_path: PathBuf,
    /// The clock (shared with the target, so its timers follow the same time).
    pub clock: Clock,
    /// What runs the events.
    pub target: Arc<dyn Target>,
    /// Parameters to use instead of the saved ones (they are saved too).
    pub params: Option<SyncParameters>,
}

/// Takes the database's engine lock (`<db>.lock`), so two engines never schedule the same registrations.
/// Readers (the CLI's `events`, `tags`, `export`) do not need it. The OS releases it if the process dies.
/// Tools that change what a running engine keeps in memory (its parameters, recording) hold it while they
/// write, so they fail clearly instead of being overwritten by the engine's next save.
pub fn lock_database(db: &std::path::Path) -> Result<std::fs::File, EngineError> {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            EngineError::InvalidInput(format!(
                "cannot create the engine lock {}: {e}",
                path.display()
            ))
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(EngineError::InvalidInput(format!(
            "another Syncscope engine is already running on {} (the desktop app, or `syncscope run`/`demo`); \
             stop it, or pass another --db path. Reading commands (events, tags, export) work alongside it.",
            db.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(EngineError::InvalidInput(format!(
            "cannot lock {}: {e}",
            path.display()
        ))),
    }
}

/// Starts engines.
pub struct Engine;

impl Engine {
    /// Opens the database, restores registrations (a sync that was firing is pending again), and starts the
    /// engine task on the current tokio runtime.
    pub async fn start(config: EngineConfig) -> Result<EngineHandle, EngineError> {
        let store = Store::open(&config.db_path, OpenMode::Create)?;
        let lock = lock_database(&config.db_path)?;
        let saved = store.load()?;
        let recording = store.recording()?;
        let params = config.params.clone().or(saved.params).unwrap_or_default();
        params.validate()?;
        let mut core = Core::restore(
            params,
            saved.online.unwrap_or(true),
            saved.sws,
            saved.origins,
            saved.regs,
        );
        if config.params.is_some() {
            core.changes.settings = true;
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let (stream, _) = broadcast::channel(STREAM_CAPACITY);
        let (online_tx, online) = watch::channel(core.online);
        let source = config.target.name();
        tracing::info!(db = %config.db_path.display(), target = %source, registrations = core.regs.len(), "engine starting");
        let mut task = Task {
            core,
            store,
            clock: config.clock.clone(),
            target: config.target,
            source,
            recording,
            inflight: FuturesUnordered::new(),
            inflight_meta: HashMap::new(),
            next_dispatch: 1,
            stream: stream.clone(),
            self_tx: tx.downgrade(),
            activity: 0,
            replies: Vec::new(),
            unsaved: Changes::default(),
            online_tx,
            _lock: lock,
        };
        task.tick();
        tokio::spawn(task.run(rx));
        Ok(EngineHandle {
            tx,
            db_path: Arc::new(config.db_path.clone()),
            clock: config.clock,
            stream,
            online,
            advance_lock: Arc::new(tokio::sync::Mutex::new(())),
        })
    }
}
