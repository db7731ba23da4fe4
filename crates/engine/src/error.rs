//! Engine errors: what a tool user (the CLI, the app) sees. The tree has no loop: `EngineError` wraps the leaf
//! errors ([`DomError`], [`ParseError`], parameters, the store, imports); none of them depends on it.

pub use crate::dom_error::{DomError, DomExceptionName};
pub use crate::parse_error::ParseError;

/// Anything that can go wrong in the engine, with a message that says what and, where it helps, what to do.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The web API rejected the call, as it would in Chromium.
    #[error(transparent)]
    Dom(#[from] DomError),
    /// Text that is not a valid value (an origin, a state, a service…).
    #[error(transparent)]
    Parse(#[from] ParseError),
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
