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

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use futures::future::BoxFuture;
use futures::stream::Stream;
use serde::Serialize;
use serde_json::Value;
use syncscope_engine::{
    BackgroundServiceEvent, DispatchRequest, EngineHandle, Origin, Outcome, Service, SyncEvent,
    Target,
};
use tokio::sync::{broadcast, mpsc, watch};

use crate::client::{CdpClient, CdpEvent, CdpSession, DEFAULT_COMMAND_TIMEOUT, Endpoint};
use crate::error::{CdpError, Result};
use crate::protocol::background_service::{
    BackgroundServiceEventReceived, ClearEvents, SetRecording, StartObserving, StopObserving,
};
use crate::protocol::browser::{PermissionDescriptor, SetPermission};
use crate::protocol::network::EmulateNetworkConditions;
use crate::protocol::runtime::{
    ConsoleApiCalled, Evaluate, ExceptionThrown, RunIfWaitingForDebugger,
};
use crate::protocol::service_worker::{
    DispatchPeriodicSyncEvent, DispatchSyncEvent, ServiceWorkerRegistration, ServiceWorkerVersion,
    StartWorker, WorkerErrorReported, WorkerRegistrationUpdated, WorkerVersionUpdated,
};
use crate::protocol::target::{
    AttachToTarget, AttachedToTarget, CloseTarget, CreateTarget, DetachFromTarget,
    DetachedFromTarget, GetTargets, SetAutoAttach, SetDiscoverTargets, TargetCreated,
    TargetDestroyed, TargetInfo, TargetInfoChanged,
};
use crate::protocol::{InspectorDetached, runtime, service_worker};

/// The services Syncscope records from Chromium.
pub const RECORDED_SERVICES: [Service; 3] = [
    Service::BackgroundSync,
    Service::PeriodicBackgroundSync,
    Service::BackgroundFetch,
];

/// The `source` recorded events carry by default.
pub const DEFAULT_SOURCE: &str = "chromium";

/// How a [`ChromiumSession`] behaves.
#[derive(Clone, Debug)]
pub struct SessionOptions {
    /// The `source` of the events it records into the engine (default `chromium`).
    pub source: String,
    /// Deadline of each command.
    pub command_timeout: Duration,
    /// How long to wait for a worker to start or a registration to appear.
    pub wait_timeout: Duration,
    /// How long an event of a registration not yet known waits for it (to learn its scope) before it is
    /// recorded without a scope.
    pub scope_wait: Duration,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            source: DEFAULT_SOURCE.into(),
            command_timeout: DEFAULT_COMMAND_TIMEOUT,
            wait_timeout: Duration::from_secs(20),
            scope_wait: Duration::from_secs(2),
        }
    }
}

/// A service-worker registration as Chromium reports it, with its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// Chromium's registration id (what `dispatchSyncEvent` takes and events carry).
    pub registration_id: String,
    /// The scope URL.
    pub scope_url: String,
    /// The origin of the scope, e.g. `http://127.0.0.1:8080`.
    pub origin: String,
    /// Whether it was unregistered.
    pub is_deleted: bool,
    /// Its versions (installing, waiting, active…), oldest first.
    pub versions: Vec<ServiceWorkerVersion>,
}

impl Registration {
    /// The active version: `activated` (or `activating`), else the newest that is not redundant.
    pub fn active_version(&self) -> Option<&ServiceWorkerVersion> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.status == "activated" || v.status == "activating")
            .or_else(|| self.versions.iter().rev().find(|v| v.status != "redundant"))
    }

    /// Whether it has an activated worker.
    pub fn is_activated(&self) -> bool {
        self.versions.iter().any(|v| v.status == "activated")
    }

    /// Whether a version of it is running.
    pub fn is_running(&self) -> bool {
        self.versions.iter().any(|v| v.running_status == "running")
    }
}

/// A service-worker target Syncscope is attached to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkerTarget {
    /// The target id.
    pub target_id: String,
    /// The flat session id.
    pub session_id: String,
    /// The script URL.
    pub url: String,
}

/// A console message (or uncaught exception) from a service worker.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConsoleMessage {
    /// `log`, `info`, `warning`, `error`, `debug`, … or `exception` for an uncaught one.
    pub level: String,
    /// The arguments, space-separated, as the console shows them.
    pub text: String,
    /// When (ms since the epoch).
    pub timestamp: f64,
    /// The worker's script URL.
    pub url: String,
    /// The worker's registration, when known.
    pub registration_id: Option<String>,
}

/// The tags of one registration, from its worker's `getTags()`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegistrationTags {
    /// The registration.
    pub registration_id: String,
    /// Its scope.
    pub scope_url: String,
    /// `registration.sync.getTags()`.
    pub sync: Vec<String>,
    /// `registration.periodicSync.getTags()`.
    pub periodic: Vec<String>,
}

/// What [`ChromiumSession::set_offline`] did, per registration (by scope).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OfflineReport {
    /// Scopes whose worker session got the new network state.
    pub applied: Vec<String>,
    /// Scopes whose worker was not running and was started first (the stuck-offline recovery).
    pub started: Vec<String>,
    /// Scopes that could not be switched, with the reason.
    pub failed: Vec<(String, String)>,
}

/// Recording progress: events received from the browser and events handed to the engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordingProgress {
    /// Background-service events received.
    pub received: u64,
    /// Of those, how many the recorder has handed to the engine (stored or found duplicate) or dropped.
    pub processed: u64,
    /// Of those, how many were new to the engine's store.
    pub stored: u64,
}

