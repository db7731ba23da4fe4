//! `syncscope run` and `syncscope test` as a user runs them: the real binary, real service workers, the JS
//! scenario files under tests/scenarios.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_syncscope"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_basics_scenario_passes_and_ends_with_the_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["--db", dir.path().join("x.db").to_str().unwrap(), "test"])
        .arg(repo().join("tests/scenarios/basics/basics.test.js"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.lines().last(),
        Some("6 passed, 0 failed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("✓ a failing sync follows the retry ladder to its last chance"),
        "{stdout}"
    );
}

#[test]
fn failing_tests_and_broken_files_exit_non_zero_with_what_went_wrong() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sw.js"),
        "self.addEventListener('sync', () => {});",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.test.js"),
        "test('passes', () => {});\ntest('fails', () => { expect(1 + 1).toBe(3); });\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.test.js"),
        "test('x', () => {\n  const = 1;\n});\n",
    )
    .unwrap();
    let out = bin()
        .arg("test")
        .arg(dir.path().join("a.test.js"))
        .arg(dir.path().join("b.test.js"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("✗ fails"), "{stdout}");
    assert!(stdout.contains("expected 2 to be 3"), "{stdout}");
    assert!(
        stdout.contains("b.test.js:2:"),
        "syntax errors carry file:line:column: {stdout}"
    );
    assert_eq!(
        stdout.lines().last(),
        Some("1 passed, 2 failed"),
        "{stdout}"
    );
}

#[test]
fn a_test_that_never_finishes_is_reported_after_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hang.test.js"),
        "test('hangs', () => new Promise(() => {}));\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("next.test.js"),
        "test('runs after it', () => expect(1).toBe(1));\n",
    )
    .unwrap();
    // Both on one database: the file that timed out must have stopped its engine (and given back the
    // database's engine lock) before the next one starts.
    let out = bin()
        .args(["--db", dir.path().join("s.db").to_str().unwrap()])
        .args(["test", "--timeout", "2s"])
        .arg(dir.path().join("hang.test.js"))
        .arg(dir.path().join("next.test.js"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("did not finish within"), "{stdout}");
    assert!(stdout.contains("✓ runs after it"), "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("1 passed, 1 failed"),
        "{stdout}"
    );
}

#[test]
fn run_streams_a_real_workers_events_and_console_as_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sw.js"),
        "self.addEventListener('sync', (e) => { console.log('handled', e.tag, e.lastChance);\n  e.waitUntil(e.lastChance ? Promise.resolve() : Promise.reject(new Error('down'))); });\n",
    )
    .unwrap();
    let out = bin()
        .args(["--db", dir.path().join("s.db").to_str().unwrap()])
        .args([
            "run",
            "--clock",
            "virtual",
            "--register",
            "outbox",
            "--for",
            "1h",
            "--json",
            "--sw",
        ])
        .arg(dir.path().join("sw.js"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let names: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "recorded")
        .map(|l| l["event"]["eventName"].as_str().unwrap())
        .collect();
    assert_eq!(
        names
            .iter()
            .filter(|n| **n == "Dispatched sync event")
            .count(),
        3,
        "{names:?}"
    );
    assert_eq!(names.last(), Some(&"Sync completed"), "{names:?}");
    let console: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "console")
        .map(|l| l["line"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        console,
        [
            "handled outbox false",
            "handled outbox false",
            "handled outbox true"
        ]
    );
}

#[test]
fn run_reports_a_syntax_error_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sw.js"),
        "self.addEventListener('sync', () => {\n  oops(;\n});\n",
    )
    .unwrap();
    let out = bin()
        .args([
            "--db",
            dir.path().join("s.db").to_str().unwrap(),
            "run",
            "--sw",
        ])
        .arg(dir.path().join("sw.js"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("http://localhost/sw.js:2:"), "{stderr}");
    assert!(stderr.contains("SyntaxError"), "{stderr}");
}

#[test]
fn the_built_in_demo_delivers_the_offline_messages_once_after_a_retry() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args([
            "--db",
            dir.path().join("demo.db").to_str().unwrap(),
            "demo",
            "--json",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let summary = lines
        .iter()
        .find(|l| l["type"] == "summary")
        .expect("a summary line");
    assert_eq!(
        summary["delivered"],
        serde_json::json!(["Hi!", "Are you there?", "Sent from a tunnel"])
    );
    let outbox: Vec<(String, String)> = lines
        .iter()
        .filter(|l| l["type"] == "recorded" && l["event"]["instanceId"] == "outbox")
        .map(|l| {
            let meta: Vec<String> = l["event"]["eventMetadata"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    format!(
                        "{}: {}",
                        m["key"].as_str().unwrap(),
                        m["value"].as_str().unwrap()
                    )
                })
                .collect();
            (
                l["event"]["eventName"].as_str().unwrap().to_string(),
                meta.join(", "),
            )
        })
        .collect();
    assert_eq!(
        outbox,
        [
            ("Registered sync".to_string(), String::new()),
            ("Dispatched sync event".into(), "Last Chance: No".into()),
            (
                "sync event failed".into(),
                "Failure Reason: waitUntil rejected, Next Attempt Delay (ms): 300000".into()
            ),
            ("Dispatched sync event".into(), "Last Chance: No".into()),
            ("Sync completed".into(), "Status: succeeded".into()),
        ]
    );
    assert!(
        lines.iter().any(|l| l["type"] == "recorded"
            && l["event"]["eventName"] == "Dispatched periodicsync event")
    );
    assert!(lines.iter().any(|l| {
        l["type"] == "console"
            && l["line"]["text"]
                .as_str()
                .unwrap_or("")
                .starts_with("feed refreshed: 3")
    }));
}
