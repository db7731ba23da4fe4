//! The plain data a Chromium session reports: registrations and their workers, console messages, tags,
//! what going offline reached, recording progress; and the session's options.

use std::time::Duration;

use serde::Serialize;
use syncscope_engine::Service;

use crate::client::DEFAULT_COMMAND_TIMEOUT;
use crate::protocol::service_worker::ServiceWorkerVersion;

/// The services Syncscope records from Chromium.
pub const RECORDED_SERVICES: [Service; 3] = [
    Service::BackgroundSync,
    Service::PeriodicBackgroundSync,
    Service::BackgroundFetch,
];

/// The `source` recorded events carry by default.
pub const DEFAULT_SOURCE: &str = "chromium";

/// How a [`ChromiumSession`] behaves.
#[derive(Clone, Debug)]
pub struct SessionOptions {
    /// The `source` of the events it records into the engine (default `chromium`).
    pub source: String,
    /// Deadline of each command.
    pub command_timeout: Duration,
    /// How long to wait for a worker to start or a registration to appear.
    pub wait_timeout: Duration,
    /// How long an event of a registration not yet known waits for it (to learn its scope) before it is
    /// recorded without a scope.
    pub scope_wait: Duration,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            source: DEFAULT_SOURCE.into(),
            command_timeout: DEFAULT_COMMAND_TIMEOUT,
            wait_timeout: Duration::from_secs(20),
            scope_wait: Duration::from_secs(2),
        }
    }
}

/// A service-worker registration as Chromium reports it, with its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// Chromium's registration id (what `dispatchSyncEvent` takes and events carry).
    pub registration_id: String,
    /// The scope URL.
    pub scope_url: String,
    /// The origin of the scope, e.g. `http://127.0.0.1:8080`.
    pub origin: String,
    /// Whether it was unregistered.
    pub is_deleted: bool,
    /// Its versions (installing, waiting, active…), oldest first.
    pub versions: Vec<ServiceWorkerVersion>,
}

impl Registration {
    /// The active version: `activated` (or `activating`), else the newest that is not redundant.
    pub fn active_version(&self) -> Option<&ServiceWorkerVersion> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.status == "activated" || v.status == "activating")
            .or_else(|| self.versions.iter().rev().find(|v| v.status != "redundant"))
    }

    /// Whether it has an activated worker.
    pub fn is_activated(&self) -> bool {
        self.versions.iter().any(|v| v.status == "activated")
    }

    /// Whether a version of it is running.
    pub fn is_running(&self) -> bool {
        self.versions.iter().any(|v| v.running_status == "running")
    }
}

/// A service-worker target Syncscope is attached to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkerTarget {
    /// The target id.
    pub target_id: String,
    /// The flat session id.
    pub session_id: String,
    /// The script URL.
    pub url: String,
}

/// A console message (or uncaught exception) from a service worker.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConsoleMessage {
    /// `log`, `info`, `warning`, `error`, `debug`, … or `exception` for an uncaught one.
    pub level: String,
    /// The arguments, space-separated, as the console shows them.
    pub text: String,
    /// When (ms since the epoch).
    pub timestamp: f64,
    /// The worker's script URL.
    pub url: String,
    /// The worker's registration, when known.
    pub registration_id: Option<String>,
}

/// The tags of one registration, from its worker's `getTags()`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegistrationTags {
    /// The registration.
    pub registration_id: String,
    /// Its scope.
    pub scope_url: String,
    /// `registration.sync.getTags()`.
    pub sync: Vec<String>,
    /// `registration.periodicSync.getTags()`.
    pub periodic: Vec<String>,
}

/// What [`ChromiumSession::set_offline`] did, per registration (by scope).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OfflineReport {
    /// Scopes whose worker session got the new network state.
    pub applied: Vec<String>,
    /// Scopes whose worker was not running and was started first (the stuck-offline recovery).
    pub started: Vec<String>,
    /// Scopes that could not be switched, with the reason.
    pub failed: Vec<(String, String)>,
}

/// Recording progress: events received from the browser and events handed to the engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordingProgress {
    /// Background-service events received.
    pub received: u64,
    /// Of those, how many the recorder has handed to the engine (stored or found duplicate) or dropped.
    pub processed: u64,
    /// Of those, how many were new to the engine's store.
    pub stored: u64,
}
