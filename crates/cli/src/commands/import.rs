//! `syncscope import`: DevTools "Save events" files into the event log. Every file is read and checked
//! before the database is opened; a bad file contributes nothing, and the good ones are still imported.

use std::path::{Path, PathBuf};

use syncscope_engine::BackgroundServiceEvent;

use crate::cli::ImportArgs;
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::Out;

/// The `source` the store gives imported events.
const SOURCE: &str = "import";

/// Runs `syncscope import`.
pub fn run(args: ImportArgs, db: &DbLocation) -> CliResult {
    let mut good: Vec<(PathBuf, Vec<BackgroundServiceEvent>)> = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    for path in &args.files {
        match read(path) {
            Ok(events) => good.push((path.clone(), events)),
            Err(message) => {
                eprintln!("error: {message} — nothing from this file was imported");
                failed.push(path.display().to_string());
            }
        }
    }

    let mut out = Out::stdout();
    if !good.is_empty() {
        let mut store = db.open_for_writing()?;
        for (path, events) in &good {
            let added = store.import_events(events, SOURCE)?;
            out.line(&format!(
                "{}: {added} event{} imported ({} already present)",
                path.display(),
                if added == 1 { "" } else { "s" },
                events.len() - added
            ))?;
        }
    }

    if failed.is_empty() {
        return Ok(());
    }
    let rest = match good.len() {
        0 => "nothing was imported".to_string(),
        1 => "the other file was imported".to_string(),
        n => format!("the other {n} files were imported"),
    };
    Err(CliError::msg(format!(
        "{} of {} file{} could not be imported ({}); {rest}",
        failed.len(),
        args.files.len(),
        if args.files.len() == 1 { "" } else { "s" },
        failed.join(", ")
    )))
}

/// Reads and checks one file; the error names it and says what is wrong.
fn read(path: &Path) -> Result<Vec<BackgroundServiceEvent>, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!("{name}: not UTF-8 text ({e}); expected a DevTools \"Save events\" JSON file")
    })?;
    syncscope_engine::devtools::import(&name, &text).map_err(|e| e.to_string())
}
