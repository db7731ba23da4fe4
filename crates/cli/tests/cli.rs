//! End-to-end tests of the `syncscope` binary: each runs the built executable on a database in a temporary
//! folder and checks what a user sees (stdout, stderr, exit code) and what ends up in the database.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The binary, with no database or log settings inherited from the environment.
fn syncscope() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_syncscope"));
    c.env_remove("SYNCSCOPE_DB").env_remove("RUST_LOG");
    c
}

fn run(args: &[&str]) -> Output {
    syncscope()
        .args(args)
        .output()
        .expect("the syncscope binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs and expects success; returns stdout.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "syncscope {args:?} failed ({:?}):\n{}",
        out.status.code(),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs and expects a failure with this exit code; returns stderr.
fn fails(args: &[&str], code: i32) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "syncscope {args:?}: stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stderr)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// Every event in a database, oldest first, as `events --json` prints them.
fn events(db: &Path) -> Vec<Value> {
    ok(&[
        "events",
        "--db",
        s(db),
        "--json",
        "--oldest-first",
        "--limit",
        "100000",
    ])
    .lines()
    .map(|l| serde_json::from_str(l).expect("each line is JSON"))
    .collect()
}

fn meta<'a>(event: &'a Value, key: &str) -> Option<&'a str> {
    event["eventMetadata"]
        .as_array()?
        .iter()
        .find(|m| m["key"] == key)?["value"]
        .as_str()
}

fn named<'a>(events: &'a [Value], name: &str, tag: &str) -> Vec<&'a Value> {
    events
        .iter()
        .filter(|e| e["eventName"] == name && e["instanceId"] == tag)
        .collect()
}

/// The engine-only demo (scripted service worker): its story is fixed, so its events can be checked exactly.
fn demo(db: &Path) -> String {
    ok(&["demo", "--engine-only", "--db", s(db)])
}

/// A DevTools file with `n` backgroundSync events for tag `tag`, one second apart from `start` (seconds).
fn devtools_file(tag: &str, start: u64, n: u64) -> String {
    let events: Vec<Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "timestamp": start + i,
                "origin": "https://files.test",
                "serviceWorkerRegistrationId": "7",
                "service": "backgroundSync",
                "eventName": if i % 2 == 0 { "Dispatched sync event" } else { "sync event failed" },
                "instanceId": tag,
                "eventMetadata": if i % 2 == 0 {
                    serde_json::json!([{"key": "Last Chance", "value": "No"}])
                } else {
                    serde_json::json!([
                        {"key": "Failure Reason", "value": "timeout"},
                        {"key": "Next Attempt Delay (ms)", "value": "300000"}
                    ])
                },
                "storageKey": "https://files.test/"
            })
        })
        .collect();
    serde_json::to_string_pretty(&events).expect("serializable")
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).expect("temp file written");
    p
}

