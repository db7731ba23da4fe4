//! The CLI's one error type: a message for the user (printed as `error: …`, exit 1), or a closed stdout
//! (`syncscope events | head`), which ends the command quietly.

use std::fmt;

use syncscope_engine::devtools::ImportError;
use syncscope_engine::{EngineError, ParamError, ParseError, StoreError};

/// Why a command stopped.
#[derive(Debug)]
pub enum CliError {
    /// Something went wrong; the message says what (and names the file or value involved).
    Failed(String),
    /// The reader of stdout went away; not an error for the user.
    BrokenPipe,
    /// Tests ran and some failed; the results were printed (exit 1, no extra message).
    TestsFailed,
}

/// A command's result.
pub type CliResult<T = ()> = Result<T, CliError>;

impl CliError {
    /// A failure with this message.
    pub fn msg(message: impl Into<String>) -> Self {
        CliError::Failed(message.into())
    }

    /// Maps an error writing to stdout: a closed pipe stops quietly, anything else is reported.
    pub fn from_stdout(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::Failed(format!("could not write the output: {e}"))
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Failed(m) => f.write_str(m),
            CliError::BrokenPipe => f.write_str("output closed"),
            CliError::TestsFailed => f.write_str("tests failed"),
        }
    }
}

impl std::error::Error for CliError {}

impl From<EngineError> for CliError {
    fn from(e: EngineError) -> Self {
        CliError::Failed(e.to_string())
    }
}

impl From<ParseError> for CliError {
    fn from(e: ParseError) -> Self {
        CliError::Failed(e.to_string())
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Failed(e.to_string())
    }
}

impl From<ParamError> for CliError {
    fn from(e: ParamError) -> Self {
        CliError::Failed(e.to_string())
    }
}

impl From<ImportError> for CliError {
    fn from(e: ImportError) -> Self {
        CliError::Failed(e.to_string())
    }
}
