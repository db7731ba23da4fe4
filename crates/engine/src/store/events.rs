//! The event log: queries, counts, clearing and importing recorded events.

use rusqlite::params;

use crate::recorder::{BackgroundServiceEvent, EventMetadata, EventQuery, RecordedEvent, Service};

use super::error::StoreError;
use super::open::Store;

impl Store {
    // ---- the event log ----

    /// Events matching a query: newest first (or oldest first), at most `limit`.
    pub fn query_events(&self, q: &EventQuery) -> Result<Vec<RecordedEvent>, StoreError> {
        let mut sql = String::from(
            "SELECT id, timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source FROM events WHERE 1=1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut push = |clause: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(s) = q.service {
            push(" AND service = ?", s.as_str().to_string().into());
        }
        if let Some(o) = &q.origin {
            push(" AND origin = ?", o.clone().into());
        }
        if let Some(i) = &q.instance_id {
            push(" AND instance_id = ?", i.clone().into());
        }
        if let Some(t) = q.since {
            push(" AND timestamp >= ?", t.into());
        }
        if let Some(t) = q.until {
            push(" AND timestamp < ?", t.into());
        }
        if let Some(id) = q.after_id {
            push(" AND id > ?", id.into());
        }
        if let Some(text) = &q.text {
            let pattern = format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            args.push(pattern.into());
            let n = args.len();
            sql.push_str(&format!(
                " AND (event_name LIKE ?{n} ESCAPE '\\' OR instance_id LIKE ?{n} ESCAPE '\\' OR origin LIKE ?{n} ESCAPE '\\' OR metadata LIKE ?{n} ESCAPE '\\')"
            ));
        }
        if let Some(c) = q.before {
            args.push(c.timestamp.into());
            args.push(c.id.into());
            let n = args.len();
            let op = if q.oldest_first { ">" } else { "<" };
            sql.push_str(&format!(
                " AND (timestamp {op} ?{a} OR (timestamp = ?{a} AND id {op} ?{n}))",
                a = n - 1
            ));
        }
        let dir = if q.oldest_first { "ASC" } else { "DESC" };
        let limit = q.limit.unwrap_or(100).clamp(1, 10_000);
        sql.push_str(&format!(
            " ORDER BY timestamp {dir}, id {dir} LIMIT {limit}"
        ));
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(self.err("querying events"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), Self::event_row)
            .map_err(self.err("querying events"))?;
        let mut out = Vec::new();
        for row in rows {
            let (rec, meta_json) = row.map_err(self.err("querying events"))?;
            out.push(self.finish_event(rec, &meta_json)?);
        }
        Ok(out)
    }

    /// Events with ids above `after_id`, oldest first: what a follower has not seen yet.
    pub fn events_after(
        &self,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, timestamp, origin, sw_registration_id, service, event_name, instance_id, metadata, storage_key, scope, source
                 FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
            )
            .map_err(self.err("reading new events"))?;
        let rows = stmt
            .query_map(params![after_id, limit], Self::event_row)
            .map_err(self.err("reading new events"))?;
        let mut out = Vec::new();
        for row in rows {
            let (rec, meta_json) = row.map_err(self.err("reading new events"))?;
            out.push(self.finish_event(rec, &meta_json)?);
        }
        Ok(out)
    }

    /// The highest event id so far (0 when the log is empty).
    pub fn last_event_id(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))
            .map_err(self.err("reading the event log"))
    }

    /// How many events match a service (all services when `None`).
    pub fn count_events(&self, service: Option<Service>) -> Result<u64, StoreError> {
        let n: i64 = match service {
            Some(s) => self.conn.query_row(
                "SELECT count(*) FROM events WHERE service = ?1",
                [s.as_str()],
                |r| r.get(0),
            ),
            None => self
                .conn
                .query_row("SELECT count(*) FROM events", [], |r| r.get(0)),
        }
        .map_err(self.err("counting events"))?;
        Ok(n as u64)
    }

    #[allow(clippy::type_complexity)]
    pub(super) fn event_row(
        r: &rusqlite::Row<'_>,
    ) -> rusqlite::Result<(
        (
            i64,
            f64,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
        ),
        String,
    )> {
        Ok((
            (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ),
            r.get(7)?,
        ))
    }

    #[allow(clippy::type_complexity)]
    pub(super) fn finish_event(
        &self,
        rec: (
            i64,
            f64,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
        ),
        meta_json: &str,
    ) -> Result<RecordedEvent, StoreError> {
        let (
            id,
            timestamp,
            origin,
            swid,
            service,
            event_name,
            instance_id,
            storage_key,
            scope,
            source,
        ) = rec;
        let service: Service = service
            .parse()
            .map_err(|e: crate::parse_error::ParseError| self.bad_row("event", e.to_string()))?;
        let event_metadata: Vec<EventMetadata> = serde_json::from_str(meta_json)
            .map_err(|e| self.bad_row("event metadata", e.to_string()))?;
        Ok(RecordedEvent {
            id,
            event: BackgroundServiceEvent {
                timestamp,
                origin,
                service_worker_registration_id: swid,
                service,
                event_name,
                instance_id,
                event_metadata,
                storage_key,
            },
            scope,
            source,
        })
    }

    /// Deletes the events of one service (all services when `None`); returns how many went.
    pub fn clear_events(&mut self, service: Option<Service>) -> Result<usize, StoreError> {
        let n = match service {
            Some(s) => self
                .conn
                .execute("DELETE FROM events WHERE service = ?1", [s.as_str()]),
            None => self.conn.execute("DELETE FROM events", []),
        }
        .map_err(self.err("clearing events"))?;
        Ok(n)
    }

    /// Adds events from outside (an imported file, a browser's replay), skipping any already stored.
    /// Returns how many were new.
    pub fn import_events(
        &mut self,
        events: &[BackgroundServiceEvent],
        source: &str,
    ) -> Result<usize, StoreError> {
        let mut tx = self.write()?;
        let mut added = 0;
        for e in events {
            if tx.insert_event(e, None, source, true)?.is_some() {
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}
