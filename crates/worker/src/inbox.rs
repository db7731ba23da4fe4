//! What a JavaScript context's thread is asked to do, and the completions of the operations it started: the
//! one message type every part of the worker sends to a context.

use serde_json::Value as Json;
use tokio::sync::oneshot;

use crate::body_stream::{BodyHandle, ReadResult};
use crate::dispatch::DispatchResult;
use crate::error::ScriptError;
use crate::fetch::FetchResponse;

/// What a worker thread is asked to do.
pub(crate) enum Inbox {
    /// Run an event; reply when its extend-lifetime promises settle.
    Dispatch {
        id: u64,
        event: String,
        init: Json,
        reply: oneshot::Sender<DispatchResult>,
    },
    /// Call `__syncscopePage[name](...args)` and reply with what its promise resolves to.
    Call {
        id: u64,
        name: String,
        args: Vec<Json>,
        reply: oneshot::Sender<DispatchResult>,
    },
    /// Evaluate a script in the global scope.
    Eval {
        source: String,
        filename: String,
        reply: oneshot::Sender<Result<(), ScriptError>>,
    },
    /// A page operation finished.
    PageDone {
        id: u32,
        result: Result<Json, (String, String)>,
    },
    /// A `message` for a page, from its service worker.
    Message { data: Json, source: Json },
    /// The engine gave up on an event (it ran past `max_sync_event_duration`): stop the worker, as Chromium does.
    Abandon { id: u64 },
    /// A `fetch` finished.
    FetchDone {
        id: u32,
        result: Result<FetchResponse, String>,
        /// The rest of the response's body, when it is read on demand.
        body: Option<BodyHandle>,
    },
    /// A read of the body of `fetch` `id` finished (see `body_stream`).
    BodyRead { id: u32, result: ReadResult },
    /// A call into the engine finished: the result, or a DOMException name and message.
    EngineDone {
        id: u32,
        result: Result<Json, (String, String)>,
    },
    /// The network changed.
    SetOnline(bool),
    /// An IndexedDB transaction's cross-context lock was granted (see `idb_locks`).
    IdbGranted { id: u64 },
    /// A newer version of the worker took over: finish the events already running, then stop. Events that
    /// reach this thread afterwards go to the new version.
    Retire,
    /// Stop.
    Shutdown,
}
