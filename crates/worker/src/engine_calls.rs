//! Calls from a worker into the engine (`registration.sync.register`, `clients.matchAll`, …) and to its
//! clients (`client.postMessage`).

use serde_json::{Value as Json, json};
use syncscope_engine::{EngineError, EngineHandle, ServiceWorkerRegistration};

/// `client.postMessage(wire)` from a worker: into the page's inbox (dropped when the page is gone, as browsers do).
pub(crate) fn post_to_client(
    clients: &crate::clients::Clients,
    sw_reg: &ServiceWorkerRegistration,
    args: &Json,
) -> Result<Json, (String, String)> {
    let client = args.get(0).and_then(Json::as_str).unwrap_or_default();
    let data = args.get(1).cloned().unwrap_or(Json::Null);
    let source = json!({ "scriptURL": sw_reg.script_url, "scope": sw_reg.scope });
    if !clients.post(client, data, source) {
        tracing::debug!(client, "postMessage to a client that is not open; dropped");
    }
    Ok(Json::Null)
}

/// A call from the worker into the engine, as the prelude names them.
pub(crate) async fn engine_call(
    engine: &EngineHandle,
    clients: &crate::clients::Clients,
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
            let pages = clients.of(sw);
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
