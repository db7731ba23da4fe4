//! The target picker: the embedded engine (the default) or a real Chromium attached over the DevTools
//! Protocol (`syncscope-cdp`'s [`ChromiumConnection`]). While a Chromium is attached its events are recorded
//! into the same engine store (so the Background services views show them), and the Service workers view's
//! Sync, Periodic sync and Offline act on it. No Tauri here: the commands forward to [`ChromiumPicker`].

use std::sync::{Arc, Mutex, MutexGuard};

use syncscope_cdp::{
    AttachTo, CdpError, ChromiumConnection, ConnectionState, LaunchOptions, SessionOptions,
};
use syncscope_engine::{EngineHandle, Service};
use tokio::sync::watch;

use crate::dto::{
    AttachChromiumArgs, ChromiumWorker, CommandError, CommandResult, SwOptions, TargetState,
    TargetStatus,
};

impl From<CdpError> for CommandError {
    fn from(e: CdpError) -> Self {
        let kind = match &e {
            CdpError::InvalidInput(_) => "input",
            CdpError::Disconnected { .. } => "disconnected",
            _ => "chromium",
        };
        CommandError::new(kind, e.to_string())
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The attached Chromium, if any, and what the UI shows about it.
pub struct ChromiumPicker {
    options: SessionOptions,
    conn: Mutex<Option<Arc<ChromiumConnection>>>,
    /// What an attach in progress is reaching.
    connecting: Mutex<Option<String>>,
    /// Whether Offline was last set on the attached browser's workers.
    offline: Mutex<bool>,
    /// Moves on every change of the status (attach, detach, disconnect, Chromium's registrations).
    changed: watch::Sender<u64>,
    forward: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Default for ChromiumPicker {
    fn default() -> Self {
        ChromiumPicker::new(SessionOptions::default())
    }
}

impl ChromiumPicker {
    /// A picker on the embedded engine; attached sessions use `options`.
    pub fn new(options: SessionOptions) -> ChromiumPicker {
        ChromiumPicker {
            options,
            conn: Mutex::new(None),
            connecting: Mutex::new(None),
            offline: Mutex::new(false),
            changed: watch::channel(0).0,
            forward: Mutex::new(None),
        }
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Changes of [`ChromiumPicker::status`], to push to the window.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// The target now: embedded, connecting, connected (with Chromium's registrations) or disconnected.
    pub fn status(&self) -> TargetStatus {
        let conn = lock(&self.conn).clone();
        let Some(conn) = conn else {
            return match lock(&self.connecting).clone() {
                Some(endpoint) => TargetStatus {
                    state: TargetState::Connecting,
                    endpoint: Some(endpoint),
                    ..TargetStatus::embedded()
                },
                None => TargetStatus::embedded(),
            };
        };
        let (state, error) = match conn.state() {
            ConnectionState::Connected => (TargetState::Connected, None),
            ConnectionState::Disconnected { reason } => (TargetState::Disconnected, Some(reason)),
        };
        TargetStatus {
            state,
            endpoint: Some(conn.description().to_string()),
            browser: Some(conn.version().to_string()).filter(|v| !v.is_empty()),
            launched: conn.launched(),
            error,
            offline: *lock(&self.offline),
            workers: conn
                .registrations()
                .into_iter()
                .map(|r| {
                    let v = r.active_version();
                    ChromiumWorker {
                        script_url: v.map(|v| v.script_url.clone()).unwrap_or_default(),
                        status: v.map(|v| v.status.clone()).unwrap_or_default(),
                        running_status: v.map(|v| v.running_status.clone()).unwrap_or_default(),
                        registration_id: r.registration_id,
                        scope_url: r.scope_url,
                        origin: r.origin,
                    }
                })
                .collect(),
        }
    }

    /// Launches Chromium or attaches to one by its DevTools port or ws:// URL, records its events into
    /// `engine`, and applies the Service workers toolbar's switches to it. A browser that went away is replaced;
    /// one still attached must be detached first.
    pub async fn attach(
        &self,
        args: &AttachChromiumArgs,
        engine: EngineHandle,
        sw: SwOptions,
    ) -> CommandResult<TargetStatus> {
        let to = match (args.launch, args.address.as_deref().map(str::trim)) {
            (true, Some(a)) if !a.is_empty() => {
                return Err(CommandError::input(
                    "either launch Chromium or give the address of a running one, not both",
                ));
            }
            (true, _) => AttachTo::Launch(LaunchOptions {
                headless: args.headless,
                ..LaunchOptions::default()
            }),
            (false, a) => AttachTo::address(a.unwrap_or_default())?,
        };
        let what = match &to {
            AttachTo::Launch(_) => "a new Chromium".to_string(),
            AttachTo::Endpoint(e) => e.to_string(),
        };
        {
            let conn = lock(&self.conn);
            if let Some(c) = conn.as_ref()
                && c.state() == ConnectionState::Connected
            {
                return Err(CommandError::input(format!(
                    "already attached to {}: detach first",
                    c.description()
                )));
            }
            let mut connecting = lock(&self.connecting);
            if let Some(other) = connecting.as_ref() {
                return Err(CommandError::input(format!(
                    "already attaching to {other}: wait for it"
                )));
            }
            *connecting = Some(what);
        }
        self.bump();
        // A browser that went away is dropped now.
        let stale = lock(&self.conn).take();
        if let Some(stale) = stale {
            stale.close().await;
        }
        let opened = ChromiumConnection::open(to, engine, self.options.clone()).await;
        *lock(&self.connecting) = None;
        let conn = match opened {
            Ok(c) => Arc::new(c),
            Err(e) => {
                self.bump();
                return Err(e.into());
            }
        };
        if let Err(e) = apply_sw_options(&conn, sw).await {
            tracing::warn!(error = %e, "could not apply Update on reload / Bypass for network to the browser");
        }
        *lock(&self.offline) = false;
        let mut changes = conn.session().changes();
        let mut state = conn.watch_state();
        let changed = self.changed.clone();
        let forward = tokio::spawn(async move {
            loop {
                tokio::select! {
                    r = changes.changed() => if r.is_err() { return },
                    r = state.changed() => if r.is_err() { return },
                }
                changed.send_modify(|n| *n = n.wrapping_add(1));
            }
        });
        if let Some(old) = lock(&self.forward).replace(forward) {
            old.abort();
        }
        *lock(&self.conn) = Some(conn);
        self.bump();
        Ok(self.status())
    }

    /// Detaches (stopping a browser launched here) and returns to the embedded engine. Recorded events stay.
    pub async fn detach(&self) -> TargetStatus {
        if let Some(f) = lock(&self.forward).take() {
            f.abort();
        }
        let conn = lock(&self.conn).take();
        if let Some(conn) = conn {
            conn.close().await;
        }
        *lock(&self.offline) = false;
        self.bump();
        self.status()
    }

    /// Whether a browser is attached (connected or not).
    pub fn is_attached(&self) -> bool {
        lock(&self.conn).is_some()
    }

    fn connection(&self) -> CommandResult<Arc<ChromiumConnection>> {
        lock(&self.conn).clone().ok_or_else(|| {
            CommandError::input(
                "no Chromium is attached: attach to one (or launch one) in the Service workers view first",
            )
        })
    }

    /// DevTools' Sync button on a Chromium registration; Chromium logs "Dispatched sync event".
    pub async fn dispatch_sync(
        &self,
        registration_id: &str,
        tag: &str,
        last_chance: bool,
    ) -> CommandResult<()> {
        let tag = checked_tag(tag)?;
        self.connection()?
            .dispatch_sync(registration_id, tag, last_chance)
            .await?;
        Ok(())
    }

    /// DevTools' Periodic sync button on a Chromium registration.
    pub async fn dispatch_periodic_sync(
        &self,
        registration_id: &str,
        tag: &str,
    ) -> CommandResult<()> {
        let tag = checked_tag(tag)?;
        self.connection()?
            .dispatch_periodic_sync(registration_id, tag)
            .await?;
        Ok(())
    }

    /// Offline on every worker of the attached browser (pending syncs are held; online releases them).
    pub async fn set_offline(&self, offline: bool) -> CommandResult<TargetStatus> {
        let conn = self.connection()?;
        let report = conn.set_offline(offline).await?;
        *lock(&self.offline) = offline;
        self.bump();
        if !report.failed.is_empty() {
            let list: Vec<String> = report
                .failed
                .iter()
                .map(|(scope, why)| format!("{scope}: {why}"))
                .collect();
            return Err(CommandError::new(
                "chromium",
                format!(
                    "could not take every worker {}: {}",
                    if offline { "offline" } else { "online" },
                    list.join("; ")
                ),
            ));
        }
        Ok(self.status())
    }

    /// Opens a page of the user's PWA in the attached browser.
    pub async fn open_page(&self, url: &str) -> CommandResult<TargetStatus> {
        let url = url.trim();
        let parsed = url::Url::parse(url)
            .map_err(|e| CommandError::input(format!("{url:?} is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(CommandError::input(format!(
                "{url}: give an http or https page of your app"
            )));
        }
        self.connection()?
            .session()
            .open_page(parsed.as_str())
            .await?;
        Ok(self.status())
    }

    /// Mirrors the Record switch to the attached browser, if any.
    pub async fn set_recording(&self, service: Service, on: bool) -> CommandResult<()> {
        let conn = lock(&self.conn).clone();
        if let Some(conn) = conn
            && conn.state() == ConnectionState::Connected
        {
            conn.set_recording(service, on).await?;
        }
        Ok(())
    }

    /// Applies the Service workers toolbar's switches to the attached browser, if any.
    pub async fn set_sw_options(&self, sw: SwOptions) -> CommandResult<()> {
        let conn = lock(&self.conn).clone();
        if let Some(conn) = conn
            && conn.state() == ConnectionState::Connected
        {
            apply_sw_options(&conn, sw).await?;
        }
        Ok(())
    }
}

async fn apply_sw_options(conn: &ChromiumConnection, sw: SwOptions) -> Result<(), CdpError> {
    conn.session()
        .set_update_on_reload(sw.update_on_reload)
        .await?;
    conn.session()
        .set_bypass_for_network(sw.bypass_for_network)
        .await
}

fn checked_tag(tag: &str) -> CommandResult<&str> {
    if tag.is_empty() {
        return Err(CommandError::input("give a tag"));
    }
    if tag.len() > 10_240 {
        return Err(CommandError::input(
            "the tag is longer than 10240 characters (Chromium refuses it)",
        ));
    }
    Ok(tag)
}
