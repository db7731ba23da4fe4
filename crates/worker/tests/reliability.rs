//! The engine keeps its word when the worker's world misbehaves: an update while an event runs, servers that
//! accept and never answer (for the script, `importScripts`, a handler's `fetch`), lifecycle events that never
//! settle. Each ends within its deadline with a status that names the cause, and a paused virtual clock's
//! `advance` always returns.

mod common;

use std::net::TcpListener;
use std::time::Duration;

use common::*;
use syncscope_engine::*;
use syncscope_worker::*;

/// A server on 127.0.0.1 that accepts connections and never answers. Returns its `http://` origin.
fn stalled_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream); // keep it open, say nothing
        }
    });
    origin
}

/// A server that serves `sw.js` and never answers any other path.
fn server_stalling_all_but(sw: &'static str) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", server.server_addr().to_ip().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for req in server.incoming_requests() {
            if req.url() == "/sw.js" {
                let _ = req.respond(
                    tiny_http::Response::from_string(sw).with_header(
                        "Content-Type: text/javascript"
                            .parse::<tiny_http::Header>()
                            .unwrap(),
                    ),
                );
            } else {
                held.push(req);
            }
        }
    });
    origin
}

/// Registers `<origin>/sw.js` from the origin's server, expecting it to fail (within 30 s); the error text.
async fn register_failure(s: &Setup, origin: &str) -> String {
    let spec = WorkerSpec {
        scope: format!("{origin}/"),
        script_url: format!("{origin}/sw.js"),
        source: ScriptSource::Http,
        window_clients: 1,
        module: false,
    };
    within(30, "register", s.host.register(spec))
        .await
        .unwrap_err()
        .to_string()
}

fn short_limits() -> WorkerLimits {
    WorkerLimits {
        script_timeout: Duration::from_millis(400),
        lifecycle_timeout: Duration::from_millis(400),
        network_stall: Duration::from_millis(200),
        ..WorkerLimits::default()
    }
}

