//! The open pages (window clients) of the host's origins: which registration controls each, and the way to
//! deliver a worker's `client.postMessage` to it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::Value as Json;
use syncscope_engine::SwRegistrationId;
use tokio::sync::mpsc;

use crate::inbox::Inbox;

struct PageEntry {
    tx: mpsc::UnboundedSender<Inbox>,
    url: String,
    controller: Option<SwRegistrationId>,
}

/// The open pages by client id. Cheap to clone (one shared registry).
#[derive(Clone, Default)]
pub(crate) struct Clients {
    pages: Arc<Mutex<HashMap<String, PageEntry>>>,
}

impl Clients {
    fn pages(&self) -> std::sync::MutexGuard<'_, HashMap<String, PageEntry>> {
        self.pages.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A page opened: its inbox and URL, controlled by nothing yet.
    pub fn insert(&self, client_id: &str, tx: mpsc::UnboundedSender<Inbox>, url: &str) {
        self.pages().insert(
            client_id.to_string(),
            PageEntry {
                tx,
                url: url.to_string(),
                controller: None,
            },
        );
    }

    /// A page closed.
    pub fn remove(&self, client_id: &str) {
        self.pages().remove(client_id);
    }

    /// Records that a page is a client of a registration (after it registered or was claimed).
    pub fn set_controller(&self, sw: SwRegistrationId, client_id: &str) {
        if let Some(p) = self.pages().get_mut(client_id) {
            p.controller = Some(sw);
        }
    }

    /// The open pages that are clients of a registration: `(client id, url)`, sorted.
    pub fn of(&self, sw: SwRegistrationId) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self
            .pages()
            .iter()
            .filter(|(_, p)| p.controller == Some(sw))
            .map(|(id, p)| (id.clone(), p.url.clone()))
            .collect();
        v.sort();
        v
    }

    /// Delivers a worker's `client.postMessage(data)` to a page. Returns whether the page exists.
    pub fn post(&self, client_id: &str, data: Json, source: Json) -> bool {
        match self.pages().get(client_id) {
            Some(p) => p.tx.send(Inbox::Message { data, source }).is_ok(),
            None => false,
        }
    }
}
