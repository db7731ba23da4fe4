//! `syncscope chrome …` (cli_support) end to end against a real headless Chromium and the fixture PWA.

mod common;

use clap::Parser;
use common::*;
use syncscope_cdp::cli_support::{ChromeArgs, run};
use syncscope_engine::*;

#[derive(Debug, Parser)]
struct Cli {
    #[command(flatten)]
    chrome: ChromeArgs,
}

async fn chrome(ws: &str, db: &std::path::Path, args: &[&str]) -> String {
    let mut argv = vec!["syncscope-chrome", "--ws", ws];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).unwrap();
    let mut out = Vec::new();
    run(cli.chrome, db, &mut out)
        .await
        .unwrap_or_else(|e| panic!("syncscope chrome {args:?}: {e}"));
    String::from_utf8(out).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_tags_sync_and_workers_through_the_cli_module() {
    let fixture = Fixture::start();
    let browser = launch(None).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("syncscope.db");
    let ws = browser.ws_url().to_string();

    // Record for a few seconds while a page registers a sync that stays (it fails, then waits 5 minutes).
    let page = fixture.url("/?sync=fail-cli");
    let out = chrome(&ws, &db, &["--open", &page, "record", "--for", "4s"]).await;
    assert!(out.contains("Registered sync"), "{out}");
    assert!(out.contains("sync event failed"), "{out}");
    assert!(
        out.contains("{Failure Reason: waitUntil rejected, Next Attempt Delay (ms): 300000}"),
        "{out}"
    );
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let stored = store
        .query_events(&EventQuery {
            service: Some(Service::BackgroundSync),
            oldest_first: true,
            ..EventQuery::default()
        })
        .unwrap();
    let names: Vec<_> = stored.iter().map(|e| e.event.event_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Registered sync",
            "Dispatched sync event",
            "sync event failed"
        ]
    );
    assert!(stored.iter().all(|e| e.source == "chromium" && e.scope.as_deref() == Some(fixture.scope().as_str())));

    let out = chrome(&ws, &db, &["workers"]).await;
    assert!(
        out.contains(&fixture.scope()) && out.contains("activated"),
        "{out}"
    );
    let out = chrome(&ws, &db, &["tags"]).await;
    assert!(out.contains("sync:          fail-cli"), "{out}");
    let out = chrome(&ws, &db, &["tags", "--json"]).await;
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v[0]["sync"][0], "fail-cli");

    chrome(
        &ws,
        &db,
        &[
            "sync",
            "from-cli",
            "--last-chance",
            "--scope",
            &fixture.scope(),
        ],
    )
    .await;
    assert_eq!(
        fixture.wait_for_hit("sync", "from-cli").await.last_chance,
        Some(true)
    );
    chrome(&ws, &db, &["periodic-sync", "from-cli-periodic"]).await;
    fixture
        .wait_for_hit("periodicsync", "from-cli-periodic")
        .await;
    let out = chrome(&ws, &db, &["grant-periodic-sync", &fixture.origin()]).await;
    assert!(out.starts_with("Granted"), "{out}");
}
