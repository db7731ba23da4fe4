//! Host operations behind the prelude: `fetch` over the real network, calls into the engine
//! (`registration.sync.register`, …), WHATWG URL parsing, UTF-8, random bytes and `importScripts`.
//! Asynchronous ones run on the engine's tokio runtime and post their completion to the worker's inbox.

use std::rc::Rc;

use rquickjs::function::Opt;
use rquickjs::{Array, Ctx, Exception, Object, TypedArray, Value};
use serde_json::{Value as Json, json};
use syncscope_engine::{EngineError, EngineHandle, ServiceWorkerRegistration, SwRegistrationId};
use tokio::sync::mpsc;
use url::Url;

use crate::body_stream::{BodyHandle, BodySource, PendingBody};
use crate::source::{ScriptSource, describe};
use crate::thread::Inbox;

/// What host operations of one worker need.
pub(crate) struct OpContext {
    pub sw: ServiceWorkerRegistration,
    pub source: ScriptSource,
    pub runtime: tokio::runtime::Handle,
    pub http: reqwest::Client,
    /// The deadline of `importScripts` loads.
    pub script_timeout: std::time::Duration,
    /// The largest response body a fetch reads into memory (the worker's heap limit).
    pub max_body: usize,
    pub engine: EngineHandle,
    pub tx: mpsc::UnboundedSender<Inbox>,
    pub host: crate::host::WorkerHost,
    /// Set for page contexts: their fetches go through the controlling worker's `fetch` event.
    pub page: Option<crate::page::PageInit>,
    /// Bytes of the scripts this worker loaded (its main script, `importScripts`, modules): what Chromium
    /// counts as the origin's `serviceWorkerRegistrations` usage.
    pub script_bytes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// A request as the prelude describes it.
#[derive(Debug, Clone)]
pub(crate) struct FetchRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// `Request.mode`: `cors`, `no-cors`, `same-origin`, `navigate`.
    pub mode: String,
    /// `Request.redirect`: `follow`, `error`, `manual`.
    pub redirect: String,
    /// `Request.credentials`: `omit`, `same-origin`, `include`.
    pub credentials: String,
}

/// A response for the prelude.
pub(crate) struct FetchResponse {
    pub status: u16,
    pub status_text: String,
    pub url: String,
    pub redirected: bool,
    pub headers: Vec<(String, String)>,
    /// The body, or as much of it as had arrived when the head did.
    pub body: Vec<u8>,
    /// The rest of the body, read on demand (see `body_stream`); `None` when `body` is all of it. Set on the
    /// way to the worker's thread, where it arrives as a [`crate::body_stream::BodyHandle`].
    pub more: Option<Box<PendingBody>>,
    /// Whether the prelude is to read more (the `more` above, handed over).
    pub streamed: bool,
}

impl std::fmt::Debug for FetchResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchResponse")
            .field("status", &self.status)
            .field("url", &self.url)
            .field("body", &self.body.len())
            .field("more", &self.more.is_some())
            .finish()
    }
}

impl FetchRequest {
    pub fn from_js(obj: &Object<'_>) -> rquickjs::Result<FetchRequest> {
        let method: String = obj.get("method")?;
        let url: String = obj.get("url")?;
        let mut headers = Vec::new();
        if let Ok(list) = obj.get::<_, Array>("headers") {
            for pair in list.iter::<Array>() {
                let pair = pair?;
                headers.push((pair.get::<String>(0)?, pair.get::<String>(1)?));
            }
        }
        let body = match obj.get::<_, Value>("body")? {
            v if v.is_null() || v.is_undefined() => None,
            v => Some(bytes_of(&v)?),
        };
        let text = |name: &str, default: &str| -> String {
            obj.get::<_, Option<String>>(name)
                .ok()
                .flatten()
                .unwrap_or_else(|| default.to_string())
        };
        Ok(FetchRequest {
            method,
            url,
            headers,
            body,
            mode: text("mode", "cors"),
            redirect: text("redirect", "follow"),
            credentials: text("credentials", "same-origin"),
        })
    }
}

