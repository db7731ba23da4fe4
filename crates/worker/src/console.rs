//! Console output of workers, captured for the event log and the CLI.

use serde::{Deserialize, Serialize};
use syncscope_engine::{Clock, SwRegistrationId, Timestamp};
use tokio::sync::broadcast;

/// A console method's level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum ConsoleLevel {
    /// `console.debug`.
    Debug,
    /// `console.log`.
    Log,
    /// `console.info`.
    Info,
    /// `console.warn`.
    Warn,
    /// `console.error` (and uncaught errors).
    Error,
}

impl ConsoleLevel {
    /// Reads the level name the prelude passes; unknown names are `log`.
    pub fn parse(s: &str) -> ConsoleLevel {
        match s {
            "debug" => ConsoleLevel::Debug,
            "info" => ConsoleLevel::Info,
            "warn" => ConsoleLevel::Warn,
            "error" => ConsoleLevel::Error,
            _ => ConsoleLevel::Log,
        }
    }

    /// The level's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsoleLevel::Debug => "debug",
            ConsoleLevel::Log => "log",
            ConsoleLevel::Info => "info",
            ConsoleLevel::Warn => "warn",
            ConsoleLevel::Error => "error",
        }
    }
}

/// One line a worker (or page) wrote to its console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ConsoleLine {
    /// When, on the engine clock.
    pub at: Timestamp,
    /// The service-worker registration it belongs to.
    pub sw_registration_id: SwRegistrationId,
    /// `worker` or `page`.
    pub context: String,
    /// Its level.
    pub level: ConsoleLevel,
    /// The formatted text.
    pub text: String,
}

/// Writes console lines to the host's stream and to tracing.
#[derive(Clone)]
pub(crate) struct ConsoleSink {
    pub clock: Clock,
    pub sw: SwRegistrationId,
    pub context: String,
    pub tx: broadcast::Sender<ConsoleLine>,
}

impl ConsoleSink {
    pub fn write(&self, level: ConsoleLevel, text: String) {
        tracing::debug!(sw = %self.sw, level = level.as_str(), "{text}");
        let _ = self.tx.send(ConsoleLine {
            at: self.clock.now(),
            sw_registration_id: self.sw,
            context: self.context.clone(),
            level,
            text,
        });
    }
}
