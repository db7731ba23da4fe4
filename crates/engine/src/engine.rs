//! The engine task and its handle. One tokio task owns all sync state; everything else talks to it through
//! a cloneable [`EngineHandle`]. The task fires due events through the [`Target`], applies their outcomes,
//! writes every change to the store, records events and publishes them on one broadcast stream.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use futures::future::{AbortHandle, Abortable, Aborted, BoxFuture};
use futures::stream::FuturesUnordered;
use futures::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::clock::{Clock, ClockError};
use crate::core::{Changes, Core, FireOrder, RegKey};
use crate::devtools;
use crate::error::EngineError;
use crate::model::{
    Engagement, Origin, OriginSettings, PermissionName, PermissionState, ServiceWorkerRegistration,
    ServiceWorkerSpec, SwRegistrationId, SyncKind, TagInfo,
};
use crate::params::SyncParameters;
use crate::recorder::{
    BackgroundServiceEvent, EventQuery, RecordedEvent, RecordingStatus, Service,
};
use crate::store::{OpenMode, Store};
use crate::target::{DispatchRequest, Outcome, SyncEvent, Target};
use crate::time::Timestamp;

/// Capacity of the live event stream; a subscriber that falls further behind is told it lagged.
const STREAM_CAPACITY: usize = 16_384;

/// How to start an engine.
pub struct EngineConfig {
    /// The database file (created if missing).
    pub db_path: PathBuf,
    /// The clock (shared with the target, so its timers follow the same time).
    pub clock: Clock,
    /// What runs the events.
    pub target: Arc<dyn Target>,
    /// Parameters to use instead of the saved ones (they are saved too).
    pub params: Option<SyncParameters>,
}

/// Something that happened in the engine, for live views.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum EngineEvent {
    /// An event was recorded.
    Recorded {
        /// The event.
        event: RecordedEvent,
    },
    /// Sync registrations changed (re-read the tags).
    RegistrationsChanged,
    /// Service-worker registrations changed.
    ServiceWorkersChanged,
    /// Network, parameters, permissions, engagement or recording changed.
    SettingsChanged,
    /// Settling (`settle`, `advance`) waited [`SETTLE_LIMIT`] in real time for the target to be idle and went
    /// on without it; what was still busy, one line each.
    TargetBusy {
        /// What the target reported as busy.
        busy: Vec<String>,
    },
    /// The engine could not persist a change; it keeps it in memory and retries on the next change.
    StoreError {
        /// What went wrong.
        message: String,
    },
}

/// The engine's network and parameters, for display.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EngineSettings {
    /// Whether the network is online.
    pub online: bool,
    /// The parameters.
    pub params: SyncParameters,
    /// Origins whose settings differ from the defaults (or that have registrations).
    pub origins: Vec<OriginSettings>,
    /// Recording status per service.
    pub recording: Vec<RecordingStatus>,
}

/// How soon, in real time, changes that could not be saved are tried again when nothing else happens.
const UNSAVED_RETRY: Duration = Duration::from_secs(1);

/// How many imported events are written per engine call.
const IMPORT_SLICE: usize = 5_000;

/// Longest that settling waits, in real time, for the target to become idle before it goes on without it.
pub const SETTLE_LIMIT: Duration = Duration::from_secs(30);

type Job = Box<dyn FnOnce(&mut Task) -> Reply + Send>;
/// Sends a call's answer; given the save error when the changes made with the call could not be persisted.
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;

enum Msg {
    Call(Job),
    Settle(oneshot::Sender<Option<Timestamp>>),
    IdleReached {
        reply: oneshot::Sender<Option<Timestamp>>,
        activity_at_start: u64,
    },
    Shutdown(oneshot::Sender<()>),
}

/// A cloneable handle to a running engine.
#[derive(Clone)]
pub struct EngineHandle {
    tx: mpsc::UnboundedSender<Msg>,
    db_path: Arc<PathBuf>,
    clock: Clock,
    stream: broadcast::Sender<EngineEvent>,
    online: watch::Receiver<bool>,
    advance_lock: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for EngineHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineHandle").finish_non_exhaustive()
    }
}

struct InFlight {
    /// The registration and run generation, or `None` for a manual dispatch.
    reg: Option<(RegKey, u64)>,
    deadline: Timestamp,
    abort: AbortHandle,
    reply: Option<oneshot::Sender<Outcome>>,
}

type InFlightFuture = BoxFuture<'static, (u64, Result<Outcome, Aborted>)>;

