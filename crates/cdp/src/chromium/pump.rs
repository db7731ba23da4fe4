//! The event pump: every CDP event of the connection, applied to the session's mirror (targets attached,
//! registrations and versions updated, console lines, background-service events queued for the recorder).

use std::sync::Arc;

use syncscope_engine::BackgroundServiceEvent;
use tokio::sync::{broadcast, mpsc};

use crate::client::CdpEvent;
use crate::protocol::background_service::BackgroundServiceEventReceived;
use crate::protocol::network::EmulateNetworkConditions;
use crate::protocol::runtime::{ConsoleApiCalled, ExceptionThrown, RunIfWaitingForDebugger};
use crate::protocol::service_worker::{
    WorkerErrorReported, WorkerRegistrationUpdated, WorkerVersionUpdated,
};
use crate::protocol::target::{
    AttachToTarget, AttachedToTarget, DetachFromTarget, DetachedFromTarget, TargetCreated,
    TargetDestroyed, TargetInfo, TargetInfoChanged,
};
use crate::protocol::{InspectorDetached, runtime};

use super::state::Shared;
use super::types::*;

// ---- the event pump ----

pub(super) async fn pump(
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

pub(super) fn handle(
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

pub(super) fn console(
    shared: &Shared,
    session_id: Option<&str>,
    level: String,
    text: String,
    timestamp: f64,
) {
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
pub(super) fn maybe_attach(shared: &Arc<Shared>, info: TargetInfo) {
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

pub(super) fn attached(shared: &Arc<Shared>, e: AttachedToTarget, parent: Option<String>) {
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