#[test]
fn demo_prints_events_live_and_records_them_with_chromium_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let started = Instant::now();
    let out = demo(&db);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "the demo took {:?}",
        started.elapsed()
    );
    for needle in [
        "Registered sync",
        "Dispatched sync event",
        "sync event failed",
        "Sync completed",
        "Dispatched periodicsync event",
        "Network: offline",
    ] {
        assert!(out.contains(needle), "demo output lacks {needle:?}:\n{out}");
    }
    let summary = out.lines().last().unwrap_or_default();
    assert!(
        summary.contains("events recorded over 3 virtual days in") && summary.ends_with(" ms"),
        "{summary}"
    );

    let all = events(&db);
    let recorded: usize = summary
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("the summary starts with a count");
    assert_eq!(recorded, all.len(), "the summary counts what was recorded");

    // always-fails: three attempts, delays 5 min then 15 min, the last with lastChance, then given up.
    let failed = named(&all, "sync event failed", "always-fails");
    let delays: Vec<_> = failed
        .iter()
        .map(|e| meta(e, "Next Attempt Delay (ms)"))
        .collect();
    assert_eq!(delays, [Some("300000"), Some("900000")]);
    assert_eq!(
        meta(failed[0], "Failure Reason"),
        Some("waitUntil rejected")
    );
    let dispatched = named(&all, "Dispatched sync event", "always-fails");
    let chances: Vec<_> = dispatched.iter().map(|e| meta(e, "Last Chance")).collect();
    assert_eq!(chances, [Some("No"), Some("No"), Some("Yes")]);
    let completed = named(&all, "Sync completed", "always-fails");
    assert_eq!(completed.len(), 1);
    assert_eq!(meta(completed[0], "Status"), Some("waitUntil rejected"));

    // outbox: registered once (offline), fails twice, succeeds on its last chance.
    assert_eq!(named(&all, "Registered sync", "outbox").len(), 1);
    let completed = named(&all, "Sync completed", "outbox");
    assert_eq!(meta(completed[0], "Status"), Some("succeeded"));

    // news: 13h minInterval at medium engagement snaps to 24h; fires once a day.
    let registered = named(&all, "Registered periodicsync", "news");
    assert_eq!(meta(registered[0], "minInterval"), Some("46800000"));
    assert_eq!(
        named(&all, "Dispatched periodicsync event", "news").len(),
        2
    );
    let delay = named(&all, "Got next event delay", "news");
    assert_eq!(meta(delay[0], "Next Attempt Delay (ms)"), Some("86400000"));

    // Every event is from the demo origin and the recorder's source.
    for e in &all {
        assert_eq!(e["origin"], "https://demo.syncscope.test");
        assert_eq!(e["storageKey"], "https://demo.syncscope.test/");
        assert_eq!(e["source"], "embedded");
    }
}

#[test]
fn demo_json_prints_typed_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = ok(&["demo", "--engine-only", "--db", s(&db), "--json"]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let recorded = lines.iter().filter(|l| l["type"] == "recorded").count();
    assert!(recorded > 10);
    let tags: Vec<&Value> = lines.iter().filter(|l| l["type"] == "tags").collect();
    assert_eq!(tags.len(), 2);
    assert_eq!(
        tags[0]["online"], false,
        "the first Tags view is taken offline"
    );
    assert_eq!(tags[0]["tags"][0]["tag"], "outbox");
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["events"], recorded);
    assert_eq!(summary["virtual_days"], 3);
    assert_eq!(events(&db).len(), recorded);
}

#[test]
fn tags_show_registrations_left_by_a_demo_with_longer_retries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    // Retries two days apart: in three virtual days each sync gets only two attempts.
    ok(&[
        "params",
        "--db",
        s(&db),
        "--set",
        "initial_retry_delay_sec=172800",
    ]);
    demo(&db);
    let all = events(&db);
    let delays: Vec<_> = named(&all, "sync event failed", "always-fails")
        .iter()
        .map(|e| meta(e, "Next Attempt Delay (ms)"))
        .collect();
    assert_eq!(delays, [Some("172800000"), Some("518400000")]);

    let tags: Value = serde_json::from_str(&ok(&["tags", "--db", s(&db), "--json"])).unwrap();
    let tags = tags.as_array().expect("a JSON array");
    let find = |tag: &str| {
        tags.iter()
            .find(|t| t["tag"] == tag)
            .unwrap_or_else(|| panic!("no {tag} in {tags:?}"))
    };
    let news = find("news");
    assert_eq!(news["kind"], "periodic");
    assert_eq!(news["min_interval_ms"], 46_800_000);
    assert_eq!(news["effective_interval_ms"], 86_400_000);
    assert_eq!(news["scope"], "https://demo.syncscope.test/");
    let fails = find("always-fails");
    assert_eq!(fails["kind"], "one-shot");
    assert_eq!(fails["display_state"], "pending");
    assert_eq!(fails["num_attempts"], 2);
    assert_eq!(fails["max_attempts"], 3);
    assert_eq!(fails["last_chance_next"], true);
    assert!(fails["next_fire"].is_i64());

    let table = ok(&["tags", "--db", s(&db)]);
    for needle in [
        "Scope",
        "Last chance next",
        "periodicsync",
        "news",
        "13h",
        "24h",
        "2 of 3",
        "always-fails",
        "yes",
    ] {
        assert!(
            table.contains(needle),
            "tags table lacks {needle:?}:\n{table}"
        );
    }
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    demo(&a);
    let first = run(&["export", "--db", s(&a), "--service", "backgroundSync"]);
    assert!(first.status.success());
    let exported: Vec<Value> = serde_json::from_slice(&first.stdout).unwrap();
    assert!(exported.len() > 10);
    assert!(
        exported.iter().all(|e| e["service"] == "backgroundSync"),
        "only the asked service is exported"
    );

    let file = dir.path().join("bs.json");
    let saved = run(&[
        "export",
        "--db",
        s(&a),
        "--service",
        "background-sync",
        "-o",
        s(&file),
    ]);
    assert!(saved.status.success());
    assert!(saved.stdout.is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), first.stdout);

    let n = exported.len();
    let imported = ok(&["import", "--db", s(&b), s(&file)]);
    assert_eq!(
        imported.trim(),
        format!(
            "{}: {n} events imported (0 already present)",
            file.display()
        )
    );
    let second = run(&["export", "--db", s(&b), "--service", "backgroundSync"]);
    assert_eq!(text(&second.stdout), text(&first.stdout));
    assert_eq!(second.stdout, first.stdout);

    let again = ok(&["import", "--db", s(&b), s(&file)]);
    assert_eq!(
        again.trim(),
        format!(
            "{}: 0 events imported ({n} already present)",
            file.display()
        )
    );
    assert_eq!(events(&b).len(), n, "re-importing adds nothing");
    assert!(events(&b).iter().all(|e| e["source"] == "import"));
}

