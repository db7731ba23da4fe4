//! Plain-data types the engine works with: origins, service-worker registrations, sync registrations,
//! permissions and site engagement. They cross to the store, the CLI's JSON and the UI unchanged.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::parse_error::ParseError;
use crate::time::Timestamp;

/// A web origin (`scheme://host[:port]`), always in its serialized ASCII form, e.g. `https://example.com`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "string"))]
#[serde(try_from = "String", into = "String")]
pub struct Origin(String);

impl Origin {
    /// Parses an origin or any URL of it (`https://example.com/app/` → `https://example.com`).
    pub fn parse(input: &str) -> Result<Origin, ParseError> {
        let invalid = |why: &str| ParseError::InvalidOrigin {
            input: input.to_string(),
            why: why.to_string(),
        };
        let url = url::Url::parse(input.trim()).map_err(|e| invalid(&e.to_string()))?;
        match url.scheme() {
            "http" | "https" => {}
            other => {
                return Err(invalid(&format!(
                    "scheme {other:?} is not http or https; service workers need one of those"
                )));
            }
        }
        let origin = url.origin();
        if !origin.is_tuple() {
            return Err(invalid("it has no host"));
        }
        Ok(Origin(origin.ascii_serialization()))
    }

    /// The origin as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first-party storage key Chromium logs for this origin: the origin followed by `/`.
    pub fn storage_key(&self) -> String {
        format!("{}/", self.0)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Origin {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Origin::parse(&s)
    }
}

impl From<Origin> for String {
    fn from(o: Origin) -> String {
        o.0
    }
}

impl FromStr for Origin {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Origin::parse(s)
    }
}

/// A service-worker registration's id, unique within one engine database (Chromium's int64 registration id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "number"))]
#[serde(transparent)]
pub struct SwRegistrationId(pub i64);

impl fmt::Display for SwRegistrationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What it takes to create a service-worker registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ServiceWorkerSpec {
    /// The scope URL, e.g. `https://example.com/`. Its origin is the registration's origin.
    pub scope: String,
    /// The worker script's URL, e.g. `https://example.com/sw.js`; must be same-origin with the scope.
    pub script_url: String,
}

/// A service-worker registration as the engine sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ServiceWorkerRegistration {
    /// Its id.
    pub id: SwRegistrationId,
    /// Its origin.
    pub origin: Origin,
    /// Its scope URL.
    pub scope: String,
    /// Its worker script's URL.
    pub script_url: String,
    /// Whether it has an active worker (registering a sync needs one).
    pub active: bool,
    /// How many window clients (pages) it has; a one-shot sync can only be registered with at least one.
    pub window_clients: u32,
}

/// Which of the two sync APIs a registration belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum SyncKind {
    /// `registration.sync` (Background Sync).
    OneShot,
    /// `registration.periodicSync` (Periodic Background Sync).
    Periodic,
}

impl SyncKind {
    /// The event name: `sync` or `periodicsync`.
    pub fn event_name(self) -> &'static str {
        match self {
            SyncKind::OneShot => "sync",
            SyncKind::Periodic => "periodicsync",
        }
    }

    /// The DevTools background service whose log this kind's events go to.
    pub fn service(self) -> crate::recorder::Service {
        match self {
            SyncKind::OneShot => crate::recorder::Service::BackgroundSync,
            SyncKind::Periodic => crate::recorder::Service::PeriodicBackgroundSync,
        }
    }

    /// The stable text form used in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncKind::OneShot => "one-shot",
            SyncKind::Periodic => "periodic",
        }
    }

    pub(crate) fn from_db(s: &str) -> Option<SyncKind> {
        match s {
            "one-shot" => Some(SyncKind::OneShot),
            "periodic" => Some(SyncKind::Periodic),
            _ => None,
        }
    }
}