#[derive(Default)]
struct State {
    registrations: BTreeMap<String, ServiceWorkerRegistration>,
    versions: BTreeMap<String, ServiceWorkerVersion>,
    workers: HashMap<String, WorkerTarget>,
    attaching: HashSet<String>,
    /// Worker sessions that got `Network.enable` (needed for the worker's own fetches to fail offline).
    network_enabled: HashSet<String>,
    offline: bool,
    /// DevTools' "Bypass for network", applied to the pages this session opened.
    bypass_for_network: bool,
    /// Pages opened through [`ChromiumSession::open_page`] (flat session ids).
    pages: Vec<String>,
    observing: BTreeSet<Service>,
    recording: BTreeSet<Service>,
}

impl State {
    fn registration(&self, id: &str) -> Option<Registration> {
        let r = self.registrations.get(id)?;
        let mut versions: Vec<ServiceWorkerVersion> = self
            .versions
            .values()
            .filter(|v| v.registration_id == id)
            .cloned()
            .collect();
        versions.sort_by_key(|v| v.version_id.parse::<u64>().unwrap_or(u64::MAX));
        Some(Registration {
            registration_id: r.registration_id.clone(),
            scope_url: r.scope_url.clone(),
            origin: Origin::parse(&r.scope_url)
                .map(|o| o.as_str().to_string())
                .unwrap_or_default(),
            is_deleted: r.is_deleted,
            versions,
        })
    }

    /// The session of a registration's running worker.
    fn worker_for(&self, registration_id: &str) -> Option<WorkerTarget> {
        let mut versions: Vec<&ServiceWorkerVersion> = self
            .versions
            .values()
            .filter(|v| v.registration_id == registration_id && v.status != "redundant")
            .collect();
        // Prefer the active version, then the newest.
        versions.sort_by_key(|v| {
            (
                v.status != "activated",
                std::cmp::Reverse(v.version_id.parse::<u64>().unwrap_or(0)),
            )
        });
        for v in &versions {
            if let Some(w) = v.target_id.as_ref().and_then(|t| self.workers.get(t)) {
                return Some(w.clone());
            }
        }
        // Versions not yet carrying a target id: match the script URL.
        versions
            .iter()
            .find_map(|v| self.workers.values().find(|w| w.url == v.script_url))
            .cloned()
    }

    /// Whether the registration's active (or newest) version is running.
    fn is_running(&self, registration_id: &str) -> bool {
        self.registration(registration_id)
            .and_then(|r| r.active_version().map(|v| v.running_status == "running"))
            .unwrap_or(false)
    }

    fn registration_of_target(&self, target_id: &str) -> Option<String> {
        self.versions
            .values()
            .find(|v| v.target_id.as_deref() == Some(target_id))
            .map(|v| v.registration_id.clone())
    }
}

struct Shared {
    client: CdpClient,
    page: CdpSession,
    page_target_id: String,
    endpoint: Endpoint,
    options: SessionOptions,
    state: Mutex<State>,
    changed: watch::Sender<u64>,
    console: broadcast::Sender<ConsoleMessage>,
    observed: broadcast::Sender<BackgroundServiceEvent>,
    engine: watch::Sender<Option<EngineHandle>>,
    progress: watch::Sender<RecordingProgress>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn browser(&self) -> CdpSession {
        self.client.browser()
    }
}

struct Tasks {
    pump: tokio::task::JoinHandle<()>,
    // Held so the recorder runs until the session is dropped; then it drains what is queued and stops.
    _record_tx: mpsc::UnboundedSender<BackgroundServiceEvent>,
}

impl Drop for Tasks {
    fn drop(&mut self) {
        self.pump.abort();
    }
}

/// A session with one Chromium (or Chrome, or Edge): a page session for the `ServiceWorker` and
/// `BackgroundService` domains, and a session per service worker. Cheap to clone.
#[derive(Clone)]
pub struct ChromiumSession {
    shared: Arc<Shared>,
    _tasks: Arc<Tasks>,
}

impl std::fmt::Debug for ChromiumSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChromiumSession")
            .field("endpoint", &self.shared.endpoint)
            .field("page_target", &self.shared.page_target_id)
            .finish_non_exhaustive()
    }
}

impl ChromiumSession {
    /// Connects to a running browser and sets up the session.
    pub async fn connect(endpoint: &Endpoint, options: SessionOptions) -> Result<ChromiumSession> {
        let client = CdpClient::connect(endpoint)
            .await?
            .with_timeout(options.command_timeout);
        ChromiumSession::with_client(client, endpoint.clone(), options).await
    }

    /// Sets up the session on an open connection: attaches (flat) to a page target, creating `about:blank`
    /// if there is none; discovers and attaches service workers; enables the `ServiceWorker` domain.
    /// Recording starts with [`ChromiumSession::start_recording`].
    pub async fn with_client(
        client: CdpClient,
        endpoint: Endpoint,
        options: SessionOptions,
    ) -> Result<ChromiumSession> {
        // Subscribe before the first command so no event is missed.
        let events = client.subscribe();
        let browser = client.browser();
        let targets = browser.send(GetTargets {}).await?.target_infos;
        let page_target_id = match targets.iter().find(|t| t.kind == "page") {
            Some(t) => t.target_id.clone(),
            None => {
                browser
                    .send(CreateTarget {
                        url: "about:blank".into(),
                    })
                    .await?
                    .target_id
            }
        };
        let page_session = browser
            .send(AttachToTarget {
                target_id: page_target_id.clone(),
                flatten: true,
            })
            .await?
            .session_id;
        let page = client.session(page_session);
        let (engine, _) = watch::channel(None);
        let (progress, _) = watch::channel(RecordingProgress::default());
        let shared = Arc::new(Shared {
            client,
            page,
            page_target_id,
            endpoint,
            options,
            state: Mutex::new(State::default()),
            changed: watch::channel(0).0,
            console: broadcast::channel(4096).0,
            observed: broadcast::channel(4096).0,
            engine,
            progress,
        });
        let (record_tx, record_rx) = mpsc::unbounded_channel();
        let pump = tokio::spawn(pump(shared.clone(), events, record_tx.clone()));
        tokio::spawn(recorder(shared.clone(), record_rx));
        let session = ChromiumSession {
            shared,
            _tasks: Arc::new(Tasks {
                pump,
                _record_tx: record_tx,
            }),
        };
        // Workers of every origin (the page's auto-attach only reaches workers in its own scope).
        browser.send(SetDiscoverTargets { discover: true }).await?;
        let page = &session.shared.page;
        page.send(SetAutoAttach {
            auto_attach: true,
            wait_for_debugger_on_start: false,
            flatten: true,
        })
        .await?;
        page.send(service_worker::Enable {}).await?;
        tracing::info!(endpoint = %session.shared.endpoint, page = %session.shared.page_target_id, "Chromium session ready");
        Ok(session)
    }

