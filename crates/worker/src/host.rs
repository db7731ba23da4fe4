//! [`WorkerHost`]: the engine's default [`Target`]. It keeps one worker thread per service-worker
//! registration, starts (and after a crash or cut-off, restarts) them, routes events to them, and tells the
//! engine when every worker is idle.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use futures::future::BoxFuture;
use serde_json::json;
use syncscope_engine::{
    Clock, DispatchRequest, EngineHandle, Origin, Outcome, ServiceWorkerRegistration,
    ServiceWorkerSpec, SwRegistrationId, SyncEvent, Target,
};
use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::clients::Clients;
use crate::console::ConsoleLine;
use crate::dispatch::DispatchResult;
use crate::error::WorkerError;
use crate::idle::IdleState;
use crate::inbox::Inbox;
use crate::init::{PageInit, Role, WorkerInit};
use crate::limits::WorkerLimits;
use crate::page_handle::Page;
use crate::services::{HostServices, WorkerSpec};
use crate::source::ScriptSource;
use crate::thread;

struct Running {
    tx: mpsc::UnboundedSender<Inbox>,
    idle: Arc<watch::Sender<IdleState>>,
}

struct Slot {
    sw: ServiceWorkerRegistration,
    source: ScriptSource,
    module: bool,
    running: Option<Running>,
    /// The worker was installed and activated in this process, so the host can start it for events. Until
    /// then (e.g. after a restart, before the developer's script is registered again) the engine holds the
    /// registration's syncs instead of spending attempts on a worker that cannot run.
    accepting: bool,
    /// Threads of replaced versions finishing the events they had started.
    retiring: Vec<Running>,
}

struct Inner {
    clock: Clock,
    runtime: tokio::runtime::Handle,
    /// Built when the first worker or page starts: a TLS client loads OpenSSL and the system's root
    /// certificates, memory an app with no worker running need not hold.
    http: OnceLock<reqwest::Client>,
    limits: WorkerLimits,
    console: broadcast::Sender<ConsoleLine>,
    engine: OnceLock<EngineHandle>,
    slots: Mutex<HashMap<SwRegistrationId, Slot>>,
    next_dispatch: AtomicU64,
    /// Open pages by client id, and which registration each is a client of.
    clients: Clients,
    next_page: AtomicU64,
    /// The engine's network state as last seen, for workers started later.
    online: Mutex<bool>,
    /// Scripts compiled to bytecode, reused when a worker starts again.
    pub(crate) code_cache: Arc<crate::code_cache::CodeCache>,
    /// DevTools' "Update on reload" and "Bypass for network", per origin.
    page_options: Mutex<HashMap<Origin, PageOptions>>,
    /// IndexedDB transaction locks across the contexts of each origin.
    idb_locks: Arc<crate::idb_locks::IdbLocks>,
    /// Where workers and pages may connect: the limits' policy until [`WorkerHost::set_connect_policy`]
    /// changes it; read by every request and by the HTTP client's resolver.
    connect: Arc<std::sync::RwLock<crate::net_policy::ConnectPolicy>>,
}

/// DevTools' Service workers toolbar switches for one origin.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct PageOptions {
    update_on_reload: bool,
    bypass_for_network: bool,
}

/// Runs service workers for the engine. Cheap to clone.
#[derive(Clone)]
pub struct WorkerHost {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for WorkerHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkerHost").finish_non_exhaustive()
    }
}

impl WorkerHost {
    /// A host whose workers' timers follow `clock`, not yet connected to an engine: [`crate::Embedded::start`]
    /// makes one with its engine.
    pub(crate) fn new(clock: Clock, limits: WorkerLimits) -> WorkerHost {
        WorkerHost {
            inner: Arc::new(Inner {
                clock,
                runtime: tokio::runtime::Handle::current(),
                http: OnceLock::new(),
                console: broadcast::channel(4096).0,
                engine: OnceLock::new(),
                slots: Mutex::new(HashMap::new()),
                next_dispatch: AtomicU64::new(1),
                clients: Clients::default(),
                next_page: AtomicU64::new(1),
                online: Mutex::new(true),
                code_cache: Arc::default(),
                page_options: Mutex::new(HashMap::new()),
                idb_locks: Arc::default(),
                connect: Arc::new(std::sync::RwLock::new(limits.connect.clone())),
                limits,
            }),
        }
    }

