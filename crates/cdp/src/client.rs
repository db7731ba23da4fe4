//! A thin DevTools Protocol client: one websocket to the browser, commands matched to replies by id, events
//! broadcast to every subscriber, flat sessions (`sessionId` on each message), and a deadline on every command.
//!
//! One task owns the socket. A command registers a reply slot under a fresh id and hands the message to that
//! task; the task routes each reply to its slot and each event to the broadcast channel. When the socket
//! closes, every pending command fails with [`CdpError::Disconnected`], and so does every later one.
//! Messages that are not valid CDP are logged and skipped, never fatal.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

use crate::error::{CdpError, Result};
use crate::protocol::{Command, Event};

/// The deadline of a command unless one is given: long enough for a worker to start, short enough that a
/// command to a stopped worker's session (which waits for it to start) does not hang a caller for long.
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(15);

/// How long connecting (HTTP discovery plus the websocket handshake) may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Capacity of the event broadcast; a subscriber that falls further behind is told it lagged.
const EVENT_CAPACITY: usize = 16_384;

/// Where a browser's DevTools endpoint is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// The browser websocket URL, `ws://127.0.0.1:9222/devtools/browser/<id>`.
    WebSocket(String),
    /// A `--remote-debugging-port`: the websocket URL is read from `http://host:port/json/version`.
    Port {
        /// Host, usually `127.0.0.1`.
        host: String,
        /// Port.
        port: u16,
    },
}

impl Endpoint {
    /// `127.0.0.1:port`.
    pub fn local_port(port: u16) -> Endpoint {
        Endpoint::Port {
            host: "127.0.0.1".into(),
            port,
        }
    }

    /// Reads `9222`, `host:9222`, `http://host:9222[/…]` or `ws://…`.
    pub fn parse(text: &str) -> Result<Endpoint> {
        let t = text.trim();
        if t.starts_with("ws://") || t.starts_with("wss://") {
            return Ok(Endpoint::WebSocket(t.to_string()));
        }
        let bad = || {
            CdpError::InvalidInput(format!(
                "not a DevTools endpoint: {text:?} (expected a port, host:port, http://host:port or ws://…)"
            ))
        };
        let rest = t.strip_prefix("http://").unwrap_or(t);
        let hostport = rest.split('/').next().unwrap_or_default();
        if let Ok(port) = hostport.parse::<u16>() {
            return Ok(Endpoint::local_port(port));
        }
        let (host, port) = hostport.rsplit_once(':').ok_or_else(bad)?;
        let port = port.parse::<u16>().map_err(|_| bad())?;
        if host.is_empty() {
            return Err(bad());
        }
        Ok(Endpoint::Port {
            host: host.to_string(),
            port,
        })
    }

    /// The websocket URL: as given, or asked of `/json/version`.
    pub async fn resolve(&self) -> Result<String> {
        match self {
            Endpoint::WebSocket(url) => Ok(url.clone()),
            Endpoint::Port { host, port } => {
                Ok(fetch_version(host, *port).await?.web_socket_debugger_url)
            }
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::WebSocket(url) => f.write_str(url),
            Endpoint::Port { host, port } => write!(f, "http://{host}:{port}"),
        }
    }
}

/// What `/json/version` says.
#[derive(Clone, Debug, Deserialize)]
pub struct VersionInfo {
    /// e.g. `Chrome/156.0.8078.79` or `HeadlessChrome/…`.
    #[serde(rename = "Browser", default)]
    pub browser: String,
    /// e.g. `1.3`.
    #[serde(rename = "Protocol-Version", default)]
    pub protocol_version: String,
    /// The browser websocket URL.
    #[serde(rename = "webSocketDebuggerUrl")]
    pub web_socket_debugger_url: String,
}

/// `GET http://host:port/json/version` over a plain HTTP/1.1 request (the endpoint rejects HTTP/1.0), the body
/// read by its `Content-Length`.
pub async fn fetch_version(host: &str, port: u16) -> Result<VersionInfo> {
    let endpoint = format!("http://{host}:{port}");
    let fail = |reason: String| CdpError::Connect {
        endpoint: endpoint.clone(),
        reason,
    };
    let body = tokio::time::timeout(CONNECT_TIMEOUT, http_get(host, port, "/json/version"))
        .await
        .map_err(|_| fail(format!("no answer within {CONNECT_TIMEOUT:?}")))?
        .map_err(fail)?;
    serde_json::from_slice(&body).map_err(|e| {
        fail(format!(
            "/json/version is not a DevTools answer ({e}): {}",
            String::from_utf8_lossy(&body[..body.len().min(200)])
        ))
    })
}

