//! The embedded engine in one step: an engine whose target is a [`WorkerHost`], already connected to it.
//!
//! The engine needs its target when it starts and the host needs the engine to run workers, so the two are
//! made together here; no caller can end up with a host that was never attached.

use std::path::PathBuf;
use std::sync::Arc;

use syncscope_engine::{Clock, Engine, EngineConfig, EngineError, EngineHandle, SyncParameters};

use crate::host::WorkerHost;
use crate::limits::WorkerLimits;

/// What the embedded engine is started with.
#[derive(Clone, Debug)]
pub struct EmbeddedConfig {
    /// The SQLite file (created if missing), opened once, by the engine.
    pub db_path: PathBuf,
    /// The clock of the engine and of every worker's timers.
    pub clock: Clock,
    /// Engine parameters to apply over the stored ones (`None`: the stored ones).
    pub params: Option<SyncParameters>,
    /// The workers' limits.
    pub limits: WorkerLimits,
}

/// An engine and the worker host that runs its events. Stop the engine first, then the host
/// ([`Embedded::shutdown`] does both in that order).
#[derive(Clone)]
pub struct Embedded {
    /// The engine.
    pub engine: EngineHandle,
    /// Its target: the workers.
    pub host: WorkerHost,
}

impl Embedded {
    /// Starts the engine on `config.db_path` with a new worker host as its target, and connects the two.
    /// Call within a tokio runtime.
    pub async fn start(config: EmbeddedConfig) -> Result<Embedded, EngineError> {
        let host = WorkerHost::new(config.clock.clone(), config.limits);
        let engine = Engine::start(EngineConfig {
            db_path: config.db_path,
            clock: config.clock,
            target: Arc::new(host.clone()),
            params: config.params,
        })
        .await?;
        host.attach(engine.clone());
        Ok(Embedded { engine, host })
    }

    /// Stops the engine (events it abandons stay pending with their attempts unchanged), then every worker.
    pub async fn shutdown(&self) -> Result<(), EngineError> {
        let stopped = self.engine.shutdown().await;
        self.host.shutdown();
        stopped
    }
}
