//! What a session knows of the browser (its mirror of registrations, workers and sessions) and the tasks
//! that keep it current.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use syncscope_engine::{BackgroundServiceEvent, EngineHandle, Origin, Service};
use tokio::sync::{broadcast, mpsc, watch};

use crate::client::{CdpClient, CdpSession, Endpoint};
use crate::protocol::service_worker::{ServiceWorkerRegistration, ServiceWorkerVersion};

use super::types::*;

#[derive(Default)]
pub(super) struct State {
    pub(super) registrations: BTreeMap<String, ServiceWorkerRegistration>,
    pub(super) versions: BTreeMap<String, ServiceWorkerVersion>,
    pub(super) workers: HashMap<String, WorkerTarget>,
    pub(super) attaching: HashSet<String>,
    /// Worker sessions that got `Network.enable` (needed for the worker's own fetches to fail offline).
    pub(super) network_enabled: HashSet<String>,
    pub(super) offline: bool,
    /// DevTools' "Bypass for network", applied to the pages this session opened.
    pub(super) bypass_for_network: bool,
    /// Pages opened through [`ChromiumSession::open_page`] (flat session ids).
    pub(super) pages: Vec<String>,
    pub(super) observing: BTreeSet<Service>,
    pub(super) recording: BTreeSet<Service>,
}

impl State {
    pub(super) fn registration(&self, id: &str) -> Option<Registration> {
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
    pub(super) fn worker_for(&self, registration_id: &str) -> Option<WorkerTarget> {
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
    pub(super) fn is_running(&self, registration_id: &str) -> bool {
        self.registration(registration_id)
            .and_then(|r| r.active_version().map(|v| v.running_status == "running"))
            .unwrap_or(false)
    }

    pub(super) fn registration_of_target(&self, target_id: &str) -> Option<String> {
        self.versions
            .values()
            .find(|v| v.target_id.as_deref() == Some(target_id))
            .map(|v| v.registration_id.clone())
    }
}

pub(super) struct Shared {
    pub(super) client: CdpClient,
    pub(super) page: CdpSession,
    pub(super) page_target_id: String,
    pub(super) endpoint: Endpoint,
    pub(super) options: SessionOptions,
    pub(super) state: Mutex<State>,
    pub(super) changed: watch::Sender<u64>,
    pub(super) console: broadcast::Sender<ConsoleMessage>,
    pub(super) observed: broadcast::Sender<BackgroundServiceEvent>,
    pub(super) engine: watch::Sender<Option<EngineHandle>>,
    pub(super) progress: watch::Sender<RecordingProgress>,
}

impl Shared {
    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn bump(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub(super) fn browser(&self) -> CdpSession {
        self.client.browser()
    }
}

pub(super) struct Tasks {
    pub(super) pump: tokio::task::JoinHandle<()>,
    // Held so the recorder runs until the session is dropped; then it drains what is queued and stops.
    pub(super) _record_tx: mpsc::UnboundedSender<BackgroundServiceEvent>,
}

impl Drop for Tasks {
    fn drop(&mut self) {
        self.pump.abort();
    }
}
