//! Manual dispatch round trips: via CDP to a real headless Chromium vs the embedded engine.
//!
//! - `cdp_dispatch_sync`: `ServiceWorker.dispatchSyncEvent` on the page session until Chromium answers
//!   (CDP answers once the event is handed to the worker; it reports no handler outcome). The tag is
//!   `quiet-…`, whose handler returns at once, so no backlog of handler work builds up.
//! - `cdp_dispatch_sync_until_handler_ran`: the same, then wait until the handler's `fetch('/hit?…')` reached the
//!   fixture server: a full round trip through the worker and the network.
//! - `engine_chromium_target_dispatch_sync`: `EngineHandle::dispatch_sync` whose target is a
//!   `ChromiumTarget` (engine task + the CDP round trip of the first case).
//! - `engine_scripted_dispatch_sync`: `EngineHandle::dispatch_sync` with a `ScriptedTarget` that succeeds at once
//!   (the engine's own cost: task hop, bookkeeping, outcome).
//!
//! Run: `cargo bench -p syncscope-cdp --bench dispatch` (needs `chromium` on PATH, or SYNCSCOPE_CHROMIUM).

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use syncscope_cdp::ChromiumTarget;
use syncscope_engine::testing::ScriptedTarget;
use syncscope_engine::*;

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();

    let fixture = common::Fixture::start();
    let (browser, session, reg_id, chromium_engine, sw_id) = rt.block_on(async {
        let browser = common::launch(None).await;
        let session = common::connect(&browser).await;
        let target = ChromiumTarget::new(session.clone());
        let eng = common::engine_with(Arc::new(target), Clock::real(), None).await;
        let _page = common::open_fixture(&session, &fixture, "").await;
        let reg = session.wait_for_activated(&fixture.scope()).await.unwrap();
        // Keep the worker running (a session is attached) so every dispatch finds it up.
        session.ensure_worker(&reg.registration_id).await.unwrap();
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
        (browser, session, reg.registration_id, eng, sw.id)
    });
    let origin = fixture.origin();

    let (scripted_engine, scripted_sw) = rt.block_on(async {
        let clock = Clock::virtual_at(Timestamp::from_millis(1_700_000_000_000));
        let target = ScriptedTarget::new(clock.clone());
        let eng = common::engine_with(Arc::new(target), clock, None).await;
        let sw = eng
            .engine
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
        (eng, sw.id)
    });

    let mut g = c.benchmark_group("manual_dispatch");
    g.throughput(Throughput::Elements(1));
    g.sample_size(30);
    g.measurement_time(Duration::from_secs(6));
    g.bench_function("cdp_dispatch_sync", |b| {
        b.to_async(&rt).iter(|| async {
            session
                .dispatch_sync(&origin, &reg_id, "quiet-bench", false)
                .await
                .unwrap()
        })
    });
    g.bench_function("cdp_dispatch_sync_until_handler_ran", |b| {
        b.to_async(&rt).iter(|| async {
            let before = fixture.hits_for("sync", "bench").len();
            session
                .dispatch_sync(&origin, &reg_id, "bench", false)
                .await
                .unwrap();
            fixture.wait_for_hits("sync", "bench", before + 1).await;
        })
    });
    g.bench_function("engine_chromium_target_dispatch_sync", |b| {
        b.to_async(&rt).iter(|| async {
            let o = chromium_engine
                .engine
                .dispatch_sync(sw_id, "quiet-bench-engine", false)
                .await
                .unwrap();
            assert_eq!(o, Outcome::Succeeded);
        })
    });
    g.bench_function("engine_scripted_dispatch_sync", |b| {
        b.to_async(&rt).iter(|| async {
            let o = scripted_engine
                .engine
                .dispatch_sync(scripted_sw, "bench", false)
                .await
                .unwrap();
            assert_eq!(o, Outcome::Succeeded);
        })
    });
    g.finish();

    drop(session);
    drop(browser);
}

criterion_group!(benches, bench);
criterion_main!(benches);
