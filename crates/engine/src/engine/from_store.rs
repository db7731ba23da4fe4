//! Reading a database without running an engine on it (the CLI's `export` and `tags`).

use crate::devtools;
use crate::error::EngineError;
use crate::model::TagInfo;
use crate::recorder::{EventQuery, Service};
use crate::store::Store;
use crate::sync::Core;

/// The events of a service in a store, oldest first, as a DevTools "Save events" file.
pub fn export_from_store(
    store: &Store,
    service: Service,
    origin: Option<String>,
) -> Result<String, EngineError> {
    let mut all = Vec::new();
    let mut query = EventQuery {
        service: Some(service),
        origin,
        oldest_first: true,
        limit: Some(10_000),
        ..EventQuery::default()
    };
    loop {
        let page = store.query_events(&query)?;
        let done = page.len() < 10_000;
        if let Some(last) = page.last() {
            query.before = Some(crate::recorder::EventCursor {
                timestamp: last.event.timestamp,
                id: last.id,
            });
        }
        all.extend(page.into_iter().map(|r| r.event));
        if done {
            break;
        }
    }
    Ok(devtools::export(&all))
}

/// The Tags view of a database without running an engine (for the CLI).
pub fn tags_from_store(store: &Store) -> Result<Vec<TagInfo>, EngineError> {
    let saved = store.load()?;
    let core = Core::restore(
        saved.params.unwrap_or_default(),
        saved.online.unwrap_or(true),
        saved.sws,
        saved.origins,
        saved.regs,
    );
    // Show what is stored, including a firing state left by a running engine.
    let mut infos = core.tag_infos();
    let stored = store.registrations()?;
    for info in &mut infos {
        if let Some(s) = stored.iter().find(|s| {
            s.sw_registration_id == info.registration.sw_registration_id
                && s.kind == info.registration.kind
                && s.tag == info.registration.tag
        }) && s.state != info.registration.state
        {
            info.registration.state = s.state;
            info.display_state = s.state.as_str().to_string();
            info.next_fire = None;
        }
    }
    Ok(infos)
}