/// Chromium's `BackgroundSyncState`: where a registration is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum SyncState {
    /// Waiting for its time and the network.
    Pending,
    /// Its event is running.
    Firing,
    /// Registered again while its event was running: it fires again afterwards with attempts reset.
    ReregisteredWhileFiring,
}

impl SyncState {
    /// The stable text form used in the store and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncState::Pending => "pending",
            SyncState::Firing => "firing",
            SyncState::ReregisteredWhileFiring => "reregistered-while-firing",
        }
    }

    pub(crate) fn from_db(s: &str) -> Option<SyncState> {
        match s {
            "pending" => Some(SyncState::Pending),
            "firing" => Some(SyncState::Firing),
            "reregistered-while-firing" => Some(SyncState::ReregisteredWhileFiring),
            _ => None,
        }
    }
}

/// When a registration may next fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", content = "at", rename_all = "kebab-case")]
pub enum DelayUntil {
    /// Ready from this time on (online permitting).
    At(Timestamp),
    /// Never, until something changes: a periodic registration whose origin has no site engagement.
    Suspended,
}

impl DelayUntil {
    /// The time, or `None` when suspended.
    pub fn time(self) -> Option<Timestamp> {
        match self {
            DelayUntil::At(t) => Some(t),
            DelayUntil::Suspended => None,
        }
    }
}

/// One `sync` or `periodicSync` registration of a service-worker registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncRegistration {
    /// The service-worker registration it belongs to.
    pub sw_registration_id: SwRegistrationId,
    /// That registration's origin.
    pub origin: Origin,
    /// The tag the page or worker gave.
    pub tag: String,
    /// One-shot or periodic.
    pub kind: SyncKind,
    /// For periodic registrations, the `minInterval` asked for, in milliseconds.
    pub min_interval_ms: Option<u64>,
    /// Its state.
    pub state: SyncState,
    /// Failed attempts so far (reset on success for periodic, and on re-registration while firing).
    pub num_attempts: u32,
    /// Attempts allowed, fixed when it was registered.
    pub max_attempts: u32,
    /// When it may next fire.
    pub delay_until: DelayUntil,
}

impl SyncRegistration {
    /// The `lastChance` the next dispatch will carry.
    pub fn last_chance_next(&self) -> bool {
        self.kind == SyncKind::OneShot && self.num_attempts + 1 == self.max_attempts
    }
}

/// A registration as the Tags inspector shows it: the registration plus what the engine derives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TagInfo {
    /// The registration.
    #[serde(flatten)]
    pub registration: SyncRegistration,
    /// The service-worker scope it belongs to.
    pub scope: String,
    /// `pending`, `firing`, `reregistered-while-firing`, or `suspended` (periodic with no engagement).
    pub display_state: String,
    /// The next fire time, when known (online permitting).
    pub next_fire: Option<Timestamp>,
    /// Whether the next dispatch carries `lastChance: true`.
    pub last_chance_next: bool,
    /// For periodic registrations: minInterval snapped to the engagement-penalized slot size, in ms.
    pub effective_interval_ms: Option<u64>,
}

/// Chromium's site-engagement levels, which scale the periodic sync interval.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Engagement {
    /// No engagement: periodic syncs are suspended.
    None,
    /// Minimal: interval ×3.
    Minimal,
    /// Low: interval ×2.
    Low,
    /// Medium: interval ×2. The default, as measured for a fresh Chromium profile.
    #[default]
    Medium,
    /// High: interval ×1.
    High,
    /// Max: interval ×1.
    Max,
}

impl Engagement {
    /// All levels, lowest first.
    pub const ALL: [Engagement; 6] = [
        Engagement::None,
        Engagement::Minimal,
        Engagement::Low,
        Engagement::Medium,
        Engagement::High,
        Engagement::Max,
    ];

    /// Chromium's `GetSiteEngagementPenalty`: 0 means suspended.
    pub fn penalty(self) -> u32 {
        match self {
            Engagement::None => 0,
            Engagement::Minimal => 3,
            Engagement::Low | Engagement::Medium => 2,
            Engagement::High | Engagement::Max => 1,
        }
    }

