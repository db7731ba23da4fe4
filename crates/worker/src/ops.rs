//! The context host operations run in ([`OpContext`]): what they need, and the asynchronous ones that run on
//! the engine's tokio runtime and post their completion to the worker's inbox (`fetch`, engine calls), and
//! `importScripts`.

use std::rc::Rc;

use rquickjs::{Ctx, Exception};
use serde_json::Value as Json;
use syncscope_engine::{EngineHandle, ServiceWorkerRegistration};
use tokio::sync::mpsc;
use url::Url;

use crate::body_stream::BodyHandle;
use crate::engine_calls::EngineCall;
use crate::fetch::{FetchRequest, Network, fetch_via_worker};
use crate::inbox::Inbox;
use crate::source::ScriptSource;

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
    /// What the context asks of the host.
    pub services: std::sync::Arc<dyn crate::services::HostServices>,
    /// The origin's open pages.
    pub clients: crate::clients::Clients,
    /// Set for page contexts: their fetches go through the controlling worker's `fetch` event.
    pub page: Option<crate::init::PageInit>,
    /// Bytes of the scripts this worker loaded (its main script, `importScripts`, modules): what Chromium
    /// counts as the origin's `serviceWorkerRegistrations` usage.
    pub script_bytes: std::sync::Arc<std::sync::atomic::AtomicU64>,
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
        let policy = self.services.connect_policy();
        let max_body = self.max_body;
        let tx = self.tx.clone();
        let via = self
            .page
            .as_ref()
            .and_then(|p| p.controller())
            // "Bypass for network": the page's fetches skip the worker.
            .filter(|_| !self.services.bypass_for_network(&self.sw.origin))
            .map(|id| (self.services.clone(), id));
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
                    Some((services, sw)) => match fetch_via_worker(&*services, sw, &req).await {
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
                        let tx = tx.clone();
                        BodyHandle::spawn(
                            &tokio::runtime::Handle::current(),
                            more,
                            what,
                            move |result| tx.send(Inbox::BodyRead { id, result }).is_ok(),
                        )
                    }),
                    Err(_) => None,
                };
                let _ = tx.send(Inbox::FetchDone { id, result, body });
            })
            .abort_handle()
    }

    /// Starts a call into the engine (the prelude's `engineCall(op, args)`); its completion arrives as
    /// [`Inbox::EngineDone`].
    pub fn spawn_engine_call(&self, id: u32, op: String, args: Json) {
        let call = match EngineCall::parse(&op, &args) {
            Ok(call) => call,
            Err(e) => {
                let _ = self.tx.send(Inbox::EngineDone { id, result: Err(e) });
                return;
            }
        };
        if call.is_immediate() {
            let result = call.run_now(&self.clients, &self.sw);
            let _ = self.tx.send(Inbox::EngineDone { id, result });
            return;
        }
        let engine = self.engine.clone();
        let sw = self.sw.clone();
        let tx = self.tx.clone();
        let clients = self.clients.clone();
        self.runtime.spawn(async move {
            let result = call.run(&engine, &clients, &sw).await;
            let _ = tx.send(Inbox::EngineDone { id, result });
        });
    }
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
