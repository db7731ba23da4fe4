//! Syncscope's built-in demo, shared by the CLI (`syncscope demo`) and the desktop app (`syncscope-app --demo`):
//! a small chat PWA (a page, `app.js`, and a real `sw.js`, in `crates/demo/pwa/`) and the chat server that serves
//! it on 127.0.0.1. Messages written offline wait in an IndexedDB outbox and are delivered by Background Sync; the
//! server can be told to fail its next POSTs with a 503, so a delivery meets Chromium's retry ladder.
//!
//! No Tauri here, and no engine logic: [`ChatServer`] is a plain HTTP server on a thread, and [`DemoPage`] is the
//! chat page opened in the embedded worker's page context.

#![warn(missing_docs)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};
use syncscope_worker::{Page, ScriptSource, WorkerHost};

/// The chat app's service worker: the outbox sync and the periodic feed refresh.
pub const SW_JS: &str = include_str!("../pwa/sw.js");
/// The chat page's script: `chat.send(text)` writes to the IndexedDB outbox and registers sync `outbox`.
pub const APP_JS: &str = include_str!("../pwa/app.js");
/// The CLI's narrated story, run in the page with the `syncscope` controls.
pub const STORY_JS: &str = include_str!("../pwa/story.js");
/// The page starting up as an installed app (registers `sw.js` and periodic sync `refresh-feed`) and `sendChat`.
pub const START_JS: &str = include_str!("../pwa/start.js");
/// The page's HTML.
pub const INDEX_HTML: &str = "<!doctype html><title>Chat</title><script src=\"/app.js\"></script>";

/// The outbox's sync tag.
pub const OUTBOX_TAG: &str = "outbox";
/// The feed's periodic sync tag.
pub const FEED_TAG: &str = "refresh-feed";
/// The longest message the demo's compose box takes, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// What went wrong in the demo.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The chat server could not start.
    #[error("cannot start the demo's chat server: {0}")]
    Server(String),
    /// The chat page failed (a script error, or a rejected promise), with the page's message.
    #[error("{0}")]
    Page(String),
    /// Bad input (an empty message).
    #[error("{0}")]
    Input(String),
}

/// A message as the chat server received it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// The text.
    pub text: String,
    /// When the page wrote it to the outbox (the page's `Date.now()`, i.e. the engine's clock), if it said.
    #[serde(rename = "sentAt", default)]
    pub sent_at: Option<f64>,
}

struct Shared {
    /// Every accepted POST body, in order.
    bodies: Mutex<Vec<String>>,
    /// How many of the next POSTs to fail with 503.
    fail_next: AtomicUsize,
    /// How many POSTs were failed so far.
    failed: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The demo's chat server on 127.0.0.1: serves the PWA (`/`, `/app.js`, `/sw.js`), keeps the messages POSTed to
/// `/api/messages` (GET returns them), and answers the next `fail_next` POSTs with a 503. Stops when dropped.
pub struct ChatServer {
    url: String,
    shared: Arc<Shared>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for ChatServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatServer")
            .field("url", &self.url)
            .finish()
    }
}

impl ChatServer {
    /// Starts on a free port of 127.0.0.1, failing the first `fail_first` POSTs.
    pub fn start(fail_first: usize) -> Result<ChatServer, DemoError> {
        Self::start_on(0, fail_first)
    }

    /// Starts on `port` of 127.0.0.1 if it is free, else on any free port (a stable port keeps the demo's origin,
    /// and so its registration and IndexedDB, the same from one run to the next).
    pub fn start_preferring(port: u16, fail_first: usize) -> Result<ChatServer, DemoError> {
        Self::start_on(port, fail_first).or_else(|_| Self::start_on(0, fail_first))
    }

