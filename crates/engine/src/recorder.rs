//! The event recorder's data: DevTools background services, CDP's `BackgroundServiceEvent`, recording windows,
//! and the queries the event log answers.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::parse_error::ParseError;
use crate::time::Timestamp;

/// How long recording goes on after it is switched on, as in Chromium: three days.
pub const RECORDING_DURATION: Duration = Duration::from_secs(3 * 24 * 3600);

/// CDP's `BackgroundService.ServiceName`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum Service {
    /// Background Fetch.
    BackgroundFetch,
    /// Background Sync (one-shot).
    BackgroundSync,
    /// Push messaging.
    PushMessaging,
    /// Notifications.
    Notifications,
    /// Payment handler.
    PaymentHandler,
    /// Periodic Background Sync.
    PeriodicBackgroundSync,
}

impl Service {
    /// Every service, in CDP's order.
    pub const ALL: [Service; 6] = [
        Service::BackgroundFetch,
        Service::BackgroundSync,
        Service::PushMessaging,
        Service::Notifications,
        Service::PaymentHandler,
        Service::PeriodicBackgroundSync,
    ];

    /// The CDP name, e.g. `backgroundSync`.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::BackgroundFetch => "backgroundFetch",
            Service::BackgroundSync => "backgroundSync",
            Service::PushMessaging => "pushMessaging",
            Service::Notifications => "notifications",
            Service::PaymentHandler => "paymentHandler",
            Service::PeriodicBackgroundSync => "periodicBackgroundSync",
        }
    }

    /// The label DevTools shows, e.g. `Background sync`.
    pub fn label(self) -> &'static str {
        match self {
            Service::BackgroundFetch => "Background fetch",
            Service::BackgroundSync => "Background sync",
            Service::PushMessaging => "Push messaging",
            Service::Notifications => "Notifications",
            Service::PaymentHandler => "Payment handler",
            Service::PeriodicBackgroundSync => "Periodic background sync",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Service {
    type Err = ParseError;
    /// Accepts the CDP name (`backgroundSync`) or a kebab-case one (`background-sync`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted: String = s
            .trim()
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_lowercase();
        Service::ALL
            .into_iter()
            .find(|svc| svc.as_str().to_ascii_lowercase() == wanted)
            .ok_or_else(|| {
                ParseError::InvalidValue(format!(
                    "unknown service {s:?}; expected one of {}",
                    Service::ALL.map(Service::as_str).join(", ")
                ))
            })
    }
}

/// CDP's `BackgroundService.EventMetadata`: one key/value pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EventMetadata {
    /// The key, e.g. `Last Chance`.
    pub key: String,
    /// The value, e.g. `Yes`.
    pub value: String,
}

/// CDP's `BackgroundService.BackgroundServiceEvent`, field for field and in the protocol's order, so that a
/// list of them serializes exactly as DevTools' "Save events" writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BackgroundServiceEvent {
    /// Seconds since the epoch.
    #[serde(with = "js_number")]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub timestamp: f64,
    /// The origin, e.g. `https://example.com`.
    pub origin: String,
    /// The service-worker registration id, as a string.
    pub service_worker_registration_id: String,
    /// The service.
    pub service: Service,
    /// What happened, e.g. `Dispatched sync event`.
    pub event_name: String,
    /// The tag (or background fetch id).
    pub instance_id: String,
    /// Event-specific details.
    pub event_metadata: Vec<EventMetadata>,
    /// The storage key, e.g. `https://example.com/`. Older DevTools files lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_key: Option<String>,
}

impl BackgroundServiceEvent {
    /// The value of a metadata key, if present.
    pub fn metadata(&self, key: &str) -> Option<&str> {
        self.event_metadata
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.as_str())
    }
}

/// An event as the store holds it: the DevTools event plus what Syncscope knows beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecordedEvent {
    /// Its row id: increases with each event stored, so it orders events and pages through them.
    pub id: i64,
    /// The event.
    #[serde(flatten)]
    pub event: BackgroundServiceEvent,
    /// The service-worker scope, where known (DevTools resolves it from the registration id).
    pub scope: Option<String>,
    /// Where it came from: `embedded` (this engine), `import`, or a Chromium target's name.
    pub source: String,
}

