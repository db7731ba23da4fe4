//! Attaching to a browser as an interactive front end does (the desktop app's target picker): read what the
//! user typed or launch a browser, connect, record into the engine, follow the connection's state, fire events
//! on a registration by Chromium id, and detach cleanly. No Tauri here: the app's commands forward to it.

use std::time::Duration;

use syncscope_engine::{EngineHandle, Service};
use tokio::sync::watch;

use crate::chromium::{
    ChromiumSession, ChromiumTarget, RECORDED_SERVICES, Registration, SessionOptions,
};
use crate::client::Endpoint;
use crate::error::{CdpError, Result};
use crate::launch::{BrowserProcess, LaunchOptions};

/// How long a detach waits for the browser to bring workers back online before it closes anyway.
const DETACH_TIMEOUT: Duration = Duration::from_secs(10);

/// Where to find the browser.
#[derive(Debug)]
pub enum AttachTo {
    /// Launch one (Debian's `chromium`, or the first browser found on `PATH`) with a fresh profile.
    Launch(LaunchOptions),
    /// A browser already running with `--remote-debugging-port`.
    Endpoint(Endpoint),
}

impl AttachTo {
    /// Reads what a user typed: a DevTools port (`9222`), `host:port`, `http://host:port` or the browser's
    /// `ws://…/devtools/browser/…` URL. Anything else is an [`CdpError::InvalidInput`] saying what is expected.
    pub fn address(text: &str) -> Result<AttachTo> {
        let t = text.trim();
        if t.is_empty() {
            return Err(CdpError::InvalidInput(
                "give the browser's DevTools port (e.g. 9222, from --remote-debugging-port=9222) or its ws:// URL"
                    .into(),
            ));
        }
        if (t.starts_with("ws://") || t.starts_with("wss://"))
            && t.split_once("://").is_some_and(|(_, rest)| rest.is_empty())
        {
            return Err(CdpError::InvalidInput(format!(
                "{t:?} has no host: expected ws://host:port/devtools/browser/<id>"
            )));
        }
        let endpoint = Endpoint::parse(t)?;
        if let Endpoint::Port { port: 0, .. } = endpoint {
            return Err(CdpError::InvalidInput(
                "port 0 is not a DevTools port: give the port Chromium was started with (1–65535)"
                    .into(),
            ));
        }
        Ok(AttachTo::Endpoint(endpoint))
    }
}

/// Whether the browser is still there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectionState {
    /// Connected.
    Connected,
    /// The connection went away without a detach (the browser quit, crashed or was killed).
    Disconnected {
        /// What closed it, e.g. "browser disconnected: the connection closed".
        reason: String,
    },
}

/// A browser attached for an interactive session: its [`ChromiumSession`] recording every service into the
/// engine (events arrive through `EngineHandle::record_external`), the [`ChromiumTarget`] over it, and the
/// browser process when it was launched here (killed on [`ChromiumConnection::close`] or drop).
pub struct ChromiumConnection {
    session: ChromiumSession,
    target: ChromiumTarget,
    description: String,
    version: String,
    state: watch::Receiver<ConnectionState>,
    watcher: tokio::task::JoinHandle<()>,
    launched: bool,
    // Declared last: the browser is killed after the session is gone.
    browser: std::sync::Mutex<Option<BrowserProcess>>,
}

impl std::fmt::Debug for ChromiumConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChromiumConnection")
            .field("endpoint", &self.description)
            .field("launched", &self.launched)
            .finish_non_exhaustive()
    }
}

impl ChromiumConnection {
    /// Launches or reaches the browser, sets up the session, records its events into `engine` (Chromium's
    /// stored events are replayed; the engine skips those it has) and switches Chromium's recording on for the
    /// services the engine records now.
    pub async fn open(
        to: AttachTo,
        engine: EngineHandle,
        options: SessionOptions,
    ) -> Result<ChromiumConnection> {
        let (endpoint, browser, description) = match to {
            AttachTo::Launch(launch) => {
                let b = BrowserProcess::launch(launch).await?;
                let d = format!("{} (launched, port {})", b.executable().display(), b.port());
                (b.endpoint(), Some(b), d)
            }
            AttachTo::Endpoint(e) => {
                let d = e.to_string();
                (e, None, d)
            }
        };
        let session = ChromiumSession::connect(&endpoint, options).await?;
        let version = session.browser_version().await.unwrap_or_default();
        session.record_into(engine.clone());
        for service in RECORDED_SERVICES {
            session.observe(service).await?;
        }
        for (status, recording) in engine.recording().await? {
            if recording && RECORDED_SERVICES.contains(&status.service) {
                session.set_recording(status.service, true).await?;
            }
        }
        let (tx, state) = watch::channel(ConnectionState::Connected);
        let watched = session.clone();
        let watcher = tokio::spawn(async move {
            let reason = watched.disconnected().await;
            tracing::warn!(%reason, "the attached browser went away");
            let _ = tx.send(ConnectionState::Disconnected {
                reason: CdpError::Disconnected { reason }.to_string(),
            });
        });
        tracing::info!(endpoint = %description, %version, "attached to a browser");
        Ok(ChromiumConnection {
            target: ChromiumTarget::new(session.clone()),
            session,
            description,
            version,
            state,
            watcher,
            launched: browser.is_some(),
            browser: std::sync::Mutex::new(browser),
        })
    }

    /// The session.
    pub fn session(&self) -> &ChromiumSession {
        &self.session
    }

    /// The engine target over the session.
    pub fn target(&self) -> &ChromiumTarget {
        &self.target
    }

