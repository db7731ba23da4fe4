//! Worker benchmarks (issue 3):
//! - `dispatch/engine_worker_recorder`: sync events through the whole path — engine scheduler → worker thread
//!   → the developer's handler (trivial) → outcome → engine → recorder (SQLite) — measured as events/s.
//! - `dispatch/raw_rquickjs`: the same handler dispatched through the same prelude (`__syncscope.dispatch`,
//!   a real SyncEvent with waitUntil) in a bare rquickjs runtime on the bench thread, with stub host functions:
//!   no worker thread, no engine, no SQLite. The ceiling the embedding is compared with.
//! - `cold_start/first_install_100kb_sw`: registering a worker with a never-seen 100 KB sw.js (thread,
//!   runtime, prelude, compiling the script, install + activate) until it is active.
//! - `cold_start/restart_100kb_sw_for_event`: a sync event for an installed worker whose thread is stopped:
//!   thread, runtime, prelude, the script from the code cache, the event, its outcome recorded.

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use syncscope_engine::*;
use syncscope_worker::*;

const BATCH: usize = 2_000;

const TRIVIAL_SW: &str =
    "self.addEventListener('sync', (event) => { event.waitUntil(Promise.resolve()); });";

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

struct Setup {
    engine: EngineHandle,
    host: WorkerHost,
    sw: ServiceWorkerRegistration,
    _dir: tempfile::TempDir,
}

async fn setup(sw_js: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sw.js"), sw_js).unwrap();
    let clock = Clock::virtual_at(Timestamp::from_millis(1_700_000_000_000));
    let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
        db_path: dir.path().join("bench.db"),
        clock,
        params: None,
        limits: WorkerLimits::default(),
    })
    .await
    .unwrap();
    engine
        .set_recording(Service::BackgroundSync, true)
        .await
        .unwrap();
    let sw = host
        .register(WorkerSpec {
            scope: "http://localhost/".into(),
            script_url: "http://localhost/sw.js".into(),
            source: ScriptSource::Folder {
                root: dir.path().to_path_buf(),
            },
            window_clients: 1,
            module: false,
        })
        .await
        .unwrap();
    Setup {
        engine,
        host,
        sw,
        _dir: dir,
    }
}

fn engine_worker_recorder(c: &mut Criterion) {
    let rt = rt();
    let s = rt.block_on(setup(TRIVIAL_SW));
    let mut round = 0u64;
    let mut group = c.benchmark_group("dispatch");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sample_size(10);
    group.bench_function("engine_worker_recorder", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                round += 1;
                let r = round;
                total += rt.block_on(async {
                    // Held offline while registering (not timed), then released at once: BATCH events in flight.
                    s.engine.set_online(false).await.unwrap();
                    for i in 0..BATCH {
                        s.engine
                            .sync_register(s.sw.id, &format!("t{r}-{i}"))
                            .await
                            .unwrap();
                    }
                    let start = Instant::now();
                    s.engine.set_online(true).await.unwrap();
                    s.engine.settle().await.unwrap();
                    let took = start.elapsed();
                    assert!(
                        s.engine.tags().await.unwrap().is_empty(),
                        "every sync completed"
                    );
                    took
                });
            }
            total
        })
    });
    // Sanity (not timed): the recorder kept 3 events per sync, the dispatches all succeeded. (Skipped when a
    // filter left this benchmark out.)
    if round == 0 {
        s.host.shutdown();
        group.finish();
        return;
    }
    let completed = rt.block_on(s.engine.events(EventQuery {
        service: Some(Service::BackgroundSync),
        text: Some("Sync completed".into()),
        limit: Some(10_000),
        ..EventQuery::default()
    }));
    assert!(completed.unwrap().len() >= BATCH.min(10_000));
    s.host.shutdown();
    group.finish();
}

