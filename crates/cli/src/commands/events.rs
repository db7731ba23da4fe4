//! `syncscope events`: the event log as a table or JSON Lines, and `--follow`, which polls the database for
//! events an engine in another process records.

use std::collections::HashSet;
use std::time::Duration;

use syncscope_engine::{EventCursor, EventQuery, RecordedEvent, Service, Store};

use crate::cli::EventsArgs;
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::{self, Out, Table};

/// How often `--follow` looks for new events.
const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// Largest page the store returns in one query.
const PAGE: u32 = 10_000;

/// Runs `syncscope events`.
pub async fn run(args: EventsArgs, db: &DbLocation) -> CliResult {
    let store = db.open_for_reading()?;
    let filter = Filter::from_args(&args);
    let mut out = Out::stdout();
    if args.follow {
        follow(&store, &filter, &args, &mut out).await
    } else {
        let events = query(&store, &filter, args.limit, args.oldest_first)?;
        print_list(&store, &events, args.json, &mut out)
    }
}

/// The filters the user gave, for both the store's query and `--follow`'s client-side check.
struct Filter {
    service: Option<Service>,
    origin: Option<String>,
    tag: Option<String>,
    text: Option<String>,
    since: Option<f64>,
    until: Option<f64>,
}

impl Filter {
    fn from_args(args: &EventsArgs) -> Self {
        Filter {
            service: args.service,
            origin: args.origin.as_deref().map(crate::filter::normalize_origin),
            tag: args.tag.clone(),
            text: args.text.clone().filter(|t| !t.is_empty()),
            since: args.since,
            until: args.until,
        }
    }

    fn query(&self, limit: u32, oldest_first: bool) -> EventQuery {
        EventQuery {
            service: self.service,
            origin: self.origin.clone(),
            instance_id: self.tag.clone(),
            since: self.since,
            until: self.until,
            text: self.text.clone(),
            limit: Some(limit),
            oldest_first,
            ..EventQuery::default()
        }
    }

    /// The same test the store applies, for events read with [`Store::events_after`].
    fn matches(&self, e: &RecordedEvent) -> bool {
        let ev = &e.event;
        if self.service.is_some_and(|s| s != ev.service)
            || self.origin.as_ref().is_some_and(|o| *o != ev.origin)
            || self.tag.as_ref().is_some_and(|t| *t != ev.instance_id)
            || self.since.is_some_and(|t| ev.timestamp < t)
            || self.until.is_some_and(|t| ev.timestamp >= t)
        {
            return false;
        }
        match &self.text {
            None => true,
            Some(text) => {
                let needle = text.to_lowercase();
                let has = |s: &str| s.to_lowercase().contains(&needle);
                has(&ev.event_name)
                    || has(&ev.instance_id)
                    || has(&ev.origin)
                    || ev
                        .event_metadata
                        .iter()
                        .any(|m| has(&m.key) || has(&m.value))
            }
        }
    }
}

/// Up to `limit` matching events in the order asked for, paging through the store as needed.
fn query(
    store: &Store,
    filter: &Filter,
    limit: u32,
    oldest_first: bool,
) -> CliResult<Vec<RecordedEvent>> {
    let mut events: Vec<RecordedEvent> = Vec::new();
    let mut q = filter.query(limit.min(PAGE), oldest_first);
    loop {
        let remaining = limit.saturating_sub(events.len() as u32);
        if remaining == 0 {
            break;
        }
        q.limit = Some(remaining.min(PAGE));
        let page = store.query_events(&q)?;
        let full = page.len() as u32 == remaining.min(PAGE);
        if let Some(last) = page.last() {
            q.before = Some(EventCursor {
                timestamp: last.event.timestamp,
                id: last.id,
            });
        }
        events.extend(page);
        if !full {
            break;
        }
    }
    Ok(events)
}

