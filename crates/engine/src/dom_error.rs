//! Web-facing errors: the `DOMException`s (or `TypeError`s) a page or worker sees, with Chromium's names and
//! messages. A leaf: it depends on nothing else in the engine.

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
