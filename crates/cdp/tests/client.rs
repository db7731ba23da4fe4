//! The CDP client against a scripted DevTools server (no browser): id matching, events and sessions,
//! protocol errors, timeouts, disconnects, malformed messages, and `/json/version` over HTTP/1.1.

use std::future::Future;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use syncscope_cdp::protocol::browser::GetVersion;
use syncscope_cdp::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

type Ws = WebSocketStream<TcpStream>;

/// A one-connection websocket server running `script`; returns its URL.
async fn mock<F, Fut>(script: F) -> (String, tokio::task::JoinHandle<()>)
where
    F: FnOnce(Ws) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
        script(ws).await;
    });
    (format!("ws://127.0.0.1:{port}/devtools/browser/mock"), task)
}

async fn recv_command(ws: &mut Ws) -> Value {
    loop {
        match ws.next().await.expect("a command").expect("a frame") {
            Message::Text(t) => return serde_json::from_str(t.as_str()).unwrap(),
            Message::Close(_) => panic!("the client closed"),
            _ => {}
        }
    }
}

async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::text(v.to_string())).await.unwrap();
}

#[tokio::test]
async fn replies_are_matched_by_id_and_events_carry_their_session_and_junk_is_skipped() {
    let (url, server) = mock(|mut ws| async move {
        let a = recv_command(&mut ws).await;
        let b = recv_command(&mut ws).await;
        assert_eq!(a["method"], "Test.first");
        assert_eq!(b["method"], "Test.second");
        assert_eq!(b["sessionId"], "S1");
        assert!(a.get("sessionId").is_none());
        // Junk of every kind, which the client must skip.
        ws.send(Message::text("not json at all")).await.unwrap();
        ws.send(Message::text("[1,2,3]")).await.unwrap();
        send(&mut ws, json!({"neither": "id nor method"})).await;
        send(&mut ws, json!({"id": 999_999, "result": {}})).await;
        ws.send(Message::binary(vec![0xff, 0xfe, 0x00])).await.unwrap();
        send(&mut ws, json!({"method": "Target.targetDestroyed", "params": {"targetId": 5}})).await;
        // An event on a session, then the replies in reverse order.
        send(
            &mut ws,
            json!({"method": "Runtime.consoleAPICalled", "params": {"type": "log", "args": []}, "sessionId": "S1"}),
        )
        .await;
        send(&mut ws, json!({"id": b["id"], "result": {"which": "second"}, "sessionId": "S1"})).await;
        send(&mut ws, json!({"id": a["id"], "result": {"which": "first"}})).await;
        // The client still works after all that.
        let c = recv_command(&mut ws).await;
        send(
            &mut ws,
            json!({"id": c["id"], "result": {"protocolVersion": "1.3", "product": "Mock/1", "extra": true}}),
        )
        .await;
        let _ = ws.next().await;
    })
    .await;
    let client = CdpClient::connect_url(&url).await.unwrap();
    let mut events = client.subscribe();
    let browser = client.browser();
    let session = client.session("S1");
    let (first, second) = tokio::join!(
        browser.call("Test.first", json!({}), Duration::from_secs(5)),
        async {
            // Make sure "first" is sent first.
            tokio::time::sleep(Duration::from_millis(50)).await;
            session
                .call("Test.second", json!({"x": 1}), Duration::from_secs(5))
                .await
        }
    );
    assert_eq!(first.unwrap()["which"], "first");
    assert_eq!(second.unwrap()["which"], "second");

    let mut got = Vec::new();
    while let Ok(Ok(e)) = tokio::time::timeout(Duration::from_millis(200), events.recv()).await {
        got.push(e);
    }
    let methods: Vec<_> = got.iter().map(|e| e.method.as_str()).collect();
    assert_eq!(
        methods,
        ["Target.targetDestroyed", "Runtime.consoleAPICalled"]
    );
    assert_eq!(got[1].session_id.as_deref(), Some("S1"));
    assert!(
        got[0]
            .parse::<syncscope_cdp::protocol::target::TargetDestroyed>()
            .is_none(),
        "params that do not decode are skipped, not fatal"
    );

    let v = browser.send(GetVersion {}).await.unwrap();
    assert_eq!(v.product, "Mock/1");
    assert!(client.is_connected());
    client.close();
    server.await.unwrap();
}