/// Copies the bytes of a `Uint8Array`.
pub(crate) fn bytes_of(v: &Value<'_>) -> rquickjs::Result<Vec<u8>> {
    let arr = TypedArray::<u8>::from_value(v.clone())?;
    // SAFETY: the slice is copied at once; no JavaScript runs while it is borrowed.
    let bytes = unsafe { arr.as_bytes() };
    Ok(bytes.map(<[u8]>::to_vec).unwrap_or_default())
}

/// Builds the prelude's response object.
pub(crate) fn response_to_js<'js>(
    ctx: &Ctx<'js>,
    r: FetchResponse,
) -> rquickjs::Result<Object<'js>> {
    let obj = Object::new(ctx.clone())?;
    obj.set("status", r.status)?;
    obj.set("statusText", r.status_text)?;
    obj.set("url", r.url)?;
    obj.set("redirected", r.redirected)?;
    let headers = Array::new(ctx.clone())?;
    for (i, (k, v)) in r.headers.into_iter().enumerate() {
        let pair = Array::new(ctx.clone())?;
        pair.set(0, k)?;
        pair.set(1, v)?;
        headers.set(i, pair)?;
    }
    obj.set("headers", headers)?;
    obj.set("body", TypedArray::<u8>::new(ctx.clone(), r.body)?)?;
    obj.set("more", r.streamed)?;
    Ok(obj)
}

impl OpContext {
    /// Starts a `fetch` (`what`: `GET https://…`, for reports of what the worker waits for); its completion
    /// arrives as [`Inbox::FetchDone`].
    pub fn spawn_fetch(
        &self,
        id: u32,
        req: FetchRequest,
        what: String,
    ) -> tokio::task::AbortHandle {
        let engine = self.engine.clone();
        let source = self.source.clone();
        let origin = self.sw.origin.as_str().to_string();
        let http = self.http.clone();
        let policy = self.host.connect_policy();
        let max_body = self.max_body;
        let tx = self.tx.clone();
        let via = self
            .page
            .as_ref()
            .and_then(|p| p.controller())
            // "Bypass for network": the page's fetches skip the worker.
            .filter(|_| !self.host.bypass_for_network(&self.sw.origin))
            .map(|id| (self.host.clone(), id));
        self.runtime
            .spawn(async move {
                let net = Network {
                    engine: &engine,
                    source: &source,
                    origin: &origin,
                    http: &http,
                    policy: &policy,
                    max_body,
                };
                let mut result = match via {
                    Some((host, sw)) => match fetch_via_worker(&host, sw, &req).await {
                        Some(r) => r,
                        None => net.fetch(req).await,
                    },
                    None => net.fetch(req).await,
                };
                if let Err(e) = &result {
                    tracing::debug!(error = %e, "fetch failed");
                }
                let body = match &mut result {
                    Ok(resp) => resp.more.take().map(|more| {
                        resp.streamed = true;
                        BodyHandle::spawn(
                            &tokio::runtime::Handle::current(),
                            more,
                            id,
                            what,
                            tx.clone(),
                        )
                    }),
                    Err(_) => None,
                };
                let _ = tx.send(Inbox::FetchDone { id, result, body });
            })
            .abort_handle()
    }

    /// Starts a call into the engine; its completion arrives as [`Inbox::EngineDone`].
    pub fn spawn_engine_call(&self, id: u32, op: String, args: Json) {
        // A message to a page is handed over now, on the worker's thread: it reaches the page before anything
        // the worker does after posting it (the end of its event, say), as a browser queues it on the client
        // before the handler returns.
        if op == "clients.postMessage" {
            let result = post_to_client(&self.host, &self.sw, &args);
            let _ = self.tx.send(Inbox::EngineDone { id, result });
            return;
        }
        let engine = self.engine.clone();
        let sw = self.sw.clone();
        let tx = self.tx.clone();
        let host = self.host.clone();
        self.runtime.spawn(async move {
            let result = engine_call(&engine, &host, &sw, &op, &args).await;
            let _ = tx.send(Inbox::EngineDone { id, result });
        });
    }
}

