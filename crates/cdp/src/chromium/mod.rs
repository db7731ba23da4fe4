//! A session with a real Chromium: which service workers it has, what its background services log (forwarded
//! into the engine's store and stream), firing sync and periodicsync by hand, offline on the worker session,
//! tags, permissions, and the workers' console. Every fact it relies on is in cdp-notes.md:
//!
//! - `BackgroundService.*` and `ServiceWorker.*` go to a **page** session (any page); workers answer -32601.
//! - Service workers of every origin are found through browser-wide target discovery (and `setAutoAttach` on
//!   the page session) and attached in flat mode; each worker session gets `Runtime.enable` for its console.
//! - Offline is `Network.emulateNetworkConditions` on the **worker** session: it holds pending syncs, and
//!   going back online releases them. A registration left offline by a vanished session is recovered by
//!   starting its worker (`ServiceWorker.startWorker`) and sending `offline: false` on the new session.
//! - Tags come from `getTags()` evaluated in the worker.

mod page;
mod pump;
mod recorder;
mod session;
mod state;
mod target;
mod types;
mod workers;

pub use page::PageHandle;
pub use session::ChromiumSession;
pub use target::ChromiumTarget;
pub use types::*;
