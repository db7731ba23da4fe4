//! Properties over generated input (proptest): hostile DevTools files and tags get a clear error or a result,
//! never a panic, and what is exported imports back unchanged.

use proptest::prelude::*;
use syncscope_engine::devtools;
use syncscope_engine::*;

fn event_strategy() -> impl Strategy<Value = BackgroundServiceEvent> {
    (
        0.0f64..4.0e9,
        "[a-z]{1,8}",
        prop_oneof![
            Just(Service::BackgroundSync),
            Just(Service::PeriodicBackgroundSync),
            Just(Service::BackgroundFetch)
        ],
        ".{0,40}",
        "\\PC{0,30}",
        proptest::collection::vec(("\\PC{1,12}", "\\PC{0,20}"), 0..4),
    )
        .prop_map(|(ts, host, service, name, tag, meta)| {
            let origin = format!("https://{host}.test/");
            let mut event_metadata: Vec<EventMetadata> = meta
                .into_iter()
                .map(|(key, value)| EventMetadata { key, value })
                .collect();
            event_metadata.sort_by(|a, b| a.key.cmp(&b.key));
            event_metadata.dedup_by(|a, b| a.key == b.key);
            BackgroundServiceEvent {
                timestamp: (ts * 1000.0).round() / 1000.0,
                origin: origin.clone(),
                service_worker_registration_id: "1".into(),
                service,
                event_name: name,
                instance_id: tag,
                event_metadata,
                storage_key: Some(origin),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any text at all: an error that names the file, or events; never a panic.
    #[test]
    fn importing_any_text_gives_events_or_an_error_naming_the_file(text in "\\PC{0,200}") {
        if let Err(e) = devtools::import("input.json", &text) {
            prop_assert!(e.to_string().contains("input.json"), "{e}");
        }
    }

    /// Any JSON value shape: the same.
    #[test]
    fn importing_any_json_gives_events_or_an_error(v in proptest::arbitrary::any::<Vec<(String, i64, bool)>>()) {
        let text = serde_json::to_string(&v).unwrap();
        if let Err(e) = devtools::import("input.json", &text) {
            prop_assert!(e.to_string().contains("input.json"), "{e}");
        }
    }

    /// What DevTools' Save events writes, its Load events reads back unchanged.
    #[test]
    fn export_then_import_gives_the_same_events(events in proptest::collection::vec(event_strategy(), 0..8)) {
        let text = devtools::export(&events);
        let back = devtools::import("saved.json", &text).unwrap();
        prop_assert_eq!(back, events);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A tag is accepted exactly when its UTF-8 form fits Chromium's 10,240 bytes; otherwise the page gets
    /// Chromium's InvalidAccessError.
    #[test]
    fn a_tag_is_accepted_exactly_when_it_fits_in_10240_bytes(
        unit in prop_oneof![Just("a"), Just("é"), Just("€"), Just("😀"), Just("\u{fffd}")],
        count in 2_000usize..4_000,
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let clock = Clock::virtual_at(Timestamp::from_millis(1_700_000_000_000));
            let engine = Engine::start(EngineConfig {
                db_path: dir.path().join("t.db"),
                clock,
                target: std::sync::Arc::new(AlwaysSucceed),
                params: None,
            })
            .await
            .unwrap();
            engine.set_online(false).await.unwrap();
            let sw = engine
                .add_service_worker(
                    ServiceWorkerSpec { scope: "https://a.test/".into(), script_url: "https://a.test/sw.js".into() },
                    true,
                    1,
                )
                .await
                .unwrap();
            let tag = unit.repeat(count);
            let fits = tag.len() <= MAX_TAG_LENGTH;
            let r = engine.sync_register(sw.id, &tag).await;
            match (fits, r) {
                (true, Ok(())) => {}
                (false, Err(e)) => {
                    let dom = e.as_dom().expect("a DOMException");
                    assert_eq!(dom.name, DomExceptionName::InvalidAccessError, "{e}");
                }
                (fits, r) => panic!("{} bytes: fits {fits}, got {r:?}", tag.len()),
            }
            engine.shutdown().await.unwrap();
        });
    }
}