/// `client.postMessage(wire)` from a worker: into the page's inbox (dropped when the page is gone, as browsers do).
fn post_to_client(
    host: &crate::host::WorkerHost,
    sw_reg: &ServiceWorkerRegistration,
    args: &Json,
) -> Result<Json, (String, String)> {
    let client = args.get(0).and_then(Json::as_str).unwrap_or_default();
    let data = args.get(1).cloned().unwrap_or(Json::Null);
    let source = json!({ "scriptURL": sw_reg.script_url, "scope": sw_reg.scope });
    if !host.post_to_client(client, data, source) {
        tracing::debug!(client, "postMessage to a client that is not open; dropped");
    }
    Ok(Json::Null)
}

/// A controlled page's fetch: the worker's `fetch` event decides. `None` means "go to the network" (no
/// `respondWith`); an error means the worker's response was a network error.
async fn fetch_via_worker(
    host: &crate::host::WorkerHost,
    sw: SwRegistrationId,
    req: &FetchRequest,
) -> Option<Result<FetchResponse, String>> {
    let init = json!({
        "request": {
            "method": req.method,
            "url": req.url,
            "headers": req.headers,
            // Bytes as a JSON array of numbers: exact for binary bodies (the prelude builds a Uint8Array).
            "body": req.body,
        },
        "clientId": "",
    });
    let r = host.dispatch_full(sw, "fetch", init).await;
    let resp = r.value.get("response").filter(|v| v.is_object())?;
    if resp.get("network").and_then(Json::as_bool) == Some(true) {
        return None;
    }
    if r.value.get("network").and_then(Json::as_bool) == Some(true) {
        return None;
    }
    let status = resp.get("status").and_then(Json::as_u64).unwrap_or(0) as u16;
    if status == 0 {
        return Some(Err(
            "the service worker responded with a network error".into()
        ));
    }
    let headers = resp
        .get("headers")
        .and_then(Json::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|pair| {
                    Some((
                        pair.get(0)?.as_str()?.to_string(),
                        pair.get(1)?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Ok(FetchResponse {
        status,
        status_text: resp
            .get("statusText")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string(),
        url: resp
            .get("url")
            .and_then(Json::as_str)
            .filter(|u| !u.is_empty())
            .unwrap_or(&req.url)
            .to_string(),
        redirected: false,
        headers,
        body: r.body.unwrap_or_default(),
        more: None,
        streamed: false,
    }))
}

/// What a context's `fetch` goes through to reach the network.
struct Network<'a> {
    engine: &'a EngineHandle,
    source: &'a ScriptSource,
    origin: &'a str,
    http: &'a reqwest::Client,
    policy: &'a crate::net_policy::ConnectPolicy,
    max_body: usize,
}

/// The Fetch standard's limit on redirects.
const MAX_REDIRECTS: usize = 20;

/// One response off the network, before the prelude makes it a `Response`.
struct Hop {
    status: u16,
    headers: Vec<(String, String)>,
    resp: reqwest::Response,
}

impl Network<'_> {
    /// A fetch as a browser makes it for a service worker: the connection policy, the request's mode (CORS
    /// with preflight, `no-cors`, `same-origin`) and redirect mode, hop by hop.
    async fn fetch(&self, req: FetchRequest) -> Result<FetchResponse, String> {
        let online = self
            .engine
            .settings()
            .await
            .map(|s| s.online)
            .unwrap_or(true);
        if !online {
            return Err("the network is offline".into());
        }
        let first = Url::parse(&req.url).map_err(|e| format!("invalid URL {}: {e}", req.url))?;
        let mode = crate::cors::Mode::parse(&req.mode);
        let redirect = crate::cors::Redirect::parse(&req.redirect);
        let credentials = crate::cors::includes_credentials(&req.credentials);
        let mut url = first.clone();
        let mut method = req.method.clone();
        let mut body = req.body.clone();
        // Once a request has left the origin, a redirect back is still cross-origin ("tainted").
        let mut tainted = false;
        for hops in 0..=MAX_REDIRECTS {
            self.policy
                .check(self.origin, &url)
                .map_err(|e| e.to_string())?;
            let same = url.origin().ascii_serialization() == self.origin && !tainted;
            if !same && mode == crate::cors::Mode::SameOrigin {
                return Err(format!(
                    "{url} is not on the worker's origin {} and the request's mode is 'same-origin'",
                    self.origin
                ));
            }
            if url.origin().ascii_serialization() == self.origin
                && let Some(path) = self.source.file_for(&url)
            {
                let mut served = serve_file(&method, &url, &path, self.max_body)?;
                served.redirected = hops > 0;
                return Ok(served);
            }
            let cors = !same && mode == crate::cors::Mode::Cors;
            if cors && let Some(needed) = crate::cors::preflight_headers(&method, &req.headers) {
                self.preflight(&url, &method, &needed, credentials).await?;
            }
            // The `Origin` header: on CORS requests, and on cross-origin ones that are not GET or HEAD.
            let send_origin = cors || (!same && !matches!(method.as_str(), "GET" | "HEAD"));
            let hop = self
                .send(&url, &method, &req.headers, body.clone(), send_origin)
                .await?;
            if cors {
                crate::cors::check(url.as_str(), self.origin, &hop.headers, credentials, false)?;
            }
            let location = matches!(hop.status, 301 | 302 | 303 | 307 | 308)
                .then(|| {
                    hop.headers
                        .iter()
                        .find(|(n, _)| n == "location")
                        .map(|(_, v)| v.clone())
                })
                .flatten();
            let Some(location) = location else {
                return self.finish(hop, &url, hops > 0).await;
            };
            match redirect {
                // The prelude turns it into an `opaqueredirect` response.
                crate::cors::Redirect::Manual => return self.finish(hop, &url, hops > 0).await,
                crate::cors::Redirect::Error => {
                    return Err(format!(
                        "{url} redirected to {location} and the request's redirect mode is 'error'"
                    ));
                }
                crate::cors::Redirect::Follow => {}
            }
            if hops == MAX_REDIRECTS {
                return Err(format!(
                    "more than {MAX_REDIRECTS} redirects, starting at {first}"
                ));
            }
            let next = url.join(&location).map_err(|e| {
                format!("{url} redirected to an invalid location {location:?}: {e}")
            })?;
            if next.origin().ascii_serialization() != self.origin {
                tainted = true;
            }
            // 303, and 301/302 after a POST, continue as a GET without a body (Fetch, HTTP-redirect fetch).
            if hop.status == 303 && method != "HEAD"
                || matches!(hop.status, 301 | 302) && method == "POST"
            {
                method = "GET".into();
                body = None;
            }
            url = next;
        }
        unreachable!("the loop returns by its last hop")
    }

    async fn send(
        &self,
        url: &Url,
        method: &str,
        headers: &[(String, String)],
        body: Option<Vec<u8>>,
        send_origin: bool,
    ) -> Result<Hop, String> {
        let m = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|_| format!("invalid method {method:?}"))?;
        let mut builder = self.http.request(m, url.clone());
        for (k, v) in headers {
            builder = builder.header(k, v);
        }
        if send_origin {
            builder = builder.header("origin", self.origin);
        }
        if let Some(body) = body {
            builder = builder.body(body);
        }
        let resp = builder.send().await.map_err(describe)?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        Ok(Hop {
            status,
            headers,
            resp,
        })
    }

    /// The CORS preflight (`OPTIONS`) of a request that is not simple.
    async fn preflight(
        &self,
        url: &Url,
        method: &str,
        needed: &[String],
        credentials: bool,
    ) -> Result<(), String> {
        let mut headers = vec![(
            "access-control-request-method".to_string(),
            method.to_string(),
        )];
        if !needed.is_empty() {
            headers.push(("access-control-request-headers".into(), needed.join(",")));
        }
        let hop = self.send(url, "OPTIONS", &headers, None, true).await?;
        crate::cors::check(url.as_str(), self.origin, &hop.headers, credentials, true)?;
        if !(200..300).contains(&hop.status) {
            return Err(format!(
                "Access to fetch at '{url}' from origin '{}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
                self.origin
            ));
        }
        crate::cors::check_preflight_lists(
            url.as_str(),
            self.origin,
            &hop.headers,
            method,
            needed,
            credentials,
        )
    }

    /// The response at its head: a small announced body is read whole, a larger or unannounced one hands
    /// over what has already arrived and leaves the rest to be read on demand.
    async fn finish(&self, hop: Hop, url: &Url, redirected: bool) -> Result<FetchResponse, String> {
        let status = hop.resp.status();
        let small = hop
            .resp
            .content_length()
            .is_some_and(|n| n <= crate::body_stream::SMALL_BODY);
        let mut pending = PendingBody {
            source: BodySource::Network(hop.resp),
            url: url.to_string(),
            delivered: 0,
            max_whole: self.max_body,
            held: None,
        };
        let (body, whole) = if small {
            (pending.rest().await?, true)
        } else {
            pending.ready()
        };
        Ok(FetchResponse {
            status: hop.status,
            status_text: status.canonical_reason().unwrap_or("").to_string(),
            redirected,
            url: url.to_string(),
            headers: hop.headers,
            body,
            more: (!whole).then(|| Box::new(pending)),
            streamed: false,
        })
    }
}

