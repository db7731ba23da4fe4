//! End to end: the real app window (WebKitGTK) driven through WebDriver (`tauri-driver` in front of Debian's
//! `WebKitWebDriver`), as a user would use it, on the built-in demo (`syncscope-app --demo`: the chat PWA of
//! `crates/demo`, its page and real `sw.js`, and its chat server): go offline, send a message in the demo (the page
//! writes its IndexedDB outbox and registers sync `outbox`), see it pending in Tags, go online and see it dispatched
//! and completed in the Background sync table (live: the view is never reloaded) and received by the server; fire the
//! periodicsync `refresh-feed` by tag with the button; make the server fail twice and advance the virtual clock
//! through the retry ladder to the last chance, which delivers; save the events to a file, clear them and load them
//! back. Each step is checked in the DOM and leaves a screenshot in `artifacts/e2e/` (or `$SYNCSCOPE_E2E_ARTIFACTS`).
//!
//! Ignored by default (it needs a display and the drivers): `scripts/e2e.sh` installs them and runs it under Xvfb.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(20);

/// `tauri-driver` in its own process group, which is killed whole when the test ends (pass or fail): the driver,
/// the WebKitWebDriver it starts and the app that one launches.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the process group this test created; no memory is involved.
        unsafe {
            libc::kill(-(self.0.id() as i32), libc::SIGKILL);
        }
        let _ = self.0.wait();
    }
}

/// Two distinct free ports (both held while choosing, so they cannot be the same one).
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

struct Ui {
    c: Client,
    shots: PathBuf,
    step: u32,
}

