//! Printing: aligned text tables, fixed-width lines for live output, JSON, and how times, durations and
//! metadata read in a terminal. Everything goes through [`Out`], so a closed pipe ends a command quietly.

use std::io::Write;

use serde::Serialize;
use syncscope_engine::{EventMetadata, RecordedEvent, Timestamp};

use crate::error::{CliError, CliResult};

/// The placeholder for "no value".
pub const NONE: &str = "—";

/// Standard output, with write errors mapped for the CLI.
pub struct Out {
    stdout: std::io::Stdout,
}

impl Out {
    /// Standard output.
    pub fn stdout() -> Self {
        Out {
            stdout: std::io::stdout(),
        }
    }

    /// Writes text as is.
    pub fn write_str(&mut self, s: &str) -> CliResult {
        self.stdout
            .write_all(s.as_bytes())
            .map_err(CliError::from_stdout)
    }

    /// Writes one line.
    pub fn line(&mut self, s: &str) -> CliResult {
        self.write_str(s)?;
        self.write_str("\n")
    }

    /// Writes a value as one line of compact JSON (a JSON Lines record).
    pub fn json_line<T: Serialize + ?Sized>(&mut self, value: &T) -> CliResult {
        let text = serde_json::to_string(value)
            .map_err(|e| CliError::msg(format!("could not write JSON: {e}")))?;
        self.line(&text)
    }

    /// Writes a value as indented JSON followed by a newline.
    pub fn json_pretty<T: Serialize + ?Sized>(&mut self, value: &T) -> CliResult {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| CliError::msg(format!("could not write JSON: {e}")))?;
        self.line(&text)
    }

    /// Pushes buffered output to the terminal or pipe now (for live output).
    pub fn flush(&mut self) -> CliResult {
        self.stdout.flush().map_err(CliError::from_stdout)
    }
}

/// A text table: a header row and rows, columns padded to their widest cell.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank, extra ones dropped).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as text, two spaces between columns, no trailing spaces, ending with a newline.
    pub fn render(&self) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().take(n).enumerate() {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let mut out = String::new();
        let empty = String::new();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let cells: Vec<(&String, usize)> = (0..n)
                .map(|i| (row.get(i).unwrap_or(&empty), widths[i]))
                .collect();
            out.push_str(&fixed_row(&cells));
            out.push('\n');
        }
        out
    }
}

/// Cells padded to the given widths (a longer cell pushes the rest right), joined by two spaces, with no
/// trailing spaces.
pub fn fixed_row<S: AsRef<str>>(cells: &[(S, usize)]) -> String {
    let mut line = String::new();
    for (i, (cell, w)) in cells.iter().enumerate() {
        let cell = cell.as_ref();
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        if i + 1 < cells.len() {
            line.extend(std::iter::repeat_n(' ', w.saturating_sub(width(cell))));
        }
    }
    line.truncate(line.trim_end().len());
    line
}

/// Display width, counting characters (good enough for the ASCII and `—` this tool prints).
fn width(s: &str) -> usize {
    s.chars().count()
}

/// An event's timestamp (CDP seconds) as RFC 3339 in UTC with milliseconds.
pub fn event_time(seconds: f64) -> String {
    Timestamp::from_millis((seconds * 1000.0).round() as i64).to_rfc3339()
}

/// Metadata as `key: value, key: value`.
pub fn metadata_text(metadata: &[EventMetadata]) -> String {
    metadata
        .iter()
        .map(|m| format!("{}: {}", m.key, m.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A duration in milliseconds as the engine writes durations (`1h30m`, `1s500ms`; see
/// [`syncscope_engine::format_duration`]).
pub fn humanize_ms(ms: u64) -> String {
    syncscope_engine::format_duration(std::time::Duration::from_millis(ms))
}

/// The headers of [`event_row`].
pub const EVENT_HEADERS: [&str; 7] = [
    "#",
    "Timestamp",
    "Service",
    "Event",
    "Origin",
    "Instance ID",
    "Metadata",
];

/// An event as a row of the events table.
pub fn event_row(e: &RecordedEvent) -> Vec<String> {
    vec![
        e.id.to_string(),
        event_time(e.event.timestamp),
        e.event.service.to_string(),
        e.event.event_name.clone(),
        e.event.origin.clone(),
        e.event.instance_id.clone(),
        metadata_text(&e.event.event_metadata),
    ]
}

/// Column widths for events printed one at a time (when later rows are not known yet): wide enough for
/// every event name and service the recorder writes.
const LIVE_WIDTHS: [usize; 7] = [5, 24, 22, 29, 28, 14, 0];

/// The events table's header for live output.
pub fn live_event_header() -> String {
    let cells: Vec<(&str, usize)> = EVENT_HEADERS.iter().copied().zip(LIVE_WIDTHS).collect();
    fixed_row(&cells)
}

/// An event as one line of live output, aligned with [`live_event_header`].
pub fn live_event_line(e: &RecordedEvent) -> String {
    let cells: Vec<(String, usize)> = event_row(e).into_iter().zip(LIVE_WIDTHS).collect();
    fixed_row(&cells)
}

/// A JSON line of live output (`run --json`, `demo --json`): a recorded event or a console line.
#[derive(serde::Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LiveLine<'a> {
    /// An event the engine recorded.
    Recorded {
        /// The event.
        event: &'a RecordedEvent,
    },
    /// A line a worker or page wrote to its console.
    Console {
        /// The line.
        line: &'a syncscope_worker::ConsoleLine,
    },
}

/// Prints a recorded event as live output: one aligned line, or a JSON line.
pub fn print_live_event(out: &mut Out, e: &RecordedEvent, json: bool) -> CliResult {
    if json {
        return out.json_line(&LiveLine::Recorded { event: e });
    }
    out.line(&live_event_line(e))
}

/// A console line as `syncscope run` prints it: `<time>  console.<level> <text>`.
pub fn live_console_line(l: &syncscope_worker::ConsoleLine) -> String {
    format!("{}  console.{:<5} {}", l.at, l.level.as_str(), l.text)
}

/// `yes` or `no`.
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Resolves when the process receives SIGTERM (never where there are no signals).
pub async fn terminated() {
    #[cfg(unix)]
    if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
    {
        term.recv().await;
        return;
    }
    std::future::pending::<()>().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_hours() {
        assert_eq!(humanize_ms(13 * 3_600_000), "13h");
        assert_eq!(humanize_ms(24 * 3_600_000), "24h");
        assert_eq!(humanize_ms(90 * 60_000), "1h30m");
        assert_eq!(humanize_ms(1500), "1s500ms");
        assert_eq!(humanize_ms(0), "0ms");
    }

    #[test]
    fn tables_align_columns_without_trailing_spaces() {
        let mut t = Table::new(&["A", "Long header"]);
        t.row(vec!["wide cell".into(), "x".into()]);
        t.row(vec!["y".into()]);
        assert_eq!(t.render(), "A          Long header\nwide cell  x\ny\n");
    }

    #[test]
    fn event_times_are_utc_milliseconds() {
        assert_eq!(event_time(1_700_000_000.123), "2023-11-14T22:13:20.123Z");
    }

    #[test]
    fn metadata_reads_as_key_value_pairs() {
        let m = vec![
            EventMetadata {
                key: "Failure Reason".into(),
                value: "timeout".into(),
            },
            EventMetadata {
                key: "Next Attempt Delay (ms)".into(),
                value: "300000".into(),
            },
        ];
        assert_eq!(
            metadata_text(&m),
            "Failure Reason: timeout, Next Attempt Delay (ms): 300000"
        );
    }
}
