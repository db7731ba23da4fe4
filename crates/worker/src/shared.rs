//! State shared between a context's event loop and its host functions (same thread; no JavaScript values
//! inside): timers, pending operations, network requests in flight, bodies being read.

use std::collections::HashMap;
use std::time::Instant;

use crate::idle::NetworkWait;
use crate::timers::Timers;

/// State shared between the loop and the host functions (same thread; no JavaScript values inside).
pub(crate) struct Shared {
    pub timers: Timers,
    /// HTML's timer nesting level of each pending timer, and of the one running now.
    pub nesting: HashMap<u32, u32>,
    pub current_nesting: u32,
    pub pending_ops: usize,
    pub fetches: HashMap<NetOp, InFlightFetch>,
    /// Bodies of responses still being read, by their fetch's id.
    pub bodies: HashMap<u32, crate::body_stream::BodyHandle>,
}

/// A network wait: a `fetch` until its head, or a read of its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NetOp {
    Fetch(u32),
    Body(u32),
}

/// A `fetch` or a body read in flight.
pub(crate) struct InFlightFetch {
    /// Set for fetches (a body read is ended by dropping its body).
    pub handle: Option<tokio::task::AbortHandle>,
    pub started: Instant,
    /// `GET https://…`, for reports of what a worker waits for.
    pub request: String,
}

impl Shared {
    /// Set when every pending operation is a network request.
    pub fn network_wait(&self) -> Option<NetworkWait> {
        if self.pending_ops == 0 || self.pending_ops != self.fetches.len() {
            return None;
        }
        let newest = self.fetches.values().map(|f| f.started).max()?;
        let oldest = self.fetches.values().min_by_key(|f| f.started)?;
        Some(NetworkWait {
            newest,
            oldest: oldest.started,
            oldest_request: oldest.request.clone(),
            count: self.fetches.len(),
        })
    }
}
