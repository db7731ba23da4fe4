//! What the mock-runtime command tests share: invoking a command as the UI does.

use serde_json::{Value, json};
use syncscope_app::{AppConfig, AppState, build_app, context};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;

/// The app on `config` as `main` starts it (the engine, then the saved workers), over the mock runtime, with
/// its `main` window.
#[allow(dead_code)] // not every test binary starts an app
pub fn start_app(
    config: AppConfig,
) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let state = tauri::async_runtime::block_on(async {
        let state = AppState::start(config).await.unwrap();
        state.restore_saved_workers().await.unwrap();
        state
    });
    let app = build_app(mock_builder(), state).build(context()).unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, window)
}

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