    /// The level's lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Engagement::None => "none",
            Engagement::Minimal => "minimal",
            Engagement::Low => "low",
            Engagement::Medium => "medium",
            Engagement::High => "high",
            Engagement::Max => "max",
        }
    }
}

impl FromStr for Engagement {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Engagement::ALL
            .into_iter()
            .find(|e| e.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| ParseError::InvalidValue(format!(
                "unknown site engagement level {s:?}; expected one of none, minimal, low, medium, high, max"
            )))
    }
}

/// The permissions the sync APIs check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum PermissionName {
    /// `background-sync` (granted by default, as in Chromium).
    BackgroundSync,
    /// `periodic-background-sync` (denied by default: Chromium grants it only to installed apps).
    PeriodicBackgroundSync,
}

impl PermissionName {
    /// The permission's web name.
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionName::BackgroundSync => "background-sync",
            PermissionName::PeriodicBackgroundSync => "periodic-background-sync",
        }
    }
}

impl FromStr for PermissionName {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "background-sync" => Ok(PermissionName::BackgroundSync),
            "periodic-background-sync" => Ok(PermissionName::PeriodicBackgroundSync),
            _ => Err(ParseError::InvalidValue(format!(
                "unknown permission {s:?}; expected background-sync or periodic-background-sync"
            ))),
        }
    }
}

/// A permission's setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum PermissionState {
    /// Allowed.
    Granted,
    /// Refused: registering fails with `NotAllowedError`.
    Denied,
    /// Not decided; the sync APIs treat it as denied (they never prompt).
    Prompt,
}

impl PermissionState {
    /// The state's web name.
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionState::Granted => "granted",
            PermissionState::Denied => "denied",
            PermissionState::Prompt => "prompt",
        }
    }
}

impl FromStr for PermissionState {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "granted" => Ok(PermissionState::Granted),
            "denied" => Ok(PermissionState::Denied),
            "prompt" => Ok(PermissionState::Prompt),
            _ => Err(ParseError::InvalidValue(format!(
                "unknown permission state {s:?}; expected granted, denied or prompt"
            ))),
        }
    }
}

/// Per-origin settings: engagement and the two permissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OriginSettings {
    /// The origin.
    pub origin: Origin,
    /// Its site-engagement level.
    pub engagement: Engagement,
    /// `background-sync`.
    pub background_sync: PermissionState,
    /// `periodic-background-sync`.
    pub periodic_background_sync: PermissionState,
}

impl OriginSettings {
    /// Chromium's defaults for an origin seen for the first time.
    pub fn new(origin: Origin) -> Self {
        OriginSettings {
            origin,
            engagement: Engagement::default(),
            background_sync: PermissionState::Granted,
            periodic_background_sync: PermissionState::Denied,
        }
    }

    /// The setting of one permission.
    pub fn permission(&self, name: PermissionName) -> PermissionState {
        match name {
            PermissionName::BackgroundSync => self.background_sync,
            PermissionName::PeriodicBackgroundSync => self.periodic_background_sync,
        }
    }

    /// Changes one permission.
    pub fn set_permission(&mut self, name: PermissionName, state: PermissionState) {
        match name {
            PermissionName::BackgroundSync => self.background_sync = state,
            PermissionName::PeriodicBackgroundSync => self.periodic_background_sync = state,
        }
    }
}

