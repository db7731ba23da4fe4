//! Points in time on the engine's clock, and the duration syntax users type ("5m", "3d").

use std::fmt;
use std::ops::{Add, Sub};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A point in time, in whole milliseconds since the Unix epoch, as read from the engine's [`Clock`](crate::Clock).
///
/// Milliseconds are the unit of every delay Chromium logs ("Next Attempt Delay (ms)"), so nothing finer is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "number"))]
#[serde(transparent)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The epoch itself.
    pub const EPOCH: Timestamp = Timestamp(0);
    /// The latest representable time; used for "never".
    pub const MAX: Timestamp = Timestamp(i64::MAX);

    /// A timestamp `ms` milliseconds after the Unix epoch.
    pub const fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// Seconds since the epoch as a float, the unit of CDP's `BackgroundServiceEvent.timestamp`.
    pub fn as_seconds_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// The wall-clock time of this machine.
    pub fn wall_clock() -> Self {
        Timestamp(chrono::Utc::now().timestamp_millis())
    }

    /// How long from `earlier` to `self`, or zero if `earlier` is later.
    pub fn saturating_since(self, earlier: Timestamp) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0).max(0) as u64)
    }

    /// This time as RFC 3339 text in UTC (millisecond precision).
    pub fn to_rfc3339(self) -> String {
        match chrono::DateTime::<chrono::Utc>::from_timestamp_millis(self.0) {
            Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            None => format!("{}ms", self.0),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Add<Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, d: Duration) -> Timestamp {
        let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        Timestamp(self.0.saturating_add(ms))
    }
}

impl Sub<Duration> for Timestamp {
    type Output = Timestamp;
    fn sub(self, d: Duration) -> Timestamp {
        let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        Timestamp(self.0.saturating_sub(ms))
    }
}

/// Whole milliseconds of a duration, saturating.
pub fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A duration that could not be read from text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid duration {input:?}: expected a number of milliseconds or a number with a unit (ms, s, m, h, d), e.g. 500, \"5m\", \"3d\", \"1h30m\""
)]
pub struct DurationParseError {
    /// The text that was given.
    pub input: String,
}

/// Reads a duration as users type it: `1500` (milliseconds), `"90s"`, `"5m"`, `"12h"`, `"3d"`, `"1h30m"`, `"0.5s"`.
pub fn parse_duration(input: &str) -> Result<Duration, DurationParseError> {
    let err = || DurationParseError {
        input: input.to_string(),
    };
    let s = input.trim();
    if s.is_empty() {
        return Err(err());
    }
    if let Ok(ms) = s.parse::<u64>() {
        return Ok(Duration::from_millis(ms));
    }
    let mut total_ms: f64 = 0.0;
    let mut rest = s;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(err)?;
        if num_end == 0 {
            return Err(err());
        }
        let value: f64 = rest[..num_end].parse().map_err(|_| err())?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "ms" => 1.0,
            "s" => 1_000.0,
            "m" | "min" => 60_000.0,
            "h" => 3_600_000.0,
            "d" => 86_400_000.0,
            _ => return Err(err()),
        };
        rest = &rest[unit_end..];
        total_ms += value * factor;
    }
    // Beyond ~292 million years the value no longer fits; such input is a mistake, not a wish.
    if !total_ms.is_finite() || total_ms > 9.0e15 {
        return Err(err());
    }
    Ok(Duration::from_millis(total_ms.round() as u64))
}

/// Writes a duration exactly, in hours, minutes, seconds and milliseconds: `13h`, `24h`, `1h30m`, `5m`,
/// `1s500ms`, `0ms` — what [`parse_duration`] reads back to the same value. (Hours, not days: intervals read
/// as Chromium's documentation states them.) The UI's `formatDuration` writes the same
/// (`tests/fixtures/durations.json` holds the cases both are tested against).
pub fn format_duration(d: Duration) -> String {
    let ms = millis(d);
    if ms == 0 {
        return "0ms".to_string();
    }
    [
        (ms / 3_600_000, "h"),
        (ms / 60_000 % 60, "m"),
        (ms / 1000 % 60, "s"),
        (ms % 1000, "ms"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, unit)| format!("{n}{unit}"))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases the engine and the UI share.
    #[test]
    fn durations_are_written_and_read_as_the_shared_table_says() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/durations.json")).unwrap();
        for case in table["format"].as_array().unwrap() {
            let ms = case[0].as_u64().unwrap();
            let text = case[1].as_str().unwrap();
            assert_eq!(format_duration(Duration::from_millis(ms)), text, "{ms} ms");
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_millis(ms)),
                "{text} reads back"
            );
        }
        for case in table["parse"].as_array().unwrap() {
            let text = case[0].as_str().unwrap();
            let ms = case[1].as_u64().unwrap();
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_millis(ms)),
                "{text:?}"
            );
        }
        for case in table["invalid"].as_array().unwrap() {
            let text = case.as_str().unwrap();
            assert!(parse_duration(text).is_err(), "{text:?} is refused");
        }
    }

    #[test]
    fn parses_plain_and_unit_durations() {
        assert_eq!(parse_duration("1500").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(
            parse_duration("3d").unwrap(),
            Duration::from_secs(3 * 86_400)
        );
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_duration("0.5s").unwrap(), Duration::from_millis(500));
    }

    #[test]
    fn rejects_malformed_durations_with_the_input_named() {
        for bad in ["", "m", "5x", "-5m", "1e999d", "5m3"] {
            let e = parse_duration(bad).unwrap_err();
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
    }

    #[test]
    fn timestamps_print_as_rfc3339() {
        assert_eq!(
            Timestamp::from_millis(1_700_000_000_123).to_string(),
            "2023-11-14T22:13:20.123Z"
        );
    }
}