/// Fails the test instead of hanging it.
async fn within<T>(secs: u64, what: &str, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(secs), f)
        .await
        .unwrap_or_else(|_| panic!("{what} did not return within {secs} s"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_while_a_sync_runs_lets_the_old_version_finish_it_and_counts_no_failure() {
    let mut s = setup().await;
    let v1 = r#"
self.addEventListener('sync', (event) => {
  console.log('v1 started', event.tag);
  event.waitUntil(new Promise((resolve) => setTimeout(() => { console.log('v1 finished'); resolve(); }, 10000)));
});
"#;
    let sw = s.worker("app.test", &[("sw.js", v1)]).await.unwrap();
    s.engine.sync_register(sw.id, "outbox").await.unwrap();
    s.engine.settle().await.unwrap();
    assert_eq!(
        names(&s.log().await),
        ["Registered sync", "Dispatched sync event"]
    );
    // The developer saves a new version while the event runs.
    let v2 = r#"
self.addEventListener('sync', (event) => console.log('v2 ran', event.tag));
"#;
    let updated = s.worker("app.test", &[("sw.js", v2)]).await.unwrap();
    assert_eq!(updated.id, sw.id);
    s.advance(15_000).await;
    let log = s.log().await;
    assert_eq!(
        names(&log),
        ["Registered sync", "Dispatched sync event", "Sync completed"],
        "{log:?}"
    );
    assert_eq!(log[2].2, [("Status".to_string(), "succeeded".to_string())]);
    // New events go to the new version.
    s.engine.sync_register(sw.id, "later").await.unwrap();
    s.advance(1_000).await;
    let console = s.console_lines();
    for line in [
        "log: v1 started outbox",
        "log: v1 finished",
        "log: v2 ran later",
    ] {
        assert!(console.contains(&line.to_string()), "{line}: {console:?}");
    }
}

/// A server whose every request is held until the test sends on `open`; `arrived` hears of each request.
fn gate_server() -> (
    String,
    std::sync::mpsc::Receiver<()>,
    std::sync::mpsc::Sender<()>,
) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", server.server_addr().to_ip().unwrap());
    let (arrived_tx, arrived) = std::sync::mpsc::channel();
    let (open, open_rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let _ = arrived_tx.send(());
            let _ = open_rx.recv_timeout(Duration::from_secs(60));
            let _ = req.respond(tiny_http::Response::from_string("open"));
        }
    });
    (origin, arrived, open)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_registered_while_a_new_version_installs_goes_to_the_current_one() {
    let s = setup().await;
    let v1 = "self.addEventListener('sync', (e) => console.log('v1 ran', e.tag));";
    let sw = s.worker("app.test", &[("sw.js", v1)]).await.unwrap();
    let (gate, arrived, open) = gate_server();
    // v2's install waits on the gate, so the update is caught half-way.
    let v2 = format!(
        "self.addEventListener('install', (e) => e.waitUntil(fetch('{gate}/install', {{ mode: 'no-cors' }})));\n\
         self.addEventListener('sync', (e) => console.log('v2 ran', e.tag));"
    );
    let files = [("sw.js", v2.as_str())];
    let update = s.worker("app.test", &files);
    let page = async {
        tokio::task::spawn_blocking(move || arrived.recv_timeout(Duration::from_secs(30)))
            .await
            .unwrap()
            .expect("v2's install reached the gate");
        // Chromium keeps the registration's active version while a new one installs: register() succeeds.
        let registered = s.engine.sync_register(sw.id, "during-update").await;
        open.send(()).unwrap();
        registered
    };
    let (updated, registered) =
        within(60, "the update", async { tokio::join!(update, page) }).await;
    registered.expect("sync.register() while v2 installs");
    assert_eq!(updated.unwrap().id, sw.id);
    s.advance(1_000).await;
    let log = s.log().await;
    assert_eq!(
        names(&log),
        ["Registered sync", "Dispatched sync event", "Sync completed"],
        "{log:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetch_to_a_server_that_never_answers_cannot_stall_a_paused_virtual_clock() {
    let s = setup_with(short_limits(), None).await;
    let origin = stalled_server();
    let sw = s
        .worker(
            "app.test",
            &[(
                "sw.js",
                &format!(
                    "self.addEventListener('sync', (e) => e.waitUntil(fetch('{origin}/api/messages', {{ method: 'POST' }})));"
                ),
            )],
        )
        .await
        .unwrap();
    s.engine.sync_register(sw.id, "outbox").await.unwrap();
    // The clock is paused: only `advance` moves it. Past max_sync_event_duration (3 min) the stalled request
    // is cut off as a timeout, and the retry is scheduled.
    within(30, "advance", s.advance(3 * 60_000 + 1_000)).await;
    let log = s.log().await;
    assert_eq!(
        names(&log),
        [
            "Registered sync",
            "Dispatched sync event",
            "sync event failed"
        ],
        "{log:?}"
    );
    assert!(
        log[2]
            .2
            .contains(&("Failure Reason".to_string(), "timeout".to_string())),
        "{log:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_worker_is_reported_with_the_request_it_waits_for() {
    let s = setup_with(short_limits(), None).await;
    let origin = stalled_server();
    let sw = s
        .worker(
            "app.test",
            &[(
                "sw.js",
                &format!(
                    "self.addEventListener('sync', (e) => e.waitUntil(fetch('{origin}/slow')));"
                ),
            )],
        )
        .await
        .unwrap();
    s.engine.sync_register(sw.id, "outbox").await.unwrap();
    within(30, "settle", s.engine.settle()).await.unwrap();
    let busy = s.host.busy();
    assert_eq!(busy.len(), 1, "{busy:?}");
    assert!(
        busy[0].starts_with("worker http://app.test/: waiting on GET ")
            && busy[0].contains(&format!("{origin}/slow")),
        "{busy:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_from_a_server_that_never_answers_fails_registration_naming_the_url() {
    let s = setup_with(short_limits(), None).await;
    let origin = stalled_server();
    let err = register_failure(&s, &origin).await;
    assert!(err.contains(&format!("{origin}/sw.js")), "{err}");
    assert!(err.contains("did not send it within 0.4 s"), "{err}");
    // Nothing is left half-registered: the registration has no active worker.
    let sws = s.engine.service_workers().await.unwrap();
    assert!(sws.iter().all(|w| !w.active), "{sws:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_scripts_from_a_server_that_never_answers_fails_within_its_deadline() {
    let s = setup_with(short_limits(), None).await;
    let origin = server_stalling_all_but("importScripts('lib.js');");
    let err = register_failure(&s, &origin).await;
    assert!(
        err.contains("NetworkError: Failed to execute 'importScripts'")
            && err.contains(&format!("{origin}/lib.js")),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_install_or_activate_that_never_settles_fails_within_the_lifecycle_deadline() {
    let s = setup_with(short_limits(), None).await;
    for phase in ["install", "activate"] {
        let host = format!("{phase}.test");
        let script = format!(
            "self.addEventListener('{phase}', (e) => e.waitUntil(new Promise(() => {{}})));"
        );
        let err = within(10, phase, s.worker(&host, &[("sw.js", &script)]))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "its {phase} event did not finish within 0.4 s (the lifecycle deadline)"
            )),
            "{err}"
        );
    }
    let sws = s.engine.service_workers().await.unwrap();
    assert!(sws.iter().all(|w| !w.active), "{sws:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_cannot_register_a_worker_for_another_origin() {
    let s = setup().await;
    let root = s.dir.path().join("app");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("sw.js"), "").unwrap();
    let page = s
        .host
        .open_page("http://app.test/", ScriptSource::Folder { root })
        .await
        .unwrap();
    page.eval(
        r#"
globalThis.attempt = (url, scope) => navigator.serviceWorker.register(url, scope ? { scope } : {}).then(
  () => 'registered',
  (e) => `${e.name}: ${e.message}`,
);
"#,
        "http://app.test/page.js",
    )
    .await
    .unwrap();
    let attempt = |url: &str, scope: Option<&str>| {
        let args = vec![
            "attempt".into(),
            url.into(),
            scope.map(Into::into).unwrap_or(serde_json::Value::Null),
        ];
        page.call("callGlobal", args)
    };
    assert_eq!(
        attempt("http://evil.test/sw.js", None).await.unwrap(),
        "SecurityError: Failed to register a ServiceWorker: The origin of the provided scriptURL \
         ('http://evil.test/sw.js') does not match the current origin ('http://app.test')."
    );
    assert_eq!(
        attempt("/sw.js", Some("http://evil.test/")).await.unwrap(),
        "SecurityError: Failed to register a ServiceWorker: The origin of the provided scope \
         ('http://evil.test/') does not match the current origin ('http://app.test')."
    );
    assert!(s.engine.service_workers().await.unwrap().is_empty());
    assert_eq!(attempt("/sw.js", None).await.unwrap(), "registered");
}

/// A server whose answers are set per path: `(status, headers, body)`; records `METHOD path origin-header`.
fn scripted_server(
    routes: Vec<(&'static str, u16, Vec<&'static str>, &'static str)>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", server.server_addr().to_ip().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let origin_header = req
                .headers()
                .iter()
                .find(|h| h.field.equiv("origin"))
                .map(|h| h.value.to_string())
                .unwrap_or_else(|| "-".into());
            log.lock()
                .unwrap()
                .push(format!("{} {} {origin_header}", req.method(), req.url()));
            let route = routes.iter().find(|r| r.0 == req.url());
            let (status, headers, body) = match route {
                Some((_, s, h, b)) => (*s, h.clone(), *b),
                None => (404, vec![], "no route"),
            };
            let mut resp = tiny_http::Response::from_string(body).with_status_code(status);
            for h in headers {
                resp = resp.with_header(h.parse::<tiny_http::Header>().unwrap());
            }
            let _ = req.respond(resp);
        }
    });
    (origin, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetches_follow_the_connection_policy_cors_and_the_redirect_mode() {
    let mut s = setup().await;
    let (api, seen) = scripted_server(vec![
        (
            "/open",
            200,
            vec!["Access-Control-Allow-Origin: *"],
            "open data",
        ),
        ("/closed", 200, vec![], "secret"),
        (
            "/put",
            200,
            vec!["Access-Control-Allow-Origin: http://app.test"],
            "put ok",
        ),
        (
            "/moved",
            302,
            vec!["Location: /open", "Access-Control-Allow-Origin: *"],
            "",
        ),
    ]);
    let script = format!(
        r#"
const api = '{api}';
const outcome = (p) => p.then(
  async (r) => `${{r.type}} ${{r.status}} ${{r.redirected}} ${{r.type === 'opaque' || r.type === 'opaqueredirect' ? '' : await r.text()}}`,
  (e) => `${{e.name}}: ${{e.message}}`,
);
self.addEventListener('sync', (event) => event.waitUntil((async () => {{
  const results = {{
    open: await outcome(fetch(api + '/open')),
    closed: await outcome(fetch(api + '/closed')),
    noCors: await outcome(fetch(api + '/closed', {{ mode: 'no-cors' }})),
    sameOrigin: await outcome(fetch(api + '/open', {{ mode: 'same-origin' }})),
    put: await outcome(fetch(api + '/put', {{ method: 'PUT', headers: {{ 'X-Token': '1' }} }})),
    followed: await outcome(fetch(api + '/moved')),
    manual: await outcome(fetch(api + '/moved', {{ redirect: 'manual' }})),
    error: await outcome(fetch(api + '/moved', {{ redirect: 'error' }})),
    elsewhere: await outcome(fetch('https://example.com/')),
    metadata: await outcome(fetch('http://169.254.169.254/latest/meta-data')),
  }};
  for (const [k, v] of Object.entries(results)) console.log(k, '=', v);
}})()));
"#
    );
    let sw = s.worker("app.test", &[("sw.js", &script)]).await.unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    within(30, "advance", s.advance(1_000)).await;
    let console = s.console_lines();
    let result = |k: &str| {
        let prefix = format!("log: {k} = ");
        console
            .iter()
            .find_map(|l| l.strip_prefix(&prefix).map(str::to_string))
            .unwrap_or_else(|| panic!("no result for {k}: {console:#?}"))
    };
    assert_eq!(result("open"), "cors 200 false open data");
    assert_eq!(result("closed"), "TypeError: Failed to fetch");
    assert_eq!(result("noCors"), "opaque 0 false ");
    assert_eq!(result("sameOrigin"), "TypeError: Failed to fetch");
    // A PUT with a custom header needs a preflight; the server's answer allows the origin, not the method.
    assert_eq!(result("put"), "TypeError: Failed to fetch");
    assert_eq!(result("followed"), "cors 200 true open data");
    assert_eq!(result("manual"), "opaqueredirect 0 false ");
    assert_eq!(result("error"), "TypeError: Failed to fetch");
    assert_eq!(result("elsewhere"), "TypeError: Failed to fetch");
    assert_eq!(result("metadata"), "TypeError: Failed to fetch");
    // Chromium's CORS messages, and the policy's, on the console.
    let errors: Vec<&String> = console
        .iter()
        .filter(|l| l.starts_with("error: "))
        .collect();
    let said = |needle: &str| errors.iter().any(|l| l.contains(needle));
    assert!(
        said(&format!(
            "Access to fetch at '{api}/closed' from origin 'http://app.test' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header"
        )),
        "{errors:#?}"
    );
    assert!(
        said(&format!(
            "Access to fetch at '{api}/put' from origin 'http://app.test' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response."
        )),
        "{errors:#?}"
    );
    assert!(
        said(
            "https://example.com/ is blocked by Syncscope's connection policy: example.com is not the worker's origin"
        ),
        "{errors:#?}"
    );
    assert!(
        said("169.254.169.254 is a link-local address"),
        "{errors:#?}"
    );
    let seen = seen.lock().unwrap().clone();
    // CORS requests carry the worker's origin; the preflight went first and the PUT itself never did.
    assert!(
        seen.contains(&"GET /open http://app.test".to_string()),
        "{seen:?}"
    );
    assert!(
        seen.contains(&"GET /closed -".to_string()),
        "no-cors GET has no Origin: {seen:?}"
    );
    assert!(
        seen.contains(&"OPTIONS /put http://app.test".to_string()),
        "{seen:?}"
    );
    assert!(!seen.iter().any(|l| l.starts_with("PUT ")), "{seen:?}");
    assert!(
        !seen
            .iter()
            .any(|l| l.contains("mode") || l.starts_with("GET /open -")),
        "{seen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hosts_the_user_allows_are_reachable() {
    let limits = WorkerLimits {
        connect: net_policy::ConnectPolicy::new()
            .allowing(["127.0.0.2"])
            .unwrap(),
        ..WorkerLimits::default()
    };
    let mut s = setup_with(limits, None).await;
    let script = r#"
self.addEventListener('sync', (event) => event.waitUntil(
  fetch('http://10.255.255.1:9/').then(() => console.log('reached'), (e) => console.log('refused', e.name))
));
"#;
    let sw = s.worker("app.test", &[("sw.js", script)]).await.unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    within(30, "advance", s.advance(1_000)).await;
    let console = s.console_lines();
    assert!(
        console.contains(&"log: refused TypeError".to_string()),
        "{console:?}"
    );
    assert!(
        console
            .iter()
            .any(|l| l.contains("10.255.255.1 is not the worker's origin")),
        "{console:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_allowed_while_the_worker_runs_is_reachable_from_its_next_request() {
    let mut s = setup_with(short_limits(), None).await;
    // Refused by the policy, the fetch fails at once and the console says why. Allowed, the request goes out:
    // what 10.255.255.1 does then depends on the machine's network (nothing answers, a proxy answers, the
    // network is unreachable), so the test asserts only that the policy no longer refuses it.
    let script = r#"
self.addEventListener('sync', (event) => event.waitUntil(Promise.race([
  fetch('http://10.255.255.1:9/', { mode: 'no-cors' }).then(() => 'reached', (e) => 'refused ' + e.name),
  new Promise((resolve) => setTimeout(() => resolve('in flight'), 100)),
]).then((r) => console.log(event.tag, r))));
"#;
    let sw = s.worker("app.test", &[("sw.js", script)]).await.unwrap();
    s.engine.sync_register(sw.id, "before").await.unwrap();
    within(30, "advance", s.advance(1_000)).await;
    s.host.set_connect_policy(
        net_policy::ConnectPolicy::new()
            .allowing(["10.255.255.1"])
            .unwrap(),
    );
    s.engine.sync_register(sw.id, "after").await.unwrap();
    within(30, "advance", s.advance(1_000)).await;
    let console = s.console_lines();
    assert!(
        console.contains(&"log: before refused TypeError".to_string()),
        "{console:?}"
    );
    assert!(
        console.iter().any(|l| l.starts_with("log: after ")),
        "the second sync ran: {console:?}"
    );
    let blocked = console
        .iter()
        .filter(|l| l.contains("10.255.255.1 is not the worker's origin"))
        .count();
    assert_eq!(blocked, 1, "only the first request is blocked: {console:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storage_past_the_origins_quota_is_refused_with_quota_exceeded_error() {
    let limits = WorkerLimits {
        storage_quota: Some(64 * 1024),
        ..WorkerLimits::default()
    };
    let mut s = setup_with(limits, None).await;
    let script = r#"
const open = () => new Promise((resolve, reject) => {
  const r = indexedDB.open('outbox', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('messages');
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});
const put = (db, key, size) => new Promise((resolve) => {
  const tx = db.transaction('messages', 'readwrite');
  tx.objectStore('messages').put('x'.repeat(size), key);
  tx.oncomplete = () => resolve('complete');
  tx.onabort = () => resolve(`${tx.error.name}: ${tx.error.message}`);
});
self.addEventListener('sync', (event) => event.waitUntil((async () => {
  const db = await open();
  console.log('small', await put(db, 'small', 1000));
  console.log('big', await put(db, 'big', 200 * 1024));
  const c = await caches.open('v1');
  console.log('cache', await c.put('/big', new Response('y'.repeat(200 * 1024))).then(() => 'stored', (e) => `${e.name}: ${e.message}`));
  const { quota, usage, usageDetails } = await navigator.storage.estimate();
  console.log('estimate', quota, usage > 1000 && usage < 64 * 1024, Object.keys(usageDetails).join(','));
})()));
"#;
    let sw = s.worker("app.test", &[("sw.js", script)]).await.unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    within(30, "advance", s.advance(1_000)).await;
    let console = s.console_lines();
    for line in [
        "log: small complete",
        // Chromium's transaction error here has no message (crates/cdp/tests/differential_web.rs)
        "log: big QuotaExceededError: ",
        "log: cache QuotaExceededError: Quota exceeded.",
        // The worker's script counts as its registration's share, as in Chromium
        "log: estimate 65536 true indexedDB,caches,serviceWorkerRegistrations",
    ] {
        assert!(console.contains(&line.to_string()), "{line}: {console:#?}");
    }
    let log = s.log().await;
    assert_eq!(names(&log).last(), Some(&"Sync completed"), "{log:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tag_with_lone_surrogates_is_registered_as_replacement_characters_and_counted_in_bytes() {
    let s = setup().await;
    s.engine.set_online(false).await.unwrap();
    let root = s.dir.path().join("app");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("sw.js"), "").unwrap();
    let page = s
        .host
        .open_page("http://app.test/", ScriptSource::Folder { root })
        .await
        .unwrap();
    page.eval(
        r#"
globalThis.attempt = async (n, extra) => {
  const reg = await navigator.serviceWorker.register('/sw.js');
  return reg.sync.register('\uD800'.repeat(n) + 'x'.repeat(extra)).then(() => 'ok', (e) => e.name);
};
"#,
        "http://app.test/page.js",
    )
    .await
    .unwrap();
    let attempt = |n: i64, extra: i64| {
        page.call("callGlobal", vec!["attempt".into(), n.into(), extra.into()])
    };
    assert_eq!(attempt(1, 1).await.unwrap(), "ok");
    // 3,413 x 3 bytes + 1 = 10,240 bytes: the limit; one byte more is refused.
    assert_eq!(attempt(3413, 1).await.unwrap(), "ok");
    assert_eq!(attempt(3413, 2).await.unwrap(), "InvalidAccessError");
    let mut tags: Vec<String> = s
        .engine
        .tags()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.registration.tag)
        .collect();
    tags.sort_by_key(String::len);
    assert_eq!(tags[0], "\u{fffd}x");
    assert_eq!(tags[1].len(), 10_240);
}

/// A server that answers `/big` with `n` bytes, announced or not (chunked), and `/small` with 1 KiB.
fn big_body_server(n: usize, announce: bool) -> String {
    use std::io::Read as _;
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", server.server_addr().to_ip().unwrap());
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let size = if req.url() == "/big" { n } else { 1024 };
            let body = std::io::repeat(b'x').take(size as u64);
            let header = "Access-Control-Allow-Origin: *"
                .parse::<tiny_http::Header>()
                .unwrap();
            let resp = tiny_http::Response::new(
                200.into(),
                vec![header],
                body,
                announce.then_some(size),
                None,
            );
            let _ = req.respond(resp);
        }
    });
    origin
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_response_body_larger_than_a_worker_can_hold_fails_to_read_whole_instead_of_filling_memory()
 {
    let limits = WorkerLimits {
        memory_limit: 32 * 1024 * 1024,
        ..WorkerLimits::default()
    };
    let mut s = setup_with(limits, None).await;
    let announced = big_body_server(64 * 1024 * 1024, true);
    let chunked = big_body_server(64 * 1024 * 1024, false);
    let script = format!(
        r#"
const size = (u) => fetch(u).then((r) => r.arrayBuffer()).then((b) => b.byteLength, (e) => `${{e.name}}: ${{e.cause ?? e.message}}`);
self.addEventListener('sync', (event) => event.waitUntil((async () => {{
  console.log('small', await size('{announced}/small'));
  console.log('announced', await size('{announced}/big'));
  console.log('chunked', await size('{chunked}/big'));
}})()));
"#
    );
    let sw = s.worker("app.test", &[("sw.js", &script)]).await.unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    within(60, "advance", s.advance(1_000)).await;
    let console = s.console_lines();
    assert!(
        console.contains(&"log: small 1024".to_string()),
        "{console:#?}"
    );
    for (which, origin) in [("announced", &announced), ("chunked", &chunked)] {
        let line = console
            .iter()
            .find(|l| l.starts_with(&format!("log: {which} ")))
            .unwrap_or_else(|| panic!("{which}: {console:#?}"));
        assert!(
            line.contains("TypeError")
                && line.contains(&format!(
                    "the response body of {origin}/big is larger than 32 MiB"
                )),
            "{line}"
        );
    }
}

/// What a streaming server saw of one response: bytes written before the client stopped reading or went away.
#[derive(Debug, Default)]
struct Streamed {
    written: std::sync::atomic::AtomicU64,
    closed: std::sync::atomic::AtomicBool,
}

impl Streamed {
    /// Waits (up to 30 s) for the client to have closed the connection.
    async fn wait_closed(&self) {
        within(30, "the connection to close", async {
            while !self.closed.load(std::sync::atomic::Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await;
    }
}

/// A server on 127.0.0.1 that answers every request with a chunked body of `total` bytes of `x`, written 64 KiB
/// at a time as fast as the client takes them. `gate`, when given, holds the body after its first chunk until
/// it is opened. Returns its origin and what it saw of the latest response.
fn streaming_server(
    total: u64,
    gate: Option<std::sync::mpsc::Receiver<()>>,
) -> (
    String,
    std::sync::Arc<std::sync::Mutex<std::sync::Arc<Streamed>>>,
) {
    use std::io::{Read as _, Write as _};
    use std::sync::atomic::Ordering;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let latest = std::sync::Arc::new(std::sync::Mutex::new(std::sync::Arc::new(
        Streamed::default(),
    )));
    let seen = latest.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let state = std::sync::Arc::new(Streamed::default());
            *seen.lock().unwrap() = state.clone();
            // The request's head, then ours.
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n",
            );
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0u64;
            let mut ok = true;
            while sent < total && ok {
                let n = chunk.len().min((total - sent) as usize);
                ok = stream
                    .write_all(format!("{n:x}\r\n").as_bytes())
                    .and_then(|()| stream.write_all(&chunk[..n]))
                    .and_then(|()| stream.write_all(b"\r\n"))
                    .is_ok();
                if ok {
                    sent += n as u64;
                    state.written.store(sent, Ordering::SeqCst);
                }
                if sent == n as u64
                    && let Some(gate) = &gate
                {
                    let _ = stream.flush();
                    let _ = gate.recv_timeout(Duration::from_secs(60));
                }
            }
            if ok {
                ok = stream.write_all(b"0\r\n\r\n").is_ok();
            }
            if !ok {
                state.closed.store(true, Ordering::SeqCst);
            } else {
                // Wait for the client to close its side.
                let mut rest = [0u8; 1024];
                while stream.read(&mut rest).is_ok_and(|n| n > 0) {}
                state.closed.store(true, Ordering::SeqCst);
            }
        }
    });
    (origin, latest)
}

/// Waits (up to 30 s) for a console line starting with `prefix`, returning it.
async fn console_line(s: &mut Setup, prefix: &str) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        match tokio::time::timeout_at(deadline, s.console.recv()).await {
            Ok(Ok(line)) => {
                let text = format!("{}: {}", line.level.as_str(), line.text);
                if text.starts_with(prefix) {
                    return text;
                }
            }
            Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {}
            Ok(Err(e)) => panic!("console closed waiting for {prefix:?}: {e}"),
            Err(_) => panic!("no console line {prefix:?} within 30 s"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetch_resolves_at_the_head_and_its_body_streams_in_as_the_server_sends_it() {
    let mut s = setup().await;
    let (gate_tx, gate) = std::sync::mpsc::channel();
    let (origin, _) = streaming_server(3 * 64 * 1024, Some(gate));
    let script = format!(
        r#"
self.addEventListener('sync', (event) => event.waitUntil((async () => {{
  const r = await fetch('{origin}/stream');
  const reader = r.body.getReader();
  // The server's first 64 KiB, in however many pieces they arrive.
  let first = 0;
  while (first < 65536) {{ const {{ done, value }} = await reader.read(); if (done) break; first += value.length; }}
  console.log('first', first, r.status);
  let rest = 0;
  for (;;) {{ const {{ done, value }} = await reader.read(); if (done) break; rest += value.length; }}
  console.log('rest', rest);
}})()));
"#
    );
    let sw = s.worker("app.test", &[("sw.js", &script)]).await.unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    let engine = s.engine.clone();
    let advance =
        tokio::spawn(async move { engine.advance_by(Duration::from_secs(1)).await.unwrap() });
    // The script has its response and the first 64 KiB while the server still holds the other 128 KiB.
    assert_eq!(
        console_line(&mut s, "log: first").await,
        "log: first 65536 200"
    );
    gate_tx.send(()).unwrap();
    assert_eq!(console_line(&mut s, "log: rest").await, "log: rest 131072");
    within(30, "advance", advance).await.unwrap();
    let log = s.log().await;
    assert!(names(&log).contains(&"Sync completed"), "{log:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_far_larger_than_the_heap_can_be_read_in_chunks_and_a_slow_reader_holds_the_server_back()
 {
    use std::sync::atomic::Ordering;
    let limits = WorkerLimits {
        memory_limit: 32 * 1024 * 1024,
        ..WorkerLimits::default()
    };
    let mut s = setup_with(limits, None).await;
    // 256 MiB through a 32 MiB heap, counted chunk by chunk.
    let (big, _) = streaming_server(256 << 20, None);
    // 1 GiB to a reader that takes one chunk and then stops.
    let (slow, slow_seen) = streaming_server(1 << 30, None);
    let script = format!(
        r#"
self.addEventListener('sync', (event) => event.waitUntil((async () => {{
  if (event.tag === 'big') {{
    let n = 0;
    for await (const chunk of (await fetch('{big}/big')).body) n += chunk.length;
    console.log('counted', n);
    return;
  }}
  const reader = (await fetch('{slow}/slow')).body.getReader();
  console.log('slow first', (await reader.read()).value.length > 0);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  await reader.cancel();
  console.log('slow cancelled');
}})()));
"#
    );
    let sw = s.worker("app.test", &[("sw.js", &script)]).await.unwrap();
    s.engine.sync_register(sw.id, "big").await.unwrap();
    within(120, "advance", s.advance(1_000)).await;
    assert_eq!(
        console_line(&mut s, "log: counted").await,
        format!("log: counted {}", 256u64 << 20)
    );

    s.engine.sync_register(sw.id, "slow").await.unwrap();
    // The handler reads one chunk, then waits a minute of virtual time without reading.
    within(30, "advance", s.advance(1_000)).await;
    assert_eq!(
        console_line(&mut s, "log: slow first").await,
        "log: slow first true"
    );
    let seen = slow_seen.lock().unwrap().clone();
    // The server writes until the socket buffers fill, then waits on the reader: its count settles far
    // below the gigabyte.
    let mut last = u64::MAX;
    let settled = within(30, "the slow server to be held back", async {
        loop {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let now = seen.written.load(Ordering::SeqCst);
            if now == last {
                return now;
            }
            last = now;
        }
    })
    .await;
    assert!(
        settled < 64 << 20,
        "the server wrote {settled} bytes to a reader that read one chunk"
    );
    // Cancelling the stream closes the connection.
    within(30, "advance", s.advance(60_000)).await;
    assert_eq!(
        console_line(&mut s, "log: slow cancelled").await,
        "log: slow cancelled"
    );
    seen.wait_closed().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_indexeddb_store_three_times_larger_than_the_heap_is_written_read_and_indexed() {
    let limits = WorkerLimits {
        memory_limit: 32 * 1024 * 1024,
        ..WorkerLimits::default()
    };
    let mut s = setup_with(limits, None).await;
    // 96 MiB in 24 transactions of 16 records of 256 KiB, through a 32 MiB heap; then read back by a cursor,
    // counted, looked up by an index and cleared.
    let script = r#"
const open = () => new Promise((resolve, reject) => {
  const r = indexedDB.open('big', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('blobs').createIndex('batch', 'batch');
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});
const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
self.addEventListener('sync', (event) => event.waitUntil((async () => {
  const db = await open();
  if (event.tag === 'write') {
    for (let t = 0; t < 24; t++) {
      const tx = db.transaction('blobs', 'readwrite');
      for (let i = 0; i < 16; i++) tx.objectStore('blobs').put({ batch: t, bytes: new Uint8Array(256 * 1024).fill(i) }, t * 16 + i);
      await done(tx);
    }
    console.log('written');
    return;
  }
  const store = db.transaction('blobs').objectStore('blobs');
  let sum = 0;
  let records = 0;
  await new Promise((resolve, reject) => {
    const c = store.openCursor();
    c.onsuccess = () => {
      if (!c.result) return resolve();
      sum += c.result.value.bytes.byteLength;
      records++;
      c.result.continue();
    };
    c.onerror = () => reject(c.error);
  });
  const count = await req(store.count());
  const batch7 = await req(store.index('batch').getAllKeys(7));
  console.log('read', records, sum, count, batch7.join(','));
  const tx = db.transaction('blobs', 'readwrite');
  tx.objectStore('blobs').clear();
  await done(tx);
  console.log('cleared', await req(db.transaction('blobs').objectStore('blobs').count()));
})()));
"#;
    let sw = s.worker("app.test", &[("sw.js", script)]).await.unwrap();
    s.engine.sync_register(sw.id, "write").await.unwrap();
    within(300, "advance", s.advance(1_000)).await;
    assert_eq!(console_line(&mut s, "log: written").await, "log: written");
    s.engine.sync_register(sw.id, "read").await.unwrap();
    within(300, "advance", s.advance(1_000)).await;
    let batch7: Vec<String> = (112..128).map(|k| k.to_string()).collect();
    assert_eq!(
        console_line(&mut s, "log: read").await,
        format!("log: read 384 {} 384 {}", 96u64 << 20, batch7.join(","))
    );
    assert_eq!(console_line(&mut s, "log: cleared").await, "log: cleared 0");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aborting_after_the_head_errors_the_body_as_chromium_does_and_closes_the_connection() {
    use std::sync::atomic::Ordering;
    let mut s = setup().await;
    let (origin, seen) = streaming_server(1 << 30, None);
    let script = format!(
        r#"
self.addEventListener('sync', (event) => event.waitUntil((async () => {{
  const ctl = new AbortController();
  const reader = (await fetch('{origin}/big', {{ signal: ctl.signal }})).body.getReader();
  await reader.read();
  ctl.abort();
  const after = await reader.read().then(() => 'read', (e) => `${{e.name}}: ${{e.message}}`);
  console.log('after abort', after);
}})()));
"#
    );
    let sw = s.worker("app.test", &[("sw.js", &script)]).await.unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    within(30, "advance", s.advance(1_000)).await;
    assert_eq!(
        console_line(&mut s, "log: after abort").await,
        "log: after abort AbortError: BodyStreamBuffer was aborted"
    );
    let seen = seen.lock().unwrap().clone();
    seen.wait_closed().await;
    assert!(seen.written.load(Ordering::SeqCst) < 1 << 30);
}

/// A server that sends the head and 100 KiB of a chunked body, then closes the connection mid-body.
fn truncating_server() -> String {
    use std::io::{Read as _, Write as _};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let body = vec![b'x'; 100 * 1024];
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nAccess-Control-Allow-Origin: *\r\n\r\n")
                .and_then(|()| stream.write_all(format!("{:x}\r\n", body.len()).as_bytes()))
                .and_then(|()| stream.write_all(&body))
                .and_then(|()| stream.write_all(b"\r\n"));
            // Dropped here: no last chunk.
        }
    });
    origin
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_cut_off_mid_way_fails_its_reads_with_chromiums_errors() {
    let mut s = setup().await;
    let origin = truncating_server();
    let script = format!(
        r#"
const text = (e) => `${{e.name}}: ${{e.message}}${{e.cause ? ` (${{e.cause}})` : ""}}`;
self.addEventListener('sync', (event) => event.waitUntil((async () => {{
  const whole = await fetch('{origin}/a').then((r) => r.text()).then((t) => `read ${{t.length}}`, text);
  let n = 0;
  const chunks = await (async () => {{
    for await (const c of (await fetch('{origin}/b')).body) n += c.length;
    return `read ${{n}}`;
  }})().catch(text);
  console.log('cut', whole, '|', chunks, n > 0);
}})()));
"#
    );
    let sw = s.worker("app.test", &[("sw.js", &script)]).await.unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    within(30, "advance", s.advance(1_000)).await;
    // Chromium's errors, with the cause naming the body and what went wrong.
    let line = console_line(&mut s, "log: cut").await;
    let (whole, chunks) = line.split_once(" | ").unwrap();
    assert!(
        whole.starts_with(&format!(
            "log: cut TypeError: Failed to fetch (reading the body of {origin}/a: "
        )),
        "{line}"
    );
    assert!(
        chunks.starts_with(&format!(
            "TypeError: network error (reading the body of {origin}/b: "
        )) && chunks.ends_with(") true"),
        "{line}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_workers_large_files_stream_like_network_bodies() {
    let limits = WorkerLimits {
        memory_limit: 32 * 1024 * 1024,
        ..WorkerLimits::default()
    };
    let mut s = setup_with(limits, None).await;
    let medium = "m".repeat(300 * 1024);
    let huge = "h".repeat(40 * 1024 * 1024);
    let script = r#"
const chunks = async (u) => { let n = 0; for await (const c of (await fetch(u)).body) n += c.length; return n; };
const whole = (u) => fetch(u).then((r) => r.text()).then((t) => t.length, (e) => `${e.name}: ${e.cause ?? e.message}`);
self.addEventListener('sync', (event) => event.waitUntil((async () => {
  console.log('medium', await whole('/medium.txt'), await chunks('/medium.txt'));
  console.log('huge chunks', await chunks('/huge.txt'));
  console.log('huge whole', await whole('/huge.txt'));
})()));
"#;
    let sw = s
        .worker(
            "app.test",
            &[
                ("sw.js", script),
                ("medium.txt", &medium),
                ("huge.txt", &huge),
            ],
        )
        .await
        .unwrap();
    s.engine.sync_register(sw.id, "go").await.unwrap();
    within(60, "advance", s.advance(1_000)).await;
    assert_eq!(
        console_line(&mut s, "log: medium").await,
        format!("log: medium {0} {0}", 300 * 1024)
    );
    assert_eq!(
        console_line(&mut s, "log: huge chunks").await,
        format!("log: huge chunks {}", 40 * 1024 * 1024)
    );
    let line = console_line(&mut s, "log: huge whole").await;
    assert!(
        line.contains("TypeError")
            && line.contains("http://app.test/huge.txt is larger than 32 MiB"),
        "{line}"
    );
}

/// The process's resident memory, in bytes (Linux).
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resource_bombs_at_default_limits_leave_a_healthy_worker_and_the_engine_answering() {
    // The issue's bombs, three at once, at the default limits: a busy loop, unbounded JavaScript allocation,
    // a 2 GiB response body, a 300 MiB IndexedDB store and a 1 GiB cache write.
    let mut s = setup().await;
    let huge = big_body_server(2 << 30, false);
    let bombs = [
        ("loop.test", "self.addEventListener('sync', () => { for (;;) {} });".to_string()),
        (
            "alloc.test",
            "self.addEventListener('sync', () => { const a = []; for (;;) a.push(new Array(1e5).fill(1)); });"
                .to_string(),
        ),
        (
            "body.test",
            format!(
                "self.addEventListener('sync', (e) => e.waitUntil(fetch('{huge}/big').then((r) => r.arrayBuffer())));"
            ),
        ),
        (
            "idb.test",
            r#"self.addEventListener('sync', (e) => e.waitUntil(new Promise((resolve, reject) => {
  const r = indexedDB.open('bomb', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('s');
  r.onsuccess = () => {
    const tx = r.result.transaction('s', 'readwrite');
    for (let i = 0; i < 300; i++) tx.objectStore('s').put('x'.repeat(1 << 20), i);
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  };
})));"#
                .to_string(),
        ),
        (
            "cache.test",
            "self.addEventListener('sync', (e) => e.waitUntil(caches.open('c').then((c) => c.put('/big', new Response(new Uint8Array(1 << 30))))));"
                .to_string(),
        ),
    ];
    let mut bomb_ids = Vec::new();
    for (host, script) in &bombs {
        let sw = s.worker(host, &[("sw.js", script)]).await.unwrap();
        bomb_ids.push(sw.id);
    }
    let healthy = s
        .worker(
            "healthy.test",
            &[(
                "sw.js",
                "self.addEventListener('sync', (e) => e.waitUntil(Promise.resolve(console.log('delivered', e.tag))));",
            )],
        )
        .await
        .unwrap();
    for id in &bomb_ids {
        s.engine.sync_register(*id, "bomb").await.unwrap();
    }
    for i in 0..100 {
        s.engine
            .sync_register(healthy.id, &format!("m{i}"))
            .await
            .unwrap();
    }
    // While the bombs go off, the engine keeps answering.
    let engine = s.engine.clone();
    let probe = tokio::spawn(async move {
        let mut took = Vec::new();
        for _ in 0..200 {
            let t = std::time::Instant::now();
            engine.tags().await.unwrap();
            took.push(t.elapsed());
            // Over the 30 s the busy loop runs before it is interrupted.
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        took.sort();
        took
    });
    let mut peak = 0;
    {
        // Past max_sync_event_duration (3 min): every bomb has ended one way or another.
        let advance = s.advance(4 * 60_000);
        tokio::pin!(advance);
        let sampling = async {
            loop {
                peak = peak.max(rss());
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        };
        tokio::select! {
            _ = within(120, "advance", &mut advance) => {}
            _ = sampling => unreachable!(),
        }
    }
    let took = probe.await.unwrap();
    let p99 = took[took.len() * 99 / 100];
    println!(
        "tags p99 {p99:?} (max {:?}), peak RSS {} MiB",
        took.last().unwrap(),
        peak >> 20
    );
    let console = s.console_lines();
    let delivered = (0..100)
        .filter(|i| console.contains(&format!("log: delivered m{i}")))
        .count();
    assert_eq!(delivered, 100, "the healthy worker delivered every sync");
    assert!(peak < 1 << 30, "peak RSS {} MiB", peak >> 20);
    // A generous bound here (a loaded CI machine); docs/reliability.md has the measured figure.
    assert!(p99 < Duration::from_secs(1), "tags p99 {p99:?}");
    let log = s.log().await;
    let failed_bombs = log
        .iter()
        .filter(|e| e.1 == "bomb" && e.0 == "sync event failed")
        .count();
    assert_eq!(
        failed_bombs,
        bombs.len(),
        "every bomb's sync failed: {log:?}"
    );
}
