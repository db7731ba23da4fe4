//! The one seam between the engine and what runs events: the embedded worker, a real Chromium, or a scripted
//! test target. The engine decides *when* an event fires; a [`Target`] runs it and says how it ended.

use std::fmt;

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::model::ServiceWorkerRegistration;

/// The event to run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SyncEvent {
    /// A `SyncEvent`.
    Sync {
        /// `event.tag`.
        tag: String,
        /// `event.lastChance`.
        #[serde(rename = "lastChance")]
        last_chance: bool,
    },
    /// A `PeriodicSyncEvent`.
    PeriodicSync {
        /// `event.tag`.
        tag: String,
    },
}

impl SyncEvent {
    /// The event's tag.
    pub fn tag(&self) -> &str {
        match self {
            SyncEvent::Sync { tag, .. } | SyncEvent::PeriodicSync { tag } => tag,
        }
    }
}

/// One event for one service-worker registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispatchRequest {
    /// The registration whose active worker gets the event.
    pub registration: ServiceWorkerRegistration,
    /// The event.
    pub event: SyncEvent,
    /// Whether a user asked for it by hand (DevTools' Sync button) rather than the scheduler.
    pub manual: bool,
}

/// How an event ended: Chromium's service-worker event statuses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Outcome {
    /// The handler's `waitUntil` promises fulfilled (or there were none).
    Succeeded,
    /// A `waitUntil` promise rejected.
    WaitUntilRejected {
        /// The rejection reason as text.
        reason: String,
    },
    /// The event ran past `max_sync_event_duration`.
    TimedOut,
    /// The worker could not run the event (no handler could run, it crashed, or it threw while dispatching).
    Failed {
        /// What went wrong.
        reason: String,
    },
}

impl Outcome {
    /// Chromium's status text (`GetEventStatusString`): `succeeded`, `waitUntil rejected`, `timeout`, `failed`.
    pub fn status_str(&self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::WaitUntilRejected { .. } => "waitUntil rejected",
            Outcome::TimedOut => "timeout",
            Outcome::Failed { .. } => "failed",
        }
    }

    /// Whether the event succeeded.
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Succeeded)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::WaitUntilRejected { reason } | Outcome::Failed { reason } => {
                write!(f, "{} ({reason})", self.status_str())
            }
            _ => f.write_str(self.status_str()),
        }
    }
}

/// Something that runs sync events for the engine.
///
/// Implementations must never block the caller: [`Target::dispatch`] returns a future, and the engine goes on
/// serving other calls (including the worker's own `sync.register`) while it runs.
pub trait Target: Send + Sync + 'static {
    /// A short name for logs and for the `source` of recorded events, e.g. `embedded`.
    fn name(&self) -> String;

    /// Runs one event and resolves with how it ended.
    ///
    /// The engine cuts an event off at `max_sync_event_duration` on its own clock by dropping this future;
    /// a target should treat the drop as "abandon the handler" (and, for a worker, recycle it).
    fn dispatch(&self, request: DispatchRequest) -> BoxFuture<'static, Outcome>;

    /// Whether the target can run events for `registration` now. The scheduler fires only registrations
    /// whose worker the target can run: one it cannot yet (the embedded host before the worker's script was
    /// loaded in this process, e.g. right after a restart) stays pending with its attempts untouched, and
    /// fires once the target says it can (by any call into the engine, e.g.
    /// [`EngineHandle::target_changed`](crate::EngineHandle::target_changed)). Chromium likewise starts the
    /// worker before it dispatches, so no attempt is spent on a worker that never ran. The default is "always".
    fn can_dispatch(&self, _registration: &ServiceWorkerRegistration) -> bool {
        true
    }

    /// Resolves once the target has no work it can progress without the clock moving: no runnable script, no
    /// pending call into the engine, no network I/O in flight. Timers waiting on the engine clock do not count
    /// (they must be [`Clock::sleep_until`](crate::Clock::sleep_until) futures, so virtual-time drivers see
    /// them). The virtual clock's "advance" waits for this between steps; the default is "always idle".
    fn idle(&self) -> BoxFuture<'static, ()> {
        Box::pin(futures::future::ready(()))
    }

    /// What keeps the target from being idle right now, one line each (`worker https://a.test/: GET
    /// https://api.test/slow, 12.0 s`), for the report when [`Target::idle`] does not resolve in time.
    fn busy(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A target that succeeds every event at once. Useful where only the engine's bookkeeping matters.
#[derive(Clone, Copy, Debug, Default)]
pub struct AlwaysSucceed;

impl Target for AlwaysSucceed {
    fn name(&self) -> String {
        "always-succeed".into()
    }

    fn dispatch(&self, _request: DispatchRequest) -> BoxFuture<'static, Outcome> {
        Box::pin(futures::future::ready(Outcome::Succeeded))
    }
}