async fn http_get(host: &str, port: u16, path: &str) -> std::result::Result<Vec<u8>, String> {
    let mut stream = TcpStream::connect((host, port))
        .await
        .map_err(|e| e.to_string())?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(parsed) = parse_http_response(&buf)? {
            return Ok(parsed);
        }
        if buf.len() > 1 << 20 {
            return Err("HTTP answer larger than 1 MiB".into());
        }
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return match parse_http_response(&buf)? {
                Some(body) => Ok(body),
                None => Err(format!(
                    "connection closed before a complete HTTP answer ({} bytes)",
                    buf.len()
                )),
            };
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Parses an HTTP/1.1 response once complete: `Ok(Some(body))` when the headers and `Content-Length` bytes are
/// in, `Ok(None)` when more is needed, `Err` for a non-200 status or a malformed head.
pub fn parse_http_response(buf: &[u8]) -> std::result::Result<Option<Vec<u8>>, String> {
    let Some(head_end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or_default();
    let status = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/") {
        return Err(format!("not an HTTP answer: {status_line:?}"));
    }
    if status != "200" {
        return Err(format!("HTTP status {}", status_line.trim()));
    }
    let mut length = None;
    for line in lines {
        if let Some((k, v)) = line.split_once(':')
            && k.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                v.trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length {v:?}"))?,
            );
        }
    }
    let length = length.ok_or("the answer has no Content-Length")?;
    let body = &buf[head_end + 4..];
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(body[..length].to_vec()))
}

/// An event from the browser.
#[derive(Clone, Debug, PartialEq)]
pub struct CdpEvent {
    /// The method, e.g. `Target.attachedToTarget`.
    pub method: String,
    /// Its params.
    pub params: Value,
    /// The session it came from; `None` for the browser session.
    pub session_id: Option<String>,
}

impl CdpEvent {
    /// Decodes the params as `E` when the method is `E`'s; logs and returns `None` when they do not decode.
    pub fn parse<E: Event>(&self) -> Option<E> {
        if self.method != E::METHOD {
            return None;
        }
        match E::deserialize(&self.params) {
            Ok(e) => Some(e),
            Err(err) => {
                tracing::warn!(method = %self.method, error = %err, "skipping an event whose params do not decode");
                None
            }
        }
    }
}

/// One incoming message, loosely typed so that anything odd is skipped rather than fatal.
#[derive(Deserialize)]
struct Incoming {
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    params: Option<Value>,
    #[serde(default)]
    result: Option<Value>,
    #[serde(default)]
    error: Option<ErrorBody>,
    #[serde(default, rename = "sessionId")]
    session_id: Option<String>,
}

/// The browser's error for a command (the protocol's `error` object; missing fields are empty).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ErrorBody {
    /// The JSON-RPC error code, e.g. -32601 (method not found).
    #[serde(default)]
    pub code: i64,
    /// The browser's message.
    #[serde(default)]
    pub message: String,
    /// Extra detail, when the browser sends any.
    #[serde(default)]
    pub data: Option<Value>,
}

/// A command's reply: its `result`, or the browser's `error`.
pub type Reply = std::result::Result<Value, ErrorBody>;

/// What one text message from the browser is.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame {
    /// The reply to the command with this id (a reply with neither `result` nor `error` is an empty result).
    Reply {
        /// The command's id.
        id: u64,
        /// Its result or error.
        reply: Reply,
    },
    /// An event.
    Event(CdpEvent),
}

/// Decodes one text message from the browser. Anything that is not a CDP reply or event is an error naming
/// what is wrong (the connection skips such messages).
pub fn decode_frame(text: &str) -> std::result::Result<Frame, String> {
    let msg: Incoming = serde_json::from_str(text).map_err(|e| format!("not CDP JSON: {e}"))?;
    if let Some(id) = msg.id {
        let reply = match (msg.error, msg.result) {
            (Some(e), _) => Err(e),
            (None, Some(r)) => Ok(r),
            (None, None) => Ok(Value::Object(Default::default())),
        };
        Ok(Frame::Reply { id, reply })
    } else if let Some(method) = msg.method {
        Ok(Frame::Event(CdpEvent {
            method,
            params: msg.params.unwrap_or(Value::Object(Default::default())),
            session_id: msg.session_id,
        }))
    } else {
        Err("a message with neither id nor method".into())
    }
}

struct Pending {
    method: String,
    reply: oneshot::Sender<Reply>,
}

