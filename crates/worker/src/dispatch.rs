//! How an event dispatched to a context (or a function called in it) ended.

use serde_json::Value as Json;
use syncscope_engine::Outcome;

/// How an event (or a called function) ended, with the value its promise resolved to.
#[derive(Debug, Clone)]
pub(crate) struct DispatchResult {
    pub outcome: Outcome,
    /// The resolved value as JSON (for events: the prelude's `{status, reason, response?}`).
    pub value: Json,
    /// The bytes of `value.response.body`, when the result carries a response.
    pub body: Option<Vec<u8>>,
}

impl From<Outcome> for DispatchResult {
    fn from(outcome: Outcome) -> Self {
        DispatchResult {
            outcome,
            value: Json::Null,
            body: None,
        }
    }
}
