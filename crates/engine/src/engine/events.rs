//! What the engine tells live views: the events on its stream, and its settings.

use serde::{Deserialize, Serialize};

use crate::model::OriginSettings;
use crate::params::SyncParameters;
use crate::recorder::{RecordedEvent, RecordingStatus};

/// Something that happened in the engine, for live views.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum EngineEvent {
    /// An event was recorded.
    Recorded {
        /// The event.
        event: RecordedEvent,
    },
    /// Sync registrations changed (re-read the tags).
    RegistrationsChanged,
    /// Service-worker registrations changed.
    ServiceWorkersChanged,
    /// Network, parameters, permissions, engagement or recording changed.
    SettingsChanged,
    /// Settling (`settle`, `advance`) waited [`SETTLE_LIMIT`] in real time for the target to be idle and went
    /// on without it; what was still busy, one line each.
    TargetBusy {
        /// What the target reported as busy.
        busy: Vec<String>,
    },
    /// The engine could not persist a change; it keeps it in memory and retries on the next change.
    StoreError {
        /// What went wrong.
        message: String,
    },
}

/// The engine's network and parameters, for display.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EngineSettings {
    /// Whether the network is online.
    pub online: bool,
    /// The parameters.
    pub params: SyncParameters,
    /// Origins whose settings differ from the defaults (or that have registrations).
    pub origins: Vec<OriginSettings>,
    /// Recording status per service.
    pub recording: Vec<RecordingStatus>,
}