#[derive(Default)]
struct Table {
    pending: HashMap<u64, Pending>,
    /// Set once the socket is gone: why.
    closed: Option<String>,
}

struct Shared {
    table: Mutex<Table>,
    next_id: AtomicU64,
    outgoing: mpsc::UnboundedSender<String>,
    events: broadcast::Sender<CdpEvent>,
    closed_tx: watch::Sender<Option<String>>,
    url: String,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks the connection closed and fails every pending command.
    fn close(&self, reason: String) {
        let pending = {
            let mut t = self.lock();
            if t.closed.is_some() {
                return;
            }
            t.closed = Some(reason.clone());
            std::mem::take(&mut t.pending)
        };
        tracing::info!(url = %self.url, %reason, pending = pending.len(), "DevTools connection closed");
        // Dropping the senders wakes every waiter; they read the reason from the table.
        drop(pending);
        let _ = self.closed_tx.send(Some(reason));
    }

    fn closed_reason(&self) -> Option<String> {
        self.lock().closed.clone()
    }
}

/// Removes a command's reply slot when the caller stops waiting (timeout or cancellation).
struct SlotGuard<'a> {
    shared: &'a Shared,
    id: u64,
}

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        self.shared.lock().pending.remove(&self.id);
    }
}

/// A connection to a browser's DevTools endpoint. Cheap to clone; the socket closes when the last clone and
/// every [`CdpSession`] made from it are gone, or when [`CdpClient::close`] is called.
#[derive(Clone)]
pub struct CdpClient {
    shared: Arc<Shared>,
    timeout: Duration,
    _task: Arc<TaskGuard>,
}

struct TaskGuard(tokio::task::JoinHandle<()>);

impl Drop for TaskGuard {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl fmt::Debug for CdpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CdpClient")
            .field("url", &self.shared.url)
            .field("closed", &self.shared.closed_reason())
            .finish_non_exhaustive()
    }
}

impl CdpClient {
    /// Connects to an endpoint (resolving a port through `/json/version`).
    pub async fn connect(endpoint: &Endpoint) -> Result<CdpClient> {
        let url = endpoint.resolve().await?;
        CdpClient::connect_url(&url).await
    }

    /// Connects to a browser websocket URL.
    pub async fn connect_url(url: &str) -> Result<CdpClient> {
        let fail = |reason: String| CdpError::Connect {
            endpoint: url.to_string(),
            reason,
        };
        let mut config = WebSocketConfig::default();
        // Chromium's replies (e.g. a replay of many background-service events) can be large.
        config.max_message_size = Some(256 << 20);
        config.max_frame_size = Some(256 << 20);
        let (ws, _) = tokio::time::timeout(
            CONNECT_TIMEOUT,
            tokio_tungstenite::connect_async_with_config(url, Some(config), false),
        )
        .await
        .map_err(|_| fail(format!("no handshake within {CONNECT_TIMEOUT:?}")))?
        .map_err(|e| fail(e.to_string()))?;
        let (out_tx, out_rx) = mpsc::unbounded_channel();
        let (events, _) = broadcast::channel(EVENT_CAPACITY);
        let (closed_tx, _) = watch::channel(None);
        let shared = Arc::new(Shared {
            table: Mutex::new(Table::default()),
            next_id: AtomicU64::new(1),
            outgoing: out_tx,
            events,
            closed_tx,
            url: url.to_string(),
        });
        let closed_rx = shared.closed_tx.subscribe();
        let task = tokio::spawn(run_socket(ws, out_rx, Arc::downgrade(&shared), closed_rx));
        tracing::debug!(%url, "DevTools connection open");
        Ok(CdpClient {
            shared,
            timeout: DEFAULT_COMMAND_TIMEOUT,
            _task: Arc::new(TaskGuard(task)),
        })
    }

    /// The websocket URL.
    pub fn url(&self) -> &str {
        &self.shared.url
    }

    /// The same connection with another default command deadline.
    pub fn with_timeout(mut self, timeout: Duration) -> CdpClient {
        self.timeout = timeout;
        self
    }

    /// The default command deadline.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Every event from now on, from every session.
    pub fn subscribe(&self) -> broadcast::Receiver<CdpEvent> {
        self.shared.events.subscribe()
    }

    /// Whether the connection is still open.
    pub fn is_connected(&self) -> bool {
        self.shared.closed_reason().is_none()
    }

    /// Why the connection closed, once it has.
    pub fn disconnect_reason(&self) -> Option<String> {
        self.shared.closed_reason()
    }

