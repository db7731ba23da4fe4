//! The live stream to the window: engine events, worker console lines, clock changes and the target picker, in the order they
//! happen, through one `tauri::ipc::Channel`.

use tokio::sync::broadcast::error::RecvError;

use crate::dto::LiveEvent;
use crate::state::AppState;

/// Forwards live events to `send` until it returns `false` (the window went away) or the engine stops.
/// Replaces the stream started before (a reloaded page subscribes again).
pub fn start(state: &AppState, send: impl Fn(LiveEvent) -> bool + Send + 'static) {
    let mut events = state.engine.subscribe();
    let mut console = state.host.console();
    let clock = state.engine.clock().clone();
    let mut clock_changes = clock.subscribe();
    let mut target_changes = state.chromium.subscribe();
    let picker = state.chromium.clone();
    // Tauri's runtime: sync commands run on the main thread, outside any tokio context.
    let task = tauri::async_runtime::spawn(async move {
        loop {
            let event = tokio::select! {
                e = events.recv() => match e {
                    Ok(event) => LiveEvent::Engine { event },
                    Err(RecvError::Lagged(skipped)) => LiveEvent::Lagged { skipped },
                    Err(RecvError::Closed) => return,
                },
                l = console.recv() => match l {
                    Ok(line) => LiveEvent::Console { line },
                    // Console lines are also kept in the history; a burst that overflows is not worth a reload.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return,
                },
                c = clock_changes.changed() => match c {
                    Ok(()) => LiveEvent::Clock { status: clock.status() },
                    Err(_) => return,
                },
                t = target_changes.changed() => match t {
                    Ok(()) => LiveEvent::Target { status: picker.status() },
                    Err(_) => return,
                },
            };
            if !send(event) {
                return;
            }
        }
    });
    let previous = state
        .live
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .replace(task);
    if let Some(p) = previous {
        p.abort();
    }
}
