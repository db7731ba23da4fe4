//! Forwarding the browser's background-service events into the engine (with the registration's scope).

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use syncscope_engine::BackgroundServiceEvent;
use tokio::sync::mpsc;

use super::state::{Shared, State};

// ---- the recorder ----

pub(super) async fn recorder(
    shared: Arc<Shared>,
    mut rx: mpsc::UnboundedReceiver<BackgroundServiceEvent>,
) {
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
pub(super) async fn scope_of(
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
