//! Page contexts: a window client of the origin that runs page-side JavaScript (`navigator.serviceWorker`,
//! `reg.sync.register`, `postMessage`, fetch through the controlling worker) and, for `syncscope test`, the
//! `syncscope` control object.

use serde_json::{Value as Json, json};
use syncscope_engine::{
    EngineError, EngineHandle, EventQuery, PermissionName, PermissionState, Service,
    SwRegistrationId, SyncKind, parse_duration,
};

use crate::inbox::Inbox;
use crate::init::{PageCall, PageInit};
use crate::ops::OpContext;
use crate::services::WorkerSpec;
use tokio::sync::mpsc;

/// The page overlay: window globals and the test harness, evaluated after the prelude.
pub(crate) const OVERLAY: &str = include_str!("page.js");

type OpResult = Result<Json, (String, String)>;

fn engine_err(e: EngineError) -> (String, String) {
    match e.as_dom() {
        Some(d) => (d.name.as_str().to_string(), d.message.clone()),
        None => ("Error".into(), e.to_string()),
    }
}

fn bad(msg: impl Into<String>) -> (String, String) {
    ("TypeError".into(), msg.into())
}

impl PageInit {
    /// The controlling registration, if any.
    pub fn controller(&self) -> Option<SwRegistrationId> {
        *self.controller.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts the task that runs this page's operations in order; returns the page's copy with its queue.
    pub fn start_calls(
        mut self,
        runtime: &tokio::runtime::Handle,
        engine: EngineHandle,
    ) -> PageInit {
        let (tx, mut rx) = mpsc::unbounded_channel::<PageCall>();
        let consumer = PageInit {
            calls: None,
            ..self.clone()
        };
        runtime.spawn(async move {
            while let Some(c) = rx.recv().await {
                let result = consumer.call(&engine, &c.op, &c.args).await;
                if let Err((name, message)) = &result {
                    tracing::debug!(op = %c.op, %name, %message, "page operation failed");
                }
                let _ = c.tx.send(Inbox::PageDone { id: c.id, result });
            }
        });
        self.calls = Some(tx);
        self
    }

    /// Queues a page operation; its result arrives as [`Inbox::PageDone`].
    pub fn spawn_call(&self, ops: &OpContext, id: u32, op: String, args: Json) {
        let call = PageCall {
            id,
            op,
            args,
            tx: ops.tx.clone(),
        };
        let queued = self.calls.as_ref().map(|q| q.send(call));
        if !matches!(queued, Some(Ok(()))) {
            let _ = ops.tx.send(Inbox::PageDone {
                id,
                result: Err(("InvalidStateError".into(), "the page is closing".into())),
            });
        }
    }

    async fn call(&self, engine: &EngineHandle, op: &str, args: &Json) -> OpResult {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Json::Null);
        let text = |i: usize| arg(i).as_str().map(str::to_string).unwrap_or_default();
        let sw_id = |i: usize| -> Result<SwRegistrationId, (String, String)> {
            arg(i)
                .as_i64()
                .map(SwRegistrationId)
                .ok_or_else(|| bad("missing service worker registration id"))
        };
        let controller = || {
            self.controller().ok_or_else(|| {
                (
                    "InvalidStateError".to_string(),
                    "the page has no service worker yet: call navigator.serviceWorker.register() first"
                        .to_string(),
                )
            })
        };
        match op {
            "sw.register" => {
                // The overlay checks this first, with Chromium's message; a call that bypasses it is refused too.
                for (what, u) in [("scriptURL", text(0)), ("scope", text(1))] {
                    let same = url::Url::parse(&u)
                        .is_ok_and(|u| u.origin().ascii_serialization() == self.origin.as_str());
                    if !same {
                        return Err((
                            "SecurityError".into(),
                            format!(
                                "Failed to register a ServiceWorker: The origin of the provided {what} ('{u}') does not match the current origin ('{}').",
                                self.origin.as_str()
                            ),
                        ));
                    }
                }
                let sw = self
                    .services
                    .register(WorkerSpec {
                        scope: text(1),
                        script_url: text(0),
                        source: self.source.clone(),
                        window_clients: 1,
                        module: text(2) == "module",
                    })
                    .await
                    .map_err(|e| ("TypeError".to_string(), e.to_string()))?;
                *self.controller.lock().unwrap_or_else(|e| e.into_inner()) = Some(sw.id);
                self.clients.set_controller(sw.id, &self.client_id);
                Ok(json!({ "id": sw.id.0, "scope": sw.scope, "scriptURL": sw.script_url }))
            }
            "sw.getRegistration" => {
                let Some(id) = self.controller() else {
                    return Ok(Json::Null);
                };
                let list = engine.service_workers().await.map_err(engine_err)?;
                Ok(list
                    .into_iter()
                    .find(|s| s.id == id)
                    .map(|sw| json!({ "id": sw.id.0, "scope": sw.scope, "scriptURL": sw.script_url }))
                    .unwrap_or(Json::Null))
            }
            "sw.postMessage" => {
                let id = sw_id(0)?;
                let init = json!({
                    "dataWire": arg(1),
                    "origin": self.origin.as_str(),
                    "source": { "id": self.client_id, "url": self.url, "type": "window" },
                });
                let outcome = self.services.dispatch(id, "message", init).await.outcome;
                if !outcome.is_success() {
                    tracing::info!(%outcome, "the worker's message handler did not succeed");
                }
                Ok(Json::Null)
            }
            "sync.register" => engine
                .sync_register(sw_id(0)?, &text(1))
                .await
                .map(|_| Json::Null)
                .map_err(engine_err),
            "sync.getTags" => engine
                .sync_get_tags(sw_id(0)?)
                .await
                .map(|t| json!(t))
                .map_err(engine_err),
            "periodicSync.register" => engine
                .periodic_register(sw_id(0)?, &text(1), arg(2).as_f64().unwrap_or(f64::NAN))
                .await
                .map(|_| Json::Null)
                .map_err(engine_err),
            "periodicSync.unregister" => engine
                .periodic_unregister(sw_id(0)?, &text(1))
                .await
                .map(|_| Json::Null)
                .map_err(engine_err),
            "periodicSync.getTags" => engine
                .periodic_get_tags(sw_id(0)?)
                .await
                .map(|t| json!(t))
                .map_err(engine_err),

            // ---- the `syncscope` test controls ----
            "syncscope.setOffline" => engine
                .set_online(!arg(0).as_bool().unwrap_or(false))
                .await
                .map(|_| Json::Null)
                .map_err(engine_err),
            "syncscope.advance" => {
                let d = match arg(0) {
                    Json::Number(n) => n
                        .as_f64()
                        .filter(|ms| ms.is_finite() && *ms >= 0.0)
                        .map(|ms| std::time::Duration::from_millis(ms as u64))
                        .ok_or_else(|| bad(format!("advance({n}): expected milliseconds >= 0")))?,
                    Json::String(s) => parse_duration(&s).map_err(|e| bad(e.to_string()))?,
                    other => {
                        return Err(bad(format!(
                            "advance({other}): expected milliseconds or a duration like \"5m\""
                        )));
                    }
                };
                let now = engine.advance_by(d).await.map_err(engine_err)?;
                Ok(json!(now.as_millis()))
            }
            "syncscope.idle" => {
                engine.settle().await.map_err(engine_err)?;
                Ok(Json::Null)
            }
            "syncscope.events" => {
                let filter = arg(0);
                let service = match filter.get("service").and_then(Json::as_str) {
                    Some(s) => Some(s.parse::<Service>().map_err(|e| bad(e.to_string()))?),
                    None => None,
                };
                let events = engine
                    .events(EventQuery {
                        service,
                        instance_id: filter.get("tag").and_then(Json::as_str).map(String::from),
                        origin: filter
                            .get("origin")
                            .and_then(Json::as_str)
                            .map(String::from),
                        oldest_first: true,
                        limit: Some(10_000),
                        ..EventQuery::default()
                    })
                    .await
                    .map_err(engine_err)?;
                Ok(json!(
                    events.into_iter().map(|e| e.event).collect::<Vec<_>>()
                ))
            }
            "syncscope.tags" => {
                let tags = engine.tags().await.map_err(engine_err)?;
                Ok(Json::Array(
                    tags.into_iter()
                        .map(|t| {
                            let r = &t.registration;
                            json!({
                                "tag": r.tag,
                                "type": if r.kind == SyncKind::OneShot { "sync" } else { "periodicsync" },
                                "state": t.display_state,
                                "attempts": r.num_attempts,
                                "maxAttempts": r.max_attempts,
                                "nextFire": t.next_fire.map(|n| n.as_millis()),
                                "lastChanceNext": t.last_chance_next,
                                "minInterval": r.min_interval_ms,
                                "effectiveInterval": t.effective_interval_ms,
                                "scope": t.scope,
                            })
                        })
                        .collect(),
                ))
            }
            "syncscope.setPermission" => {
                let name: PermissionName = text(0)
                    .parse()
                    .map_err(|e: syncscope_engine::ParseError| bad(e.to_string()))?;
                let state: PermissionState = text(1)
                    .parse()
                    .map_err(|e: syncscope_engine::ParseError| bad(e.to_string()))?;
                engine
                    .set_permission(self.origin.clone(), name, state)
                    .await
                    .map(|_| Json::Null)
                    .map_err(engine_err)
            }
            "syncscope.setEngagement" => {
                let level = text(0)
                    .parse()
                    .map_err(|e: syncscope_engine::ParseError| bad(e.to_string()))?;
                engine
                    .set_engagement(self.origin.clone(), level)
                    .await
                    .map(|_| Json::Null)
                    .map_err(engine_err)
            }
            "syncscope.setParams" => {
                let obj = arg(0);
                let Some(map) = obj.as_object() else {
                    return Err(bad(
                        "setParams expects an object like { initial_retry_delay_sec: 3 }",
                    ));
                };
                let pairs: Vec<(String, String)> = map
                    .iter()
                    .map(|(k, v)| {
                        let v = match v {
                            Json::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        (k.clone(), v)
                    })
                    .collect();
                let current = engine.settings().await.map_err(engine_err)?.params;
                let next = current
                    .with_assignments(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                    .map_err(|e| bad(e.to_string()))?;
                engine
                    .set_params(next)
                    .await
                    .map(|_| Json::Null)
                    .map_err(engine_err)
            }
            "syncscope.dispatchSync" => {
                let last_chance = arg(1)
                    .get("lastChance")
                    .and_then(Json::as_bool)
                    .unwrap_or(false);
                let outcome = engine
                    .dispatch_sync(controller()?, &text(0), last_chance)
                    .await
                    .map_err(engine_err)?;
                Ok(json!({ "status": outcome.status_str(), "outcome": outcome }))
            }
            "syncscope.dispatchPeriodicSync" => {
                let outcome = engine
                    .dispatch_periodic_sync(controller()?, &text(0))
                    .await
                    .map_err(engine_err)?;
                Ok(json!({ "status": outcome.status_str(), "outcome": outcome }))
            }
            other => Err((
                "NotSupportedError".into(),
                format!("{other} is not supported by Syncscope's page context"),
            )),
        }
    }
}
