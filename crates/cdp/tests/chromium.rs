//! Against a real headless Chromium (Debian's `chromium`) and the fixture PWA served on 127.0.0.1: recording,
//! manual dispatch, offline on the worker session, tags, console, and a browser killed mid-session.
//! Each test has its own browser, profile, fixture server and engine.

mod common;

use std::time::{Duration, Instant};

use common::*;
use futures::StreamExt;
use syncscope_engine::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn background_sync_events_are_recorded_with_chromiums_names_and_metadata() {
    let fixture = Fixture::start();
    let browser = launch(None).await;
    let (session, _target, eng) = recording_session(&browser).await;
    let _page = open_fixture(&session, &fixture, "?sync=outbox").await;

    let events = wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "Sync completed",
        |ev| has(ev, "Sync completed", "outbox"),
    )
    .await;
    let reg = session
        .registration_for_scope(&fixture.scope())
        .expect("the registration is known");
    let got: Vec<_> = events
        .iter()
        .map(|e| (e.event.event_name.as_str(), meta(&e.event)))
        .collect();
    let m = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    assert_eq!(
        got,
        [
            ("Registered sync", m(&[])),
            ("Dispatched sync event", m(&[("Last Chance", "No")])),
            ("Sync completed", m(&[("Status", "succeeded")])),
        ],
        "{:#?}",
        events.iter().map(summary).collect::<Vec<_>>()
    );
    for e in &events {
        // Chromium writes the origin with a trailing slash.
        assert_eq!(e.event.origin, fixture.scope());
        assert_eq!(e.event.instance_id, "outbox");
        assert_eq!(e.event.service, Service::BackgroundSync);
        assert_eq!(e.event.service_worker_registration_id, reg.registration_id);
        assert_eq!(
            e.event.storage_key.as_deref(),
            Some(fixture.scope().as_str())
        );
        assert_eq!(e.scope.as_deref(), Some(fixture.scope().as_str()));
        assert_eq!(e.source, "chromium");
    }
    let hit = fixture.wait_for_hit("sync", "outbox").await;
    assert_eq!(hit.last_chance, Some(false));

    // Observing anew makes Chromium replay its stored events: the engine keeps one copy of each.
    let mut observed = session.subscribe_events();
    session
        .stop_observing(Service::BackgroundSync)
        .await
        .unwrap();
    session.observe(Service::BackgroundSync).await.unwrap();
    for _ in 0..3 {
        tokio::time::timeout(WAIT, observed.recv())
            .await
            .expect("the replay arrives")
            .unwrap();
    }
    let progress = session.flush_recording(WAIT).await.unwrap();
    assert!(progress.received >= 6, "{progress:?}");
    assert_eq!(stored(&eng.engine, Service::BackgroundSync).await.len(), 3);

    // So does a second session on the same browser: reconnecting observes the same services, and
    // Chromium replays the same events to it.
    let again = session.reconnect(None).await.unwrap();
    let deadline = Instant::now() + WAIT;
    while again.recording_progress().received < 3 {
        assert!(
            Instant::now() < deadline,
            "no replay: {:?}",
            again.recording_progress()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let progress = again.flush_recording(WAIT).await.unwrap();
    assert_eq!(progress.stored, 0, "{progress:?}");
    assert_eq!(stored(&eng.engine, Service::BackgroundSync).await.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manual_sync_and_periodicsync_run_the_handler_and_the_console_is_captured() {
    let fixture = Fixture::start();
    let browser = launch(None).await;
    let (session, target, eng) = recording_session(&browser).await;
    let mut console = Box::pin(session.console_stream());
    let _page = open_fixture(&session, &fixture, "").await;
    let reg = session.wait_for_activated(&fixture.scope()).await.unwrap();

    session
        .dispatch_sync(&fixture.origin(), &reg.registration_id, "by-hand", true)
        .await
        .unwrap();
    let hit = fixture.wait_for_hit("sync", "by-hand").await;
    assert_eq!(
        hit.last_chance,
        Some(true),
        "lastChance reaches the handler"
    );
    session
        .dispatch_periodic_sync(&fixture.origin(), &reg.registration_id, "by-hand-periodic")
        .await
        .unwrap();
    fixture
        .wait_for_hit("periodicsync", "by-hand-periodic")
        .await;

    // Chromium logs only "Dispatched …" for manual events.
    let sync = wait_stored(&eng.engine, Service::BackgroundSync, "manual sync", |ev| {
        has(ev, "Dispatched sync event", "by-hand")
    })
    .await;
    let e = sync
        .iter()
        .find(|e| e.event.instance_id == "by-hand")
        .unwrap();
    assert_eq!(e.event.metadata("Last Chance"), Some("Yes"));
    wait_stored(
        &eng.engine,
        Service::PeriodicBackgroundSync,
        "manual periodicsync",
        |ev| has(ev, "Dispatched periodicsync event", "by-hand-periodic"),
    )
    .await;

    // Through the engine's Target trait: the engine's registration is matched to Chromium's by scope.
    let sw = eng
        .engine
        .add_service_worker(
            ServiceWorkerSpec {
                scope: fixture.scope(),
                script_url: fixture.url("/sw.js"),
            },
            true,
            1,
        )
        .await
        .unwrap();
    let outcome = eng
        .engine
        .dispatch_sync(sw.id, "via-engine", false)
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Succeeded);
    assert_eq!(
        fixture.wait_for_hit("sync", "via-engine").await.last_chance,
        Some(false)
    );
    let outcome = eng
        .engine
        .dispatch_periodic_sync(sw.id, "via-engine-periodic")
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Succeeded);
    fixture
        .wait_for_hit("periodicsync", "via-engine-periodic")
        .await;
    let unknown = ServiceWorkerRegistration {
        scope: "http://127.0.0.1:1/nowhere/".into(),
        origin: Origin::parse("http://127.0.0.1:1").unwrap(),
        ..sw.clone()
    };
    let outcome = target
        .dispatch(DispatchRequest {
            registration: unknown,
            event: SyncEvent::Sync {
                tag: "x".into(),
                last_chance: false,
            },
            manual: true,
        })
        .await;
    assert!(
        matches!(&outcome, Outcome::Failed { reason } if reason.contains("no service worker with scope")),
        "{outcome:?}"
    );

    // The worker's console, in order.
    let wanted = [
        ("log", "sync event by-hand lastChance=true"),
        ("log", "periodicsync event by-hand-periodic"),
    ];
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + WAIT;
    while seen.len() < wanted.len() {
        let m = tokio::time::timeout_at(deadline, console.next())
            .await
            .unwrap_or_else(|_| panic!("console so far: {seen:?}"))
            .unwrap();
        assert_eq!(m.url, fixture.url("/sw.js"));
        if m.text.contains("by-hand") {
            assert_eq!(
                m.registration_id.as_deref(),
                Some(reg.registration_id.as_str())
            );
            seen.push((m.level, m.text));
        }
    }
    assert_eq!(seen, wanted.map(|(l, t)| (l.to_string(), t.to_string())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_on_the_worker_session_holds_a_sync_and_online_releases_it() {
    let fixture = Fixture::start();
    let browser = launch(None).await;
    let (session, _target, eng) = recording_session(&browser).await;
    let page = open_fixture(&session, &fixture, "").await;
    let reg = session.wait_for_activated(&fixture.scope()).await.unwrap();

    let report = session.set_offline(true).await.unwrap();
    assert_eq!(report.applied, [fixture.scope()], "{report:?}");
    assert!(report.failed.is_empty(), "{report:?}");
    assert!(session.is_offline());
    // The worker's own fetches fail while offline.
    let probe = session
        .evaluate_in_worker(
            &reg.registration_id,
            "fetch('/hit?kind=probe&tag=offline').then(() => 'fetched', e => e.name)",
        )
        .await
        .unwrap();
    assert_eq!(probe, "TypeError");

    page.evaluate("fixture.registerSync('held')").await.unwrap();
    wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "Registered sync",
        |ev| has(ev, "Registered sync", "held"),
    )
    .await;
    // Held while offline: still a tag, and (checked below from the event's own timestamp) not dispatched
    // before the network came back.
    let tags = session.tags_of(&reg.registration_id).await.unwrap();
    assert_eq!(tags.sync, ["held"]);

    let online_at = Instant::now();
    let online_wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let report = session.set_offline(false).await.unwrap();
    assert_eq!(report.applied, [fixture.scope()], "{report:?}");
    let hit = fixture.wait_for_hit("sync", "held").await;
    assert!(hit.at >= online_at);
    let events = wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "Sync completed",
        |ev| has(ev, "Sync completed", "held"),
    )
    .await;
    let names: Vec<_> = events
        .iter()
        .filter(|e| e.event.instance_id == "held")
        .map(|e| e.event.event_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Registered sync", "Dispatched sync event", "Sync completed"]
    );
    let dispatched = events
        .iter()
        .find(|e| e.event.instance_id == "held" && e.event.event_name == "Dispatched sync event")
        .unwrap();
    // Chromium stamps events with its wall clock in seconds (milliseconds precision).
    assert!(
        dispatched.event.timestamp >= online_wall - 0.001,
        "dispatched at {} while offline (online at {online_wall})",
        dispatched.event.timestamp
    );
    assert_eq!(fixture.hits_for("probe", "offline"), []);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_left_offline_by_a_stopped_worker_is_recovered() {
    let fixture = Fixture::start();
    let browser = launch(None).await;
    let (session, _target, eng) = recording_session(&browser).await;
    let page = open_fixture(&session, &fixture, "").await;
    let reg = session.wait_for_activated(&fixture.scope()).await.unwrap();
    session.set_offline(true).await.unwrap();
    page.evaluate("fixture.registerSync('stuck')")
        .await
        .unwrap();
    wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "Registered sync",
        |ev| has(ev, "Registered sync", "stuck"),
    )
    .await;

    // The worker stops while offline. Its session stays (Chromium reports the target crashed), but a command
    // sent to it would wait for a restart.
    let version = reg.active_version().unwrap().version_id.clone();
    let worker = session.ensure_worker(&reg.registration_id).await.unwrap();
    session
        .page_session()
        .send(syncscope_cdp::protocol::service_worker::StopWorker {
            version_id: version,
        })
        .await
        .unwrap();
    let deadline = Instant::now() + WAIT;
    while session
        .registration(&reg.registration_id)
        .unwrap()
        .is_running()
    {
        assert!(Instant::now() < deadline, "the worker did not stop");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(fixture.hits_for("sync", "stuck").is_empty());

    // Online: the worker is started and `offline: false` goes to its new session.
    let report = session.set_offline(false).await.unwrap();
    assert_eq!(report.started, [fixture.scope()], "{report:?}");
    assert_eq!(report.applied, [fixture.scope()], "{report:?}");
    fixture.wait_for_hit("sync", "stuck").await;
    assert_eq!(
        session.ensure_worker(&reg.registration_id).await.unwrap(),
        worker,
        "the same session carried the worker across the restart"
    );
    wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "Sync completed",
        |ev| has(ev, "Sync completed", "stuck"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tags_of_every_registration_are_listed() {
    let fixture = Fixture::start();
    let browser = launch(None).await;
    let (session, _target, eng) = recording_session(&browser).await;
    session
        .grant_periodic_sync(&fixture.origin())
        .await
        .unwrap();
    // A failing sync waits five minutes for its retry, so it stays registered; so does the periodic one.
    let _page = open_fixture(
        &session,
        &fixture,
        "?sync=fail-keep,fail-other&periodic=news:86400000",
    )
    .await;
    wait_stored(&eng.engine, Service::BackgroundSync, "two failures", |ev| {
        count(ev, "sync event failed", "fail-keep") == 1
            && count(ev, "sync event failed", "fail-other") == 1
    })
    .await;

    let tags = session.tags().await.unwrap();
    assert_eq!(tags.len(), 1, "{tags:?}");
    let mut sync = tags[0].sync.clone();
    sync.sort();
    assert_eq!(sync, ["fail-keep", "fail-other"]);
    assert_eq!(tags[0].periodic, ["news"]);
    assert_eq!(tags[0].scope_url, fixture.scope());

    let periodic = stored(&eng.engine, Service::PeriodicBackgroundSync).await;
    let reg = periodic
        .iter()
        .find(|e| e.event.event_name == "Registered periodicsync")
        .expect("the periodic registration is recorded");
    assert_eq!(reg.event.metadata("minInterval"), Some("86400000"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_chromium_fails_pending_commands_then_a_new_instance_works_and_nothing_is_lost() {
    let fixture = Fixture::start();
    let mut first = launch(None).await;
    let (session, target, eng) = recording_session(&first).await;
    let page = open_fixture(&session, &fixture, "?sync=before-kill").await;
    wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "Sync completed",
        |ev| has(ev, "Sync completed", "before-kill"),
    )
    .await;
    let before = stored(&eng.engine, Service::BackgroundSync).await;
    assert_eq!(before.len(), 3);
    let reg = session.wait_for_activated(&fixture.scope()).await.unwrap();

    // Two commands that never answer on their own: a page promise and a worker promise.
    let never_page = {
        let page = page.clone();
        tokio::spawn(async move {
            page.evaluate_with_timeout("new Promise(() => {})", Duration::from_secs(120))
                .await
        })
    };
    let worker = session.ensure_worker(&reg.registration_id).await.unwrap();
    let never_worker = {
        let ws = session.client().session(worker.session_id.clone());
        tokio::spawn(async move {
            ws.send_with_timeout(
                syncscope_cdp::protocol::runtime::Evaluate::value_of("new Promise(() => {})"),
                Duration::from_secs(120),
            )
            .await
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let killed_at = Instant::now();
    first.kill();

    let e = never_page.await.unwrap().unwrap_err();
    assert!(e.is_disconnected(), "{e:?}");
    assert!(e.to_string().starts_with("browser disconnected"), "{e}");
    let e = never_worker.await.unwrap().unwrap_err();
    assert!(e.is_disconnected(), "{e:?}");
    assert!(killed_at.elapsed() < Duration::from_secs(10));
    // Later commands fail at once, with the same clear error.
    let t = Instant::now();
    let e = session
        .dispatch_sync(&fixture.origin(), &reg.registration_id, "x", false)
        .await
        .unwrap_err();
    assert!(e.is_disconnected(), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(1));
    assert!(session.tags().await.unwrap_err().is_disconnected());
    assert!(!session.is_connected());
    let sw = eng
        .engine
        .add_service_worker(
            ServiceWorkerSpec {
                scope: fixture.scope(),
                script_url: fixture.url("/sw.js"),
            },
            true,
            1,
        )
        .await
        .unwrap();
    let outcome = eng.engine.dispatch_sync(sw.id, "x", false).await.unwrap();
    assert!(
        matches!(&outcome, Outcome::Failed { reason } if reason.contains("browser disconnected")),
        "{outcome:?}"
    );

    // A new instance: the session reconnects with the same engine and recording.
    let second = launch(None).await;
    let next = session.reconnect(Some(second.endpoint())).await.unwrap();
    target.set_session(Some(next.clone()));
    let _page = open_fixture(&next, &fixture, "?sync=after-restart").await;
    let events = wait_stored(
        &eng.engine,
        Service::BackgroundSync,
        "after restart",
        |ev| has(ev, "Sync completed", "after-restart"),
    )
    .await;
    assert_eq!(
        events.len(),
        6,
        "{:#?}",
        events.iter().map(summary).collect::<Vec<_>>()
    );
    assert_eq!(
        &events[..3],
        &before[..],
        "nothing recorded before the kill is lost"
    );
    assert!(events.iter().all(|e| e.source == "chromium"));
    assert_eq!(
        eng.engine
            .dispatch_sync(sw.id, "after-restart-manual", false)
            .await
            .unwrap(),
        Outcome::Succeeded
    );
    fixture.wait_for_hit("sync", "after-restart-manual").await;
    // The database on disk has them too (a reader that is not the engine).
    let store = Store::open(&eng.db, OpenMode::Existing).unwrap();
    let on_disk = store
        .query_events(&EventQuery {
            service: Some(Service::BackgroundSync),
            limit: Some(100),
            ..EventQuery::default()
        })
        .unwrap();
    assert!(on_disk.len() >= 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_launched_browser_is_reachable_by_port_and_killed_with_its_profile_on_drop() {
    let browser = launch(None).await;
    let port = browser.port();
    assert!(port > 0);
    let v = syncscope_cdp::fetch_version("127.0.0.1", port)
        .await
        .unwrap();
    assert!(v.browser.contains("Chrome"), "{v:?}");
    assert_eq!(v.web_socket_debugger_url, browser.ws_url());
    let client = syncscope_cdp::CdpClient::connect(&syncscope_cdp::Endpoint::local_port(port))
        .await
        .unwrap();
    let version = client
        .browser()
        .send(syncscope_cdp::protocol::browser::GetVersion {})
        .await
        .unwrap();
    assert!(version.product.contains("Chrome"), "{version:?}");
    // cdp-notes.md: BackgroundService answers -32601 anywhere but on a page session.
    let e = client
        .browser()
        .send(
            syncscope_cdp::protocol::background_service::StartObserving {
                service: Service::BackgroundSync,
            },
        )
        .await
        .unwrap_err();
    assert!(e.is_method_not_found(), "{e:?}");

    let pid = browser.pid();
    let profile = browser.user_data_dir().to_path_buf();
    assert!(profile.join("Default").exists() || profile.exists());
    drop(browser);
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "the browser process is gone"
    );
    assert!(!profile.exists(), "the temporary profile is deleted");
    let reason = tokio::time::timeout(WAIT, client.closed()).await.unwrap();
    assert!(!reason.is_empty());
}