/// Serves a file of a folder-based origin, as a static server would: small files whole, larger ones read on
/// demand like a network body.
fn serve_file(
    method: &str,
    url: &Url,
    path: &std::path::Path,
    max_body: usize,
) -> Result<FetchResponse, String> {
    let respond = |status: u16, text: &str, content_type: &str, body: Vec<u8>| FetchResponse {
        status,
        status_text: text.to_string(),
        url: url.to_string(),
        redirected: false,
        headers: vec![("content-type".into(), content_type.into())],
        body,
        more: None,
        streamed: false,
    };
    if method != "GET" && method != "HEAD" {
        return Ok(respond(
            405,
            "Method Not Allowed",
            "text/plain",
            b"method not allowed".to_vec(),
        ));
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(_) => {
            return Ok(respond(
                404,
                "Not Found",
                "text/plain",
                b"not found".to_vec(),
            ));
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let ct = match path.extension().and_then(|e| e.to_str()) {
        Some("js" | "mjs") => "text/javascript",
        Some("json") => "application/json",
        Some("html") => "text/html",
        Some("css") => "text/css",
        Some("txt") => "text/plain",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    let mut served = respond(200, "OK", ct, Vec::new());
    served
        .headers
        .push(("content-length".into(), size.to_string()));
    if method == "HEAD" {
        return Ok(served);
    }
    if size <= crate::body_stream::SMALL_BODY {
        use std::io::Read as _;
        (&file)
            .take(crate::body_stream::SMALL_BODY + 1)
            .read_to_end(&mut served.body)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
    } else {
        served.more = Some(Box::new(PendingBody {
            source: BodySource::File(tokio::fs::File::from_std(file)),
            url: url.to_string(),
            delivered: 0,
            max_whole: max_body,
            held: None,
        }));
    }
    Ok(served)
}

/// A call from the worker into the engine, as the prelude names them.
async fn engine_call(
    engine: &EngineHandle,
    host: &crate::host::WorkerHost,
    sw_reg: &ServiceWorkerRegistration,
    op: &str,
    args: &Json,
) -> Result<Json, (String, String)> {
    let sw = sw_reg.id;
    let tag = || {
        args.get(0)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let r: Result<Json, EngineError> = match op {
        "sync.register" => engine.sync_register(sw, &tag()).await.map(|_| Json::Null),
        "sync.getTags" => engine.sync_get_tags(sw).await.map(|t| json!(t)),
        "periodicSync.register" => {
            let min = args.get(1).and_then(Json::as_f64).unwrap_or(f64::NAN);
            engine
                .periodic_register(sw, &tag(), min)
                .await
                .map(|_| Json::Null)
        }
        "periodicSync.unregister" => engine
            .periodic_unregister(sw, &tag())
            .await
            .map(|_| Json::Null),
        "periodicSync.getTags" => engine.periodic_get_tags(sw).await.map(|t| json!(t)),
        "clients.matchAll" => {
            let pages = host.clients_of(sw);
            if pages.is_empty() {
                // No page context is open: report the registration's (simulated) window clients.
                engine.service_workers().await.map(|list| {
                    let clients: Vec<Json> = list
                        .iter()
                        .filter(|s| s.id == sw)
                        .flat_map(|s| {
                            (0..s.window_clients).map(move |i| {
                                json!({
                                    "id": format!("window-{}-{i}", s.id),
                                    "url": s.scope,
                                    "type": "window",
                                    "frameType": "top-level",
                                    "focused": i == 0,
                                    "visibilityState": "visible",
                                })
                            })
                        })
                        .collect();
                    Json::Array(clients)
                })
            } else {
                Ok(Json::Array(
                    pages
                        .into_iter()
                        .enumerate()
                        .map(|(i, (id, url))| {
                            json!({
                                "id": id, "url": url, "type": "window", "frameType": "top-level",
                                "focused": i == 0, "visibilityState": "visible",
                            })
                        })
                        .collect(),
                ))
            }
        }
        "skipWaiting" | "clients.claim" => Ok(Json::Null),
        other => {
            return Err((
                "NotSupportedError".into(),
                format!("{other} is not supported by Syncscope's worker"),
            ));
        }
    };
    r.map_err(|e| match e.as_dom() {
        Some(d) => (d.name.as_str().to_string(), d.message.clone()),
        None => ("InvalidStateError".into(), e.to_string()),
    })
}

/// `new URL(input, base)` with the WHATWG-conformant `url` crate.
pub(crate) fn url_parse<'js>(
    ctx: Ctx<'js>,
    input: String,
    base: Opt<Value<'js>>,
) -> rquickjs::Result<Object<'js>> {
    let base = base
        .0
        .filter(|v| !v.is_undefined() && !v.is_null())
        .map(|v| v.get::<String>())
        .transpose()?;
    let parsed = match base {
        Some(b) => Url::parse(&b).and_then(|b| b.join(&input)),
        None => Url::parse(&input),
    };
    let Ok(u) = parsed else {
        return Err(Exception::throw_type(&ctx, "Invalid URL"));
    };
    let obj = Object::new(ctx.clone())?;
    obj.set("href", u.as_str())?;
    obj.set("origin", u.origin().ascii_serialization())?;
    obj.set("protocol", format!("{}:", u.scheme()))?;
    obj.set("username", u.username())?;
    obj.set("password", u.password().unwrap_or(""))?;
    let hostname = u.host_str().unwrap_or("");
    let port = u.port().map(|p| p.to_string()).unwrap_or_default();
    obj.set(
        "host",
        if port.is_empty() {
            hostname.to_string()
        } else {
            format!("{hostname}:{port}")
        },
    )?;
    obj.set("hostname", hostname)?;
    obj.set("port", port)?;
    obj.set("pathname", u.path())?;
    obj.set(
        "search",
        u.query()
            .filter(|q| !q.is_empty())
            .map(|q| format!("?{q}"))
            .unwrap_or_default(),
    )?;
    obj.set(
        "hash",
        u.fragment()
            .filter(|f| !f.is_empty())
            .map(|f| format!("#{f}"))
            .unwrap_or_default(),
    )?;
    Ok(obj)
}

/// A JavaScript value as JSON (through `JSON.stringify`; `undefined` becomes `null`).
pub(crate) fn json_of(v: &Value<'_>) -> rquickjs::Result<Json> {
    let text = v
        .ctx()
        .json_stringify(v.clone())?
        .map(|s| s.to_string())
        .transpose()?
        .unwrap_or_else(|| "null".into());
    let text = replace_lone_surrogates(&text);
    serde_json::from_str(&text).map_err(|e| {
        Exception::throw_type(
            v.ctx(),
            &format!("a value could not be passed to Syncscope's host: {e}"),
        )
    })
}

/// JSON text with each lone surrogate escape (`\ud800` without its pair, which `JSON.stringify` writes for a
/// string that is not well-formed UTF-16) replaced by `\ufffd`, as WebIDL's USVString conversion and
/// `String.prototype.toWellFormed` do. Chromium's lenient UTF-8 conversion of a sync tag also spends 3 bytes
/// on each, so lengths in bytes (the 10,240-byte tag limit) come out the same.
fn replace_lone_surrogates(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("\\u") {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let unit = |i: usize| -> Option<u16> {
        if b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u') {
            u16::from_str_radix(text.get(i + 2..i + 6)?, 16).ok()
        } else {
            None
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            // An escaped backslash is copied whole, so `\\ud800` stays text.
            if b.get(i + 1) == Some(&b'\\') {
                out.push_str("\\\\");
                i += 2;
                continue;
            }
            if let Some(u) = unit(i) {
                let high = (0xD800..0xDC00).contains(&u);
                let low = (0xDC00..0xE000).contains(&u);
                if high && unit(i + 6).is_some_and(|n| (0xDC00..0xE000).contains(&n)) {
                    out.push_str(&text[i..i + 12]);
                    i += 12;
                    continue;
                }
                if high || low {
                    out.push_str("\\ufffd");
                    i += 6;
                    continue;
                }
            }
        }
        let ch = text[i..].chars().next().expect("in bounds");
        out.push(ch);
        i += ch.len_utf8();
    }
    std::borrow::Cow::Owned(out)
}

/// UTF-8 encoding for `TextEncoder`.
pub(crate) fn utf8_encode<'js>(ctx: Ctx<'js>, s: String) -> rquickjs::Result<TypedArray<'js, u8>> {
    TypedArray::new(ctx, s.into_bytes())
}