struct Task {
    core: Core,
    store: Store,
    clock: Clock,
    target: Arc<dyn Target>,
    source: String,
    recording: Vec<RecordingStatus>,
    inflight: FuturesUnordered<InFlightFuture>,
    inflight_meta: HashMap<u64, InFlight>,
    next_dispatch: u64,
    stream: broadcast::Sender<EngineEvent>,
    self_tx: mpsc::WeakUnboundedSender<Msg>,
    /// Bumped whenever an event starts or ends; "settle" waits until it stops moving.
    activity: u64,
    /// Answers to send after the next flush, each with whether its call left changes to persist.
    replies: Vec<(Reply, bool)>,
    /// Changes that failed to persist, retried with the next flush.
    unsaved: Changes,
    /// The network state for those who only need that (cheaper than the event stream).
    online_tx: watch::Sender<bool>,
    /// Held while the task runs: one engine per database.
    _lock: std::fs::File,
}

/// Takes the database's engine lock (`<db>.lock`), so two engines never schedule the same registrations.
/// Readers (the CLI's `events`, `tags`, `export`) do not need it. The OS releases it if the process dies.
/// Tools that change what a running engine keeps in memory (its parameters, recording) hold it while they
/// write, so they fail clearly instead of being overwritten by the engine's next save.
pub fn lock_database(db: &std::path::Path) -> Result<std::fs::File, EngineError> {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            EngineError::InvalidInput(format!(
                "cannot create the engine lock {}: {e}",
                path.display()
            ))
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(EngineError::InvalidInput(format!(
            "another Syncscope engine is already running on {} (the desktop app, or `syncscope run`/`demo`); \
             stop it, or pass another --db path. Reading commands (events, tags, export) work alongside it.",
            db.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(EngineError::InvalidInput(format!(
            "cannot lock {}: {e}",
            path.display()
        ))),
    }
}

/// A waker that only records that it was woken.
struct WokenFlag(std::sync::atomic::AtomicBool);

impl futures::task::ArcWake for WokenFlag {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Starts engines.
pub struct Engine;

impl Engine {
    /// Opens the database, restores registrations (a sync that was firing is pending again), and starts the
    /// engine task on the current tokio runtime.
    pub async fn start(config: EngineConfig) -> Result<EngineHandle, EngineError> {
        let store = Store::open(&config.db_path, OpenMode::Create)?;
        let lock = lock_database(&config.db_path)?;
        let saved = store.load()?;
        let recording = store.recording()?;
        let params = config.params.clone().or(saved.params).unwrap_or_default();
        params.validate()?;
        let mut core = Core::restore(
            params,
            saved.online.unwrap_or(true),
            saved.sws,
            saved.origins,
            saved.regs,
        );
        if config.params.is_some() {
            core.changes.settings = true;
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let (stream, _) = broadcast::channel(STREAM_CAPACITY);
        let (online_tx, online) = watch::channel(core.online);
        let source = config.target.name();
        tracing::info!(db = %config.db_path.display(), target = %source, registrations = core.regs.len(), "engine starting");
        let mut task = Task {
            core,
            store,
            clock: config.clock.clone(),
            target: config.target,
            source,
            recording,
            inflight: FuturesUnordered::new(),
            inflight_meta: HashMap::new(),
            next_dispatch: 1,
            stream: stream.clone(),
            self_tx: tx.downgrade(),
            activity: 0,
            replies: Vec::new(),
            unsaved: Changes::default(),
            online_tx,
            _lock: lock,
        };
        task.tick();
        tokio::spawn(task.run(rx));
        Ok(EngineHandle {
            tx,
            db_path: Arc::new(config.db_path.clone()),
            clock: config.clock,
            stream,
            online,
            advance_lock: Arc::new(tokio::sync::Mutex::new(())),
        })
    }
}

impl Task {
    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Msg>) {
        loop {
            let next = self.next_wakeup();
            let clock = self.clock.clone();
            let sleep = async move {
                match next {
                    Some(t) => clock.sleep_until(t).await,
                    None => futures::future::pending::<()>().await,
                }
            };
            let has_inflight = !self.inflight.is_empty();
            // Changes that could not be saved are retried on their own, in real time, even when nothing else
            // happens (a disk that was full has room again, a lock elsewhere was released).
            let retry_unsaved = !self.unsaved.is_empty();
            tokio::select! {
                biased;
                msg = rx.recv() => match msg {
                    None => break,
                    Some(Msg::Shutdown(reply)) => {
                        self.shutdown();
                        // Release the database lock before saying we stopped.
                        drop(self);
                        let _ = reply.send(());
                        return;
                    }
                    Some(m) => self.handle(m),
                },
                Some((id, res)) = self.inflight.next(), if has_inflight => self.on_outcome(id, res),
                _ = sleep => {}
                _ = tokio::time::sleep(UNSAVED_RETRY), if retry_unsaved => {
                    tracing::info!("retrying changes that could not be saved");
                }
            }
            // Batch: take whatever else is ready before writing, so bursts cost one transaction.
            for _ in 0..4096 {
                match rx.try_recv() {
                    Ok(Msg::Shutdown(reply)) => {
                        self.tick();
                        self.shutdown();
                        drop(self);
                        let _ = reply.send(());
                        return;
                    }
                    Ok(m) => self.handle(m),
                    Err(_) => break,
                }
            }
            self.drain_outcomes();
            self.tick();
        }
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Err(e) = self.flush() {
            tracing::error!(error = %e, "engine stopped with changes it could not save");
        }
        for (_, f) in self.inflight_meta.drain() {
            f.abort.abort();
        }
        tracing::info!("engine stopped");
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Call(job) => {
                let before = self.core.changes.len();
                let reply = job(self);
                // A call that changed something is answered after the flush that saves it, with its error.
                let wrote = self.core.changes.len() > before;
                self.replies.push((reply, wrote));
            }
            Msg::Settle(reply) => {
                self.tick();
                self.wait_idle(reply);
            }
            Msg::IdleReached {
                reply,
                activity_at_start,
            } => {
                self.drain_outcomes();
                self.tick();
                if self.activity != activity_at_start {
                    self.wait_idle(reply);
                } else {
                    let next = self.next_wakeup();
                    self.replies.push((
                        Box::new(move |_| {
                            let _ = reply.send(next);
                        }),
                        false,
                    ));
                }
            }
            Msg::Shutdown(_) => unreachable!("handled by the loop"),
        }
    }

    fn wait_idle(&mut self, reply: oneshot::Sender<Option<Timestamp>>) {
        let idle = self.target.idle();
        let target = self.target.clone();
        let activity_at_start = self.activity;
        let tx = self.self_tx.clone();
        let stream = self.stream.clone();
        tokio::spawn(async move {
            // Every wait has a deadline: a target that stays busy (a handler stuck in a way no limit of its own
            // catches) is reported, and settling goes on without it, so `advance` always returns.
            if tokio::time::timeout(SETTLE_LIMIT, idle).await.is_err() {
                let busy = target.busy();
                tracing::warn!(
                    ?busy,
                    "the target is still busy after {SETTLE_LIMIT:?}; going on without it"
                );
                let _ = stream.send(EngineEvent::TargetBusy { busy });
            }
            // Let tasks woken by the target's last completions run before we look.
            tokio::task::yield_now().await;
            if let Some(tx) = tx.upgrade() {
                let _ = tx.send(Msg::IdleReached {
                    reply,
                    activity_at_start,
                });
            }
        });
    }

    /// Processes every outcome that is ready now. `FuturesUnordered` yields `Pending` (waking its caller) after
    /// polling futures that were woken while being polled — which happens all the time when workers reply from
    /// other threads — so `Pending` only means "nothing ready" when it did not wake us.
    fn drain_outcomes(&mut self) {
        let flag = Arc::new(WokenFlag(std::sync::atomic::AtomicBool::new(false)));
        let waker = futures::task::waker(flag.clone());
        let mut cx = std::task::Context::from_waker(&waker);
        loop {
            flag.0.store(false, std::sync::atomic::Ordering::SeqCst);
            match std::pin::Pin::new(&mut self.inflight).poll_next(&mut cx) {
                std::task::Poll::Ready(Some((id, res))) => self.on_outcome(id, res),
                std::task::Poll::Ready(None) => break,
                std::task::Poll::Pending => {
                    if !flag.0.load(std::sync::atomic::Ordering::SeqCst) {
                        break;
                    }
                }
            }
        }
    }

    fn next_wakeup(&self) -> Option<Timestamp> {
        let deadline = self.inflight_meta.values().map(|f| f.deadline).min();
        let target = &self.target;
        match (self.core.next_due(&|sw| target.can_dispatch(sw)), deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn on_outcome(&mut self, id: u64, res: Result<Outcome, Aborted>) {
        let Ok(outcome) = res else { return };
        let Some(f) = self.inflight_meta.remove(&id) else {
            return;
        };
        self.activity += 1;
        let now = self.clock.now();
        tracing::debug!(dispatch = id, %outcome, "event finished");
        if let Some((key, generation)) = &f.reg {
            self.core.complete(key, *generation, &outcome, now);
        }
        if let Some(reply) = f.reply {
            let _ = reply.send(outcome);
        }
    }

    /// Cuts off events past their deadline, fires what is due, persists, records, publishes, replies.
    fn tick(&mut self) {
        let now = self.clock.now();
        let expired: Vec<u64> = self
            .inflight_meta
            .iter()
            .filter(|(_, f)| f.deadline <= now)
            .map(|(id, _)| *id)
            .collect();
        for id in expired {
            if let Some(f) = self.inflight_meta.remove(&id) {
                f.abort.abort();
                self.activity += 1;
                tracing::warn!(
                    dispatch = id,
                    "event exceeded max_sync_event_duration; cut off"
                );
                if let Some((key, generation)) = &f.reg {
                    self.core
                        .complete(key, *generation, &Outcome::TimedOut, now);
                }
                if let Some(reply) = f.reply {
                    let _ = reply.send(Outcome::TimedOut);
                }
            }
        }
        // Completions can make registrations ready at once (re-registered while firing).
        loop {
            let target = self.target.clone();
            let orders = self.core.fire_ready(now, &|sw| target.can_dispatch(sw));
            if orders.is_empty() {
                break;
            }
            for order in orders {
                self.start_dispatch(order);
            }
        }
        let saved = self.flush();
        let online = self.core.online;
        self.online_tx
            .send_if_modified(|v| std::mem::replace(v, online) != online);
        let error = saved.err();
        for (reply, wrote) in self.replies.drain(..) {
            // A call whose change is not on disk is not answered as a success: a resolved `register()` must
            // survive a crash. The change stays in memory and is retried with the next flush.
            reply(if wrote { error.as_deref() } else { None });
        }
    }

    fn start_dispatch(&mut self, order: FireOrder) {
        let FireOrder {
            key,
            generation,
            request,
        } = order;
        self.spawn_dispatch(request, Some((key, generation)), None);
    }

    fn spawn_dispatch(
        &mut self,
        request: DispatchRequest,
        reg: Option<(RegKey, u64)>,
        reply: Option<oneshot::Sender<Outcome>>,
    ) {
        let id = self.next_dispatch;
        self.next_dispatch += 1;
        self.activity += 1;
        tracing::debug!(
            dispatch = id,
            tag = request.event.tag(),
            manual = request.manual,
            "dispatching"
        );
        let (abort, registration) = AbortHandle::new_pair();
        // Unconstrained: the engine collects outcomes inside its own task, many per step; tokio's cooperative
        // budget would make ready outcomes look pending once it ran out, and "settle" would stop early.
        let fut = Abortable::new(
            tokio::task::unconstrained(self.target.dispatch(request)),
            registration,
        );
        self.inflight.push(Box::pin(async move { (id, fut.await) }));
        self.inflight_meta.insert(
            id,
            InFlight {
                reg,
                deadline: self.clock.now() + self.core.params.max_sync_event_duration,
                abort,
                reply,
            },
        );
    }

    /// Writes what changed in one transaction and publishes it. On failure the changes are kept for the next
    /// flush, listeners are told, and the error is returned (for the calls that made the changes).
    fn flush(&mut self) -> Result<(), String> {
        let mut changes = self.core.take_changes();
        merge_changes(&mut changes, std::mem::take(&mut self.unsaved));
        if changes.is_empty() {
            return Ok(());
        }
        match self.persist(&changes) {
            Ok(recorded) => {
                for event in recorded {
                    let _ = self.stream.send(EngineEvent::Recorded { event });
                }
                if !changes.regs.is_empty() {
                    let _ = self.stream.send(EngineEvent::RegistrationsChanged);
                }
                if !changes.sws.is_empty() {
                    let _ = self.stream.send(EngineEvent::ServiceWorkersChanged);
                }
                if changes.settings || !changes.origins.is_empty() {
                    let _ = self.stream.send(EngineEvent::SettingsChanged);
                }
                Ok(())
            }
            Err(e) => {
                tracing::error!(error = %e, "could not save engine state; will retry");
                let message = e.to_string();
                let _ = self.stream.send(EngineEvent::StoreError {
                    message: message.clone(),
                });
                self.unsaved = changes;
                Err(message)
            }
        }
    }

    fn persist(&mut self, changes: &Changes) -> Result<Vec<RecordedEvent>, EngineError> {
        let mut tx = self.store.write()?;
        for id in &changes.sws {
            match self.core.sws.get(id) {
                Some(sw) => tx.upsert_service_worker(sw)?,
                None => tx.delete_service_worker(*id)?,
            }
        }
        for key in &changes.regs {
            match self.core.regs.get(key) {
                Some(r) => tx.upsert_registration(&r.data)?,
                None => tx.delete_registration(key.0, key.1, &key.2)?,
            }
        }
        for origin in &changes.origins {
            if let Some(o) = self.core.origins.get(origin) {
                tx.upsert_origin(o)?;
            }
        }
        if changes.settings {
            tx.save_settings(&self.core.params, self.core.online)?;
        }
        let mut recorded = Vec::new();
        // Copies for the live stream only when someone listens.
        let streaming = self.stream.receiver_count() > 0;
        for logged in &changes.events {
            let at = Timestamp::from_millis((logged.event.timestamp * 1000.0).round() as i64);
            let on = self
                .recording
                .iter()
                .any(|r| r.service == logged.event.service && r.is_recording_at(at));
            if !on {
                continue;
            }
            if let Some(id) =
                tx.insert_event(&logged.event, Some(&logged.scope), &self.source, false)?
                && streaming
            {
                recorded.push(RecordedEvent {
                    id,
                    event: logged.event.clone(),
                    scope: Some(logged.scope.clone()),
                    source: self.source.clone(),
                });
            }
        }
        tx.commit()?;
        Ok(recorded)
    }
}

fn merge_changes(into: &mut Changes, from: Changes) {
    // Older unsaved events go first so the log keeps its order.
    let mut events = from.events;
    events.append(&mut into.events);
    into.events = events;
    into.regs.extend(from.regs);
    into.sws.extend(from.sws);
    into.origins.extend(from.origins);
    into.settings |= from.settings;
}

impl EngineHandle {
    /// Runs `f` on the engine task; the result is returned after the change it made is saved, or
    /// [`EngineError::NotSaved`] when it could not be.
    async fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Task) -> R + Send + 'static,
    ) -> Result<R, EngineError> {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |task| {
            let r = f(task);
            Box::new(move |save_error: Option<&str>| {
                let _ = tx.send(match save_error {
                    None => Ok(r),
                    Some(reason) => Err(EngineError::not_saved(reason)),
                });
            })
        });
        self.tx
            .send(Msg::Call(job))
            .map_err(|_| EngineError::Stopped)?;
        rx.await.map_err(|_| EngineError::Stopped)?
    }

    /// Tells the engine that what its target can run has changed (see
    /// [`Target::can_dispatch`](crate::Target::can_dispatch)): registrations that were held for it fire now.
    pub async fn target_changed(&self) -> Result<(), EngineError> {
        self.call(|_| ()).await
    }

    /// The database file the engine runs on (other connections, e.g. a worker's storage, open it too).
    pub fn db_path(&self) -> &std::path::Path {
        &self.db_path
    }

    /// The engine's clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// A live stream of what happens in the engine.
    pub fn subscribe(&self) -> broadcast::Receiver<EngineEvent> {
        self.stream.subscribe()
    }

    /// The network state (online or not), as it changes. Cheaper than [`subscribe`](Self::subscribe) for those
    /// who need nothing else: the engine copies every recorded event for the stream only while someone listens.
    pub fn watch_online(&self) -> watch::Receiver<bool> {
        self.online.clone()
    }

    // ---- service workers ----

    /// Adds (or, for a known scope, updates) a service-worker registration.
    pub async fn add_service_worker(
        &self,
        spec: ServiceWorkerSpec,
        active: bool,
        window_clients: u32,
    ) -> Result<ServiceWorkerRegistration, EngineError> {
        self.call(move |t| t.core.add_service_worker(spec, active, window_clients))
            .await?
    }

    /// Sets a registration's active worker and window-client count.
    pub async fn set_service_worker_state(
        &self,
        id: SwRegistrationId,
        active: bool,
        window_clients: u32,
    ) -> Result<(), EngineError> {
        self.call(move |t| t.core.set_service_worker_state(id, active, window_clients))
            .await?
    }

    /// Removes a registration and its syncs.
    pub async fn remove_service_worker(&self, id: SwRegistrationId) -> Result<(), EngineError> {
        self.call(move |t| t.core.remove_service_worker(id)).await?
    }

    /// Every service-worker registration.
    pub async fn service_workers(&self) -> Result<Vec<ServiceWorkerRegistration>, EngineError> {
        self.call(|t| t.core.sws.values().cloned().collect()).await
    }

    // ---- the web APIs ----

    /// `registration.sync.register(tag)`.
    pub async fn sync_register(&self, id: SwRegistrationId, tag: &str) -> Result<(), EngineError> {
        let tag = tag.to_string();
        self.call(move |t| {
            let now = t.clock.now();
            t.core.sync_register(id, &tag, now)
        })
        .await?
    }

    /// `registration.sync.getTags()`.
    pub async fn sync_get_tags(&self, id: SwRegistrationId) -> Result<Vec<String>, EngineError> {
        self.call(move |t| t.core.get_tags(id, SyncKind::OneShot))
            .await?
    }

    /// `registration.periodicSync.register(tag, {minInterval})`; `min_interval` as the page passed it.
    pub async fn periodic_register(
        &self,
        id: SwRegistrationId,
        tag: &str,
        min_interval: f64,
    ) -> Result<(), EngineError> {
        let tag = tag.to_string();
        self.call(move |t| {
            let now = t.clock.now();
            t.core.periodic_register(id, &tag, min_interval, now)
        })
        .await?
    }

    /// `registration.periodicSync.unregister(tag)`.
    pub async fn periodic_unregister(
        &self,
        id: SwRegistrationId,
        tag: &str,
    ) -> Result<(), EngineError> {
        let tag = tag.to_string();
        self.call(move |t| {
            let now = t.clock.now();
            t.core.periodic_unregister(id, &tag, now)
        })
        .await?
    }

    /// `registration.periodicSync.getTags()`.
    pub async fn periodic_get_tags(
        &self,
        id: SwRegistrationId,
    ) -> Result<Vec<String>, EngineError> {
        self.call(move |t| t.core.get_tags(id, SyncKind::Periodic))
            .await?
    }

    /// Every registration, with state, attempts and next fire time.
    pub async fn tags(&self) -> Result<Vec<TagInfo>, EngineError> {
        self.call(|t| t.core.tag_infos()).await
    }

    // ---- conditions ----

    /// Sets the network online or offline. Going online fires held registrations at once.
    pub async fn set_online(&self, online: bool) -> Result<(), EngineError> {
        self.call(move |t| t.core.set_online(online)).await
    }

    /// Sets a permission for an origin.
    pub async fn set_permission(
        &self,
        origin: Origin,
        name: PermissionName,
        state: PermissionState,
    ) -> Result<(), EngineError> {
        self.call(move |t| t.core.set_permission(&origin, name, state))
            .await
    }

    /// Sets an origin's site engagement.
    pub async fn set_engagement(
        &self,
        origin: Origin,
        level: Engagement,
    ) -> Result<(), EngineError> {
        self.call(move |t| {
            let now = t.clock.now();
            t.core.set_engagement(&origin, level, now)
        })
        .await
    }

    /// Replaces the parameters (validated first).
    pub async fn set_params(&self, params: SyncParameters) -> Result<(), EngineError> {
        params.validate()?;
        self.call(move |t| t.core.set_params(params)).await
    }

    /// Network, parameters, origins and recording.
    pub async fn settings(&self) -> Result<EngineSettings, EngineError> {
        self.call(|t| EngineSettings {
            online: t.core.online,
            params: t.core.params.clone(),
            origins: t.core.origins.values().cloned().collect(),
            recording: t.recording.clone(),
        })
        .await
    }

    // ---- manual dispatch ----

    /// Dispatches a `sync` event by hand, as DevTools' Sync button does (with a choice of `lastChance`), and
    /// resolves with its outcome. Only "Dispatched sync event" is logged; registrations are untouched.
    pub async fn dispatch_sync(
        &self,
        id: SwRegistrationId,
        tag: &str,
        last_chance: bool,
    ) -> Result<Outcome, EngineError> {
        self.dispatch_manual(
            id,
            SyncEvent::Sync {
                tag: tag.to_string(),
                last_chance,
            },
        )
        .await
    }

    /// Dispatches a `periodicsync` event by hand and resolves with its outcome.
    pub async fn dispatch_periodic_sync(
        &self,
        id: SwRegistrationId,
        tag: &str,
    ) -> Result<Outcome, EngineError> {
        self.dispatch_manual(
            id,
            SyncEvent::PeriodicSync {
                tag: tag.to_string(),
            },
        )
        .await
    }

    async fn dispatch_manual(
        &self,
        id: SwRegistrationId,
        event: SyncEvent,
    ) -> Result<Outcome, EngineError> {
        let (tx, rx) = oneshot::channel();
        self.call(move |t| {
            let now = t.clock.now();
            let request = t.core.manual_dispatch(id, event, now)?;
            t.spawn_dispatch(request, None, Some(tx));
            Ok::<_, EngineError>(())
        })
        .await??;
        rx.await.map_err(|_| EngineError::Stopped)
    }

    // ---- recording and the event log ----

    /// Switches recording of a service on (for three days from now) or off.
    pub async fn set_recording(
        &self,
        service: Service,
        on: bool,
    ) -> Result<RecordingStatus, EngineError> {
        self.call(move |t| {
            let started = on.then(|| t.clock.now());
            let mut tx = t.store.write()?;
            tx.set_recording(service, started)?;
            tx.commit()?;
            let status = RecordingStatus::new(service, started);
            if let Some(r) = t.recording.iter_mut().find(|r| r.service == service) {
                *r = status;
            }
            t.core.changes.settings = true;
            tracing::info!(service = %service, on, "recording switched");
            Ok(status)
        })
        .await?
    }

    /// Recording status of every service, and whether each is recording now.
    pub async fn recording(&self) -> Result<Vec<(RecordingStatus, bool)>, EngineError> {
        self.call(|t| {
            let now = t.clock.now();
            t.recording
                .iter()
                .map(|r| (*r, r.is_recording_at(now)))
                .collect()
        })
        .await
    }

    /// Events matching a query.
    pub async fn events(&self, query: EventQuery) -> Result<Vec<RecordedEvent>, EngineError> {
        self.call(move |t| t.store.query_events(&query).map_err(EngineError::from))
            .await?
    }

    /// Deletes the recorded events of a service (all when `None`).
    pub async fn clear_events(&self, service: Option<Service>) -> Result<usize, EngineError> {
        self.call(move |t| t.store.clear_events(service).map_err(EngineError::from))
            .await?
    }

    /// The recorded events of a service, oldest first, in DevTools' "Save events" format.
    pub async fn export(
        &self,
        service: Service,
        origin: Option<String>,
    ) -> Result<String, EngineError> {
        self.call(move |t| export_from_store(&t.store, service, origin))
            .await?
    }

    /// Imports a DevTools "Save events" file; events already stored are skipped. Returns how many were new.
    pub async fn import(&self, source_name: &str, text: &str) -> Result<usize, EngineError> {
        let events = devtools::import(source_name, text)?;
        // In slices, each its own call and transaction, so a large file never holds the engine task (and
        // everyone waiting on it) for long. Imports are deduplicated, so importing again after a failure
        // part-way adds only what is missing.
        let mut events = events.into_iter();
        let mut added = 0;
        loop {
            let slice: Vec<BackgroundServiceEvent> = events.by_ref().take(IMPORT_SLICE).collect();
            if slice.is_empty() {
                return Ok(added);
            }
            added += self
                .call(move |t| {
                    t.store
                        .import_events(&slice, "import")
                        .map_err(EngineError::from)
                })
                .await??;
        }
    }

    /// Records events observed elsewhere (a real browser's DevTools stream) into the log and the live stream,
    /// named by `source`. Events already stored are skipped, so a replay of the same events adds nothing.
    /// Returns the events that were new.
    pub async fn record_external(
        &self,
        events: Vec<(BackgroundServiceEvent, Option<String>)>,
        source: &str,
    ) -> Result<Vec<RecordedEvent>, EngineError> {
        let source = source.to_string();
        self.call(move |t| {
            let mut tx = t.store.write()?;
            let mut added = Vec::new();
            for (event, scope) in events {
                if let Some(id) = tx.insert_event(&event, scope.as_deref(), &source, true)? {
                    added.push(RecordedEvent {
                        id,
                        event,
                        scope,
                        source: source.clone(),
                    });
                }
            }
            tx.commit()?;
            for event in &added {
                let _ = t.stream.send(EngineEvent::Recorded {
                    event: event.clone(),
                });
            }
            Ok(added)
        })
        .await?
    }

    // ---- time ----

    /// Fires what is due now and waits until the target is idle and every consequence has run. Returns the
    /// next time anything in the engine is due.
    pub async fn settle(&self) -> Result<Option<Timestamp>, EngineError> {
        let (tx, rx) = oneshot::channel();
        self.tx
            .send(Msg::Settle(tx))
            .map_err(|_| EngineError::Stopped)?;
        rx.await.map_err(|_| EngineError::Stopped)
    }

    /// Advances the virtual clock by `d`, stopping at every due registration, event deadline and target timer
    /// on the way so each runs at its own time. Returns the new time.
    pub async fn advance_by(&self, d: Duration) -> Result<Timestamp, EngineError> {
        let _guard = self.advance_lock.lock().await;
        if !self.clock.is_virtual() {
            return Err(EngineError::InvalidInput(
                ClockError::NotVirtual.to_string(),
            ));
        }
        let target = self.clock.now() + d;
        let mut stalled = 0u32;
        loop {
            let engine_next = self.settle().await?;
            let next = match (engine_next, self.clock.next_wakeup()) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            match next {
                Some(t) if t <= target => {
                    if t <= self.clock.now() {
                        // A sleeper due now that has not run yet: let it, but never spin forever.
                        stalled += 1;
                        if stalled > 10_000 {
                            tracing::warn!(at = %t, "advance made no progress; jumping to the end");
                            break;
                        }
                        tokio::task::yield_now().await;
                    } else {
                        stalled = 0;
                    }
                    self.clock
                        .jump_to(t)
                        .map_err(|e| EngineError::InvalidInput(e.to_string()))?;
                }
                _ => break,
            }
        }
        self.clock
            .jump_to(target)
            .map_err(|e| EngineError::InvalidInput(e.to_string()))?;
        self.settle().await?;
        Ok(self.clock.now())
    }

    /// Advances the virtual clock to the next thing due (a registration, a deadline or a target timer) and runs
    /// it. Returns the new time, or `None` when nothing is scheduled.
    pub async fn advance_to_next(&self) -> Result<Option<Timestamp>, EngineError> {
        let _guard = self.advance_lock.lock().await;
        if !self.clock.is_virtual() {
            return Err(EngineError::InvalidInput(
                ClockError::NotVirtual.to_string(),
            ));
        }
        let engine_next = self.settle().await?;
        let next = match (engine_next, self.clock.next_wakeup()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let Some(t) = next else { return Ok(None) };
        self.clock
            .jump_to(t)
            .map_err(|e| EngineError::InvalidInput(e.to_string()))?;
        self.settle().await?;
        Ok(Some(self.clock.now()))
    }

    /// Stops the engine: saves everything, abandons running events (their registrations are pending again
    /// at the next start).
    pub async fn shutdown(&self) -> Result<(), EngineError> {
        let (tx, rx) = oneshot::channel();
        self.tx
            .send(Msg::Shutdown(tx))
            .map_err(|_| EngineError::Stopped)?;
        rx.await.map_err(|_| EngineError::Stopped)
    }
}

/// The events of a service in a store, oldest first, as a DevTools "Save events" file.
pub fn export_from_store(
    store: &Store,
    service: Service,
    origin: Option<String>,
) -> Result<String, EngineError> {
    let mut all = Vec::new();
    let mut query = EventQuery {
        service: Some(service),
        origin,
        oldest_first: true,
        limit: Some(10_000),
        ..EventQuery::default()
    };
    loop {
        let page = store.query_events(&query)?;
        let done = page.len() < 10_000;
        if let Some(last) = page.last() {
            query.before = Some(crate::recorder::EventCursor {
                timestamp: last.event.timestamp,
                id: last.id,
            });
        }
        all.extend(page.into_iter().map(|r| r.event));
        if done {
            break;
        }
    }
    Ok(devtools::export(&all))
}

/// The Tags view of a database without running an engine (for the CLI).
pub fn tags_from_store(store: &Store) -> Result<Vec<TagInfo>, EngineError> {
    let saved = store.load()?;
    let core = Core::restore(
        saved.params.unwrap_or_default(),
        saved.online.unwrap_or(true),
        saved.sws,
        saved.origins,
        saved.regs,
    );
    // Show what is stored, including a firing state left by a running engine.
    let mut infos = core.tag_infos();
    let stored = store.registrations()?;
    for info in &mut infos {
        if let Some(s) = stored.iter().find(|s| {
            s.sw_registration_id == info.registration.sw_registration_id
                && s.kind == info.registration.kind
                && s.tag == info.registration.tag
        }) && s.state != info.registration.state
        {
            info.registration.state = s.state;
            info.display_state = s.state.as_str().to_string();
            info.next_fire = None;
        }
    }
    Ok(infos)
}
