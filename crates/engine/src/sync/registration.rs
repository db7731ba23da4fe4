//! The web APIs' side: `sync.register`, `periodicSync.register`/`unregister` and `getTags`, with Chromium's
//! checks and rejections.

use crate::error::{DomError, EngineError};
use crate::model::{
    DelayUntil, PermissionName, PermissionState, SwRegistrationId, SyncKind, SyncRegistration,
    SyncState, validate_min_interval,
};
use crate::recorder::metadata;
use crate::time::Timestamp;

use super::{Core, MAX_TAG_LENGTH, Reg, delay_string};

impl Core {
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
}
