//! What a context's JavaScript gave back, read in Rust: a settled promise's value as a dispatch result, and
//! exceptions as script errors (message, stack, location).

use rquickjs::{CaughtError, Ctx, Exception, Object, Value};
use serde_json::Value as Json;
use syncscope_engine::Outcome;

use crate::dispatch::DispatchResult;
use crate::error::ScriptError;
use crate::js_values;

/// Reads a settled promise's value: for events the prelude's `{status, reason, response?}`, for calls any value.
pub(crate) fn result_from_js(v: Value<'_>, is_event: bool) -> DispatchResult {
    let body = v
        .as_object()
        .and_then(|o| o.get::<_, Object>("response").ok())
        .and_then(|r| r.get::<_, Value>("body").ok())
        .filter(|b| b.is_object())
        .and_then(|b| js_values::bytes_of(&b).ok());
    let json = js_values::json_of(&v).unwrap_or(Json::Null);
    if !is_event {
        return DispatchResult {
            outcome: Outcome::Succeeded,
            value: json,
            body,
        };
    }
    let reason = json["reason"].as_str().unwrap_or("").to_string();
    let outcome = match json["status"].as_str() {
        Some("succeeded") => Outcome::Succeeded,
        Some("rejected") => Outcome::WaitUntilRejected { reason },
        _ => Outcome::Failed {
            reason: if reason.is_empty() {
                format!("unexpected dispatch result {json}")
            } else {
                reason
            },
        },
    };
    DispatchResult {
        outcome,
        value: json,
        body,
    }
}

pub(crate) fn caught_to_error(e: &CaughtError<'_>) -> ScriptError {
    match e {
        CaughtError::Exception(ex) => {
            let name: String = ex
                .as_object()
                .get::<_, String>("name")
                .unwrap_or_else(|_| "Error".into());
            let message = ex.message().unwrap_or_default();
            ScriptError::new(format!("{name}: {message}"), ex.stack().unwrap_or_default())
        }
        CaughtError::Value(v) => {
            ScriptError::new(format!("Uncaught {}", describe_value(v)), String::new())
        }
        CaughtError::Error(e) => ScriptError::new(e.to_string(), String::new()),
    }
}

pub(crate) fn value_to_error(ctx: &Ctx<'_>, v: Value<'_>) -> ScriptError {
    match v
        .as_object()
        .and_then(|o| Exception::from_object(o.clone()))
    {
        Some(ex) => caught_to_error(&CaughtError::Exception(ex)),
        None => {
            if v.is_null() {
                // QuickJS throws null when it cannot even allocate the error.
                return ScriptError::new("InternalError: out of memory".into(), String::new());
            }
            let _ = ctx;
            ScriptError::new(describe_value(&v), String::new())
        }
    }
}

pub(crate) fn describe_value(v: &Value<'_>) -> String {
    if let Some(s) = v.as_string().and_then(|s| s.to_string().ok()) {
        return s;
    }
    if let Some(n) = v.as_number() {
        return n.to_string();
    }
    format!("{:?}", v.type_of())
}