fn print_list(store: &Store, events: &[RecordedEvent], json: bool, out: &mut Out) -> CliResult {
    if json {
        for e in events {
            out.json_line(e)?;
        }
        return Ok(());
    }
    if events.is_empty() {
        let message = if store.count_events(None)? == 0 {
            "No events recorded yet. Switch recording on with `syncscope record --on`, or load a DevTools file with `syncscope import`."
        } else {
            "No events match."
        };
        return out.line(message);
    }
    let mut table = Table::new(&output::EVENT_HEADERS);
    for e in events {
        table.row(output::event_row(e));
    }
    out.write_str(&table.render())
}

/// Prints the latest matching events, oldest first, then polls for new ones until Ctrl-C.
async fn follow(store: &Store, filter: &Filter, args: &EventsArgs, out: &mut Out) -> CliResult {
    // Everything above this id is read by polling; ids printed from the first query are not printed twice.
    let mut cursor = store.last_event_id()?;
    let mut existing = query(store, filter, args.limit, false)?;
    existing.reverse();
    let mut printed_above_cursor: HashSet<i64> = existing
        .iter()
        .filter(|e| e.id > cursor)
        .map(|e| e.id)
        .collect();
    if !args.json {
        out.line(&output::live_event_header())?;
    }
    for e in &existing {
        print_live(e, args.json, out)?;
    }
    out.flush()?;

    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        tokio::select! {
            res = &mut ctrl_c => {
                return res.map_err(|e| CliError::msg(format!("could not wait for Ctrl-C: {e}")));
            }
            _ = tokio::time::sleep(POLL_INTERVAL) => {}
        }
        loop {
            let batch = store.events_after(cursor, 1000)?;
            let Some(last) = batch.last() else { break };
            cursor = last.id;
            let full = batch.len() == 1000;
            for e in batch.iter().filter(|e| filter.matches(e)) {
                if !printed_above_cursor.remove(&e.id) {
                    print_live(e, args.json, out)?;
                }
            }
            if !full {
                break;
            }
        }
        out.flush()?;
    }
}

fn print_live(e: &RecordedEvent, json: bool, out: &mut Out) -> CliResult {
    if json {
        out.json_line(e)
    } else {
        out.line(&output::live_event_line(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syncscope_engine::{BackgroundServiceEvent, EventMetadata};

    fn event(name: &str, tag: &str, meta: &[(&str, &str)]) -> RecordedEvent {
        RecordedEvent {
            id: 1,
            event: BackgroundServiceEvent {
                timestamp: 100.0,
                origin: "https://a.test".into(),
                service_worker_registration_id: "1".into(),
                service: Service::BackgroundSync,
                event_name: name.into(),
                instance_id: tag.into(),
                event_metadata: meta
                    .iter()
                    .map(|(k, v)| EventMetadata {
                        key: k.to_string(),
                        value: v.to_string(),
                    })
                    .collect(),
                storage_key: None,
            },
            scope: None,
            source: "embedded".into(),
        }
    }

    fn filter() -> Filter {
        Filter {
            service: None,
            origin: None,
            tag: None,
            text: None,
            since: None,
            until: None,
        }
    }

    #[test]
    fn follow_filter_matches_like_the_store() {
        let e = event(
            "sync event failed",
            "outbox",
            &[("Failure Reason", "Timeout")],
        );
        assert!(filter().matches(&e));
        let f = Filter {
            text: Some("timeout".into()),
            ..filter()
        };
        assert!(f.matches(&e), "text matches metadata, case-insensitively");
        let f = Filter {
            service: Some(Service::PeriodicBackgroundSync),
            ..filter()
        };
        assert!(!f.matches(&e));
        let f = Filter {
            tag: Some("other".into()),
            ..filter()
        };
        assert!(!f.matches(&e));
        let f = Filter {
            since: Some(100.0),
            until: Some(100.5),
            ..filter()
        };
        assert!(f.matches(&e), "since is inclusive");
        let f = Filter {
            until: Some(100.0),
            ..filter()
        };
        assert!(!f.matches(&e), "until is exclusive");
    }
}
