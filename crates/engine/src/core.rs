//! The sync state machine: Chromium's `BackgroundSyncManager` rules as plain synchronous code. It owns no I/O;
//! every call records what changed in [`Changes`], which the engine task persists, records and publishes.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::error::{DomError, EngineError};
use crate::model::{
    DelayUntil, Engagement, Origin, OriginSettings, PermissionName, PermissionState,
    ServiceWorkerRegistration, ServiceWorkerSpec, SwRegistrationId, SyncKind, SyncRegistration,
    SyncState, TagInfo, apply_min_gap_for_origin, snap_to_origin_frequency, validate_min_interval,
};
use crate::params::SyncParameters;
use crate::recorder::{BackgroundServiceEvent, EventMetadata, metadata};
use crate::target::{DispatchRequest, Outcome, SyncEvent};
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

    // ---- the web APIs ----

    /// `registration.sync.register(tag)`.
    pub fn sync_register(
        &mut self,
        id: SwRegistrationId,
        tag: &str,
        now: Timestamp,
    ) -> Result<(), EngineError> {
        let sw = self.sw(id)?.clone();
        if !sw.active {
            return Err(DomError::no_active_worker().into());
        }
        if sw.window_clients == 0 || tag.len() > MAX_TAG_LENGTH {
            return Err(DomError::no_window_or_tag_too_long().into());
        }
        if self
            .origin_settings(&sw.origin)
            .permission(PermissionName::BackgroundSync)
            != PermissionState::Granted
        {
            return Err(DomError::permission_denied().into());
        }
        let key = (id, SyncKind::OneShot, tag.to_string());
        if let Some(existing) = self.regs.get_mut(&key) {
            // Same options: coalesced. While firing, remember to fire again with attempts reset.
            if existing.data.state == SyncState::Firing {
                existing.data.state = SyncState::ReregisteredWhileFiring;
                self.changes.regs.insert(key);
            }
            return Ok(());
        }
        let generation = self.bump_generation();
        self.regs.insert(
            key.clone(),
            Reg {
                data: SyncRegistration {
                    sw_registration_id: id,
                    origin: sw.origin.clone(),
                    tag: tag.to_string(),
                    kind: SyncKind::OneShot,
                    min_interval_ms: None,
                    state: SyncState::Pending,
                    num_attempts: 0,
                    max_attempts: self.params.max_sync_attempts,
                    delay_until: DelayUntil::At(now),
                },
                generation,
            },
        );
        self.changes.regs.insert(key);
        self.log(now, &sw, SyncKind::OneShot, "Registered sync", tag, vec![]);
        Ok(())
    }

    /// `registration.periodicSync.register(tag, {minInterval})`.
    pub fn periodic_register(
        &mut self,
        id: SwRegistrationId,
        tag: &str,
        min_interval: f64,
        now: Timestamp,
    ) -> Result<(), EngineError> {
        let min_interval = validate_min_interval(min_interval)?;
        let sw = self.sw(id)?.clone();
        if !sw.active {
            return Err(DomError::no_active_worker().into());
        }
        if tag.len() > MAX_TAG_LENGTH {
            return Err(DomError::no_window_or_tag_too_long().into());
        }
        if self
            .origin_settings(&sw.origin)
            .permission(PermissionName::PeriodicBackgroundSync)
            != PermissionState::Granted
        {
            return Err(DomError::permission_denied().into());
        }
        let key = (id, SyncKind::Periodic, tag.to_string());
        if let Some(existing) = self.regs.get_mut(&key)
            && existing.data.min_interval_ms == Some(min_interval)
        {
            if existing.data.state == SyncState::Firing {
                existing.data.state = SyncState::ReregisteredWhileFiring;
                self.changes.regs.insert(key);
            }
            return Ok(());
        }
        let mut data = SyncRegistration {
            sw_registration_id: id,
            origin: sw.origin.clone(),
            tag: tag.to_string(),
            kind: SyncKind::Periodic,
            min_interval_ms: Some(min_interval),
            state: SyncState::Pending,
            num_attempts: 0,
            max_attempts: self.params.max_sync_attempts,
            delay_until: DelayUntil::Suspended,
        };
        // Never immediate: the first event waits a whole (snapped, aligned) interval.
        let delay = self.next_event_delay(&data, now);
        data.delay_until = match delay {
            Some(d) => DelayUntil::At(now + d),
            None => DelayUntil::Suspended,
        };
        self.log(
            now,
            &sw,
            SyncKind::Periodic,
            "Got next event delay",
            tag,
            metadata([("Next Attempt Delay (ms)", delay_string(delay))]),
        );
        let generation = self.bump_generation();
        self.regs.insert(key.clone(), Reg { data, generation });
        self.changes.regs.insert(key);
        self.log(
            now,
            &sw,
            SyncKind::Periodic,
            "Registered periodicsync",
            tag,
            metadata([("minInterval", min_interval.to_string())]),
        );
        Ok(())
    }

    /// `registration.periodicSync.unregister(tag)`: always succeeds, whether or not the tag exists.
    pub fn periodic_unregister(
        &mut self,
        id: SwRegistrationId,
        tag: &str,
        now: Timestamp,
    ) -> Result<(), EngineError> {
        let sw = self.sw(id)?.clone();
        let key = (id, SyncKind::Periodic, tag.to_string());
        if self.regs.remove(&key).is_some() {
            self.changes.regs.insert(key);
            self.log(
                now,
                &sw,
                SyncKind::Periodic,
                "Unregistered periodicsync",
                tag,
                vec![],
            );
        }
        Ok(())
    }

    /// `getTags()` of one kind: every tag in any state, sorted as Chromium's map keeps them.
    pub fn get_tags(
        &self,
        id: SwRegistrationId,
        kind: SyncKind,
    ) -> Result<Vec<String>, EngineError> {
        self.sw(id)?;
        Ok(self
            .regs
            .keys()
            .filter(|k| k.0 == id && k.1 == kind)
            .map(|k| k.2.clone())
            .collect())
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

    // ---- scheduling ----

    /// Chromium's `GetNextEventDelay`; `None` is `TimeDelta::Max()` (suspended).
    fn next_event_delay(&self, reg: &SyncRegistration, now: Timestamp) -> Option<Duration> {
        if reg.num_attempts == 0 {
            return match reg.kind {
                SyncKind::OneShot => Some(Duration::ZERO),
                SyncKind::Periodic => {
                    let penalty = self.origin_settings(&reg.origin).engagement.penalty();
                    if penalty == 0 {
                        return None;
                    }
                    let gap = self.params.min_periodic_sync_events_interval;
                    let effective_gap = millis(gap).saturating_mul(u64::from(penalty));
                    let snapped =
                        snap_to_origin_frequency(reg.min_interval_ms.unwrap_or(0), effective_gap);
                    Some(apply_min_gap_for_origin(
                        Duration::from_millis(snapped),
                        self.soonest_periodic_delay_for_origin(&reg.origin, &reg.tag, now),
                        gap,
                    ))
                }
            };
        }
        let factor = f64::from(self.params.retry_delay_factor)
            .powi(i32::try_from(reg.num_attempts - 1).unwrap_or(i32::MAX));
        let ms = millis(self.params.initial_retry_delay) as f64 * factor;
        Some(Duration::from_millis(if ms.is_finite() && ms < 9.0e15 {
            ms as u64
        } else {
            9_000_000_000_000_000
        }))
    }

    /// Chromium's `GetSmallestPeriodicSyncEventDelayForOrigin`: time until the origin's soonest other
    /// periodic event, zero if it is already due, `None` if there is none.
    fn soonest_periodic_delay_for_origin(
        &self,
        origin: &Origin,
        skip_tag: &str,
        now: Timestamp,
    ) -> Option<Duration> {
        self.sws
            .values()
            .filter(|sw| &sw.origin == origin)
            .flat_map(|sw| self.periodic_regs_of(sw.id))
            .filter(|r| r.data.tag != skip_tag)
            .filter_map(|r| r.data.delay_until.time())
            .min()
            .map(|t| t.saturating_since(now))
    }

    /// The periodic registrations of one service worker, found by key range rather than a full scan.
    fn periodic_regs_of(&self, id: SwRegistrationId) -> impl Iterator<Item = &Reg> {
        self.regs
            .range((id, SyncKind::Periodic, String::new())..)
            .take_while(move |(k, _)| k.0 == id && k.1 == SyncKind::Periodic)
            .map(|(_, r)| r)
    }

    /// Whether a pending registration may fire at all: its service worker has an active worker that the target
    /// can run now. Chromium starts the worker before dispatching; a target that cannot run a registration yet
    /// (the embedded host before the worker's script is loaded in this process) keeps it pending, attempts
    /// untouched, instead of failing an event that no handler saw.
    fn can_fire(&self, r: &Reg, runnable: &dyn Fn(&ServiceWorkerRegistration) -> bool) -> bool {
        r.data.state == SyncState::Pending
            && self
                .sws
                .get(&r.data.sw_registration_id)
                .is_some_and(|s| s.active && runnable(s))
    }

    /// Starts every registration that is due now (online permitting) and whose worker the target can run
    /// (`runnable`): marks it firing, logs the dispatch.
    pub fn fire_ready(
        &mut self,
        now: Timestamp,
        runnable: &dyn Fn(&ServiceWorkerRegistration) -> bool,
    ) -> Vec<FireOrder> {
        if !self.online {
            return Vec::new();
        }
        let ready: Vec<RegKey> = self
            .regs
            .iter()
            .filter(|(_, r)| {
                matches!(r.data.delay_until, DelayUntil::At(t) if t <= now)
                    && self.can_fire(r, runnable)
            })
            .map(|(k, _)| k.clone())
            .collect();
        let mut orders = Vec::with_capacity(ready.len());
        for key in ready {
            let generation = self.bump_generation();
            let Some(reg) = self.regs.get_mut(&key) else {
                continue;
            };
            reg.data.state = SyncState::Firing;
            reg.generation = generation;
            let last_chance = reg.data.num_attempts + 1 == reg.data.max_attempts;
            let kind = reg.data.kind;
            let sw = self.sws[&key.0].clone();
            self.changes.regs.insert(key.clone());
            let event = match kind {
                SyncKind::OneShot => SyncEvent::Sync {
                    tag: key.2.clone(),
                    last_chance,
                },
                SyncKind::Periodic => SyncEvent::PeriodicSync { tag: key.2.clone() },
            };
            self.log_dispatch(now, &sw, &event);
            orders.push(FireOrder {
                key,
                generation,
                request: DispatchRequest {
                    registration: sw,
                    event,
                    manual: false,
                },
            });
        }
        orders
    }

    fn log_dispatch(&mut self, now: Timestamp, sw: &ServiceWorkerRegistration, event: &SyncEvent) {
        match event {
            SyncEvent::Sync { tag, last_chance } => self.log(
                now,
                sw,
                SyncKind::OneShot,
                "Dispatched sync event",
                tag,
                metadata([(
                    "Last Chance",
                    if *last_chance { "Yes" } else { "No" }.into(),
                )]),
            ),
            SyncEvent::PeriodicSync { tag } => self.log(
                now,
                sw,
                SyncKind::Periodic,
                "Dispatched periodicsync event",
                tag,
                vec![],
            ),
        }
    }

    /// A dispatch by hand, as DevTools' Sync / Periodic sync buttons do: the tag need not be registered, the
    /// registration list is untouched, and only "Dispatched …" is logged.
    pub fn manual_dispatch(
        &mut self,
        id: SwRegistrationId,
        event: SyncEvent,
        now: Timestamp,
    ) -> Result<DispatchRequest, EngineError> {
        let sw = self.sw(id)?.clone();
        if !sw.active {
            return Err(EngineError::InvalidInput(format!(
                "service-worker registration {id} ({}) has no active worker to dispatch to",
                sw.scope
            )));
        }
        if event.tag().len() > MAX_TAG_LENGTH {
            return Err(EngineError::InvalidInput(format!(
                "tag is {} bytes long; at most {MAX_TAG_LENGTH} are allowed",
                event.tag().len()
            )));
        }
        self.log_dispatch(now, &sw, &event);
        Ok(DispatchRequest {
            registration: sw,
            event,
            manual: true,
        })
    }

    /// Applies a finished event's outcome: Chromium's `EventCompleteImpl` + `EventCompleteDidGetDelay`.
    /// Outcomes of a run that is no longer current are ignored.
    pub fn complete(&mut self, key: &RegKey, generation: u64, outcome: &Outcome, now: Timestamp) {
        let Some(reg) = self.regs.get(key) else {
            return;
        };
        if reg.generation != generation || reg.data.state == SyncState::Pending {
            tracing::debug!(tag = %key.2, "ignoring the outcome of a superseded run");
            return;
        }
        let mut data = reg.data.clone();
        let sw = self.sws.get(&key.0).cloned();
        let succeeded = outcome.is_success();
        let rereg = data.state == SyncState::ReregisteredWhileFiring;

        // GetNumAttemptsAfterEvent.
        let mut attempts = data.num_attempts + 1;
        if data.kind == SyncKind::Periodic && (succeeded || attempts == data.max_attempts) {
            attempts = 0;
        }
        if rereg {
            attempts = 0;
        }
        data.num_attempts = attempts;
        let can_retry = data.num_attempts < data.max_attempts;
        let delay = if data.kind == SyncKind::Periodic || (!succeeded && can_retry) {
            self.next_event_delay(&data, now)
        } else {
            None
        };

        let kind = data.kind;
        let tag = data.tag.clone();
        if rereg {
            data.state = SyncState::Pending;
            data.num_attempts = 0;
            self.store_reg(key, data);
            if let Some(sw) = &sw {
                self.log(now, sw, kind, "Sync event reregistered", &tag, vec![]);
            }
        } else if (!succeeded && can_retry) || kind == SyncKind::Periodic {
            data.state = SyncState::Pending;
            data.delay_until = match delay {
                Some(d) => DelayUntil::At(now + d),
                None => DelayUntil::Suspended,
            };
            self.store_reg(key, data);
            let name = format!(
                "{} event {}",
                kind.event_name(),
                if succeeded { "completed" } else { "failed" }
            );
            let mut meta = vec![("Next Attempt Delay (ms)", delay_string(delay))];
            if !succeeded {
                meta.push(("Failure Reason", outcome.status_str().to_string()));
            }
            let mut meta: Vec<EventMetadata> = meta
                .into_iter()
                .map(|(k, v)| EventMetadata {
                    key: k.to_string(),
                    value: v,
                })
                .collect();
            meta.sort_by(|a, b| a.key.cmp(&b.key));
            if let Some(sw) = &sw {
                self.log(now, sw, kind, &name, &tag, meta);
            }
        } else {
            self.regs.remove(key);
            self.changes.regs.insert(key.clone());
            if let Some(sw) = &sw {
                self.log(
                    now,
                    sw,
                    kind,
                    "Sync completed",
                    &tag,
                    metadata([("Status", outcome.status_str().to_string())]),
                );
            }
        }
    }

    fn store_reg(&mut self, key: &RegKey, data: SyncRegistration) {
        if let Some(r) = self.regs.get_mut(key) {
            r.data = data;
            self.changes.regs.insert(key.clone());
        }
    }

    /// The soonest time a pending registration becomes ready, if the network and its worker allow it to fire.
    pub fn next_due(
        &self,
        runnable: &dyn Fn(&ServiceWorkerRegistration) -> bool,
    ) -> Option<Timestamp> {
        if !self.online {
            return None;
        }
        self.regs
            .values()
            .filter(|r| self.can_fire(r, runnable))
            .filter_map(|r| r.data.delay_until.time())
            .min()
    }

    /// Every registration with what the Tags inspector derives from it.
    pub fn tag_infos(&self) -> Vec<TagInfo> {
        self.regs
            .values()
            .map(|r| {
                let d = &r.data;
                let suspended = d.delay_until == DelayUntil::Suspended;
                let effective_interval_ms = d.min_interval_ms.and_then(|min| {
                    let penalty = self.origin_settings(&d.origin).engagement.penalty();
                    (penalty > 0).then(|| {
                        snap_to_origin_frequency(
                            min,
                            millis(self.params.min_periodic_sync_events_interval)
                                .saturating_mul(u64::from(penalty)),
                        )
                    })
                });
                TagInfo {
                    registration: d.clone(),
                    scope: self
                        .sws
                        .get(&d.sw_registration_id)
                        .map(|s| s.scope.clone())
                        .unwrap_or_default(),
                    display_state: if suspended && d.state == SyncState::Pending {
                        "suspended".to_string()
                    } else {
                        d.state.as_str().to_string()
                    },
                    next_fire: (d.state == SyncState::Pending)
                        .then(|| d.delay_until.time())
                        .flatten(),
                    last_chance_next: d.last_chance_next(),
                    effective_interval_ms,
                }
            })
            .collect()
    }

    /// Takes what changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }
}