/// The `minInterval` a page passed to `periodicSync.register`, checked as WebIDL's `[EnforceRange] unsigned long long`.
pub fn validate_min_interval(min_interval: f64) -> Result<u64, crate::dom_error::DomError> {
    // 2^53 - 1: the largest integer a JS number holds exactly, WebIDL's bound for unsigned long long.
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if !min_interval.is_finite() {
        return Err(crate::dom_error::DomError::type_error(format!(
            "Failed to execute 'register' on 'PeriodicSyncManager': minInterval {min_interval} is not a finite number."
        )));
    }
    let truncated = min_interval.trunc();
    if !(0.0..=MAX_SAFE).contains(&truncated) {
        return Err(crate::dom_error::DomError::type_error(format!(
            "Failed to execute 'register' on 'PeriodicSyncManager': minInterval {min_interval} is outside the 'unsigned long long' value range."
        )));
    }
    Ok(truncated as u64)
}

/// Chromium's `SnapToMaxOriginFrequency`: rounds `min_interval` up to a multiple of `gap` (at least one gap).
pub fn snap_to_origin_frequency(min_interval_ms: u64, gap_ms: u64) -> u64 {
    if gap_ms == 0 {
        return min_interval_ms;
    }
    if min_interval_ms < gap_ms {
        return gap_ms;
    }
    if min_interval_ms.is_multiple_of(gap_ms) {
        return min_interval_ms;
    }
    (min_interval_ms / gap_ms)
        .saturating_add(1)
        .saturating_mul(gap_ms)
}

/// Chromium's `ApplyMinGapForOrigin`: moves `delay` so that it is at least `gap` away from the origin's soonest
/// other periodic event (`till_next`, `None` when there is none), sharing its slot where it is close.
pub fn apply_min_gap_for_origin(
    delay: Duration,
    till_next: Option<Duration>,
    gap: Duration,
) -> Duration {
    let Some(next) = till_next else {
        return delay;
    };
    if delay <= next.saturating_sub(gap) && next >= gap {
        return delay;
    }
    if delay <= next {
        return next;
    }
    if delay <= next + gap {
        return next + gap;
    }
    delay
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized() {
        assert_eq!(
            Origin::parse("https://Example.com:443/app/?q")
                .unwrap()
                .as_str(),
            "https://example.com"
        );
        assert_eq!(
            Origin::parse("http://127.0.0.1:8080")
                .unwrap()
                .storage_key(),
            "http://127.0.0.1:8080/"
        );
        assert!(Origin::parse("file:///tmp/x").is_err());
        assert!(Origin::parse("not a url").is_err());
    }

    #[test]
    fn snapping_matches_chromium() {
        let h = 3_600_000;
        assert_eq!(snap_to_origin_frequency(13 * h, 12 * h), 24 * h);
        assert_eq!(snap_to_origin_frequency(13 * h, 36 * h), 36 * h);
        assert_eq!(snap_to_origin_frequency(24 * h, 12 * h), 24 * h);
        assert_eq!(snap_to_origin_frequency(1000, 10_000), 10_000);
    }

    #[test]
    fn min_gap_moves_delays_into_shared_slots() {
        let s = Duration::from_secs;
        // Far enough before the other event: unchanged.
        assert_eq!(apply_min_gap_for_origin(s(10), Some(s(30)), s(12)), s(10));
        // Too close before it: joins its slot.
        assert_eq!(apply_min_gap_for_origin(s(25), Some(s(30)), s(12)), s(30));
        // Just after it: pushed a gap later.
        assert_eq!(apply_min_gap_for_origin(s(35), Some(s(30)), s(12)), s(42));
        // Well after: unchanged.
        assert_eq!(apply_min_gap_for_origin(s(50), Some(s(30)), s(12)), s(50));
        assert_eq!(apply_min_gap_for_origin(s(5), None, s(12)), s(5));
    }

    #[test]
    fn min_interval_enforces_the_unsigned_long_long_range() {
        assert_eq!(validate_min_interval(1000.7).unwrap(), 1000);
        for bad in [-1.0, f64::NAN, f64::INFINITY, 1e300] {
            let e = validate_min_interval(bad).unwrap_err();
            assert_eq!(e.name, crate::dom_error::DomExceptionName::TypeError);
        }
    }
}
