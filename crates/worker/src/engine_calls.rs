//! Calls from a worker into the engine (`registration.sync.register`, `clients.matchAll`, …) and to its
//! clients (`client.postMessage`). The prelude names a call and passes JSON arguments (`engineCall(op, args)`);
//! [`EngineCall::parse`] reads that once, at the boundary, into a typed call that [`EngineCall::run`] carries
//! out.

use serde_json::{Value as Json, json};
use syncscope_engine::{EngineError, EngineHandle, ServiceWorkerRegistration};

use crate::clients::Clients;

/// What a call's promise settles with: a JSON value, or a `DOMException` name and message.
pub(crate) type CallResult = Result<Json, (String, String)>;

/// A call a worker makes, as the prelude's `engineCall` names it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EngineCall {
    /// `registration.sync.register(tag)`.
    SyncRegister { tag: String },
    /// `registration.sync.getTags()`.
    SyncGetTags,
    /// `registration.periodicSync.register(tag, {minInterval})`.
    PeriodicRegister { tag: String, min_interval: f64 },
    /// `registration.periodicSync.unregister(tag)`.
    PeriodicUnregister { tag: String },
    /// `registration.periodicSync.getTags()`.
    PeriodicGetTags,
    /// `clients.matchAll()`.
    ClientsMatchAll,
    /// `client.postMessage(data)`: `data` in the prelude's message wire format.
    PostMessage { client: String, data: Json },
    /// `skipWaiting()` and `clients.claim()`: the host already activates new versions at once.
    Accepted,
}

impl EngineCall {
    /// Reads the prelude's `engineCall(op, args)`. An op this worker does not have is `NotSupportedError`.
    pub fn parse(op: &str, args: &Json) -> Result<EngineCall, (String, String)> {
        let text = |i: usize| {
            args.get(i)
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string()
        };
        Ok(match op {
            "sync.register" => EngineCall::SyncRegister { tag: text(0) },
            "sync.getTags" => EngineCall::SyncGetTags,
            "periodicSync.register" => EngineCall::PeriodicRegister {
                tag: text(0),
                min_interval: args.get(1).and_then(Json::as_f64).unwrap_or(f64::NAN),
            },
            "periodicSync.unregister" => EngineCall::PeriodicUnregister { tag: text(0) },
            "periodicSync.getTags" => EngineCall::PeriodicGetTags,
            "clients.matchAll" => EngineCall::ClientsMatchAll,
            "clients.postMessage" => EngineCall::PostMessage {
                client: text(0),
                data: args.get(1).cloned().unwrap_or(Json::Null),
            },
            "skipWaiting" | "clients.claim" => EngineCall::Accepted,
            other => {
                return Err((
                    "NotSupportedError".into(),
                    format!("{other} is not supported by Syncscope's worker"),
                ));
            }
        })
    }

    /// Whether the call is answered at once on the worker's thread (a message to a page must reach it before
    /// anything the worker does after posting it, as a browser queues it on the client before the handler
    /// returns) rather than on the engine's runtime.
    pub fn is_immediate(&self) -> bool {
        matches!(self, EngineCall::PostMessage { .. } | EngineCall::Accepted)
    }

    /// Carries out a call that [`EngineCall::is_immediate`].
    pub fn run_now(self, clients: &Clients, sw: &ServiceWorkerRegistration) -> CallResult {
        match self {
            EngineCall::PostMessage { client, data } => {
                let source = json!({ "scriptURL": sw.script_url, "scope": sw.scope });
                if !clients.post(&client, data, source) {
                    tracing::debug!(%client, "postMessage to a client that is not open; dropped");
                }
                Ok(Json::Null)
            }
            EngineCall::Accepted => Ok(Json::Null),
            other => Err((
                "InvalidStateError".into(),
                format!("{other:?} is not an immediate call"),
            )),
        }
    }

    /// Carries out the call for the worker of `sw`.
    pub async fn run(
        self,
        engine: &EngineHandle,
        clients: &Clients,
        sw: &ServiceWorkerRegistration,
    ) -> CallResult {
        let id = sw.id;
        let r: Result<Json, EngineError> = match self {
            EngineCall::SyncRegister { tag } => {
                engine.sync_register(id, &tag).await.map(|_| Json::Null)
            }
            EngineCall::SyncGetTags => engine.sync_get_tags(id).await.map(|t| json!(t)),
            EngineCall::PeriodicRegister { tag, min_interval } => engine
                .periodic_register(id, &tag, min_interval)
                .await
                .map(|_| Json::Null),
            EngineCall::PeriodicUnregister { tag } => engine
                .periodic_unregister(id, &tag)
                .await
                .map(|_| Json::Null),
            EngineCall::PeriodicGetTags => engine.periodic_get_tags(id).await.map(|t| json!(t)),
            EngineCall::ClientsMatchAll => match_all(engine, clients, sw).await,
            immediate @ (EngineCall::PostMessage { .. } | EngineCall::Accepted) => {
                return immediate.run_now(clients, sw);
            }
        };
        r.map_err(|e| match e.as_dom() {
            Some(d) => (d.name.as_str().to_string(), d.message.clone()),
            None => ("InvalidStateError".into(), e.to_string()),
        })
    }
}

/// `clients.matchAll()`: the open pages controlled by the registration, or, when none is open, the
/// registration's simulated window clients.
async fn match_all(
    engine: &EngineHandle,
    clients: &Clients,
    sw: &ServiceWorkerRegistration,
) -> Result<Json, EngineError> {
    let window = |id: String, url: String, focused: bool| {
        json!({
            "id": id, "url": url, "type": "window", "frameType": "top-level",
            "focused": focused, "visibilityState": "visible",
        })
    };
    let pages = clients.of(sw.id);
    if !pages.is_empty() {
        return Ok(Json::Array(
            pages
                .into_iter()
                .enumerate()
                .map(|(i, (id, url))| window(id, url, i == 0))
                .collect(),
        ));
    }
    let list = engine.service_workers().await?;
    Ok(Json::Array(
        list.iter()
            .filter(|s| s.id == sw.id)
            .flat_map(|s| {
                (0..s.window_clients)
                    .map(move |i| window(format!("window-{}-{i}", s.id), s.scope.clone(), i == 0))
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preludes_calls_are_read_into_typed_calls() {
        let args = json!(["outbox", 60000]);
        assert_eq!(
            EngineCall::parse("sync.register", &args).unwrap(),
            EngineCall::SyncRegister {
                tag: "outbox".into()
            }
        );
        assert_eq!(
            EngineCall::parse("periodicSync.register", &args).unwrap(),
            EngineCall::PeriodicRegister {
                tag: "outbox".into(),
                min_interval: 60000.0
            }
        );
        assert!(
            EngineCall::parse("clients.postMessage", &json!(["page-1", {"x": 1}]))
                .unwrap()
                .is_immediate()
        );
        assert!(
            !EngineCall::parse("sync.getTags", &json!([]))
                .unwrap()
                .is_immediate()
        );
        let (name, message) = EngineCall::parse("clients.openWindow", &json!([])).unwrap_err();
        assert_eq!(name, "NotSupportedError");
        assert_eq!(
            message,
            "clients.openWindow is not supported by Syncscope's worker"
        );
    }
}
