//! What a worker reports about itself before it blocks: idle or not, its next timer, the network requests it
//! waits for. The host combines these into the engine's "every worker is idle" for virtual-time drivers.

use std::time::{Duration, Instant};

/// What a worker tells the host about itself before it blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct IdleState {
    /// Nothing runnable, nothing in flight.
    pub idle: bool,
    /// When its next timer is due. After the clock passes it the worker is busy again even before its thread
    /// wakes, so a virtual-time driver must not take a stale "idle" for quiet.
    pub next_timer: Option<syncscope_engine::Timestamp>,
    /// Set when nothing is runnable and all the worker waits for is network requests in flight.
    pub network: Option<NetworkWait>,
}

/// Network requests a worker waits for, and nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NetworkWait {
    /// When the most recent of them started (real time).
    pub newest: Instant,
    /// When the oldest started, and what it is (`GET https://…`).
    pub oldest: Instant,
    pub oldest_request: String,
    pub count: usize,
}

impl IdleState {
    /// Idle, and no timer due at `now`.
    pub fn quiet_at(&self, now: syncscope_engine::Timestamp) -> bool {
        self.idle && self.next_timer.is_none_or(|t| t > now)
    }

    /// Waiting only for network requests that have all been in flight for `stall` or more (real time), with
    /// no timer due at `now`: such requests no longer hold a virtual clock.
    pub fn stalled_at(&self, now: syncscope_engine::Timestamp, stall: Duration) -> bool {
        self.network
            .as_ref()
            .is_some_and(|n| n.newest.elapsed() >= stall)
            && self.next_timer.is_none_or(|t| t > now)
    }
}