#[test]
fn malformed_imports_fail_naming_the_file_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let good = write(
        dir.path(),
        "good.json",
        &devtools_file("outbox", 1_700_000_000, 4),
    );
    ok(&["import", "--db", s(&db), s(&good)]);
    let before = events(&db);
    assert_eq!(before.len(), 4);

    let unknown_service = devtools_file("later", 1_700_000_100, 2).replacen(
        "\"backgroundSync\"",
        "\"bogusService\"",
        1,
    );
    for (name, content, problem) in [
        ("notjson.json", "this is not JSON", "not valid JSON"),
        ("object.json", "{\"events\": []}", "found an object"),
        ("service.json", unknown_service.as_str(), "bogusService"),
    ] {
        let bad = write(dir.path(), name, content);
        let err = fails(&["import", "--db", s(&db), s(&bad)], 1);
        assert!(err.contains(name), "stderr does not name {name}:\n{err}");
        assert!(err.contains(problem), "stderr lacks {problem:?}:\n{err}");
        assert!(err.contains("nothing from this file was imported"), "{err}");
        assert_eq!(events(&db), before, "{name} changed the database");
    }

    // A bad file among good ones: the good one is imported, and the message says so.
    let bad = write(dir.path(), "bad.json", "[1, 2]");
    let more = write(
        dir.path(),
        "more.json",
        &devtools_file("more", 1_700_000_200, 3),
    );
    let out = run(&["import", "--db", s(&db), s(&bad), s(&more)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.json") && err.contains("event #0"),
        "{err}"
    );
    assert!(err.contains("the other file was imported"), "{err}");
    assert!(text(&out.stdout).contains("more.json: 3 events imported (0 already present)"));
    assert_eq!(events(&db).len(), 7);

    // Only bad files: a database that did not exist is not created.
    let fresh = dir.path().join("fresh.db");
    let err = fails(&["import", "--db", s(&fresh), s(&bad)], 1);
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!fresh.exists());
}

#[test]
fn importing_a_missing_file_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let missing = dir.path().join("nowhere.json");
    let err = fails(&["import", "--db", s(&db), s(&missing)], 1);
    assert!(
        err.contains("cannot read") && err.contains("nowhere.json"),
        "{err}"
    );
    assert!(!db.exists());
}