    /// Where the browser is, for people: its DevTools address, or the executable it was launched from.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The browser's product and version, e.g. `HeadlessChrome/156.0.8078.79` (empty if it did not say).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether the browser was launched by this connection (and is stopped with it).
    pub fn launched(&self) -> bool {
        self.launched
    }

    /// The connection's state now.
    pub fn state(&self) -> ConnectionState {
        self.state.borrow().clone()
    }

    /// The connection's state, to await changes.
    pub fn watch_state(&self) -> watch::Receiver<ConnectionState> {
        self.state.clone()
    }

    /// The live registrations Chromium reported, by scope.
    pub fn registrations(&self) -> Vec<Registration> {
        let mut regs: Vec<Registration> = self
            .session
            .registrations()
            .into_iter()
            .filter(|r| !r.is_deleted)
            .collect();
        regs.sort_by(|a, b| a.scope_url.cmp(&b.scope_url));
        regs
    }

    fn registration(&self, registration_id: &str) -> Result<Registration> {
        self.connected()?;
        self.session
            .registration(registration_id)
            .filter(|r| !r.is_deleted)
            .ok_or_else(|| {
                CdpError::InvalidInput(format!(
                    "Chromium has no service-worker registration {registration_id:?} (it may have been unregistered)"
                ))
            })
    }

    fn connected(&self) -> Result<()> {
        match self.state() {
            ConnectionState::Connected if self.session.is_connected() => Ok(()),
            ConnectionState::Disconnected { reason } => Err(CdpError::Disconnected {
                reason: reason
                    .strip_prefix("browser disconnected: ")
                    .unwrap_or(&reason)
                    .to_string(),
            }),
            ConnectionState::Connected => Err(CdpError::Disconnected {
                reason: "the connection closed".into(),
            }),
        }
    }

    /// DevTools' Sync button with a `lastChance` choice: `ServiceWorker.dispatchSyncEvent` on the registration.
    /// Chromium logs "Dispatched sync event" (recorded into the engine); CDP reports no handler outcome.
    pub async fn dispatch_sync(
        &self,
        registration_id: &str,
        tag: &str,
        last_chance: bool,
    ) -> Result<Registration> {
        let reg = self.registration(registration_id)?;
        self.session
            .dispatch_sync(&reg.origin, &reg.registration_id, tag, last_chance)
            .await?;
        Ok(reg)
    }

    /// DevTools' Periodic sync button: `ServiceWorker.dispatchPeriodicSyncEvent`.
    pub async fn dispatch_periodic_sync(
        &self,
        registration_id: &str,
        tag: &str,
    ) -> Result<Registration> {
        let reg = self.registration(registration_id)?;
        self.session
            .dispatch_periodic_sync(&reg.origin, &reg.registration_id, tag)
            .await?;
        Ok(reg)
    }

    /// Offline (or back online) on every worker of the browser: [`ChromiumSession::set_offline`], refused with
    /// [`CdpError::Disconnected`] once the browser is gone (there is nothing left to switch).
    pub async fn set_offline(&self, offline: bool) -> Result<crate::chromium::OfflineReport> {
        self.connected()?;
        self.session.set_offline(offline).await
    }

    /// Switches Chromium's recording of a service on or off (Chromium keeps it for three days).
    pub async fn set_recording(&self, service: Service, on: bool) -> Result<()> {
        self.connected()?;
        if RECORDED_SERVICES.contains(&service) {
            self.session.set_recording(service, on).await?;
        }
        Ok(())
    }

    /// Detaches (once; the connection is of no use afterwards): brings workers this session took offline back online (bounded), closes the connection and,
    /// if the browser was launched here, stops it. Events already recorded stay in the engine's store.
    pub async fn close(&self) {
        self.watcher.abort();
        if self.session.is_connected() {
            match tokio::time::timeout(DETACH_TIMEOUT, self.session.shutdown()).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "detaching from the browser"),
                Err(_) => {
                    tracing::warn!("the browser did not come back online in time; detached anyway")
                }
            }
        }
        self.session.close();
        let progress = self.session.flush_recording(Duration::from_secs(2)).await;
        tracing::info!(?progress, endpoint = %self.description, "detached from the browser");
        let browser = self
            .browser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        drop(browser);
    }
}

impl Drop for ChromiumConnection {
    fn drop(&mut self) {
        self.watcher.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match AttachTo::address(text) {
            Err(CdpError::InvalidInput(m)) => m,
            other => panic!("{text:?}: expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn addresses_are_read_as_users_type_them_and_bad_ones_say_what_is_expected() {
        for (text, want) in [
            ("9222", Endpoint::local_port(9222)),
            (" 127.0.0.1:9333 ", Endpoint::local_port(9333)),
            (
                "http://devbox:9222/json/version",
                Endpoint::Port {
                    host: "devbox".into(),
                    port: 9222,
                },
            ),
            (
                "ws://127.0.0.1:9222/devtools/browser/abc",
                Endpoint::WebSocket("ws://127.0.0.1:9222/devtools/browser/abc".into()),
            ),
        ] {
            match AttachTo::address(text) {
                Ok(AttachTo::Endpoint(e)) => assert_eq!(e, want, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        assert!(err("").contains("DevTools port"));
        assert!(err("0").contains("port 0"));
        assert!(err("70000").contains("not a DevTools endpoint"));
        assert!(err("localhost:http").contains("not a DevTools endpoint"));
        assert!(err("chrome please").contains("not a DevTools endpoint"));
        assert!(err("ws://").contains("no host"));
    }
}
