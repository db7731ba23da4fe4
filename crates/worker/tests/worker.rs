//! The embedded worker under the engine: real JavaScript service workers, a real HTTP server on 127.0.0.1,
//! the virtual clock. Each test asserts what a web developer would observe.

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use common::*;
use syncscope_engine::*;
use syncscope_worker::*;

const ECHO_SW: &str = r#"
self.addEventListener('sync', (event) => {
  console.log('sync', event.tag, 'lastChance', event.lastChance);
  if (event.tag.startsWith('fail')) {
    event.waitUntil(Promise.reject(new Error('server said no')));
  } else {
    event.waitUntil(Promise.resolve());
  }
});
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_sync_handler_decides_the_outcome_through_wait_until() {
    let mut s = setup().await;
    let sw = s.worker("app.test", &[("sw.js", ECHO_SW)]).await.unwrap();
    s.engine.sync_register(sw.id, "ok").await.unwrap();
    s.engine.sync_register(sw.id, "fail-1").await.unwrap();
    s.advance(60 * 60_000).await;
    let log = s.log().await;
    let ok: Vec<_> = log
        .iter()
        .filter(|e| e.1 == "ok")
        .map(|e| e.0.as_str())
        .collect();
    assert_eq!(
        ok,
        ["Registered sync", "Dispatched sync event", "Sync completed"]
    );
    let fail: Vec<_> = log.iter().filter(|e| e.1 == "fail-1").collect();
    assert_eq!(fail.len(), 7, "{fail:?}");
    assert_eq!(
        fail.last().unwrap().2,
        [("Status".to_string(), "waitUntil rejected".to_string())]
    );
    let console = s.console_lines();
    assert!(
        console.contains(&"log: sync ok lastChance false".to_string()),
        "{console:?}"
    );
    assert!(
        console.contains(&"log: sync fail-1 lastChance true".to_string()),
        "lastChance reaches the handler: {console:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_registers_syncs_itself_from_activate_and_from_a_handler() {
    let s = setup().await;
    let sw = s
        .worker(
            "app.test",
            &[(
                "sw.js",
                r#"
self.addEventListener('activate', (e) => e.waitUntil(self.registration.sync.register('boot')));
self.addEventListener('sync', (e) => {
  if (e.tag === 'boot') e.waitUntil(self.registration.sync.register('follow-up'));
});
"#,
            )],
        )
        .await
        .unwrap();
    s.engine.settle().await.unwrap();
    let log = s.log().await;
    let mut completed: Vec<_> = log
        .iter()
        .filter(|e| e.0 == "Sync completed")
        .map(|e| e.1.as_str())
        .collect();
    completed.sort();
    assert_eq!(completed, ["boot", "follow-up"], "{log:?}");
    assert!(s.engine.sync_get_tags(sw.id).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_timeout_in_a_handler_waits_for_virtual_time() {
    let s = setup().await;
    let sw = s
        .worker(
            "app.test",
            &[(
                "sw.js",
                r#"
self.addEventListener('sync', (e) => {
  const started = Date.now();
  e.waitUntil(new Promise((resolve) => setTimeout(() => {
    console.log('waited', Date.now() - started);
    resolve();
  }, 60000)));
});
"#,
            )],
        )
        .await
        .unwrap();
    s.engine.sync_register(sw.id, "slow").await.unwrap();
    s.advance(59_000).await;
    let tags = s.engine.tags().await.unwrap();
    assert_eq!(tags[0].display_state, "firing", "still waiting at 59 s");
    s.advance(1_000).await;
    let log = s.log().await;
    assert_eq!(names(&log).last(), Some(&"Sync completed"));
    assert_eq!(s.clock.now().as_millis() - T0, 60_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_that_never_settles_is_cut_off_and_the_worker_recycled() {
    let mut s = setup().await;
    let sw = s
        .worker(
            "app.test",
            &[(
                "sw.js",
                r#"
let runs = 0;
self.addEventListener('sync', (e) => {
  runs += 1;
  console.log('run', runs);
  e.waitUntil(new Promise(() => {}));
});
"#,
            )],
        )
        .await
        .unwrap();
    s.engine.sync_register(sw.id, "stuck").await.unwrap();
    s.advance(3 * 60_000).await;
    let log = s.log().await;
    assert_eq!(
        log.last().unwrap().2,
        [
            ("Failure Reason".to_string(), "timeout".to_string()),
            ("Next Attempt Delay (ms)".to_string(), "300000".to_string())
        ]
    );
    s.advance(5 * 60_000).await;
    let console = s.console_lines();
    // The second attempt runs in a fresh worker: its counter starts again.
    assert_eq!(
        console
            .iter()
            .filter(|l| l.as_str() == "log: run 1")
            .count(),
        2,
        "{console:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn busy_loops_and_memory_hogs_are_stopped_while_other_workers_keep_running() {
    let limits = WorkerLimits {
        max_task_time: Duration::from_millis(300),
        memory_limit: 32 * 1024 * 1024,
        ..WorkerLimits::default()
    };
    let s = setup_with(limits, None).await;
    let busy = s
        .worker(
            "busy.test",
            &[(
                "sw.js",
                "self.addEventListener('sync', () => { for (;;) {} });",
            )],
        )
        .await
        .unwrap();
    let hog = s
        .worker(
            "hog.test",
            &[(
                "sw.js",
                "self.addEventListener('sync', () => { const a = []; for (;;) a.push(new Array(100000).fill(a.length)); });",
            )],
        )
        .await
        .unwrap();
    let good = s.worker("good.test", &[("sw.js", ECHO_SW)]).await.unwrap();
    s.engine.sync_register(busy.id, "spin").await.unwrap();
    s.engine.sync_register(hog.id, "eat").await.unwrap();
    s.engine.sync_register(good.id, "ok").await.unwrap();
    s.engine.settle().await.unwrap();
    let log = s.log().await;
    let first_failure = |tag: &str| {
        log.iter()
            .find(|e| e.1 == tag && e.0 == "sync event failed")
            .map(|e| e.2.clone())
            .unwrap_or_default()
    };
    assert!(
        first_failure("spin").contains(&("Failure Reason".into(), "timeout".into())),
        "{log:?}"
    );
    assert!(
        first_failure("eat").contains(&("Failure Reason".into(), "failed".into())),
        "{log:?}"
    );
    assert!(log.iter().any(|e| e.1 == "ok" && e.0 == "Sync completed"));
    // The recycled workers serve their next events.
    s.engine
        .dispatch_sync(good.id, "again", false)
        .await
        .unwrap();
    let outcome = s
        .engine
        .dispatch_sync(busy.id, "spin", false)
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::TimedOut);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_errors_point_to_file_line_and_column() {
    let s = setup().await;
    let e = s
        .worker("app.test", &[("sw.js", "const a = 1;\nconst b = ;\n")])
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(text.contains("http://app.test/sw.js:2:"), "{text}");
    assert!(text.contains("SyntaxError"), "{text}");

    let e = s
        .worker(
            "boom.test",
            &[(
                "sw.js",
                "// line 1\nfunction f() {\n  undefinedThing.call();\n}\nf();\n",
            )],
        )
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(text.contains("http://boom.test/sw.js:3:"), "{text}");
    assert!(text.contains("ReferenceError"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_scripts_loads_from_the_workers_folder() {
    let mut s = setup().await;
    let sw = s
        .worker(
            "app.test",
            &[
                ("sw.js", "importScripts('lib/helper.js');\nself.addEventListener('sync', (e) => log(e.tag));"),
                ("lib/helper.js", "function log(x) { console.log('helper says', x); }"),
            ],
        )
        .await
        .unwrap();
    s.engine.dispatch_sync(sw.id, "hello", false).await.unwrap();
    assert!(
        s.console_lines()
            .contains(&"log: helper says hello".to_string())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_goes_to_a_real_server_and_fails_while_offline_then_the_retry_delivers() {
    let server = Server::start();
    let s = setup().await;
    let sw_js = format!(
        r#"
self.addEventListener('sync', (event) => {{
  event.waitUntil((async () => {{
    const r = await fetch('{url}/outbox', {{ method: 'POST', body: 'message-1' }});
    if (!r.ok) throw new Error('server returned ' + r.status);
  }})().catch((e) => {{ console.log('send failed:', String(e)); throw e; }}));
}});
"#,
        url = server.url
    );
    let sw = s.worker("app.test", &[("sw.js", &sw_js)]).await.unwrap();
    s.engine.set_online(false).await.unwrap();
    // A manual dispatch ignores the network state, but fetch does not: it fails like Chrome's.
    let outcome = s
        .engine
        .dispatch_sync(sw.id, "outbox", false)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        Outcome::WaitUntilRejected {
            reason: "TypeError: Failed to fetch".into()
        }
    );
    assert!(server.hits().is_empty());
    s.engine.sync_register(sw.id, "outbox").await.unwrap();
    s.engine.settle().await.unwrap();
    assert!(server.hits().is_empty(), "held while offline");
    server.failing.store(true, Ordering::SeqCst);
    s.engine.set_online(true).await.unwrap();
    s.engine.settle().await.unwrap();
    assert_eq!(server.hits().len(), 1);
    server.failing.store(false, Ordering::SeqCst);
    s.advance(5 * 60_000).await;
    assert_eq!(
        server.hits(),
        ["POST /outbox message-1", "POST /outbox message-1"]
    );
    let log = s.log().await;
    assert_eq!(
        log.iter()
            .filter(|e| e.0 == "Sync completed")
            .map(|e| &e.2)
            .next()
            .unwrap(),
        &vec![("Status".to_string(), "succeeded".to_string())]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_delay_intervals_are_clamped_as_in_html_and_cannot_spin() {
    let mut s = setup().await;
    let sw = s
        .worker(
            "app.test",
            &[(
                "sw.js",
                r#"
self.addEventListener('sync', (e) => {
  const start = Date.now();
  let ticks = 0;
  e.waitUntil(new Promise((resolve) => {
    const id = setInterval(() => {
      ticks += 1;
      if (ticks === 20) { clearInterval(id); console.log('ticks', ticks, 'took', Date.now() - start); resolve(); }
    }, 0);
  }));
});
"#,
            )],
        )
        .await
        .unwrap();
    s.engine.sync_register(sw.id, "tick").await.unwrap();
    s.advance(1_000).await;
    // Runs 1-5 are unclamped (0 ms); from the 6th on each waits 4 ms: 15 × 4 = 60 ms of virtual time.
    let console = s.console_lines();
    assert!(
        console.contains(&"log: ticks 20 took 60".to_string()),
        "{console:?}"
    );
    assert_eq!(names(&s.log().await).last(), Some(&"Sync completed"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_syncs_released_at_once_all_complete_before_settle_returns() {
    let s = setup().await;
    let sw = s.worker("app.test", &[("sw.js", ECHO_SW)]).await.unwrap();
    s.engine.set_online(false).await.unwrap();
    for i in 0..2000 {
        s.engine
            .sync_register(sw.id, &format!("t{i}"))
            .await
            .unwrap();
    }
    s.engine.set_online(true).await.unwrap();
    s.engine.settle().await.unwrap();
    let left: Vec<String> = s
        .engine
        .tags()
        .await
        .unwrap()
        .into_iter()
        .map(|t| {
            format!(
                "{} {} {}",
                t.registration.tag, t.display_state, t.registration.num_attempts
            )
        })
        .collect();
    assert!(
        left.is_empty(),
        "{} left, e.g. {:?}",
        left.len(),
        &left[..left.len().min(5)]
    );
    let log = s.log().await;
    let failures: Vec<_> = log
        .iter()
        .filter(|e| e.0 == "sync event failed")
        .take(3)
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
}

/// Seed 004's outbox: the page stores messages in IndexedDB and registers a sync; the worker sends them and
/// deletes each one it delivered. The data is shared by the page and the worker (two JavaScript runtimes) and
/// survives an engine restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indexeddb_is_shared_by_page_and_worker_and_survives_a_restart() {
    let server = Server::start();
    let s = setup().await;
    let root = s.dir.path().join("app");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("sw.js"),
        format!(
            r#"
const open = () => new Promise((resolve, reject) => {{
  const r = indexedDB.open('chat', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('outbox', {{ keyPath: 'id', autoIncrement: true }});
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
}});
const all = (db) => new Promise((resolve, reject) => {{
  const q = db.transaction('outbox').objectStore('outbox').getAll();
  q.onsuccess = () => resolve(q.result);
  q.onerror = () => reject(q.error);
}});
const remove = (db, id) => new Promise((resolve, reject) => {{
  const tx = db.transaction('outbox', 'readwrite');
  tx.objectStore('outbox').delete(id);
  tx.oncomplete = resolve;
  tx.onerror = () => reject(tx.error);
}});
self.addEventListener('sync', (event) => event.waitUntil((async () => {{
  const db = await open();
  for (const m of await all(db)) {{
    const r = await fetch('{url}/send', {{ method: 'POST', body: m.text }});
    if (!r.ok) throw new Error('server ' + r.status);
    await remove(db, m.id);
  }}
}})()));
"#,
            url = server.url
        ),
    )
    .unwrap();
    let page_js = r#"
async function send(text) {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('chat', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction('outbox', 'readwrite');
    tx.objectStore('outbox').add({ text, at: Date.now() });
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const reg = await navigator.serviceWorker.ready;
  await reg.sync.register('outbox');
}
async function count() {
  const db = await new Promise((resolve) => { const r = indexedDB.open('chat', 1); r.onsuccess = () => resolve(r.result); });
  return new Promise((resolve) => { const q = db.transaction('outbox').objectStore('outbox').count(); q.onsuccess = () => resolve(q.result); });
}
async function cached() {
  const cache = await caches.open('feed');
  const hit = await cache.match('/feed.json');
  return hit ? hit.text() : null;
}
"#;
    let page = s
        .host
        .open_page(
            "http://app.test/",
            ScriptSource::Folder { root: root.clone() },
        )
        .await
        .unwrap();
    page.eval(page_js, "http://app.test/page.js").await.unwrap();
    page.eval(
        "navigator.serviceWorker.register('/sw.js'); syncscope.setOffline(true);",
        "http://app.test/boot.js",
    )
    .await
    .unwrap();
    s.engine.settle().await.unwrap();
    for text in ["one", "two", "three"] {
        page.call("callGlobal", vec!["send".into(), text.into()])
            .await
            .unwrap();
    }
    // Cache Storage, written by the page, for the restart check below.
    page.eval(
        "globalThis.putFeed = async () => { const c = await caches.open('feed'); await c.put('/feed.json', new Response('[1,2,3]')); };",
        "http://app.test/feed.js",
    )
    .await
    .unwrap();
    page.call("callGlobal", vec!["putFeed".into()])
        .await
        .unwrap();
    assert_eq!(
        page.call("callGlobal", vec!["count".into()]).await.unwrap(),
        serde_json::json!(3)
    );
    assert!(server.hits().is_empty(), "offline: held");
    s.engine.set_online(true).await.unwrap();
    s.engine.settle().await.unwrap();
    let mut sent: Vec<String> = server.hits();
    sent.sort();
    assert_eq!(
        sent,
        ["POST /send one", "POST /send three", "POST /send two"],
        "each message once"
    );
    assert_eq!(
        page.call("callGlobal", vec!["count".into()]).await.unwrap(),
        serde_json::json!(0),
        "the worker's deletes are visible to the page"
    );
    page.call("callGlobal", vec!["send".into(), "four".into()])
        .await
        .unwrap();
    // "four" went out at once (online); now stop everything and start again on the same database.
    s.engine.settle().await.unwrap();
    page.close();
    s.host.shutdown();
    s.engine.shutdown().await.unwrap();

    let clock = Clock::virtual_at(Timestamp::from_millis(T0));
    let Embedded {
        engine: _engine,
        host,
    } = Embedded::start(EmbeddedConfig {
        db_path: s.dir.path().join("syncscope.db"),
        clock,
        params: None,
        limits: WorkerLimits::default(),
    })
    .await
    .unwrap();
    let page = host
        .open_page("http://app.test/", ScriptSource::Folder { root })
        .await
        .unwrap();
    page.eval(page_js, "http://app.test/page.js").await.unwrap();
    assert_eq!(
        page.call("callGlobal", vec!["count".into()]).await.unwrap(),
        serde_json::json!(0)
    );
    assert_eq!(
        page.call("callGlobal", vec!["cached".into()])
            .await
            .unwrap(),
        serde_json::json!("[1,2,3]"),
        "Cache Storage survives the restart"
    );
    assert_eq!(server.hits().len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn module_workers_import_relative_modules_and_report_errors_with_locations() {
    let mut s = setup().await;
    let root = s.dir.path().join("mod");
    std::fs::create_dir_all(root.join("lib")).unwrap();
    std::fs::write(
        root.join("sw.js"),
        "import { label } from './lib/label.js';\nself.addEventListener('sync', (e) => console.log(label(e.tag)));\n",
    )
    .unwrap();
    std::fs::write(
        root.join("lib/label.js"),
        "export const label = (tag) => `module says ${tag}`;\n",
    )
    .unwrap();
    let spec = |script: &str| WorkerSpec {
        scope: format!("http://mod.test/{script}/"),
        script_url: format!("http://mod.test/{script}"),
        source: ScriptSource::Folder { root: root.clone() },
        window_clients: 1,
        module: true,
    };
    let sw = s.host.register(spec("sw.js")).await.unwrap();
    s.engine.dispatch_sync(sw.id, "hello", false).await.unwrap();
    assert!(
        s.console_lines()
            .contains(&"log: module says hello".to_string())
    );

    std::fs::write(root.join("bad.js"), "import './lib/broken.js';\n").unwrap();
    std::fs::write(root.join("lib/broken.js"), "export const x = ;\n").unwrap();
    let e = s
        .host
        .register(spec("bad.js"))
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("lib/broken.js"), "{e}");
    assert!(e.contains("SyntaxError"), "{e}");

    std::fs::write(root.join("bare.js"), "import 'idb';\n").unwrap();
    let e = s
        .host
        .register(spec("bare.js"))
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("bare module specifiers"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_controlled_pages_binary_request_body_reaches_the_fetch_event_exactly() {
    let s = setup().await;
    let root = s.dir.path().join("bin");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("sw.js"),
        r#"
self.addEventListener('fetch', (event) => event.respondWith((async () => {
  const bytes = new Uint8Array(await event.request.arrayBuffer());
  return new Response(JSON.stringify(Array.from(bytes)));
})()));
"#,
    )
    .unwrap();
    let page = s
        .host
        .open_page("http://bin.test/", ScriptSource::Folder { root })
        .await
        .unwrap();
    page.eval(
        r#"
globalThis.echo = async () => {
  await navigator.serviceWorker.register('/sw.js');
  const r = await fetch('/echo', { method: 'POST', body: new Uint8Array([0, 255, 128, 10, 195]) });
  return r.json();
};
"#,
        "http://bin.test/page.js",
    )
    .await
    .unwrap();
    assert_eq!(
        page.call("callGlobal", vec!["echo".into()]).await.unwrap(),
        serde_json::json!([0, 255, 128, 10, 195])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bypass_for_network_sends_a_controlled_pages_fetches_to_the_network() {
    let s = setup().await;
    let root = s.dir.path().join("bypass");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("data.txt"), "from the network").unwrap();
    std::fs::write(
        root.join("sw.js"),
        "self.addEventListener('fetch', (event) => event.respondWith(new Response('from the worker')));",
    )
    .unwrap();
    let page = s
        .host
        .open_page("http://bypass.test/", ScriptSource::Folder { root })
        .await
        .unwrap();
    page.eval(
        r#"
globalThis.load = async () => {
  await navigator.serviceWorker.register('/sw.js');
  return (await fetch('/data.txt')).text();
};
"#,
        "http://bypass.test/page.js",
    )
    .await
    .unwrap();
    let origin = Origin::parse("http://bypass.test").unwrap();
    assert!(!s.host.bypass_for_network(&origin));
    let load = || page.call("callGlobal", vec!["load".into()]);
    assert_eq!(load().await.unwrap(), "from the worker");
    s.host.set_bypass_for_network(&origin, true);
    assert!(s.host.bypass_for_network(&origin));
    assert_eq!(load().await.unwrap(), "from the network");
    // Per origin: another origin's switch changes nothing here.
    s.host
        .set_bypass_for_network(&Origin::parse("http://other.test").unwrap(), false);
    assert_eq!(load().await.unwrap(), "from the network");
    s.host.set_bypass_for_network(&origin, false);
    assert_eq!(load().await.unwrap(), "from the worker");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_on_reload_installs_the_worker_again_when_a_page_of_its_origin_opens() {
    let mut s = setup().await;
    let sw = |version: &str| {
        format!("self.addEventListener('install', () => console.log('installed {version}'));")
    };
    s.worker("reload.test", &[("sw.js", &sw("v1"))])
        .await
        .unwrap();
    let root = s.dir.path().join("reload.test");
    std::fs::write(root.join("sw.js"), sw("v2")).unwrap();
    let mut installed = Vec::new();
    let mut drain = |rx: &mut tokio::sync::broadcast::Receiver<ConsoleLine>| {
        while let Ok(line) = rx.try_recv() {
            installed.push(line.text);
        }
        installed.clone()
    };
    assert_eq!(drain(&mut s.console), ["installed v1"]);

    // Off (the default): opening a page leaves the installed worker alone, changed script or not.
    let source = ScriptSource::Folder { root: root.clone() };
    let page = s
        .host
        .open_page("http://reload.test/app/", source.clone())
        .await
        .unwrap();
    page.close();
    assert_eq!(drain(&mut s.console), ["installed v1"]);

    // On: each page open of the origin loads the script again and installs it, before the page runs.
    let origin = Origin::parse("http://reload.test").unwrap();
    s.host.set_update_on_reload(&origin, true);
    assert!(s.host.update_on_reload(&origin));
    let _page = s
        .host
        .open_page("http://reload.test/app/", source.clone())
        .await
        .unwrap();
    assert_eq!(drain(&mut s.console), ["installed v1", "installed v2"]);
    let _again = s
        .host
        .open_page("http://reload.test/", source)
        .await
        .unwrap();
    assert_eq!(
        drain(&mut s.console),
        ["installed v1", "installed v2", "installed v2"]
    );
    // Pages of other origins do not touch it.
    let other = s.dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    let _other = s
        .host
        .open_page("http://other.test/", ScriptSource::Folder { root: other })
        .await
        .unwrap();
    assert_eq!(drain(&mut s.console).len(), 3);
    let regs = s.engine.service_workers().await.unwrap();
    assert!(regs.iter().all(|r| r.active), "{regs:?}");
}

/// A browser orders an origin's IndexedDB transactions across its tabs and workers: two read-modify-writes of
/// the same record never interleave. The page and the worker run on their own threads here, at the same time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indexeddb_read_modify_writes_of_page_and_worker_never_lose_an_update() {
    let s = setup().await;
    let root = s.dir.path().join("counter");
    std::fs::create_dir_all(&root).unwrap();
    let bump = r#"
async function bump(n) {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('counter', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('n');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  for (let i = 0; i < n; i++) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction('n', 'readwrite');
      const store = tx.objectStore('n');
      const get = store.get('count');
      get.onsuccess = () => store.put((get.result || 0) + 1, 'count');
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
  const read = db.transaction('n').objectStore('n').get('count');
  return new Promise((resolve) => { read.onsuccess = () => resolve(read.result); });
}
"#;
    std::fs::write(
        root.join("sw.js"),
        format!("{bump}\nself.addEventListener('sync', (e) => e.waitUntil(bump(Number(e.tag.split('-')[1]))));"),
    )
    .unwrap();
    let page = s
        .host
        .open_page("http://counter.test/", ScriptSource::Folder { root })
        .await
        .unwrap();
    page.eval(bump, "http://counter.test/page.js")
        .await
        .unwrap();
    page.eval(
        "globalThis.boot = async () => { await navigator.serviceWorker.register('/sw.js'); await navigator.serviceWorker.ready; };",
        "http://counter.test/boot.js",
    )
    .await
    .unwrap();
    page.call("callGlobal", vec!["boot".into()]).await.unwrap();
    let sw = s.engine.service_workers().await.unwrap()[0].id;
    // Rounds of both at once: the worker's sync handler and the page each add 30.
    for round in 1..=3 {
        let (from_page, from_worker) = tokio::join!(
            page.call("callGlobal", vec!["bump".into(), 30.into()]),
            s.engine.dispatch_sync(sw, "bump-30", false),
        );
        from_page.unwrap();
        assert_eq!(from_worker.unwrap(), Outcome::Succeeded);
        assert_eq!(
            page.call("callGlobal", vec!["bump".into(), 0.into()])
                .await
                .unwrap(),
            serde_json::json!(round * 60),
            "no update lost in round {round}"
        );
    }
}