    /// A new session on a (possibly different) endpoint that carries over this one's options, engine and
    /// recorded services. Use it after the browser went away; events already recorded stay in the store.
    pub async fn reconnect(&self, endpoint: Option<Endpoint>) -> Result<ChromiumSession> {
        let endpoint = endpoint.unwrap_or_else(|| self.shared.endpoint.clone());
        let next = ChromiumSession::connect(&endpoint, self.shared.options.clone()).await?;
        if let Some(engine) = self.shared.engine.borrow().clone() {
            next.record_into(engine);
        }
        let (observing, recording) = {
            let s = self.shared.lock();
            (s.observing.clone(), s.recording.clone())
        };
        for service in observing {
            next.observe(service).await?;
        }
        for service in recording {
            next.set_recording(service, true).await?;
        }
        Ok(next)
    }

    // ---- plumbing ----

    /// The connection.
    pub fn client(&self) -> &CdpClient {
        &self.shared.client
    }

    /// The page session the `ServiceWorker` and `BackgroundService` domains run on.
    pub fn page_session(&self) -> &CdpSession {
        &self.shared.page
    }

    /// The endpoint it connected to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.shared.endpoint
    }

    /// The options.
    pub fn options(&self) -> &SessionOptions {
        &self.shared.options
    }

    /// Whether the browser is still connected.
    pub fn is_connected(&self) -> bool {
        self.shared.client.is_connected()
    }

    /// Resolves with the reason once the browser has disconnected.
    pub async fn disconnected(&self) -> String {
        self.shared.client.closed().await
    }

    /// Closes the connection (the browser keeps running).
    pub fn close(&self) {
        self.shared.client.close();
    }

    /// A counter that moves whenever Chromium reports a change of its registrations, versions or worker
    /// targets (and when the session ends): watch it to refresh a list of [`ChromiumSession::registrations`].
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.shared.changed.subscribe()
    }

    /// The browser's product and version, e.g. `HeadlessChrome/156.0.8078.79`.
    pub async fn browser_version(&self) -> Result<String> {
        Ok(self
            .shared
            .browser()
            .send(crate::protocol::browser::GetVersion {})
            .await?
            .product)
    }

    // ---- DevTools' "Update on reload" and "Bypass for network" ----

    /// DevTools' "Update on reload": every page load updates its service worker (re-fetched and installed
    /// even when unchanged). `ServiceWorker.setForceUpdateOnPageLoad` on the page session; it holds for the
    /// whole browser while this session lasts.
    pub async fn set_update_on_reload(&self, on: bool) -> Result<()> {
        self.shared
            .page
            .send(crate::protocol::service_worker::SetForceUpdateOnPageLoad {
                force_update_on_page_load: on,
            })
            .await?;
        Ok(())
    }

    /// DevTools' "Bypass for network": `Network.setBypassServiceWorker` on the session's own page and on every
    /// page opened through [`ChromiumSession::open_page`] (pages opened later get it too). CDP sets it per page
    /// session, so pages the user opened in the browser itself are not affected.
    pub async fn set_bypass_for_network(&self, bypass: bool) -> Result<()> {
        let pages = {
            let mut s = self.shared.lock();
            s.bypass_for_network = bypass;
            s.pages.clone()
        };
        set_bypass(&self.shared.page, bypass).await?;
        for id in pages {
            let session = self.shared.client.session(id.clone());
            if let Err(e) = set_bypass(&session, bypass).await {
                // A page closed meanwhile: forget it.
                tracing::debug!(session = %id, error = %e, "could not set Bypass for network on a page");
                self.shared.lock().pages.retain(|p| *p != id);
            }
        }
        Ok(())
    }

    // ---- service workers ----

    /// Every registration Chromium reported, with its versions.
    pub fn registrations(&self) -> Vec<Registration> {
        let s = self.shared.lock();
        s.registrations
            .keys()
            .filter_map(|id| s.registration(id))
            .collect()
    }

    /// One registration by Chromium id.
    pub fn registration(&self, registration_id: &str) -> Option<Registration> {
        self.shared.lock().registration(registration_id)
    }

    /// The live registration whose scope is exactly `scope_url`.
    pub fn registration_for_scope(&self, scope_url: &str) -> Option<Registration> {
        self.registrations()
            .into_iter()
            .find(|r| !r.is_deleted && r.scope_url == scope_url)
    }

    /// The service-worker sessions open now.
    pub fn workers(&self) -> Vec<WorkerTarget> {
        self.shared.lock().workers.values().cloned().collect()
    }

    /// Waits until the registration for `scope_url` has an activated worker, and returns it.
    pub async fn wait_for_activated(&self, scope_url: &str) -> Result<Registration> {
        let scope = scope_url.to_string();
        self.wait_for(
            &format!("an activated service worker for {scope_url}"),
            self.shared.options.wait_timeout,
            move |s| {
                s.registrations
                    .values()
                    .filter(|r| !r.is_deleted && r.scope_url == scope)
                    .find_map(|r| s.registration(&r.registration_id))
                    .filter(Registration::is_activated)
            },
        )
        .await
    }

    /// Waits until the registration's worker runs and a session to it is open, starting the worker
    /// (`ServiceWorker.startWorker`) if it is stopped. Returns the session and whether it had to be started.
    ///
    /// A worker session outlives a stop of its worker (Chromium sends `Inspector.targetCrashed`, then
    /// `Inspector.targetReloadedAfterCrash` when it starts again), but commands sent while it is stopped wait
    /// for the restart, so everything that talks to a worker goes through here first.
    pub async fn ensure_worker(&self, registration_id: &str) -> Result<WorkerTarget> {
        Ok(self.ensure_running_worker(registration_id).await?.0)
    }

    async fn ensure_running_worker(&self, registration_id: &str) -> Result<(WorkerTarget, bool)> {
        {
            let s = self.shared.lock();
            if s.is_running(registration_id)
                && let Some(w) = s.worker_for(registration_id)
            {
                return Ok((w, false));
            }
        }
        let reg = self.known_registration(registration_id)?;
        tracing::debug!(scope = %reg.scope_url, "starting the service worker");
        self.shared
            .page
            .send(StartWorker {
                scope_url: reg.scope_url.clone(),
            })
            .await?;
        let id = registration_id.to_string();
        let worker = self
            .wait_for(
                &format!("the worker of {} to run with a session", reg.scope_url),
                self.shared.options.wait_timeout,
                move |s| s.is_running(&id).then(|| s.worker_for(&id)).flatten(),
            )
            .await?;
        Ok((worker, true))
    }

    fn known_registration(&self, registration_id: &str) -> Result<Registration> {
        self.registration(registration_id)
            .filter(|r| !r.is_deleted)
            .ok_or_else(|| {
                CdpError::InvalidInput(format!(
                    "Chromium has no service-worker registration {registration_id:?}"
                ))
            })
    }

    async fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&State) -> Option<T>,
    ) -> Result<T> {
        let mut rx = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(v) = check(&self.shared.lock()) {
                return Ok(v);
            }
            if let Some(reason) = self.shared.client.disconnect_reason() {
                return Err(CdpError::Disconnected { reason });
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Err(_) => {
                    return Err(CdpError::WaitTimeout {
                        what: what.to_string(),
                        timeout,
                    });
                }
                Ok(Err(_)) => {
                    return Err(CdpError::Disconnected {
                        reason: "the session ended".into(),
                    });
                }
                Ok(Ok(())) => {}
            }
        }
    }

    /// Evaluates an expression in a registration's worker (started if needed); a promise is awaited and the
    /// value returned as JSON.
    pub async fn evaluate_in_worker(
        &self,
        registration_id: &str,
        expression: &str,
    ) -> Result<Value> {
        let worker = self.ensure_worker(registration_id).await?;
        evaluate(
            &self.shared.client.session(worker.session_id),
            expression,
            self.shared.options.command_timeout,
        )
        .await
    }

    // ---- recording ----

    /// Forwards every background-service event from now on (and those received before, which wait) into the
    /// engine through [`EngineHandle::record_external`], named by the session's source. Events the engine
    /// already holds (a replay) are skipped by the engine.
    pub fn record_into(&self, engine: EngineHandle) {
        self.shared.engine.send_replace(Some(engine));
    }

    /// Observes a service: Chromium replays the events it stored, then streams new ones.
    pub async fn observe(&self, service: Service) -> Result<()> {
        self.shared.page.send(StartObserving { service }).await?;
        self.shared.lock().observing.insert(service);
        Ok(())
    }

    /// Stops observing a service.
    pub async fn stop_observing(&self, service: Service) -> Result<()> {
        self.shared.page.send(StopObserving { service }).await?;
        self.shared.lock().observing.remove(&service);
        Ok(())
    }

    /// Switches Chromium's browser-wide recording of a service on or off (it records for three days).
    pub async fn set_recording(&self, service: Service, on: bool) -> Result<()> {
        self.shared
            .page
            .send(SetRecording {
                should_record: on,
                service,
            })
            .await?;
        let mut s = self.shared.lock();
        if on {
            s.recording.insert(service);
        } else {
            s.recording.remove(&service);
        }
        Ok(())
    }

    /// Observes and records each service (as DevTools' Record button does).
    pub async fn start_recording(&self, services: &[Service]) -> Result<()> {
        for &service in services {
            self.observe(service).await?;
            self.set_recording(service, true).await?;
        }
        Ok(())
    }

    /// Stops recording each service (observing goes on, so events recorded elsewhere still arrive).
    pub async fn stop_recording(&self, services: &[Service]) -> Result<()> {
        for &service in services {
            self.set_recording(service, false).await?;
        }
        Ok(())
    }

    /// Empties Chromium's own event store for a service (Syncscope's store is untouched).
    pub async fn clear_browser_events(&self, service: Service) -> Result<()> {
        self.shared.page.send(ClearEvents { service }).await?;
        Ok(())
    }

    /// Every background-service event received from now on, as Chromium sent it.
    pub fn subscribe_events(&self) -> broadcast::Receiver<BackgroundServiceEvent> {
        self.shared.observed.subscribe()
    }

    /// How far recording has got.
    pub fn recording_progress(&self) -> RecordingProgress {
        *self.shared.progress.borrow()
    }

    /// Waits until every event received so far has been handed to the engine.
    pub async fn flush_recording(&self, timeout: Duration) -> Result<RecordingProgress> {
        let target = self.shared.progress.borrow().received;
        let mut rx = self.shared.progress.subscribe();
        let wait = rx.wait_for(|p| p.processed >= target);
        match tokio::time::timeout(timeout, wait).await {
            Ok(Ok(p)) => Ok(*p),
            Ok(Err(_)) => Err(CdpError::Disconnected {
                reason: "the session ended".into(),
            }),
            Err(_) => Err(CdpError::WaitTimeout {
                what: format!(
                    "recording {target} events into the engine{}",
                    if self.shared.engine.borrow().is_none() {
                        " (no engine was given: call record_into)"
                    } else {
                        ""
                    }
                ),
                timeout,
            }),
        }
    }

    // ---- console ----

    /// The service workers' console messages and uncaught exceptions from now on.
    pub fn console(&self) -> broadcast::Receiver<ConsoleMessage> {
        self.shared.console.subscribe()
    }

    /// [`ChromiumSession::console`] as a stream (messages lost to lag are skipped).
    pub fn console_stream(&self) -> impl Stream<Item = ConsoleMessage> + Send + 'static {
        futures::stream::unfold(self.console(), |mut rx| async move {
            loop {
                match rx.recv().await {
                    Ok(m) => return Some((m, rx)),
                    Err(broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(skipped = n, "console stream lagged");
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        })
    }

    // ---- firing events ----

    /// Runs the worker's `sync` handler with `event.lastChance` as given (DevTools' Sync button, which always
    /// sends `true`). Chromium logs only "Dispatched sync event"; the registration, if any, is untouched.
    /// Resolves once Chromium accepted the command: CDP does not report how the handler ended.
    pub async fn dispatch_sync(
        &self,
        origin: &str,
        registration_id: &str,
        tag: &str,
        last_chance: bool,
    ) -> Result<()> {
        self.shared
            .page
            .send(DispatchSyncEvent {
                origin: origin.to_string(),
                registration_id: registration_id.to_string(),
                tag: tag.to_string(),
                last_chance,
            })
            .await?;
        Ok(())
    }

    /// Runs the worker's `periodicsync` handler. Resolves once Chromium accepted the command.
    pub async fn dispatch_periodic_sync(
        &self,
        origin: &str,
        registration_id: &str,
        tag: &str,
    ) -> Result<()> {
        self.shared
            .page
            .send(DispatchPeriodicSyncEvent {
                origin: origin.to_string(),
                registration_id: registration_id.to_string(),
                tag: tag.to_string(),
            })
            .await?;
        Ok(())
    }

    // ---- network ----

    /// Takes every registration's worker offline or back online through `Network.emulateNetworkConditions`
    /// on its worker session, the only variant that holds pending syncs (and releases them when online).
    /// A registration whose worker is stopped has it started first, then the state goes to the same session:
    /// that is the stuck-offline recovery of cdp-notes.md. Workers attached later get the same state.
    pub async fn set_offline(&self, offline: bool) -> Result<OfflineReport> {
        let regs: Vec<Registration> = {
            let mut s = self.shared.lock();
            s.offline = offline;
            s.registrations
                .keys()
                .filter_map(|id| s.registration(id))
                .filter(|r| !r.is_deleted && r.active_version().is_some())
                .collect()
        };
        let mut report = OfflineReport::default();
        for reg in regs {
            match self
                .set_registration_offline(&reg.registration_id, offline)
                .await
            {
                Ok(started) => {
                    if started {
                        report.started.push(reg.scope_url.clone());
                    }
                    report.applied.push(reg.scope_url);
                }
                Err(e) if e.is_disconnected() => return Err(e),
                Err(e) => report.failed.push((reg.scope_url, e.to_string())),
            }
        }
        tracing::info!(offline, ?report, "network state set");
        Ok(report)
    }

    /// Sets one registration's worker offline or online; returns whether its worker had to be started.
    ///
    /// The worker is started first when it is stopped, and the state goes to the session that holds the worker
    /// (the one that took it offline, if any): Chromium counts "offline" per registration and only the session
    /// that set it can take it back, and only while the worker runs. Sending `offline: false` to a stopped
    /// worker, or detaching from it while it is stopped and offline, leaves the registration offline until
    /// the browser restarts. `Network.enable` is sent once per worker session: without it the worker's own
    /// fetches still succeed while offline (pending syncs are held either way).
    pub async fn set_registration_offline(
        &self,
        registration_id: &str,
        offline: bool,
    ) -> Result<bool> {
        let (worker, started) = self.ensure_running_worker(registration_id).await?;
        let session = self.shared.client.session(worker.session_id.clone());
        let needs_network = !self
            .shared
            .lock()
            .network_enabled
            .contains(&worker.session_id);
        if needs_network {
            session.send(crate::protocol::network::Enable {}).await?;
            self.shared
                .lock()
                .network_enabled
                .insert(worker.session_id.clone());
        }
        session
            .send(EmulateNetworkConditions::offline(offline))
            .await?;
        Ok(started)
    }

    /// Brings every worker this session took offline back online, then closes the connection. Closing while
    /// a stopped worker is offline would leave its registration offline until the browser restarts.
    pub async fn shutdown(&self) -> Result<()> {
        if self.is_offline() {
            self.set_offline(false).await?;
        }
        self.close();
        Ok(())
    }

    /// Whether the session last set workers offline.
    pub fn is_offline(&self) -> bool {
        self.shared.lock().offline
    }

    // ---- tags and permissions ----

    /// The sync and periodic-sync tags of one registration, from `getTags()` in its worker.
    pub async fn tags_of(&self, registration_id: &str) -> Result<RegistrationTags> {
        let reg = self.known_registration(registration_id)?;
        let get = |expr: &'static str| async move {
            let v = self.evaluate_in_worker(registration_id, expr).await?;
            serde_json::from_value::<Vec<String>>(v.clone()).map_err(|_| {
                CdpError::Script(format!("{expr} returned {v}, not a list of strings"))
            })
        };
        Ok(RegistrationTags {
            registration_id: reg.registration_id.clone(),
            scope_url: reg.scope_url.clone(),
            sync: get("self.registration.sync.getTags()").await?,
            periodic: get("self.registration.periodicSync.getTags()").await?,
        })
    }

    /// The tags of every live registration with an active worker.
    pub async fn tags(&self) -> Result<Vec<RegistrationTags>> {
        let ids: Vec<String> = self
            .registrations()
            .into_iter()
            .filter(|r| !r.is_deleted && r.active_version().is_some())
            .map(|r| r.registration_id)
            .collect();
        let mut out = Vec::new();
        for id in ids {
            out.push(self.tags_of(&id).await?);
        }
        Ok(out)
    }

    /// Grants `periodic-background-sync` to an origin (`Browser.setPermission`; Chromium grants it only to
    /// installed apps otherwise, and `periodicSync.register` throws `NotAllowedError` without it).
    pub async fn grant_periodic_sync(&self, origin: &str) -> Result<()> {
        self.set_permission(origin, "periodic-background-sync", "granted")
            .await
    }

    /// Sets any permission for an origin: `setting` is `granted`, `denied` or `prompt`.
    pub async fn set_permission(&self, origin: &str, name: &str, setting: &str) -> Result<()> {
        self.shared
            .browser()
            .send(SetPermission {
                permission: PermissionDescriptor { name: name.into() },
                setting: setting.into(),
                origin: Some(origin.to_string()),
            })
            .await?;
        Ok(())
    }

    // ---- pages ----

    /// Opens a new page at `url` and attaches to it (for page-side script: registering syncs, say).
    pub async fn open_page(&self, url: &str) -> Result<PageHandle> {
        let browser = self.shared.browser();
        let target_id = browser
            .send(CreateTarget { url: url.into() })
            .await?
            .target_id;
        let session_id = browser
            .send(AttachToTarget {
                target_id: target_id.clone(),
                flatten: true,
            })
            .await?
            .session_id;
        let bypass = {
            let mut s = self.shared.lock();
            s.pages.push(session_id.clone());
            s.bypass_for_network
        };
        if bypass {
            set_bypass(&self.shared.client.session(session_id.clone()), true).await?;
        }
        Ok(PageHandle {
            target_id,
            session: self.shared.client.session(session_id),
            timeout: self.shared.options.command_timeout,
        })
    }
}

