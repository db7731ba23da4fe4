//! Everything a JavaScript context's thread is started with: its registration, role, limits, and the handles
//! to what it shares with the host (services, clients, code cache, IndexedDB locks).

use std::sync::{Arc, Mutex};

use serde_json::Value as Json;

use syncscope_engine::{Clock, EngineHandle, Origin, ServiceWorkerRegistration, SwRegistrationId};
use tokio::sync::{broadcast, mpsc, watch};

use crate::clients::Clients;
use crate::code_cache::CodeCache;
use crate::console::ConsoleLine;
use crate::idb_locks::IdbLocks;
use crate::idle::IdleState;
use crate::inbox::Inbox;
use crate::limits::WorkerLimits;
use crate::services::HostServices;
use crate::source::ScriptSource;

/// The role of a JavaScript context.
pub(crate) enum Role {
    /// A service worker: its script is loaded and evaluated at start.
    Worker,
    /// A window client (page) of the origin, with the page overlay; scripts arrive with [`Inbox::Eval`].
    Page(PageInit),
}

/// Everything a worker thread needs.
pub(crate) struct WorkerInit {
    pub sw: ServiceWorkerRegistration,
    pub source: ScriptSource,
    pub clock: Clock,
    pub runtime: tokio::runtime::Handle,
    pub http: reqwest::Client,
    pub engine: EngineHandle,
    pub limits: WorkerLimits,
    pub console: broadcast::Sender<ConsoleLine>,
    pub online: bool,
    pub idle: Arc<watch::Sender<IdleState>>,
    pub role: Role,
    /// What the context asks of the host: events for workers, registrations, the connection policy.
    pub services: Arc<dyn HostServices>,
    /// The origin's open pages (window clients).
    pub clients: Clients,
    /// Scripts compiled to bytecode, shared by the host's workers.
    pub code_cache: Arc<CodeCache>,
    /// IndexedDB transaction locks shared by the origin's contexts.
    pub idb_locks: Arc<IdbLocks>,
    /// Where the events the thread received but never ran go when it stops (a fresh worker runs them).
    pub requeue: Box<dyn FnOnce(Vec<Inbox>) + Send>,
    /// A module worker (`type: 'module'`): the script is an ES module and may `import`.
    pub module: bool,
}

/// What a page context knows besides its prelude.
#[derive(Clone)]
pub(crate) struct PageInit {
    /// What the page asks of the host (registering workers, messages to them).
    pub services: Arc<dyn HostServices>,
    /// The origin's open pages, this one among them.
    pub clients: Clients,
    pub url: String,
    pub origin: Origin,
    pub client_id: String,
    pub source: ScriptSource,
    /// The registration controlling the page, once it registered one.
    pub controller: Arc<Mutex<Option<SwRegistrationId>>>,
    /// The page's calls, run one after another in the order the page made them (as Chromium's ordered IPC
    /// does): `None` in the copy the consumer task itself holds.
    pub calls: Option<mpsc::UnboundedSender<PageCall>>,
}

/// One page operation waiting its turn.
pub(crate) struct PageCall {
    pub id: u32,
    pub op: String,
    pub args: Json,
    pub tx: mpsc::UnboundedSender<Inbox>,
}
