//! The engine task: it owns all sync state, fires due events through the target, applies their outcomes,
//! writes every change to the store, records events and publishes them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures::future::{AbortHandle, Abortable, Aborted, BoxFuture};
use futures::stream::FuturesUnordered;
use futures::{Stream, StreamExt};
use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::clock::Clock;
use crate::error::EngineError;
use crate::recorder::{RecordedEvent, RecordingStatus};
use crate::store::Store;
use crate::sync::{Changes, Core, FireOrder, RegKey};
use crate::target::{DispatchRequest, Outcome, Target};
use crate::time::Timestamp;

use super::events::EngineEvent;

/// How soon, in real time, changes that could not be saved are tried again when nothing else happens.
pub(super) const UNSAVED_RETRY: Duration = Duration::from_secs(1);

/// How many imported events are written per engine call.
pub(super) const IMPORT_SLICE: usize = 5_000;

/// Longest that settling waits, in real time, for the target to become idle before it goes on without it.
pub const SETTLE_LIMIT: Duration = Duration::from_secs(30);

pub(super) type Job = Box<dyn FnOnce(&mut Task) -> Reply + Send>;
/// Sends a call's answer; given the save error when the changes made with the call could not be persisted.
pub(super) type Reply = Box<dyn FnOnce(Option<&str>) + Send>;

pub(super) enum Msg {
    Call(Job),
    Settle(oneshot::Sender<Option<Timestamp>>),
    IdleReached {
        reply: oneshot::Sender<Option<Timestamp>>,
        activity_at_start: u64,
    },
    Shutdown(oneshot::Sender<()>),
}

pub(super) struct InFlight {
    /// The registration and run generation, or `None` for a manual dispatch.
    pub(super) reg: Option<(RegKey, u64)>,
    pub(super) deadline: Timestamp,
    pub(super) abort: AbortHandle,
    pub(super) reply: Option<oneshot::Sender<Outcome>>,
}

pub(super) type InFlightFuture = BoxFuture<'static, (u64, Result<Outcome, Aborted>)>;

pub(super) struct Task {
    pub(super) core: Core,
    pub(super) store: Store,
    pub(super) clock: Clock,
    pub(super) target: Arc<dyn Target>,
    pub(super) source: String,
    pub(super) recording: Vec<RecordingStatus>,
    pub(super) inflight: FuturesUnordered<InFlightFuture>,
    pub(super) inflight_meta: HashMap<u64, InFlight>,
    pub(super) next_dispatch: u64,
    pub(super) stream: broadcast::Sender<EngineEvent>,
    pub(super) self_tx: mpsc::WeakUnboundedSender<Msg>,
    /// Bumped whenever an event starts or ends; "settle" waits until it stops moving.
    pub(super) activity: u64,
    /// Answers to send after the next flush, each with whether its call left changes to persist.
    pub(super) replies: Vec<(Reply, bool)>,
    /// Changes that failed to persist, retried with the next flush.
    pub(super) unsaved: Changes,
    /// The network state for those who only need that (cheaper than the event stream).
    pub(super) online_tx: watch::Sender<bool>,
    /// Held while the task runs: one engine per database.
    pub(super) _lock: std::fs::File,
}

/// A waker that only records that it was woken.
struct WokenFlag(std::sync::atomic::AtomicBool);

impl futures::task::ArcWake for WokenFlag {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Task {
    pub(super) async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Msg>) {
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

    pub(super) fn shutdown(&mut self) {
        if let Err(e) = self.flush() {
            tracing::error!(error = %e, "engine stopped with changes it could not save");
        }
        for (_, f) in self.inflight_meta.drain() {
            f.abort.abort();
        }
        tracing::info!("engine stopped");
    }

    pub(super) fn handle(&mut self, msg: Msg) {
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

    pub(super) fn wait_idle(&mut self, reply: oneshot::Sender<Option<Timestamp>>) {
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
    pub(super) fn drain_outcomes(&mut self) {
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

    pub(super) fn next_wakeup(&self) -> Option<Timestamp> {
        let deadline = self.inflight_meta.values().map(|f| f.deadline).min();
        let target = &self.target;
        match (self.core.next_due(&|sw| target.can_dispatch(sw)), deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub(super) fn on_outcome(&mut self, id: u64, res: Result<Outcome, Aborted>) {
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
    pub(super) fn tick(&mut self) {
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

    pub(super) fn start_dispatch(&mut self, order: FireOrder) {
        let FireOrder {
            key,
            generation,
            request,
        } = order;
        self.spawn_dispatch(request, Some((key, generation)), None);
    }

    pub(super) fn spawn_dispatch(
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
    pub(super) fn flush(&mut self) -> Result<(), String> {
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

    pub(super) fn persist(&mut self, changes: &Changes) -> Result<Vec<RecordedEvent>, EngineError> {
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