/// A page opened by [`ChromiumSession::open_page`].
#[derive(Clone, Debug)]
pub struct PageHandle {
    /// Its target id.
    pub target_id: String,
    /// Its flat session.
    pub session: CdpSession,
    timeout: Duration,
}

impl PageHandle {
    /// Evaluates an expression in the page; a promise is awaited and the value returned as JSON.
    pub async fn evaluate(&self, expression: &str) -> Result<Value> {
        evaluate(&self.session, expression, self.timeout).await
    }

    /// Evaluates an expression with its own deadline.
    pub async fn evaluate_with_timeout(
        &self,
        expression: &str,
        timeout: Duration,
    ) -> Result<Value> {
        evaluate(&self.session, expression, timeout).await
    }

    /// Closes the page.
    pub async fn close(&self) -> Result<()> {
        self.session
            .client()
            .browser()
            .send(CloseTarget {
                target_id: self.target_id.clone(),
            })
            .await?;
        Ok(())
    }
}

async fn set_bypass(session: &CdpSession, bypass: bool) -> Result<()> {
    session.send(crate::protocol::network::Enable {}).await?;
    session
        .send(crate::protocol::network::SetBypassServiceWorker { bypass })
        .await?;
    Ok(())
}

async fn evaluate(session: &CdpSession, expression: &str, timeout: Duration) -> Result<Value> {
    let r = session
        .send_with_timeout(Evaluate::value_of(expression), timeout)
        .await?;
    if let Some(ex) = r.exception_details {
        return Err(CdpError::Script(ex.to_text()));
    }
    Ok(r.result.value.unwrap_or(Value::Null))
}

