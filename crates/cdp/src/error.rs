//! Errors of the DevTools Protocol client, the launcher and the Chromium session.

use std::time::Duration;

/// JSON-RPC's "method not found": Chromium answers it for a command sent to a session whose target lacks the
/// domain (e.g. `BackgroundService.*` on a worker session).
pub const METHOD_NOT_FOUND: i64 = -32601;
/// JSON-RPC's "invalid params".
pub const INVALID_PARAMS: i64 = -32602;
/// Chromium's "server error", used for most command failures (no such target, no such registration…).
pub const SERVER_ERROR: i64 = -32000;

/// Everything that can go wrong talking to a browser.
#[derive(Debug, thiserror::Error)]
pub enum CdpError {
    /// The browser answered a command with an error object.
    #[error("{method} failed: {message} (CDP error {code}{})", data.as_deref().map(|d| format!(", {d}")).unwrap_or_default())]
    Protocol {
        /// The command.
        method: String,
        /// The JSON-RPC error code, e.g. -32601 (see [`METHOD_NOT_FOUND`]).
        code: i64,
        /// The browser's message.
        message: String,
        /// Extra detail the browser sent, if any.
        data: Option<String>,
    },
    /// No answer came in time. Commands to a stopped service worker's session wait until it starts, so every
    /// command has a deadline.
    #[error("{method} timed out after {timeout:?}{}", session.as_deref().map(|s| format!(" (session {s})")).unwrap_or_default())]
    Timeout {
        /// The command.
        method: String,
        /// How long it waited.
        timeout: Duration,
        /// The session it was sent to, if not the browser's.
        session: Option<String>,
    },
    /// The connection to the browser is gone (the browser quit, crashed or was killed, or the socket failed).
    /// Every command pending at that moment and every later one fails with this.
    #[error("browser disconnected: {reason}")]
    Disconnected {
        /// What closed the connection.
        reason: String,
    },
    /// The browser could not be reached (nothing listening, not a DevTools endpoint, handshake failed).
    #[error("cannot connect to the browser at {endpoint}: {reason}")]
    Connect {
        /// Where we tried.
        endpoint: String,
        /// Why it failed.
        reason: String,
    },
    /// A reply could not be decoded into the type the command promises.
    #[error("unexpected reply to {method}: {source}")]
    Decode {
        /// The command.
        method: String,
        /// The decoding error.
        #[source]
        source: serde_json::Error,
    },
    /// Script evaluated in the browser threw or rejected.
    #[error("script failed in the browser: {0}")]
    Script(String),
    /// The browser could not be found or started.
    #[error("cannot launch the browser: {0}")]
    Launch(String),
    /// A request that cannot be carried out as asked (unknown registration, bad endpoint text…).
    #[error("{0}")]
    InvalidInput(String),
    /// Something expected did not happen in time (a worker did not start, a registration did not appear).
    #[error("gave up waiting after {timeout:?}: {what}")]
    WaitTimeout {
        /// What was awaited.
        what: String,
        /// How long.
        timeout: Duration,
    },
    /// The engine refused a call.
    #[error(transparent)]
    Engine(#[from] syncscope_engine::EngineError),
    /// An I/O error (spawning the browser, reading its profile).
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
}

impl CdpError {
    /// The CDP error code, for protocol errors.
    pub fn code(&self) -> Option<i64> {
        match self {
            CdpError::Protocol { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether the browser said the method does not exist on that session (-32601).
    pub fn is_method_not_found(&self) -> bool {
        self.code() == Some(METHOD_NOT_FOUND)
    }

    /// Whether the connection to the browser is gone.
    pub fn is_disconnected(&self) -> bool {
        matches!(self, CdpError::Disconnected { .. })
    }

    /// Whether a command or a wait ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            CdpError::Timeout { .. } | CdpError::WaitTimeout { .. }
        )
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> CdpError {
        CdpError::Io {
            context: context.into(),
            source,
        }
    }
}

/// Results of this crate.
pub type Result<T, E = CdpError> = std::result::Result<T, E>;