    fn start_on(port: u16, fail_first: usize) -> Result<ChatServer, DemoError> {
        let server = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| DemoError::Server(e.to_string()))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| DemoError::Server("it has no IP address".into()))?;
        let server = Arc::new(server);
        let shared = Arc::new(Shared {
            bodies: Mutex::new(Vec::new()),
            fail_next: AtomicUsize::new(fail_first),
            failed: AtomicUsize::new(0),
        });
        let thread = {
            let server = server.clone();
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("demo-chat-server".into())
                .spawn(move || serve(&server, &shared))
                .map_err(|e| DemoError::Server(e.to_string()))?
        };
        Ok(ChatServer {
            url: format!("http://{addr}"),
            shared,
            server,
            thread: Some(thread),
        })
    }

    /// The server's URL (its origin), e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The raw bodies of the POSTs it accepted, in order.
    pub fn bodies(&self) -> Vec<String> {
        lock(&self.shared.bodies).clone()
    }

    /// The chat messages it accepted, in order (bodies that are not a chat message are left out).
    pub fn messages(&self) -> Vec<ChatMessage> {
        self.bodies()
            .iter()
            .filter_map(|b| serde_json::from_str::<ChatMessage>(b).ok())
            .collect()
    }

    /// How many of the next POSTs it will fail with a 503.
    pub fn fail_next(&self) -> usize {
        self.shared.fail_next.load(Ordering::SeqCst)
    }

    /// Fails the next `n` POSTs with a 503 (0: accept everything).
    pub fn set_fail_next(&self, n: usize) {
        self.shared.fail_next.store(n, Ordering::SeqCst);
    }

    /// How many POSTs it has failed so far.
    pub fn failed(&self) -> usize {
        self.shared.failed.load(Ordering::SeqCst)
    }
}

impl Drop for ChatServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(server: &tiny_http::Server, shared: &Shared) {
    for mut req in server.incoming_requests() {
        let path = req.url().split('?').next().unwrap_or("").to_string();
        let method = req.method().as_str().to_string();
        let (status, ctype, body) = match (method.as_str(), path.as_str()) {
            ("GET", "/" | "/index.html") => (200, "text/html", INDEX_HTML.to_string()),
            ("GET", "/sw.js") => (200, "text/javascript", SW_JS.to_string()),
            ("GET", "/app.js") => (200, "text/javascript", APP_JS.to_string()),
            ("GET", "/api/messages") => (
                200,
                "application/json",
                serde_json::to_string(&*lock(&shared.bodies)).unwrap_or_default(),
            ),
            ("POST", "/api/messages") => {
                let mut text = String::new();
                let _ = std::io::Read::read_to_string(req.as_reader(), &mut text);
                if shared
                    .fail_next
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
                {
                    shared.failed.fetch_add(1, Ordering::SeqCst);
                    (503, "text/plain", "busy, try later".to_string())
                } else {
                    lock(&shared.bodies).push(text);
                    (201, "application/json", "{\"ok\":true}".to_string())
                }
            }
            _ => (404, "text/plain", "not found".to_string()),
        };
        let response = tiny_http::Response::from_string(body).with_status_code(status);
        let response = match tiny_http::Header::from_bytes(&b"content-type"[..], ctype.as_bytes()) {
            Ok(h) => response.with_header(h),
            Err(()) => response,
        };
        let _ = req.respond(response);
    }
}

/// The chat page, open in the embedded worker's page context (a window client of the server's origin) with
/// `app.js` evaluated, as a browser tab on the server's `/` would be.
#[derive(Debug)]
pub struct DemoPage {
    page: Page,
    url: String,
}

impl DemoPage {
    /// Opens `<server>/` and runs `app.js` in it. The scripts of its service worker come from the server.
    pub async fn open(host: &WorkerHost, server: &ChatServer) -> Result<DemoPage, DemoError> {
        let url = format!("{}/", server.url());
        let page = host
            .open_page(&url, ScriptSource::Http)
            .await
            .map_err(|e| DemoError::Page(e.to_string()))?;
        page.eval(APP_JS, &format!("{}/app.js", server.url()))
            .await
            .map_err(|e| DemoError::Page(e.to_string()))?;
        Ok(DemoPage { page, url })
    }

    /// The page's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The page itself (to evaluate more scripts in it).
    pub fn page(&self) -> &Page {
        &self.page
    }