// ---- the event pump ----

async fn pump(
    shared: Arc<Shared>,
    mut events: broadcast::Receiver<CdpEvent>,
    record_tx: mpsc::UnboundedSender<BackgroundServiceEvent>,
) {
    let client = shared.client.clone();
    let closed = client.closed();
    tokio::pin!(closed);
    loop {
        tokio::select! {
            biased;
            ev = events.recv() => match ev {
                Ok(ev) => handle(&shared, ev, &record_tx),
                Err(broadcast::error::RecvError::Lagged(n)) => {
                    tracing::warn!(skipped = n, "Chromium session fell behind the browser's events; some were lost");
                }
                Err(broadcast::error::RecvError::Closed) => break,
            },
            reason = &mut closed => {
                tracing::info!(%reason, "Chromium session over");
                break;
            }
        }
    }
    // Events that arrived just before the disconnect are still queued: keep them.
    while let Ok(ev) = events.try_recv() {
        handle(&shared, ev, &record_tx);
    }
    shared.lock().workers.clear();
    shared.bump();
}

fn handle(
    shared: &Arc<Shared>,
    ev: CdpEvent,
    record_tx: &mpsc::UnboundedSender<BackgroundServiceEvent>,
) {
    match ev.method.as_str() {
        "BackgroundService.backgroundServiceEventReceived" => {
            if let Some(e) = ev.parse::<BackgroundServiceEventReceived>() {
                let event = e.background_service_event;
                let _ = shared.observed.send(event.clone());
                shared.progress.send_modify(|p| p.received += 1);
                let _ = record_tx.send(event);
            }
        }
        "ServiceWorker.workerRegistrationUpdated" => {
            if let Some(e) = ev.parse::<WorkerRegistrationUpdated>() {
                let mut s = shared.lock();
                for r in e.registrations {
                    s.registrations.insert(r.registration_id.clone(), r);
                }
                drop(s);
                shared.bump();
            }
        }
        "ServiceWorker.workerVersionUpdated" => {
            if let Some(e) = ev.parse::<WorkerVersionUpdated>() {
                let mut s = shared.lock();
                for v in e.versions {
                    s.versions.insert(v.version_id.clone(), v);
                }
                drop(s);
                shared.bump();
            }
        }
        "ServiceWorker.workerErrorReported" => {
            if let Some(e) = ev.parse::<WorkerErrorReported>() {
                let m = e.error_message;
                tracing::debug!(registration = %m.registration_id, "worker error: {} ({}:{})", m.error_message, m.source_url, m.line_number);
            }
        }
        "Target.targetCreated" => {
            if let Some(e) = ev.parse::<TargetCreated>() {
                maybe_attach(shared, e.target_info);
            }
        }
        "Target.targetInfoChanged" => {
            if let Some(e) = ev.parse::<TargetInfoChanged>() {
                maybe_attach(shared, e.target_info);
            }
        }
        "Target.attachedToTarget" => {
            if let Some(e) = ev.parse::<AttachedToTarget>() {
                attached(shared, e, ev.session_id);
            }
        }
        "Target.detachedFromTarget" => {
            if let Some(e) = ev.parse::<DetachedFromTarget>() {
                let mut s = shared.lock();
                s.workers.retain(|_, w| w.session_id != e.session_id);
                s.network_enabled.remove(&e.session_id);
                drop(s);
                if e.session_id == shared.page.id().unwrap_or_default() {
                    tracing::warn!(
                        "the page session Syncscope uses was detached; background-service events stop"
                    );
                }
                shared.bump();
            }
        }
        "Target.targetDestroyed" => {
            if let Some(e) = ev.parse::<TargetDestroyed>() {
                let mut s = shared.lock();
                if let Some(w) = s.workers.remove(&e.target_id) {
                    s.network_enabled.remove(&w.session_id);
                }
                s.attaching.remove(&e.target_id);
                drop(s);
                shared.bump();
            }
        }
        "Runtime.consoleAPICalled" => {
            if let Some(e) = ev.parse::<ConsoleApiCalled>() {
                let text = e
                    .args
                    .iter()
                    .map(runtime::RemoteObject::to_text)
                    .collect::<Vec<_>>()
                    .join(" ");
                console(shared, ev.session_id.as_deref(), e.kind, text, e.timestamp);
            }
        }
        "Runtime.exceptionThrown" => {
            if let Some(e) = ev.parse::<ExceptionThrown>() {
                console(
                    shared,
                    ev.session_id.as_deref(),
                    "exception".into(),
                    e.exception_details.to_text(),
                    e.timestamp,
                );
            }
        }
        "Inspector.detached" => {
            if let Some(e) = ev.parse::<InspectorDetached>() {
                tracing::debug!(session = ?ev.session_id, reason = %e.reason, "inspector detached");
            }
        }
        _ => {}
    }
}

