//! A session's service workers: finding and starting them, recording their background services, their
//! console, firing events by hand, offline, tags and permissions.

use std::time::Duration;

use futures::stream::Stream;
use serde_json::Value;
use syncscope_engine::{BackgroundServiceEvent, EngineHandle, Service};
use tokio::sync::broadcast;

use crate::error::{CdpError, Result};
use crate::protocol::background_service::{
    ClearEvents, SetRecording, StartObserving, StopObserving,
};
use crate::protocol::browser::{PermissionDescriptor, SetPermission};
use crate::protocol::network::EmulateNetworkConditions;
use crate::protocol::service_worker::{DispatchPeriodicSyncEvent, DispatchSyncEvent, StartWorker};

use super::page::evaluate;
use super::session::ChromiumSession;
use super::state::State;
use super::types::*;

impl ChromiumSession {
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
}