#[tokio::test]
async fn protocol_errors_are_typed() {
    let (url, _server) = mock(|mut ws| async move {
        let a = recv_command(&mut ws).await;
        send(
            &mut ws,
            json!({"id": a["id"], "sessionId": "W", "error": {"code": -32601, "message": "'BackgroundService.startObserving' wasn't found"}}),
        )
        .await;
        let b = recv_command(&mut ws).await;
        send(
            &mut ws,
            json!({"id": b["id"], "error": {"code": -32000, "message": "No target with given id found", "data": "T9"}}),
        )
        .await;
        let c = recv_command(&mut ws).await;
        send(&mut ws, json!({"id": c["id"], "result": {"product": 5}})).await;
        let _ = ws.next().await;
    })
    .await;
    let client = CdpClient::connect_url(&url).await.unwrap();
    let e = client
        .session("W")
        .send(
            syncscope_cdp::protocol::background_service::StartObserving {
                service: syncscope_engine::Service::BackgroundSync,
            },
        )
        .await
        .unwrap_err();
    assert!(e.is_method_not_found(), "{e:?}");
    assert_eq!(e.code(), Some(METHOD_NOT_FOUND));
    assert_eq!(
        e.to_string(),
        "BackgroundService.startObserving failed: 'BackgroundService.startObserving' wasn't found (CDP error -32601)"
    );
    let e = client
        .browser()
        .call(
            "Target.attachToTarget",
            json!({"targetId": "T9"}),
            Duration::from_secs(5),
        )
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Target.attachToTarget failed: No target with given id found (CDP error -32000, T9)"
    );
    let e = client.browser().send(GetVersion {}).await.unwrap_err();
    assert!(matches!(e, CdpError::Decode { .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("unexpected reply to Browser.getVersion")
    );
}

#[tokio::test]
async fn every_command_has_a_deadline_and_a_late_answer_is_ignored() {
    // The server answers the first command only after the client has given up on it.
    let (gave_up_tx, gave_up_rx) = tokio::sync::oneshot::channel::<()>();
    let (url, _server) = mock(|mut ws| async move {
        let a = recv_command(&mut ws).await;
        let _ = gave_up_rx.await;
        send(&mut ws, json!({"id": a["id"], "result": {}})).await;
        let b = recv_command(&mut ws).await;
        send(&mut ws, json!({"id": b["id"], "result": {"ok": true}})).await;
        let _ = ws.next().await;
    })
    .await;
    let client = CdpClient::connect_url(&url)
        .await
        .unwrap()
        .with_timeout(Duration::from_millis(100));
    let e = client
        .session("stopped-worker")
        .send(syncscope_cdp::protocol::runtime::Enable {})
        .await
        .unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert_eq!(
        e.to_string(),
        "Runtime.enable timed out after 100ms (session stopped-worker)"
    );
    // Now the late answer arrives, before the next command: it must not be taken for that one's.
    gave_up_tx.send(()).unwrap();
    let ok = client
        .browser()
        .call("Test.after", json!({}), Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(ok["ok"], true);
}

#[tokio::test]
async fn a_dropped_connection_fails_pending_and_later_commands() {
    let (url, _server) = mock(|mut ws| async move {
        let _a = recv_command(&mut ws).await;
        let _b = recv_command(&mut ws).await;
        drop(ws); // like a browser killed mid-session: no close frame, no answers
    })
    .await;
    let client = CdpClient::connect_url(&url).await.unwrap();
    let browser = client.browser();
    let page = client.session("P");
    let (a, b) = tokio::join!(
        browser.call("Test.never", json!({}), Duration::from_secs(30)),
        page.call(
            "Runtime.evaluate",
            json!({"expression": "1"}),
            Duration::from_secs(30)
        ),
    );
    for e in [a.unwrap_err(), b.unwrap_err()] {
        assert!(e.is_disconnected(), "{e:?}");
        assert!(e.to_string().starts_with("browser disconnected: "), "{e}");
    }
    let reason = tokio::time::timeout(Duration::from_secs(5), client.closed())
        .await
        .unwrap();
    assert!(!reason.is_empty());
    assert!(!client.is_connected());
    // It fails because the connection is gone, not by waiting out its 30 s deadline.
    let e = tokio::time::timeout(
        Duration::from_secs(10),
        browser.call("Test.later", json!({}), Duration::from_secs(30)),
    )
    .await
    .expect("a command on a closed connection fails at once")
    .unwrap_err();
    assert!(e.is_disconnected(), "{e:?}");
}

#[tokio::test]
async fn a_port_is_resolved_through_json_version_over_http_1_1() {
    let (ws_url, _server) = mock(|mut ws| async move {
        let a = recv_command(&mut ws).await;
        send(
            &mut ws,
            json!({"id": a["id"], "result": {"protocolVersion": "1.3", "product": "Mock/2"}}),
        )
        .await;
        let _ = ws.next().await;
    })
    .await;
    let http = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = http.local_addr().unwrap().port();
    let body =
        json!({"Browser": "Mock/2", "Protocol-Version": "1.3", "webSocketDebuggerUrl": ws_url})
            .to_string();
    let http_task = tokio::spawn(async move {
        loop {
            let (tcp, _) = http.accept().await.unwrap();
            tokio::spawn(answer_json_version(tcp, port, body.clone()));
        }
    });
    let v = fetch_version("127.0.0.1", port).await.unwrap();
    assert_eq!(v.browser, "Mock/2");
    assert_eq!(v.web_socket_debugger_url, ws_url);
    let client = tokio::time::timeout(
        Duration::from_secs(2),
        CdpClient::connect(&Endpoint::parse(&port.to_string()).unwrap()),
    )
    .await
    .expect("the body is read by Content-Length, not until the connection closes")
    .unwrap();
    assert_eq!(client.url(), ws_url);
    assert_eq!(
        client.browser().send(GetVersion {}).await.unwrap().product,
        "Mock/2"
    );
    http_task.abort();
}

/// Answers one `/json/version` request in two parts and keeps the connection open: the client must stop at
/// Content-Length.
async fn answer_json_version(mut tcp: TcpStream, port: u16, body: String) {
    let mut buf = vec![0u8; 2048];
    let mut n = 0;
    while !buf[..n].windows(4).any(|w| w == b"\r\n\r\n") {
        n += tcp.read(&mut buf[n..]).await.unwrap();
    }
    let request = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(
        request.starts_with("GET /json/version HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(request.contains(&format!("Host: 127.0.0.1:{port}\r\n")));
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(20)).await;
    tcp.write_all(body.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(10)).await;
}

#[tokio::test]
async fn connecting_to_nothing_is_a_clear_error() {
    let free = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let e = CdpClient::connect(&Endpoint::local_port(port))
        .await
        .unwrap_err();
    assert!(matches!(e, CdpError::Connect { .. }), "{e:?}");
    assert!(
        e.to_string().starts_with(&format!(
            "cannot connect to the browser at http://127.0.0.1:{port}: "
        )),
        "{e}"
    );
    let e = CdpClient::connect_url(&format!("ws://127.0.0.1:{port}/devtools/browser/x"))
        .await
        .unwrap_err();
    assert!(matches!(e, CdpError::Connect { .. }), "{e:?}");
}