fn console(shared: &Shared, session_id: Option<&str>, level: String, text: String, timestamp: f64) {
    let Some(session_id) = session_id else { return };
    let s = shared.lock();
    let Some(worker) = s.workers.values().find(|w| w.session_id == session_id) else {
        return;
    };
    let msg = ConsoleMessage {
        level,
        text,
        timestamp,
        url: worker.url.clone(),
        registration_id: s.registration_of_target(&worker.target_id),
    };
    drop(s);
    tracing::debug!(level = %msg.level, url = %msg.url, "worker console: {}", msg.text);
    let _ = shared.console.send(msg);
}

/// Attaches (flat) to a service worker discovered by target discovery.
fn maybe_attach(shared: &Arc<Shared>, info: TargetInfo) {
    if info.kind != "service_worker" {
        return;
    }
    {
        let mut s = shared.lock();
        if s.workers.contains_key(&info.target_id) || !s.attaching.insert(info.target_id.clone()) {
            return;
        }
    }
    let shared = shared.clone();
    tokio::spawn(async move {
        let result = shared
            .browser()
            .send(AttachToTarget {
                target_id: info.target_id.clone(),
                flatten: true,
            })
            .await;
        if let Err(e) = result {
            // The worker may have stopped meanwhile; it is attached again when it restarts.
            tracing::debug!(target = %info.target_id, error = %e, "could not attach to a service worker");
            shared.lock().attaching.remove(&info.target_id);
        }
    });
}

