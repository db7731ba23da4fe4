//! Values that could not be read from text (an origin, a state, a service name…): what the basic types'
//! `FromStr` and `parse` return. A leaf: the model, the recorder and the store use it without depending on
//! [`EngineError`](crate::EngineError), which wraps it.

/// Text that is not a valid value of a basic type.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// An origin that cannot be parsed or cannot have service workers.
    #[error("invalid origin {input:?}: {why}")]
    InvalidOrigin {
        /// What was given.
        input: String,
        /// Why it was refused.
        why: String,
    },
    /// Another value that is not acceptable, described.
    #[error("{0}")]
    InvalidValue(String),
}
