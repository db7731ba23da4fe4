//! The limits that keep a misbehaving worker from hurting the engine.

use std::time::Duration;

/// Limits that keep a misbehaving worker from hurting the engine.
#[derive(Clone, Debug)]
pub struct WorkerLimits {
    /// Longest a single task (an event dispatch, a timer callback, a completion) may run without yielding,
    /// in real time, before it is interrupted and the worker recycled.
    pub max_task_time: Duration,
    /// The JavaScript heap limit per worker, in bytes.
    pub memory_limit: usize,
    /// The native stack limit for JavaScript, in bytes.
    pub max_stack_size: usize,
    /// Longest a script load over HTTP (the worker's script, `importScripts`, a module import) may take,
    /// from connecting to the last byte of its body.
    pub script_timeout: Duration,
    /// Longest a worker's `install` or `activate` event may run, in real time (Chromium's request timeout
    /// for service-worker events is 5 minutes).
    pub lifecycle_timeout: Duration,
    /// How long, in real time, network requests in flight keep a worker from counting as idle for a
    /// virtual-time driver. A request still unanswered after this no longer holds the virtual clock, so a
    /// server that accepts and never answers cannot stall `advance`: the event's virtual deadline arrives
    /// and cuts it off as `timeout`.
    pub network_stall: Duration,
    /// Where workers and pages may connect besides their origin and loopback, at the start
    /// ([`crate::WorkerHost::set_connect_policy`] changes it).
    pub connect: crate::net_policy::ConnectPolicy,
    /// Each origin's storage quota (IndexedDB and Cache Storage together), in bytes; `None`: Chromium's,
    /// 60% of the size of the disk that holds the database.
    pub storage_quota: Option<u64>,
}

impl Default for WorkerLimits {
    fn default() -> Self {
        WorkerLimits {
            max_task_time: Duration::from_secs(30),
            memory_limit: 256 * 1024 * 1024,
            max_stack_size: 1024 * 1024,
            script_timeout: Duration::from_secs(30),
            lifecycle_timeout: Duration::from_secs(300),
            network_stall: Duration::from_secs(5),
            connect: crate::net_policy::ConnectPolicy::new(),
            storage_quota: None,
        }
    }
}
