//! `syncscope export`: a service's events as a DevTools "Save events" file, to stdout or a file.

use std::io::IsTerminal;

use crate::cli::ExportArgs;
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::Out;

/// Runs `syncscope export`.
pub fn run(args: ExportArgs, db: &DbLocation) -> CliResult {
    let store = db.open_for_reading()?;
    let origin = args.origin.as_deref().map(crate::filter::normalize_origin);
    let text = syncscope_engine::export_from_store(&store, args.service, origin)?;
    match &args.output {
        None => {
            let mut out = Out::stdout();
            out.write_str(&text)?;
            // DevTools' files end without a newline; keep piped output byte-for-byte, but end the line on a terminal.
            if std::io::stdout().is_terminal() {
                out.write_str("\n")?;
            }
            out.flush()
        }
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|e| CliError::msg(format!("could not write {}: {e}", path.display())))?;
            let count = serde_json::from_str::<Vec<serde_json::Value>>(&text)
                .map(|v| v.len())
                .unwrap_or(0);
            eprintln!(
                "Saved {count} {} event{} to {}",
                args.service,
                if count == 1 { "" } else { "s" },
                path.display()
            );
            Ok(())
        }
    }
}
