//! `syncscope params`: the engine parameters saved in the database (Chromium's defaults when none were
//! saved), by Chromium field-trial name; `--set` changes them, all or nothing.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use syncscope_engine::SyncParameters;

use crate::cli::ParamsArgs;
use crate::db::DbLocation;
use crate::error::CliResult;
use crate::output::{Out, Table};

/// Runs `syncscope params`.
pub fn run(args: ParamsArgs, db: &DbLocation) -> CliResult {
    let pairs = || args.set.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let mut out = Out::stdout();
    let params = if args.set.is_empty() {
        let store = db.open_for_reading()?;
        store.load()?.params.unwrap_or_default()
    } else {
        // Check every assignment before touching the database, so a bad one creates or changes nothing.
        SyncParameters::default().with_assignments(pairs())?;
        let (mut store, _engine_lock) = db.open_for_settings("these parameters")?;
        let saved = store.load()?;
        let params = saved.params.unwrap_or_default().with_assignments(pairs())?;
        let mut tx = store.write()?;
        tx.save_settings(&params, saved.online.unwrap_or(true))?;
        tx.commit()?;
        if !args.json {
            let changed: Vec<String> = args.set.iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.line(&format!(
                "Saved {} (engines started on this database from now on use them).",
                changed.join(", ")
            ))?;
        }
        params
    };
    if args.json {
        return out.json_pretty(&as_json(&params));
    }
    let defaults = SyncParameters::default().as_field_trial_pairs();
    let mut table = Table::new(&["Parameter", "Value", "Default"]);
    for ((name, value), (_, default)) in params.as_field_trial_pairs().into_iter().zip(defaults) {
        table.row(vec![name.to_string(), value, default]);
    }
    out.write_str(&table.render())
}

/// The parameters as a JSON object of field-trial names to numbers, in Chromium's order.
fn as_json(params: &SyncParameters) -> FieldTrialObject {
    FieldTrialObject(
        params
            .as_field_trial_pairs()
            .into_iter()
            .map(|(name, value)| {
                let number = value
                    .parse::<u64>()
                    .map(Value::from)
                    .or_else(|_| value.parse::<f64>().map(Value::from))
                    .unwrap_or(Value::String(value));
                (name, number)
            })
            .collect(),
    )
}

/// A JSON object whose keys keep the order they were given in.
struct FieldTrialObject(Vec<(&'static str, Value)>);

impl Serialize for FieldTrialObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_are_numbers() {
        let p = SyncParameters::default()
            .with_assignments([("max_sync_event_duration_sec", "0.5")])
            .unwrap();
        let v = serde_json::to_value(as_json(&p)).unwrap();
        assert_eq!(v["initial_retry_delay_sec"], 300);
        assert_eq!(v["max_sync_event_duration_sec"], 0.5);
        assert_eq!(v.as_object().map(|o| o.len()), Some(6));
        let text = serde_json::to_string(&as_json(&p)).unwrap();
        assert!(text.starts_with("{\"max_sync_attempts\":3,"), "{text}");
    }
}