#[test]
fn reading_a_missing_database_fails_and_creates_nothing() {
    let err = fails(&["events", "--db", "/nonexistent/path.db"], 1);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("/nonexistent/path.db"), "{err}");
    assert!(!Path::new("/nonexistent").exists());

    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("sub").join("typo.db");
    for cmd in [
        vec!["events"],
        vec!["tags"],
        vec!["params"],
        vec!["record"],
        vec!["export", "--service", "backgroundSync"],
    ] {
        let mut args = cmd.clone();
        args.extend(["--db", s(&typo)]);
        let err = fails(&args, 1);
        assert!(err.contains("no database at"), "{cmd:?}: {err}");
        assert!(err.contains("typo.db"), "{cmd:?}: {err}");
    }
    assert!(!dir.path().join("sub").exists());

    // The environment variable names a database just as --db does.
    let out = syncscope()
        .arg("events")
        .env("SYNCSCOPE_DB", &typo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("typo.db"));
}

#[test]
fn a_text_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "notes.txt",
        "These are my notes, not a database.\n",
    );
    let before = std::fs::read(&file).unwrap();
    for args in [
        vec!["events", "--db", s(&file)],
        vec!["import", "--db", s(&file), s(&file)],
        vec!["params", "--db", s(&file), "--set", "retry_delay_factor=2"],
    ] {
        let err = fails(&args, 1);
        assert!(err.contains("notes.txt"), "{args:?}: {err}");
        assert!(
            err.contains("not a Syncscope database") || err.contains("not valid JSON"),
            "{args:?}: {err}"
        );
    }
    let err = fails(&["events", "--db", s(&file)], 1);
    assert!(err.contains("not a Syncscope database"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"], "no -wal or -shm files appeared");
}

#[test]
fn params_and_recording_are_not_changed_under_a_running_engine_that_would_overwrite_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let sw = write(
        dir.path(),
        "sw.js",
        "self.addEventListener('sync', () => {});",
    );
    let mut engine = syncscope()
        .args([
            "--db",
            s(&db),
            "run",
            "--clock",
            "virtual",
            "--for",
            "1d",
            "--speed",
            "1",
        ])
        .args(["--register", "x", "--sw", s(&sw)])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // It holds the database once it has recorded the registration.
    let mut lines = BufReader::new(engine.stdout.take().unwrap()).lines();
    assert!(
        lines.any(|l| l.unwrap().contains("Registered sync")),
        "the engine started"
    );
    for args in [
        vec!["params", "--db", s(&db), "--set", "retry_delay_factor=2"],
        vec!["record", "--db", s(&db), "--off"],
    ] {
        let err = fails(&args, 1);
        assert!(
            err.contains("an engine is running on") && err.contains("stop it and try again"),
            "{args:?}: {err}"
        );
    }
    engine.kill().unwrap();
    engine.wait().unwrap();
    // Without an engine the change is made.
    ok(&["params", "--db", s(&db), "--set", "retry_delay_factor=2"]);
    let shown: Value = serde_json::from_str(&ok(&["params", "--db", s(&db), "--json"])).unwrap();
    assert_eq!(shown["retry_delay_factor"], 2);
}

#[test]
fn params_are_set_all_or_nothing_and_shown_by_field_trial_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");

    // Bad assignments create nothing.
    let err = fails(&["params", "--db", s(&db), "--set", "bogus=1"], 1);
    assert!(
        err.contains("bogus") && err.contains("initial_retry_delay_sec"),
        "{err}"
    );
    assert!(!db.exists());

    let out = ok(&[
        "params",
        "--db",
        s(&db),
        "--set",
        "initial_retry_delay_sec=3",
        "--set",
        "retry_delay_factor=2",
    ]);
    assert!(out.contains("initial_retry_delay_sec"), "{out}");
    let shown: Value = serde_json::from_str(&ok(&["params", "--db", s(&db), "--json"])).unwrap();
    assert_eq!(shown["initial_retry_delay_sec"], 3);
    assert_eq!(shown["retry_delay_factor"], 2);
    assert_eq!(shown["max_sync_attempts"], 3);
    assert_eq!(shown["min_periodic_sync_events_interval_sec"], 43_200);

    // A bad value among good ones changes nothing.
    for bad in [
        vec!["--set", "initial_retry_delay_sec=-1"],
        vec!["--set", "max_sync_attempts=5", "--set", "bogus=1"],
        vec!["--set", "retry_delay_factor=1.5"],
    ] {
        let mut args = vec!["params", "--db", s(&db)];
        args.extend(bad.iter().copied());
        let err = fails(&args, 1);
        assert!(err.starts_with("error: "), "{err}");
        let again: Value =
            serde_json::from_str(&ok(&["params", "--db", s(&db), "--json"])).unwrap();
        assert_eq!(again, shown, "{bad:?} changed the parameters");
    }
    let err = fails(
        &[
            "params",
            "--db",
            s(&db),
            "--set",
            "initial_retry_delay_sec=-1",
        ],
        1,
    );
    assert!(
        err.contains("-1") && err.contains("initial_retry_delay_sec"),
        "{err}"
    );

    // Not NAME=VALUE is a usage error.
    let err = fails(
        &["params", "--db", s(&db), "--set", "retry_delay_factor"],
        2,
    );
    assert!(err.contains("NAME=VALUE"), "{err}");

    let table = ok(&["params", "--db", s(&db)]);
    let row = table
        .lines()
        .find(|l| l.starts_with("initial_retry_delay_sec"))
        .unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["initial_retry_delay_sec", "3", "300"]
    );
}

