//! A context's `fetch`: the request as the prelude describes it, the network half (the connection policy,
//! CORS and its preflight, redirect modes, deadlines), a folder worker's files, a controlled page's fetch
//! through its worker's `fetch` event, and the response handed back to the prelude.

use rquickjs::{Array, Ctx, Object, TypedArray, Value};
use serde_json::{Value as Json, json};
use syncscope_engine::{EngineHandle, SwRegistrationId};
use url::Url;

use crate::body_stream::{BodySource, PendingBody};
use crate::js_values::bytes_of;
use crate::source::{ScriptSource, describe};

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

/// A controlled page's fetch: the worker's `fetch` event decides. `None` means "go to the network" (no
/// `respondWith`); an error means the worker's response was a network error.
pub(crate) async fn fetch_via_worker(
    services: &dyn crate::services::HostServices,
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
    let r = services.dispatch(sw, "fetch", init).await;
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
pub(crate) struct Network<'a> {
    pub engine: &'a EngineHandle,
    pub source: &'a ScriptSource,
    pub origin: &'a str,
    pub http: &'a reqwest::Client,
    pub policy: &'a crate::net_policy::ConnectPolicy,
    /// The largest body read into memory (the context's heap limit).
    pub max_body: usize,
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
    pub(crate) async fn fetch(&self, req: FetchRequest) -> Result<FetchResponse, String> {
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
