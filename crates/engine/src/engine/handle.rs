//! [`EngineHandle`]: the cloneable way everything else talks to the engine task.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::clock::{Clock, ClockError};
use crate::devtools;
use crate::error::EngineError;
use crate::model::{
    Engagement, Origin, PermissionName, PermissionState, ServiceWorkerRegistration,
    ServiceWorkerSpec, SwRegistrationId, SyncKind, TagInfo,
};
use crate::params::SyncParameters;
use crate::recorder::{
    BackgroundServiceEvent, EventQuery, RecordedEvent, RecordingStatus, Service,
};
use crate::target::{Outcome, SyncEvent};
use crate::time::Timestamp;

use super::events::{EngineEvent, EngineSettings};
use super::from_store::export_from_store;
use super::task::{IMPORT_SLICE, Job, Msg, Task};

/// A cloneable handle to a running engine.
#[derive(Clone)]
pub struct EngineHandle {
    pub(super) tx: mpsc::UnboundedSender<Msg>,
    pub(super) db_path: Arc<PathBuf>,
    pub(super) clock: Clock,
    pub(super) stream: broadcast::Sender<EngineEvent>,
    pub(super) online: watch::Receiver<bool>,
    pub(super) advance_lock: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for EngineHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineHandle").finish_non_exhaustive()
    }
}

impl EngineHandle {
    /// Runs `f` on the engine task; the result is returned after the change it made is saved, or
    /// [`EngineError::NotSaved`] when it could not be.
    pub(super) async fn call<R: Send + 'static>(
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

    pub(super) async fn dispatch_manual(
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