#[test]
fn export_of_an_unknown_service_lists_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = run(&["export", "--db", s(&db), "--service", "bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    for needle in [
        "bogus",
        "backgroundSync",
        "periodicBackgroundSync",
        "backgroundFetch",
    ] {
        assert!(err.contains(needle), "stderr lacks {needle:?}: {err}");
    }
    assert!(out.stdout.is_empty());
    assert!(!db.exists());
}

#[test]
fn events_filter_order_limit_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let a = write(
        dir.path(),
        "a.json",
        &devtools_file("outbox", 1_700_000_000, 4),
    );
    let b = write(
        dir.path(),
        "b.json",
        &devtools_file("inbox", 1_700_000_010, 2),
    );
    ok(&["import", "--db", s(&db), s(&a), s(&b)]);

    let json = |args: &[&str]| -> Vec<Value> {
        let mut all = vec!["events", "--db", s(&db), "--json"];
        all.extend(args);
        ok(&all)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let ids = |v: &[Value]| {
        v.iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };

    assert_eq!(ids(&json(&[])), [6, 5, 4, 3, 2, 1], "newest first");
    assert_eq!(ids(&json(&["--oldest-first", "--limit", "2"])), [1, 2]);
    assert_eq!(ids(&json(&["--tag", "inbox"])), [6, 5]);
    assert_eq!(ids(&json(&["--text", "TIMEOUT"])), [6, 4, 2]);
    assert_eq!(
        ids(&json(&[
            "--since",
            "2023-11-14T22:13:21Z",
            "--until",
            "2023-11-14T22:13:23Z"
        ])),
        [3, 2]
    );
    assert_eq!(
        ids(&json(&["--origin", "https://FILES.test/app/"])).len(),
        6
    );
    assert!(json(&["--service", "periodic-background-sync"]).is_empty());

    let table = ok(&["events", "--db", s(&db), "--limit", "1", "--oldest-first"]);
    let mut lines = table.lines();
    let header: Vec<_> = lines
        .next()
        .unwrap()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        header,
        [
            "#",
            "Timestamp",
            "Service",
            "Event",
            "Origin",
            "Instance ID",
            "Metadata"
        ]
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with("1 "), "{row}");
    assert!(row.contains("2023-11-14T22:13:20.000Z"), "{row}");
    assert!(row.contains("Last Chance: No"), "{row}");

    let err = fails(&["events", "--db", s(&db), "--since", "yesterday"], 2);
    assert!(
        err.contains("yesterday") && err.contains("RFC 3339"),
        "{err}"
    );
}

