//! DevTools' "Save events" file format: a JSON array of CDP `BackgroundServiceEvent` objects, indented by two
//! spaces as `JSON.stringify(events, undefined, 2)` writes it. Files move between Syncscope and DevTools.

use crate::recorder::BackgroundServiceEvent;

/// A file that is not a DevTools events file, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON at all.
    #[error(
        "{source_name}: not valid JSON ({detail}); expected a DevTools \"Save events\" file: a JSON array of background service events"
    )]
    NotJson {
        /// The file's name.
        source_name: String,
        /// The parser's message, with line and column.
        detail: String,
    },
    /// JSON, but not an array.
    #[error("{source_name}: expected a JSON array of background service events, found {found}")]
    NotAnArray {
        /// The file's name.
        source_name: String,
        /// What was found instead.
        found: &'static str,
    },
    /// An element of the array is not a valid event.
    #[error(
        "{source_name}: event #{index} (0-based) is not a valid background service event: {detail}"
    )]
    BadEvent {
        /// The file's name.
        source_name: String,
        /// The element's position.
        index: usize,
        /// What is wrong with it.
        detail: String,
    },
}

/// Writes events as DevTools' "Save events" does.
pub fn export(events: &[BackgroundServiceEvent]) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(events).unwrap_or_else(|_| "[]".to_string())
}

/// The latest time a JavaScript `Date` (so DevTools) can show: 8.64e15 ms after 1970, in seconds.
const MAX_TIMESTAMP_SECS: f64 = 8.64e12;

/// Reads a DevTools "Save events" file. `source_name` names it in errors.
pub fn import(source_name: &str, text: &str) -> Result<Vec<BackgroundServiceEvent>, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson {
            source_name: source_name.to_string(),
            detail: e.to_string(),
        })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        other => {
            return Err(ImportError::NotAnArray {
                source_name: source_name.to_string(),
                found: json_kind(&other),
            });
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let bad = |detail: String| ImportError::BadEvent {
                source_name: source_name.to_string(),
                index,
                detail,
            };
            if !item.is_object() {
                return Err(bad(format!(
                    "expected an object, found {}",
                    json_kind(&item)
                )));
            }
            let event: BackgroundServiceEvent =
                serde_json::from_value(item).map_err(|e| bad(e.to_string()))?;
            if event.timestamp < 0.0 {
                return Err(bad(format!("timestamp {} is negative", event.timestamp)));
            }
            if event.timestamp > MAX_TIMESTAMP_SECS {
                return Err(bad(format!(
                    "timestamp {} is after the last date a browser can show (+275760-09-13, \
                     {MAX_TIMESTAMP_SECS} s after 1970)",
                    event.timestamp
                )));
            }
            Ok(event)
        })
        .collect()
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[
  {
    "timestamp": 1700000000.123,
    "origin": "https://example.com",
    "serviceWorkerRegistrationId": "7",
    "service": "backgroundSync",
    "eventName": "sync event failed",
    "instanceId": "outbox",
    "eventMetadata": [
      {
        "key": "Next Attempt Delay (ms)",
        "value": "300000"
      },
      {
        "key": "Failure Reason",
        "value": "waitUntil rejected"
      }
    ],
    "storageKey": "https://example.com/"
  },
  {
    "timestamp": 1700000001,
    "origin": "https://example.com",
    "serviceWorkerRegistrationId": "7",
    "service": "periodicBackgroundSync",
    "eventName": "Dispatched periodicsync event",
    "instanceId": "news",
    "eventMetadata": [],
    "storageKey": "https://example.com/"
  }
]"#;

    #[test]
    fn devtools_files_round_trip_byte_for_byte() {
        let events = import("sample.json", SAMPLE).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].metadata("Failure Reason"),
            Some("waitUntil rejected")
        );
        assert_eq!(export(&events), SAMPLE);
    }

    #[test]
    fn malformed_files_are_refused_with_the_place_named() {
        let e = import("x.json", "{").unwrap_err().to_string();
        assert!(e.contains("x.json") && e.contains("not valid JSON"), "{e}");
        let e = import("x.json", "{}").unwrap_err().to_string();
        assert!(e.contains("found an object"), "{e}");
        let e = import("x.json", "[1]").unwrap_err().to_string();
        assert!(
            e.contains("event #0") && e.contains("found a number"),
            "{e}"
        );
        let bad_service = SAMPLE.replace("\"backgroundSync\"", "\"bogusService\"");
        let e = import("x.json", &bad_service).unwrap_err().to_string();
        assert!(e.contains("event #0") && e.contains("bogusService"), "{e}");
        let missing = SAMPLE.replace("\"eventName\": \"Dispatched periodicsync event\",", "");
        let e = import("x.json", &missing).unwrap_err().to_string();
        assert!(e.contains("event #1") && e.contains("eventName"), "{e}");
        let far = SAMPLE.replace("1700000000.123", "1.7e54");
        let e = import("x.json", &far).unwrap_err().to_string();
        assert!(
            e.contains("event #0") && e.contains("after the last date"),
            "{e}"
        );
    }

    /// Found by `cargo fuzz` (devtools_import): without serde_json's `float_roundtrip`, a timestamp read from
    /// a file could come back one unit in the last place off once exported.
    #[test]
    fn every_timestamp_read_is_written_back_as_the_same_number() {
        for ts in [
            "1796662808.471",
            "1796777777.7777777777777777777777777777777777664008471",
            "17967777777777777777777777.77664008471e-14",
            "8639999999999.999",
            "0.1",
            "1e-300",
            "123456789.98765433",
        ] {
            let text = SAMPLE.replace("1700000000.123", ts);
            let events = import("x.json", &text).unwrap();
            let again = import("again.json", &export(&events)).unwrap();
            assert_eq!(again, events, "{ts}");
            assert_eq!(events[0].timestamp, ts.parse::<f64>().unwrap(), "{ts}");
        }
    }
}
