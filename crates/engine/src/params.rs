//! The engine's tunables: Chromium's `BackgroundSyncParameters`, with Chromium's defaults and field-trial names.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::time::millis;

/// Chromium's `BackgroundSyncParameters`: every timing the scheduler applies.
///
/// Durations serialize as whole milliseconds (`initial_retry_delay_ms`, …) so the JSON is unambiguous;
/// [`SyncParameters::set`] takes Chromium's field-trial names (`initial_retry_delay_sec`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncParameters {
    /// How many times a one-shot sync is dispatched before it is given up (Chromium: 3).
    pub max_sync_attempts: u32,
    /// Delay before the second attempt (Chromium: 5 min).
    #[serde(rename = "initial_retry_delay_ms", with = "duration_ms")]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub initial_retry_delay: Duration,
    /// Each further retry waits this many times longer than the one before (Chromium: 3).
    pub retry_delay_factor: u32,
    /// Shortest delay before a closed browser is woken to retry (Chromium: 6 min). Kept for fidelity and shown in
    /// settings; the engine never sleeps while "closed", so it does not shorten or lengthen any in-process delay.
    #[serde(rename = "min_sync_recovery_time_ms", with = "duration_ms")]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub min_sync_recovery_time: Duration,
    /// A sync or periodicsync event still running after this long counts as failed, status `timeout` (Chromium: 3 min).
    #[serde(rename = "max_sync_event_duration_ms", with = "duration_ms")]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub max_sync_event_duration: Duration,
    /// Shortest gap between two periodicsync events of one origin, before the engagement penalty (Chromium: 12 h).
    #[serde(rename = "min_periodic_sync_events_interval_ms", with = "duration_ms")]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub min_periodic_sync_events_interval: Duration,
}

impl Default for SyncParameters {
    fn default() -> Self {
        SyncParameters {
            max_sync_attempts: 3,
            initial_retry_delay: Duration::from_secs(5 * 60),
            retry_delay_factor: 3,
            min_sync_recovery_time: Duration::from_secs(6 * 60),
            max_sync_event_duration: Duration::from_secs(3 * 60),
            min_periodic_sync_events_interval: Duration::from_secs(12 * 3600),
        }
    }
}

/// The field-trial parameter names [`SyncParameters::set`] understands, in Chromium's spelling.
pub const PARAMETER_NAMES: [&str; 6] = [
    "max_sync_attempts",
    "initial_retry_delay_sec",
    "retry_delay_factor",
    "min_recovery_time_sec",
    "max_sync_event_duration_sec",
    "min_periodic_sync_events_interval_sec",
];

/// Longest duration a parameter may take: ten years. Anything longer is a typo, and would overflow time arithmetic.
const MAX_PARAM_SECONDS: f64 = 10.0 * 365.0 * 86_400.0;

/// A parameter that could not be set.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamError {
    /// The name is none of [`PARAMETER_NAMES`].
    #[error("unknown engine parameter {name:?}; known parameters: {}", PARAMETER_NAMES.join(", "))]
    UnknownName {
        /// The name given.
        name: String,
    },
    /// The value is not acceptable for that parameter.
    #[error("invalid value {value:?} for {name}: {expected}")]
    InvalidValue {
        /// The parameter's name.
        name: String,
        /// The value given.
        value: String,
        /// What the parameter takes.
        expected: &'static str,
    },
}

