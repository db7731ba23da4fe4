//! Syncscope's sync engine: Background Sync and Periodic Background Sync with Chromium's semantics, a real or
//! virtual clock, an SQLite store, and a recorder that speaks DevTools' event format.
//!
//! The engine knows nothing of Tauri, JavaScript engines or the DevTools Protocol: it drives whatever runs
//! events through the [`Target`] trait.
//!
//! ```no_run
//! # async fn demo() -> Result<(), syncscope_engine::EngineError> {
//! use std::sync::Arc;
//! use syncscope_engine::*;
//!
//! let clock = Clock::virtual_at(Timestamp::from_millis(0));
//! let engine = Engine::start(EngineConfig {
//!     db_path: "syncscope.db".into(),
//!     clock,
//!     target: Arc::new(AlwaysSucceed),
//!     params: None,
//! })
//! .await?;
//! let sw = engine
//!     .add_service_worker(
//!         ServiceWorkerSpec { scope: "https://app.test/".into(), script_url: "https://app.test/sw.js".into() },
//!         true,
//!         1,
//!     )
//!     .await?;
//! engine.set_recording(Service::BackgroundSync, true).await?;
//! engine.sync_register(sw.id, "outbox").await?;
//! engine.advance_by(std::time::Duration::from_secs(60)).await?;
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod clock;
pub mod devtools;
mod dom_error;
mod engine;
pub mod error;
pub mod kv;
pub mod model;
pub mod params;
mod parse_error;
pub mod recorder;
pub mod store;
mod sync;
pub mod target;
pub mod testing;
pub mod time;

pub use crate::clock::{Clock, ClockError, ClockMode, ClockStatus};
pub use crate::engine::{
    Engine, EngineConfig, EngineEvent, EngineHandle, EngineSettings, export_from_store,
    lock_database, tags_from_store,
};
pub use crate::error::{DomError, DomExceptionName, EngineError, ParseError};
pub use crate::kv::{KeyRange, KvOp, KvStore};
pub use crate::model::{
    DelayUntil, Engagement, Origin, OriginSettings, PermissionName, PermissionState,
    ServiceWorkerRegistration, ServiceWorkerSpec, SwRegistrationId, SyncKind, SyncRegistration,
    SyncState, TagInfo,
};
pub use crate::params::{PARAMETER_NAMES, ParamError, SyncParameters};
pub use crate::recorder::{
    BackgroundServiceEvent, EventCursor, EventMetadata, EventQuery, RECORDING_DURATION,
    RecordedEvent, RecordingStatus, Service,
};
pub use crate::store::{OpenMode, Store, StoreError};
pub use crate::sync::MAX_TAG_LENGTH;
pub use crate::target::{AlwaysSucceed, DispatchRequest, Outcome, SyncEvent, Target};
pub use crate::time::{DurationParseError, Timestamp, format_duration, parse_duration};
