//! Errors: web-facing `DOMException`s (what a page or worker sees) and engine errors (what a tool user sees).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The `DOMException` (or `TypeError`) names the sync APIs reject with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DomExceptionName {
    /// No active worker.
    InvalidStateError,
    /// No window client, or a tag that is too long.
    InvalidAccessError,
    /// Permission denied.
    NotAllowedError,
    /// A bad argument (WebIDL conversion).
    TypeError,
    /// The browser could not store the registration (Chromium then disables Background Sync).
    UnknownError,
}

impl DomExceptionName {
    /// The name as JavaScript sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            DomExceptionName::InvalidStateError => "InvalidStateError",
            DomExceptionName::InvalidAccessError => "InvalidAccessError",
            DomExceptionName::NotAllowedError => "NotAllowedError",
            DomExceptionName::TypeError => "TypeError",
            DomExceptionName::UnknownError => "UnknownError",
        }
    }
}

/// A rejection a web page or service worker sees, with Chromium's name and message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub struct DomError {
    /// The exception's name.
    pub name: DomExceptionName,
    /// Chromium's message.
    pub message: String,
}

impl fmt::Display for DomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name.as_str(), self.message)
    }
}

impl DomError {
    /// `InvalidStateError` for a registration without an active worker.
    pub fn no_active_worker() -> Self {
        DomError {
            name: DomExceptionName::InvalidStateError,
            message: "Registration failed - no active Service Worker".into(),
        }
    }

    /// Chromium's `InvalidAccessError` for a missing window client or an over-long tag.
    pub fn no_window_or_tag_too_long() -> Self {
        DomError {
            name: DomExceptionName::InvalidAccessError,
            message:
                "Attempted to register a sync event without a window or registration tag too long."
                    .into(),
        }
    }

    /// Chromium's `NotAllowedError` for a denied permission.
    pub fn permission_denied() -> Self {
        DomError {
            name: DomExceptionName::NotAllowedError,
            message: "Permission denied.".into(),
        }
    }

    /// Chromium's rejection when the registration could not be written to storage: `BackgroundSyncManager`
    /// answers a failed write with `DisableAndClearManager`, and Blink's `SyncManager` rejects with
    /// `UnknownError: Background Sync is disabled.` (Syncscope keeps the change and retries it instead of
    /// disabling; see docs/reliability.md).
    pub fn storage_error() -> Self {
        DomError {
            name: DomExceptionName::UnknownError,
            message: "Background Sync is disabled.".into(),
        }
    }

    /// A `TypeError` with the given message.
    pub fn type_error(message: String) -> Self {
        DomError {
            name: DomExceptionName::TypeError,
            message,
        }
    }
}

/// Anything that can go wrong in the engine, with a message that says what and, where it helps, what to do.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The web API rejected the call, as it would in Chromium.
    #[error(transparent)]
    Dom(#[from] DomError),
    /// An origin that cannot be parsed or cannot have service workers.
    #[error("invalid origin {input:?}: {why}")]
    InvalidOrigin {
        /// What was given.
        input: String,
        /// Why it was refused.
        why: String,
    },
    /// A service-worker registration id the engine does not know.
    #[error("no service-worker registration with id {0}")]
    UnknownRegistration(i64),
    /// Input that is not acceptable, described.
    #[error("{0}")]
    InvalidInput(String),
    /// An engine parameter could not be set.
    #[error(transparent)]
    Param(#[from] crate::params::ParamError),
    /// The database could not be read or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A DevTools events file could not be imported.
    #[error(transparent)]
    Import(#[from] crate::devtools::ImportError),
    /// The call's change could not be written to the database. The engine keeps it in memory and retries
    /// with the next change, but until then it would not survive a crash, so the call is not a success.
    #[error(
        "the change was not saved to the database ({reason}); the engine retries with the next change"
    )]
    NotSaved {
        /// Why the write failed.
        reason: String,
        /// What a web page or worker sees.
        dom: DomError,
    },
    /// The engine task has stopped (it was shut down or failed); the handle can no longer be used.
    #[error("the engine has stopped")]
    Stopped,
}

impl EngineError {
    /// The `DOMException` inside, if this is a web-facing rejection.
    pub fn as_dom(&self) -> Option<&DomError> {
        match self {
            EngineError::Dom(d) | EngineError::NotSaved { dom: d, .. } => Some(d),
            _ => None,
        }
    }

    /// A [`EngineError::NotSaved`] for a failed write.
    pub fn not_saved(reason: &str) -> Self {
        EngineError::NotSaved {
            reason: reason.to_string(),
            dom: DomError::storage_error(),
        }
    }
}