impl SyncParameters {
    /// Sets one parameter by its Chromium field-trial name, e.g. `("initial_retry_delay_sec", "3")`.
    ///
    /// Seconds may be fractional (`"0.5"`). Counts and factors must be whole numbers ≥ 1.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), ParamError> {
        let invalid = |expected| ParamError::InvalidValue {
            name: name.to_string(),
            value: value.to_string(),
            expected,
        };
        let count = || -> Result<u32, ParamError> {
            match value.trim().parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => Ok(n),
                _ => Err(invalid("a whole number from 1 to 1000")),
            }
        };
        let seconds = || -> Result<Duration, ParamError> {
            match value.trim().parse::<f64>() {
                Ok(s) if s.is_finite() && (0.0..=MAX_PARAM_SECONDS).contains(&s) => {
                    Ok(Duration::from_millis((s * 1000.0).round() as u64))
                }
                _ => Err(invalid(
                    "a number of seconds from 0 to 315360000 (ten years)",
                )),
            }
        };
        match name {
            "max_sync_attempts" => self.max_sync_attempts = count()?,
            "retry_delay_factor" => self.retry_delay_factor = count()?,
            "initial_retry_delay_sec" => self.initial_retry_delay = seconds()?,
            "min_recovery_time_sec" => self.min_sync_recovery_time = seconds()?,
            "max_sync_event_duration_sec" => {
                let d = seconds()?;
                if d.is_zero() {
                    return Err(invalid(
                        "a number of seconds above 0 (a zero limit would fail every event)",
                    ));
                }
                self.max_sync_event_duration = d
            }
            "min_periodic_sync_events_interval_sec" => {
                let d = seconds()?;
                if d < Duration::from_millis(1) {
                    return Err(invalid(
                        "at least 0.001 seconds (periodic slots are multiples of it)",
                    ));
                }
                self.min_periodic_sync_events_interval = d
            }
            _ => {
                return Err(ParamError::UnknownName {
                    name: name.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Sets several parameters from `name=value` pairs, all or nothing.
    pub fn with_assignments<'a>(
        &self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<SyncParameters, ParamError> {
        let mut next = self.clone();
        for (k, v) in pairs {
            next.set(k, v)?;
        }
        Ok(next)
    }

    /// The parameters as `(field-trial name, value)` pairs, seconds printed without needless decimals.
    pub fn as_field_trial_pairs(&self) -> Vec<(&'static str, String)> {
        let secs = |d: Duration| {
            let ms = millis(d);
            if ms.is_multiple_of(1000) {
                (ms / 1000).to_string()
            } else {
                format!("{}", ms as f64 / 1000.0)
            }
        };
        vec![
            ("max_sync_attempts", self.max_sync_attempts.to_string()),
            ("initial_retry_delay_sec", secs(self.initial_retry_delay)),
            ("retry_delay_factor", self.retry_delay_factor.to_string()),
            ("min_recovery_time_sec", secs(self.min_sync_recovery_time)),
            (
                "max_sync_event_duration_sec",
                secs(self.max_sync_event_duration),
            ),
            (
                "min_periodic_sync_events_interval_sec",
                secs(self.min_periodic_sync_events_interval),
            ),
        ]
    }

    /// Checks the invariants [`SyncParameters::set`] enforces, for parameters that arrived as JSON.
    pub fn validate(&self) -> Result<(), ParamError> {
        let mut copy = SyncParameters::default();
        for (name, value) in self.as_field_trial_pairs() {
            copy.set(name, &value)?;
        }
        Ok(())
    }
}

impl fmt::Display for SyncParameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, value) in self.as_field_trial_pairs() {
            writeln!(f, "{name}={value}")?;
        }
        Ok(())
    }
}

/// Serde adapter: a `Duration` as whole milliseconds.
pub(crate) mod duration_ms {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(super::millis(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        Ok(Duration::from_millis(u64::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_chromiums() {
        let p = SyncParameters::default();
        assert_eq!(p.max_sync_attempts, 3);
        assert_eq!(p.initial_retry_delay, Duration::from_secs(300));
        assert_eq!(p.retry_delay_factor, 3);
        assert_eq!(p.min_sync_recovery_time, Duration::from_secs(360));
        assert_eq!(p.max_sync_event_duration, Duration::from_secs(180));
        assert_eq!(
            p.min_periodic_sync_events_interval,
            Duration::from_secs(43_200)
        );
    }

    #[test]
    fn field_trial_names_set_values() {
        let p = SyncParameters::default()
            .with_assignments([
                ("initial_retry_delay_sec", "3"),
                ("retry_delay_factor", "2"),
                ("min_periodic_sync_events_interval_sec", "5"),
                ("max_sync_event_duration_sec", "0.5"),
            ])
            .unwrap();
        assert_eq!(p.initial_retry_delay, Duration::from_secs(3));
        assert_eq!(p.retry_delay_factor, 2);
        assert_eq!(p.min_periodic_sync_events_interval, Duration::from_secs(5));
        assert_eq!(p.max_sync_event_duration, Duration::from_millis(500));
    }

    #[test]
    fn bad_values_name_the_parameter_and_the_value() {
        let mut p = SyncParameters::default();
        for (name, value) in [
            ("initial_retry_delay_sec", "-1"),
            ("initial_retry_delay_sec", "NaN"),
            ("initial_retry_delay_sec", "1e300"),
            ("max_sync_attempts", "0"),
            ("retry_delay_factor", "2.5"),
            ("max_sync_event_duration_sec", "0"),
        ] {
            let e = p.set(name, value).unwrap_err().to_string();
            assert!(e.contains(name) && e.contains(value), "{e}");
        }
        assert!(matches!(
            p.set("bogus", "1"),
            Err(ParamError::UnknownName { .. })
        ));
        assert_eq!(p, SyncParameters::default(), "failed sets change nothing");
    }

    #[test]
    fn json_uses_millisecond_fields() {
        let json = serde_json::to_value(SyncParameters::default()).unwrap();
        assert_eq!(json["initial_retry_delay_ms"], 300_000);
        let back: SyncParameters = serde_json::from_value(json).unwrap();
        assert_eq!(back, SyncParameters::default());
    }
}
