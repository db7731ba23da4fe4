//! [`Page`]: a page context as its opener holds it (what [`WorkerHost::open_page`](crate::WorkerHost::open_page)
//! returns): evaluate scripts in it, call its overlay, close it.

use std::sync::atomic::{AtomicU64, Ordering};

use syncscope_engine::Outcome;
use tokio::sync::{mpsc, oneshot};

use crate::clients::Clients;
use crate::dispatch::DispatchResult;
use crate::inbox::Inbox;

/// A page context: a window client of an origin running page-side JavaScript.
pub struct Page {
    pub(crate) tx: mpsc::UnboundedSender<Inbox>,
    pub(crate) clients: Clients,
    pub(crate) client_id: String,
    pub(crate) next_call: AtomicU64,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("client_id", &self.client_id)
            .finish()
    }
}

impl Page {
    /// Evaluates a classic script in the page (errors carry file:line:column).
    pub async fn eval(&self, source: &str, filename: &str) -> Result<(), crate::ScriptError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Inbox::Eval {
                source: source.to_string(),
                filename: filename.to_string(),
                reply,
            })
            .map_err(|_| crate::ScriptError::new("the page stopped".into(), String::new()))?;
        rx.await.unwrap_or_else(|_| {
            Err(crate::ScriptError::new(
                "the page stopped".into(),
                String::new(),
            ))
        })
    }

    /// Calls `__syncscopePage[name](...args)` and waits for its promise: the resolved value, or why not.
    pub async fn call(
        &self,
        name: &str,
        args: Vec<serde_json::Value>,
    ) -> Result<serde_json::Value, String> {
        let (reply, rx) = oneshot::channel();
        let id = self.next_call.fetch_add(1, Ordering::Relaxed);
        self.tx
            .send(Inbox::Call {
                id,
                name: name.to_string(),
                args,
                reply,
            })
            .map_err(|_| "the page stopped".to_string())?;
        let r: DispatchResult = rx.await.map_err(|_| "the page stopped".to_string())?;
        match r.outcome {
            Outcome::Succeeded => Ok(r.value),
            other => Err(other.to_string()),
        }
    }

    /// The page's client id (as `clients.matchAll()` in its worker reports it).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Closes the page.
    pub fn close(&self) {
        self.clients.remove(&self.client_id);
        let _ = self.tx.send(Inbox::Shutdown);
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.close();
    }
}