    /// Where workers and pages may connect now.
    pub fn connect_policy(&self) -> crate::net_policy::ConnectPolicy {
        self.inner
            .connect
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Changes where workers and pages may connect (the user's allow-list changed): their next requests
    /// follow it, running workers' too.
    pub fn set_connect_policy(&self, policy: crate::net_policy::ConnectPolicy) {
        *self
            .inner
            .connect
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = policy;
    }

    /// The HTTP client of every worker and page, built at first use: redirects are followed by the worker's
    /// fetch itself (per request's `redirect` mode, each hop checked against the connection policy), and names
    /// are resolved through the policy, so DNS cannot lead an allowed name to a link-local address.
    fn http(&self) -> reqwest::Client {
        self.inner
            .http
            .get_or_init(|| {
                reqwest::Client::builder()
                    .user_agent("Syncscope")
                    .redirect(reqwest::redirect::Policy::none())
                    .dns_resolver(Arc::new(crate::net_policy::PolicyResolver::new(
                        self.inner.connect.clone(),
                    )))
                    .build()
                    .unwrap_or_default()
            })
            .clone()
    }

    /// Connects the host to its engine (once), and keeps workers' `navigator.onLine` in step with it.
    pub(crate) fn attach(&self, engine: EngineHandle) {
        if self.inner.engine.set(engine.clone()).is_err() {
            return;
        }
        let weak = Arc::downgrade(&self.inner);
        let mut online = engine.watch_online();
        self.inner.runtime.spawn(async move {
            loop {
                let now = *online.borrow_and_update();
                let Some(inner) = weak.upgrade() else { return };
                let changed = {
                    let mut known = inner.online.lock().unwrap_or_else(|e| e.into_inner());
                    std::mem::replace(&mut *known, now) != now
                };
                if changed {
                    for slot in lock(&inner.slots).values() {
                        if let Some(r) = &slot.running {
                            let _ = r.tx.send(Inbox::SetOnline(now));
                        }
                    }
                }
                drop(inner);
                if online.changed().await.is_err() {
                    return;
                }
            }
        });
    }

    fn engine(&self) -> Result<&EngineHandle, WorkerError> {
        self.inner.engine.get().ok_or_else(|| WorkerError::Stopped {
            scope: String::new(),
            reason: "the worker host is not attached to an engine".into(),
        })
    }

    /// Console output of every worker.
    pub fn console(&self) -> broadcast::Receiver<ConsoleLine> {
        self.inner.console.subscribe()
    }

    /// Registers a service worker: evaluates its script, runs `install` then `activate`, and makes it the
    /// registration's active worker. A script that fails to evaluate, or an install handler that rejects,
    /// leaves no active worker and returns the error.
    pub async fn register(
        &self,
        spec: WorkerSpec,
    ) -> Result<ServiceWorkerRegistration, WorkerError> {
        let engine = self.engine()?.clone();
        let sw = engine
            .add_service_worker(
                ServiceWorkerSpec {
                    scope: spec.scope.clone(),
                    script_url: spec.script_url.clone(),
                },
                false,
                spec.window_clients,
            )
            .await?;
        let online = engine.settings().await?.online;
        let stopped = |reason: String| WorkerError::Stopped {
            scope: sw.scope.clone(),
            reason,
        };
        // The new version starts beside the current one, which keeps running its events (and gets new ones)
        // until the new one has installed, as in Chromium.
        let (new, ready) = self.start_thread(&sw, &spec.source, spec.module, &engine, online)?;
        let limit = self.inner.limits.lifecycle_timeout;
        let retire = |new: Running| {
            let _ = new.tx.send(Inbox::Shutdown);
        };
        match tokio::time::timeout(self.inner.limits.script_timeout + limit, ready).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => return Err(e),
            Ok(Err(_)) => return Err(stopped("the worker thread ended during start-up".into())),
            Err(_) => {
                retire(new);
                return Err(stopped(format!(
                    "its script did not finish evaluating within {:.1} s",
                    (self.inner.limits.script_timeout + limit).as_secs_f64()
                )));
            }
        }
        let install = match self.send_to(&new, "install", json!({})) {
            Ok(fut) => fut,
            Err(reason) => return Err(stopped(reason)),
        };
        match tokio::time::timeout(limit, install).await {
            Ok(r) if r.outcome.is_success() => {}
            Ok(r) => {
                retire(new);
                return Err(stopped(format!(
                    "its install event did not succeed: {}",
                    r.outcome
                )));
            }
            Err(_) => {
                retire(new);
                return Err(stopped(format!(
                    "its install event did not finish within {:.1} s (the lifecycle deadline)",
                    limit.as_secs_f64()
                )));
            }
        }
        {
            let mut slots = lock(&self.inner.slots);
            let slot = slots.entry(sw.id).or_insert_with(|| Slot {
                sw: sw.clone(),
                source: spec.source.clone(),
                module: spec.module,
                running: None,
                accepting: false,
                retiring: Vec::new(),
            });
            slot.sw = sw.clone();
            slot.source = spec.source.clone();
            slot.module = spec.module;
            slot.retiring.retain(|r| !r.tx.is_closed());
            if let Some(old) = slot.running.replace(new) {
                // Events it started finish there; it stops when none is left.
                let _ = old.tx.send(Inbox::Retire);
                slot.retiring.push(old);
            }
        }
        // As in Chromium, the worker is the registration's active worker while `activate` runs, so an activate
        // handler can already register syncs; they fire once it has finished.
        engine
            .set_service_worker_state(sw.id, true, spec.window_clients)
            .await?;
        let activate =
            tokio::time::timeout(limit, self.dispatch_event(sw.id, "activate", json!({})));
        let failure = match activate.await {
            Ok(Outcome::Succeeded) => None,
            Ok(other) => Some(format!("its activate event did not succeed: {other}")),
            Err(_) => Some(format!(
                "its activate event did not finish within {:.1} s (the lifecycle deadline)",
                limit.as_secs_f64()
            )),
        };
        if let Some(reason) = failure {
            if let Some(slot) = lock(&self.inner.slots).get_mut(&sw.id) {
                slot.accepting = false;
                if let Some(r) = slot.running.take() {
                    let _ = r.tx.send(Inbox::Shutdown);
                }
            }
            engine
                .set_service_worker_state(sw.id, false, spec.window_clients)
                .await?;
            return Err(stopped(reason));
        }
        let mut active = sw;
        active.active = true;
        if let Some(slot) = lock(&self.inner.slots).get_mut(&active.id) {
            slot.sw = active.clone();
            slot.accepting = true;
        }
        // Syncs held while the worker could not run (a restart) fire now.
        engine.target_changed().await?;
        tracing::info!(scope = %active.scope, "service worker active");
        Ok(active)
    }

    /// Stops a worker's thread (it restarts on its next event).
    pub fn stop(&self, id: SwRegistrationId) {
        if let Some(slot) = lock(&self.inner.slots).get_mut(&id)
            && let Some(r) = slot.running.take()
        {
            let _ = r.tx.send(Inbox::Shutdown);
        }
    }

    /// Stops every worker thread. Stop the engine first ([`EngineHandle::shutdown`]): events it abandons are
    /// pending again at the next start with their attempts unchanged, while events a stopped worker fails
    /// under a running engine count as failed attempts.
    pub fn shutdown(&self) {
        for slot in lock(&self.inner.slots).values_mut() {
            for r in slot
                .running
                .take()
                .into_iter()
                .chain(slot.retiring.drain(..))
            {
                let _ = r.tx.send(Inbox::Shutdown);
            }
        }
    }

    /// Runs any event by name (`install`, `message`, …) in a registration's worker, starting it if needed.
    pub async fn dispatch_event(
        &self,
        id: SwRegistrationId,
        event: &str,
        init: serde_json::Value,
    ) -> Outcome {
        self.dispatch_full(id, event, init).await.outcome
    }

    /// Like [`WorkerHost::dispatch_event`], with the handler's whole result (e.g. a `fetch` event's response).
    pub(crate) async fn dispatch_full(
        &self,
        id: SwRegistrationId,
        event: &str,
        init: serde_json::Value,
    ) -> DispatchResult {
        match self.send_dispatch(id, event, init) {
            Ok(fut) => fut.await,
            Err(reason) => Outcome::Failed { reason }.into(),
        }
    }

    /// DevTools' "Update on reload" for an origin: while on, opening a page of the origin first updates the
    /// registrations whose scope covers it (the script is loaded again and installed and activated, changed
    /// or not, as Chromium's force-update-on-page-load does).
    pub fn set_update_on_reload(&self, origin: &Origin, on: bool) {
        lock(&self.inner.page_options)
            .entry(origin.clone())
            .or_default()
            .update_on_reload = on;
    }

    /// Whether "Update on reload" is on for an origin.
    pub fn update_on_reload(&self, origin: &Origin) -> bool {
        lock(&self.inner.page_options)
            .get(origin)
            .is_some_and(|o| o.update_on_reload)
    }

    /// DevTools' "Bypass for network" for an origin: while on, its pages' fetches go to the network instead of
    /// through their controlling worker's `fetch` event.
    pub fn set_bypass_for_network(&self, origin: &Origin, on: bool) {
        lock(&self.inner.page_options)
            .entry(origin.clone())
            .or_default()
            .bypass_for_network = on;
    }

    /// Whether "Bypass for network" is on for an origin.
    pub fn bypass_for_network(&self, origin: &Origin) -> bool {
        lock(&self.inner.page_options)
            .get(origin)
            .is_some_and(|o| o.bypass_for_network)
    }

    /// "Update on reload": loads again and re-installs the active registrations of `origin` whose scope covers
    /// `url`. A registration whose update fails is left as the failed registration left it; the error is logged.
    async fn update_for_page(&self, origin: &Origin, url: &str) {
        let specs: Vec<WorkerSpec> = lock(&self.inner.slots)
            .values()
            .filter(|s| s.sw.active && s.sw.origin == *origin && url.starts_with(&s.sw.scope))
            .map(|s| WorkerSpec {
                scope: s.sw.scope.clone(),
                script_url: s.sw.script_url.clone(),
                source: s.source.clone(),
                window_clients: s.sw.window_clients.max(1),
                module: s.module,
            })
            .collect();
        for spec in specs {
            tracing::info!(scope = %spec.scope, "update on reload: loading the worker again");
            if let Err(e) = self.register(spec).await {
                tracing::warn!(error = %e, "update on reload failed");
            }
        }
    }

    /// Opens a page (window client) at `url`, whose scripts (and its workers') come from `source`.
    pub async fn open_page(&self, url: &str, source: ScriptSource) -> Result<Page, WorkerError> {
        let engine = self.engine()?.clone();
        let parsed = url::Url::parse(url).map_err(|e| WorkerError::Load {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        let origin = syncscope_engine::Origin::parse(parsed.as_str())
            .map_err(syncscope_engine::EngineError::from)?;
        if self.update_on_reload(&origin) {
            self.update_for_page(&origin, parsed.as_str()).await;
        }
        let n = self.inner.next_page.fetch_add(1, Ordering::Relaxed);
        let client_id = format!("page-{n}");
        let page = PageInit {
            services: Arc::new(self.clone()),
            clients: self.inner.clients.clone(),
            url: parsed.to_string(),
            origin: origin.clone(),
            client_id: client_id.clone(),
            source: source.clone(),
            controller: Arc::new(Mutex::new(None)),
            calls: None,
        }
        .start_calls(&self.inner.runtime, engine.clone());
        let online = engine.settings().await?.online;
        let pseudo = ServiceWorkerRegistration {
            id: SwRegistrationId(0),
            origin,
            scope: parsed.to_string(),
            script_url: parsed.to_string(),
            active: false,
            window_clients: 0,
        };
        let (tx, rx) = mpsc::unbounded_channel();
        let (ready_tx, ready_rx) = oneshot::channel();
        thread::spawn(
            WorkerInit {
                sw: pseudo,
                source,
                clock: self.inner.clock.clone(),
                runtime: self.inner.runtime.clone(),
                http: self.http(),
                engine,
                limits: self.inner.limits.clone(),
                console: self.inner.console.clone(),
                online,
                idle: Arc::new(watch::channel(IdleState::default()).0),
                role: Role::Page(page),
                module: false,
                services: Arc::new(self.clone()),
                clients: self.inner.clients.clone(),
                code_cache: self.inner.code_cache.clone(),
                idb_locks: self.inner.idb_locks.clone(),
                requeue: Box::new(|_| {}),
            },
            rx,
            tx.clone(),
            ready_tx,
        )
        .map_err(|e| WorkerError::Runtime(format!("cannot start a page thread: {e}")))?;
        ready_rx.await.map_err(|_| WorkerError::Stopped {
            scope: url.to_string(),
            reason: "the page thread ended during start-up".into(),
        })??;
        self.inner
            .clients
            .insert(&client_id, tx.clone(), parsed.as_str());
        Ok(Page {
            tx,
            clients: self.inner.clients.clone(),
            client_id,
            next_call: AtomicU64::new(1),
        })
    }

    /// Queues a dispatch and returns the future of its outcome. Synchronous, so the worker counts as busy
    /// from this moment on.
    fn send_dispatch(
        &self,
        id: SwRegistrationId,
        event: &str,
        init: serde_json::Value,
    ) -> Result<BoxFuture<'static, DispatchResult>, String> {
        let mut slots = lock(&self.inner.slots);
        let running = self.ensure_running(&mut slots, id)?;
        self.send_to(running, event, init)
    }

    /// Queues a dispatch on one worker thread.
    fn send_to(
        &self,
        running: &Running,
        event: &str,
        init: serde_json::Value,
    ) -> Result<BoxFuture<'static, DispatchResult>, String> {
        let dispatch_id = self.inner.next_dispatch.fetch_add(1, Ordering::Relaxed);
        let (reply_tx, reply_rx) = oneshot::channel();
        running.idle.send_modify(|s| {
            s.idle = false;
            s.network = None;
        });
        running
            .tx
            .send(Inbox::Dispatch {
                id: dispatch_id,
                event: event.to_string(),
                init,
                reply: reply_tx,
            })
            .map_err(|_| "the worker stopped".to_string())?;
        let guard = AbandonGuard {
            tx: running.tx.clone(),
            id: dispatch_id,
            done: false,
        };
        Ok(Box::pin(async move {
            let mut guard = guard;
            let result = reply_rx.await.unwrap_or_else(|_| {
                Outcome::Failed {
                    reason: "the worker stopped while running the event".into(),
                }
                .into()
            });
            guard.done = true;
            result
        }))
    }

    /// The running worker of a registration, started (or restarted after a crash or cut-off) if needed.
    fn ensure_running<'a>(
        &self,
        slots: &'a mut HashMap<SwRegistrationId, Slot>,
        id: SwRegistrationId,
    ) -> Result<&'a Running, String> {
        let engine = self.engine().map_err(|e| e.to_string())?.clone();
        let online = *self.inner.online.lock().unwrap_or_else(|e| e.into_inner());
        let slot = slots.get_mut(&id).ok_or_else(|| {
            format!("no worker is registered for service-worker registration {id}")
        })?;
        let alive = slot.running.as_ref().is_some_and(|r| !r.tx.is_closed());
        if !alive {
            tracing::info!(scope = %slot.sw.scope, "starting worker");
            let (running, _ready) = self
                .start_thread(&slot.sw, &slot.source, slot.module, &engine, online)
                .map_err(|e| e.to_string())?;
            slot.running = Some(running);
        }
        Ok(slot.running.as_ref().expect("set above"))
    }

    /// Delivers events a stopped worker never ran to a fresh worker of the same registration.
    fn requeue(&self, id: SwRegistrationId, messages: Vec<Inbox>) {
        let mut slots = lock(&self.inner.slots);
        match self.ensure_running(&mut slots, id) {
            Ok(running) => {
                running.idle.send_modify(|s| {
                    s.idle = false;
                    s.network = None;
                });
                for m in messages {
                    let _ = running.tx.send(m);
                }
            }
            Err(reason) => {
                for m in messages {
                    if let Inbox::Dispatch { reply, .. } = m {
                        let _ = reply.send(
                            Outcome::Failed {
                                reason: reason.clone(),
                            }
                            .into(),
                        );
                    }
                }
            }
        }
    }

    fn start_thread(
        &self,
        sw: &ServiceWorkerRegistration,
        source: &ScriptSource,
        module: bool,
        engine: &EngineHandle,
        online: bool,
    ) -> Result<(Running, oneshot::Receiver<Result<(), WorkerError>>), WorkerError> {
        let (tx, rx) = mpsc::unbounded_channel();
        let (ready_tx, ready_rx) = oneshot::channel();
        let idle = Arc::new(watch::channel(IdleState::default()).0);
        thread::spawn(
            WorkerInit {
                sw: sw.clone(),
                source: source.clone(),
                clock: self.inner.clock.clone(),
                runtime: self.inner.runtime.clone(),
                http: self.http(),
                engine: engine.clone(),
                limits: self.inner.limits.clone(),
                console: self.inner.console.clone(),
                online,
                idle: idle.clone(),
                role: Role::Worker,
                module,
                services: Arc::new(self.clone()),
                clients: self.inner.clients.clone(),
                code_cache: self.inner.code_cache.clone(),
                idb_locks: self.inner.idb_locks.clone(),
                requeue: {
                    let host = self.clone();
                    let id = sw.id;
                    Box::new(move |leftovers| host.requeue(id, leftovers))
                },
            },
            rx,
            tx.clone(),
            ready_tx,
        )
        .map_err(|e| WorkerError::Runtime(format!("cannot start a worker thread: {e}")))?;
        Ok((Running { tx, idle }, ready_rx))
    }
}

