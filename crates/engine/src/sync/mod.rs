//! Background Sync and Periodic Background Sync: Chromium's `BackgroundSyncManager` rules as a plain
//! synchronous state machine ([`Core`]). It owns no I/O; every call records what changed in [`Changes`],
//! which the engine task persists, records and publishes. The web APIs' side is in `registration`, when
//! things fire and what their outcomes do in `schedule`; this module holds the state, the conditions
//! (network, permissions, engagement, parameters) and the bookkeeping.

mod registration;
mod schedule;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::error::EngineError;
use crate::model::{
    DelayUntil, Engagement, Origin, OriginSettings, PermissionName, PermissionState,
    ServiceWorkerRegistration, ServiceWorkerSpec, SwRegistrationId, SyncKind, SyncRegistration,
    SyncState,
};
use crate::params::SyncParameters;
use crate::recorder::{BackgroundServiceEvent, EventMetadata};
use crate::target::DispatchRequest;
use crate::time::{Timestamp, millis};

/// Chromium's `kMaxTagLength`, compared against the tag's UTF-8 length as Chromium's `std::string` does.
pub const MAX_TAG_LENGTH: usize = 10_240;

/// A sync registration's identity: service-worker registration, kind, tag.
pub(crate) type RegKey = (SwRegistrationId, SyncKind, String);

/// A registration and the generation of its current run, so that a late outcome of a run that was replaced
/// (re-registered with other options, or cut off) is recognized and ignored.
#[derive(Clone, Debug)]
pub(crate) struct Reg {
    pub data: SyncRegistration,
    pub generation: u64,
}

/// An event the engine logged, before the recorder decides whether it is recorded.
#[derive(Clone, Debug)]
pub(crate) struct LoggedEvent {
    pub event: BackgroundServiceEvent,
    pub scope: String,
}

/// What a call changed, for the store, the recorder and listeners.
#[derive(Default, Debug)]
pub(crate) struct Changes {
    pub events: Vec<LoggedEvent>,
    pub regs: BTreeSet<RegKey>,
    pub sws: BTreeSet<SwRegistrationId>,
    pub origins: BTreeSet<Origin>,
    pub settings: bool,
}

impl Changes {
    /// How many things changed; a call that makes it grow changed something.
    pub fn len(&self) -> usize {
        self.events.len()
            + self.regs.len()
            + self.sws.len()
            + self.origins.len()
            + usize::from(self.settings)
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
            && self.regs.is_empty()
            && self.sws.is_empty()
            && self.origins.is_empty()
            && !self.settings
    }
}

/// An order to run a registration's event.
#[derive(Debug)]
pub(crate) struct FireOrder {
    pub key: RegKey,
    pub generation: u64,
    pub request: DispatchRequest,
}

/// The whole sync state of one engine.
#[derive(Debug)]
pub(crate) struct Core {
    pub params: SyncParameters,
    pub online: bool,
    pub sws: BTreeMap<SwRegistrationId, ServiceWorkerRegistration>,
    pub origins: BTreeMap<Origin, OriginSettings>,
    pub regs: BTreeMap<RegKey, Reg>,
    pub next_sw_id: i64,
    next_generation: u64,
    pub changes: Changes,
}

/// Chromium's `GetDelayAsString`.
fn delay_string(delay: Option<Duration>) -> String {
    match delay {
        Some(d) => millis(d).to_string(),
        None => "infinite".to_string(),
    }
}

impl Core {
    /// A core with no registrations.
    pub fn new(params: SyncParameters) -> Core {
        Core {
            params,
            online: true,
            sws: BTreeMap::new(),
            origins: BTreeMap::new(),
            regs: BTreeMap::new(),
            next_sw_id: 1,
            next_generation: 1,
            changes: Changes::default(),
        }
    }

    /// Rebuilds state loaded from the store. A registration that was firing when the engine stopped is
    /// pending again, attempts unchanged: the firing state is never trusted across a restart (Chromium
    /// never persists it, so a sync killed mid-event runs again).
    pub fn restore(
        params: SyncParameters,
        online: bool,
        sws: Vec<ServiceWorkerRegistration>,
        origins: Vec<OriginSettings>,
        regs: Vec<SyncRegistration>,
    ) -> Core {
        let mut core = Core::new(params);
        core.online = online;
        core.next_sw_id = sws.iter().map(|s| s.id.0 + 1).max().unwrap_or(1);
        core.sws = sws.into_iter().map(|s| (s.id, s)).collect();
        core.origins = origins.into_iter().map(|o| (o.origin.clone(), o)).collect();
        for mut r in regs {
            let key = (r.sw_registration_id, r.kind, r.tag.clone());
            if r.state != SyncState::Pending {
                tracing::info!(tag = %r.tag, state = r.state.as_str(), "registration was mid-event at shutdown; pending again");
                r.state = SyncState::Pending;
                core.changes.regs.insert(key.clone());
            }
            let generation = core.bump_generation();
            core.regs.insert(
                key,
                Reg {
                    data: r,
                    generation,
                },
            );
        }
        core
    }

    fn bump_generation(&mut self) -> u64 {
        let g = self.next_generation;
        self.next_generation += 1;
        g
    }

    fn log(
        &mut self,
        now: Timestamp,
        sw: &ServiceWorkerRegistration,
        kind: SyncKind,
        name: &str,
        tag: &str,
        event_metadata: Vec<EventMetadata>,
    ) {
        self.changes.events.push(LoggedEvent {
            event: BackgroundServiceEvent {
                timestamp: now.as_seconds_f64(),
                origin: sw.origin.to_string(),
                service_worker_registration_id: sw.id.to_string(),
                service: kind.service(),
                event_name: name.to_string(),
                instance_id: tag.to_string(),
                event_metadata,
                storage_key: Some(sw.origin.storage_key()),
            },
            scope: sw.scope.clone(),
        });
    }

