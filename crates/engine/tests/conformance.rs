//! Conformance suite: one test per Chromium rule, on the virtual clock, against a real SQLite file.
//! Names follow Chromium's `background_sync_manager_unittest.cc` style: the behaviour under test.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use syncscope_engine::testing::{ScriptedTarget, Step};
use syncscope_engine::*;

const T0: i64 = 1_700_000_000_000;
const MIN: u64 = 60_000;
const HOUR: u64 = 3_600_000;

/// One recorded event, relative to T0.
#[derive(Debug, Clone, PartialEq)]
struct Ev {
    at_ms: i64,
    name: String,
    tag: String,
    meta: BTreeMap<String, String>,
}

fn ev(at_ms: i64, name: &str, tag: &str, meta: &[(&str, &str)]) -> Ev {
    Ev {
        at_ms,
        name: name.into(),
        tag: tag.into(),
        meta: meta
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

struct Harness {
    engine: EngineHandle,
    target: ScriptedTarget,
    clock: Clock,
    sw: SwRegistrationId,
    origin: Origin,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn rejected() -> Outcome {
    Outcome::WaitUntilRejected {
        reason: "server said no".into(),
    }
}

async fn start_on(
    db: &std::path::Path,
    clock: &Clock,
    target: &ScriptedTarget,
    params: Option<SyncParameters>,
) -> EngineHandle {
    Engine::start(EngineConfig {
        db_path: db.to_path_buf(),
        clock: clock.clone(),
        target: Arc::new(target.clone()),
        params,
    })
    .await
    .expect("engine starts")
}

impl Harness {
    async fn new() -> Harness {
        Harness::with_params(None).await
    }

    async fn with_params(params: Option<SyncParameters>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("syncscope.db");
        let clock = Clock::virtual_at(Timestamp::from_millis(T0));
        let target = ScriptedTarget::new(clock.clone());
        let engine = start_on(&db, &clock, &target, params).await;
        for s in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
            engine.set_recording(s, true).await.unwrap();
        }
        let sw = engine
            .add_service_worker(
                ServiceWorkerSpec {
                    scope: "https://app.test/".into(),
                    script_url: "https://app.test/sw.js".into(),
                },
                true,
                1,
            )
            .await
            .unwrap();
        let origin = Origin::parse("https://app.test").unwrap();
        engine
            .set_permission(
                origin.clone(),
                PermissionName::PeriodicBackgroundSync,
                PermissionState::Granted,
            )
            .await
            .unwrap();
        Harness {
            engine,
            target,
            clock,
            sw: sw.id,
            origin,
            db,
            _dir: dir,
        }
    }

    /// Adds another service worker on its own origin, with periodic permission granted.
    async fn add_origin(&self, host: &str, engagement: Engagement) -> SwRegistrationId {
        let origin = Origin::parse(&format!("https://{host}")).unwrap();
        let sw = self
            .engine
            .add_service_worker(
                ServiceWorkerSpec {
                    scope: format!("https://{host}/"),
                    script_url: format!("https://{host}/sw.js"),
                },
                true,
                1,
            )
            .await
            .unwrap();
        self.engine
            .set_permission(
                origin.clone(),
                PermissionName::PeriodicBackgroundSync,
                PermissionState::Granted,
            )
            .await
            .unwrap();
        self.engine
            .set_engagement(origin, engagement)
            .await
            .unwrap();
        sw.id
    }

    async fn advance(&self, ms: u64) {
        self.engine
            .advance_by(Duration::from_millis(ms))
            .await
            .unwrap();
    }

    fn elapsed_ms(&self) -> i64 {
        self.clock.now().as_millis() - T0
    }

    async fn log(&self, service: Service) -> Vec<Ev> {
        self.engine
            .events(EventQuery {
                service: Some(service),
                oldest_first: true,
                limit: Some(10_000),
                ..EventQuery::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|r| Ev {
                at_ms: (r.event.timestamp * 1000.0).round() as i64 - T0,
                name: r.event.event_name,
                tag: r.event.instance_id,
                meta: r
                    .event
                    .event_metadata
                    .into_iter()
                    .map(|m| (m.key, m.value))
                    .collect(),
            })
            .collect()
    }

    async fn sync_log(&self) -> Vec<Ev> {
        self.log(Service::BackgroundSync).await
    }

    async fn periodic_log(&self) -> Vec<Ev> {
        self.log(Service::PeriodicBackgroundSync).await
    }

    async fn tag(&self, kind: SyncKind, tag: &str) -> Option<TagInfo> {
        self.engine
            .tags()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.registration.kind == kind && t.registration.tag == tag)
    }
}

fn names(log: &[Ev]) -> Vec<&str> {
    log.iter().map(|e| e.name.as_str()).collect()
}

// ---------- one-shot sync ----------

#[tokio::test]
async fn registering_a_pending_tag_again_coalesces_into_one_event() {
    let h = Harness::new().await;
    h.engine.set_online(false).await.unwrap();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    assert_eq!(h.engine.sync_get_tags(h.sw).await.unwrap(), ["outbox"]);
    h.engine.set_online(true).await.unwrap();
    h.advance(HOUR).await;
    assert_eq!(
        h.target.deliveries().len(),
        1,
        "one event for two registrations"
    );
    assert_eq!(
        names(&h.sync_log().await),
        ["Registered sync", "Dispatched sync event", "Sync completed"],
        "re-registering a pending tag logs nothing"
    );
}

#[tokio::test]
async fn reregistering_while_firing_fires_again_after_with_attempts_reset() {
    let h = Harness::new().await;
    h.target.script(
        "outbox",
        vec![
            Step::After(Duration::from_millis(MIN), rejected()),
            Step::Now(rejected()),
        ],
    );
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.advance(10_000).await;
    assert_eq!(
        h.tag(SyncKind::OneShot, "outbox")
            .await
            .unwrap()
            .display_state,
        "firing"
    );
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    assert_eq!(
        h.tag(SyncKind::OneShot, "outbox")
            .await
            .unwrap()
            .display_state,
        "reregistered-while-firing"
    );
    assert_eq!(
        h.sync_log().await.len(),
        2,
        "nothing logged at re-registration"
    );
    h.advance(MIN).await;
    let log = h.sync_log().await;
    assert_eq!(
        log,
        [
            ev(0, "Registered sync", "outbox", &[]),
            ev(
                0,
                "Dispatched sync event",
                "outbox",
                &[("Last Chance", "No")]
            ),
            ev(60_000, "Sync event reregistered", "outbox", &[]),
            ev(
                60_000,
                "Dispatched sync event",
                "outbox",
                &[("Last Chance", "No")]
            ),
            // Attempts were reset: this is the first failure again, so the first retry delay.
            ev(
                60_000,
                "sync event failed",
                "outbox",
                &[
                    ("Next Attempt Delay (ms)", "300000"),
                    ("Failure Reason", "waitUntil rejected")
                ]
            ),
        ]
    );
}

#[tokio::test]
async fn failing_sync_follows_the_default_retry_ladder_with_last_chance() {
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.advance(24 * HOUR).await;
    let failed = |at, delay| {
        ev(
            at,
            "sync event failed",
            "outbox",
            &[
                ("Next Attempt Delay (ms)", delay),
                ("Failure Reason", "waitUntil rejected"),
            ],
        )
    };
    assert_eq!(
        h.sync_log().await,
        [
            ev(0, "Registered sync", "outbox", &[]),
            ev(
                0,
                "Dispatched sync event",
                "outbox",
                &[("Last Chance", "No")]
            ),
            failed(0, "300000"),
            ev(
                300_000,
                "Dispatched sync event",
                "outbox",
                &[("Last Chance", "No")]
            ),
            failed(300_000, "900000"),
            ev(
                1_200_000,
                "Dispatched sync event",
                "outbox",
                &[("Last Chance", "Yes")]
            ),
            ev(
                1_200_000,
                "Sync completed",
                "outbox",
                &[("Status", "waitUntil rejected")]
            ),
        ]
    );
    let seen: Vec<bool> = h
        .target
        .deliveries()
        .iter()
        .map(|d| matches!(d.request.event, SyncEvent::Sync { last_chance, .. } if last_chance))
        .collect();
    assert_eq!(seen, [false, false, true], "lastChance reaches the handler");
    assert!(h.engine.sync_get_tags(h.sw).await.unwrap().is_empty());
}

#[tokio::test]
async fn retries_wait_the_full_delay_time() {
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.advance(5 * MIN - 1).await;
    assert_eq!(h.target.deliveries().len(), 1);
    let info = h.tag(SyncKind::OneShot, "outbox").await.unwrap();
    assert_eq!(info.registration.num_attempts, 1);
    assert_eq!(
        info.next_fire,
        Some(Timestamp::from_millis(T0 + 5 * MIN as i64))
    );
    assert!(!info.last_chance_next);
    h.advance(1).await;
    assert_eq!(h.target.deliveries().len(), 2);
    let info = h.tag(SyncKind::OneShot, "outbox").await.unwrap();
    assert!(
        info.last_chance_next,
        "the third attempt is the last chance"
    );
}

#[tokio::test]
async fn a_successful_sync_completes_and_is_removed() {
    let h = Harness::new().await;
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.settle().await.unwrap();
    assert_eq!(
        h.sync_log().await.last().unwrap(),
        &ev(0, "Sync completed", "outbox", &[("Status", "succeeded")])
    );
    assert!(h.engine.sync_get_tags(h.sw).await.unwrap().is_empty());
}

#[tokio::test]
async fn custom_parameters_reproduce_chromiums_recorded_sequence() {
    // cdp-notes.md: Chromium 156 with initial_retry_delay_sec/3, retry_delay_factor/2, max_sync_attempts/3,
    // min_periodic_sync_events_interval_sec/5, min_recovery_time_sec/1; fresh profile (penalty 2).
    let params = SyncParameters::default()
        .with_assignments([
            ("initial_retry_delay_sec", "3"),
            ("retry_delay_factor", "2"),
            ("max_sync_attempts", "3"),
            ("min_periodic_sync_events_interval_sec", "5"),
            ("min_recovery_time_sec", "1"),
        ])
        .unwrap();
    let h = Harness::with_params(Some(params)).await;
    h.target.script("fail-ladder", vec![Step::Now(rejected())]);
    h.engine.sync_register(h.sw, "fail-ladder").await.unwrap();
    h.engine
        .periodic_register(h.sw, "tick", 1000.0)
        .await
        .unwrap();
    h.advance(30_000).await;
    let failed = |at, delay| {
        ev(
            at,
            "sync event failed",
            "fail-ladder",
            &[
                ("Next Attempt Delay (ms)", delay),
                ("Failure Reason", "waitUntil rejected"),
            ],
        )
    };
    assert_eq!(
        h.sync_log().await,
        [
            ev(0, "Registered sync", "fail-ladder", &[]),
            ev(
                0,
                "Dispatched sync event",
                "fail-ladder",
                &[("Last Chance", "No")]
            ),
            failed(0, "3000"),
            ev(
                3_000,
                "Dispatched sync event",
                "fail-ladder",
                &[("Last Chance", "No")]
            ),
            failed(3_000, "6000"),
            ev(
                9_000,
                "Dispatched sync event",
                "fail-ladder",
                &[("Last Chance", "Yes")]
            ),
            ev(
                9_000,
                "Sync completed",
                "fail-ladder",
                &[("Status", "waitUntil rejected")]
            ),
        ]
    );
    let delay = [("Next Attempt Delay (ms)", "10000")];
    assert_eq!(
        h.periodic_log().await,
        [
            ev(0, "Got next event delay", "tick", &delay),
            ev(
                0,
                "Registered periodicsync",
                "tick",
                &[("minInterval", "1000")]
            ),
            ev(10_000, "Dispatched periodicsync event", "tick", &[]),
            ev(10_000, "periodicsync event completed", "tick", &delay),
            ev(20_000, "Dispatched periodicsync event", "tick", &[]),
            ev(20_000, "periodicsync event completed", "tick", &delay),
            ev(30_000, "Dispatched periodicsync event", "tick", &[]),
            ev(30_000, "periodicsync event completed", "tick", &delay),
        ]
    );
}

#[tokio::test]
async fn an_event_running_past_max_duration_times_out_and_counts_as_a_failure() {
    let h = Harness::new().await;
    h.target.set_default(Step::Never);
    h.engine.sync_register(h.sw, "slow").await.unwrap();
    h.advance(3 * MIN - 1).await;
    assert_eq!(
        h.tag(SyncKind::OneShot, "slow")
            .await
            .unwrap()
            .display_state,
        "firing"
    );
    h.advance(1).await;
    let log = h.sync_log().await;
    assert_eq!(
        log.last().unwrap(),
        &ev(
            180_000,
            "sync event failed",
            "slow",
            &[
                ("Next Attempt Delay (ms)", "300000"),
                ("Failure Reason", "timeout")
            ]
        )
    );
    h.advance(2 * HOUR).await;
    assert_eq!(
        h.sync_log().await.last().unwrap().meta["Status"],
        "timeout",
        "the last attempt's timeout completes the sync"
    );
}

#[tokio::test]
async fn offline_holds_a_pending_sync_and_going_online_fires_it_at_once() {
    let h = Harness::new().await;
    h.engine.set_online(false).await.unwrap();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.advance(24 * HOUR).await;
    assert!(
        h.target.deliveries().is_empty(),
        "nothing fires while offline"
    );
    let info = h.tag(SyncKind::OneShot, "outbox").await.unwrap();
    assert_eq!(info.display_state, "pending");
    h.engine.set_online(true).await.unwrap();
    h.engine.settle().await.unwrap();
    let log = h.sync_log().await;
    assert_eq!(
        names(&log),
        ["Registered sync", "Dispatched sync event", "Sync completed"]
    );
    assert_eq!(
        log[1].at_ms,
        24 * HOUR as i64,
        "fired the moment the network came back"
    );
}

#[tokio::test]
async fn offline_also_holds_retries_until_online() {
    let h = Harness::new().await;
    h.target.script(
        "outbox",
        vec![Step::Now(rejected()), Step::Now(Outcome::Succeeded)],
    );
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.settle().await.unwrap();
    h.engine.set_online(false).await.unwrap();
    h.advance(HOUR).await;
    assert_eq!(h.target.deliveries().len(), 1);
    h.engine.set_online(true).await.unwrap();
    h.engine.settle().await.unwrap();
    assert_eq!(h.target.deliveries().len(), 2);
    assert_eq!(
        h.sync_log().await.last().unwrap().meta["Status"],
        "succeeded"
    );
}

// ---------- persistence ----------

#[tokio::test]
async fn a_sync_killed_mid_event_is_pending_again_after_restart() {
    let h = Harness::new().await;
    h.target.set_default(Step::Never);
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.settle().await.unwrap();
    assert_eq!(
        h.tag(SyncKind::OneShot, "outbox")
            .await
            .unwrap()
            .display_state,
        "firing"
    );
    // Offline, so that after the restart it waits where we can see it instead of firing at once.
    h.engine.set_online(false).await.unwrap();
    h.engine.shutdown().await.unwrap();
    // The file still says "firing": the engine stopped in the middle of the event.
    let stored = Store::open(&h.db, OpenMode::Existing)
        .unwrap()
        .registrations()
        .unwrap();
    assert_eq!(stored[0].state, SyncState::Firing);

    let target = ScriptedTarget::new(h.clock.clone());
    let engine = start_on(&h.db, &h.clock, &target, None).await;
    let tags = engine.tags().await.unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].display_state, "pending");
    assert_eq!(
        tags[0].registration.num_attempts, 0,
        "the killed run does not count"
    );
    engine.set_online(true).await.unwrap();
    engine.settle().await.unwrap();
    assert_eq!(target.deliveries().len(), 1, "it runs again after restart");
    assert!(engine.tags().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_restart_dispatches_nothing_until_the_target_can_run_the_worker() {
    let h = Harness::new().await;
    h.target.set_default(Step::Never);
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.settle().await.unwrap();
    h.engine.shutdown().await.unwrap();

    // The new process's worker host has not loaded the worker yet.
    let target = ScriptedTarget::new(h.clock.clone());
    target.set_runnable(false);
    let engine = start_on(&h.db, &h.clock, &target, None).await;
    engine.advance_by(Duration::from_secs(3600)).await.unwrap();
    assert!(
        target.deliveries().is_empty(),
        "nothing dispatched to a worker that cannot run"
    );
    let tags = engine.tags().await.unwrap();
    assert_eq!(tags[0].display_state, "pending");
    assert_eq!(tags[0].registration.num_attempts, 0);

    // The worker is loaded: the sync fires at once, still on its first attempt.
    target.set_runnable(true);
    engine.target_changed().await.unwrap();
    engine.settle().await.unwrap();
    let deliveries = target.deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        deliveries[0].request.event,
        SyncEvent::Sync {
            tag: "outbox".into(),
            last_chance: false
        }
    );
    assert!(engine.tags().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_write_that_fails_is_an_error_to_the_caller_and_is_saved_with_the_next_change() {
    let h = Harness::new().await;
    // Offline, so the registration waits in the store instead of firing.
    h.engine.set_online(false).await.unwrap();
    // Another process holds the database's write lock for longer than the engine waits.
    let other = rusqlite::Connection::open(&h.db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = h.engine.sync_register(h.sw, "outbox").await.unwrap_err();
    assert!(matches!(err, EngineError::NotSaved { .. }), "{err}");
    let dom = err.as_dom().expect("a page sees a DOMException");
    assert_eq!(
        (dom.name.as_str(), dom.message.as_str()),
        ("UnknownError", "Background Sync is disabled.")
    );
    assert!(err.to_string().contains("not saved"), "{err}");
    // A read in the same state is answered.
    assert_eq!(h.engine.tags().await.unwrap().len(), 1);
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    // The next change saves what was kept in memory too.
    h.engine
        .sync_register(h.sw, "second")
        .await
        .expect("saved once the lock is gone");
    h.engine.shutdown().await.unwrap();
    let stored = Store::open(&h.db, OpenMode::Existing)
        .unwrap()
        .registrations()
        .unwrap();
    let mut tags: Vec<&str> = stored.iter().map(|r| r.tag.as_str()).collect();
    tags.sort();
    assert_eq!(tags, ["outbox", "second"]);
}

#[tokio::test]
async fn registrations_settings_and_recording_survive_restart() {
    let h = Harness::new().await;
    h.engine.set_online(false).await.unwrap();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine
        .periodic_register(h.sw, "news", (13 * HOUR) as f64)
        .await
        .unwrap();
    h.engine
        .set_engagement(h.origin.clone(), Engagement::High)
        .await
        .unwrap();
    let before = h.engine.tags().await.unwrap();
    h.engine.shutdown().await.unwrap();

    let target = ScriptedTarget::new(h.clock.clone());
    let engine = start_on(&h.db, &h.clock, &target, None).await;
    assert_eq!(engine.tags().await.unwrap(), before);
    let settings = engine.settings().await.unwrap();
    assert!(!settings.online, "offline survives restart");
    let o = settings
        .origins
        .iter()
        .find(|o| o.origin == h.origin)
        .unwrap();
    assert_eq!(o.engagement, Engagement::High);
    assert_eq!(o.periodic_background_sync, PermissionState::Granted);
    let recording = engine.recording().await.unwrap();
    assert!(
        recording
            .iter()
            .any(|(r, on)| r.service == Service::BackgroundSync && *on)
    );
    assert_eq!(engine.sync_get_tags(h.sw).await.unwrap(), ["outbox"]);
    assert_eq!(engine.periodic_get_tags(h.sw).await.unwrap(), ["news"]);
}

// ---------- registration rules and errors ----------

#[tokio::test]
async fn a_tag_longer_than_10240_chars_is_rejected_with_chromiums_message() {
    let h = Harness::new().await;
    let err = h
        .engine
        .sync_register(h.sw, &"x".repeat(10_241))
        .await
        .unwrap_err();
    let dom = err.as_dom().expect("a DOMException");
    assert_eq!(dom.name, DomExceptionName::InvalidAccessError);
    assert_eq!(
        dom.message,
        "Attempted to register a sync event without a window or registration tag too long."
    );
    h.engine
        .sync_register(h.sw, &"x".repeat(10_240))
        .await
        .expect("10240 is allowed");
    // Chromium measures the UTF-8 bytes of the tag: 4000 four-byte characters are 16000 bytes.
    let e = h
        .engine
        .sync_register(h.sw, &"📮".repeat(4_000))
        .await
        .unwrap_err();
    assert_eq!(
        e.as_dom().unwrap().name,
        DomExceptionName::InvalidAccessError
    );
    let err = h
        .engine
        .periodic_register(h.sw, &"y".repeat(10_241), 0.0)
        .await
        .unwrap_err();
    assert_eq!(
        err.as_dom().unwrap().name,
        DomExceptionName::InvalidAccessError
    );
}

#[tokio::test]
async fn registering_without_a_window_or_active_worker_or_permission_fails() {
    let h = Harness::new().await;
    h.engine
        .set_service_worker_state(h.sw, true, 0)
        .await
        .unwrap();
    let e = h.engine.sync_register(h.sw, "a").await.unwrap_err();
    assert_eq!(
        e.as_dom().unwrap().name,
        DomExceptionName::InvalidAccessError
    );

    h.engine
        .set_service_worker_state(h.sw, false, 1)
        .await
        .unwrap();
    let e = h.engine.sync_register(h.sw, "a").await.unwrap_err();
    assert_eq!(
        e.as_dom().unwrap().name,
        DomExceptionName::InvalidStateError
    );

    h.engine
        .set_service_worker_state(h.sw, true, 1)
        .await
        .unwrap();
    h.engine
        .set_permission(
            h.origin.clone(),
            PermissionName::BackgroundSync,
            PermissionState::Denied,
        )
        .await
        .unwrap();
    let e = h.engine.sync_register(h.sw, "a").await.unwrap_err();
    let dom = e.as_dom().unwrap();
    assert_eq!(dom.name, DomExceptionName::NotAllowedError);
    assert_eq!(dom.message, "Permission denied.");
    assert!(h.engine.sync_get_tags(h.sw).await.unwrap().is_empty());
    assert!(h.sync_log().await.is_empty(), "rejections log nothing");

    let e = h
        .engine
        .sync_register(SwRegistrationId(999), "a")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("999"), "{e}");
}

#[tokio::test]
async fn periodic_sync_without_permission_is_not_allowed() {
    let h = Harness::new().await;
    let sw = h
        .engine
        .add_service_worker(
            ServiceWorkerSpec {
                scope: "https://other.test/".into(),
                script_url: "https://other.test/sw.js".into(),
            },
            true,
            1,
        )
        .await
        .unwrap();
    let e = h
        .engine
        .periodic_register(sw.id, "news", (12 * HOUR) as f64)
        .await
        .unwrap_err();
    let dom = e.as_dom().unwrap();
    assert_eq!(dom.name, DomExceptionName::NotAllowedError);
    assert_eq!(dom.message, "Permission denied.");
    assert!(h.engine.periodic_get_tags(sw.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn invalid_min_intervals_are_type_errors_naming_the_value() {
    let h = Harness::new().await;
    for bad in [-1.0, f64::NAN, f64::INFINITY, 1e300] {
        let e = h
            .engine
            .periodic_register(h.sw, "news", bad)
            .await
            .unwrap_err();
        let dom = e.as_dom().unwrap();
        assert_eq!(dom.name, DomExceptionName::TypeError, "{bad}");
        assert!(dom.message.contains("minInterval"), "{}", dom.message);
    }
    assert!(h.engine.periodic_get_tags(h.sw).await.unwrap().is_empty());
}

// ---------- periodic sync ----------

#[tokio::test]
async fn periodic_intervals_follow_site_engagement() {
    let h = Harness::new().await;
    let cases = [
        ("high.test", Engagement::High, "86400000", Some(24 * HOUR)),
        ("max.test", Engagement::Max, "86400000", Some(24 * HOUR)),
        (
            "medium.test",
            Engagement::Medium,
            "86400000",
            Some(24 * HOUR),
        ),
        ("low.test", Engagement::Low, "86400000", Some(24 * HOUR)),
        (
            "minimal.test",
            Engagement::Minimal,
            "129600000",
            Some(36 * HOUR),
        ),
        ("none.test", Engagement::None, "infinite", None),
    ];
    for (host, level, logged, effective) in cases {
        let sw = h.add_origin(host, level).await;
        h.engine
            .periodic_register(sw, "news", (13 * HOUR) as f64)
            .await
            .unwrap();
        let log: Vec<Ev> = h
            .periodic_log()
            .await
            .into_iter()
            .filter(|e| e.name == "Got next event delay")
            .collect();
        assert_eq!(
            log.last().unwrap().meta["Next Attempt Delay (ms)"],
            logged,
            "{host}"
        );
        let info = h
            .engine
            .tags()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.registration.sw_registration_id == sw)
            .unwrap();
        assert_eq!(info.effective_interval_ms, effective, "{host}");
        if level == Engagement::None {
            assert_eq!(info.display_state, "suspended");
            assert_eq!(info.next_fire, None);
        }
    }
}

#[tokio::test]
async fn a_suspended_periodic_sync_revives_when_engagement_rises() {
    let h = Harness::new().await;
    let sw = h.add_origin("quiet.test", Engagement::None).await;
    h.engine
        .periodic_register(sw, "news", (13 * HOUR) as f64)
        .await
        .unwrap();
    h.advance(100 * HOUR).await;
    assert!(h.target.deliveries().is_empty(), "suspended never fires");
    h.engine
        .set_engagement(
            Origin::parse("https://quiet.test").unwrap(),
            Engagement::High,
        )
        .await
        .unwrap();
    h.advance(24 * HOUR).await;
    assert_eq!(h.target.deliveries().len(), 1);
    assert_eq!(
        h.target.deliveries()[0].at.as_millis() - T0,
        124 * HOUR as i64
    );
}

#[tokio::test]
async fn the_first_periodic_event_is_never_immediate() {
    let h = Harness::new().await;
    h.engine.periodic_register(h.sw, "news", 0.0).await.unwrap();
    h.advance(1_000).await;
    assert!(h.target.deliveries().is_empty());
    // minInterval 0 at the default engagement (penalty 2): one slot of 2 × 12 h.
    h.advance(24 * HOUR - 1_000).await;
    assert_eq!(h.target.deliveries().len(), 1);
    assert_eq!(h.elapsed_ms(), 24 * HOUR as i64);
}

#[tokio::test]
async fn periodic_events_repeat_from_the_end_of_each_event() {
    let h = Harness::new().await;
    h.target.script(
        "news",
        vec![Step::After(Duration::from_secs(30), Outcome::Succeeded)],
    );
    h.engine
        .set_engagement(h.origin.clone(), Engagement::High)
        .await
        .unwrap();
    h.engine
        .periodic_register(h.sw, "news", (12 * HOUR) as f64)
        .await
        .unwrap();
    h.advance(49 * HOUR).await;
    let at: Vec<i64> = h
        .target
        .deliveries()
        .iter()
        .map(|d| d.at.as_millis() - T0)
        .collect();
    // Each next event is one interval after the previous one *ended* (30 s of handler time each).
    let first = 12 * HOUR as i64;
    let step = 30_000 + 12 * HOUR as i64;
    assert_eq!(
        at,
        [first, first + step, first + 2 * step, first + 3 * step]
    );
}

#[tokio::test]
async fn periodic_failures_retry_on_the_one_shot_ladder_then_resume_the_interval() {
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    h.engine
        .set_engagement(h.origin.clone(), Engagement::High)
        .await
        .unwrap();
    h.engine
        .periodic_register(h.sw, "news", (12 * HOUR) as f64)
        .await
        .unwrap();
    h.advance(12 * HOUR + 20 * MIN).await;
    let failed: Vec<String> = h
        .periodic_log()
        .await
        .into_iter()
        .filter(|e| e.name == "periodicsync event failed")
        .map(|e| {
            assert_eq!(e.meta["Failure Reason"], "waitUntil rejected");
            e.meta["Next Attempt Delay (ms)"].clone()
        })
        .collect();
    // After the third failure the attempts reset and the normal interval applies again.
    assert_eq!(failed, ["300000", "900000", "43200000"]);
    assert!(
        h.engine
            .periodic_get_tags(h.sw)
            .await
            .unwrap()
            .contains(&"news".to_string())
    );
}

#[tokio::test]
async fn periodic_syncs_of_one_origin_share_slots_at_least_the_minimum_apart() {
    let h = Harness::new().await;
    h.engine
        .set_engagement(h.origin.clone(), Engagement::High)
        .await
        .unwrap();
    h.engine
        .periodic_register(h.sw, "a", (12 * HOUR) as f64)
        .await
        .unwrap();
    h.advance(HOUR).await;
    h.engine
        .periodic_register(h.sw, "b", (12 * HOUR) as f64)
        .await
        .unwrap();
    let delays: Vec<String> = h
        .periodic_log()
        .await
        .into_iter()
        .filter(|e| e.name == "Got next event delay")
        .map(|e| e.meta["Next Attempt Delay (ms)"].clone())
        .collect();
    // "a" fires at 12 h; "b" (wanting 13 h from start) is pushed one minimum gap past it: 1 h + 23 h = 24 h.
    assert_eq!(delays, ["43200000", "82800000"]);
}

#[tokio::test]
async fn re_registering_periodic_with_the_same_interval_is_a_no_op_and_another_updates_it() {
    let h = Harness::new().await;
    h.engine
        .periodic_register(h.sw, "news", 1000.0)
        .await
        .unwrap();
    h.engine
        .periodic_register(h.sw, "news", 1000.0)
        .await
        .unwrap();
    assert_eq!(
        h.periodic_log().await.len(),
        2,
        "same options: nothing logged"
    );
    h.engine
        .periodic_register(h.sw, "news", (30 * HOUR) as f64)
        .await
        .unwrap();
    let log = h.periodic_log().await;
    assert_eq!(log.len(), 4);
    assert_eq!(log[3].meta["minInterval"], (30 * HOUR).to_string());
    let info = h.tag(SyncKind::Periodic, "news").await.unwrap();
    assert_eq!(info.registration.min_interval_ms, Some(30 * HOUR));
    assert_eq!(info.effective_interval_ms, Some(48 * HOUR));
}

#[tokio::test]
async fn periodic_unregister_always_resolves() {
    let h = Harness::new().await;
    h.engine
        .periodic_unregister(h.sw, "never-registered")
        .await
        .expect("unknown tags resolve");
    h.engine.periodic_register(h.sw, "news", 0.0).await.unwrap();
    h.engine.periodic_unregister(h.sw, "news").await.unwrap();
    h.engine.periodic_unregister(h.sw, "news").await.unwrap();
    assert!(h.engine.periodic_get_tags(h.sw).await.unwrap().is_empty());
    assert_eq!(
        names(&h.periodic_log().await),
        [
            "Got next event delay",
            "Registered periodicsync",
            "Unregistered periodicsync"
        ]
    );
    h.advance(48 * HOUR).await;
    assert!(h.target.deliveries().is_empty());
}

// ---------- manual dispatch ----------

#[tokio::test]
async fn manual_dispatch_logs_only_the_dispatch_and_leaves_registrations_alone() {
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    let outcome = h
        .engine
        .dispatch_sync(h.sw, "test-tag-from-devtools", true)
        .await
        .unwrap();
    assert_eq!(outcome, rejected());
    let outcome = h
        .engine
        .dispatch_periodic_sync(h.sw, "test-tag-from-devtools")
        .await
        .unwrap();
    assert_eq!(outcome, rejected());
    h.advance(HOUR).await;
    assert_eq!(
        h.sync_log().await,
        [ev(
            0,
            "Dispatched sync event",
            "test-tag-from-devtools",
            &[("Last Chance", "Yes")]
        )]
    );
    assert_eq!(
        names(&h.periodic_log().await),
        ["Dispatched periodicsync event"]
    );
    assert!(h.engine.tags().await.unwrap().is_empty());
    assert_eq!(h.target.deliveries().len(), 2, "no retries");
    assert!(h.target.deliveries().iter().all(|d| d.request.manual));
}

// ---------- recorder ----------

#[tokio::test]
async fn recording_stops_by_itself_three_days_after_it_started() {
    let h = Harness::new().await;
    h.engine.sync_register(h.sw, "early").await.unwrap();
    h.advance(3 * 24 * HOUR - 1).await;
    h.engine.sync_register(h.sw, "just-in-time").await.unwrap();
    h.advance(1).await;
    h.engine.sync_register(h.sw, "too-late").await.unwrap();
    h.engine.settle().await.unwrap();
    let tags: Vec<String> = h.sync_log().await.into_iter().map(|e| e.tag).collect();
    assert!(tags.contains(&"early".to_string()));
    assert!(tags.contains(&"just-in-time".to_string()));
    assert!(!tags.contains(&"too-late".to_string()), "{tags:?}");
    let (status, on) = h
        .engine
        .recording()
        .await
        .unwrap()
        .into_iter()
        .find(|(r, _)| r.service == Service::BackgroundSync)
        .unwrap();
    assert!(!on);
    assert_eq!(
        status.stops_at,
        Some(Timestamp::from_millis(T0 + 3 * 24 * HOUR as i64))
    );
    // Events stay until cleared.
    h.advance(30 * 24 * HOUR).await;
    assert!(!h.sync_log().await.is_empty());
    assert!(
        h.engine
            .clear_events(Some(Service::BackgroundSync))
            .await
            .unwrap()
            > 0
    );
    assert!(h.sync_log().await.is_empty());
}

#[tokio::test]
async fn events_of_unrecorded_services_are_not_kept() {
    let h = Harness::new().await;
    h.engine
        .set_recording(Service::PeriodicBackgroundSync, false)
        .await
        .unwrap();
    h.engine.periodic_register(h.sw, "news", 0.0).await.unwrap();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.settle().await.unwrap();
    assert!(h.periodic_log().await.is_empty());
    assert!(!h.sync_log().await.is_empty());
}

#[tokio::test]
async fn the_live_stream_carries_each_recorded_event() {
    let h = Harness::new().await;
    let mut rx = h.engine.subscribe();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.settle().await.unwrap();
    let mut seen = Vec::new();
    while let Ok(e) = rx.try_recv() {
        if let EngineEvent::Recorded { event } = e {
            seen.push(event.event.event_name);
        }
    }
    assert_eq!(
        seen,
        ["Registered sync", "Dispatched sync event", "Sync completed"]
    );
}

#[tokio::test]
async fn event_queries_filter_by_origin_text_and_page_newest_first() {
    let h = Harness::new().await;
    let other = h.add_origin("other.test", Engagement::High).await;
    for i in 0..5 {
        h.engine
            .sync_register(h.sw, &format!("app-{i}"))
            .await
            .unwrap();
        h.engine
            .sync_register(other, &format!("other-{i}"))
            .await
            .unwrap();
        h.advance(1_000).await;
    }
    let q = |origin: Option<&str>, text: Option<&str>, limit| EventQuery {
        service: Some(Service::BackgroundSync),
        origin: origin.map(String::from),
        text: text.map(String::from),
        limit: Some(limit),
        ..EventQuery::default()
    };
    let app = h
        .engine
        .events(q(Some("https://app.test"), None, 100))
        .await
        .unwrap();
    assert_eq!(app.len(), 15);
    assert!(app.iter().all(|e| e.event.origin == "https://app.test"));
    assert!(
        app.windows(2)
            .all(|w| w[0].event.timestamp >= w[1].event.timestamp)
    );
    let found = h
        .engine
        .events(q(None, Some("OTHER-3"), 100))
        .await
        .unwrap();
    assert_eq!(found.len(), 3, "case-insensitive text search");
    let first = h.engine.events(q(None, None, 4)).await.unwrap();
    let last = first.last().unwrap();
    let mut next_q = q(None, None, 4);
    next_q.before = Some(EventCursor {
        timestamp: last.event.timestamp,
        id: last.id,
    });
    let second = h.engine.events(next_q).await.unwrap();
    assert_eq!(second.len(), 4);
    assert!(second.iter().all(|e| first.iter().all(|f| f.id != e.id)));
    assert!(second[0].event.timestamp <= last.event.timestamp);
}

#[tokio::test]
async fn devtools_export_round_trips_byte_for_byte() {
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine
        .periodic_register(h.sw, "news", 1000.0)
        .await
        .unwrap();
    h.advance(3 * 24 * HOUR).await;
    let first = h
        .engine
        .export(Service::BackgroundSync, None)
        .await
        .unwrap();
    assert!(first.contains("\"eventName\": \"sync event failed\""));

    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::virtual_at(Timestamp::from_millis(T0));
    let target = ScriptedTarget::new(clock.clone());
    let other = start_on(&dir.path().join("b.db"), &clock, &target, None).await;
    assert_eq!(other.import("first.json", &first).await.unwrap(), 7);
    assert_eq!(
        other.import("first.json", &first).await.unwrap(),
        0,
        "re-import adds nothing"
    );
    let second = other.export(Service::BackgroundSync, None).await.unwrap();
    assert_eq!(first, second);
    let periodic = h
        .engine
        .export(Service::PeriodicBackgroundSync, None)
        .await
        .unwrap();
    other.import("p.json", &periodic).await.unwrap();
    assert_eq!(
        other
            .export(Service::PeriodicBackgroundSync, None)
            .await
            .unwrap(),
        periodic
    );
}

#[tokio::test]
async fn malformed_imports_change_nothing() {
    let h = Harness::new().await;
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    h.engine.settle().await.unwrap();
    let before = h
        .engine
        .export(Service::BackgroundSync, None)
        .await
        .unwrap();
    let good_then_bad = before
        .replacen("\"backgroundSync\"", "\"nope\"", 2)
        .replacen("\"nope\"", "\"backgroundSync\"", 1);
    for (name, text) in [
        ("garbage.json", "not json"),
        ("object.json", "{\"timestamp\": 1}"),
        ("half.json", good_then_bad.as_str()),
    ] {
        let e = h.engine.import(name, text).await.unwrap_err();
        assert!(e.to_string().contains(name), "{e}");
    }
    assert_eq!(
        h.engine
            .export(Service::BackgroundSync, None)
            .await
            .unwrap(),
        before
    );
}

// ---------- parameters and clock ----------

#[tokio::test]
async fn parameter_changes_apply_to_new_retries_and_keep_registered_max_attempts() {
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    h.engine.sync_register(h.sw, "a").await.unwrap();
    h.engine.settle().await.unwrap();
    let p = SyncParameters::default()
        .with_assignments([("max_sync_attempts", "5"), ("initial_retry_delay_sec", "1")])
        .unwrap();
    h.engine.set_params(p).await.unwrap();
    h.advance(HOUR).await;
    // "a" keeps max 3 from registration time; its next delay uses the new parameters (1 s × 3).
    let dispatches = h
        .sync_log()
        .await
        .into_iter()
        .filter(|e| e.name == "Dispatched sync event")
        .count();
    assert_eq!(dispatches, 3);
    let log = h.sync_log().await;
    let retry: Vec<&str> = log
        .iter()
        .filter(|e| e.name == "sync event failed")
        .map(|e| e.meta["Next Attempt Delay (ms)"].as_str())
        .collect();
    assert_eq!(retry, ["300000", "3000"]);
    let bad = SyncParameters {
        max_sync_attempts: 0,
        ..SyncParameters::default()
    };
    assert!(h.engine.set_params(bad).await.is_err());
}

#[tokio::test]
async fn advancing_needs_the_virtual_clock() {
    let h = Harness::new().await;
    h.clock.set_real();
    let e = h
        .engine
        .advance_by(Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("virtual"), "{e}");
}

#[tokio::test]
async fn advance_to_next_stops_at_the_next_due_event() {
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    h.engine.sync_register(h.sw, "a").await.unwrap();
    h.engine.settle().await.unwrap();
    let t = h.engine.advance_to_next().await.unwrap().unwrap();
    assert_eq!(t.as_millis() - T0, 5 * MIN as i64);
    assert_eq!(h.target.deliveries().len(), 2);
    let t = h.engine.advance_to_next().await.unwrap().unwrap();
    assert_eq!(t.as_millis() - T0, 20 * MIN as i64);
    assert_eq!(h.engine.advance_to_next().await.unwrap(), None);
}

#[tokio::test(start_paused = true)]
async fn a_running_virtual_clock_fires_retries_at_its_speed_without_being_advanced() {
    // tokio's paused test clock makes real time deterministic here: no sleeps, no flakiness.
    let h = Harness::new().await;
    h.target.set_default(Step::Now(rejected()));
    h.clock.set_speed(60.0).unwrap(); // one virtual minute per real second
    h.clock.resume().unwrap();
    let mut rx = h.engine.subscribe();
    let real_start = tokio::time::Instant::now();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    loop {
        match tokio::time::timeout(Duration::from_secs(3600), rx.recv()).await {
            Ok(Ok(EngineEvent::Recorded { event }))
                if event.event.event_name == "Sync completed" =>
            {
                break;
            }
            Ok(Ok(_)) => {}
            other => panic!("no completion: {other:?}"),
        }
    }
    let real = real_start.elapsed();
    // 20 virtual minutes of retries at 60× are 20 real seconds.
    assert!(
        real >= Duration::from_secs(20) && real < Duration::from_millis(20_100),
        "{real:?}"
    );
    let dispatched: Vec<i64> = h
        .sync_log()
        .await
        .into_iter()
        .filter(|e| e.name == "Dispatched sync event")
        .map(|e| e.at_ms)
        .collect();
    assert_eq!(dispatched.len(), 3);
    for (got, want) in dispatched.iter().zip([0, 300_000, 1_200_000]) {
        assert!(
            (got - want).abs() <= 5,
            "dispatched at {got} ms, expected {want}"
        );
    }
}

/// The one test on the wall clock: real mode must wake by itself. It waits on events (0.4 s of short
/// retries), never sleeps, and asserts order, not timing.
#[tokio::test]
async fn the_real_clock_scheduler_wakes_by_itself_for_due_retries() {
    let h = Harness::new().await;
    h.clock.set_real();
    // Recording started at the virtual T0, three years before the wall clock: start it again now.
    h.engine
        .set_recording(Service::BackgroundSync, true)
        .await
        .unwrap();
    h.target.set_default(Step::Now(rejected()));
    let p = SyncParameters::default()
        .with_assignments([
            ("initial_retry_delay_sec", "0.2"),
            ("retry_delay_factor", "1"),
        ])
        .unwrap();
    h.engine.set_params(p).await.unwrap();
    let mut rx = h.engine.subscribe();
    h.engine.sync_register(h.sw, "outbox").await.unwrap();
    let mut seen = Vec::new();
    while seen.len() < 3 {
        match tokio::time::timeout(Duration::from_secs(60), rx.recv()).await {
            Ok(Ok(EngineEvent::Recorded { event }))
                if event.event.event_name == "Dispatched sync event" =>
            {
                seen.push(event.event.metadata("Last Chance").unwrap().to_string());
            }
            Ok(Ok(_)) => {}
            other => panic!("scheduler did not wake: {other:?}"),
        }
    }
    assert_eq!(seen, ["No", "No", "Yes"]);
}

#[tokio::test]
async fn a_second_engine_on_the_same_database_is_refused_until_the_first_stops() {
    let h = Harness::new().await;
    let target = ScriptedTarget::new(h.clock.clone());
    let e = Engine::start(EngineConfig {
        db_path: h.db.clone(),
        clock: h.clock.clone(),
        target: Arc::new(target.clone()),
        params: None,
    })
    .await
    .unwrap_err();
    assert!(e.to_string().contains("already running"), "{e}");
    // Readers are fine alongside it.
    Store::open(&h.db, OpenMode::Existing)
        .unwrap()
        .registrations()
        .unwrap();
    h.engine.shutdown().await.unwrap();
    start_on(&h.db, &h.clock, &target, None).await;
}

#[tokio::test]
async fn events_from_another_source_are_recorded_once_and_streamed() {
    let h = Harness::new().await;
    let mut rx = h.engine.subscribe();
    let event = BackgroundServiceEvent {
        timestamp: 1_763_700_000.5,
        origin: "http://127.0.0.1:8080".into(),
        service_worker_registration_id: "0".into(),
        service: Service::BackgroundSync,
        event_name: "Registered sync".into(),
        instance_id: "outbox".into(),
        event_metadata: vec![],
        storage_key: Some("http://127.0.0.1:8080/".into()),
    };
    let added = h
        .engine
        .record_external(vec![(event.clone(), None)], "chromium")
        .await
        .unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].source, "chromium");
    let replayed = h
        .engine
        .record_external(vec![(event.clone(), None)], "chromium")
        .await
        .unwrap();
    assert!(replayed.is_empty(), "a replay adds nothing");
    match rx.try_recv().unwrap() {
        EngineEvent::Recorded { event: got } => assert_eq!(got.event, event),
        other => panic!("{other:?}"),
    }
    assert!(rx.try_recv().is_err(), "streamed once");
    assert_eq!(h.sync_log().await.len(), 1);
}