    /// Resolves (with the reason) once the connection has closed.
    pub async fn closed(&self) -> String {
        let mut rx = self.shared.closed_tx.subscribe();
        loop {
            if let Some(reason) = rx.borrow_and_update().clone() {
                return reason;
            }
            if rx.changed().await.is_err() {
                return "the connection task ended".into();
            }
        }
    }

    /// Closes the connection; pending commands fail with [`CdpError::Disconnected`].
    pub fn close(&self) {
        self.shared.close("closed by Syncscope".into());
    }

    /// The browser-level session.
    pub fn browser(&self) -> CdpSession {
        CdpSession {
            client: self.clone(),
            session_id: None,
        }
    }

    /// A handle for a flat session id (from `Target.attachToTarget` or `Target.attachedToTarget`).
    pub fn session(&self, session_id: impl Into<String>) -> CdpSession {
        CdpSession {
            client: self.clone(),
            session_id: Some(session_id.into()),
        }
    }

    /// Sends a command on a session (`None`: the browser session) and waits for its reply, at most `timeout`.
    pub async fn call_raw(
        &self,
        session_id: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value> {
        let shared = &*self.shared;
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        let mut msg = serde_json::json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session_id {
            msg["sessionId"] = Value::String(s.to_string());
        }
        let (tx, rx) = oneshot::channel();
        {
            let mut t = shared.lock();
            if let Some(reason) = &t.closed {
                return Err(CdpError::Disconnected {
                    reason: reason.clone(),
                });
            }
            t.pending.insert(
                id,
                Pending {
                    method: method.to_string(),
                    reply: tx,
                },
            );
        }
        let _guard = SlotGuard { shared, id };
        if shared.outgoing.send(msg.to_string()).is_err() {
            return Err(self.disconnected());
        }
        tracing::trace!(id, method, session = ?session_id, "sent");
        match tokio::time::timeout(timeout, rx).await {
            Err(_) => Err(CdpError::Timeout {
                method: method.to_string(),
                timeout,
                session: session_id.map(str::to_string),
            }),
            Ok(Err(_)) => Err(self.disconnected()),
            Ok(Ok(Ok(value))) => Ok(value),
            Ok(Ok(Err(e))) => Err(CdpError::Protocol {
                method: method.to_string(),
                code: e.code,
                message: e.message,
                data: e.data.map(|d| match d {
                    Value::String(s) => s,
                    other => other.to_string(),
                }),
            }),
        }
    }

    fn disconnected(&self) -> CdpError {
        CdpError::Disconnected {
            reason: self
                .shared
                .closed_reason()
                .unwrap_or_else(|| "the connection task ended".into()),
        }
    }
}

/// One session on a connection: the browser's (no id) or a target's (flat mode). Cheap to clone.
#[derive(Clone, Debug)]
pub struct CdpSession {
    client: CdpClient,
    session_id: Option<String>,
}

impl CdpSession {
    /// The session id; `None` for the browser session.
    pub fn id(&self) -> Option<&str> {
        self.session_id.as_deref()
    }

    /// The connection.
    pub fn client(&self) -> &CdpClient {
        &self.client
    }

    /// Sends a typed command with the connection's default deadline.
    pub async fn send<C: Command>(&self, command: C) -> Result<C::Response> {
        self.send_with_timeout(command, self.client.timeout).await
    }

    /// Sends a typed command with its own deadline.
    pub async fn send_with_timeout<C: Command>(
        &self,
        command: C,
        timeout: Duration,
    ) -> Result<C::Response> {
        let params = serde_json::to_value(&command).map_err(|e| CdpError::Decode {
            method: C::METHOD.to_string(),
            source: e,
        })?;
        let value = self.call(C::METHOD, params, timeout).await?;
        serde_json::from_value(value).map_err(|e| CdpError::Decode {
            method: C::METHOD.to_string(),
            source: e,
        })
    }

