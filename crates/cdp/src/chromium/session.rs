//! [`ChromiumSession`]: connecting to a browser, the plumbing, DevTools' toolbar switches, and pages.

use std::sync::{Arc, Mutex};

use tokio::sync::{broadcast, mpsc, watch};

use crate::client::{CdpClient, CdpSession, Endpoint};
use crate::error::Result;
use crate::protocol::service_worker;
use crate::protocol::target::{
    AttachToTarget, CreateTarget, GetTargets, SetAutoAttach, SetDiscoverTargets,
};

use super::page::{PageHandle, set_bypass};
use super::pump::pump;
use super::recorder::recorder;
use super::state::{Shared, State, Tasks};
use super::types::*;

/// A session with one Chromium (or Chrome, or Edge): a page session for the `ServiceWorker` and
/// `BackgroundService` domains, and a session per service worker. Cheap to clone.
#[derive(Clone)]
pub struct ChromiumSession {
    pub(super) shared: Arc<Shared>,
    pub(super) _tasks: Arc<Tasks>,
}

impl std::fmt::Debug for ChromiumSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChromiumSession")
            .field("endpoint", &self.shared.endpoint)
            .field("page_target", &self.shared.page_target_id)
            .finish_non_exhaustive()
    }
}

impl ChromiumSession {
    /// Connects to a running browser and sets up the session.
    pub async fn connect(endpoint: &Endpoint, options: SessionOptions) -> Result<ChromiumSession> {
        let client = CdpClient::connect(endpoint)
            .await?
            .with_timeout(options.command_timeout);
        ChromiumSession::with_client(client, endpoint.clone(), options).await
    }

    /// Sets up the session on an open connection: attaches (flat) to a page target, creating `about:blank`
    /// if there is none; discovers and attaches service workers; enables the `ServiceWorker` domain.
    /// Recording starts with [`ChromiumSession::start_recording`].
    pub async fn with_client(
        client: CdpClient,
        endpoint: Endpoint,
        options: SessionOptions,
    ) -> Result<ChromiumSession> {
        // Subscribe before the first command so no event is missed.
        let events = client.subscribe();
        let browser = client.browser();
        let targets = browser.send(GetTargets {}).await?.target_infos;
        let page_target_id = match targets.iter().find(|t| t.kind == "page") {
            Some(t) => t.target_id.clone(),
            None => {
                browser
                    .send(CreateTarget {
                        url: "about:blank".into(),
                    })
                    .await?
                    .target_id
            }
        };
        let page_session = browser
            .send(AttachToTarget {
                target_id: page_target_id.clone(),
                flatten: true,
            })
            .await?
            .session_id;
        let page = client.session(page_session);
        let (engine, _) = watch::channel(None);
        let (progress, _) = watch::channel(RecordingProgress::default());
        let shared = Arc::new(Shared {
            client,
            page,
            page_target_id,
            endpoint,
            options,
            state: Mutex::new(State::default()),
            changed: watch::channel(0).0,
            console: broadcast::channel(4096).0,
            observed: broadcast::channel(4096).0,
            engine,
            progress,
        });
        let (record_tx, record_rx) = mpsc::unbounded_channel();
        let pump = tokio::spawn(pump(shared.clone(), events, record_tx.clone()));
        tokio::spawn(recorder(shared.clone(), record_rx));
        let session = ChromiumSession {
            shared,
            _tasks: Arc::new(Tasks {
                pump,
                _record_tx: record_tx,
            }),
        };
        // Workers of every origin (the page's auto-attach only reaches workers in its own scope).
        browser.send(SetDiscoverTargets { discover: true }).await?;
        let page = &session.shared.page;
        page.send(SetAutoAttach {
            auto_attach: true,
            wait_for_debugger_on_start: false,
            flatten: true,
        })
        .await?;
        page.send(service_worker::Enable {}).await?;
        tracing::info!(endpoint = %session.shared.endpoint, page = %session.shared.page_target_id, "Chromium session ready");
        Ok(session)
    }