fn raw_rquickjs(c: &mut Criterion) {
    use rquickjs::{Context, Function, Object, Runtime};
    // The same prelude and the same listener in a bare runtime on this thread: stub host functions, no worker
    // thread, no engine, no SQLite. What remains is QuickJS running the prelude's SyncEvent dispatch.
    let runtime = Runtime::new().unwrap();
    let ctx = Context::full(&runtime).unwrap();
    let mut group = c.benchmark_group("dispatch");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sample_size(10);
    ctx.with(|ctx| {
        ctx.eval::<(), _>(
            "globalThis.__syncscopeHost = new Proxy({ now: () => 1700000000000, urlParse: (u) => { const m = /^(https?:)\\/\\/([^/]+)(\\/.*)?$/.exec(u); return { href: u, origin: m[1] + '//' + m[2], protocol: m[1], username: '', password: '', host: m[2], hostname: m[2], port: '', pathname: m[3] || '/', search: '', hash: '' }; }, kvGeneration: () => 0 }, { get: (t, k) => t[k] ?? (() => undefined) });",
        )
        .unwrap();
        let mut opts = rquickjs::context::EvalOptions::default();
        opts.strict = false;
        ctx.eval_with_options::<(), _>(syncscope_worker::prelude_source(), opts)
            .unwrap();
        let sc: Object = ctx.globals().get("__syncscope").unwrap();
        let init: Function = sc.get("init").unwrap();
        init.call::<_, ()>((
            rquickjs::function::This(sc),
            ctx.json_parse(r#"{"scriptURL":"http://localhost/sw.js","scope":"http://localhost/","origin":"http://localhost","online":true}"#)
                .unwrap(),
        ))
        .unwrap();
        ctx.eval::<(), _>(TRIVIAL_SW).unwrap();
    });
    // Sanity (not timed): a dispatch through this bare setup really runs the listener and succeeds.
    let check = ctx.with(|ctx| {
        let sc: Object = ctx.globals().get("__syncscope").unwrap();
        let dispatch: Function = sc.get("dispatch").unwrap();
        let init = ctx
            .json_parse(r#"{"tag":"check","lastChance":false}"#)
            .unwrap();
        let p: rquickjs::Promise = dispatch
            .call((rquickjs::function::This(sc), "sync", init))
            .unwrap();
        rquickjs::Persistent::save(&ctx, p)
    });
    while runtime.execute_pending_job().unwrap_or(false) {}
    ctx.with(|ctx| {
        let p = check.restore(&ctx).unwrap();
        let v: Object = p.result::<Object>().unwrap().unwrap();
        assert_eq!(v.get::<_, String>("status").unwrap(), "succeeded");
    });
    group.bench_function("raw_rquickjs", |b| {
        b.iter(|| {
            ctx.with(|ctx| {
                let sc: Object = ctx.globals().get("__syncscope").unwrap();
                let dispatch: Function = sc.get("dispatch").unwrap();
                for i in 0..BATCH {
                    let init = Object::new(ctx.clone()).unwrap();
                    init.set("tag", format!("t{i}")).unwrap();
                    init.set("lastChance", false).unwrap();
                    let _p: rquickjs::Promise = dispatch
                        .call((rquickjs::function::This(sc.clone()), "sync", init))
                        .unwrap();
                }
            });
            while runtime.execute_pending_job().unwrap_or(false) {}
        })
    });
    group.finish();
}

fn cold_start(c: &mut Criterion) {
    let rt = rt();
    // ~100 KB of realistic-looking code: many small functions and a data table, plus the sync handler.
    let mut sw = String::from(TRIVIAL_SW);
    let mut n = 0;
    while sw.len() < 100 * 1024 {
        sw.push_str(&format!(
            "\nfunction helper{n}(input) {{ const out = []; for (const [k, v] of Object.entries(input || {{}})) {{ if (typeof v === 'string') out.push(k + '=' + encodeURIComponent(v)); }} return out.join('&'); }}\nconst TABLE{n} = {{ id: {n}, name: 'entry-{n}', tags: ['a', 'b', 'c'], nested: {{ value: {n} * 2 }} }};"
        ));
        n += 1;
    }
    let mut group = c.benchmark_group("cold_start");
    group.sample_size(20);
    let s = rt.block_on(setup(TRIVIAL_SW));
    let dir = tempfile::tempdir().unwrap();
    let spec = |scope: String| WorkerSpec {
        scope,
        script_url: "http://localhost/sw.js".into(),
        source: ScriptSource::Folder {
            root: dir.path().to_path_buf(),
        },
        window_clients: 1,
        module: false,
    };
    // A script never seen before (a fresh comment makes each one new, so nothing is cached): registering it
    // until it is active — thread, runtime, prelude, compiling the script, install + activate.
    let mut k = 0;
    group.bench_function("first_install_100kb_sw", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                k += 1;
                std::fs::write(dir.path().join("sw.js"), format!("// build {k}\n{sw}")).unwrap();
                total += rt.block_on(async {
                    let start = Instant::now();
                    let reg = s
                        .host
                        .register(spec(format!("http://localhost/app{k}/")))
                        .await
                        .unwrap();
                    let took = start.elapsed();
                    s.host.stop(reg.id);
                    took
                });
            }
            total
        })
    });
    // The recurring cold start: an installed worker whose thread is stopped, started for a sync event — thread,
    // runtime, prelude, the script from the code cache (as Chromium starts installed workers with V8's code
    // cache), the event dispatched, its outcome recorded.
    std::fs::write(dir.path().join("sw.js"), &sw).unwrap();
    let reg = rt
        .block_on(s.host.register(spec("http://localhost/restart/".into())))
        .unwrap();
    let mut r = 0;
    group.bench_function("restart_100kb_sw_for_event", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                r += 1;
                s.host.stop(reg.id);
                total += rt.block_on(async {
                    let start = Instant::now();
                    let outcome = s
                        .engine
                        .dispatch_sync(reg.id, &format!("cold-{r}"), false)
                        .await
                        .unwrap();
                    let took = start.elapsed();
                    assert_eq!(outcome, Outcome::Succeeded);
                    took
                });
            }
            total
        })
    });
    s.host.shutdown();
    group.finish();
}

criterion_group!(benches, raw_rquickjs, engine_worker_recorder, cold_start);
criterion_main!(benches);
