//! Errors of the worker runtime, with script locations where JavaScript reported them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in a script something went wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptLocation {
    /// The script's URL (or file name).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl fmt::Display for ScriptLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A JavaScript exception, as text, with the first location in its stack that is not the prelude.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptError {
    /// `name: message`, e.g. `SyntaxError: unexpected token in expression: ')'`.
    pub message: String,
    /// Where it happened, when the stack says.
    pub location: Option<ScriptLocation>,
    /// The stack as QuickJS printed it.
    pub stack: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl ScriptError {
    /// Builds an error from a message and a QuickJS stack (`    at fn (file:line:col)` lines).
    pub fn new(message: String, stack: String) -> Self {
        let location = stack.lines().find_map(parse_frame);
        ScriptError {
            message,
            location,
            stack,
        }
    }
}

/// Reads `file:line:col` out of one stack frame line, skipping Syncscope's own prelude.
fn parse_frame(line: &str) -> Option<ScriptLocation> {
    let line = line.trim().strip_prefix("at ")?;
    let inner = match (line.rfind('('), line.ends_with(')')) {
        (Some(open), true) => &line[open + 1..line.len() - 1],
        _ => line,
    };
    let mut parts = inner.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line_no = parts.next()?.parse().ok()?;
    let file = parts.next()?.to_string();
    if file.starts_with("syncscope:") || file == "native" {
        return None;
    }
    Some(ScriptLocation {
        file,
        line: line_no,
        column,
    })
}

/// Why a worker could not be started or used.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// The script (or one it imports) failed to evaluate: a syntax error, or an exception at the top level.
    #[error("{0}")]
    Script(ScriptError),
    /// The script could not be loaded.
    #[error("cannot load {url}: {reason}")]
    Load {
        /// Its URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// The JavaScript engine could not be set up (out of memory at start).
    #[error("cannot start the JavaScript engine: {0}")]
    Runtime(String),
    /// The engine refused something (e.g. an invalid scope).
    #[error(transparent)]
    Engine(#[from] syncscope_engine::EngineError),
    /// The worker thread stopped.
    #[error("the worker for {scope} stopped: {reason}")]
    Stopped {
        /// Its scope.
        scope: String,
        /// Why.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_come_from_the_first_user_frame() {
        let e = ScriptError::new(
            "TypeError: x is not a function".into(),
            "    at dispatch (syncscope:prelude:120:5)\n    at handler (http://app.test/sw.js:12:9)\n    at <anonymous> (http://app.test/sw.js:30:1)\n".into(),
        );
        assert_eq!(
            e.to_string(),
            "http://app.test/sw.js:12:9: TypeError: x is not a function"
        );
        let s = ScriptError::new(
            "SyntaxError: expecting ';'".into(),
            "    at /tmp/sw.js:3:14\n".into(),
        );
        assert_eq!(
            s.location,
            Some(ScriptLocation {
                file: "/tmp/sw.js".into(),
                line: 3,
                column: 14
            })
        );
    }
}