fn attached(shared: &Arc<Shared>, e: AttachedToTarget, parent: Option<String>) {
    if e.target_info.kind != "service_worker" {
        return;
    }
    let target_id = e.target_info.target_id.clone();
    let duplicate = {
        let mut s = shared.lock();
        s.attaching.remove(&target_id);
        match s.workers.get(&target_id) {
            Some(w) if w.session_id != e.session_id => true,
            Some(_) => return,
            None => {
                s.workers.insert(
                    target_id.clone(),
                    WorkerTarget {
                        target_id: target_id.clone(),
                        session_id: e.session_id.clone(),
                        url: e.target_info.url.clone(),
                    },
                );
                false
            }
        }
    };
    let shared = shared.clone();
    if duplicate {
        // Both discovery and the page's auto-attach reached this worker: keep one session.
        tokio::spawn(async move {
            let via = match parent {
                Some(p) => shared.client.session(p),
                None => shared.browser(),
            };
            let _ = via
                .send(DetachFromTarget {
                    session_id: e.session_id,
                })
                .await;
        });
        return;
    }
    tracing::debug!(target = %target_id, url = %e.target_info.url, session = %e.session_id, "attached to a service worker");
    shared.bump();
    tokio::spawn(async move {
        let session = shared.client.session(e.session_id.clone());
        if let Err(err) = session.send(runtime::Enable {}).await {
            tracing::debug!(target = %target_id, error = %err, "Runtime.enable failed on a worker session");
        }
        if shared.lock().offline {
            let result = async {
                session.send(crate::protocol::network::Enable {}).await?;
                shared.lock().network_enabled.insert(e.session_id.clone());
                session.send(EmulateNetworkConditions::offline(true)).await
            }
            .await;
            if let Err(err) = result {
                tracing::warn!(target = %target_id, error = %err, "could not take a new worker session offline");
            }
        }
        if e.waiting_for_debugger {
            let _ = session.send(RunIfWaitingForDebugger {}).await;
        }
    });
}