#[test]
fn follow_prints_new_events_recorded_by_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let first = write(
        dir.path(),
        "first.json",
        &devtools_file("outbox", 1_700_000_000, 3),
    );
    ok(&["import", "--db", s(&db), s(&first)]);

    let mut child = syncscope()
        .args([
            "events",
            "--db",
            s(&db),
            "--follow",
            "--json",
            "--limit",
            "2",
            "--tag",
            "late",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Another process adds events, one batch of which matches: whenever follow started, the first lines it
    // prints are the matching ones (nothing earlier matched, and the other batch must not show).
    let other = write(
        dir.path(),
        "other.json",
        &devtools_file("other", 1_700_000_050, 2),
    );
    let late = write(
        dir.path(),
        "late.json",
        &devtools_file("late", 1_700_000_100, 2),
    );
    ok(&["import", "--db", s(&db), s(&other), s(&late)]);

    let mut seen = Vec::new();
    while seen.len() < 2 {
        let line = rx
            .recv_timeout(Duration::from_secs(15))
            .expect("follow printed the new events")
            .unwrap();
        seen.push(serde_json::from_str::<Value>(&line).unwrap());
    }
    let _ = child.kill();
    let _ = child.wait();
    // Whatever it printed before it was killed is in the channel now: only the two matching events.
    while let Ok(line) = rx.try_recv() {
        seen.push(serde_json::from_str::<Value>(&line.unwrap()).unwrap());
    }
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|e| e["instanceId"] == "late"), "{seen:?}");
    assert_eq!(seen[0]["eventName"], "Dispatched sync event");
    assert_eq!(seen[1]["eventName"], "sync event failed");
}

#[test]
fn follow_starts_with_the_latest_existing_events_oldest_first_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let first = write(
        dir.path(),
        "first.json",
        &devtools_file("outbox", 1_700_000_000, 5),
    );
    ok(&["import", "--db", s(&db), s(&first)]);
    let mut child = syncscope()
        .args(["events", "--db", s(&db), "-f", "--json", "--limit", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut ids = Vec::new();
    while ids.len() < 2 {
        let line = rx.recv_timeout(Duration::from_secs(15)).unwrap().unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        ids.push(v["id"].as_i64().unwrap());
    }
    assert_eq!(ids, [4, 5]);
    // A new event is the next line: nothing already shown is printed again before it.
    let more = write(
        dir.path(),
        "more.json",
        &devtools_file("more", 1_700_000_100, 1),
    );
    ok(&["import", "--db", s(&db), s(&more)]);
    let line = rx.recv_timeout(Duration::from_secs(15)).unwrap().unwrap();
    let next: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(next["instanceId"], "more", "{next}");
    assert!(next["id"].as_i64().unwrap() > 5, "{next}");

    // Ctrl-C (SIGINT) ends following with success.
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("follow did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn record_switches_services_on_and_off() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let status = |args: &[&str]| -> Vec<Value> {
        let mut all = vec!["record", "--db", s(&db), "--json"];
        all.extend(args);
        serde_json::from_str(&ok(&all)).unwrap()
    };
    let on = status(&["--on", "--service", "background-sync"]);
    assert_eq!(on.len(), 1);
    assert_eq!(on[0]["service"], "backgroundSync");
    assert_eq!(on[0]["recording"], true);
    let started = on[0]["started_at"].as_i64().unwrap();
    assert_eq!(
        on[0]["stops_at"].as_i64().unwrap() - started,
        3 * 24 * 3600 * 1000
    );

    let all = status(&[]);
    assert_eq!(all.len(), 6, "every service is listed");
    let recording: Vec<_> = all
        .iter()
        .filter(|s| s["recording"] == true)
        .map(|s| s["service"].as_str().unwrap())
        .collect();
    assert_eq!(recording, ["backgroundSync"]);

    let off = status(&["--off", "--service", "backgroundSync"]);
    assert_eq!(off[0]["recording"], false);
    assert!(off[0]["started_at"].is_null());

    let table = ok(&["record", "--db", s(&db)]);
    assert!(table.contains("periodicBackgroundSync") && table.contains("Recording"));
    let err = fails(&["record", "--db", s(&db), "--on", "--off"], 2);
    assert!(err.contains("--on") && err.contains("--off"), "{err}");
}

#[test]
fn usage_errors_exit_with_code_2() {
    fails(&["frobnicate"], 2);
    fails(&["events", "--limit", "0"], 2);
    fails(&["import"], 2);
    let help = ok(&["--help"]);
    for cmd in [
        "events", "tags", "export", "import", "params", "record", "demo",
    ] {
        assert!(help.contains(cmd), "help lacks {cmd}");
    }
}
