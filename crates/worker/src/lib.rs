//! Syncscope's embedded service-worker runtime: a web developer's real `sw.js`, unmodified, on QuickJS-NG
//! (through `rquickjs`), driven by the sync engine as its default [`Target`](syncscope_engine::Target).
//!
//! Each service-worker registration gets its own OS thread with its own JavaScript runtime and an event loop
//! owned by Rust ([`thread`]): tasks, microtask checkpoints and timers on the engine's clock, so a
//! `setTimeout` inside a handler waits for virtual time. `fetch` goes over the real network (and fails with
//! `TypeError: Failed to fetch` while the engine is offline); `registration.sync` and `periodicSync` call the
//! engine. A handler that loops forever is interrupted, one that allocates without bound hits a memory limit,
//! and one that never settles is cut off by the engine at `max_sync_event_duration`: each of these recycles
//! that worker only, never the engine or other workers.

#![warn(missing_docs)]

mod body_stream;
mod clients;
mod code_cache;
pub mod console;
mod cors;
mod dispatch;
mod embedded;
mod engine_calls;
pub mod error;
mod evaluate;
mod fetch;
mod host;
mod host_fns;
mod idb_locks;
mod idle;
mod inbox;
mod init;
mod js_results;
mod js_values;
mod limits;
mod locate;
mod modules;
pub mod net_policy;
mod ops;
mod page;
mod page_handle;
mod services;
mod shared;
pub mod source;
mod start;
mod storage;
mod thread;
mod timers;

pub use crate::console::{ConsoleLevel, ConsoleLine};
pub use crate::embedded::{Embedded, EmbeddedConfig};
pub use crate::error::{ScriptError, ScriptLocation, WorkerError};
pub use crate::host::WorkerHost;
pub use crate::limits::WorkerLimits;
pub use crate::locate::{LocateError, LocatedWorker, locate_worker};
pub use crate::page_handle::Page;
pub use crate::services::WorkerSpec;
pub use crate::source::{DEFAULT_ORIGIN, ScriptSource};

/// The prelude's JavaScript source (for benchmarks that compare a bare rquickjs dispatch loop with the worker).
pub fn prelude_source() -> &'static str {
    thread::PRELUDE
}
