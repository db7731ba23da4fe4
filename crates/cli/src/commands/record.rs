//! `syncscope record`: recording status per service, or switching it on (for three days) or off.

use serde::Serialize;
use syncscope_engine::{RecordingStatus, Service, Timestamp};

use crate::cli::RecordArgs;
use crate::db::DbLocation;
use crate::error::CliResult;
use crate::output::{self, NONE, Out, Table};

/// One service's recording state as printed.
#[derive(Serialize)]
struct StatusView {
    #[serde(flatten)]
    status: RecordingStatus,
    /// Whether events happening now (wall clock) are recorded.
    recording: bool,
}

/// Runs `syncscope record`.
pub fn run(args: RecordArgs, db: &DbLocation) -> CliResult {
    let services: Vec<Service> = if args.service.is_empty() {
        Service::ALL.to_vec()
    } else {
        args.service.clone()
    };
    let now = Timestamp::wall_clock();
    let mut out = Out::stdout();
    let (store, _engine_lock) = if args.on || args.off {
        let (mut store, lock) = db.open_for_settings("the recording state")?;
        let started = args.on.then_some(now);
        let mut tx = store.write()?;
        for s in &services {
            tx.set_recording(*s, started)?;
        }
        tx.commit()?;
        if !args.json {
            let names: Vec<&str> = services.iter().map(|s| s.as_str()).collect();
            out.line(&format!(
                "Recording switched {} for {}.",
                if args.on { "on" } else { "off" },
                names.join(", ")
            ))?;
        }
        (store, Some(lock))
    } else {
        (db.open_for_reading()?, None)
    };
    let statuses: Vec<StatusView> = store
        .recording()?
        .into_iter()
        .filter(|r| services.contains(&r.service))
        .map(|status| StatusView {
            recording: status.is_recording_at(now),
            status,
        })
        .collect();
    if args.json {
        return out.json_pretty(&statuses);
    }
    let time = |t: Option<Timestamp>| t.map(|t| t.to_rfc3339()).unwrap_or_else(|| NONE.into());
    let mut table = Table::new(&["Service", "Recording", "Started", "Stops"]);
    for v in &statuses {
        table.row(vec![
            v.status.service.to_string(),
            output::yes_no(v.recording).to_string(),
            time(v.status.started_at),
            time(v.status.stops_at),
        ]);
    }
    out.write_str(&table.render())
}
