//! Shared by the benchmarks: a deterministic generator of realistic recorded events, and where cached bench
//! data lives. Each bench target uses part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use syncscope_engine::recorder::metadata;
use syncscope_engine::{BackgroundServiceEvent, EventMetadata, Service};

/// How many origins the generated logs spread over.
pub const ORIGINS: usize = 50;

/// Generated events start here (seconds since the epoch, 2023-11-14).
pub const START_SECS: f64 = 1_700_000_000.0;

/// The origin with index `i`, e.g. `https://site07.example`.
pub fn origin(i: usize) -> String {
    format!("https://site{i:02}.example")
}

/// The workspace's target directory (where cargo and criterion write): `$CARGO_TARGET_DIR`, else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    dir.canonicalize().unwrap_or(dir)
}

/// A deterministic stream of events shaped like a busy engine's log: six services (mostly the two sync ones), 50
/// origins with a skewed activity (site00 busiest), two service workers per origin, Chromium's event names and
/// metadata, and timestamps that grow by 0–5 s per event.
pub struct EventGen {
    state: u64,
    t_ms: i64,
}

impl EventGen {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        EventGen {
            state: seed,
            t_ms: (START_SECS * 1000.0) as i64,
        }
    }

    /// splitmix64.
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The next event and the scope of its service worker.
    pub fn next_event(&mut self) -> (BackgroundServiceEvent, String) {
        self.t_ms += 1 + self.below(5_000) as i64;
        let u = self.unit();
        let o = ((u * u) * ORIGINS as f64) as usize;
        let origin = origin(o.min(ORIGINS - 1));
        let app = self.below(2);
        let sw_id = (o as u64) * 2 + app + 1;
        let scope = if app == 0 {
            format!("{origin}/")
        } else {
            format!("{origin}/app/")
        };
        let roll = self.below(100);
        let service = match roll {
            0..40 => Service::BackgroundSync,
            40..70 => Service::PeriodicBackgroundSync,
            70..85 => Service::PushMessaging,
            85..95 => Service::Notifications,
            95..98 => Service::BackgroundFetch,
            _ => Service::PaymentHandler,
        };
        let pick = self.below(100);
        let (name, instance_id, meta): (&str, String, Vec<EventMetadata>) = match service {
            Service::BackgroundSync => {
                let tag = format!("outbox-{}", self.below(200));
                match pick {
                    0..20 => ("Registered sync", tag, vec![]),
                    20..60 => (
                        "Dispatched sync event",
                        tag,
                        metadata([("Last Chance", if pick < 50 { "No" } else { "Yes" }.into())]),
                    ),
                    60..75 => (
                        "sync event failed",
                        tag,
                        metadata([
                            ("Next Attempt Delay (ms)", "300000".into()),
                            ("Failure Reason", "waitUntil rejected".into()),
                        ]),
                    ),
                    _ => (
                        "Sync completed",
                        tag,
                        metadata([("Status", "succeeded".into())]),
                    ),
                }
            }
            Service::PeriodicBackgroundSync => {
                let tag = format!("feed-{}", self.below(20));
                match pick {
                    0..5 => (
                        "Registered periodicsync",
                        tag,
                        metadata([("minInterval", "43200000".into())]),
                    ),
                    5..25 => (
                        "Got next event delay",
                        tag,
                        metadata([("Next Attempt Delay (ms)", "86400000".into())]),
                    ),
                    25..60 => ("Dispatched periodicsync event", tag, vec![]),
                    60..90 => (
                        "periodicsync event completed",
                        tag,
                        metadata([("Next Attempt Delay (ms)", "86400000".into())]),
                    ),
                    _ => (
                        "periodicsync event failed",
                        tag,
                        metadata([
                            ("Next Attempt Delay (ms)", "300000".into()),
                            ("Failure Reason", "timeout".into()),
                        ]),
                    ),
                }
            }
            Service::PushMessaging => (
                "Push event dispatched",
                format!("msg-{}", self.below(1_000_000)),
                metadata([("Success", "Yes".into())]),
            ),
            Service::Notifications => (
                "Notification displayed",
                format!("p#{origin}/#{}", self.below(100_000)),
                metadata([
                    ("Title", "You have new messages".into()),
                    ("Body", "3 unread conversations".into()),
                ]),
            ),
            Service::BackgroundFetch => (
                "Background Fetch registered",
                format!("fetch-{}", self.below(1_000)),
                metadata([
                    ("Total Requests", "4".into()),
                    ("Download Total", "10485760".into()),
                ]),
            ),
            Service::PaymentHandler => (
                "Can make payment",
                format!("pay-{}", self.below(1_000)),
                metadata([("Payment Method", "https://pay.example/".into())]),
            ),
        };
        (
            BackgroundServiceEvent {
                timestamp: self.t_ms as f64 / 1000.0,
                origin: origin.clone(),
                service_worker_registration_id: sw_id.to_string(),
                service,
                event_name: name.to_string(),
                instance_id,
                event_metadata: meta,
                storage_key: Some(format!("{origin}/")),
            },
            scope,
        )
    }
}