    /// Sends an untyped command.
    pub async fn call(&self, method: &str, params: Value, timeout: Duration) -> Result<Value> {
        self.client
            .call_raw(self.session_id.as_deref(), method, params, timeout)
            .await
    }
}

/// Owns the socket: writes queued commands, routes replies and events, and closes the table at the end.
async fn run_socket<S>(
    mut ws: tokio_tungstenite::WebSocketStream<S>,
    mut outgoing: mpsc::UnboundedReceiver<String>,
    shared: std::sync::Weak<Shared>,
    mut closed: watch::Receiver<Option<String>>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let reason = loop {
        tokio::select! {
            _ = closed.changed() => {
                // Closed from this side (`CdpClient::close`): the table is already failed.
                let _ = ws.close(None).await;
                return;
            }
            incoming = ws.next() => {
                let Some(shared) = shared.upgrade() else { break "client dropped".to_string() };
                match incoming {
                    None => break "the browser closed the connection".to_string(),
                    Some(Err(e)) => break format!("websocket error: {e}"),
                    Some(Ok(Message::Text(text))) => route(&shared, text.as_str()),
                    Some(Ok(Message::Binary(bytes))) => match std::str::from_utf8(&bytes) {
                        Ok(text) => route(&shared, text),
                        Err(_) => tracing::warn!(len = bytes.len(), "skipping a binary message that is not UTF-8"),
                    },
                    Some(Ok(Message::Close(frame))) => {
                        break match frame {
                            Some(f) => format!("the browser closed the connection ({} {})", f.code, f.reason),
                            None => "the browser closed the connection".to_string(),
                        };
                    }
                    Some(Ok(_)) => {} // ping/pong: tungstenite answers pings itself
                }
            }
            out = outgoing.recv() => {
                let Some(text) = out else { break "client dropped".to_string() };
                if let Err(e) = ws.send(Message::text(text)).await {
                    break format!("websocket error while sending: {e}");
                }
            }
        }
    };
    if let Some(shared) = shared.upgrade() {
        shared.close(reason);
    }
    let _ = ws.close(None).await;
}

fn route(shared: &Shared, text: &str) {
    match decode_frame(text) {
        Ok(Frame::Reply { id, reply }) => {
            let Some(pending) = shared.lock().pending.remove(&id) else {
                tracing::debug!(id, "reply to a command nobody waits for (timed out?)");
                return;
            };
            tracing::trace!(id, method = %pending.method, ok = reply.is_ok(), "reply");
            let _ = pending.reply.send(reply);
        }
        Ok(Frame::Event(event)) => {
            tracing::trace!(method = %event.method, session = ?event.session_id, "event");
            let _ = shared.events.send(event);
        }
        Err(e) => {
            tracing::warn!(error = %e, message = %truncate(text, 200), "skipping a message");
        }
    }
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_parse() {
        assert_eq!(Endpoint::parse("9222").unwrap(), Endpoint::local_port(9222));
        assert_eq!(
            Endpoint::parse("http://localhost:9333/json").unwrap(),
            Endpoint::Port {
                host: "localhost".into(),
                port: 9333
            }
        );
        assert_eq!(
            Endpoint::parse("10.0.0.2:9222").unwrap(),
            Endpoint::Port {
                host: "10.0.0.2".into(),
                port: 9222
            }
        );
        assert_eq!(
            Endpoint::parse("ws://127.0.0.1:1/devtools/browser/x").unwrap(),
            Endpoint::WebSocket("ws://127.0.0.1:1/devtools/browser/x".into())
        );
        for bad in ["", "abc", ":9222", "host:99999"] {
            assert!(Endpoint::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn http_answers_are_read_by_content_length() {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 5\r\n\r\n";
        assert_eq!(parse_http_response(head.as_bytes()).unwrap(), None);
        let full = format!("{head}{{}}xyz-extra");
        assert_eq!(
            parse_http_response(full.as_bytes()).unwrap(),
            Some(b"{}xyz".to_vec())
        );
        assert!(parse_http_response(b"HTTP/1.1 404 Not Found\r\n\r\n").is_err());
        assert!(parse_http_response(b"HTTP/1.1 200 OK\r\n\r\n").is_err());
        assert!(parse_http_response(b"SSH-2.0\r\n\r\n").is_err());
        assert_eq!(parse_http_response(b"HTTP/1.1 200 OK\r\n").unwrap(), None);
    }

    #[test]
    fn events_decode_or_are_skipped() {
        use crate::protocol::target::TargetDestroyed;
        let e = CdpEvent {
            method: "Target.targetDestroyed".into(),
            params: serde_json::json!({"targetId": "T"}),
            session_id: None,
        };
        assert_eq!(e.parse::<TargetDestroyed>().unwrap().target_id, "T");
        let bad = CdpEvent {
            params: serde_json::json!({"targetId": 5}),
            ..e.clone()
        };
        assert!(bad.parse::<TargetDestroyed>().is_none());
        let other = CdpEvent {
            method: "Target.targetCreated".into(),
            ..e
        };
        assert!(other.parse::<TargetDestroyed>().is_none());
    }
}
