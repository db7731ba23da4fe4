//! Scheduling: when each registration may fire (network, permission, engagement, back-off, periodic
//! intervals), firing what is ready, applying outcomes, and what is due next.

use std::time::Duration;

use crate::error::EngineError;
use crate::model::{
    DelayUntil, Origin, ServiceWorkerRegistration, SwRegistrationId, SyncKind, SyncRegistration,
    SyncState, TagInfo, apply_min_gap_for_origin, snap_to_origin_frequency,
};
use crate::recorder::{EventMetadata, metadata};
use crate::target::{DispatchRequest, Outcome, SyncEvent};
use crate::time::{Timestamp, millis};

use super::{Core, FireOrder, MAX_TAG_LENGTH, Reg, RegKey, delay_string};

impl Core {
    // ---- scheduling ----

    /// Chromium's `GetNextEventDelay`; `None` is `TimeDelta::Max()` (suspended).
    pub(super) fn next_event_delay(
        &self,
        reg: &SyncRegistration,
        now: Timestamp,
    ) -> Option<Duration> {
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
    pub(super) fn soonest_periodic_delay_for_origin(
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
    pub(super) fn periodic_regs_of(&self, id: SwRegistrationId) -> impl Iterator<Item = &Reg> {
        self.regs
            .range((id, SyncKind::Periodic, String::new())..)
            .take_while(move |(k, _)| k.0 == id && k.1 == SyncKind::Periodic)
            .map(|(_, r)| r)
    }

    /// Whether a pending registration may fire at all: its service worker has an active worker that the target
    /// can run now. Chromium starts the worker before dispatching; a target that cannot run a registration yet
    /// (the embedded host before the worker's script is loaded in this process) keeps it pending, attempts
    /// untouched, instead of failing an event that no handler saw.
    pub(super) fn can_fire(
        &self,
        r: &Reg,
        runnable: &dyn Fn(&ServiceWorkerRegistration) -> bool,
    ) -> bool {
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

    pub(super) fn log_dispatch(
        &mut self,
        now: Timestamp,
        sw: &ServiceWorkerRegistration,
        event: &SyncEvent,
    ) {
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

    pub(super) fn store_reg(&mut self, key: &RegKey, data: SyncRegistration) {
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
}