/// A page of the event log: which events, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct EventQuery {
    /// Only this service.
    pub service: Option<Service>,
    /// Only this origin.
    pub origin: Option<String>,
    /// Only this instance id (tag).
    pub instance_id: Option<String>,
    /// Only events at or after this time (seconds since the epoch).
    pub since: Option<f64>,
    /// Only events before this time (seconds since the epoch).
    pub until: Option<f64>,
    /// Only events whose name, instance id, origin or metadata contain this text (case-insensitive).
    pub text: Option<String>,
    /// Only events after this one in the order asked for (the previous page's last row).
    pub before: Option<EventCursor>,
    /// Only events with a row id above this (to follow new events).
    pub after_id: Option<i64>,
    /// At most this many (default 100, at most 10,000).
    pub limit: Option<u32>,
    /// Oldest first instead of newest first.
    #[serde(default)]
    pub oldest_first: bool,
}

/// A cursor for paging through events: the last row of the previous page.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EventCursor {
    /// That row's timestamp (seconds).
    pub timestamp: f64,
    /// That row's id.
    pub id: i64,
}

/// Whether a service is being recorded, and until when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecordingStatus {
    /// The service.
    pub service: Service,
    /// When recording was last switched on, if it was and has not been switched off.
    pub started_at: Option<Timestamp>,
    /// When it stops (or stopped) by itself: three days after it started.
    pub stops_at: Option<Timestamp>,
}

impl RecordingStatus {
    /// A status for `service` that started at `started_at` (or is off).
    pub fn new(service: Service, started_at: Option<Timestamp>) -> Self {
        RecordingStatus {
            service,
            started_at,
            stops_at: started_at.map(|t| t + RECORDING_DURATION),
        }
    }

    /// Whether events at `now` are recorded.
    pub fn is_recording_at(&self, now: Timestamp) -> bool {
        matches!(self.stops_at, Some(stop) if now < stop)
    }
}

/// Builds a metadata list sorted by key, as Chromium's `std::map` orders it.
pub fn metadata<const N: usize>(pairs: [(&str, String); N]) -> Vec<EventMetadata> {
    let mut v: Vec<EventMetadata> = pairs
        .into_iter()
        .map(|(k, value)| EventMetadata {
            key: k.to_string(),
            value,
        })
        .collect();
    v.sort_by(|a, b| a.key.cmp(&b.key));
    v
}

/// Serde adapter: an `f64` written the way JavaScript's `JSON.stringify` writes numbers where it matters here
/// (integral values without a trailing `.0`), so exported files read like DevTools' own.
pub(crate) mod js_number {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 {
            s.serialize_i64(*v as i64)
        } else {
            s.serialize_f64(*v)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(serde::de::Error::custom("timestamp is not a finite number"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names_parse_in_cdp_and_kebab_case() {
        assert_eq!(
            "backgroundSync".parse::<Service>().unwrap(),
            Service::BackgroundSync
        );
        assert_eq!(
            "periodic-background-sync".parse::<Service>().unwrap(),
            Service::PeriodicBackgroundSync
        );
        let e = "bogus".parse::<Service>().unwrap_err().to_string();
        assert!(e.contains("bogus") && e.contains("backgroundSync"), "{e}");
    }

    #[test]
    fn recording_stops_three_days_after_start() {
        let start = Timestamp::from_millis(1_000_000);
        let s = RecordingStatus::new(Service::BackgroundSync, Some(start));
        assert!(s.is_recording_at(start));
        assert!(s.is_recording_at(start + RECORDING_DURATION - Duration::from_millis(1)));
        assert!(!s.is_recording_at(start + RECORDING_DURATION));
        assert!(!RecordingStatus::new(Service::BackgroundSync, None).is_recording_at(start));
    }

    #[test]
    fn metadata_is_sorted_by_key() {
        let m = metadata([
            ("Next Attempt Delay (ms)", "3000".into()),
            ("Failure Reason", "timeout".into()),
        ]);
        assert_eq!(m[0].key, "Failure Reason");
    }
}
