//! A `syncscope run` killed with SIGKILL while its worker runs a sync event: the next process dispatches the
//! sync to a running worker with its attempt count unchanged, and the log shows the handler's own outcome —
//! never a failure that no handler caused (Chromium's rule: a sync that was firing when the browser died is
//! pending again, and the worker is started before an event is dispatched to it).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

fn syncscope() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_syncscope"));
    c.env_remove("SYNCSCOPE_DB").env_remove("RUST_LOG");
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The sync registrations left in a database (`tags --json`).
fn tags(db: &Path) -> Vec<Value> {
    let out = syncscope()
        .arg("--db")
        .arg(db)
        .args(["tags", "--json"])
        .output()
        .unwrap();
    serde_json::from_str(&ok(out, "tags")).unwrap()
}

/// Every recorded event, oldest first.
fn events(db: &Path) -> Vec<Value> {
    let out = syncscope()
        .arg("--db")
        .arg(db)
        .args(["events", "--json", "--oldest-first", "--limit", "10000"])
        .output()
        .unwrap();
    ok(out, "events")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn meta<'a>(event: &'a Value, key: &str) -> Option<&'a str> {
    event["eventMetadata"]
        .as_array()?
        .iter()
        .find(|m| m["key"] == key)?["value"]
        .as_str()
}

/// Starts `run` on a worker whose sync handler logs and then waits 20 s, and returns the process once the
/// handler has started (its stdout taken; stderr piped).
fn start_firing(dir: &Path, db: &Path, params: &[&str]) -> Child {
    std::fs::write(
        dir.join("sw.js"),
        r#"
self.addEventListener('sync', (event) => {
  console.log(`handler started ${event.tag} lastChance=${event.lastChance}`);
  event.waitUntil(new Promise((resolve) => setTimeout(resolve, 20000)));
});
"#,
    )
    .unwrap();
    let mut cmd = syncscope();
    cmd.arg("--db").arg(db).args([
        "run",
        "--register",
        "outbox",
        "--clock",
        "real",
        "--for",
        "60s",
    ]);
    for p in params {
        cmd.args(["--param", p]);
    }
    let mut child = cmd
        .arg("--sw")
        .arg(dir.join("sw.js"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_line(&mut child, "handler started outbox");
    child
}

/// [`start_firing`], then SIGKILL.
fn kill_while_firing(dir: &Path, db: &Path, params: &[&str]) {
    let mut child = start_firing(dir, db, params);
    child.kill().unwrap(); // SIGKILL: no shutdown, no flush
    child.wait().unwrap();
}

/// Reads the child's stdout until a line contains `needle` (within 60 s).
fn wait_for_line(child: &mut Child, needle: &str) {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let mut seen = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains(needle) => return,
            Ok(line) => seen.push(line),
            Err(_) => panic!(
                "no line with {needle:?} within 60 s; saw:\n{}",
                seen.join("\n")
            ),
        }
    }
}

/// Runs the worker again (now completing at once) for a few seconds and returns its output.
fn run_again(dir: &Path, db: &Path) -> String {
    std::fs::write(
        dir.join("sw.js"),
        r#"
self.addEventListener('sync', (event) => {
  console.log(`handler ran ${event.tag} lastChance=${event.lastChance}`);
});
"#,
    )
    .unwrap();
    let out = syncscope()
        .arg("--db")
        .arg(db)
        .args(["run", "--clock", "real", "--for", "3s", "--sw"])
        .arg(dir.join("sw.js"))
        .output()
        .unwrap();
    ok(out, "the second run")
}

#[test]
fn a_sync_killed_mid_event_is_dispatched_again_to_a_running_worker_without_spending_an_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    kill_while_firing(dir.path(), &db, &[]);
    let left = tags(&db);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["num_attempts"], 0, "{left:?}");

    let out = run_again(dir.path(), &db);
    assert!(
        out.contains("handler ran outbox lastChance=false"),
        "the handler ran after the restart:\n{out}"
    );
    assert!(!out.contains("sync event failed"), "{out}");

    let all = events(&db);
    let names: Vec<&str> = all.iter().filter_map(|e| e["eventName"].as_str()).collect();
    assert_eq!(
        names,
        [
            "Registered sync",
            "Dispatched sync event",
            "Dispatched sync event",
            "Sync completed"
        ],
        "{all:#?}"
    );
    assert_eq!(meta(&all[3], "Status"), Some("succeeded"));
    assert!(tags(&db).is_empty(), "the sync completed");
}

#[test]
fn a_last_chance_killed_mid_event_gets_its_last_chance_again_and_is_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    // One attempt in all: the first dispatch is already the last chance.
    kill_while_firing(dir.path(), &db, &["max_sync_attempts=1"]);
    let left = tags(&db);
    assert_eq!(
        left.len(),
        1,
        "the registration survived the kill: {left:?}"
    );

    let out = run_again(dir.path(), &db);
    assert!(
        out.contains("handler ran outbox lastChance=true"),
        "the last chance was given again:\n{out}"
    );
    let all = events(&db);
    let dispatched: Vec<&Value> = all
        .iter()
        .filter(|e| e["eventName"] == "Dispatched sync event")
        .collect();
    assert_eq!(dispatched.len(), 2, "{all:#?}");
    assert!(
        dispatched
            .iter()
            .all(|e| meta(e, "Last Chance") == Some("Yes"))
    );
    let done: Vec<&Value> = all
        .iter()
        .filter(|e| e["eventName"] == "Sync completed")
        .collect();
    assert_eq!(done.len(), 1, "{all:#?}");
    assert_eq!(meta(done[0], "Status"), Some("succeeded"));
}

#[test]
fn sigterm_mid_event_stops_cleanly_and_the_interrupted_sync_keeps_its_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let child = start_firing(dir.path(), &db, &[]);
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("run stops within 20 s of SIGTERM")
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let left = tags(&db);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["num_attempts"], 0, "{left:?}");
    let names: Vec<String> = events(&db)
        .iter()
        .filter_map(|e| e["eventName"].as_str().map(String::from))
        .collect();
    assert_eq!(names, ["Registered sync", "Dispatched sync event"]);
}
