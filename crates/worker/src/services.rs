//! What a JavaScript context asks of its host ([`HostServices`], which [`WorkerHost`](crate::WorkerHost)
//! implements): events for a registration's worker, registering a worker (a page's
//! `navigator.serviceWorker.register`), and where it may connect. Contexts get this handle, not the host.

use futures::future::BoxFuture;
use serde_json::Value as Json;
use syncscope_engine::{Origin, ServiceWorkerRegistration, SwRegistrationId};

use crate::dispatch::DispatchResult;
use crate::error::WorkerError;
use crate::net_policy::ConnectPolicy;
use crate::source::ScriptSource;

/// How to register a worker.
#[derive(Clone, Debug)]
pub struct WorkerSpec {
    /// The scope URL, e.g. `http://localhost/`.
    pub scope: String,
    /// The script URL, e.g. `http://localhost/sw.js`.
    pub script_url: String,
    /// Where the scripts come from.
    pub source: ScriptSource,
    /// How many window clients (pages) the registration has: one-shot syncs need at least one.
    pub window_clients: u32,
    /// A module worker (`type: 'module'`): its script is an ES module and may `import`.
    pub module: bool,
}

/// The host, as the contexts it runs see it.
pub(crate) trait HostServices: Send + Sync {
    /// Runs an event by name in a registration's worker (starting it if needed), with the handler's whole
    /// result (a `fetch` event's response, say).
    fn dispatch(
        &self,
        id: SwRegistrationId,
        event: &str,
        init: Json,
    ) -> BoxFuture<'static, DispatchResult>;
    /// Registers a worker: evaluates its script, installs and activates it.
    fn register(
        &self,
        spec: WorkerSpec,
    ) -> BoxFuture<'static, Result<ServiceWorkerRegistration, WorkerError>>;
    /// Where workers and pages may connect now.
    fn connect_policy(&self) -> ConnectPolicy;
    /// DevTools' "Bypass for network" for an origin: its pages' requests skip the worker's `fetch` event.
    fn bypass_for_network(&self, origin: &Origin) -> bool;
}