// ---- the recorder ----

async fn recorder(shared: Arc<Shared>, mut rx: mpsc::UnboundedReceiver<BackgroundServiceEvent>) {
    let mut engine_rx = shared.engine.subscribe();
    let mut queued: VecDeque<BackgroundServiceEvent> = VecDeque::new();
    let mut unknown_registrations: HashSet<String> = HashSet::new();
    loop {
        let engine = engine_rx.borrow_and_update().clone();
        let Some(engine) = engine else {
            tokio::select! {
                ev = rx.recv() => match ev {
                    Some(ev) => queued.push_back(ev),
                    None => return,
                },
                changed = engine_rx.changed() => if changed.is_err() { return },
            }
            continue;
        };
        if queued.is_empty() {
            match rx.recv().await {
                Some(ev) => queued.push_back(ev),
                None => return,
            }
        }
        while let Ok(ev) = rx.try_recv() {
            queued.push_back(ev);
        }
        let mut batch = Vec::with_capacity(queued.len());
        while let Some(ev) = queued.pop_front() {
            let scope = scope_of(
                &shared,
                &ev.service_worker_registration_id,
                &mut unknown_registrations,
            )
            .await;
            batch.push((ev, scope));
        }
        let n = batch.len() as u64;
        let stored = match engine.record_external(batch, &shared.options.source).await {
            Ok(added) => added.len() as u64,
            Err(e) => {
                tracing::error!(error = %e, events = n, "the engine did not record Chromium's events");
                0
            }
        };
        shared.progress.send_modify(|p| {
            p.processed += n;
            p.stored += stored;
        });
    }
}

/// The scope of a registration; waits a little for a registration Chromium has not reported yet.
async fn scope_of(
    shared: &Shared,
    registration_id: &str,
    unknown: &mut HashSet<String>,
) -> Option<String> {
    let lookup = |s: &State| {
        s.registrations
            .get(registration_id)
            .map(|r| r.scope_url.clone())
    };
    if let Some(scope) = lookup(&shared.lock()) {
        return Some(scope);
    }
    if unknown.contains(registration_id) || !shared.client.is_connected() {
        return None;
    }
    let mut rx = shared.changed.subscribe();
    let deadline = tokio::time::Instant::now() + shared.options.scope_wait;
    loop {
        if let Some(scope) = lookup(&shared.lock()) {
            return Some(scope);
        }
        match tokio::time::timeout_at(deadline, rx.changed()).await {
            Ok(Ok(())) => {}
            _ => {
                tracing::debug!(
                    registration = registration_id,
                    "events of an unknown registration are recorded without a scope"
                );
                unknown.insert(registration_id.to_string());
                return None;
            }
        }
    }
}

// ---- the engine target ----

/// The engine's [`Target`] for a Chromium: a dispatch becomes `ServiceWorker.dispatchSyncEvent` or
/// `dispatchPeriodicSyncEvent` on the registration with the same scope.
///
/// CDP reports no handler outcome (Chromium logs how the event ended in its own background-service events,
/// which the session records), so a dispatch resolves [`Outcome::Succeeded`] once Chromium accepted the
/// command, and [`Outcome::Failed`] when it could not be sent (no such registration, browser gone, timeout).
/// The session can be swapped after a reconnect; clones share it.
#[derive(Clone)]
pub struct ChromiumTarget {
    name: String,
    session: Arc<RwLock<Option<ChromiumSession>>>,
}

impl ChromiumTarget {
    /// A target over a session, named by the session's source.
    pub fn new(session: ChromiumSession) -> ChromiumTarget {
        ChromiumTarget {
            name: session.shared.options.source.clone(),
            session: Arc::new(RwLock::new(Some(session))),
        }
    }

    /// A target with no session yet (every dispatch fails until [`ChromiumTarget::set_session`]).
    pub fn detached(name: impl Into<String>) -> ChromiumTarget {
        ChromiumTarget {
            name: name.into(),
            session: Arc::new(RwLock::new(None)),
        }
    }

    /// Replaces the session (after a reconnect).
    pub fn set_session(&self, session: Option<ChromiumSession>) {
        *self.session.write().unwrap_or_else(|e| e.into_inner()) = session;
    }

    /// The current session.
    pub fn session(&self) -> Option<ChromiumSession> {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Sends one request to Chromium.
    pub async fn send(&self, request: &DispatchRequest) -> Result<()> {
        let session = self.session().ok_or_else(|| CdpError::Disconnected {
            reason: "no Chromium session".into(),
        })?;
        let reg = session
            .registration_for_scope(&request.registration.scope)
            .ok_or_else(|| {
                CdpError::InvalidInput(format!(
                    "Chromium has no service worker with scope {}",
                    request.registration.scope
                ))
            })?;
        let origin = request.registration.origin.as_str();
        match &request.event {
            SyncEvent::Sync { tag, last_chance } => {
                session
                    .dispatch_sync(origin, &reg.registration_id, tag, *last_chance)
                    .await
            }
            SyncEvent::PeriodicSync { tag } => {
                session
                    .dispatch_periodic_sync(origin, &reg.registration_id, tag)
                    .await
            }
        }
    }
}

impl Target for ChromiumTarget {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn dispatch(&self, request: DispatchRequest) -> BoxFuture<'static, Outcome> {
        let target = self.clone();
        Box::pin(async move {
            match target.send(&request).await {
                Ok(()) => Outcome::Succeeded,
                Err(e) => Outcome::Failed {
                    reason: e.to_string(),
                },
            }
        })
    }
}