    fn sw(&self, id: SwRegistrationId) -> Result<&ServiceWorkerRegistration, EngineError> {
        self.sws
            .get(&id)
            .ok_or(EngineError::UnknownRegistration(id.0))
    }

    /// The settings of an origin (Chromium's defaults if never set).
    pub fn origin_settings(&self, origin: &Origin) -> OriginSettings {
        self.origins
            .get(origin)
            .cloned()
            .unwrap_or_else(|| OriginSettings::new(origin.clone()))
    }

    fn origin_settings_mut(&mut self, origin: &Origin) -> &mut OriginSettings {
        self.changes.origins.insert(origin.clone());
        self.origins
            .entry(origin.clone())
            .or_insert_with(|| OriginSettings::new(origin.clone()))
    }

    // ---- service-worker registrations ----

    /// Adds a service-worker registration, or updates the one with the same scope (which stays active if it
    /// was).
    pub fn add_service_worker(
        &mut self,
        spec: ServiceWorkerSpec,
        active: bool,
        window_clients: u32,
    ) -> Result<ServiceWorkerRegistration, EngineError> {
        let scope = url::Url::parse(&spec.scope).map_err(|e| {
            EngineError::InvalidInput(format!("invalid scope URL {:?}: {e}", spec.scope))
        })?;
        let script = url::Url::parse(&spec.script_url).map_err(|e| {
            EngineError::InvalidInput(format!("invalid script URL {:?}: {e}", spec.script_url))
        })?;
        let origin = Origin::parse(scope.as_str())?;
        if Origin::parse(script.as_str())? != origin {
            return Err(EngineError::InvalidInput(format!(
                "script URL {script} is not on the scope's origin {origin}"
            )));
        }
        let existing = self
            .sws
            .values()
            .find(|s| s.scope == scope.as_str())
            .map(|s| (s.id, s.active));
        // An update keeps the registration's active worker until the new version activates, as Chromium's
        // `ServiceWorkerRegistration` keeps `active_version()` while a new one installs and waits: a page's
        // `sync.register()` during an update goes to the current version, never fails for want of one.
        let active = active || existing.is_some_and(|(_, was)| was);
        let existing = existing.map(|(id, _)| id);
        let id = existing.unwrap_or_else(|| {
            let id = SwRegistrationId(self.next_sw_id);
            self.next_sw_id += 1;
            id
        });
        let sw = ServiceWorkerRegistration {
            id,
            origin,
            scope: scope.to_string(),
            script_url: script.to_string(),
            active,
            window_clients,
        };
        self.sws.insert(id, sw.clone());
        self.changes.sws.insert(id);
        Ok(sw)
    }

    /// Sets whether a registration has an active worker and how many window clients it has.
    pub fn set_service_worker_state(
        &mut self,
        id: SwRegistrationId,
        active: bool,
        window_clients: u32,
    ) -> Result<(), EngineError> {
        let sw = self
            .sws
            .get_mut(&id)
            .ok_or(EngineError::UnknownRegistration(id.0))?;
        sw.active = active;
        sw.window_clients = window_clients;
        self.changes.sws.insert(id);
        Ok(())
    }

    /// Removes a service-worker registration and all its sync registrations.
    pub fn remove_service_worker(&mut self, id: SwRegistrationId) -> Result<(), EngineError> {
        self.sws
            .remove(&id)
            .ok_or(EngineError::UnknownRegistration(id.0))?;
        self.changes.sws.insert(id);
        let keys: Vec<RegKey> = self.regs.keys().filter(|k| k.0 == id).cloned().collect();
        for k in keys {
            self.regs.remove(&k);
            self.changes.regs.insert(k);
        }
        Ok(())
    }

    // ---- conditions ----

    /// Sets the network. Going online makes held registrations ready (the engine then fires them).
    pub fn set_online(&mut self, online: bool) {
        if self.online != online {
            self.online = online;
            self.changes.settings = true;
        }
    }

    /// Sets a permission of an origin.
    pub fn set_permission(
        &mut self,
        origin: &Origin,
        name: PermissionName,
        state: PermissionState,
    ) {
        self.origin_settings_mut(origin).set_permission(name, state);
    }

    /// Sets an origin's site engagement. Suspended periodic registrations of the origin are revived when the
    /// new level allows periodic sync (Chromium's `ReviveOrigin`).
    pub fn set_engagement(&mut self, origin: &Origin, level: Engagement, now: Timestamp) {
        self.origin_settings_mut(origin).engagement = level;
        if level.penalty() == 0 {
            return;
        }
        let suspended: Vec<RegKey> = self
            .regs
            .iter()
            .filter(|(_, r)| {
                &r.data.origin == origin
                    && r.data.kind == SyncKind::Periodic
                    && r.data.delay_until == DelayUntil::Suspended
            })
            .map(|(k, _)| k.clone())
            .collect();
        for key in suspended {
            let data = self.regs[&key].data.clone();
            if let Some(d) = self.next_event_delay(&data, now)
                && let Some(r) = self.regs.get_mut(&key)
            {
                r.data.delay_until = DelayUntil::At(now + d);
                self.changes.regs.insert(key);
            }
        }
    }

    /// Replaces the parameters; registrations keep the `max_attempts` they were registered with.
    pub fn set_params(&mut self, params: SyncParameters) {
        self.params = params;
        self.changes.settings = true;
    }

    /// Takes what changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }
}