    /// Starts the chat app as an installed app would: registers `/sw.js` (install and activate run) and the
    /// periodic sync `refresh-feed`. Returns the registration's scope.
    pub async fn start_app(&self) -> Result<String, DemoError> {
        self.page
            .eval(START_JS, "syncscope:demo-start.js")
            .await
            .map_err(|e| DemoError::Page(e.to_string()))?;
        let scope = self
            .page
            .call("callGlobal", vec!["startChat".into()])
            .await
            .map_err(|e| DemoError::Page(format!("the chat page did not start: {e}")))?;
        Ok(scope.as_str().unwrap_or(&self.url).to_string())
    }

    /// The compose box's Send: `chat.send(text)` in the page, which writes the message to the IndexedDB outbox
    /// and registers sync `outbox` (held while offline). Needs [`DemoPage::start_app`] first.
    pub async fn send(&self, text: &str) -> Result<(), DemoError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DemoError::Input("type a message to send".into()));
        }
        if text.chars().count() > MAX_MESSAGE_CHARS {
            return Err(DemoError::Input(format!(
                "a message is at most {MAX_MESSAGE_CHARS} characters"
            )));
        }
        self.page
            .call("callGlobal", vec!["sendChat".into(), text.into()])
            .await
            .map(|_| ())
            .map_err(|e| DemoError::Page(format!("chat.send failed in the page: {e}")))
    }

    /// Closes the page.
    pub fn close(&self) {
        self.page.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A raw HTTP/1.0 request; returns the status code and body.
    fn http(url: &str, method: &str, path: &str, body: &str) -> (u16, String) {
        let addr = url.trim_start_matches("http://");
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        let status = out[9..12].parse().unwrap();
        let body = out.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
        (status, body)
    }

    #[test]
    fn the_server_serves_the_pwa_and_fails_the_next_posts_it_is_told_to() {
        let server = ChatServer::start(1).unwrap();
        let url = server.url().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        assert_eq!(http(&url, "GET", "/sw.js", ""), (200, SW_JS.to_string()));
        assert_eq!(http(&url, "GET", "/app.js", "").1, APP_JS);
        assert!(http(&url, "GET", "/", "").1.contains("/app.js"));
        assert_eq!(http(&url, "GET", "/nope", "").0, 404);

        let hi = r#"{"text":"Hi!","sentAt":1000}"#;
        assert_eq!(http(&url, "POST", "/api/messages", hi).0, 503);
        assert_eq!((server.failed(), server.fail_next()), (1, 0));
        assert_eq!(http(&url, "POST", "/api/messages", hi).0, 201);
        server.set_fail_next(2);
        assert_eq!(http(&url, "POST", "/api/messages", "x").0, 503);
        assert_eq!(http(&url, "POST", "/api/messages", "x").0, 503);
        assert_eq!(http(&url, "POST", "/api/messages", "not json").0, 201);
        assert_eq!(server.failed(), 3);
        assert_eq!(server.bodies(), [hi, "not json"]);
        assert_eq!(
            server.messages(),
            [ChatMessage {
                text: "Hi!".into(),
                sent_at: Some(1000.0)
            }]
        );
        assert_eq!(
            http(&url, "GET", "/api/messages", "").1,
            serde_json::to_string(&[hi, "not json"]).unwrap()
        );
    }

    #[test]
    fn a_preferred_port_is_used_when_free_and_dropping_the_server_stops_it() {
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = free.local_addr().unwrap().port();
        drop(free);
        let server = ChatServer::start_preferring(port, 0).unwrap();
        assert_eq!(server.url(), format!("http://127.0.0.1:{port}"));
        // The port is taken now: the next server falls back to another.
        let other = ChatServer::start_preferring(port, 0).unwrap();
        assert_ne!(other.url(), server.url());
        assert_eq!(http(other.url(), "GET", "/sw.js", "").0, 200);

        drop(server);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            assert!(
                std::time::Instant::now() < deadline,
                "the server still answers after drop"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