    /// A new session on a (possibly different) endpoint that carries over this one's options, engine and
    /// recorded services. Use it after the browser went away; events already recorded stay in the store.
    pub async fn reconnect(&self, endpoint: Option<Endpoint>) -> Result<ChromiumSession> {
        let endpoint = endpoint.unwrap_or_else(|| self.shared.endpoint.clone());
        let next = ChromiumSession::connect(&endpoint, self.shared.options.clone()).await?;
        if let Some(engine) = self.shared.engine.borrow().clone() {
            next.record_into(engine);
        }
        let (observing, recording) = {
            let s = self.shared.lock();
            (s.observing.clone(), s.recording.clone())
        };
        for service in observing {
            next.observe(service).await?;
        }
        for service in recording {
            next.set_recording(service, true).await?;
        }
        Ok(next)
    }

    // ---- plumbing ----

    /// The connection.
    pub fn client(&self) -> &CdpClient {
        &self.shared.client
    }

    /// The page session the `ServiceWorker` and `BackgroundService` domains run on.
    pub fn page_session(&self) -> &CdpSession {
        &self.shared.page
    }

    /// The endpoint it connected to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.shared.endpoint
    }

    /// The options.
    pub fn options(&self) -> &SessionOptions {
        &self.shared.options
    }

    /// Whether the browser is still connected.
    pub fn is_connected(&self) -> bool {
        self.shared.client.is_connected()
    }

    /// Resolves with the reason once the browser has disconnected.
    pub async fn disconnected(&self) -> String {
        self.shared.client.closed().await
    }

    /// Closes the connection (the browser keeps running).
    pub fn close(&self) {
        self.shared.client.close();
    }

    /// A counter that moves whenever Chromium reports a change of its registrations, versions or worker
    /// targets (and when the session ends): watch it to refresh a list of [`ChromiumSession::registrations`].
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.shared.changed.subscribe()
    }

    /// The browser's product and version, e.g. `HeadlessChrome/156.0.8078.79`.
    pub async fn browser_version(&self) -> Result<String> {
        Ok(self
            .shared
            .browser()
            .send(crate::protocol::browser::GetVersion {})
            .await?
            .product)
    }

    // ---- DevTools' "Update on reload" and "Bypass for network" ----

    /// DevTools' "Update on reload": every page load updates its service worker (re-fetched and installed
    /// even when unchanged). `ServiceWorker.setForceUpdateOnPageLoad` on the page session; it holds for the
    /// whole browser while this session lasts.
    pub async fn set_update_on_reload(&self, on: bool) -> Result<()> {
        self.shared
            .page
            .send(crate::protocol::service_worker::SetForceUpdateOnPageLoad {
                force_update_on_page_load: on,
            })
            .await?;
        Ok(())
    }

    /// DevTools' "Bypass for network": `Network.setBypassServiceWorker` on the session's own page and on every
    /// page opened through [`ChromiumSession::open_page`] (pages opened later get it too). CDP sets it per page
    /// session, so pages the user opened in the browser itself are not affected.
    pub async fn set_bypass_for_network(&self, bypass: bool) -> Result<()> {
        let pages = {
            let mut s = self.shared.lock();
            s.bypass_for_network = bypass;
            s.pages.clone()
        };
        set_bypass(&self.shared.page, bypass).await?;
        for id in pages {
            let session = self.shared.client.session(id.clone());
            if let Err(e) = set_bypass(&session, bypass).await {
                // A page closed meanwhile: forget it.
                tracing::debug!(session = %id, error = %e, "could not set Bypass for network on a page");
                self.shared.lock().pages.retain(|p| *p != id);
            }
        }
        Ok(())
    }

    // ---- pages ----

    /// Opens a new page at `url` and attaches to it (for page-side script: registering syncs, say).
    pub async fn open_page(&self, url: &str) -> Result<PageHandle> {
        let browser = self.shared.browser();
        let target_id = browser
            .send(CreateTarget { url: url.into() })
            .await?
            .target_id;
        let session_id = browser
            .send(AttachToTarget {
                target_id: target_id.clone(),
                flatten: true,
            })
            .await?
            .session_id;
        let bypass = {
            let mut s = self.shared.lock();
            s.pages.push(session_id.clone());
            s.bypass_for_network
        };
        if bypass {
            set_bypass(&self.shared.client.session(session_id.clone()), true).await?;
        }
        Ok(PageHandle {
            target_id,
            session: self.shared.client.session(session_id),
            timeout: self.shared.options.command_timeout,
        })
    }
}