impl Ui {
    async fn find(&self, xpath: &str) -> fantoccini::elements::Element {
        self.c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("{xpath}: {e}"))
    }

    async fn click(&self, xpath: &str) {
        self.find(xpath).await.click().await.unwrap();
    }

    /// A sidebar entry by its label.
    async fn nav(&self, label: &str) {
        self.click(&format!(
            "//nav//button[starts-with(normalize-space(), '{label}')]"
        ))
        .await;
    }

    /// Waits until the element's text contains `want`; returns the text.
    async fn wait_text(&self, xpath: &str, want: &str) -> String {
        let start = Instant::now();
        loop {
            let mut seen = Vec::new();
            for e in self.c.find_all(Locator::XPath(xpath)).await.unwrap() {
                let t = content(&e).await;
                if t.contains(want) {
                    return t;
                }
                seen.push(t);
            }
            if start.elapsed() > WAIT {
                self.fail(&format!(
                    "{xpath} never showed {want:?}; it showed {seen:?}"
                ))
                .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The texts of the event table's rows, as `event name|instance id`.
    async fn rows(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in self
            .c
            .find_all(Locator::Css(".vbody [role=row]"))
            .await
            .unwrap()
        {
            let cells = r.find_all(Locator::Css("[role=cell]")).await.unwrap();
            let mut t = Vec::new();
            for c in cells {
                t.push(content(&c).await);
            }
            out.push(format!("{}|{}", t[2], t[6]));
        }
        out
    }

    async fn wait_rows(&self, want: &[&str]) -> Vec<String> {
        let start = Instant::now();
        loop {
            let rows = self.rows().await;
            if want.iter().all(|w| rows.iter().any(|r| r == w)) {
                return rows;
            }
            if start.elapsed() > WAIT {
                self.fail(&format!("rows {rows:?} never held {want:?}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until exactly `n` rows read `want`; returns all rows.
    async fn wait_row_count(&self, want: &str, n: usize) -> Vec<String> {
        let start = Instant::now();
        loop {
            let rows = self.rows().await;
            if rows.iter().filter(|r| *r == want).count() == n {
                return rows;
            }
            if start.elapsed() > WAIT {
                self.fail(&format!("rows {rows:?} never held {n} × {want:?}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn type_into(&self, xpath: &str, text: &str) {
        let e = self.find(xpath).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    /// Leaves a screenshot of the failure beside the others, then fails.
    async fn fail(&self, message: &str) -> ! {
        if let Ok(png) = self.c.screenshot().await {
            let _ = std::fs::write(self.shots.join("failure.png"), png);
        }
        panic!("{message}");
    }

    async fn shot(&mut self, name: &str) {
        self.step += 1;
        let png = self.c.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{:02}-{name}.png", self.step)), png).unwrap();
    }
}

/// An element's text from the DOM (`textContent`), whether or not it is painted yet.
async fn content(e: &fantoccini::elements::Element) -> String {
    e.prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn artifacts() -> PathBuf {
    let dir = std::env::var_os("SYNCSCOPE_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts/e2e"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn the_window_runs_the_demo_and_drives_background_sync() {
    let dir = tempfile::tempdir().unwrap();
    let (port, native_port) = free_ports();
    let driver =
        Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("SYNCSCOPE_DATA_DIR", dir.path().join("data"))
            .env("SYNCSCOPE_CLOCK", "virtual")
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("tauri-driver (cargo install tauri-driver --locked)");
    let _driver = Driver(driver);
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < WAIT, "tauri-driver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": env!("CARGO_BIN_EXE_syncscope-app"), "args": ["--demo"] }),
    );
    caps.insert("browserName".into(), json!("wry"));
    let c = tokio::time::timeout(
        Duration::from_secs(60),
        ClientBuilder::native().capabilities(caps).connect(&url),
    )
    .await
    .expect("the app window did not come up within a minute")
    .expect("a WebDriver session on the app");
    let mut ui = Ui {
        c,
        shots: artifacts(),
        step: 0,
    };
    const DEMO: &str = "//section[@aria-label='Demo']";
    let outbox_state = format!("{DEMO}//*[@data-testid='outbox-state']");

    // Started with --demo, the window opens on the Demo view: the chat page registered sw.js and the periodic
    // sync refresh-feed, and both sync services are recording.
    let title = ui
        .wait_text(&format!("{DEMO}//h3"), "Chat — http://127.0.0.1:")
        .await;
    let origin = title.trim_start_matches("Chat — ").trim().to_string();
    ui.wait_text(
        "//nav//button[starts-with(normalize-space(), 'Background sync')]",
        "●",
    )
    .await;
    ui.nav("Service workers").await;
    let card = ui
        .wait_text(
            &format!("//article[@aria-label='{origin}/']"),
            "activated and is running",
        )
        .await;
    assert!(card.contains(&format!("{origin}/sw.js")), "{card}");
    ui.nav("Periodic background sync").await;
    ui.wait_rows(&["Registered periodicsync|refresh-feed"])
        .await;
    ui.nav("Demo").await;
    ui.wait_text(
        &format!("{DEMO}//*[@data-testid='fail-next']"),
        "the next 1 will fail",
    )
    .await;
    ui.shot("demo-loaded").await;

    // The server accepts everything for now.
    ui.type_into("//input[@aria-label='POSTs to fail']", "0")
        .await;
    ui.click(&format!("{DEMO}//button[normalize-space()='Set']"))
        .await;
    ui.wait_text(
        &format!("{DEMO}//*[@data-testid='fail-next']"),
        "accepting every POST",
    )
    .await;

    // Offline: a message sent in the demo waits in the outbox, its sync pending.
    ui.click(&format!("{DEMO}//label[normalize-space()='Offline']/input"))
        .await;
    ui.wait_text("//nav//button", "offline").await;
    ui.type_into("//input[@aria-label='Message']", "Hello from the tunnel")
        .await;
    ui.click(&format!("{DEMO}//button[normalize-space()='Send']"))
        .await;
    ui.wait_text(&outbox_state, "sync \"outbox\": pending, attempt 1 of 3")
        .await;
    ui.wait_text(
        "//ul[@aria-label='Sent messages']/li",
        "Hello from the tunnel queued",
    )
    .await;
    ui.shot("offline-message-queued").await;
    ui.nav("Tags").await;
    let row = ui.wait_text("//tr[@data-tag='outbox']", "pending").await;
    assert!(row.contains("1 of 3"), "{row}");
    ui.shot("offline-sync-pending").await;
    ui.nav("Background sync").await;
    ui.wait_rows(&["Registered sync|outbox"]).await;

    // Online: the held sync fires at once; its rows arrive on the live stream while the table is shown.
    ui.nav("Demo").await;
    ui.click(&format!("{DEMO}//label[normalize-space()='Offline']/input"))
        .await;
    ui.nav("Background sync").await;
    let rows = ui
        .wait_rows(&["Dispatched sync event|outbox", "Sync completed|outbox"])
        .await;
    assert_eq!(
        rows.iter().filter(|r| r.ends_with("|outbox")).count(),
        3,
        "{rows:?}"
    );
    ui.shot("online-sync-completed").await;
    ui.nav("Demo").await;
    ui.wait_text(
        "//ol[@aria-label='Received messages']/li",
        "Hello from the tunnel",
    )
    .await;
    ui.wait_text(
        "//ul[@aria-label='Sent messages']/li",
        "Hello from the tunnel delivered",
    )
    .await;
    ui.wait_text(&outbox_state, "nothing waiting").await;
    ui.shot("message-delivered").await;

    // Periodic sync by tag, DevTools' button: the worker caches the feed (one message so far).
    ui.nav("Service workers").await;
    ui.type_into("//input[@aria-label='Periodic sync tag']", "refresh-feed")
        .await;
    ui.click("//button[normalize-space()='Periodic sync']")
        .await;
    ui.wait_text(
        "//p[@class='result']",
        "periodicsync \"refresh-feed\": succeeded",
    )
    .await;
    ui.nav("Periodic background sync").await;
    ui.wait_rows(&["Dispatched periodicsync event|refresh-feed"])
        .await;
    ui.shot("periodicsync-dispatched").await;
    ui.nav("Console").await;
    ui.wait_text("//main", "feed refreshed: 1 message(s) cached")
        .await;

    // A minute later (on the paused virtual clock nothing has moved yet; an identical event would be skipped by
    // Load events as already there).
    ui.nav("Clock").await;
    ui.type_into("//label[contains(., 'Advance by')]/input", "1m")
        .await;
    ui.click("//button[normalize-space()='Advance']").await;

    // The retry ladder on the virtual clock: the server fails twice, so attempt 1 (now) and attempt 2 (+5 min) meet
    // a 503 and attempt 3, the last chance (+15 min more), delivers.
    ui.nav("Demo").await;
    ui.type_into("//input[@aria-label='POSTs to fail']", "2")
        .await;
    ui.click(&format!("{DEMO}//button[normalize-space()='Set']"))
        .await;
    ui.wait_text(
        &format!("{DEMO}//*[@data-testid='fail-next']"),
        "the next 2 will fail",
    )
    .await;
    ui.type_into("//input[@aria-label='Message']", "Second try")
        .await;
    ui.click(&format!("{DEMO}//button[normalize-space()='Send']"))
        .await;
    ui.wait_text(&outbox_state, "attempt 2 of 3, next in 5m")
        .await;
    ui.wait_text(
        &format!("{DEMO}//*[@aria-label='Chat server']//header"),
        "1 POST answered with 503",
    )
    .await;
    ui.shot("server-503-retry-pending").await;
    ui.nav("Tags").await;
    let row = ui.wait_text("//tr[@data-tag='outbox']", "2 of 3").await;
    assert!(row.contains("in 5m"), "{row}");
    ui.nav("Clock").await;
    ui.type_into("//label[contains(., 'Advance by')]/input", "5m")
        .await;
    ui.click("//button[normalize-space()='Advance']").await;
    ui.nav("Tags").await;
    let row = ui.wait_text("//tr[@data-tag='outbox']", "3 of 3").await;
    assert!(
        row.contains("Yes"),
        "the next attempt is the last chance: {row}"
    );
    ui.shot("retry-ladder-last-chance-next").await;
    ui.nav("Demo").await;
    ui.wait_text(&outbox_state, "(last chance)").await;
    ui.click(&format!(
        "{DEMO}//button[normalize-space()='Advance to next event']"
    ))
    .await;
    ui.wait_text("//ol[@aria-label='Received messages']/li[2]", "Second try")
        .await;
    ui.wait_text(
        &format!("{DEMO}//*[@aria-label='Chat server']//header"),
        "2 POSTs answered with 503",
    )
    .await;
    ui.shot("delivered-at-last-chance").await;
    ui.nav("Background sync").await;
    let rows = ui.wait_row_count("Sync completed|outbox", 2).await;
    assert_eq!(
        rows.iter()
            .filter(|r| *r == "sync event failed|outbox")
            .count(),
        2,
        "{rows:?}"
    );
    // Four dispatches in all; the last carries Last Chance: Yes in its metadata.
    let dispatches = ui
        .c
        .find_all(Locator::XPath(
            "//div[@role='row'][div[3][normalize-space()='Dispatched sync event'] and div[7][normalize-space()='outbox']]",
        ))
        .await
        .unwrap();
    assert_eq!(dispatches.len(), 4);
    dispatches[3].click().await.unwrap();
    let meta = ui
        .wait_text("//*[@aria-label='Event metadata']", "Last Chance")
        .await;
    assert!(meta.contains("Yes"), "{meta}");
    ui.shot("retry-ladder-last-chance").await;

    // Save events, clear, load them back.
    ui.click("//button[normalize-space()='Save events']").await;
    let notice = ui.wait_text("//*[@role='status']/span", "Saved ").await;
    let path = notice
        .split(" to ")
        .nth(1)
        .expect("the saved file's path")
        .trim()
        .to_string();
    let saved: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // Registered, dispatched, completed; registered, 3 dispatches, 2 failures, completed.
    assert_eq!(saved.len(), 10, "{saved:#?}");
    ui.click("//button[normalize-space()='Clear']").await;
    ui.wait_text(
        "//*[@data-testid='empty-state']",
        "Syncscope will record all background sync activity for up to 3 days, even when closed.",
    )
    .await;
    ui.shot("cleared").await;
    ui.find("//input[@type='file']")
        .await
        .send_keys(&path)
        .await
        .unwrap();
    ui.wait_text(
        "//*[@role='status']",
        &format!("Loaded {} new events", saved.len()),
    )
    .await;
    ui.wait_row_count("Sync completed|outbox", 2).await;
    ui.shot("loaded-back").await;

    // Beside the demo, a worker of your own from its file (served as http://localhost).
    let sw = dir.path().join("pwa/sw.js");
    std::fs::create_dir_all(sw.parent().unwrap()).unwrap();
    std::fs::write(
        &sw,
        "self.addEventListener('sync', (e) => console.log('sync', e.tag));\n",
    )
    .unwrap();
    ui.nav("Service workers").await;
    ui.type_into(
        "//input[@placeholder='/path/to/sw.js or /sw.js']",
        sw.to_str().unwrap(),
    )
    .await;
    ui.click("//button[normalize-space()='Add']").await;
    ui.wait_text(
        "//article[@aria-label='http://localhost/']//dd",
        "activated and is running",
    )
    .await;
    ui.shot("own-worker-added").await;

    // A second launch on the same data folder hands over to this window and exits; the app logs to a file
    // in its data folder.
    let second = Command::new(env!("CARGO_BIN_EXE_syncscope-app"))
        .env("SYNCSCOPE_DATA_DIR", dir.path().join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(second.wait_with_output());
    });
    let out = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a second launch exits at once")
        .unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Syncscope is already running on"), "{said}");
    ui.wait_text(
        "//article[@aria-label='http://localhost/']//dd",
        "activated and is running",
    )
    .await;
    let logs: Vec<_> = std::fs::read_dir(dir.path().join("data/logs"))
        .expect("a logs folder in the data folder")
        .filter_map(|e| e.ok())
        .collect();
    assert!(
        logs.iter().any(|e| {
            std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("Syncscope starting"))
        }),
        "{logs:?}"
    );

    ui.c.close().await.unwrap();
}