/// UTF-8 decoding for `TextDecoder`.
pub(crate) fn utf8_decode<'js>(
    ctx: Ctx<'js>,
    bytes: Value<'js>,
    fatal: Opt<bool>,
) -> rquickjs::Result<String> {
    let bytes = bytes_of(&bytes)?;
    if fatal.0.unwrap_or(false) {
        String::from_utf8(bytes)
            .map_err(|_| Exception::throw_type(&ctx, "The encoded data was not valid."))
    } else {
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Cryptographically random bytes for `crypto.getRandomValues` / `randomUUID`.
pub(crate) fn random_bytes(ctx: Ctx<'_>, n: usize) -> rquickjs::Result<TypedArray<'_, u8>> {
    let mut buf = vec![0u8; n.min(65_536)];
    getrandom::fill(&mut buf)
        .map_err(|e| Exception::throw_internal(&ctx, &format!("no random source: {e}")))?;
    TypedArray::new(ctx, buf)
}

/// `importScripts(url)`: load the script (relative to the worker's script) and run it in the global scope.
pub(crate) fn import_script(ctx: &Ctx<'_>, ops: &Rc<OpContext>, url: &str) -> rquickjs::Result<()> {
    let base = Url::parse(&ops.sw.script_url)
        .map_err(|_| Exception::throw_type(ctx, "invalid worker script URL"))?;
    let resolved = base
        .join(url)
        .map_err(|_| Exception::throw_type(ctx, &format!("importScripts: invalid URL {url:?}")))?;
    let source = ops
        .source
        .load(
            ops.sw.origin.as_str(),
            &resolved,
            &ops.runtime,
            &ops.http,
            ops.script_timeout,
        )
        .map_err(|e| {
            Exception::throw_message(
                ctx,
                &format!("NetworkError: Failed to execute 'importScripts': {e}"),
            )
        })?;
    ops.script_bytes
        .fetch_add(source.len() as u64, std::sync::atomic::Ordering::Relaxed);
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.global = true;
    opts.strict = false;
    opts.filename = Some(resolved.to_string());
    ctx.eval_with_options::<(), _>(source, opts)
}

#[cfg(test)]
mod tests {
    use super::replace_lone_surrogates;

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let cases = [
            (r#""a\ud800b""#, "a\u{fffd}b"),
            (r#""\udc00""#, "\u{fffd}"),
            (r#""\ud83d\ude00""#, "😀"),
            (r#""\ud83d\ud83d\ude00""#, "\u{fffd}😀"),
            (r#""x\\ud800""#, "x\\ud800"),
            (r#""é\n\u0041""#, "é\nA"),
        ];
        for (json, want) in cases {
            let fixed = replace_lone_surrogates(json);
            let got: String =
                serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(got, want, "{json}");
        }
        // Three UTF-8 bytes per replaced surrogate, as Chromium's lenient conversion of a tag spends.
        let tag: String = serde_json::from_str(&replace_lone_surrogates(r#""\ud800""#)).unwrap();
        assert_eq!(tag.len(), 3);
    }
}
