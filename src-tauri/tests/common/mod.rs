//! What the mock-runtime command tests share: invoking a command as the UI does.

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response};
use tauri::webview::InvokeRequest;

/// Invokes a command on `window` as `@tauri-apps/api`'s `invoke(cmd, { args })` does: its JSON result, or the
/// JSON error it was rejected with.
pub fn invoke(
    window: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Option<Value>,
) -> Result<Value, Value> {
    let body = match args {
        Some(a) => json!({ "args": a }),
        None => json!({}),
    };
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}