/// Tells the worker when the engine dropped an event's future before it finished (the event was cut off).
struct AbandonGuard {
    tx: mpsc::UnboundedSender<Inbox>,
    id: u64,
    done: bool,
}

impl Drop for AbandonGuard {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.tx.send(Inbox::Abandon { id: self.id });
        }
    }
}

impl HostServices for WorkerHost {
    fn dispatch(
        &self,
        id: SwRegistrationId,
        event: &str,
        init: serde_json::Value,
    ) -> BoxFuture<'static, DispatchResult> {
        let host = self.clone();
        let event = event.to_string();
        Box::pin(async move { host.dispatch_full(id, &event, init).await })
    }

    fn register(
        &self,
        spec: WorkerSpec,
    ) -> BoxFuture<'static, Result<ServiceWorkerRegistration, WorkerError>> {
        let host = self.clone();
        Box::pin(async move { host.register(spec).await })
    }

    fn connect_policy(&self) -> crate::net_policy::ConnectPolicy {
        WorkerHost::connect_policy(self)
    }

    fn bypass_for_network(&self, origin: &Origin) -> bool {
        WorkerHost::bypass_for_network(self, origin)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Target for WorkerHost {
    fn name(&self) -> String {
        "embedded".into()
    }

    fn dispatch(&self, request: DispatchRequest) -> BoxFuture<'static, Outcome> {
        let (event, init) = match &request.event {
            SyncEvent::Sync { tag, last_chance } => {
                ("sync", json!({ "tag": tag, "lastChance": last_chance }))
            }
            SyncEvent::PeriodicSync { tag } => ("periodicsync", json!({ "tag": tag })),
        };
        match self.send_dispatch(request.registration.id, event, init) {
            Ok(fut) => Box::pin(async move { fut.await.outcome }),
            Err(reason) => Box::pin(futures::future::ready(Outcome::Failed { reason })),
        }
    }

    fn can_dispatch(&self, registration: &ServiceWorkerRegistration) -> bool {
        lock(&self.inner.slots)
            .get(&registration.id)
            .is_some_and(|s| s.accepting)
    }

    fn idle(&self) -> BoxFuture<'static, ()> {
        let watchers: Vec<watch::Receiver<IdleState>> = lock(&self.inner.slots)
            .values()
            .flat_map(|s| s.running.iter().chain(s.retiring.iter()))
            .map(|r| r.idle.subscribe())
            .collect();
        let clock = self.inner.clock.clone();
        let stall = self.inner.limits.network_stall;
        Box::pin(async move {
            for mut w in watchers {
                // Idle with no timer due now, or waiting only on requests unanswered for `stall`; a closed
                // channel means the thread is gone, which counts as idle.
                loop {
                    let (quiet, wait) = {
                        let s = w.borrow_and_update();
                        let now = clock.now();
                        let wait = s
                            .network
                            .as_ref()
                            .map(|n| stall.saturating_sub(n.newest.elapsed()));
                        (s.quiet_at(now) || s.stalled_at(now, stall), wait)
                    };
                    if quiet {
                        break;
                    }
                    let changed = match wait {
                        Some(d) => tokio::time::timeout(d, w.changed()).await.unwrap_or(Ok(())),
                        None => w.changed().await,
                    };
                    if changed.is_err() {
                        break;
                    }
                }
            }
        })
    }

    fn busy(&self) -> Vec<String> {
        let now = self.inner.clock.now();
        let stall = self.inner.limits.network_stall;
        let slots = lock(&self.inner.slots);
        let mut out = Vec::new();
        for slot in slots.values() {
            for r in slot.running.iter().chain(slot.retiring.iter()) {
                if r.tx.is_closed() {
                    continue;
                }
                let s = r.idle.borrow();
                if s.quiet_at(now) {
                    continue;
                }
                let what = match &s.network {
                    Some(n) => format!(
                        "waiting on {} for {:.1} s{}{}",
                        n.oldest_request,
                        n.oldest.elapsed().as_secs_f64(),
                        if n.count > 1 {
                            format!(" (and {} more requests)", n.count - 1)
                        } else {
                            String::new()
                        },
                        if s.stalled_at(now, stall) {
                            "; no longer holding the virtual clock"
                        } else {
                            ""
                        }
                    ),
                    None => "running JavaScript or waiting on the engine or IndexedDB".into(),
                };
                out.push(format!("worker {}: {what}", slot.sw.scope));
            }
        }
        out
    }
}
