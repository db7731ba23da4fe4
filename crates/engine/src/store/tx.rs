//! A write transaction over the database: registrations, settings, recording state and events, committed
//! at once or not at all.

use std::path::PathBuf;

use rusqlite::{Transaction, params};

use crate::model::{
    OriginSettings, ServiceWorkerRegistration, SwRegistrationId, SyncKind, SyncRegistration,
};
use crate::params::SyncParameters;
use crate::recorder::{BackgroundServiceEvent, Service};
use crate::time::Timestamp;

use super::error::{StoreError, classify};
use super::schema::fingerprint;

/// A write transaction. Dropped without [`StoreTx::commit`], it rolls back.
pub struct StoreTx<'a> {
    pub(super) tx: Transaction<'a>,
    pub(super) path: PathBuf,
}

impl StoreTx<'_> {
    pub(super) fn err(&self, action: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| classify(&self.path, action, e)
    }

    /// Saves a sync registration.
    pub fn upsert_registration(&mut self, r: &SyncRegistration) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sync_registrations (sw_registration_id, kind, tag, origin, min_interval_ms, state, num_attempts, max_attempts, delay_until_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (sw_registration_id, kind, tag) DO UPDATE SET
                   origin = excluded.origin, min_interval_ms = excluded.min_interval_ms, state = excluded.state,
                   num_attempts = excluded.num_attempts, max_attempts = excluded.max_attempts, delay_until_ms = excluded.delay_until_ms",
            )
            .and_then(|mut s| {
                s.execute(params![
                    r.sw_registration_id.0,
                    r.kind.as_str(),
                    r.tag,
                    r.origin.as_str(),
                    r.min_interval_ms.map(|m| m.min(i64::MAX as u64) as i64),
                    r.state.as_str(),
                    r.num_attempts,
                    r.max_attempts,
                    r.delay_until.time().map(Timestamp::as_millis),
                ])
            })
            .map_err(self.err("saving a registration"))?;
        Ok(())
    }

    /// Deletes a sync registration.
    pub fn delete_registration(
        &mut self,
        sw: SwRegistrationId,
        kind: SyncKind,
        tag: &str,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "DELETE FROM sync_registrations WHERE sw_registration_id = ?1 AND kind = ?2 AND tag = ?3",
            )
            .and_then(|mut s| s.execute(params![sw.0, kind.as_str(), tag]))
            .map_err(self.err("deleting a registration"))?;
        Ok(())
    }

    /// Saves a service-worker registration.
    pub fn upsert_service_worker(
        &mut self,
        s: &ServiceWorkerRegistration,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sw_registrations (id, origin, scope, script_url, active, window_clients) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, scope = excluded.scope, script_url = excluded.script_url,
                   active = excluded.active, window_clients = excluded.window_clients",
            )
            .and_then(|mut st| {
                st.execute(params![
                    s.id.0,
                    s.origin.as_str(),
                    s.scope,
                    s.script_url,
                    s.active,
                    s.window_clients
                ])
            })
            .map_err(self.err("saving a service worker"))?;
        Ok(())
    }

    /// Deletes a service-worker registration (and, by cascade, its sync registrations).
    pub fn delete_service_worker(&mut self, id: SwRegistrationId) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM sw_registrations WHERE id = ?1", [id.0])
            .map_err(self.err("deleting a service worker"))?;
        Ok(())
    }

    /// Saves an origin's settings.
    pub fn upsert_origin(&mut self, o: &OriginSettings) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO origins (origin, engagement, background_sync, periodic_background_sync) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (origin) DO UPDATE SET engagement = excluded.engagement,
                   background_sync = excluded.background_sync, periodic_background_sync = excluded.periodic_background_sync",
            )
            .and_then(|mut s| {
                s.execute(params![
                    o.origin.as_str(),
                    o.engagement.as_str(),
                    o.background_sync.as_str(),
                    o.periodic_background_sync.as_str()
                ])
            })
            .map_err(self.err("saving origin settings"))?;
        Ok(())
    }

    /// Saves the parameters and network state.
    pub fn save_settings(
        &mut self,
        params: &SyncParameters,
        online: bool,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(params).unwrap_or_default();
        for (k, v) in [("params", json), ("online", online.to_string())] {
            self.tx
                .execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![k, v],
                )
                .map_err(self.err("saving settings"))?;
        }
        Ok(())
    }

    /// Switches recording of a service on (from `started_at`) or off.
    pub fn set_recording(
        &mut self,
        service: Service,
        started_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        match started_at {
            Some(t) => self.tx.execute(
                "INSERT INTO recording (service, started_at_ms) VALUES (?1, ?2)
                 ON CONFLICT (service) DO UPDATE SET started_at_ms = excluded.started_at_ms",
                params![service.as_str(), t.as_millis()],
            ),
            None => self.tx.execute(
                "DELETE FROM recording WHERE service = ?1",
                [service.as_str()],
            ),
        }
        .map_err(self.err("saving recording state"))?;
        Ok(())
    }

    /// Appends an event; returns its id, or `None` when `dedupe` is set and the same event is already stored.
    pub fn insert_event(
        &mut self,
        e: &BackgroundServiceEvent,
        scope: Option<&str>,
        source: &str,
        dedupe: bool,
    ) -> Result<Option<i64>, StoreError> {
        let meta = serde_json::to_string(&e.event_metadata).unwrap_or_else(|_| "[]".into());
        let fp = dedupe.then(|| fingerprint(e));
        let n = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO events (timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    e.timestamp,
                    e.origin,
                    e.service_worker_registration_id,
                    e.service.as_str(),
                    e.event_name,
                    e.instance_id,
                    meta,
                    e.storage_key,
                    scope,
                    source,
                    fp
                ])
            })
            .map_err(self.err("recording an event"))?;
        Ok((n == 1).then(|| self.tx.last_insert_rowid()))
    }

    /// Makes the writes durable.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.tx
            .commit()
            .map_err(|e| classify(&path, "committing", e))
    }
}
